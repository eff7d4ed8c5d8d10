//! Commands of the not-authenticated state and of identification: LOGIN, AUTHENTICATE,
//! ENABLE, ID.
use super::writer::{check_atom, check_text, Show, Writer};
use super::Secret;
use crate::error::{Error, Result};

pub(super) fn login(w: &mut Writer, user: &str, password: &Secret) -> Result<()> {
    check_text("user name", user)?;
    if password
        .0
        .iter()
        .any(|&b| b == b'\r' || b == b'\n' || b == 0)
    {
        return Err(Error::invalid("password contains CR, LF or NUL"));
    }
    w.raw("LOGIN ");
    w.astring(user.as_bytes(), Show::Plain)?;
    w.sp();
    w.astring(&password.0, Show::Secret)
}

pub(super) fn authenticate(
    w: &mut Writer,
    mechanism: &str,
    initial_response: Option<&Secret>,
) -> Result<()> {
    check_atom("SASL mechanism name", mechanism)?;
    w.raw("AUTHENTICATE ");
    w.raw(mechanism);
    if let (Some(ir), true) = (initial_response, w.opts.sasl_ir) {
        use base64::Engine;
        // RFC 4959: an empty initial response is sent as `=`.
        let b64 = if ir.0.is_empty() {
            "=".to_string()
        } else {
            base64::engine::general_purpose::STANDARD.encode(&ir.0)
        };
        w.sp();
        w.raw_secret(&b64);
    }
    Ok(())
}

pub(super) fn enable(w: &mut Writer, caps: &[String]) -> Result<()> {
    if caps.is_empty() {
        return Err(Error::invalid("ENABLE needs at least one capability"));
    }
    w.raw("ENABLE");
    for c in caps {
        w.sp();
        w.atom("capability name", c)?;
    }
    Ok(())
}

/// RFC 2971 §3.3: field names up to 30 octets, values up to 1024, at most 30 pairs.
pub(super) fn id(w: &mut Writer, fields: Option<&[(String, Option<String>)]>) -> Result<()> {
    w.raw("ID ");
    let Some(fields) = fields else {
        w.raw("NIL");
        return Ok(());
    };
    if fields.is_empty() {
        // `ID ()` is not in the grammar: no fields is NIL.
        w.raw("NIL");
        return Ok(());
    }
    if fields.len() > 30 {
        return Err(Error::invalid("ID takes at most 30 field-value pairs"));
    }
    super::paren_list(w, fields, |w, (k, v)| {
        check_text("ID field name", k)?;
        if k.is_empty() || k.len() > 30 {
            return Err(Error::invalid(format!(
                "ID field name {k:?} must be 1 to 30 octets"
            )));
        }
        w.string(k.as_bytes(), Show::Plain)?;
        w.sp();
        if let Some(v) = v {
            check_text("ID value", v)?;
            if v.len() > 1024 {
                return Err(Error::invalid("ID value longer than 1024 octets"));
            }
        }
        w.nstring(v.as_ref().map(|v| v.as_bytes()), Show::Plain)
    })
}
