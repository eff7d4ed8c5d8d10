//! Where a string of a response lies in the response's shared buffer.
//!
//! An ENVELOPE carries thirty-odd short strings and a BODYSTRUCTURE as many again. Made into
//! values while parsing, each cost a reference-count increment (a slice of the buffer) or an
//! allocation, and as much again when dropped: most of the parse time. As positions they cost
//! nothing; values are made when the caller asks for them (`Envelope`'s accessors,
//! `CompactBodyStructure::tree`).
use bytes::Bytes;
use bytestring::ByteString;

use super::parse::{text_of, unescape};

/// Default: the empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    start: u32,
    /// Length, with [`Span::ESCAPED`] set for a quoted string whose `\"`/`\\` escapes are
    /// still in the buffer (undone when the value is made).
    len: u32,
}

impl Span {
    /// The string was NIL.
    pub(crate) const NIL: Span = Span {
        start: u32::MAX,
        len: 0,
    };
    const ESCAPED: u32 = 1 << 31;

    /// `None` when the string cannot be described (a buffer of 2 GiB or more: frames are far
    /// smaller under any limit).
    pub(crate) fn new(start: usize, len: usize, escaped: bool) -> Option<Span> {
        let start = u32::try_from(start).ok().filter(|&s| s != u32::MAX)?;
        let len = u32::try_from(len).ok().filter(|&l| l < Span::ESCAPED)?;
        Some(Span {
            start,
            len: len | if escaped { Span::ESCAPED } else { 0 },
        })
    }

    /// Appends `s` to `data` (a buffer being built by hand) and says where it lies there; a
    /// string that cannot be described (2 GiB or more: nobody builds one) reads as NIL.
    pub(crate) fn append(data: &mut Vec<u8>, s: &[u8]) -> Span {
        let start = data.len();
        data.extend_from_slice(s);
        Span::new(start, s.len(), false).unwrap_or(Span::NIL)
    }

    pub(crate) fn is_nil(self) -> bool {
        self == Span::NIL
    }

    /// `None` for NIL.
    pub(crate) fn opt(self) -> Option<Span> {
        (!self.is_nil()).then_some(self)
    }

    /// The bytes as they lie in `buf` (escapes still in; empty for NIL).
    pub(crate) fn raw(self, buf: &[u8]) -> &[u8] {
        if self.is_nil() {
            return &[];
        }
        let start = self.start as usize;
        let end = start.saturating_add((self.len & !Span::ESCAPED) as usize);
        buf.get(start..end).unwrap_or_default()
    }

    /// The string's value as bytes of `buf` (a slice, or an unescaped copy); `None` for NIL.
    pub(crate) fn bytes(self, buf: &Bytes) -> Option<Bytes> {
        if self.is_nil() {
            return None;
        }
        let raw = self.raw(buf);
        Some(if self.len & Span::ESCAPED != 0 {
            Bytes::from(unescape(raw))
        } else {
            buf.slice_ref(raw)
        })
    }

    /// The string's value as text (invalid UTF-8 replaced); NIL reads as empty.
    pub(crate) fn text(self, buf: &Bytes) -> ByteString {
        self.bytes(buf).map_or_else(ByteString::new, text_of)
    }
}
