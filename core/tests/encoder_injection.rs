//! Hostile arguments: no string a caller passes can add CR, LF or NUL to the command line,
//! or escape its argument. Every string-taking argument is in the table; a property test
//! feeds arbitrary strings through all of them and checks the framing of what comes out.
use libimap::proto::command::*;
use libimap::proto::sequence::SequenceSet;
use libimap::{ErrorKind, Flag};
use proptest::prelude::*;

type Build = fn(&str) -> Command;

/// What an argument accepts besides CR, LF and NUL (refused by all).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Only an atom: a space or a parenthesis is an error.
    Atom,
    /// Any string: quoted or sent as a literal.
    Str,
    /// A validated name (header field) that is quoted when it needs to be.
    Name,
}
use Kind::*;

fn one() -> SequenceSet {
    SequenceSet::parse("1").unwrap()
}

fn search(k: SearchKey) -> Command {
    Command::Search(Search::new(vec![k]))
}

fn section(names: Vec<String>) -> FetchAttributes {
    FetchAttributes::Attrs(vec![FetchAttr::BodySection {
        peek: true,
        section: Section {
            part: vec![],
            text: Some(SectionText::HeaderFields(names)),
        },
        partial: None,
    }])
}

/// Every argument that takes a caller's string, with a name for failure messages. Atom
/// arguments are marked: for them a space or a parenthesis is as bad as CR/LF.
fn table() -> Vec<(&'static str, Kind, Build)> {
    vec![
        ("LOGIN user", Str, |s| Command::Login {
            user: s.into(),
            password: Secret::from("x"),
        }),
        ("LOGIN password", Str, |s| Command::Login {
            user: "u".into(),
            password: Secret::from(s),
        }),
        ("AUTHENTICATE mechanism", Atom, |s| Command::Authenticate {
            mechanism: s.into(),
            initial_response: None,
        }),
        ("ENABLE capability", Atom, |s| {
            Command::Enable(vec![s.into()])
        }),
        ("SELECT mailbox", Str, |s| Command::Select {
            mailbox: s.into(),
            read_only: false,
            params: SelectParams::default(),
        }),
        ("CREATE mailbox", Str, |s| Command::Create {
            mailbox: s.into(),
            special_use: vec![],
        }),
        ("CREATE special-use", Atom, |s| Command::Create {
            mailbox: "x".into(),
            special_use: vec![SpecialUse::Other(s.into())],
        }),
        ("DELETE", Str, |s| Command::Delete(s.into())),
        ("RENAME from", Str, |s| Command::Rename {
            from: s.into(),
            to: "x".into(),
        }),
        ("RENAME to", Str, |s| Command::Rename {
            from: "x".into(),
            to: s.into(),
        }),
        ("SUBSCRIBE", Str, |s| Command::Subscribe(s.into())),
        ("UNSUBSCRIBE", Str, |s| Command::Unsubscribe(s.into())),
        ("LIST reference", Str, |s| {
            Command::List(ListCommand::new(s, "%"))
        }),
        ("LIST pattern", Str, |s| {
            Command::List(ListCommand::new("", s))
        }),
        ("LIST second pattern", Str, |s| {
            Command::List(ListCommand {
                patterns: vec!["a".into(), s.into()],
                ..ListCommand::default()
            })
        }),
        ("LSUB reference", Str, |s| Command::Lsub {
            reference: s.into(),
            pattern: "*".into(),
        }),
        ("LSUB pattern", Str, |s| Command::Lsub {
            reference: "".into(),
            pattern: s.into(),
        }),
        ("STATUS mailbox", Str, |s| Command::Status {
            mailbox: s.into(),
            items: vec![StatusItem::Messages],
        }),
        ("APPEND mailbox", Str, |s| Command::Append {
            mailbox: s.into(),
            messages: vec![AppendMessage::new("x")],
        }),
        ("APPEND keyword", Atom, |s| Command::Append {
            mailbox: "x".into(),
            messages: vec![AppendMessage {
                flags: vec![Flag::Keyword(s.into())],
                ..AppendMessage::new("x")
            }],
        }),
        ("STORE keyword", Atom, |s| Command::Store {
            set: one(),
            op: StoreOp::Add,
            flags: vec![Flag::Keyword(s.into())],
            silent: false,
            uid: false,
            unchanged_since: None,
        }),
        ("STORE extension flag", Atom, |s| Command::Store {
            set: one(),
            op: StoreOp::Add,
            flags: vec![Flag::Extension(s.into())],
            silent: false,
            uid: false,
            unchanged_since: None,
        }),
        ("STORE X-GM-LABELS", Str, |s| Command::StoreLabels {
            set: one(),
            op: StoreOp::Add,
            labels: vec![s.into()],
            silent: false,
            uid: false,
        }),
        ("COPY mailbox", Str, |s| Command::Copy {
            set: one(),
            mailbox: s.into(),
            uid: false,
        }),
        ("MOVE mailbox", Str, |s| Command::Move {
            set: one(),
            mailbox: s.into(),
            uid: true,
        }),
        ("SEARCH CHARSET", Str, |s| {
            Command::Search(Search {
                charset: Some(s.into()),
                ..Search::new(vec![SearchKey::All])
            })
        }),
        ("SEARCH BCC", Str, |s| search(SearchKey::Bcc(s.into()))),
        ("SEARCH BODY", Str, |s| search(SearchKey::Body(s.into()))),
        ("SEARCH CC", Str, |s| search(SearchKey::Cc(s.into()))),
        ("SEARCH FROM", Str, |s| search(SearchKey::From(s.into()))),
        ("SEARCH HEADER name", Name, |s| {
            search(SearchKey::Header(s.into(), "v".into()))
        }),
        ("SEARCH HEADER value", Str, |s| {
            search(SearchKey::Header("X".into(), s.into()))
        }),
        ("SEARCH KEYWORD", Atom, |s| {
            search(SearchKey::Keyword(s.into()))
        }),
        ("SEARCH UNKEYWORD", Atom, |s| {
            search(SearchKey::Unkeyword(s.into()))
        }),
        ("SEARCH SUBJECT", Str, |s| {
            search(SearchKey::Subject(s.into()))
        }),
        ("SEARCH TEXT", Str, |s| search(SearchKey::Text(s.into()))),
        ("SEARCH TO", Str, |s| search(SearchKey::To(s.into()))),
        ("SEARCH nested NOT OR", Str, |s| {
            search(SearchKey::Not(Box::new(SearchKey::Or(
                Box::new(SearchKey::All),
                Box::new(SearchKey::And(vec![SearchKey::Text(s.into())])),
            ))))
        }),
        ("SEARCH MODSEQ keyword", Atom, |s| {
            search(SearchKey::ModSeq {
                flag: Some((Flag::Keyword(s.into()), EntryType::Shared)),
                modseq: 1,
            })
        }),
        ("SEARCH EMAILID", Atom, |s| {
            search(SearchKey::EmailId(s.into()))
        }),
        ("SEARCH THREADID", Atom, |s| {
            search(SearchKey::ThreadId(s.into()))
        }),
        ("SEARCH X-GM-RAW", Str, |s| {
            search(SearchKey::GmailRaw(s.into()))
        }),
        ("SEARCH X-GM-LABELS", Str, |s| {
            search(SearchKey::GmailLabels(s.into()))
        }),
        ("FETCH HEADER.FIELDS", Name, |s| Command::Fetch {
            set: one(),
            items: section(vec![s.into()]),
            uid: false,
            modifiers: FetchModifiers::default(),
        }),
        ("SORT charset", Atom, |s| {
            Command::Sort(Sort {
                criteria: vec![(SortKey::Date, false)],
                charset: Some(s.into()),
                search: vec![SearchKey::All],
                ret: None,
                uid: false,
            })
        }),
        ("SORT search string", Str, |s| {
            Command::Sort(Sort {
                criteria: vec![(SortKey::Date, false)],
                charset: None,
                search: vec![SearchKey::Subject(s.into())],
                ret: None,
                uid: false,
            })
        }),
        ("THREAD algorithm", Atom, |s| {
            Command::Thread(Thread {
                algorithm: ThreadAlgorithm::Other(s.into()),
                charset: None,
                search: vec![SearchKey::All],
                uid: false,
            })
        }),
        ("THREAD charset", Atom, |s| {
            Command::Thread(Thread {
                algorithm: ThreadAlgorithm::Refs,
                charset: Some(s.into()),
                search: vec![SearchKey::All],
                uid: false,
            })
        }),
        ("ID field", Str, |s| {
            Command::Id(Some(vec![(s.into(), None)]))
        }),
        ("ID value", Str, |s| {
            Command::Id(Some(vec![("name".into(), Some(s.into()))]))
        }),
        ("GETQUOTA root", Str, |s| Command::GetQuota(s.into())),
        ("GETQUOTAROOT mailbox", Str, |s| {
            Command::GetQuotaRoot(s.into())
        }),
        ("SETQUOTA root", Str, |s| Command::SetQuota {
            root: s.into(),
            limits: vec![],
        }),
        ("SETQUOTA resource", Atom, |s| Command::SetQuota {
            root: "".into(),
            limits: vec![(s.into(), 1)],
        }),
        ("GETMETADATA mailbox", Str, |s| Command::GetMetadata {
            mailbox: s.into(),
            entries: vec!["/shared/comment".into()],
            max_size: None,
            depth: None,
        }),
        ("GETMETADATA entry", Str, |s| Command::GetMetadata {
            mailbox: "".into(),
            entries: vec![format!("/shared/{s}")],
            max_size: None,
            depth: None,
        }),
        ("SETMETADATA mailbox", Str, |s| Command::SetMetadata {
            mailbox: s.into(),
            entries: vec![("/shared/comment".into(), None)],
        }),
        ("SETMETADATA entry", Str, |s| Command::SetMetadata {
            mailbox: "".into(),
            entries: vec![(format!("/private/{s}"), None)],
        }),
    ]
}

