use super::*;

fn enc(c: Command, o: EncodeOptions) -> Vec<Vec<u8>> {
    c.encode("A1", &o).unwrap().segments
}

#[test]
fn login_quoting_and_literals() {
    let o = EncodeOptions::default();
    let c = Command::Login {
        user: "alice".into(),
        password: Secret::from("p w\"x"),
    };
    let e = c.encode("A1", &o).unwrap();
    assert_eq!(
        e.segments,
        vec![b"A1 LOGIN alice \"p w\\\"x\"\r\n".to_vec()]
    );
    assert_eq!(e.trace, "A1 LOGIN alice <redacted>");
    assert!(!format!("{e:?}").contains("p w"));
    // 8-bit password without UTF-8 enabled: synchronising literal, two segments.
    let c = Command::Login {
        user: "bob".into(),
        password: Secret::from("pässword"),
    };
    let segs = enc(c.clone(), o);
    assert_eq!(
        segs,
        vec![
            b"A1 LOGIN bob {9}\r\n".to_vec(),
            "pässword\r\n".as_bytes().to_vec()
        ]
    );
    let segs = enc(
        c,
        EncodeOptions {
            literal_plus: true,
            ..o
        },
    );
    assert_eq!(
        segs,
        vec!["A1 LOGIN bob {9+}\r\npässword\r\n".as_bytes().to_vec()]
    );
}

#[test]
fn injection_refused() {
    let o = EncodeOptions::default();
    let bad = [
        Command::Login {
            user: "a\r\nA2 LOGOUT".into(),
            password: Secret::from("x"),
        },
        Command::Login {
            user: "a".into(),
            password: Secret::from("x\0"),
        },
        Command::Select {
            mailbox: "INBOX\r\nA2 DELETE x".into(),
            read_only: false,
            params: SelectParams::default(),
        },
        Command::Enable(vec!["IMAP4rev2 X".into()]),
        Command::Authenticate {
            mechanism: "PLAIN\r\n".into(),
            initial_response: None,
        },
        Command::Store {
            set: SequenceSet::parse("1").unwrap(),
            op: StoreOp::Add,
            flags: vec![Flag::Keyword("a b".into())],
            silent: false,
            uid: false,
            unchanged_since: None,
        },
    ];
    for c in bad {
        assert_eq!(
            c.encode("A1", &o).unwrap_err().kind(),
            crate::ErrorKind::InvalidArgument,
            "{c:?}"
        );
    }
    for bad in [
        "FULL\r\n",
        "(FLAGS",
        "BODY[HEADER",
        "\"x\"",
        "{5}",
        "BODY[]]",
    ] {
        assert!(FetchAttributes::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn commands() {
    let o = EncodeOptions::default();
    let set = SequenceSet::parse("1:3").unwrap();
    let c = Command::Fetch {
        set: set.clone(),
        items: FetchAttributes::parse("(FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)").unwrap(),
        uid: true,
        modifiers: FetchModifiers::default(),
    };
    assert_eq!(
        enc(c, o),
        vec![b"A1 UID FETCH 1:3 (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n".to_vec()]
    );
    let c = Command::Store {
        set,
        op: StoreOp::Remove,
        flags: vec![Flag::Deleted, Flag::Keyword("$Junk".into())],
        silent: false,
        uid: false,
        unchanged_since: None,
    };
    assert_eq!(
        enc(c, o),
        vec![b"A1 STORE 1:3 -FLAGS (\\Deleted $Junk)\r\n".to_vec()]
    );
    let c = Command::Select {
        mailbox: "inbox".into(),
        read_only: true,
        params: SelectParams::default(),
    };
    assert_eq!(enc(c, o), vec![b"A1 EXAMINE INBOX\r\n".to_vec()]);
    let c = Command::Authenticate {
        mechanism: "PLAIN".into(),
        initial_response: Some(Secret::from("\0u\0p")),
    };
    let e = c
        .encode("A1", &EncodeOptions { sasl_ir: true, ..o })
        .unwrap();
    assert_eq!(
        e.segments,
        vec![b"A1 AUTHENTICATE PLAIN AHUAcA==\r\n".to_vec()]
    );
    assert_eq!(e.trace, "A1 AUTHENTICATE PLAIN <redacted>");
}
