//! How parsed values share the bytes of the response they come from.
//!
//! A FETCH with ENVELOPE and BODYSTRUCTURE carries a hundred-odd short strings, and a `BODY[]`
//! carries megabytes; giving each its own allocation and copy was most of the parser's time.
//! Instead the frame lives in one reference-counted [`Bytes`] buffer. An ENVELOPE keeps its
//! strings as positions in it (made into values when asked for, see `proto::envelope`);
//! body-structure strings and literals ([`ByteString`], [`Bytes`]) are slices of it: a value
//! that needs no unescaping costs a reference-count increment, not an allocation, and the
//! common MIME words cost nothing (static strings, see `vocab`). The buffer
//! is made on first use (a response without such values never copies its frame), or comes
//! from the caller already shared (the session's receive buffer: no copy at all).
//!
//! The trade-off: any value kept alive keeps its whole frame alive. Callers that store a small
//! field of a large response for long can copy it out (`String::from(&*s)`, `to_vec()`).
use std::borrow::Cow;
use std::cell::OnceCell;

use bytes::Bytes;
use bytestring::ByteString;

use super::token::{astring_run, fail, literal, lossy, nil, quoted_raw, R};
use crate::proto::span::Span;

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

    pub(crate) fn buffer(&self) -> &Bytes {
        self.shared
            .get_or_init(|| Bytes::copy_from_slice(self.bytes))
    }

    /// Where `sub` starts in the frame. `sub` comes from the parser, so it lies within the
    /// frame; `None` for anything else (never expected), which callers then copy.
    pub(crate) fn offset(&self, sub: &[u8]) -> Option<usize> {
        let start = (sub.as_ptr() as usize).wrapping_sub(self.bytes.as_ptr() as usize);
        (start <= self.bytes.len() && sub.len() <= self.bytes.len() - start).then_some(start)
    }

    /// `sub` as a slice of the shared buffer.
    pub(crate) fn slice(&self, sub: &[u8]) -> Bytes {
        if sub.is_empty() {
            return Bytes::new();
        }
        match self.offset(sub) {
            Some(start) => self.buffer().slice(start..start + sub.len()),
            None => Bytes::copy_from_slice(sub),
        }
    }

    /// A parsed string's bytes: a slice of the frame when it was taken as is, the unescaped copy
    /// otherwise.
    pub(crate) fn data(&self, v: Cow<'_, [u8]>) -> Bytes {
        match v {
            Cow::Borrowed(b) => self.slice(b),
            Cow::Owned(v) => Bytes::from(v),
        }
    }

    /// Where `sub` (a string's bytes, from the parser) lies in the frame.
    pub(crate) fn span(&self, sub: &[u8], escaped: bool) -> Option<Span> {
        Span::new(self.offset(sub)?, sub.len(), escaped)
    }

    /// The bytes of a span of this frame as they lie there.
    pub(crate) fn raw(&self, s: Span) -> &'a [u8] {
        s.raw(self.bytes)
    }
}

/// A string where servers send NIL, a quoted string, a literal or (wrongly) a bare atom,
/// recorded as its place in the frame: the grammar of `lenient_nstring`, without a value.
pub(crate) fn text_span<'a>(i: &'a [u8], f: &Frame<'_>) -> R<'a, Span> {
    let (r, (body, escaped)) = match i.first() {
        Some(b'"') => quoted_raw(i)?,
        Some(b'{') => {
            let (r, body) = literal(i)?;
            (r, (body, false))
        }
        // `~` starts a literal8 or (being an atom character) a bare atom.
        Some(b'~') => {
            let (r, body) = literal(i).or_else(|_| astring_run(i))?;
            (r, (body, false))
        }
        Some(b'N' | b'n') if nil(i).is_ok() => return Ok((&i[3..], Span::NIL)),
        _ => {
            let (r, body) = astring_run(i)?;
            (r, (body, false))
        }
    };
    match f.span(body, escaped) {
        Some(s) => Ok((r, s)),
        None => fail(i),
    }
}

/// A quoted string or a literal (the grammar of `string`) as its place in the frame.
pub(crate) fn string_span<'a>(i: &'a [u8], f: &Frame<'_>) -> R<'a, Span> {
    match i.first() {
        Some(b'"' | b'{' | b'~') => text_span(i, f),
        _ => fail(i),
    }
}

