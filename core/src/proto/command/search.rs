//! SEARCH: a typed key tree for every RFC 9051/3501 key and the extension keys (CONDSTORE
//! MODSEQ, OBJECTID, SAVEDATE, WITHIN, Gmail X-GM-*), with ESEARCH `RETURN (...)` options
//! (RFC 4731, RFC 5182 SAVE, RFC 9394 PARTIAL).
use super::date::Date;
use super::mailbox::MAX_MODSEQ;
use super::store::label;
use super::writer::{check_atom, check_text, is_atom, Show, Writer};
use crate::error::{Error, Result};
use crate::proto::flag::Flag;
use crate::proto::sequence::SequenceSet;

/// One search key. A list of keys (in [`Search::criteria`] or [`SearchKey::And`]) matches
/// messages that match all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKey {
    All,
    Answered,
    Bcc(String),
    Before(Date),
    Body(String),
    Cc(String),
    Deleted,
    Draft,
    Flagged,
    From(String),
    /// `HEADER field-name string`; an empty string matches every message with the field.
    Header(String, String),
    Keyword(String),
    Larger(u64),
    /// IMAP4rev1 only.
    New,
    Not(Box<SearchKey>),
    /// IMAP4rev1 only.
    Old,
    On(Date),
    Or(Box<SearchKey>, Box<SearchKey>),
    /// IMAP4rev1 only.
    Recent,
    Seen,
    SentBefore(Date),
    SentOn(Date),
    SentSince(Date),
    Since(Date),
    Smaller(u64),
    Subject(String),
    Text(String),
    To(String),
    Uid(SequenceSet),
    Unanswered,
    Undeleted,
    Undraft,
    Unflagged,
    Unkeyword(String),
    Unseen,
    /// Message sequence numbers (`$` is the saved result of RFC 5182).
    Sequence(SequenceSet),
    /// A parenthesised list: all of the keys.
    And(Vec<SearchKey>),
    /// CONDSTORE `MODSEQ ["/flags/<flag>" type] n`.
    ModSeq {
        flag: Option<(Flag, EntryType)>,
        modseq: u64,
    },
    /// OBJECTID (RFC 8474).
    EmailId(String),
    ThreadId(String),
    /// SAVEDATE (RFC 8514).
    SavedBefore(Date),
    SavedOn(Date),
    SavedSince(Date),
    SaveDateSupported,
    /// WITHIN (RFC 5032), in seconds.
    Older(u32),
    Younger(u32),
    /// Gmail search syntax (X-GM-EXT-1).
    GmailRaw(String),
    GmailMsgId(u64),
    GmailThreadId(u64),
    GmailLabels(String),
}

/// Which metadata of a flag a MODSEQ key looks at (RFC 7162 `entry-type-req`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryType {
    Private,
    Shared,
    All,
}

/// An ESEARCH return option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchReturn {
    Min,
    Max,
    All,
    Count,
    /// RFC 5182: keep the result for `$`.
    Save,
    /// RFC 9394 `PARTIAL first:last`: both positive (from the lowest) or both negative (from
    /// the highest, `-1:-100`).
    Partial(i64, i64),
}

/// `[UID] SEARCH [RETURN (...)] [CHARSET x] keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Sent as given. When `None` and a string is not ASCII while UTF-8 is not enabled,
    /// `CHARSET UTF-8` is added, since the strings are UTF-8.
    pub charset: Option<String>,
    pub criteria: Vec<SearchKey>,
    /// ESEARCH return options; `Some(vec![])` sends `RETURN ()`.
    pub ret: Option<Vec<SearchReturn>>,
    pub uid: bool,
}

impl Search {
    pub fn new(criteria: Vec<SearchKey>) -> Self {
        Search {
            charset: None,
            criteria,
            ret: None,
            uid: false,
        }
    }

    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        w.raw(if self.uid { "UID SEARCH" } else { "SEARCH" });
        if let Some(ret) = &self.ret {
            w.raw(" RETURN ");
            super::paren_list(w, ret, |w, r| r.write(w))?;
        }
        charset(w, self.charset.as_deref(), &self.criteria)?;
        w.sp();
        keys(w, &self.criteria)
    }
}

/// ` CHARSET x`, as given or, for non-ASCII strings outside UTF-8 mode, `UTF-8`.
pub(super) fn charset(w: &mut Writer, given: Option<&str>, criteria: &[SearchKey]) -> Result<()> {
    match given {
        Some(c) => {
            w.raw(" CHARSET ");
            check_text("charset", c)?;
            w.astring(c.as_bytes(), Show::Plain)?;
        }
        None if !w.opts.utf8 && criteria.iter().any(|k| k.has_8bit(0)) => w.raw(" CHARSET UTF-8"),
        None => {}
    }
    Ok(())
}

