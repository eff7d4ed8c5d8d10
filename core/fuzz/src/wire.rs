//! The encoder half of the `roundtrip` target: structured commands are encoded, and the
//! bytes must be framed exactly as the grammar says (CRLF only at line ends, literal lengths
//! right, one segment per synchronising literal) and must carry every argument unchanged.
use arbitrary::Arbitrary;
use libimap::proto::command::{
    AppendMessage, Command, EncodeOptions, FetchAttr, FetchAttributes, FetchModifiers, ListCommand,
    Search, SearchKey, Secret, Section, SectionText, StoreOp,
};
use libimap::proto::framer::{Framer, Limits};
use libimap::proto::mailbox::decode_mutf7;
use libimap::proto::sequence::SequenceSet;
use libimap::{ErrorKind, Flag};

#[derive(Debug, Clone, Arbitrary)]
pub enum FlagDesc {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
    Keyword(String),
    Extension(String),
}

impl FlagDesc {
    pub fn to_flag(&self) -> Flag {
        match self {
            FlagDesc::Seen => Flag::Seen,
            FlagDesc::Answered => Flag::Answered,
            FlagDesc::Flagged => Flag::Flagged,
            FlagDesc::Deleted => Flag::Deleted,
            FlagDesc::Draft => Flag::Draft,
            FlagDesc::Keyword(k) => Flag::Keyword(k.clone()),
            FlagDesc::Extension(e) => Flag::Extension(e.clone()),
        }
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub enum KeyDesc {
    Subject(String),
    Body(String),
    Text(String),
    From(String),
    Header(String, String),
    Keyword(String),
}

#[derive(Debug, Clone, Arbitrary)]
pub enum CmdDesc {
    Login {
        user: String,
        password: Vec<u8>,
    },
    Select {
        mailbox: String,
        read_only: bool,
    },
    Create(String),
    Rename(String, String),
    List {
        reference: String,
        pattern: String,
    },
    Append {
        mailbox: String,
        messages: Vec<(Vec<FlagDesc>, Vec<u8>, bool)>,
    },
    Search {
        keys: Vec<KeyDesc>,
        charset: Option<String>,
        uid: bool,
    },
    FetchHeaderFields {
        fields: Vec<String>,
        not: bool,
        peek: bool,
    },
    Store {
        flags: Vec<FlagDesc>,
        silent: bool,
    },
    Id(Vec<(String, Option<String>)>),
    SetMetadata {
        mailbox: String,
        entries: Vec<(String, Option<Vec<u8>>)>,
    },
    Authenticate {
        mechanism: String,
        initial: Option<Vec<u8>>,
    },
    Enable(Vec<String>),
}

#[derive(Debug, Clone, Arbitrary)]
pub struct CommandInput {
    /// `None` is a valid tag (`A1`): arbitrary strings are mostly refused as tags.
    pub tag: Option<String>,
    pub literal_plus: bool,
    pub literal_minus: bool,
    pub utf8: bool,
    pub sasl_ir: bool,
    pub binary: bool,
    pub cmd: CmdDesc,
}

/// An argument the encoded command must carry, in order.
#[derive(Debug)]
enum Expect {
    /// Exactly these bytes, in whatever form (atom, quoted, literal).
    Bytes(Vec<u8>),
    /// A mailbox name: modified UTF-7 unless UTF-8 is on; INBOX in any case is `INBOX`.
    Mailbox(String),
}

fn build(cmd: &CmdDesc) -> (Command, Vec<Expect>) {
    use Expect::{Bytes, Mailbox};
    let b = |s: &str| Bytes(s.as_bytes().to_vec());
    match cmd {
        CmdDesc::Login { user, password } => (
            Command::Login {
                user: user.clone(),
                password: Secret(password.clone()),
            },
            vec![b(user), Bytes(password.clone())],
        ),
        CmdDesc::Select { mailbox, read_only } => (
            Command::Select {
                mailbox: mailbox.clone(),
                read_only: *read_only,
                params: Default::default(),
            },
            vec![Mailbox(mailbox.clone())],
        ),
        CmdDesc::Create(m) => (
            Command::Create {
                mailbox: m.clone(),
                special_use: vec![],
            },
            vec![Mailbox(m.clone())],
        ),
        CmdDesc::Rename(from, to) => (
            Command::Rename {
                from: from.clone(),
                to: to.clone(),
            },
            vec![Mailbox(from.clone()), Mailbox(to.clone())],
        ),
        CmdDesc::List { reference, pattern } => (
            Command::List(ListCommand::new(reference, pattern)),
            vec![Mailbox(reference.clone()), Mailbox(pattern.clone())],
        ),
        CmdDesc::Append { mailbox, messages } => {
            let mut expect = vec![Mailbox(mailbox.clone())];
            let messages = messages
                .iter()
                .map(|(flags, data, utf8)| {
                    expect.push(Bytes(data.clone()));
                    AppendMessage {
                        flags: flags.iter().map(FlagDesc::to_flag).collect(),
                        date: None,
                        data: data.clone(),
                        utf8: *utf8,
                    }
                })
                .collect();
            (
                Command::Append {
                    mailbox: mailbox.clone(),
                    messages,
                },
                expect,
            )
        }
        CmdDesc::Search { keys, charset, uid } => {
            let mut expect = Vec::new();
            let criteria = keys
                .iter()
                .map(|k| match k {
                    KeyDesc::Subject(s) => {
                        expect.push(b(s));
                        SearchKey::Subject(s.clone())
                    }
                    KeyDesc::Body(s) => {
                        expect.push(b(s));
                        SearchKey::Body(s.clone())
                    }
                    KeyDesc::Text(s) => {
                        expect.push(b(s));
                        SearchKey::Text(s.clone())
                    }
                    KeyDesc::From(s) => {
                        expect.push(b(s));
                        SearchKey::From(s.clone())
                    }
                    KeyDesc::Header(n, v) => {
                        expect.push(b(n));
                        expect.push(b(v));
                        SearchKey::Header(n.clone(), v.clone())
                    }
                    KeyDesc::Keyword(s) => {
                        expect.push(b(s));
                        SearchKey::Keyword(s.clone())
                    }
                })
                .collect();
            let mut search = Search::new(criteria);
            search.charset = charset.clone();
            search.uid = *uid;
            (Command::Search(search), expect)
        }
        CmdDesc::FetchHeaderFields { fields, not, peek } => {
            let text = if *not {
                SectionText::HeaderFieldsNot(fields.clone())
            } else {
                SectionText::HeaderFields(fields.clone())
            };
            (
                Command::Fetch {
                    set: SequenceSet::parse("1:*").expect("valid set"),
                    items: FetchAttributes::Attrs(vec![FetchAttr::BodySection {
                        peek: *peek,
                        section: Section {
                            part: vec![],
                            text: Some(text),
                        },
                        partial: None,
                    }]),
                    uid: true,
                    modifiers: FetchModifiers::default(),
                },
                fields.iter().map(|f| b(f)).collect(),
            )
        }
        CmdDesc::Store { flags, silent } => (
            Command::Store {
                set: SequenceSet::parse("1,3:5").expect("valid set"),
                op: StoreOp::Add,
                flags: flags.iter().map(FlagDesc::to_flag).collect(),
                silent: *silent,
                uid: false,
                unchanged_since: None,
            },
            vec![],
        ),
        CmdDesc::Id(fields) => {
            let mut expect = Vec::new();
            for (k, v) in fields {
                expect.push(b(k));
                if let Some(v) = v {
                    expect.push(b(v));
                }
            }
            (Command::Id(Some(fields.clone())), expect)
        }
        CmdDesc::SetMetadata { mailbox, entries } => {
            let mut expect = vec![Mailbox(mailbox.clone())];
            for (e, v) in entries {
                expect.push(b(e));
                if let Some(v) = v {
                    expect.push(Bytes(v.clone()));
                }
            }
            (
                Command::SetMetadata {
                    mailbox: mailbox.clone(),
                    entries: entries.clone(),
                },
                expect,
            )
        }
        CmdDesc::Authenticate { mechanism, initial } => (
            Command::Authenticate {
                mechanism: mechanism.clone(),
                initial_response: initial.clone().map(Secret),
            },
            vec![],
        ),
        CmdDesc::Enable(caps) => (
            Command::Enable(caps.clone()),
            caps.iter().map(|c| b(c)).collect(),
        ),
    }
}

/// A token of an encoded command.
#[derive(Debug, PartialEq, Eq)]
pub enum Token {
    /// A run of bytes up to a space, parenthesis or line end (atoms, numbers, `BODY[...`).
    Word(Vec<u8>),
    /// A quoted string, unescaped.
    Quoted(Vec<u8>),
    /// The contents of `{N}`, `{N+}`, `~{N}` or `~{N+}`.
    Literal {
        data: Vec<u8>,
        synchronising: bool,
        eight: bool,
    },
    Open,
    Close,
    /// CRLF outside a literal.
    Eol,
}

/// Splits an encoded command into tokens, panicking on any framing error: a CR or LF that
/// is not a CRLF line end, NUL outside a literal8, an unterminated quoted string, a literal
/// whose announced length overruns the input or that is not followed by its CRLF. Also
/// returns the offset where each synchronising literal's data starts (where the client must
/// stop and wait for the server's continuation request).
pub fn tokenize(b: &[u8]) -> (Vec<Token>, Vec<usize>) {
    let mut waits = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' => i += 1,
            b'(' => {
                out.push(Token::Open);
                i += 1;
            }
            b')' => {
                out.push(Token::Close);
                i += 1;
            }
            b'\r' => {
                assert_eq!(b.get(i + 1), Some(&b'\n'), "CR without LF at {i}");
                out.push(Token::Eol);
                i += 2;
            }
            b'\n' => panic!("bare LF at {i}"),
            0 => panic!("NUL outside a literal8 at {i}"),
            b'"' => {
                let mut v = Vec::new();
                i += 1;
                loop {
                    match b.get(i) {
                        None => panic!("unterminated quoted string"),
                        Some(b'"') => break,
                        Some(b'\\') => {
                            let c = *b.get(i + 1).expect("escape at the end");
                            assert!(c == b'"' || c == b'\\', "bad escape {c:#x}");
                            v.push(c);
                            i += 2;
                        }
                        Some(&c) => {
                            assert!(c != b'\r' && c != b'\n' && c != 0, "{c:#x} in quoted");
                            v.push(c);
                            i += 1;
                        }
                    }
                }
                i += 1;
                out.push(Token::Quoted(v));
            }
            b'{' | b'~' if b[i] == b'{' || b.get(i + 1) == Some(&b'{') => {
                let eight = b[i] == b'~';
                let open = if eight { i + 1 } else { i };
                assert_eq!(b.get(open), Some(&b'{'), "'~' without literal at {i}");
                let close = open
                    + b[open..]
                        .iter()
                        .position(|&c| c == b'}')
                        .expect("unterminated literal announcement");
                let mut digits = &b[open + 1..close];
                let synchronising = !digits.ends_with(b"+");
                if !synchronising {
                    digits = &digits[..digits.len() - 1];
                }
                assert!(
                    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
                    "bad literal length {digits:?}"
                );
                let n: usize = std::str::from_utf8(digits)
                    .expect("digits")
                    .parse()
                    .expect("literal length fits");
                assert_eq!(
                    b.get(close + 1..close + 3),
                    Some(&b"\r\n"[..]),
                    "no CRLF after {{N}}"
                );
                let start = close + 3;
                assert!(start + n <= b.len(), "literal of {n} overruns the command");
                let data = b[start..start + n].to_vec();
                if synchronising {
                    waits.push(start);
                }
                assert!(eight || !data.contains(&0), "NUL in a non-binary literal");
                out.push(Token::Literal {
                    data,
                    synchronising,
                    eight,
                });
                i = start + n;
            }
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'(' | b')' | b'\r' | b'\n' | b'"') {
                    assert!(b[i] != 0, "NUL in an atom");
                    // `{` only starts a literal at a token's start; inside a word it is a
                    // framing hazard (a server would read `x{3}` at a line end as a literal).
                    assert!(b[i] != b'{', "'{{' inside a word");
                    i += 1;
                }
                out.push(Token::Word(b[start..i].to_vec()));
            }
        }
    }
    (out, waits)
}

