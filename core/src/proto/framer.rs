//! Finds where one complete server response ends in a growing input buffer, following
//! `{N}` / `{N+}` / `~{N}` literals, without parsing anything else. Bounded by [`Limits`].
use crate::error::{Error, ErrorKind, Result};

/// Safe-by-default bounds on what a server may make us buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Longest line outside literals, CRLF included.
    pub max_line: usize,
    /// Largest single literal.
    pub max_literal: u64,
    /// Largest complete response (lines plus literals).
    pub max_response: u64,
    /// Deepest parenthesis nesting the parser follows.
    pub max_depth: usize,
    /// Most items in one list (flags, addresses, body parts, search results).
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line: 1 << 20,
            max_literal: 256 << 20,
            max_response: 512 << 20,
            max_depth: 64,
            max_items: 1 << 20,
        }
    }
}

/// Incremental framer. Feed it the same buffer (possibly grown) until it returns
/// `Some(len)`; the first `len` bytes are then one complete response, and the framer is ready
/// for the next one (call again with the remaining bytes).
#[derive(Debug, Clone)]
pub struct Framer {
    limits: Limits,
    // implementation state is private to the framer
    scanned: usize,
    literal_end: Option<usize>,
    line_start: usize,
}

impl Framer {
    pub fn new(limits: Limits) -> Self {
        Framer {
            limits,
            scanned: 0,
            literal_end: None,
            line_start: 0,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Returns `Ok(Some(len))` when `buf` starts with a complete response of `len` bytes,
    /// `Ok(None)` when more bytes are needed, or a [`ErrorKind::Limit`] error.
    pub fn poll(&mut self, buf: &[u8]) -> Result<Option<usize>> {
        let _ = (buf, &self.scanned, &self.literal_end, &self.line_start);
        Err(Error::new(ErrorKind::Protocol, "framer not implemented"))
    }
}
