//! Known-answer tests: the example commands of RFC 3501 §6, RFC 9051 §6 and the extension
//! RFCs, built from types, with the exact bytes expected. Where the RFC's spelling differs
//! from the canonical form this encoder emits (lower-case keywords, a quoted string where an
//! atom is equally valid, `(FLAGS)` for a one-item list), the expectation is the canonical
//! form and the comment gives the RFC's text.
use libimap::proto::command::*;
use libimap::proto::datetime::DateTime;
use libimap::proto::sequence::SequenceSet;
use libimap::{ErrorKind, Flag};

const PLAIN: EncodeOptions = EncodeOptions {
    literal_plus: false,
    literal_minus: false,
    utf8: false,
    sasl_ir: false,
    binary: false,
};

fn enc(tag: &str, c: &Command, o: EncodeOptions) -> Vec<Vec<u8>> {
    c.encode(tag, &o)
        .unwrap_or_else(|e| panic!("{c:?}: {e}"))
        .segments
}

/// The single line `c` encodes to, without its CRLF.
fn line_with(tag: &str, c: Command, o: EncodeOptions) -> String {
    let segs = enc(tag, &c, o);
    assert_eq!(segs.len(), 1, "{c:?} needs continuations: {segs:?}");
    let s = String::from_utf8(segs[0].clone()).unwrap();
    s.strip_suffix("\r\n").expect("ends with CRLF").to_string()
}

fn line(tag: &str, c: Command) -> String {
    line_with(tag, c, PLAIN)
}

fn set(s: &str) -> SequenceSet {
    SequenceSet::parse(s).unwrap()
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn mbox(c: fn(String) -> Command, name: &str) -> Command {
    c(name.to_string())
}

fn search(keys: Vec<SearchKey>) -> Command {
    Command::Search(Search::new(keys))
}

fn not(k: SearchKey) -> SearchKey {
    SearchKey::Not(Box::new(k))
}

fn fetch_with(s: &str, items: &str, uid: bool, modifiers: FetchModifiers) -> Command {
    Command::Fetch {
        set: set(s),
        items: FetchAttributes::parse(items).unwrap(),
        uid,
        modifiers,
    }
}

fn fetch(s: &str, items: &str) -> Command {
    fetch_with(s, items, false, FetchModifiers::default())
}

fn uid_fetch(s: &str, items: &str) -> Command {
    fetch_with(s, items, true, FetchModifiers::default())
}

fn select(name: &str, params: SelectParams) -> Command {
    Command::Select {
        mailbox: name.into(),
        read_only: false,
        params,
    }
}

#[test]
fn rfc3501_any_state_and_not_authenticated() {
    assert_eq!(line("abcd", Command::Capability), "abcd CAPABILITY");
    assert_eq!(line("a002", Command::Noop), "a002 NOOP");
    assert_eq!(line("A023", Command::Logout), "A023 LOGOUT");
    assert_eq!(line("a001", Command::StartTls), "a001 STARTTLS");
    let auth = Command::Authenticate {
        mechanism: "GSSAPI".into(),
        initial_response: None,
    };
    assert_eq!(line("A001", auth), "A001 AUTHENTICATE GSSAPI");
    let login = Command::Login {
        user: "SMITH".into(),
        password: Secret::from("SESAME"),
    };
    let e = login.encode("a001", &PLAIN).unwrap();
    assert_eq!(e.segments, vec![b"a001 LOGIN SMITH SESAME\r\n".to_vec()]);
    assert_eq!(e.trace, "a001 LOGIN SMITH <redacted>");
}

#[test]
fn rfc3501_authenticated_state() {
    let examine = Command::Select {
        mailbox: "blurdybloop".into(),
        read_only: true,
        params: SelectParams::default(),
    };
    assert_eq!(
        line("A142", select("INBOX", SelectParams::default())),
        "A142 SELECT INBOX"
    );
    assert_eq!(line("A932", examine), "A932 EXAMINE blurdybloop");
    let create = |n: &str| Command::Create {
        mailbox: n.into(),
        special_use: vec![],
    };
    assert_eq!(
        line("A003", create("owatagusiam/")),
        "A003 CREATE owatagusiam/"
    );
    assert_eq!(
        line("A004", create("owatagusiam/blurdybloop")),
        "A004 CREATE owatagusiam/blurdybloop"
    );
    assert_eq!(
        line("A683", mbox(Command::Delete, "blurdybloop")),
        "A683 DELETE blurdybloop"
    );
    assert_eq!(
        line("A685", mbox(Command::Delete, "foo/bar")),
        "A685 DELETE foo/bar"
    );
    let rename = Command::Rename {
        from: "blurdybloop".into(),
        to: "sarasoop".into(),
    };
    assert_eq!(line("A683", rename), "A683 RENAME blurdybloop sarasoop");
    assert_eq!(
        line("A002", mbox(Command::Subscribe, "#news.comp.mail.mime")),
        "A002 SUBSCRIBE #news.comp.mail.mime"
    );
    assert_eq!(
        line("A002", mbox(Command::Unsubscribe, "#news.comp.mail.mime")),
        "A002 UNSUBSCRIBE #news.comp.mail.mime"
    );
    let list = |r: &str, p: &str| Command::List(ListCommand::new(r, p));
    assert_eq!(line("A682", list("", "*")), "A682 LIST \"\" *");
    assert_eq!(line("A101", list("", "")), "A101 LIST \"\" \"\"");
    assert_eq!(
        line("A102", list("#news.comp.mail.misc", "")),
        "A102 LIST #news.comp.mail.misc \"\""
    );
    assert_eq!(
        line("A103", list("/usr/staff/jones", "")),
        "A103 LIST /usr/staff/jones \"\""
    );
    assert_eq!(line("A202", list("~/Mail/", "%")), "A202 LIST ~/Mail/ %");
    // RFC: A002 LSUB "#news." "comp.mail.*" (both are atoms as well).
    let lsub = Command::Lsub {
        reference: "#news.".into(),
        pattern: "comp.mail.*".into(),
    };
    assert_eq!(line("A002", lsub), "A002 LSUB #news. comp.mail.*");
    let status = Command::Status {
        mailbox: "blurdybloop".into(),
        items: vec![StatusItem::UidNext, StatusItem::Messages],
    };
    assert_eq!(
        line("A042", status),
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES)"
    );
}

