//! Message flags (RFC 9051 §2.3.2).
use std::fmt;

/// A message flag. System flags are matched case-insensitively; keywords keep their spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Flag {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
    /// `\Recent` (IMAP4rev1 only).
    Recent,
    /// `\*` in PERMANENTFLAGS: new keywords may be created.
    MayCreate,
    /// Any other `\Name` flag, without the backslash.
    Extension(String),
    /// A keyword such as `$Forwarded` or `Junk`.
    Keyword(String),
}

impl Flag {
    /// Parses the textual form (`\Seen`, `$Junk`, `\*`). Never fails: unknown backslash flags
    /// become [`Flag::Extension`].
    pub fn parse(s: &str) -> Flag {
        if let Some(name) = s.strip_prefix('\\') {
            // Compared in place: FETCH FLAGS is on every message, so no lower-cased copy.
            const SYSTEM: [(&str, Flag); 7] = [
                ("seen", Flag::Seen),
                ("answered", Flag::Answered),
                ("flagged", Flag::Flagged),
                ("deleted", Flag::Deleted),
                ("draft", Flag::Draft),
                ("recent", Flag::Recent),
                ("*", Flag::MayCreate),
            ];
            SYSTEM
                .into_iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map_or_else(|| Flag::Extension(name.to_string()), |(_, f)| f)
        } else {
            Flag::Keyword(s.to_string())
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::Seen => f.write_str("\\Seen"),
            Flag::Answered => f.write_str("\\Answered"),
            Flag::Flagged => f.write_str("\\Flagged"),
            Flag::Deleted => f.write_str("\\Deleted"),
            Flag::Draft => f.write_str("\\Draft"),
            Flag::Recent => f.write_str("\\Recent"),
            Flag::MayCreate => f.write_str("\\*"),
            Flag::Extension(n) => write!(f, "\\{n}"),
            Flag::Keyword(k) => f.write_str(k),
        }
    }
}
