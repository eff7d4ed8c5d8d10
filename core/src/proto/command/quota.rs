//! QUOTA (RFC 9208): GETQUOTA, SETQUOTA (GETQUOTAROOT takes a mailbox).
use super::writer::{check_atom, check_text, Show, Writer};
use crate::error::Result;

/// A quota root name: any astring, `""` included.
pub(super) fn root(w: &mut Writer, root: &str) -> Result<()> {
    check_text("quota root", root)?;
    w.astring(root.as_bytes(), Show::Plain)
}

pub(super) fn set_quota(w: &mut Writer, name: &str, limits: &[(String, u64)]) -> Result<()> {
    w.raw("SETQUOTA ");
    root(w, name)?;
    w.sp();
    super::paren_list(w, limits, |w, (resource, limit)| {
        check_atom("quota resource name", resource)?;
        w.raw(&resource.to_ascii_uppercase());
        w.sp();
        w.number(*limit);
        Ok(())
    })
}