const APPEND_MSG: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@Blurdybloop.COM>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@owatagu.siam.edu\r\n\
Message-Id: <B27397-0100000@Blurdybloop.COM>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

#[test]
fn rfc3501_append_waits_for_the_continuation() {
    assert_eq!(APPEND_MSG.len(), 310);
    let c = Command::Append {
        mailbox: "saved-messages".into(),
        messages: vec![AppendMessage {
            flags: vec![Flag::Seen],
            ..AppendMessage::new(APPEND_MSG)
        }],
    };
    let e = c.encode("A003", &PLAIN).unwrap();
    assert_eq!(
        e.segments,
        vec![
            b"A003 APPEND saved-messages (\\Seen) {310}\r\n".to_vec(),
            format!("{APPEND_MSG}\r\n").into_bytes(),
        ]
    );
    assert_eq!(
        e.trace,
        "A003 APPEND saved-messages (\\Seen) {310} <310 bytes>"
    );
    // With the date-time of RFC 9051's version of the example; the day is space-padded.
    let c = Command::Append {
        mailbox: "saved-messages".into(),
        messages: vec![AppendMessage {
            flags: vec![Flag::Seen],
            date: Some(DateTime {
                year: 1994,
                month: 2,
                day: 7,
                hour: 21,
                minute: 52,
                second: 25,
                offset_minutes: -480,
            }),
            ..AppendMessage::new(APPEND_MSG)
        }],
    };
    let segs = enc("A003", &c, PLAIN);
    assert_eq!(
        segs[0],
        b"A003 APPEND saved-messages (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {310}\r\n"
    );
}

#[test]
fn rfc3501_selected_state() {
    assert_eq!(line("FXXZ", Command::Check), "FXXZ CHECK");
    assert_eq!(line("A341", Command::Close), "A341 CLOSE");
    assert_eq!(line("A202", Command::Expunge), "A202 EXPUNGE");
    let smith = not(SearchKey::From("Smith".into()));
    assert_eq!(
        line(
            "A282",
            search(vec![
                SearchKey::Flagged,
                SearchKey::Since(date(1994, 2, 1)),
                smith.clone()
            ])
        ),
        "A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""
    );
    assert_eq!(
        line(
            "A283",
            search(vec![SearchKey::Text("string not in mailbox".into())])
        ),
        "A283 SEARCH TEXT \"string not in mailbox\""
    );
    // RFC 3501: A284 SEARCH CHARSET UTF-8 TEXT {6}; the text is 8-bit, so a literal.
    let c = search(vec![SearchKey::Text("ΧΧΧ".into())]);
    assert_eq!(
        enc("A284", &c, PLAIN),
        vec![
            b"A284 SEARCH CHARSET UTF-8 TEXT {6}\r\n".to_vec(),
            "ΧΧΧ\r\n".as_bytes().to_vec()
        ]
    );
    assert_eq!(
        line(
            "A654",
            fetch("2:4", "(FLAGS BODY[HEADER.FIELDS (DATE FROM)])")
        ),
        "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"
    );
    // RFC 3501 §6.4.5 `a003 fetch 12 full`, `a004 fetch 12 body[header]`.
    assert_eq!(line("a003", fetch("12", "full")), "a003 FETCH 12 FULL");
    assert_eq!(
        line("a004", fetch("12", "body[header]")),
        "a004 FETCH 12 BODY[HEADER]"
    );
    let store = Command::Store {
        set: set("2:4"),
        op: StoreOp::Add,
        flags: vec![Flag::Deleted],
        silent: false,
        uid: false,
        unchanged_since: None,
    };
    assert_eq!(line("A003", store), "A003 STORE 2:4 +FLAGS (\\Deleted)");
    let copy = Command::Copy {
        set: set("2:4"),
        mailbox: "MEETING".into(),
        uid: false,
    };
    assert_eq!(line("A003", copy), "A003 COPY 2:4 MEETING");
    let c = uid_fetch("4827313:4828442", "FLAGS");
    assert_eq!(line("A999", c), "A999 UID FETCH 4827313:4828442 FLAGS");
}

