//! Commands a client sends, built from types and encoded so that no argument can break
//! framing: each string becomes an atom, a quoted string or a literal as its bytes require,
//! and CR, LF and NUL are refused where the grammar cannot carry them.
use super::flag::Flag;
use super::sequence::SequenceSet;
use crate::error::{Error, Result};
use std::fmt;

/// A secret string (password, token): never shown by `Debug`, redacted from traces.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub Vec<u8>);

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for Secret {
    fn from(v: Vec<u8>) -> Self {
        Secret(v)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOp {
    /// `+FLAGS`
    Add,
    /// `-FLAGS`
    Remove,
    /// `FLAGS`
    Replace,
}

impl StoreOp {
    /// Accepts `+FLAGS`, `-FLAGS`, `FLAGS` (any case, optional `.SILENT` is not accepted here).
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "+FLAGS" => Ok(StoreOp::Add),
            "-FLAGS" => Ok(StoreOp::Remove),
            "FLAGS" => Ok(StoreOp::Replace),
            _ => Err(Error::invalid(format!(
                "store operation must be +FLAGS, -FLAGS or FLAGS, not {s:?}"
            ))),
        }
    }
}

/// What to fetch: a validated `fetch-att` list or macro, kept as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchAttributes(String);

impl FetchAttributes {
    /// Accepts a macro (`ALL`, `FAST`, `FULL`), one attribute (`BODY.PEEK[HEADER]`) or a
    /// parenthesised list. Refuses anything that is not made of attribute characters, or
    /// whose brackets do not balance.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim_matches(' ');
        if s.is_empty() {
            return Err(Error::invalid("empty fetch attribute list"));
        }
        let mut paren = 0i32;
        let mut bracket = 0i32;
        let mut angle = 0i32;
        for c in s.chars() {
            match c {
                '(' => paren += 1,
                ')' => paren -= 1,
                '[' => bracket += 1,
                ']' => bracket -= 1,
                '<' => angle += 1,
                '>' => angle -= 1,
                ' ' | '.' | '-' | '_' | '$' => {}
                c if c.is_ascii_alphanumeric() => {}
                _ => {
                    return Err(Error::invalid(format!(
                        "invalid character {c:?} in fetch attributes"
                    )))
                }
            }
            if paren < 0 || bracket < 0 || angle < 0 || bracket > 1 || angle > 1 {
                return Err(Error::invalid(format!(
                    "unbalanced brackets in fetch attributes {s:?}"
                )));
            }
        }
        if paren != 0 || bracket != 0 || angle != 0 || s.contains("  ") {
            return Err(Error::invalid(format!("malformed fetch attributes {s:?}")));
        }
        Ok(FetchAttributes(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Capability,
    Noop,
    Logout,
    StartTls,
    Login {
        user: String,
        password: Secret,
    },
    /// `initial_response` holds raw bytes (base64-encoded here, `=` when empty) and is sent
    /// only when the server offers SASL-IR.
    Authenticate {
        mechanism: String,
        initial_response: Option<Secret>,
    },
    Enable(Vec<String>),
    Select {
        mailbox: String,
        read_only: bool,
    },
    Fetch {
        set: SequenceSet,
        items: FetchAttributes,
        uid: bool,
    },
    Store {
        set: SequenceSet,
        op: StoreOp,
        flags: Vec<Flag>,
        silent: bool,
        uid: bool,
    },
    Close,
    Unselect,
}

impl Command {
    /// The command's name, for error messages and traces.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Capability => "CAPABILITY",
            Command::Noop => "NOOP",
            Command::Logout => "LOGOUT",
            Command::StartTls => "STARTTLS",
            Command::Login { .. } => "LOGIN",
            Command::Authenticate { .. } => "AUTHENTICATE",
            Command::Enable(_) => "ENABLE",
            Command::Select {
                read_only: false, ..
            } => "SELECT",
            Command::Select {
                read_only: true, ..
            } => "EXAMINE",
            Command::Fetch { .. } => "FETCH",
            Command::Store { .. } => "STORE",
            Command::Close => "CLOSE",
            Command::Unselect => "UNSELECT",
        }
    }
}

/// What the server lets us use when encoding.
#[derive(Debug, Clone, Copy, Default)]
pub struct EncodeOptions {
    /// Non-synchronising literals (`{N+}`): LITERAL+ (any size) or LITERAL- (up to 4096).
    pub literal_plus: bool,
    pub literal_minus: bool,
    /// UTF-8 allowed in quoted strings and mailbox names (IMAP4rev2 / UTF8=ACCEPT enabled).
    pub utf8: bool,
    /// SASL-IR: the initial response may go on the AUTHENTICATE line.
    pub sasl_ir: bool,
}

