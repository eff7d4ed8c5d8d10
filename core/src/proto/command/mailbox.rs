//! Mailbox names on the wire and the commands about one mailbox: SELECT/EXAMINE parameters
//! (CONDSTORE, QRESYNC), CREATE with special-use, STATUS.
use super::writer::{check_atom, check_text, Show, Writer};
use crate::error::{Error, Result};
use crate::proto::sequence::SequenceSet;

/// The largest mod-sequence (RFC 7162: a positive 63-bit number).
pub(crate) const MAX_MODSEQ: u64 = i64::MAX as u64;

/// Parameters of SELECT/EXAMINE (RFC 7162).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectParams {
    /// `(CONDSTORE)`: turn on mod-sequences for this mailbox.
    pub condstore: bool,
    /// `(QRESYNC (...))`: quick resynchronisation (QRESYNC must be enabled first).
    pub qresync: Option<QResync>,
}

/// What the client remembers of a mailbox, for `QRESYNC (uidvalidity modseq [known-uids]
/// [(seq-set uid-set)])`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QResync {
    pub uidvalidity: u32,
    pub modseq: u64,
    pub known_uids: Option<SequenceSet>,
    /// Message numbers and the UIDs they had (`known-sequence-set`, `known-uid-set`).
    pub seq_match: Option<(SequenceSet, SequenceSet)>,
}

impl SelectParams {
    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        if !self.condstore && self.qresync.is_none() {
            return Ok(());
        }
        w.raw(" (");
        if self.condstore {
            w.raw("CONDSTORE");
            if self.qresync.is_some() {
                w.sp();
            }
        }
        if let Some(q) = &self.qresync {
            if q.uidvalidity == 0 {
                return Err(Error::invalid("QRESYNC UIDVALIDITY must not be 0"));
            }
            if q.modseq == 0 || q.modseq > MAX_MODSEQ {
                return Err(Error::invalid(format!(
                    "QRESYNC mod-sequence {} out of range",
                    q.modseq
                )));
            }
            w.raw(&format!("QRESYNC ({} {}", q.uidvalidity, q.modseq));
            let sets = q
                .known_uids
                .iter()
                .chain(q.seq_match.iter().flat_map(|(a, b)| [a, b]));
            for s in sets {
                if s.as_str().contains(['*', '$']) {
                    return Err(Error::invalid(format!(
                        "QRESYNC sets must be explicit numbers, not {s}"
                    )));
                }
            }
            if let Some(k) = &q.known_uids {
                w.sp();
                w.raw(k.as_str());
            }
            if let Some((seqs, uids)) = &q.seq_match {
                w.raw(&format!(" ({seqs} {uids})"));
            }
            w.raw(")");
        }
        w.raw(")");
        Ok(())
    }
}

/// A special-use attribute (RFC 6154, RFC 8457 `\Important`) for CREATE `USE (...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecialUse {
    All,
    Archive,
    Drafts,
    Flagged,
    Junk,
    Sent,
    Trash,
    Important,
    /// Another `\Name`, without the backslash.
    Other(String),
}

impl SpecialUse {
    fn write(&self, w: &mut Writer) -> Result<()> {
        let name = match self {
            SpecialUse::All => "All",
            SpecialUse::Archive => "Archive",
            SpecialUse::Drafts => "Drafts",
            SpecialUse::Flagged => "Flagged",
            SpecialUse::Junk => "Junk",
            SpecialUse::Sent => "Sent",
            SpecialUse::Trash => "Trash",
            SpecialUse::Important => "Important",
            SpecialUse::Other(n) => {
                check_atom("special-use attribute", n)?;
                n
            }
        };
        w.raw("\\");
        w.raw(name);
        Ok(())
    }
}

/// A STATUS data item (RFC 9051 §6.3.11, RFC 3501, RFC 7162, RFC 7889, RFC 8438, RFC 8474).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusItem {
    Messages,
    UidNext,
    UidValidity,
    Unseen,
    Deleted,
    Size,
    /// IMAP4rev1 only.
    Recent,
    HighestModSeq,
    AppendLimit,
    MailboxId,
}

impl StatusItem {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusItem::Messages => "MESSAGES",
            StatusItem::UidNext => "UIDNEXT",
            StatusItem::UidValidity => "UIDVALIDITY",
            StatusItem::Unseen => "UNSEEN",
            StatusItem::Deleted => "DELETED",
            StatusItem::Size => "SIZE",
            StatusItem::Recent => "RECENT",
            StatusItem::HighestModSeq => "HIGHESTMODSEQ",
            StatusItem::AppendLimit => "APPENDLIMIT",
            StatusItem::MailboxId => "MAILBOXID",
        }
    }
}

pub(super) fn status_items(w: &mut Writer, items: &[StatusItem]) -> Result<()> {
    if items.is_empty() {
        return Err(Error::invalid("STATUS needs at least one item"));
    }
    super::paren_list(w, items, |w, i| {
        w.raw(i.as_str());
        Ok(())
    })
}

pub(super) fn status(w: &mut Writer, name: &str, items: &[StatusItem]) -> Result<()> {
    w.raw("STATUS ");
    mailbox(w, name)?;
    w.sp();
    status_items(w, items)
}

pub(super) fn create(w: &mut Writer, name: &str, special_use: &[SpecialUse]) -> Result<()> {
    w.raw("CREATE ");
    mailbox(w, name)?;
    if !special_use.is_empty() {
        w.raw(" (USE ");
        super::paren_list(w, special_use, |w, u| u.write(w))?;
        w.raw(")");
    }
    Ok(())
}

/// The bytes of a mailbox name: `INBOX` in any case is sent as `INBOX`; others in modified
/// UTF-7 unless UTF-8 is enabled.
pub(super) fn name_bytes(w: &Writer, name: &str) -> Result<Vec<u8>> {
    check_text("mailbox name", name)?;
    if name.eq_ignore_ascii_case("INBOX") {
        return Ok(b"INBOX".to_vec());
    }
    if w.opts.utf8 {
        Ok(name.as_bytes().to_vec())
    } else {
        Ok(crate::proto::mailbox::encode_mutf7(name).into_bytes())
    }
}

/// A `mailbox` argument; the empty name is refused.
pub(super) fn mailbox(w: &mut Writer, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::invalid("empty mailbox name"));
    }
    let b = name_bytes(w, name)?;
    w.astring(&b, Show::Plain)
}

/// A mailbox argument where `""` has a meaning (LIST reference, server metadata, the
/// default quota root).
pub(super) fn reference(w: &mut Writer, name: &str) -> Result<()> {
    let b = name_bytes(w, name)?;
    w.astring(&b, Show::Plain)
}

/// `list-mailbox`: like an astring, but `%` and `*` stay bare as wildcards.
pub(super) fn list_mailbox(w: &mut Writer, pattern: &str) -> Result<()> {
    let b = name_bytes(w, pattern)?;
    let bare = !b.is_empty()
        && b.iter()
            .all(|&c| super::writer::is_astring_char(c) || c == b'%' || c == b'*');
    if bare {
        // Validated above: printable ASCII only.
        w.raw(std::str::from_utf8(&b).unwrap_or_default());
        Ok(())
    } else {
        w.string(&b, Show::Plain)
    }
}