#[test]
fn rfc9051_additions() {
    assert_eq!(
        line("A1", Command::Enable(vec!["IMAP4rev2".into()])),
        "A1 ENABLE IMAP4rev2"
    );
    assert_eq!(line("A342", Command::Unselect), "A342 UNSELECT");
    assert_eq!(line("A002", Command::Namespace), "A002 NAMESPACE");
    let status = Command::Status {
        mailbox: "blurdybloop".into(),
        items: vec![
            StatusItem::UidNext,
            StatusItem::Messages,
            StatusItem::Size,
            StatusItem::Deleted,
        ],
    };
    assert_eq!(
        line("A042", status),
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES SIZE DELETED)"
    );
    let mv = Command::Move {
        set: set("42:69"),
        mailbox: "foo".into(),
        uid: true,
    };
    assert_eq!(line("a", mv), "a UID MOVE 42:69 foo");
    assert_eq!(
        line("A003", Command::UidExpunge(set("3000:3002"))),
        "A003 UID EXPUNGE 3000:3002"
    );
    let e = Command::Idle.encode("A002", &PLAIN).unwrap();
    assert_eq!(e.segments, vec![b"A002 IDLE\r\n".to_vec()]);
    assert_eq!(idle_done().segments, vec![b"DONE\r\n".to_vec()]);
    // RFC 9051 §6.4.4: SEARCH with ESEARCH return options.
    let base = vec![
        SearchKey::Flagged,
        SearchKey::Since(date(1994, 2, 1)),
        not(SearchKey::From("Smith".into())),
    ];
    let with_ret = |ret: Vec<SearchReturn>| {
        Command::Search(Search {
            ret: Some(ret),
            ..Search::new(base.clone())
        })
    };
    assert_eq!(
        line(
            "A282",
            with_ret(vec![SearchReturn::Min, SearchReturn::Count])
        ),
        "A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""
    );
    assert_eq!(
        line("A283", with_ret(vec![])),
        "A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""
    );
    // RFC 9051 §6.4.4: A285 SEARCH CHARSET UTF-8 TEXT {12} (Cyrillic, 12 octets).
    let c = Command::Search(Search {
        charset: Some("UTF-8".into()),
        ..Search::new(vec![SearchKey::Text("Бюрократ".chars().take(6).collect())])
    });
    let segs = enc("A285", &c, PLAIN);
    assert_eq!(segs[0], b"A285 SEARCH CHARSET UTF-8 TEXT {12}\r\n");
    // RFC 9051 §6.4.5 FETCH examples.
    assert_eq!(
        line(
            "A654",
            fetch("2:4", "(FLAGS BODY[HEADER.FIELDS (DATE FROM)])")
        ),
        "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"
    );
    // RFC 9051 §6.4.8 UID.
    let c = uid_fetch("4827313:4828442", "FLAGS");
    assert_eq!(line("A999", c), "A999 UID FETCH 4827313:4828442 FLAGS");
}

#[test]
fn rfc4959_sasl_ir_and_rfc5161_enable() {
    let o = EncodeOptions {
        sasl_ir: true,
        ..PLAIN
    };
    let c = Command::Authenticate {
        mechanism: "PLAIN".into(),
        initial_response: Some(Secret::from("\0test\0test")),
    };
    let e = c.encode("A01", &o).unwrap();
    assert_eq!(
        e.segments,
        vec![b"A01 AUTHENTICATE PLAIN AHRlc3QAdGVzdA==\r\n".to_vec()]
    );
    assert_eq!(e.trace, "A01 AUTHENTICATE PLAIN <redacted>");
    let c = Command::Authenticate {
        mechanism: "EXTERNAL".into(),
        initial_response: Some(Secret(vec![])),
    };
    assert_eq!(
        line_with("A01", c.clone(), o),
        "A01 AUTHENTICATE EXTERNAL ="
    );
    // Without SASL-IR the response waits for the first challenge.
    assert_eq!(line("A01", c), "A01 AUTHENTICATE EXTERNAL");
    let c = Command::Enable(vec!["CONDSTORE".into(), "X-GOOD-IDEA".into()]);
    assert_eq!(line("t2", c), "t2 ENABLE CONDSTORE X-GOOD-IDEA");
}

#[test]
fn rfc7888_literal_plus_and_minus() {
    let c = Command::Login {
        user: "FRED FOOBAR".into(),
        password: Secret(b"fat\xffman".to_vec()),
    };
    let plus = EncodeOptions {
        literal_plus: true,
        ..PLAIN
    };
    assert_eq!(
        enc("A001", &c, plus),
        vec![b"A001 LOGIN \"FRED FOOBAR\" {7+}\r\nfat\xffman\r\n".to_vec()]
    );
    let minus = EncodeOptions {
        literal_minus: true,
        ..PLAIN
    };
    assert_eq!(enc("A001", &c, minus).len(), 1);
    // LITERAL- allows `{N+}` up to 4096 octets only; past that, wait for `+`.
    let big = |n: usize| Command::Append {
        mailbox: "INBOX".into(),
        messages: vec![AppendMessage::new(vec![b'x'; n])],
    };
    let segs = enc("A1", &big(4096), minus);
    assert_eq!(segs.len(), 1);
    assert!(segs[0].starts_with(b"A1 APPEND INBOX {4096+}\r\nxxx"));
    let segs = enc("A1", &big(4097), minus);
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0], b"A1 APPEND INBOX {4097}\r\n");
    let segs = enc("A1", &big(100_000), plus);
    assert_eq!(segs.len(), 1);
    assert!(segs[0].starts_with(b"A1 APPEND INBOX {100000+}\r\n"));
}

