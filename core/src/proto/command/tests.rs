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

fn err(c: Command, o: EncodeOptions) -> crate::ErrorKind {
    c.encode("A1", &o).unwrap_err().kind()
}

fn one() -> SequenceSet {
    SequenceSet::parse("1").unwrap()
}

#[test]
fn fetch_text_parses_into_types() {
    let f = FetchAttributes::parse(
        "(flags body.peek[1.2.HEADER.FIELDS.NOT (X-A Received)]<5.10> BINARY[3] rfc822.size)",
    )
    .unwrap();
    assert_eq!(
        f,
        FetchAttributes::Attrs(vec![
            FetchAttr::Flags,
            FetchAttr::BodySection {
                peek: true,
                section: Section {
                    part: vec![1, 2],
                    text: Some(SectionText::HeaderFieldsNot(vec![
                        "X-A".into(),
                        "Received".into()
                    ])),
                },
                partial: Some((5, 10)),
            },
            FetchAttr::Binary {
                peek: false,
                part: vec![3],
                partial: None
            },
            FetchAttr::Rfc822Size,
        ])
    );
    assert_eq!(
        FetchAttributes::parse(" all ").unwrap(),
        FetchAttributes::All
    );
    assert_eq!(
        FetchAttributes::parse("BODY[]").unwrap(),
        FetchAttributes::Attrs(vec![FetchAttr::BodySection {
            peek: false,
            section: Section::default(),
            partial: None
        }])
    );
    assert_eq!(
        FetchAttributes::parse("BODY").unwrap(),
        FetchAttributes::Attrs(vec![FetchAttr::Body])
    );
    assert_eq!(
        FetchAttributes::parse("BODY[2.MIME]").unwrap(),
        FetchAttributes::Attrs(vec![FetchAttr::BodySection {
            peek: false,
            section: Section {
                part: vec![2],
                text: Some(SectionText::Mime)
            },
            partial: None
        }])
    );
    for bad in [
        "",
        "()",
        "(FLAGS  UID)",
        "FLAGS UID",
        "BODY[MIME]",
        "BODY[0]",
        "BODY[1.]",
        "BODY[]<1.0>",
        "BODY[]<1>",
        "BODY.PEEK",
        "BINARY[TEXT]",
        "BODY[HEADER.FIELDS ()]",
        "BODY[HEADER.FIELDS (A:B)]",
        "X-UNKNOWN",
        "PREVIEW (FOO)",
        "(FLAGS))",
        "BODY[4294967296]",
        "ALL FAST",
    ] {
        assert!(FetchAttributes::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn typed_fetch_is_validated() {
    let o = EncodeOptions::default();
    let f = |items, uid, m| Command::Fetch {
        set: one(),
        items,
        uid,
        modifiers: m,
    };
    let body = |part: Vec<u32>, text, partial| {
        FetchAttributes::Attrs(vec![FetchAttr::BodySection {
            peek: false,
            section: Section { part, text },
            partial,
        }])
    };
    let none = FetchModifiers::default();
    for c in [
        f(FetchAttributes::Attrs(vec![]), false, none),
        f(body(vec![0], None, None), false, none),
        f(body(vec![], Some(SectionText::Mime), None), false, none),
        f(body(vec![1], None, Some((0, 0))), false, none),
        f(
            body(vec![], Some(SectionText::HeaderFields(vec![])), None),
            false,
            none,
        ),
        f(
            body(
                vec![],
                Some(SectionText::HeaderFields(vec!["a b".into()])),
                None,
            ),
            false,
            none,
        ),
        f(
            FetchAttributes::Fast,
            false,
            FetchModifiers {
                changed_since: Some(1),
                vanished: true,
            },
        ),
        f(
            FetchAttributes::Fast,
            true,
            FetchModifiers {
                changed_since: None,
                vanished: true,
            },
        ),
        f(
            FetchAttributes::Fast,
            true,
            FetchModifiers {
                changed_since: Some(u64::MAX),
                vanished: false,
            },
        ),
    ] {
        assert_eq!(
            err(c.clone(), o),
            crate::ErrorKind::InvalidArgument,
            "{c:?}"
        );
    }
}

#[test]
fn other_arguments_are_validated() {
    let o = EncodeOptions::default();
    let store = |flags: Vec<Flag>| Command::Store {
        set: one(),
        op: StoreOp::Replace,
        flags,
        silent: false,
        uid: false,
        unchanged_since: None,
    };
    let bad = [
        store(vec![Flag::Recent]),
        store(vec![Flag::MayCreate]),
        Command::Enable(vec![]),
        Command::Status {
            mailbox: "INBOX".into(),
            items: vec![],
        },
        Command::Append {
            mailbox: "INBOX".into(),
            messages: vec![],
        },
        Command::Delete(String::new()),
        Command::Search(Search::new(vec![])),
        Command::Search(Search::new(vec![SearchKey::And(vec![])])),
        Command::Search(Search::new(vec![SearchKey::Older(0)])),
        Command::Search(Search::new(vec![SearchKey::EmailId("a".repeat(256))])),
        Command::Search(Search::new(vec![SearchKey::ModSeq {
            flag: Some((Flag::Recent, EntryType::All)),
            modseq: 1,
        }])),
        Command::Search(Search::new(vec![SearchKey::ModSeq {
            flag: None,
            modseq: 1 << 63,
        }])),
        Command::List(ListCommand {
            patterns: vec![],
            ..ListCommand::default()
        }),
        Command::Sort(Sort {
            criteria: vec![],
            charset: None,
            search: vec![SearchKey::All],
            ret: None,
            uid: false,
        }),
        Command::Id(Some(vec![("x".repeat(31), None)])),
        Command::Id(Some(vec![("x".into(), Some("v".repeat(1025)))])),
        Command::Id(Some(vec![("x".into(), None); 31])),
        Command::GetMetadata {
            mailbox: String::new(),
            entries: vec![],
            max_size: None,
            depth: None,
        },
        Command::SetMetadata {
            mailbox: String::new(),
            entries: vec![],
        },
    ];
    for c in bad {
        assert_eq!(
            err(c.clone(), o),
            crate::ErrorKind::InvalidArgument,
            "{c:?}"
        );
    }
    for e in [
        "/other/x",
        "/shared/",
        "/shared//x",
        "/shared/*",
        "/private/%",
        "shared/x",
        "",
    ] {
        let c = Command::GetMetadata {
            mailbox: String::new(),
            entries: vec![e.into()],
            max_size: None,
            depth: None,
        };
        assert_eq!(err(c, o), crate::ErrorKind::InvalidArgument, "{e:?}");
    }
    // A nesting a server would never accept is refused without exhausting the stack.
    let mut k = SearchKey::All;
    for _ in 0..500 {
        k = SearchKey::Not(Box::new(k));
    }
    assert_eq!(
        err(Command::Search(Search::new(vec![k])), o),
        crate::ErrorKind::InvalidArgument
    );
}

#[test]
fn dates() {
    assert_eq!(Date::new(2024, 2, 29).unwrap().to_string(), "29-Feb-2024");
    assert_eq!(Date::new(1, 12, 31).unwrap().to_string(), "31-Dec-0001");
    for (y, m, d) in [
        (2023, 2, 29),
        (2024, 13, 1),
        (2024, 0, 1),
        (2024, 1, 0),
        (0, 1, 1),
    ] {
        assert!(Date::new(y, m, d).is_err(), "{y}-{m}-{d}");
    }
    let dt = crate::proto::datetime::DateTime {
        year: 2024,
        month: 11,
        day: 15,
        hour: 9,
        minute: 5,
        second: 7,
        offset_minutes: 330,
    };
    assert_eq!(
        date::date_time(&dt).unwrap(),
        "\"15-Nov-2024 09:05:07 +0530\""
    );
    assert!(date::date_time(&crate::proto::datetime::DateTime {
        month: 2,
        day: 30,
        ..dt
    })
    .is_err());
    assert!(date::date_time(&crate::proto::datetime::DateTime {
        offset_minutes: 24 * 60,
        ..dt
    })
    .is_err());
}

#[test]
fn traces_hide_secrets_and_data() {
    let o = EncodeOptions::default();
    // A password that must go as a literal is still redacted, and so is its Debug.
    let c = Command::Login {
        user: "ann".into(),
        password: Secret(b"h\xfcnter2".to_vec()),
    };
    let e = c.encode("A1", &o).unwrap();
    assert_eq!(e.trace, "A1 LOGIN ann {7} <redacted>");
    assert!(!format!("{e:?}{c:?}").contains("nter2"));
    let c = Command::Append {
        mailbox: "INBOX".into(),
        messages: vec![AppendMessage::new("private words\r\n")],
    };
    let e = c.encode("A1", &o).unwrap();
    assert_eq!(e.trace, "A1 APPEND INBOX {15} <15 bytes>");
    assert!(!format!("{c:?}").contains("private"));
    // Ordinary strings in literals are shown, escaped onto one line.
    let c = Command::Search(Search::new(vec![SearchKey::Subject("für".into())]));
    let e = c.encode("A1", &o).unwrap();
    assert_eq!(e.trace, "A1 SEARCH CHARSET UTF-8 SUBJECT {4} für");
    let utf8 = EncodeOptions { utf8: true, ..o };
    let e = c.encode("A1", &utf8).unwrap();
    assert_eq!(
        e.segments,
        vec!["A1 SEARCH SUBJECT \"für\"\r\n".as_bytes().to_vec()]
    );
    assert_eq!(idle_done().trace, "DONE");
}

#[test]
fn names() {
    let cases = [
        (Command::Idle, "IDLE"),
        (Command::UidExpunge(one()), "UID EXPUNGE"),
        (
            Command::Copy {
                set: one(),
                mailbox: "x".into(),
                uid: true,
            },
            "UID COPY",
        ),
        (Command::CompressDeflate, "COMPRESS"),
        (Command::Search(Search::new(vec![SearchKey::All])), "SEARCH"),
    ];
    for (c, n) in cases {
        assert_eq!(c.name(), n);
    }
}
