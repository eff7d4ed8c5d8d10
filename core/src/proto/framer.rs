//! Finds where one complete server response ends in a growing input buffer, following
//! `{N}` / `{N+}` / `~{N}` literals, without parsing anything else. Bounded by [`Limits`].
//!
//! Line endings: CRLF is what servers must send, but a bare LF also ends a line (some servers
//! and proxies send it). The parser strips either form, so accepting LF here costs nothing and
//! keeps such connections usable; a stray CR inside a line is left for the parser to judge.
//!
//! A line that is a status response (`* OK …`, `tag NO …`, `* BYE …`) or a continuation
//! (`+ …`) cannot carry a literal in the grammar (its text is `1*TEXT-CHAR`), so a `{5}` at the
//! end of such a line is text, not a literal announcement. Every other line ending in
//! `{digits}` / `{digits+}` announces a literal.
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
///
/// Between calls the framer remembers how far it has scanned, so the total work over a
/// response is linear in its size however the bytes are chunked. If the buffer passed in is
/// shorter than the previous one (the caller dropped bytes without a `Some`), the framer starts
/// over from the beginning of the new buffer.
#[derive(Debug, Clone)]
pub struct Framer {
    limits: Limits,
    /// Bytes of the current response already examined (line scan resumes here).
    scanned: usize,
    /// While inside a literal: the offset just past its last byte.
    literal_end: Option<usize>,
    /// Offset where the line being scanned began.
    line_start: usize,
    /// Length of the buffer at the previous call, to detect a shrunk buffer and to report
    /// [`Framer::pending_literal`].
    seen_len: usize,
}

impl Framer {
    pub fn new(limits: Limits) -> Self {
        Framer {
            limits,
            scanned: 0,
            literal_end: None,
            line_start: 0,
            seen_len: 0,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Bytes of the literal being received that have not arrived yet, if the framer is in
    /// the middle of one. A hint for readers that want to size their next read.
    pub fn pending_literal(&self) -> Option<u64> {
        self.literal_end
            .map(|end| end.saturating_sub(self.seen_len) as u64)
    }

    fn reset(&mut self) {
        self.scanned = 0;
        self.literal_end = None;
        self.line_start = 0;
        self.seen_len = 0;
    }

    fn limit(&mut self, what: String) -> Error {
        self.reset();
        Error::new(ErrorKind::Limit, what)
    }

    /// Returns `Ok(Some(len))` when `buf` starts with a complete response of `len` bytes,
    /// `Ok(None)` when more bytes are needed, or a [`ErrorKind::Limit`] error.
    ///
    /// After an error the framer is reset; the connection is not recoverable at that point
    /// (the framer cannot know where the offending response ends), so callers should close it.
    pub fn poll(&mut self, buf: &[u8]) -> Result<Option<usize>> {
        if buf.len() < self.seen_len {
            self.reset();
        }
        self.seen_len = buf.len();
        loop {
            if let Some(end) = self.literal_end {
                if buf.len() < end {
                    return Ok(None);
                }
                self.literal_end = None;
                self.scanned = end;
                self.line_start = end;
            }
            let rest = &buf[self.scanned..];
            let Some(nl) = memchr::memchr(b'\n', rest) else {
                self.scanned = buf.len();
                let partial = buf.len() - self.line_start;
                // The terminator is still to come, so the finished line will be longer.
                if partial >= self.limits.max_line {
                    let max = self.limits.max_line;
                    return Err(self.limit(format!("line longer than {max} bytes")));
                }
                if buf.len() as u64 > self.limits.max_response {
                    let max = self.limits.max_response;
                    return Err(self.limit(format!("response larger than {max} bytes")));
                }
                return Ok(None);
            };
            let line_end = self.scanned + nl + 1;
            if line_end - self.line_start > self.limits.max_line {
                let max = self.limits.max_line;
                return Err(self.limit(format!("line longer than {max} bytes")));
            }
            if line_end as u64 > self.limits.max_response {
                let max = self.limits.max_response;
                return Err(self.limit(format!("response larger than {max} bytes")));
            }
            let line = &buf[self.line_start..line_end];
            let first_line = self.line_start == 0;
            let announced = if first_line && is_status_line(line) {
                Ok(None)
            } else {
                literal_announcement(line)
            };
            match announced {
                Err(()) => return Err(self.limit("literal size overflows".to_string())),
                Ok(Some(n)) => {
                    if n > self.limits.max_literal {
                        let max = self.limits.max_literal;
                        return Err(self.limit(format!("literal of {n} bytes exceeds {max}")));
                    }
                    let end = (line_end as u64).saturating_add(n);
                    if end > self.limits.max_response {
                        let max = self.limits.max_response;
                        return Err(self.limit(format!("response larger than {max} bytes")));
                    }
                    // `end <= max_response`, which the caller chose to fit in memory; on a
                    // 32-bit target a larger value would not fit a usize and is refused.
                    let Ok(end) = usize::try_from(end) else {
                        return Err(self.limit("literal does not fit in memory".to_string()));
                    };
                    self.literal_end = Some(end);
                    self.scanned = line_end;
                    self.line_start = line_end;
                }
                Ok(None) => {
                    self.reset();
                    return Ok(Some(line_end));
                }
            }
        }
    }
}

/// If `line` (terminator included) ends with `{N}` or `{N+}`, returns N. `Err` when the digits
/// do not fit in a u64.
fn literal_announcement(line: &[u8]) -> std::result::Result<Option<u64>, ()> {
    let mut l = line.strip_suffix(b"\n").unwrap_or(line);
    l = l.strip_suffix(b"\r").unwrap_or(l);
    let Some(l) = l.strip_suffix(b"}") else {
        return Ok(None);
    };
    let l = l.strip_suffix(b"+").unwrap_or(l);
    let digits_len = l.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits_len == 0 {
        return Ok(None);
    }
    let (head, digits) = l.split_at(l.len() - digits_len);
    if !head.ends_with(b"{") {
        return Ok(None);
    }
    let mut n: u64 = 0;
    for &d in digits {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(d - b'0')))
            .ok_or(())?;
    }
    Ok(Some(n))
}