#[test]
fn rfc3502_multiappend_and_rfc3516_binary() {
    let c = Command::Append {
        mailbox: "INBOX".into(),
        messages: vec![
            AppendMessage {
                flags: vec![Flag::Seen],
                ..AppendMessage::new("one")
            },
            AppendMessage::new("two!"),
        ],
    };
    assert_eq!(
        enc("A003", &c, PLAIN),
        vec![
            b"A003 APPEND INBOX (\\Seen) {3}\r\n".to_vec(),
            b"one {4}\r\n".to_vec(),
            b"two!\r\n".to_vec(),
        ]
    );
    let plus = EncodeOptions {
        literal_plus: true,
        ..PLAIN
    };
    assert_eq!(
        enc("A003", &c, plus),
        vec![b"A003 APPEND INBOX (\\Seen) {3+}\r\none {4+}\r\ntwo!\r\n".to_vec()]
    );
    // Binary content (NUL octets) goes as literal8 and needs BINARY.
    let c = Command::Append {
        mailbox: "Drafts".into(),
        messages: vec![AppendMessage {
            flags: vec![Flag::Draft],
            ..AppendMessage::new(&b"he\0lo"[..])
        }],
    };
    assert_eq!(
        c.encode("A003", &PLAIN).unwrap_err().kind(),
        ErrorKind::Unsupported
    );
    let bin = EncodeOptions {
        binary: true,
        ..PLAIN
    };
    assert_eq!(
        enc("A003", &c, bin),
        vec![
            b"A003 APPEND Drafts (\\Draft) ~{5}\r\n".to_vec(),
            b"he\0lo\r\n".to_vec()
        ]
    );
    // RFC 3516 FETCH BINARY examples.
    assert_eq!(
        line(
            "A1",
            fetch("1", "(BINARY.PEEK[1.2]<0.1024> BINARY.SIZE[1] BINARY[])")
        ),
        "A1 FETCH 1 (BINARY.PEEK[1.2]<0.1024> BINARY.SIZE[1] BINARY[])"
    );
}

#[test]
fn rfc6855_utf8_append() {
    let c = Command::Append {
        mailbox: "INBOX".into(),
        messages: vec![AppendMessage {
            utf8: true,
            ..AppendMessage::new("Subject: é\r\n\r\nx")
        }],
    };
    assert_eq!(
        c.encode("A1", &PLAIN).unwrap_err().kind(),
        ErrorKind::Unsupported
    );
    let o = EncodeOptions {
        utf8: true,
        literal_plus: true,
        ..PLAIN
    };
    // RFC 4466: `~{N+}` needs BINARY besides LITERAL+; without it, wait for `+`.
    assert_eq!(
        enc("A1", &c, o),
        vec![
            b"A1 APPEND INBOX UTF8 (~{16}\r\n".to_vec(),
            "Subject: é\r\n\r\nx)\r\n".as_bytes().to_vec()
        ]
    );
    let o = EncodeOptions { binary: true, ..o };
    assert_eq!(
        enc("A1", &c, o),
        vec!["A1 APPEND INBOX UTF8 (~{16+}\r\nSubject: é\r\n\r\nx)\r\n"
            .as_bytes()
            .to_vec()]
    );
}

#[test]
fn rfc2971_id() {
    let c = Command::Id(Some(vec![
        ("name".into(), Some("sodr".into())),
        ("version".into(), Some("19.34".into())),
        ("vendor".into(), Some("Pink Floyd Music Limited".into())),
    ]));
    assert_eq!(
        line("a023", c),
        "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")"
    );
    assert_eq!(line("a024", Command::Id(None)), "a024 ID NIL");
    let c = Command::Id(Some(vec![("os".into(), None)]));
    assert_eq!(line("a", c), "a ID (\"os\" NIL)");
    // A value spelled NIL is a string, not the NIL atom.
    let c = Command::Id(Some(vec![("x".into(), Some("NIL".into()))]));
    assert_eq!(line("a", c), "a ID (\"x\" \"NIL\")");
}

