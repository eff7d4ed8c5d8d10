//! METADATA (RFC 5464): GETMETADATA with MAXSIZE/DEPTH, SETMETADATA.
use super::mailbox::reference;
use super::writer::{unsupported, Show, Writer};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataDepth {
    Zero,
    One,
    Infinity,
}

/// RFC 5464 §3.2: slash-separated, under `/private` or `/shared`, no wildcards, no empty
/// component, no trailing slash, no controls.
fn entry(w: &mut Writer, e: &str) -> Result<()> {
    let lower = e.to_ascii_lowercase();
    let rooted = ["/private", "/shared"]
        .iter()
        .any(|r| lower == *r || lower.starts_with(&format!("{r}/")));
    let ok = rooted
        && !e.contains("//")
        && !e.ends_with('/')
        && !e
            .bytes()
            .any(|b| b < 0x20 || b == 0x7f || b == b'*' || b == b'%');
    if !ok {
        return Err(Error::invalid(format!("invalid metadata entry name {e:?}")));
    }
    w.astring(e.as_bytes(), Show::Plain)
}

pub(super) fn get(
    w: &mut Writer,
    mailbox: &str,
    entries: &[String],
    max_size: Option<u32>,
    depth: Option<MetadataDepth>,
) -> Result<()> {
    if entries.is_empty() {
        return Err(Error::invalid("GETMETADATA needs at least one entry"));
    }
    w.raw("GETMETADATA ");
    let mut opts = Vec::new();
    if let Some(n) = max_size {
        opts.push(format!("MAXSIZE {n}"));
    }
    if let Some(d) = depth {
        opts.push(
            match d {
                MetadataDepth::Zero => "DEPTH 0",
                MetadataDepth::One => "DEPTH 1",
                MetadataDepth::Infinity => "DEPTH infinity",
            }
            .to_string(),
        );
    }
    if !opts.is_empty() {
        w.raw(&format!("({}) ", opts.join(" ")));
    }
    reference(w, mailbox)?;
    w.sp();
    if let [one] = entries {
        entry(w, one)
    } else {
        super::paren_list(w, entries, |w, e| entry(w, e))
    }
}

pub(super) fn set(
    w: &mut Writer,
    mailbox: &str,
    entries: &[(String, Option<Vec<u8>>)],
) -> Result<()> {
    if entries.is_empty() {
        return Err(Error::invalid("SETMETADATA needs at least one entry"));
    }
    w.raw("SETMETADATA ");
    reference(w, mailbox)?;
    w.sp();
    super::paren_list(w, entries, |w, (e, value)| {
        entry(w, e)?;
        w.sp();
        match value {
            Some(v) if v.contains(&0) => {
                if !w.opts.binary {
                    return Err(unsupported(
                        "a metadata value holding NUL needs a literal8 (BINARY)",
                    ));
                }
                w.literal(v, true, Show::Size)
            }
            v => w.nstring(v.as_deref(), Show::Plain),
        }
    })
}
