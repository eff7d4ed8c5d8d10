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
    /// `CHILDINFO` extended data (RFC 5258 LIST-EXTENDED): why a non-matching parent is listed
    /// (`"SUBSCRIBED"`), as sent.
    pub child_info: Vec<String>,
    /// Other extended data items: the tag as sent and the value's exact bytes.
    pub extended: Vec<(String, Vec<u8>)>,
}

impl ListItem {
    /// The name attributes, typed.
    pub fn attrs(&self) -> Vec<MailboxAttr> {
        self.attributes
            .iter()
            .map(|a| MailboxAttr::parse(a))
            .collect()
    }

    pub fn has_attr(&self, attr: &MailboxAttr) -> bool {
        self.attributes
            .iter()
            .any(|a| MailboxAttr::parse(a) == *attr)
    }
}

/// A mailbox name attribute (RFC 9051 §7.3.1, RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE,
/// RFC 8457 `\Important`), matched case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MailboxAttr {
    NoInferiors,
    NoSelect,
    NonExistent,
    HasChildren,
    HasNoChildren,
    Marked,
    Unmarked,
    Subscribed,
    Remote,
    /// Special use: every message.
    All,
    Archive,
    Drafts,
    /// Special use: the flagged messages.
    Flagged,
    Junk,
    Sent,
    Trash,
    Important,
    /// Any other attribute, as sent (backslash included).
    Other(String),
}

impl MailboxAttr {
    pub fn parse(s: &str) -> MailboxAttr {
        let Some(name) = s.strip_prefix('\\') else {
            return MailboxAttr::Other(s.to_string());
        };
        match name.to_ascii_lowercase().as_str() {
            "noinferiors" => MailboxAttr::NoInferiors,
            "noselect" => MailboxAttr::NoSelect,
            "nonexistent" => MailboxAttr::NonExistent,
            "haschildren" => MailboxAttr::HasChildren,
            "hasnochildren" => MailboxAttr::HasNoChildren,
            "marked" => MailboxAttr::Marked,
            "unmarked" => MailboxAttr::Unmarked,
            "subscribed" => MailboxAttr::Subscribed,
            "remote" => MailboxAttr::Remote,
            "all" => MailboxAttr::All,
            "archive" => MailboxAttr::Archive,
            "drafts" => MailboxAttr::Drafts,
            "flagged" => MailboxAttr::Flagged,
            "junk" => MailboxAttr::Junk,
            "sent" => MailboxAttr::Sent,
            "trash" => MailboxAttr::Trash,
            "important" => MailboxAttr::Important,
            _ => MailboxAttr::Other(s.to_string()),
        }
    }

    /// True for the RFC 6154 / RFC 8457 special-use attributes.
    pub fn is_special_use(&self) -> bool {
        matches!(
            self,
            MailboxAttr::All
                | MailboxAttr::Archive
                | MailboxAttr::Drafts
                | MailboxAttr::Flagged
                | MailboxAttr::Junk
                | MailboxAttr::Sent
                | MailboxAttr::Trash
                | MailboxAttr::Important
        )
    }

    /// The wire form (`\Sent`).
    pub fn as_str(&self) -> &str {
        match self {
            MailboxAttr::NoInferiors => "\\Noinferiors",
            MailboxAttr::NoSelect => "\\Noselect",
            MailboxAttr::NonExistent => "\\NonExistent",
            MailboxAttr::HasChildren => "\\HasChildren",
            MailboxAttr::HasNoChildren => "\\HasNoChildren",
            MailboxAttr::Marked => "\\Marked",
            MailboxAttr::Unmarked => "\\Unmarked",
            MailboxAttr::Subscribed => "\\Subscribed",
            MailboxAttr::Remote => "\\Remote",
            MailboxAttr::All => "\\All",
            MailboxAttr::Archive => "\\Archive",
            MailboxAttr::Drafts => "\\Drafts",
            MailboxAttr::Flagged => "\\Flagged",
            MailboxAttr::Junk => "\\Junk",
            MailboxAttr::Sent => "\\Sent",
            MailboxAttr::Trash => "\\Trash",
            MailboxAttr::Important => "\\Important",
            MailboxAttr::Other(s) => s,
        }
    }
}

impl std::fmt::Display for MailboxAttr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The typed attributes of a STATUS response (RFC 9051 §7.3.4 and extensions). `None` when
/// the server did not send that attribute.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusValues {
    pub messages: Option<u32>,
    /// IMAP4rev1 only.
    pub recent: Option<u32>,
    pub uidnext: Option<u32>,
    pub uidvalidity: Option<u32>,
    pub unseen: Option<u32>,
    /// Messages with `\Deleted` (IMAP4rev2).
    pub deleted: Option<u32>,
    /// Total size in octets (IMAP4rev2, RFC 8438 STATUS=SIZE).
    pub size: Option<u64>,
    /// RFC 7162 CONDSTORE.
    pub highest_modseq: Option<u64>,
    /// RFC 9208 QUOTA: storage the deleted messages use, in KiB.
    pub deleted_storage: Option<u64>,
    /// RFC 7889 APPENDLIMIT: `Some(None)` when the server says NIL (no limit).
    pub append_limit: Option<Option<u64>>,
    /// RFC 8474 OBJECTID.
    pub mailbox_id: Option<String>,
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