#[test]
fn rfc4731_rfc5182_rfc9394_esearch() {
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::Min]),
        ..Search::new(vec![SearchKey::Unseen])
    });
    assert_eq!(line("A284", c), "A284 SEARCH RETURN (MIN) UNSEEN");
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::Min, SearchReturn::Max]),
        uid: true,
        ..Search::new(vec![SearchKey::Sequence(set("1:5000"))])
    });
    assert_eq!(line("A285", c), "A285 UID SEARCH RETURN (MIN MAX) 1:5000");
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::All]),
        ..Search::new(vec![SearchKey::Or(
            Box::new(SearchKey::And(vec![
                SearchKey::From("a".into()),
                SearchKey::Subject("b".into()),
            ])),
            Box::new(SearchKey::And(vec![
                SearchKey::To("c".into()),
                SearchKey::Header("X-Foo".into(), "".into()),
            ])),
        )])
    });
    assert_eq!(
        line("A284", c),
        "A284 SEARCH RETURN (ALL) OR (FROM \"a\" SUBJECT \"b\") (TO \"c\" HEADER X-Foo \"\")"
    );
    // RFC 5182: SAVE, then `$`.
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::Save]),
        ..Search::new(vec![
            SearchKey::Since(date(2004, 1, 1)),
            not(SearchKey::From("Smith".into())),
        ])
    });
    assert_eq!(
        line("A300", c),
        "A300 SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM \"Smith\""
    );
    let c = Command::Search(Search {
        uid: true,
        ..Search::new(vec![
            SearchKey::Uid(SequenceSet::saved()),
            SearchKey::Smaller(4096),
        ])
    });
    assert_eq!(line("A301", c), "A301 UID SEARCH UID $ SMALLER 4096");
    let c = uid_fetch("$", "(UID FLAGS)");
    assert_eq!(line("A302", c), "A302 UID FETCH $ (UID FLAGS)");
    // RFC 9394 PARTIAL, from either end.
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::Partial(1, 100)]),
        uid: true,
        ..Search::new(vec![
            SearchKey::Undeleted,
            SearchKey::Unkeyword("$Junk".into()),
        ])
    });
    assert_eq!(
        line("A01", c),
        "A01 UID SEARCH RETURN (PARTIAL 1:100) UNDELETED UNKEYWORD $Junk"
    );
    let c = Command::Search(Search {
        ret: Some(vec![SearchReturn::Count, SearchReturn::Partial(-1, -100)]),
        ..Search::new(vec![SearchKey::All])
    });
    assert_eq!(
        line("A02", c),
        "A02 SEARCH RETURN (COUNT PARTIAL -1:-100) ALL"
    );
    for bad in [(0, 5), (1, -5), (-1, 0)] {
        let c = Command::Search(Search {
            ret: Some(vec![SearchReturn::Partial(bad.0, bad.1)]),
            ..Search::new(vec![SearchKey::All])
        });
        assert_eq!(
            c.encode("A", &PLAIN).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }
}