/// Keys separated by spaces; at least one.
pub(super) fn keys(w: &mut Writer, keys: &[SearchKey]) -> Result<()> {
    if keys.is_empty() {
        return Err(Error::invalid("a search needs at least one key"));
    }
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            w.sp();
        }
        k.write(w, 0)?;
    }
    Ok(())
}

impl SearchReturn {
    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        match *self {
            SearchReturn::Min => w.raw("MIN"),
            SearchReturn::Max => w.raw("MAX"),
            SearchReturn::All => w.raw("ALL"),
            SearchReturn::Count => w.raw("COUNT"),
            SearchReturn::Save => w.raw("SAVE"),
            SearchReturn::Partial(a, b) => {
                let max = u32::MAX as i64;
                let ok = ((1..=max).contains(&a) && (1..=max).contains(&b))
                    || ((-max..=-1).contains(&a) && (-max..=-1).contains(&b));
                if !ok {
                    return Err(Error::invalid(format!(
                        "PARTIAL {a}:{b}: both ends must be non-zero numbers of the same sign"
                    )));
                }
                w.raw(&format!("PARTIAL {a}:{b}"));
            }
        }
        Ok(())
    }
}

/// Deeper trees are refused rather than risk the stack (and no server would take them).
const MAX_DEPTH: usize = 100;

