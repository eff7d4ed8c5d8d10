//! APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502), BINARY literal8 (RFC 3516) and the
//! UTF8 data item (RFC 6855).
use super::date::date_time;
use super::mailbox::mailbox;
use super::store::flag_list;
use super::writer::{unsupported, Show, Writer};
use crate::error::{Error, Result};
use crate::proto::datetime::DateTime;
use crate::proto::flag::Flag;

/// One message to append.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AppendMessage {
    pub flags: Vec<Flag>,
    /// The internal date to give the message; the server's clock when `None`.
    pub date: Option<DateTime>,
    /// The message. Data holding NUL goes as a literal8 (`~{N}`) and needs BINARY.
    pub data: Vec<u8>,
    /// Send as `UTF8 (~{N})` (RFC 6855): a message with UTF-8 headers, once UTF-8 is enabled.
    pub utf8: bool,
}

impl AppendMessage {
    pub fn new(data: impl Into<Vec<u8>>) -> Self {
        AppendMessage {
            data: data.into(),
            ..Default::default()
        }
    }
}

impl std::fmt::Debug for AppendMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppendMessage")
            .field("flags", &self.flags)
            .field("date", &self.date)
            .field("data", &format_args!("<{} bytes>", self.data.len()))
            .field("utf8", &self.utf8)
            .finish()
    }
}

pub(super) fn append(w: &mut Writer, name: &str, messages: &[AppendMessage]) -> Result<()> {
    if messages.is_empty() {
        return Err(Error::invalid("APPEND needs at least one message"));
    }
    w.raw("APPEND ");
    mailbox(w, name)?;
    for m in messages {
        let binary = m.data.contains(&0);
        if binary && !w.opts.binary {
            return Err(unsupported(
                "the message holds NUL bytes and the server does not offer BINARY",
            ));
        }
        if m.utf8 && !w.opts.utf8 {
            return Err(unsupported("APPEND UTF8 needs UTF8=ACCEPT enabled"));
        }
        if !m.flags.is_empty() {
            w.sp();
            flag_list(w, &m.flags)?;
        }
        if let Some(d) = &m.date {
            w.sp();
            w.raw(&date_time(d)?);
        }
        w.sp();
        if m.utf8 {
            w.raw("UTF8 (");
            w.literal(&m.data, true, Show::Size)?;
            w.raw(")");
        } else {
            w.literal(&m.data, binary, Show::Size)?;
        }
    }
    Ok(())
}