/// Checks that `expected` occurs, in order, among the string-valued tokens.
fn check_arguments(tokens: &[Token], expected: &[Expect], utf8: bool) {
    let mut at = 0;
    for e in expected {
        let found = tokens[at..].iter().position(|t| {
            let v = match t {
                Token::Word(v) | Token::Quoted(v) | Token::Literal { data: v, .. } => v,
                _ => return false,
            };
            match e {
                Expect::Bytes(b) => v == b,
                Expect::Mailbox(name) if name.eq_ignore_ascii_case("INBOX") => v == b"INBOX",
                Expect::Mailbox(name) if utf8 => v == name.as_bytes(),
                Expect::Mailbox(name) => decode_mutf7(v).as_deref() == Some(name.as_str()),
            }
        });
        match found {
            Some(k) => at += k + 1,
            None => panic!("argument {e:?} not found in {tokens:?}"),
        }
    }
}

/// The command half of the `roundtrip` target. Returns whether the command was encoded
/// (rather than refused as an invalid argument).
pub fn check_command(input: &CommandInput) -> bool {
    let opts = EncodeOptions {
        literal_plus: input.literal_plus,
        literal_minus: input.literal_minus,
        utf8: input.utf8,
        sasl_ir: input.sasl_ir,
        binary: input.binary,
    };
    let (cmd, expected) = build(&input.cmd);
    let tag = input.tag.as_deref().unwrap_or("A1");
    let enc = match cmd.encode(tag, &opts) {
        Ok(enc) => enc,
        Err(e) => {
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::InvalidArgument | ErrorKind::Unsupported
                ),
                "encode failed with {e:?}"
            );
            return false;
        }
    };
    assert!(!enc.segments.is_empty());
    assert!(!enc.trace.contains(['\r', '\n']), "trace {:?}", enc.trace);
    let wire: Vec<u8> = enc.segments.concat();
    let (tokens, waits) = tokenize(&wire);
    // The command is split exactly where a synchronising literal's data begins.
    let mut ends = Vec::new();
    let mut at = 0;
    for seg in &enc.segments[..enc.segments.len() - 1] {
        at += seg.len();
        ends.push(at);
    }
    assert_eq!(ends, waits, "segments end where the client must wait");
    // One line: the only CRLF outside literals is the last token.
    let eols = tokens.iter().filter(|t| **t == Token::Eol).count();
    assert_eq!(eols, 1, "CRLF outside literals in {tokens:?}");
    assert_eq!(tokens.last(), Some(&Token::Eol));
    assert_eq!(tokens.first(), Some(&Token::Word(tag.as_bytes().to_vec())));
    check_arguments(&tokens[1..], &expected, input.utf8);
    // A server-side reader (our own framer follows the same literal rules) finds exactly
    // the command's end, even with the next command right behind it.
    let mut both = wire.clone();
    both.extend_from_slice(b"Z9 NOOP\r\n");
    let mut framer = Framer::new(Limits::default());
    assert_eq!(framer.poll(&both).ok(), Some(Some(wire.len())), "framer");
    true
}
