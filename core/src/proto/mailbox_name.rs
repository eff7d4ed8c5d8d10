//! Mailbox names: Unicode on our side, modified UTF-7 (RFC 3501 §5.1.3) or UTF-8 (IMAP4rev2,
//! UTF8=ACCEPT) on the wire.
use std::fmt;

/// A mailbox name. `INBOX` is case-insensitive (RFC 9051 §5.1) and is always held as `INBOX`,
/// so `MailboxName::new("inbox") == MailboxName::new("INBOX")`; other names compare exactly.
///
/// A name read from the wire whose bytes are not the canonical encoding of any Unicode name
/// (invalid modified UTF-7, non-canonical base64, invalid UTF-8) keeps those bytes, so that it
/// is sent back to the server exactly as received; [`MailboxName::as_str`] then shows them
/// lossily.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MailboxName {
    name: String,
    raw: Option<Vec<u8>>,
}

impl MailboxName {
    pub fn new(name: &str) -> Self {
        let name = if name.eq_ignore_ascii_case("INBOX") {
            "INBOX".to_string()
        } else {
            name.to_string()
        };
        MailboxName { name, raw: None }
    }

    /// The Unicode name.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    pub fn is_inbox(&self) -> bool {
        self.name == "INBOX"
    }

    /// Decodes wire bytes: UTF-8 when `utf8` (IMAP4rev2 or UTF8=ACCEPT enabled), modified UTF-7
    /// otherwise. Never fails (see the type's documentation).
    pub fn from_wire(raw: &[u8], utf8: bool) -> Self {
        let decoded = if utf8 {
            std::str::from_utf8(raw).ok().map(str::to_string)
        } else {
            super::parse::mutf7::decode(raw)
        };
        match decoded {
            Some(name) => {
                let n = MailboxName::new(&name);
                if n.is_inbox() || n.encode(utf8) == raw {
                    n
                } else {
                    MailboxName {
                        name,
                        raw: Some(raw.to_vec()),
                    }
                }
            }
            None => MailboxName {
                name: String::from_utf8_lossy(raw).into_owned(),
                raw: Some(raw.to_vec()),
            },
        }
    }

    /// The bytes to send: modified UTF-7, or UTF-8 when `utf8`; a name read from the wire in
    /// a form we could not reproduce goes back as it came.
    pub fn to_wire(&self, utf8: bool) -> Vec<u8> {
        match &self.raw {
            Some(raw) => raw.clone(),
            None => self.encode(utf8),
        }
    }

    fn encode(&self, utf8: bool) -> Vec<u8> {
        if utf8 {
            self.name.as_bytes().to_vec()
        } else {
            super::parse::mutf7::encode(&self.name).into_bytes()
        }
    }
}

impl fmt::Display for MailboxName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl From<&str> for MailboxName {
    fn from(s: &str) -> Self {
        MailboxName::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_answers() {
        let n = MailboxName::new("~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}");
        assert_eq!(n.to_wire(false), b"~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assert_eq!(
            n.to_wire(true),
            "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}".as_bytes()
        );
        assert_eq!(
            MailboxName::from_wire(b"~peter/mail/&U,BTFw-/&ZeVnLIqe-", false),
            n
        );
        assert_eq!(
            MailboxName::from_wire(b"Entw&APw-rfe", false).as_str(),
            "Entw\u{fc}rfe"
        );
        assert_eq!(
            MailboxName::from_wire("Entw\u{fc}rfe".as_bytes(), true).as_str(),
            "Entw\u{fc}rfe"
        );
        // Under UTF-8, `&` is an ordinary character.
        assert_eq!(MailboxName::from_wire(b"A&-B", true).as_str(), "A&-B");
        assert_eq!(MailboxName::from_wire(b"A&-B", false).as_str(), "A&B");
    }

    #[test]
    fn inbox_is_case_insensitive() {
        assert_eq!(MailboxName::new("inbox"), MailboxName::new("INBOX"));
        assert_eq!(
            MailboxName::from_wire(b"InBoX", false),
            MailboxName::new("INBOX")
        );
        assert!(MailboxName::new("Inbox").is_inbox());
        assert_eq!(MailboxName::new("inbox").to_wire(false), b"INBOX");
        assert_ne!(MailboxName::new("inbox/a"), MailboxName::new("INBOX/a"));
        assert!(!MailboxName::new("INBOX2").is_inbox());
    }

    #[test]
    fn undecodable_bytes_go_back_unchanged() {
        for (raw, utf8) in [
            (&b"a&b"[..], false),
            (b"&AGE-", false), // "a" in needless base64
            (b"G\xf6r", false),
            (b"G\xf6r", true),
        ] {
            let n = MailboxName::from_wire(raw, utf8);
            assert_eq!(n.to_wire(utf8), raw);
        }
        assert_eq!(MailboxName::from_wire(b"&AGE-", false).as_str(), "a");
        assert_eq!(
            MailboxName::from_wire(b"G\xf6r", true).as_str(),
            "G\u{fffd}r"
        );
    }

    proptest! {
        #[test]
        fn unicode_round_trip(s in any::<String>(), utf8 in any::<bool>()) {
            let n = MailboxName::new(&s);
            let wire = n.to_wire(utf8);
            if !utf8 {
                prop_assert!(wire.iter().all(|b| (0x20..=0x7e).contains(b)));
            }
            prop_assert_eq!(MailboxName::from_wire(&wire, utf8), n);
        }

        #[test]
        fn wire_bytes_round_trip(raw in proptest::collection::vec(any::<u8>(), 0..32), utf8 in any::<bool>()) {
            let n = MailboxName::from_wire(&raw, utf8);
            if n.is_inbox() {
                prop_assert!(raw.eq_ignore_ascii_case(b"INBOX"));
            } else {
                prop_assert_eq!(n.to_wire(utf8), raw);
            }
        }
    }
}