#[test]
fn rfc5258_list_extended_rfc5819_list_status_rfc6154_special_use() {
    let l = |sel: Vec<ListSelect>, pats: &[&str], ret: Vec<ListReturn>| {
        Command::List(ListCommand {
            reference: String::new(),
            patterns: pats.iter().map(|p| p.to_string()).collect(),
            selection: sel,
            ret,
        })
    };
    // RFC 5258 writes the patterns quoted ("*"); they are list-mailbox atoms as well.
    assert_eq!(
        line("A02", l(vec![ListSelect::Subscribed], &["*"], vec![])),
        "A02 LIST (SUBSCRIBED) \"\" *"
    );
    assert_eq!(
        line("A03", l(vec![], &["%"], vec![ListReturn::Children])),
        "A03 LIST \"\" % RETURN (CHILDREN)"
    );
    assert_eq!(
        line(
            "A04",
            l(vec![ListSelect::Remote], &["%"], vec![ListReturn::Children])
        ),
        "A04 LIST (REMOTE) \"\" % RETURN (CHILDREN)"
    );
    assert_eq!(
        line(
            "A06",
            l(
                vec![ListSelect::Subscribed, ListSelect::RecursiveMatch],
                &["%"],
                vec![]
            )
        ),
        "A06 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"
    );
    assert_eq!(
        line("A07", l(vec![], &["INBOX", "Drafts", "Sent/%"], vec![])),
        "A07 LIST \"\" (INBOX Drafts Sent/%)"
    );
    assert_eq!(
        line(
            "A01",
            l(
                vec![],
                &["%"],
                vec![ListReturn::Status(vec![
                    StatusItem::Messages,
                    StatusItem::Unseen
                ])]
            )
        ),
        "A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))"
    );
    assert_eq!(
        line("t1", l(vec![ListSelect::SpecialUse], &["*"], vec![])),
        "t1 LIST (SPECIAL-USE) \"\" *"
    );
    assert_eq!(
        line("t2", l(vec![], &["%"], vec![ListReturn::SpecialUse])),
        "t2 LIST \"\" % RETURN (SPECIAL-USE)"
    );
    assert_eq!(
        l(vec![ListSelect::RecursiveMatch], &["%"], vec![])
            .encode("A", &PLAIN)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    let c = Command::Create {
        mailbox: "MySpecial".into(),
        special_use: vec![SpecialUse::Drafts, SpecialUse::Sent],
    };
    assert_eq!(line("t1", c), "t1 CREATE MySpecial (USE (\\Drafts \\Sent))");
}

#[test]
fn rfc7162_condstore_qresync() {
    assert_eq!(
        line(
            "A160",
            select(
                "INBOX",
                SelectParams {
                    condstore: true,
                    qresync: None
                }
            )
        ),
        "A160 SELECT INBOX (CONDSTORE)"
    );
    let q = |known: Option<&str>, m: Option<(&str, &str)>| SelectParams {
        condstore: false,
        qresync: Some(QResync {
            uidvalidity: 67890007,
            modseq: 20050715194045000,
            known_uids: known.map(set),
            seq_match: m.map(|(a, b)| (set(a), set(b))),
        }),
    };
    assert_eq!(
        line("A142", select("INBOX", q(Some("41,43:211,214:541"), None))),
        "A142 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))"
    );
    assert_eq!(
        line(
            "B142",
            select(
                "INBOX",
                q(Some("1:29997"), Some(("5000,7500,9000,9990:9999", "15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997")))
            )
        ),
        "B142 SELECT INBOX (QRESYNC (67890007 20050715194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))"
    );
    assert_eq!(
        select("INBOX", q(Some("1:*"), None))
            .encode("A", &PLAIN)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    let store = |uid: bool, s: &str, op, silent, since, flags| Command::Store {
        set: set(s),
        op,
        flags,
        silent,
        uid,
        unchanged_since: Some(since),
    };
    assert_eq!(
        line(
            "a103",
            store(
                true,
                "6,4,8",
                StoreOp::Add,
                true,
                12121230045,
                vec![Flag::Deleted]
            )
        ),
        "a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)"
    );
    assert_eq!(
        line(
            "a104",
            store(false, "7,5,9", StoreOp::Replace, true, 0, vec![Flag::Seen])
        ),
        "a104 STORE 7,5,9 (UNCHANGEDSINCE 0) FLAGS.SILENT (\\Seen)"
    );
    // RFC 7162 writes `(FLAGS)`; a one-item list is sent bare.
    let f = |s: &str, since, vanished| {
        let m = FetchModifiers {
            changed_since: Some(since),
            vanished,
        };
        fetch_with(s, "(FLAGS)", true, m)
    };
    assert_eq!(
        line("s100", f("1:*", 12345, false)),
        "s100 UID FETCH 1:* FLAGS (CHANGEDSINCE 12345)"
    );
    assert_eq!(
        line("s101", f("300:500", 12345, true)),
        "s101 UID FETCH 300:500 FLAGS (CHANGEDSINCE 12345 VANISHED)"
    );
    let c = search(vec![SearchKey::ModSeq {
        flag: Some((Flag::Draft, EntryType::All)),
        modseq: 620162338,
    }]);
    assert_eq!(
        line("a", c),
        "a SEARCH MODSEQ \"/flags/\\\\Draft\" all 620162338"
    );
    let c = search(vec![SearchKey::Or(
        Box::new(not(SearchKey::ModSeq {
            flag: None,
            modseq: 720162338,
        })),
        Box::new(SearchKey::Larger(50000)),
    )]);
    assert_eq!(
        line("a", c),
        "a SEARCH OR NOT MODSEQ 720162338 LARGER 50000"
    );
    assert_eq!(
        line(
            "t2",
            Command::Enable(vec!["CONDSTORE".into(), "QRESYNC".into()])
        ),
        "t2 ENABLE CONDSTORE QRESYNC"
    );
    let c = Command::Status {
        mailbox: "blurdybloop".into(),
        items: vec![StatusItem::HighestModSeq],
    };
    assert_eq!(line("C", c), "C STATUS blurdybloop (HIGHESTMODSEQ)");
}

#[test]
fn rfc5256_sort_thread_rfc9586_refs() {
    let sort = |crit: Vec<(SortKey, bool)>, cs: Option<&str>, keys| {
        Command::Sort(Sort {
            criteria: crit,
            charset: cs.map(String::from),
            search: keys,
            ret: None,
            uid: false,
        })
    };
    assert_eq!(
        line(
            "A282",
            sort(
                vec![(SortKey::Subject, false)],
                None,
                vec![SearchKey::Since(date(1994, 2, 1))]
            )
        ),
        "A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994"
    );
    assert_eq!(
        line(
            "A283",
            sort(
                vec![(SortKey::Subject, false), (SortKey::Date, true)],
                None,
                vec![SearchKey::All]
            )
        ),
        "A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL"
    );
    assert_eq!(
        line(
            "A284",
            sort(
                vec![(SortKey::Subject, false)],
                Some("US-ASCII"),
                vec![SearchKey::Text("not in mailbox".into())]
            )
        ),
        "A284 SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\""
    );
    // RFC 5957 DISPLAYFROM/DISPLAYTO; RFC 5267 ESORT.
    let c = Command::Sort(Sort {
        criteria: vec![(SortKey::DisplayFrom, true), (SortKey::DisplayTo, false)],
        charset: None,
        search: vec![SearchKey::All],
        ret: Some(vec![SearchReturn::Min]),
        uid: true,
    });
    assert_eq!(
        line("A1", c),
        "A1 UID SORT RETURN (MIN) (REVERSE DISPLAYFROM DISPLAYTO) UTF-8 ALL"
    );
    let thread = |a, cs: Option<&str>, keys| {
        Command::Thread(Thread {
            algorithm: a,
            charset: cs.map(String::from),
            search: keys,
            uid: false,
        })
    };
    // RFC 5256 writes the date `5-MAR-2000`; month names are case-insensitive.
    assert_eq!(
        line(
            "A283",
            thread(
                ThreadAlgorithm::OrderedSubject,
                None,
                vec![SearchKey::Since(date(2000, 3, 5))]
            )
        ),
        "A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-Mar-2000"
    );
    assert_eq!(
        line(
            "A284",
            thread(
                ThreadAlgorithm::References,
                Some("US-ASCII"),
                vec![SearchKey::Text("gewp".into())]
            )
        ),
        "A284 THREAD REFERENCES US-ASCII TEXT \"gewp\""
    );
    assert_eq!(
        line(
            "A1",
            thread(ThreadAlgorithm::Refs, None, vec![SearchKey::All])
        ),
        "A1 THREAD REFS UTF-8 ALL"
    );
}

#[test]
fn rfc9208_quota_rfc5464_metadata_rfc4978_compress() {
    assert_eq!(
        line("G0001", Command::GetQuota("".into())),
        "G0001 GETQUOTA \"\""
    );
    assert_eq!(
        line("A003", Command::GetQuotaRoot("INBOX".into())),
        "A003 GETQUOTAROOT INBOX"
    );
    let c = Command::SetQuota {
        root: "".into(),
        limits: vec![("STORAGE".into(), 512)],
    };
    assert_eq!(line("S0000", c), "S0000 SETQUOTA \"\" (STORAGE 512)");
    let c = Command::SetQuota {
        root: "".into(),
        limits: vec![],
    };
    assert_eq!(line("S1", c), "S1 SETQUOTA \"\" ()");
    let get = |m: &str, e: &[&str], max, depth| Command::GetMetadata {
        mailbox: m.into(),
        entries: e.iter().map(|s| s.to_string()).collect(),
        max_size: max,
        depth,
    };
    assert_eq!(
        line("a", get("", &["/shared/comment"], None, None)),
        "a GETMETADATA \"\" /shared/comment"
    );
    assert_eq!(
        line("a", get("INBOX", &["/private/comment"], None, None)),
        "a GETMETADATA INBOX /private/comment"
    );
    assert_eq!(
        line(
            "a",
            get("", &["/shared/comment", "/shared/admin"], None, None)
        ),
        "a GETMETADATA \"\" (/shared/comment /shared/admin)"
    );
    assert_eq!(
        line("a", get("INBOX", &["/private/comment"], Some(1024), None)),
        "a GETMETADATA (MAXSIZE 1024) INBOX /private/comment"
    );
    assert_eq!(
        line(
            "a",
            get(
                "INBOX",
                &["/private/filters/values"],
                None,
                Some(MetadataDepth::One)
            )
        ),
        "a GETMETADATA (DEPTH 1) INBOX /private/filters/values"
    );
    assert_eq!(
        line(
            "a",
            get(
                "INBOX",
                &["/private"],
                Some(5),
                Some(MetadataDepth::Infinity)
            )
        ),
        "a GETMETADATA (MAXSIZE 5 DEPTH infinity) INBOX /private"
    );
    let set_md = |e: Vec<(&str, Option<&[u8]>)>| Command::SetMetadata {
        mailbox: "INBOX".into(),
        entries: e
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.map(|v| v.to_vec())))
            .collect(),
    };
    assert_eq!(
        line(
            "a",
            set_md(vec![("/private/comment", Some(b"My new comment"))])
        ),
        "a SETMETADATA INBOX (/private/comment \"My new comment\")"
    );
    assert_eq!(
        line("a", set_md(vec![("/private/comment", None)])),
        "a SETMETADATA INBOX (/private/comment NIL)"
    );
    // RFC 5464 §4.3: a value with a line break goes as a literal.
    let v = b"My new comment across\r\ntwo lines.";
    assert_eq!(
        enc("a", &set_md(vec![("/private/comment", Some(v))]), PLAIN),
        vec![
            b"a SETMETADATA INBOX (/private/comment {33}\r\n".to_vec(),
            b"My new comment across\r\ntwo lines.)\r\n".to_vec()
        ]
    );
    assert_eq!(line("a", Command::CompressDeflate), "a COMPRESS DEFLATE");
}

