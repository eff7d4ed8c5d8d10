//! STORE of flags (with CONDSTORE UNCHANGEDSINCE) and of Gmail labels, and the flag lists
//! STORE and APPEND share.
use super::mailbox::{name_bytes, MAX_MODSEQ};
use super::writer::{is_atom, Show, Writer};
use crate::error::{Error, Result};
use crate::proto::flag::Flag;
use crate::proto::sequence::SequenceSet;

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

    fn prefix(self) -> &'static str {
        match self {
            StoreOp::Add => "+",
            StoreOp::Remove => "-",
            StoreOp::Replace => "",
        }
    }
}

/// A flag a client may set: system flags by name, keywords and `\Extension` flags as atoms.
/// `\Recent` and `\*` are the server's, never the client's.
pub(super) fn flag(w: &mut Writer, f: &Flag) -> Result<()> {
    let ok = match f {
        Flag::MayCreate | Flag::Recent => false,
        Flag::Extension(n) | Flag::Keyword(n) => is_atom(n),
        _ => true,
    };
    if !ok {
        return Err(Error::invalid(format!("{:?} cannot be set as a flag", f)));
    }
    w.raw(&f.to_string());
    Ok(())
}

pub(super) fn flag_list(w: &mut Writer, flags: &[Flag]) -> Result<()> {
    super::paren_list(w, flags, flag)
}

fn head(w: &mut Writer, set: &SequenceSet, uid: bool, unchanged_since: Option<u64>) -> Result<()> {
    w.raw(if uid { "UID STORE " } else { "STORE " });
    w.raw(set.as_str());
    if let Some(m) = unchanged_since {
        if m > MAX_MODSEQ {
            return Err(Error::invalid(format!(
                "UNCHANGEDSINCE {m} is beyond the largest mod-sequence"
            )));
        }
        w.raw(&format!(" (UNCHANGEDSINCE {m})"));
    }
    w.sp();
    Ok(())
}

pub(super) fn store(
    w: &mut Writer,
    set: &SequenceSet,
    op: StoreOp,
    flags: &[Flag],
    silent: bool,
    uid: bool,
    unchanged_since: Option<u64>,
) -> Result<()> {
    head(w, set, uid, unchanged_since)?;
    w.raw(op.prefix());
    w.raw(if silent { "FLAGS.SILENT " } else { "FLAGS " });
    flag_list(w, flags)
}

pub(super) fn store_labels(
    w: &mut Writer,
    set: &SequenceSet,
    op: StoreOp,
    labels: &[String],
    silent: bool,
    uid: bool,
) -> Result<()> {
    head(w, set, uid, None)?;
    w.raw(op.prefix());
    w.raw(if silent {
        "X-GM-LABELS.SILENT "
    } else {
        "X-GM-LABELS "
    });
    super::paren_list(w, labels, |w, l| label(w, l))
}

/// A Gmail label: system labels (`\Inbox`, `\Important`) bare like flags, user labels as
/// mailbox names (modified UTF-7 unless UTF-8 is enabled).
pub(super) fn label(w: &mut Writer, l: &str) -> Result<()> {
    if let Some(name) = l.strip_prefix('\\') {
        if is_atom(name) {
            w.raw(l);
            return Ok(());
        }
    }
    if l.is_empty() {
        return Err(Error::invalid("empty Gmail label"));
    }
    let b = name_bytes(w, l)?;
    w.astring(&b, Show::Plain)
}
