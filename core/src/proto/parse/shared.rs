//! How parsed values share the bytes of the response they come from.
//!
//! A FETCH with ENVELOPE and BODYSTRUCTURE carries a hundred-odd short strings, and a `BODY[]`
//! carries megabytes; giving each its own allocation and copy was most of the parser's time.
//! Instead the frame lives in one reference-counted [`Bytes`] buffer, and strings, header texts
//! and literals of the model ([`ByteString`], [`Bytes`]) are slices of it: a value that needs
//! no unescaping or decoding costs a reference-count increment, not an allocation. The buffer
//! is made on first use (a response without such values never copies its frame), or comes
//! from the caller already shared (the session's receive buffer: no copy at all).
//!
//! The trade-off: any value kept alive keeps its whole frame alive. Callers that store a small
//! field of a large response for long can copy it out (`String::from(&*s)`, `to_vec()`).
use std::borrow::Cow;
use std::cell::OnceCell;

use bytes::Bytes;
use bytestring::ByteString;

use super::rfc2047;
use super::token::lossy;
use crate::proto::envelope::EncodedText;

/// The response being parsed, as a slice, and (once needed) as a shared buffer.
pub(crate) struct Frame<'a> {
    bytes: &'a [u8],
    shared: OnceCell<Bytes>,
}

impl<'a> Frame<'a> {
    /// A frame owned by the caller: copied into a shared buffer the first time a value needs it.
    pub(crate) fn borrowed(bytes: &'a [u8]) -> Self {
        Frame {
            bytes,
            shared: OnceCell::new(),
        }
    }

    /// A frame already in a shared buffer: values are slices of it, nothing is copied.
    pub(crate) fn shared(frame: &'a Bytes) -> Self {
        Frame {
            bytes: frame,
            shared: OnceCell::from(frame.clone()),
        }
    }

    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// `sub` as a slice of the shared buffer. `sub` comes from the parser, so it lies within
    /// the frame; anything else (never expected) is copied rather than trusted.
    pub(crate) fn slice(&self, sub: &[u8]) -> Bytes {
        if sub.is_empty() {
            return Bytes::new();
        }
        let base = self.bytes.as_ptr() as usize;
        let start = (sub.as_ptr() as usize).wrapping_sub(base);
        if start > self.bytes.len() || sub.len() > self.bytes.len() - start {
            return Bytes::copy_from_slice(sub);
        }
        self.shared
            .get_or_init(|| Bytes::copy_from_slice(self.bytes))
            .slice(start..start + sub.len())
    }

    /// A parsed string's bytes: a slice of the frame when it was taken as is, the unescaped copy
    /// otherwise.
    pub(crate) fn data(&self, v: Cow<'_, [u8]>) -> Bytes {
        match v {
            Cow::Borrowed(b) => self.slice(b),
            Cow::Owned(v) => Bytes::from(v),
        }
    }

    /// A parsed string as text, invalid UTF-8 replaced.
    pub(crate) fn text(&self, v: Cow<'_, [u8]>) -> ByteString {
        utf8_or_lossy(self.data(v))
    }

    /// [`Frame::text`] for an optional value, absent reading as empty.
    pub(crate) fn text_or_empty(&self, v: Option<Cow<'_, [u8]>>) -> ByteString {
        v.map(|v| self.text(v)).unwrap_or_default()
    }

    /// A header text: the bytes as sent, and the decoded text, which shares them when decoding
    /// changes nothing (no encoded-word, valid UTF-8: nearly every mailbox, host and id).
    pub(crate) fn encoded(&self, v: Cow<'_, [u8]>) -> EncodedText {
        let raw = self.data(v);
        let text = if memchr::memmem::find(&raw, b"=?").is_some() {
            ByteString::from(rfc2047::decode(&raw))
        } else {
            utf8_or_lossy(raw.clone())
        };
        EncodedText { raw, text }
    }
}

fn utf8_or_lossy(b: Bytes) -> ByteString {
    // The clone is a reference count: the error gives the bytes no way back.
    match ByteString::try_from(b.clone()) {
        Ok(s) => s,
        Err(_) => ByteString::from(lossy(&b)),
    }
}