#[test]
fn object_id_savedate_preview_gmail() {
    // RFC 8474.
    assert_eq!(
        line(
            "3",
            search(vec![SearchKey::EmailId("M6d99ac3275bb4e".into())])
        ),
        "3 SEARCH EMAILID M6d99ac3275bb4e"
    );
    assert_eq!(
        line(
            "4",
            search(vec![SearchKey::ThreadId("T64b478a75b7ea9".into())])
        ),
        "4 SEARCH THREADID T64b478a75b7ea9"
    );
    assert_eq!(
        line("5", fetch("1:*", "(EMAILID THREADID)")),
        "5 FETCH 1:* (EMAILID THREADID)"
    );
    let c = Command::Status {
        mailbox: "foo".into(),
        items: vec![StatusItem::MailboxId],
    };
    assert_eq!(line("6", c), "6 STATUS foo (MAILBOXID)");
    // RFC 8514.
    assert_eq!(
        line(
            "a",
            search(vec![
                SearchKey::SavedBefore(date(2019, 11, 22)),
                SearchKey::SavedOn(date(2019, 11, 21)),
                SearchKey::SavedSince(date(2019, 1, 1)),
                SearchKey::SaveDateSupported
            ])
        ),
        "a SEARCH SAVEDBEFORE 22-Nov-2019 SAVEDON 21-Nov-2019 SAVEDSINCE 1-Jan-2019 SAVEDATESUPPORTED"
    );
    assert_eq!(line("a", fetch("1", "SAVEDATE")), "a FETCH 1 SAVEDATE");
    // RFC 8970.
    assert_eq!(line("A1", fetch("1", "(PREVIEW)")), "A1 FETCH 1 PREVIEW");
    assert_eq!(
        line("A2", fetch("1:3", "(UID PREVIEW (LAZY))")),
        "A2 FETCH 1:3 (UID PREVIEW (LAZY))"
    );
    // RFC 8438 STATUS=SIZE; RFC 7889 APPENDLIMIT.
    let c = Command::Status {
        mailbox: "INBOX".into(),
        items: vec![StatusItem::Size, StatusItem::AppendLimit],
    };
    assert_eq!(line("t", c), "t STATUS INBOX (SIZE APPENDLIMIT)");
    // Gmail X-GM-EXT-1.
    assert_eq!(
        line(
            "a",
            Command::Search(Search {
                uid: true,
                ..Search::new(vec![SearchKey::GmailRaw("has:attachment in:unread".into())])
            })
        ),
        "a UID SEARCH X-GM-RAW \"has:attachment in:unread\""
    );
    assert_eq!(
        line(
            "a",
            search(vec![
                SearchKey::GmailMsgId(1278455344230334865),
                SearchKey::GmailThreadId(1266894439832287888),
                SearchKey::GmailLabels("\\Inbox".into())
            ])
        ),
        "a SEARCH X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 X-GM-LABELS \\Inbox"
    );
    assert_eq!(
        line("a", fetch("1", "(X-GM-MSGID X-GM-THRID X-GM-LABELS)")),
        "a FETCH 1 (X-GM-MSGID X-GM-THRID X-GM-LABELS)"
    );
    let c = Command::StoreLabels {
        set: set("1"),
        op: StoreOp::Add,
        labels: vec!["foo".into(), "\\Important".into(), "my label".into()],
        silent: false,
        uid: false,
    };
    assert_eq!(
        line("a011", c),
        "a011 STORE 1 +X-GM-LABELS (foo \\Important \"my label\")"
    );
}