/// An encoded command: `segments[i+1]` may only be sent after the server answered
/// `segments[i]` with a continuation request (synchronising literals). `trace` is the same
/// text with secrets replaced, for logging.
#[derive(Clone, PartialEq, Eq)]
pub struct Encoded {
    pub segments: Vec<Vec<u8>>,
    pub trace: String,
}

impl fmt::Debug for Encoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoded")
            .field("trace", &self.trace)
            .finish()
    }
}

struct Writer<'a> {
    opts: &'a EncodeOptions,
    segments: Vec<Vec<u8>>,
    cur: Vec<u8>,
    trace: String,
}

impl<'a> Writer<'a> {
    fn raw(&mut self, s: &str) {
        self.cur.extend_from_slice(s.as_bytes());
        self.trace.push_str(s);
    }

    /// Writes an `astring`: atom when possible, else quoted, else literal.
    fn astring(&mut self, v: &[u8], secret: bool) -> Result<()> {
        if v.contains(&0) {
            return Err(Error::invalid("NUL byte in a string argument"));
        }
        let atom = !v.is_empty() && v.iter().all(|&b| is_astring_char(b));
        let quotable = v
            .iter()
            .all(|&b| b != b'\r' && b != b'\n' && (b < 0x80 || self.opts.utf8))
            && (!v.iter().any(|&b| b >= 0x80) || std::str::from_utf8(v).is_ok());
        if atom {
            self.cur.extend_from_slice(v);
        } else if quotable {
            self.cur.push(b'"');
            for &b in v {
                if b == b'"' || b == b'\\' {
                    self.cur.push(b'\\');
                }
                self.cur.push(b);
            }
            self.cur.push(b'"');
        } else {
            self.literal(v)?;
            if secret {
                self.trace.push_str("<redacted>");
            }
            return Ok(());
        }
        if secret {
            self.trace.push_str("<redacted>");
        } else {
            self.trace.push_str(&String::from_utf8_lossy(
                &self.cur[self.cur.len() - encoded_len(v, atom)..],
            ));
        }
        Ok(())
    }

    fn literal(&mut self, v: &[u8]) -> Result<()> {
        let non_sync = self.opts.literal_plus || (self.opts.literal_minus && v.len() <= 4096);
        let head = if non_sync {
            format!("{{{}+}}\r\n", v.len())
        } else {
            format!("{{{}}}\r\n", v.len())
        };
        self.cur.extend_from_slice(head.as_bytes());
        self.trace.push_str(&format!(
            "{{{}{}}} ",
            v.len(),
            if non_sync { "+" } else { "" }
        ));
        if !non_sync {
            self.segments.push(std::mem::take(&mut self.cur));
        }
        self.cur.extend_from_slice(v);
        Ok(())
    }

    fn finish(mut self) -> Encoded {
        self.cur.extend_from_slice(b"\r\n");
        self.segments.push(self.cur);
        Encoded {
            segments: self.segments,
            trace: self.trace,
        }
    }
}

fn encoded_len(v: &[u8], atom: bool) -> usize {
    if atom {
        v.len()
    } else {
        2 + v.len() + v.iter().filter(|&&b| b == b'"' || b == b'\\').count()
    }
}

/// ASTRING-CHAR: ATOM-CHAR or `]`.
fn is_astring_char(b: u8) -> bool {
    b > 0x20 && b < 0x7f && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\')
}

fn is_atom(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| is_astring_char(b) && b != b']')
}

/// Validates a flag for STORE: system flags by name, keywords as atoms.
fn flag_text(f: &Flag) -> Result<String> {
    let t = f.to_string();
    let ok = match f {
        Flag::MayCreate | Flag::Recent => false,
        Flag::Extension(n) => is_atom(n),
        Flag::Keyword(k) => is_atom(k),
        _ => true,
    };
    if ok {
        Ok(t)
    } else {
        Err(Error::invalid(format!("{t:?} cannot be stored as a flag")))
    }
}