const ALL_OPTIONS: [EncodeOptions; 3] = [
    EncodeOptions {
        literal_plus: false,
        literal_minus: false,
        utf8: false,
        sasl_ir: false,
        binary: false,
    },
    EncodeOptions {
        literal_plus: true,
        literal_minus: false,
        utf8: true,
        sasl_ir: true,
        binary: true,
    },
    EncodeOptions {
        literal_plus: false,
        literal_minus: true,
        utf8: false,
        sasl_ir: true,
        binary: true,
    },
];

#[test]
fn control_characters_are_refused_everywhere() {
    let hostile = ["x\r\nA2 LOGOUT", "x\rA2", "x\nA2", "x\0y", "\r\n", "\0"];
    for (name, _, build) in table() {
        for h in hostile {
            for o in ALL_OPTIONS {
                let e = build(h).encode("A1", &o).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{name} {h:?}");
            }
        }
    }
}

#[test]
fn atom_arguments_cannot_escape() {
    let hostile = ["x y", "x)", "(x", "x\"", "x{3}", "x\\", "", "x]", "é"];
    for (name, kind, build) in table() {
        if kind != Atom {
            continue;
        }
        for h in hostile {
            let r = build(h).encode("A1", &ALL_OPTIONS[0]);
            assert_eq!(
                r.map(|e| e.trace).unwrap_err().kind(),
                ErrorKind::InvalidArgument,
                "{name} {h:?}"
            );
        }
    }
}