/// A string's bytes as text: a common MIME word as a static string (no reference count to
/// move), anything else as is when valid UTF-8, invalid sequences replaced otherwise.
pub(crate) fn text_of(b: Bytes) -> ByteString {
    super::vocab::lookup(&b).unwrap_or_else(|| utf8_or_lossy(b))
}

fn utf8_or_lossy(b: Bytes) -> ByteString {
    // Checked before the conversion (which checks again) rather than converting a clone: a
    // short string is validated faster than its reference count moves twice.
    if std::str::from_utf8(&b).is_ok() {
        ByteString::try_from(b).unwrap_or_default()
    } else {
        ByteString::from(lossy(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::fetch::FetchItem;
    use crate::proto::parse::{parse_frame, parse_response, ParseOptions};
    use crate::proto::response::{Response, Untagged};

    fn items(r: Response) -> Vec<FetchItem> {
        match r {
            Response::Untagged(Untagged::Fetch { items, .. }) => items,
            other => panic!("not FETCH: {other:?}"),
        }
    }

    #[test]
    fn values_are_slices_of_a_shared_frame() {
        let frame = Bytes::from_static(
            b"* 1 FETCH (ENVELOPE (NIL \"Gr\xc3\xbc\xc3\x9fe\" NIL NIL NIL NIL NIL NIL NIL \"<a@b>\") BODY[] {5}\r\nhello)\r\n",
        );
        let within = |p: *const u8| {
            let base = frame.as_ptr() as usize;
            (base..base + frame.len()).contains(&(p as usize))
        };
        let got = items(parse_frame(&frame, &ParseOptions::default()));
        let [FetchItem::Envelope(env), FetchItem::Section(body)] = &got[..] else {
            panic!("{got:?}")
        };
        let subject = env.subject().unwrap();
        assert_eq!(subject.text(), "Gr\u{fc}\u{df}e");
        // Valid UTF-8 without encoded-words: the text is the raw bytes, not a copy.
        assert!(within(subject.raw().as_ptr()) && within(subject.text().as_ptr()));
        let data = body.data.as_ref().unwrap();
        assert_eq!(&data[..], b"hello");
        assert!(within(data.as_ptr()), "the literal is not copied");
        // The same response from a borrowed slice reads the same.
        assert_eq!(items(parse_response(&frame, &ParseOptions::default())), got);
    }

    #[test]
    fn spans_to_text() {
        // Each string is checked on its own: a Latin-1 byte elsewhere does not matter.
        let raw = b"x \"\xe9\" abc \"q\\\"\\\\\" TEXT";
        let f = Frame::borrowed(raw);
        let buf = f.buffer().clone();
        let text = |i: &[u8]| text_span(i, &f).unwrap().1.text(&buf);
        assert_eq!(&*text(&raw[6..]), "abc");
        assert_eq!(&*text(&raw[2..]), "\u{fffd}");
        // Escapes are undone when the value is made.
        assert_eq!(&*text(&raw[10..]), "q\"\\");
        // A common MIME word is a static string, not a slice of the frame.
        let word = text(&raw[raw.len() - 4..]);
        assert_eq!(&*word, "TEXT");
        assert!(!buf.as_ptr_range().contains(&word.as_ptr()));
        // Half of a UTF-8 character is replaced, not split.
        let raw = "a {1}\r\n\u{e9} {2}\r\n\u{e9}".as_bytes();
        let f = Frame::borrowed(raw);
        let buf = f.buffer().clone();
        assert_eq!(&*text_span(&raw[2..], &f).unwrap().1.text(&buf), "\u{fffd}");
        assert_eq!(&*text_span(&raw[10..], &f).unwrap().1.text(&buf), "\u{e9}");
        assert!(text_span(b"zz", &f).is_err(), "not from the frame");
        let raw = b"~{1}\r\nx ~home nil NILS";
        let f = Frame::borrowed(raw);
        let buf = f.buffer().clone();
        assert_eq!(&*text_span(raw, &f).unwrap().1.text(&buf), "x");
        assert_eq!(&*text_span(&raw[8..], &f).unwrap().1.text(&buf), "~home");
        assert!(text_span(&raw[14..], &f).unwrap().1.is_nil());
        assert_eq!(&*text_span(&raw[18..], &f).unwrap().1.text(&buf), "NILS");
        // A slice from elsewhere is copied, not trusted.
        assert_eq!(&f.slice(b"zz")[..], b"zz");
    }
}
