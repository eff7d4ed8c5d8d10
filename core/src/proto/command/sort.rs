//! SORT and THREAD (RFC 5256), with DISPLAYFROM/DISPLAYTO (RFC 5957), REFS (RFC 9586
//! THREAD=REFS) and ESORT return options (RFC 5267).
use super::search::{keys, SearchKey, SearchReturn};
use super::writer::{check_atom, Writer};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Arrival,
    Cc,
    Date,
    From,
    Size,
    Subject,
    To,
    DisplayFrom,
    DisplayTo,
}

/// `[UID] SORT [RETURN (...)] (criteria) charset keys`. Each criterion is a key and whether
/// it is REVERSE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    pub criteria: Vec<(SortKey, bool)>,
    /// SORT always names a charset; `None` sends `UTF-8`.
    pub charset: Option<String>,
    pub search: Vec<SearchKey>,
    pub ret: Option<Vec<SearchReturn>>,
    pub uid: bool,
}

impl SortKey {
    fn as_str(self) -> &'static str {
        match self {
            SortKey::Arrival => "ARRIVAL",
            SortKey::Cc => "CC",
            SortKey::Date => "DATE",
            SortKey::From => "FROM",
            SortKey::Size => "SIZE",
            SortKey::Subject => "SUBJECT",
            SortKey::To => "TO",
            SortKey::DisplayFrom => "DISPLAYFROM",
            SortKey::DisplayTo => "DISPLAYTO",
        }
    }
}

/// SORT and THREAD name the charset bare, and always.
fn charset_always(w: &mut Writer, given: Option<&str>) -> Result<()> {
    match given {
        Some(c) => {
            check_atom("charset", c)?;
            w.sp();
            w.raw(c);
        }
        None => w.raw(" UTF-8"),
    }
    Ok(())
}

impl Sort {
    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        if self.criteria.is_empty() {
            return Err(Error::invalid("SORT needs at least one criterion"));
        }
        w.raw(if self.uid { "UID SORT" } else { "SORT" });
        if let Some(ret) = &self.ret {
            w.raw(" RETURN ");
            super::paren_list(w, ret, |w, r| {
                if matches!(r, SearchReturn::Partial(..)) {
                    return Err(Error::invalid("PARTIAL is not an ESORT return option"));
                }
                r.write(w)
            })?;
        }
        w.sp();
        super::paren_list(w, &self.criteria, |w, (k, reverse)| {
            if *reverse {
                w.raw("REVERSE ");
            }
            w.raw(k.as_str());
            Ok(())
        })?;
        charset_always(w, self.charset.as_deref())?;
        w.sp();
        keys(w, &self.search)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadAlgorithm {
    OrderedSubject,
    References,
    /// RFC 9586.
    Refs,
    /// Another algorithm the server names in `THREAD=` (an atom).
    Other(String),
}

/// `[UID] THREAD algorithm charset keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub algorithm: ThreadAlgorithm,
    /// `None` sends `UTF-8`.
    pub charset: Option<String>,
    pub search: Vec<SearchKey>,
    pub uid: bool,
}

impl Thread {
    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        w.raw(if self.uid { "UID THREAD " } else { "THREAD " });
        match &self.algorithm {
            ThreadAlgorithm::OrderedSubject => w.raw("ORDEREDSUBJECT"),
            ThreadAlgorithm::References => w.raw("REFERENCES"),
            ThreadAlgorithm::Refs => w.raw("REFS"),
            ThreadAlgorithm::Other(a) => w.atom("thread algorithm", a)?,
        }
        charset_always(w, self.charset.as_deref())?;
        w.sp();
        keys(w, &self.search)
    }
}