/// Encodes a mailbox name: `INBOX` in any case is sent as `INBOX`; others in modified UTF-7
/// unless UTF-8 is enabled.
fn mailbox_bytes(name: &str, opts: &EncodeOptions) -> Result<Vec<u8>> {
    if name.is_empty() {
        return Err(Error::invalid("empty mailbox name"));
    }
    if name.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::invalid("mailbox name contains CR, LF or NUL"));
    }
    if name.eq_ignore_ascii_case("INBOX") {
        return Ok(b"INBOX".to_vec());
    }
    if opts.utf8 {
        Ok(name.as_bytes().to_vec())
    } else {
        Ok(super::mailbox::encode_mutf7(name).into_bytes())
    }
}

impl Command {
    /// Encodes the command with `tag`. Fails with `InvalidArgument` before anything is
    /// produced when an argument cannot be represented safely.
    pub fn encode(&self, tag: &str, opts: &EncodeOptions) -> Result<Encoded> {
        let mut w = Writer {
            opts,
            segments: Vec::new(),
            cur: Vec::new(),
            trace: String::new(),
        };
        w.raw(tag);
        w.raw(" ");
        match self {
            Command::Capability
            | Command::Noop
            | Command::Logout
            | Command::StartTls
            | Command::Close
            | Command::Unselect => w.raw(self.name()),
            Command::Login { user, password } => {
                if user.contains(['\r', '\n'])
                    || password.0.iter().any(|&b| b == b'\r' || b == b'\n')
                {
                    return Err(Error::invalid("user name or password contains CR or LF"));
                }
                w.raw("LOGIN ");
                w.astring(user.as_bytes(), false)?;
                w.raw(" ");
                w.astring(&password.0, true)?;
            }
            Command::Authenticate {
                mechanism,
                initial_response,
            } => {
                if !is_atom(mechanism) {
                    return Err(Error::invalid(format!(
                        "invalid SASL mechanism name {mechanism:?}"
                    )));
                }
                w.raw("AUTHENTICATE ");
                w.raw(mechanism);
                if let (Some(ir), true) = (initial_response, opts.sasl_ir) {
                    use base64::Engine;
                    let b64 = if ir.0.is_empty() {
                        "=".to_string()
                    } else {
                        base64::engine::general_purpose::STANDARD.encode(&ir.0)
                    };
                    w.cur.extend_from_slice(b" ");
                    w.cur.extend_from_slice(b64.as_bytes());
                    w.trace.push_str(" <redacted>");
                }
            }
            Command::Enable(caps) => {
                if caps.is_empty() {
                    return Err(Error::invalid("ENABLE needs at least one capability"));
                }
                w.raw("ENABLE");
                for c in caps {
                    if !is_atom(c) {
                        return Err(Error::invalid(format!("invalid capability name {c:?}")));
                    }
                    w.raw(" ");
                    w.raw(c);
                }
            }
            Command::Select { mailbox, .. } => {
                w.raw(self.name());
                w.raw(" ");
                let m = mailbox_bytes(mailbox, opts)?;
                w.astring(&m, false)?;
            }
            Command::Fetch { set, items, uid } => {
                w.raw(if *uid { "UID FETCH " } else { "FETCH " });
                w.raw(set.as_str());
                w.raw(" ");
                w.raw(items.as_str());
            }
            Command::Store {
                set,
                op,
                flags,
                silent,
                uid,
            } => {
                w.raw(if *uid { "UID STORE " } else { "STORE " });
                w.raw(set.as_str());
                w.raw(match op {
                    StoreOp::Add => " +FLAGS",
                    StoreOp::Remove => " -FLAGS",
                    StoreOp::Replace => " FLAGS",
                });
                if *silent {
                    w.raw(".SILENT");
                }
                w.raw(" (");
                let texts = flags.iter().map(flag_text).collect::<Result<Vec<_>>>()?;
                w.raw(&texts.join(" "));
                w.raw(")");
            }
        }
        Ok(w.finish())
    }
}

#[cfg(test)]
mod tests {
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
            items: FetchAttributes::parse("(FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)")
                .unwrap(),
            uid: true,
        };
        assert_eq!(
            enc(c, o),
            vec![
                b"A1 UID FETCH 1:3 (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n".to_vec()
            ]
        );
        let c = Command::Store {
            set,
            op: StoreOp::Remove,
            flags: vec![Flag::Deleted, Flag::Keyword("$Junk".into())],
            silent: false,
            uid: false,
        };
        assert_eq!(
            enc(c, o),
            vec![b"A1 STORE 1:3 -FLAGS (\\Deleted $Junk)\r\n".to_vec()]
        );
        let c = Command::Select {
            mailbox: "inbox".into(),
            read_only: true,
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
}