impl SearchKey {
    fn has_8bit(&self, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            // write() refuses such a tree anyway.
            return false;
        }
        match self {
            SearchKey::Bcc(s)
            | SearchKey::Body(s)
            | SearchKey::Cc(s)
            | SearchKey::From(s)
            | SearchKey::Subject(s)
            | SearchKey::Text(s)
            | SearchKey::To(s)
            | SearchKey::Header(_, s)
            | SearchKey::GmailRaw(s) => !s.is_ascii(),
            SearchKey::Not(k) => k.has_8bit(depth + 1),
            SearchKey::Or(a, b) => a.has_8bit(depth + 1) || b.has_8bit(depth + 1),
            SearchKey::And(ks) => ks.iter().any(|k| k.has_8bit(depth + 1)),
            _ => false,
        }
    }

    fn write(&self, w: &mut Writer, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Error::invalid("search keys nested too deeply"));
        }
        let text = |w: &mut Writer, name: &str, s: &str| -> Result<()> {
            check_text(name, s)?;
            w.raw(name);
            w.sp();
            w.string(s.as_bytes(), Show::Plain)
        };
        let date = |w: &mut Writer, name: &str, d: &Date| {
            w.raw(name);
            w.sp();
            w.raw(&d.to_string());
        };
        match self {
            SearchKey::All => w.raw("ALL"),
            SearchKey::Answered => w.raw("ANSWERED"),
            SearchKey::Bcc(s) => text(w, "BCC", s)?,
            SearchKey::Before(d) => date(w, "BEFORE", d),
            SearchKey::Body(s) => text(w, "BODY", s)?,
            SearchKey::Cc(s) => text(w, "CC", s)?,
            SearchKey::Deleted => w.raw("DELETED"),
            SearchKey::Draft => w.raw("DRAFT"),
            SearchKey::Flagged => w.raw("FLAGGED"),
            SearchKey::From(s) => text(w, "FROM", s)?,
            SearchKey::Header(name, value) => {
                header_name(name)?;
                w.raw("HEADER ");
                w.astring(name.as_bytes(), Show::Plain)?;
                w.sp();
                check_text("header value", value)?;
                w.string(value.as_bytes(), Show::Plain)?;
            }
            SearchKey::Keyword(k) => {
                check_atom("keyword", k)?;
                w.raw("KEYWORD ");
                w.raw(k);
            }
            SearchKey::Larger(n) => w.raw(&format!("LARGER {n}")),
            SearchKey::New => w.raw("NEW"),
            SearchKey::Not(k) => {
                w.raw("NOT ");
                k.write(w, depth + 1)?;
            }
            SearchKey::Old => w.raw("OLD"),
            SearchKey::On(d) => date(w, "ON", d),
            SearchKey::Or(a, b) => {
                w.raw("OR ");
                a.write(w, depth + 1)?;
                w.sp();
                b.write(w, depth + 1)?;
            }
            SearchKey::Recent => w.raw("RECENT"),
            SearchKey::Seen => w.raw("SEEN"),
            SearchKey::SentBefore(d) => date(w, "SENTBEFORE", d),
            SearchKey::SentOn(d) => date(w, "SENTON", d),
            SearchKey::SentSince(d) => date(w, "SENTSINCE", d),
            SearchKey::Since(d) => date(w, "SINCE", d),
            SearchKey::Smaller(n) => w.raw(&format!("SMALLER {n}")),
            SearchKey::Subject(s) => text(w, "SUBJECT", s)?,
            SearchKey::Text(s) => text(w, "TEXT", s)?,
            SearchKey::To(s) => text(w, "TO", s)?,
            SearchKey::Uid(set) => {
                w.raw("UID ");
                w.raw(set.as_str());
            }
            SearchKey::Unanswered => w.raw("UNANSWERED"),
            SearchKey::Undeleted => w.raw("UNDELETED"),
            SearchKey::Undraft => w.raw("UNDRAFT"),
            SearchKey::Unflagged => w.raw("UNFLAGGED"),
            SearchKey::Unkeyword(k) => {
                check_atom("keyword", k)?;
                w.raw("UNKEYWORD ");
                w.raw(k);
            }
            SearchKey::Unseen => w.raw("UNSEEN"),
            SearchKey::Sequence(set) => w.raw(set.as_str()),
            SearchKey::And(ks) => {
                if ks.is_empty() {
                    return Err(Error::invalid("an empty parenthesised search key list"));
                }
                w.raw("(");
                for (i, k) in ks.iter().enumerate() {
                    if i > 0 {
                        w.sp();
                    }
                    k.write(w, depth + 1)?;
                }
                w.raw(")");
            }
            SearchKey::ModSeq { flag, modseq } => {
                if *modseq > MAX_MODSEQ {
                    return Err(Error::invalid(format!(
                        "MODSEQ {modseq} is beyond the largest mod-sequence"
                    )));
                }
                w.raw("MODSEQ ");
                if let Some((f, t)) = flag {
                    let ok = match f {
                        Flag::MayCreate | Flag::Recent => false,
                        Flag::Extension(n) | Flag::Keyword(n) => is_atom(n),
                        _ => true,
                    };
                    if !ok {
                        return Err(Error::invalid(format!(
                            "{f:?} has no MODSEQ metadata entry"
                        )));
                    }
                    // The entry name is always a quoted string (RFC 7162 `entry-flag-name`).
                    let entry = format!("\"/flags/{}\"", f.to_string().replace('\\', "\\\\"));
                    w.raw(&entry);
                    w.raw(match t {
                        EntryType::Private => " priv ",
                        EntryType::Shared => " shared ",
                        EntryType::All => " all ",
                    });
                }
                w.raw(&modseq.to_string());
            }
            SearchKey::EmailId(id) => {
                object_id(id)?;
                w.raw("EMAILID ");
                w.raw(id);
            }
            SearchKey::ThreadId(id) => {
                object_id(id)?;
                w.raw("THREADID ");
                w.raw(id);
            }
            SearchKey::SavedBefore(d) => date(w, "SAVEDBEFORE", d),
            SearchKey::SavedOn(d) => date(w, "SAVEDON", d),
            SearchKey::SavedSince(d) => date(w, "SAVEDSINCE", d),
            SearchKey::SaveDateSupported => w.raw("SAVEDATESUPPORTED"),
            SearchKey::Older(n) | SearchKey::Younger(n) => {
                if *n == 0 {
                    return Err(Error::invalid("OLDER/YOUNGER take a positive interval"));
                }
                let name = if matches!(self, SearchKey::Older(_)) {
                    "OLDER"
                } else {
                    "YOUNGER"
                };
                w.raw(&format!("{name} {n}"));
            }
            SearchKey::GmailRaw(s) => text(w, "X-GM-RAW", s)?,
            SearchKey::GmailMsgId(n) => w.raw(&format!("X-GM-MSGID {n}")),
            SearchKey::GmailThreadId(n) => w.raw(&format!("X-GM-THRID {n}")),
            SearchKey::GmailLabels(l) => {
                w.raw("X-GM-LABELS ");
                label(w, l)?;
            }
        }
        Ok(())
    }
}

/// RFC 5322 field names: printable ASCII except `:`.
pub(super) fn header_name(name: &str) -> Result<()> {
    if name.is_empty() || !name.bytes().all(|b| b > 0x20 && b < 0x7f && b != b':') {
        return Err(Error::invalid(format!(
            "invalid header field name {name:?}"
        )));
    }
    Ok(())
}

/// RFC 8474 `objectid`: 1 to 255 of letters, digits, `_` and `-`.
fn object_id(id: &str) -> Result<()> {
    let ok = (1..=255).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!("invalid object id {id:?}")))
    }
}