/// `* OK|NO|BAD|PREAUTH|BYE …`, `tag OK|NO|BAD …` or `+ …`: lines whose grammar has no
/// literal, so a trailing `{N}` is plain text.
fn is_status_line(line: &[u8]) -> bool {
    if line.first() == Some(&b'+') {
        return true;
    }
    let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let Some(tag) = words.next() else {
        return false;
    };
    let Some(word) = words.next() else {
        return false;
    };
    let word = word.strip_suffix(b"\n").unwrap_or(word);
    let word = word.strip_suffix(b"\r").unwrap_or(word);
    let is = |s: &[u8]| word.eq_ignore_ascii_case(s);
    if tag == b"*" {
        is(b"OK") || is(b"NO") || is(b"BAD") || is(b"PREAUTH") || is(b"BYE")
    } else {
        is(b"OK") || is(b"NO") || is(b"BAD")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framer() -> Framer {
        Framer::new(Limits::default())
    }

    /// Frames `input` completely, returning the frame lengths.
    fn frame_all(f: &mut Framer, input: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < input.len() {
            match f.poll(&input[pos..]).unwrap() {
                Some(n) => {
                    out.push(n);
                    pos += n;
                }
                None => break,
            }
        }
        out
    }

    #[test]
    fn simple_lines() {
        let mut f = framer();
        assert_eq!(frame_all(&mut f, b"* OK hi\r\nA1 OK done\r\n"), vec![9, 12]);
    }

    #[test]
    fn incomplete_line_waits() {
        let mut f = framer();
        assert_eq!(f.poll(b"* OK hi").unwrap(), None);
        assert_eq!(f.poll(b"* OK hi\r").unwrap(), None);
        assert_eq!(f.poll(b"* OK hi\r\n").unwrap(), Some(9));
    }

    #[test]
    fn bare_lf_accepted() {
        let mut f = framer();
        assert_eq!(frame_all(&mut f, b"* 3 EXISTS\nA1 OK x\n"), vec![11, 8]);
    }

    #[test]
    fn literal_followed() {
        let msg = b"* 1 FETCH (BODY[] {13}\r\nab\r\n{5}\r\nxy\r\n)\r\nA1 OK\r\n";
        let mut f = framer();
        let first = msg.len() - b"A1 OK\r\n".len();
        assert_eq!(frame_all(&mut f, msg), vec![first, 7]);
    }

    #[test]
    fn literal_plus_and_literal8() {
        let msg = b"* 1 FETCH (BINARY[] ~{3}\r\n\0\r\n BODY[1] {2+}\r\n\r\n)\r\n";
        let mut f = framer();
        assert_eq!(frame_all(&mut f, msg), vec![msg.len()]);
    }

    #[test]
    fn zero_length_literal() {
        let msg = b"* LIST () NIL {0}\r\n\r\n";
        let mut f = framer();
        assert_eq!(frame_all(&mut f, msg), vec![msg.len()]);
    }

    #[test]
    fn status_text_braces_are_not_literals() {
        let mut f = framer();
        assert_eq!(f.poll(b"* OK see {5}\r\nA1 OK\r\n").unwrap(), Some(14));
        assert_eq!(f.poll(b"A1 NO quota {10}\r\n").unwrap(), Some(18));
        assert_eq!(f.poll(b"+ {3}\r\n").unwrap(), Some(7));
    }

    #[test]
    fn split_at_every_byte_boundary() {
        let msg: &[u8] = b"* 7 FETCH (UID 9 BODY[HEADER] {16}\r\nSubject: {5}\r\n\r\n BODY[TEXT] ~{4}\r\n\r\n\r\n)\r\n";
        for split in 0..=msg.len() {
            let mut f = framer();
            let r1 = f.poll(&msg[..split]).unwrap();
            if split < msg.len() {
                assert_eq!(r1, None, "split {split}");
            } else {
                assert_eq!(r1, Some(msg.len()));
                continue;
            }
            assert_eq!(f.poll(msg).unwrap(), Some(msg.len()), "split {split}");
        }
    }

    #[test]
    fn byte_by_byte() {
        let msg: &[u8] = b"* 7 FETCH (BODY[] {3}\r\n}\r\n)\r\n";
        let mut f = framer();
        for end in 1..msg.len() {
            assert_eq!(f.poll(&msg[..end]).unwrap(), None, "end {end}");
        }
        assert_eq!(f.poll(msg).unwrap(), Some(msg.len()));
    }

    #[test]
    fn pending_literal_hint() {
        let mut f = framer();
        assert_eq!(f.poll(b"* 1 FETCH (BODY[] {10}\r\nabc").unwrap(), None);
        assert_eq!(f.pending_literal(), Some(7));
        assert_eq!(
            f.poll(b"* 1 FETCH (BODY[] {10}\r\nabcdefghij").unwrap(),
            None
        );
        assert_eq!(f.pending_literal(), None);
    }

    #[test]
    fn line_limit() {
        let limits = Limits {
            max_line: 16,
            ..Limits::default()
        };
        let mut f = Framer::new(limits.clone());
        assert_eq!(f.poll(b"* OK 012345678\r\n").unwrap(), Some(16));
        let mut f = Framer::new(limits.clone());
        assert_eq!(
            f.poll(b"* OK 0123456789\r\n").unwrap_err().kind(),
            ErrorKind::Limit
        );
        let mut f = Framer::new(limits);
        assert_eq!(f.poll(b"* OK 0123456789").unwrap(), None);
        assert_eq!(
            f.poll(b"* OK 0123456789A").unwrap_err().kind(),
            ErrorKind::Limit
        );
    }

    #[test]
    fn literal_limit_before_data() {
        let limits = Limits {
            max_literal: 100,
            ..Limits::default()
        };
        let mut f = Framer::new(limits);
        assert_eq!(f.poll(b"* 1 FETCH (BODY[] {100}\r\n").unwrap(), None);
        let mut f = Framer::new(Limits {
            max_literal: 100,
            ..Limits::default()
        });
        assert_eq!(
            f.poll(b"* 1 FETCH (BODY[] {101}\r\n").unwrap_err().kind(),
            ErrorKind::Limit
        );
    }

    #[test]
    fn literal_size_overflow_is_limit() {
        let mut f = framer();
        let err = f
            .poll(b"* 1 FETCH (BODY[] {99999999999999999999}\r\n")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
        let mut f = framer();
        let err = f
            .poll(b"* 1 FETCH (BODY[] {18446744073709551615}\r\n")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
    }

    #[test]
    fn response_limit_counts_literals() {
        let limits = Limits {
            max_response: 60,
            ..Limits::default()
        };
        let mut f = Framer::new(limits.clone());
        assert_eq!(
            f.poll(b"* 1 FETCH (BODY[] {50}\r\n").unwrap_err().kind(),
            ErrorKind::Limit
        );
        let mut f = Framer::new(limits);
        let msg = b"* 1 FETCH (BODY[] {3}\r\nabc BODY[1] {3}\r\nabc BODY[2] {3}\r\nabc)\r\n";
        assert_eq!(f.poll(msg).unwrap_err().kind(), ErrorKind::Limit);
    }

    #[test]
    fn shrunk_buffer_restarts() {
        let mut f = framer();
        assert_eq!(f.poll(b"* 1 FETCH (BODY[] {10}\r\nabc").unwrap(), None);
        assert_eq!(f.poll(b"* OK\r\n").unwrap(), Some(6));
    }

    #[test]
    fn large_literal_in_chunks_is_linear() {
        // 8 MB in 16 KB chunks: quadratic rescanning would take minutes in a debug build.
        let size = 8 << 20;
        let mut msg = format!("* 1 FETCH (BODY[] {{{size}}}\r\n").into_bytes();
        let header = msg.len();
        msg.resize(header + size, b'\n');
        msg.extend_from_slice(b")\r\n");
        let mut f = framer();
        let mut end = 0;
        let mut got = None;
        while end < msg.len() {
            end = (end + (16 << 10)).min(msg.len());
            got = f.poll(&msg[..end]).unwrap();
            if got.is_some() {
                break;
            }
        }
        assert_eq!(got, Some(msg.len()));
    }
}
