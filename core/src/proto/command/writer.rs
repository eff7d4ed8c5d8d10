//! The byte writer behind every command: chooses atom, quoted string or literal for each
//! argument from its bytes, splits the output into segments at synchronising literals, and
//! keeps a redacted one-line trace alongside.
use super::EncodeOptions;
use crate::error::{Error, ErrorKind, Result};

/// How an argument appears in the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    /// As sent.
    Plain,
    /// `<redacted>`: passwords, tokens.
    Secret,
    /// `<N bytes>`: message and metadata data, too long or too private for a log line.
    Size,
}

pub(crate) struct Writer<'a> {
    pub(crate) opts: &'a EncodeOptions,
    segments: Vec<Vec<u8>>,
    cur: Vec<u8>,
    trace: String,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(opts: &'a EncodeOptions) -> Self {
        Writer {
            opts,
            segments: Vec::new(),
            cur: Vec::new(),
            trace: String::new(),
        }
    }

    /// Text the encoder itself produced (keywords, numbers, validated atoms).
    pub(crate) fn raw(&mut self, s: &str) {
        debug_assert!(s.bytes().all(|b| (0x20..0x7f).contains(&b)));
        self.cur.extend_from_slice(s.as_bytes());
        self.trace.push_str(s);
    }

    pub(crate) fn sp(&mut self) {
        self.raw(" ");
    }

    pub(crate) fn number(&mut self, n: u64) {
        self.raw(&n.to_string());
    }

    /// An `atom` the caller gave (keyword, capability, mechanism name).
    pub(crate) fn atom(&mut self, what: &str, s: &str) -> Result<()> {
        check_atom(what, s)?;
        self.raw(s);
        Ok(())
    }

    /// `astring`: atom when every byte allows it, else `string`.
    pub(crate) fn astring(&mut self, v: &[u8], show: Show) -> Result<()> {
        if !v.is_empty() && v.iter().all(|&b| is_astring_char(b)) {
            self.cur.extend_from_slice(v);
            self.trace_value(v, show);
            Ok(())
        } else {
            self.string(v, show)
        }
    }

    /// `string`: quoted when every byte is a TEXT-CHAR (8-bit only once UTF-8 is enabled),
    /// else a literal. NUL cannot be carried by either.
    pub(crate) fn string(&mut self, v: &[u8], show: Show) -> Result<()> {
        if v.contains(&0) {
            return Err(Error::invalid("NUL byte in a string argument"));
        }
        if self.quotable(v) {
            self.cur.push(b'"');
            for &b in v {
                if b == b'"' || b == b'\\' {
                    self.cur.push(b'\\');
                }
                self.cur.push(b);
            }
            self.cur.push(b'"');
            if show == Show::Plain {
                self.trace.push('"');
                self.trace
                    .push_str(&escape(v).replace('\\', "\\\\").replace('"', "\\\""));
                self.trace.push('"');
            } else {
                self.trace_value(v, show);
            }
            Ok(())
        } else {
            self.literal(v, false, show)
        }
    }

    /// `nstring`: `NIL` for `None`; a present value is never sent as the atom `NIL`.
    pub(crate) fn nstring(&mut self, v: Option<&[u8]>, show: Show) -> Result<()> {
        match v {
            None => {
                self.raw("NIL");
                Ok(())
            }
            Some(v) => self.string(v, show),
        }
    }

    fn quotable(&self, v: &[u8]) -> bool {
        let eight_bit = v.iter().any(|&b| b >= 0x80);
        v.iter().all(|&b| b != b'\r' && b != b'\n' && b != 0)
            && (!eight_bit || (self.opts.utf8 && std::str::from_utf8(v).is_ok()))
    }

    /// A literal (`{N}`) or, with `eight`, a literal8 (`~{N}`, may hold NUL). Non-synchronising
    /// when LITERAL+ is offered, or LITERAL- and at most 4096 bytes; otherwise the rest of the
    /// command waits for the server's continuation request, so a new segment starts.
    pub(crate) fn literal(&mut self, v: &[u8], eight: bool, show: Show) -> Result<()> {
        if !eight && v.contains(&0) {
            return Err(Error::invalid(
                "NUL byte in data that is not sent as a literal8",
            ));
        }
        // RFC 4466: `~{N+}` only when the server has BINARY as well as LITERAL+/-.
        let non_sync = (!eight || self.opts.binary)
            && (self.opts.literal_plus || (self.opts.literal_minus && v.len() <= 4096));
        let head = format!(
            "{}{{{}{}}}",
            if eight { "~" } else { "" },
            v.len(),
            if non_sync { "+" } else { "" }
        );
        self.cur.extend_from_slice(head.as_bytes());
        self.cur.extend_from_slice(b"\r\n");
        self.trace.push_str(&head);
        self.trace.push(' ');
        if !non_sync {
            self.segments.push(std::mem::take(&mut self.cur));
        }
        self.cur.extend_from_slice(v);
        self.trace_value(v, show);
        Ok(())
    }

    fn trace_value(&mut self, v: &[u8], show: Show) {
        match show {
            Show::Plain => self.trace.push_str(&escape(v)),
            Show::Secret => self.trace.push_str("<redacted>"),
            Show::Size => self.trace.push_str(&format!("<{} bytes>", v.len())),
        }
    }

    /// Bytes the encoder built and validated itself (base64 of a secret): written, traced as
    /// `<redacted>`.
    pub(crate) fn raw_secret(&mut self, s: &str) {
        self.cur.extend_from_slice(s.as_bytes());
        self.trace.push_str("<redacted>");
    }

    pub(crate) fn finish(mut self) -> super::Encoded {
        self.cur.extend_from_slice(b"\r\n");
        self.segments.push(self.cur);
        super::Encoded {
            segments: self.segments,
            trace: self.trace,
        }
    }
}

/// A one-line rendering for traces: UTF-8 kept, controls and invalid bytes escaped.
fn escape(v: &[u8]) -> String {
    let mut out = String::new();
    for chunk in v.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// ATOM-CHAR: any CHAR except atom-specials (`(){ %*"\]`, SP, CTL).
pub(crate) fn is_atom_char(b: u8) -> bool {
    is_astring_char(b) && b != b']'
}

/// ASTRING-CHAR: ATOM-CHAR or `]`.
pub(crate) fn is_astring_char(b: u8) -> bool {
    b > 0x20 && b < 0x7f && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\')
}

pub(crate) fn is_atom(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_atom_char)
}

pub(crate) fn check_atom(what: &str, s: &str) -> Result<()> {
    if is_atom(s) {
        Ok(())
    } else {
        Err(Error::invalid(format!("invalid {what} {s:?}")))
    }
}

/// Refuses CR, LF and NUL in an argument that has no business carrying them (names,
/// search strings, identifiers); a literal could frame them, but no server would mean them.
pub(crate) fn check_text(what: &str, s: &str) -> Result<()> {
    if s.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        Err(Error::invalid(format!("{what} contains CR, LF or NUL")))
    } else {
        Ok(())
    }
}

pub(crate) fn unsupported(text: impl Into<String>) -> Error {
    Error::new(ErrorKind::Unsupported, text)
}