#[test]
fn the_same_strings_are_quoted_where_strings_are_allowed() {
    // Spaces, quotes, parentheses, backslashes are data in a string argument, never syntax.
    for (name, kind, build) in table() {
        if kind != Str {
            continue;
        }
        let e = match build("a (b) \"c\" \\d").encode("A1", &ALL_OPTIONS[0]) {
            Ok(e) => e,
            Err(e) => panic!("{name}: {e}"),
        };
        let wire = e.segments.concat();
        check_framing(&wire, &e.segments).unwrap_or_else(|m| panic!("{name}: {m}"));
        assert!(
            String::from_utf8_lossy(&wire).contains("a (b) \\\"c\\\" \\\\d\""),
            "{name}: {}",
            String::from_utf8_lossy(&wire)
        );
    }
}

#[test]
fn tags_are_checked() {
    for bad in ["", "A 1", "A\r\n1", "A+1", "A(1", "A*"] {
        assert_eq!(
            Command::Noop
                .encode(bad, &ALL_OPTIONS[0])
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument,
            "{bad:?}"
        );
    }
}

#[test]
fn data_arguments_carry_line_breaks_only_inside_literals() {
    // Message data and metadata values are data: CR/LF travel inside a counted literal.
    let c = Command::SetMetadata {
        mailbox: "INBOX".into(),
        entries: vec![("/private/x".into(), Some(b"a\r\nA2 LOGOUT\r\n".to_vec()))],
    };
    for o in ALL_OPTIONS {
        let e = c.encode("A1", &o).unwrap();
        check_framing(&e.segments.concat(), &e.segments).unwrap();
    }
    let nul = Command::SetMetadata {
        mailbox: "INBOX".into(),
        entries: vec![("/private/x".into(), Some(b"a\0b".to_vec()))],
    };
    assert_eq!(
        nul.encode("A1", &ALL_OPTIONS[0]).unwrap_err().kind(),
        ErrorKind::Unsupported
    );
    let e = nul.encode("A1", &ALL_OPTIONS[1]).unwrap();
    assert_eq!(
        e.segments,
        vec![b"A1 SETMETADATA INBOX (/private/x ~{3+}\r\na\0b)\r\n".to_vec()]
    );
}

