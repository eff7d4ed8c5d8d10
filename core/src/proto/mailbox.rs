//! Mailbox names (modified UTF-7, RFC 3501 §5.1.3, or UTF-8 under IMAP4rev2/UTF8=ACCEPT),
//! LIST data and the state a SELECT/EXAMINE reports.
use super::flag::Flag;

/// One LIST (or LSUB) response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListItem {
    /// Name attributes as sent (`\HasNoChildren`, `\Sent`, …).
    pub attributes: Vec<String>,
    pub delimiter: Option<char>,
    /// The name decoded to Unicode (modified UTF-7 decoded unless the session uses UTF-8 names).
    pub name: String,
    /// The name's bytes exactly as the server sent them.
    pub name_raw: Vec<u8>,
    /// `OLDNAME` extended data (RFC 9051 §7.3.1), decoded.
    pub old_name: Option<String>,
}

/// What SELECT or EXAMINE reported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MailboxInfo {
    pub name: String,
    pub exists: u32,
    /// IMAP4rev1 servers only.
    pub recent: Option<u32>,
    pub flags: Vec<Flag>,
    pub permanent_flags: Vec<Flag>,
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    /// IMAP4rev1 `[UNSEEN n]`.
    pub unseen: Option<u32>,
    pub highest_modseq: Option<u64>,
    pub read_only: bool,
    /// LIST responses sent during SELECT (IMAP4rev2 sends one, possibly with OLDNAME).
    pub list: Vec<ListItem>,
}

/// Encodes a Unicode mailbox name in modified UTF-7.
pub fn encode_mutf7(name: &str) -> String {
    super::parse::mutf7::encode(name)
}

/// Decodes modified UTF-7; `None` when the bytes are not valid modified UTF-7.
pub fn decode_mutf7(raw: &[u8]) -> Option<String> {
    super::parse::mutf7::decode(raw)
}