#[test]
fn every_rfc3501_search_key() {
    let d = date(1994, 2, 1);
    let keys = vec![
        SearchKey::All,
        SearchKey::Answered,
        SearchKey::Bcc("b".into()),
        SearchKey::Before(d),
        SearchKey::Body("x y".into()),
        SearchKey::Cc("c".into()),
        SearchKey::Deleted,
        SearchKey::Draft,
        SearchKey::Flagged,
        SearchKey::From("f".into()),
        SearchKey::Header("Message-ID".into(), "<a@b>".into()),
        SearchKey::Keyword("$Forwarded".into()),
        SearchKey::Larger(1000),
        SearchKey::New,
        SearchKey::Old,
        SearchKey::On(d),
        SearchKey::Recent,
        SearchKey::Seen,
        SearchKey::SentBefore(d),
        SearchKey::SentOn(d),
        SearchKey::SentSince(d),
        SearchKey::Since(d),
        SearchKey::Smaller(10),
        SearchKey::Subject("s".into()),
        SearchKey::Text("t".into()),
        SearchKey::To("to".into()),
        SearchKey::Uid(set("1:*")),
        SearchKey::Unanswered,
        SearchKey::Undeleted,
        SearchKey::Undraft,
        SearchKey::Unflagged,
        SearchKey::Unkeyword("Junk".into()),
        SearchKey::Unseen,
        SearchKey::Sequence(set("2,4:7")),
        SearchKey::And(vec![SearchKey::Seen, SearchKey::Flagged]),
        SearchKey::Older(3600),
        SearchKey::Younger(60),
    ];
    assert_eq!(
        line("A", search(keys)),
        "A SEARCH ALL ANSWERED BCC \"b\" BEFORE 1-Feb-1994 BODY \"x y\" CC \"c\" DELETED DRAFT \
FLAGGED FROM \"f\" HEADER Message-ID \"<a@b>\" KEYWORD $Forwarded LARGER 1000 NEW OLD \
ON 1-Feb-1994 RECENT SEEN SENTBEFORE 1-Feb-1994 SENTON 1-Feb-1994 SENTSINCE 1-Feb-1994 \
SINCE 1-Feb-1994 SMALLER 10 SUBJECT \"s\" TEXT \"t\" TO \"to\" UID 1:* UNANSWERED UNDELETED \
UNDRAFT UNFLAGGED UNKEYWORD Junk UNSEEN 2,4:7 (SEEN FLAGGED) OLDER 3600 YOUNGER 60"
    );
}

#[test]
fn mailbox_names_mutf7_or_utf8() {
    // RFC 3501 §5.1.3: `~peter/mail/台北/日本語` in modified UTF-7.
    let c = select("~peter/mail/台北/日本語", SelectParams::default());
    assert_eq!(
        line("A1", c.clone()),
        "A1 SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    );
    let utf8 = EncodeOptions {
        utf8: true,
        ..PLAIN
    };
    assert_eq!(
        line_with("A1", c, utf8),
        "A1 SELECT \"~peter/mail/台北/日本語\""
    );
    assert_eq!(
        line("A1", select("inbox", SelectParams::default())),
        "A1 SELECT INBOX"
    );
    assert_eq!(
        line("A1", select("a \"b\" & c\\", SelectParams::default())),
        "A1 SELECT \"a \\\"b\\\" &- c\\\\\""
    );
}
