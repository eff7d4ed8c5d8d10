//! LIST, with the LIST-EXTENDED (RFC 5258) selection and return options, SPECIAL-USE
//! (RFC 6154) and LIST-STATUS (RFC 5819).
use super::mailbox::{list_mailbox, reference, status_items, StatusItem};
use super::writer::Writer;
use crate::error::{Error, Result};

/// `LIST [(selection)] reference patterns [RETURN (options)]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCommand {
    /// The reference name (usually empty).
    pub reference: String,
    /// One or more patterns; more than one needs LIST-EXTENDED.
    pub patterns: Vec<String>,
    pub selection: Vec<ListSelect>,
    pub ret: Vec<ListReturn>,
}

impl ListCommand {
    /// `LIST reference pattern`.
    pub fn new(reference: &str, pattern: &str) -> Self {
        ListCommand {
            reference: reference.to_string(),
            patterns: vec![pattern.to_string()],
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSelect {
    Subscribed,
    Remote,
    /// Needs another selection option beside it (RFC 5258 §3.1).
    RecursiveMatch,
    SpecialUse,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListReturn {
    Children,
    Subscribed,
    SpecialUse,
    /// LIST-STATUS: `STATUS (items)`.
    Status(Vec<StatusItem>),
}

impl ListCommand {
    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        if self.patterns.is_empty() {
            return Err(Error::invalid("LIST needs at least one pattern"));
        }
        if self.selection.contains(&ListSelect::RecursiveMatch)
            && self
                .selection
                .iter()
                .all(|s| *s == ListSelect::RecursiveMatch)
        {
            return Err(Error::invalid(
                "RECURSIVEMATCH needs another selection option",
            ));
        }
        w.raw("LIST ");
        if !self.selection.is_empty() {
            super::paren_list(w, &self.selection, |w, s| {
                w.raw(match s {
                    ListSelect::Subscribed => "SUBSCRIBED",
                    ListSelect::Remote => "REMOTE",
                    ListSelect::RecursiveMatch => "RECURSIVEMATCH",
                    ListSelect::SpecialUse => "SPECIAL-USE",
                });
                Ok(())
            })?;
            w.sp();
        }
        reference(w, &self.reference)?;
        w.sp();
        if let [one] = self.patterns.as_slice() {
            list_mailbox(w, one)?;
        } else {
            super::paren_list(w, &self.patterns, |w, p| list_mailbox(w, p))?;
        }
        if !self.ret.is_empty() {
            w.raw(" RETURN ");
            super::paren_list(w, &self.ret, |w, r| {
                match r {
                    ListReturn::Children => w.raw("CHILDREN"),
                    ListReturn::Subscribed => w.raw("SUBSCRIBED"),
                    ListReturn::SpecialUse => w.raw("SPECIAL-USE"),
                    ListReturn::Status(items) => {
                        w.raw("STATUS ");
                        status_items(w, items)?;
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}