/// Reads `wire` as a client command: a line whose only CRLFs end literal announcements
/// (`{N}`, `{N+}`, `~{N}`, `~{N+}`) or the command; exactly N octets follow each. Checks
/// that segments split exactly after synchronising announcements.
fn check_framing(wire: &[u8], segments: &[Vec<u8>]) -> Result<(), String> {
    let mut i = 0;
    let mut sync_ends = Vec::new();
    loop {
        let rest = &wire[i..];
        let Some(pos) = rest
            .iter()
            .position(|&b| b == b'\r' || b == b'\n' || b == 0)
        else {
            return Err("no final CRLF".into());
        };
        if rest[pos] != b'\r' || rest.get(pos + 1) != Some(&b'\n') {
            return Err(format!("bare control byte at {}", i + pos));
        }
        let before = &rest[..pos];
        let end = i + pos + 2;
        if end == wire.len() {
            break;
        }
        // Must be a literal announcement.
        let open = before
            .iter()
            .rposition(|&b| b == b'{')
            .ok_or_else(|| format!("CRLF outside a literal at {}", i + pos))?;
        let inner = &before[open + 1..];
        let inner = inner
            .strip_suffix(b"}")
            .ok_or("CRLF after no literal announcement")?;
        let (digits, plus) = match inner.strip_suffix(b"+") {
            Some(d) => (d, true),
            None => (inner, false),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(format!(
                "bad literal announcement {:?}",
                String::from_utf8_lossy(inner)
            ));
        }
        let eight = open > 0 && before[open - 1] == b'~';
        let n: usize = std::str::from_utf8(digits).unwrap().parse().unwrap();
        if end + n > wire.len() {
            return Err("literal longer than the data".into());
        }
        if !eight && wire[end..end + n].contains(&0) {
            return Err("NUL inside a non-binary literal".into());
        }
        if !plus {
            sync_ends.push(end);
        }
        i = end + n;
    }
    let mut at = 0;
    let mut cuts = Vec::new();
    for s in &segments[..segments.len() - 1] {
        at += s.len();
        cuts.push(at);
    }
    if cuts != sync_ends {
        return Err(format!(
            "segments cut at {cuts:?}, synchronising literals end at {sync_ends:?}"
        ));
    }
    Ok(())
}

#[test]
fn the_framing_checker_catches_bad_framing() {
    assert!(check_framing(b"A1 NOOP\r\n", &[b"A1 NOOP\r\n".to_vec()]).is_ok());
    assert!(check_framing(b"A1 X\r\nA2 Y\r\n", &[b"A1 X\r\nA2 Y\r\n".to_vec()]).is_err());
    assert!(check_framing(b"A1 X {3+}\r\nab\r\n", &[b"A1 X {3+}\r\nab\r\n".to_vec()]).is_err());
    assert!(check_framing(b"A1 X {2+}\r\nab\r\n", &[b"A1 X {2+}\r\nab\r\n".to_vec()]).is_ok());
    assert!(check_framing(b"A1 X {2}\r\nab\r\n", &[b"A1 X {2}\r\nab\r\n".to_vec()]).is_err());
    assert!(check_framing(b"A1 X\n", &[b"A1 X\n".to_vec()]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_strings_encode_safely_or_fail_cleanly(
        s in prop_oneof![
            ".*",
            "[ -~]{0,12}",
            proptest::collection::vec(prop_oneof![Just('\r'), Just('\n'), Just('\0'), Just('"'),
                Just('\\'), Just(' '), Just('{'), Just('}'), Just('%'), Just('*'), Just('é'),
                Just('日'), Just('a'), Just('&'), Just('('), Just(')')], 0..10)
                .prop_map(|v| v.into_iter().collect::<String>()),
        ],
        o in 0usize..3,
    ) {
        for (name, _, build) in table() {
            match build(&s).encode("A1", &ALL_OPTIONS[o]) {
                Ok(e) => {
                    let wire = e.segments.concat();
                    prop_assert!(check_framing(&wire, &e.segments).is_ok(),
                        "{}: {:?}: {:?}", name, s, check_framing(&wire, &e.segments));
                    prop_assert!(!e.trace.contains(['\r', '\n', '\0']), "{} trace {:?}", name, e.trace);
                }
                Err(err) => prop_assert!(
                    matches!(err.kind(), ErrorKind::InvalidArgument | ErrorKind::Unsupported),
                    "{}: {:?}: {}", name, s, err),
            }
        }
    }

    #[test]
    fn fetch_attribute_text_parses_to_safe_commands_or_fails(s in ".{0,40}") {
        if let Ok(items) = FetchAttributes::parse(&s) {
            let c = Command::Fetch { set: one(), items, uid: false, modifiers: FetchModifiers::default() };
            if let Ok(e) = c.encode("A1", &ALL_OPTIONS[0]) {
                prop_assert!(check_framing(&e.segments.concat(), &e.segments).is_ok());
            }
        }
    }
}
