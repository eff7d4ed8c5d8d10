//! ENVELOPE (RFC 9051 §7.5.2) with RFC 2047 decoding of its text fields.
use std::sync::OnceLock;

use bytes::Bytes;

use super::datetime::DateTime;
use super::parse::{decode_encoded_words, has_encoded_word, lossy, rfc5322};
use super::span::Span;

/// A header text as the server sent it. `raw()` is exactly the string's bytes (encoded-words
/// and 8-bit bytes untouched); `text()` has RFC 2047 encoded-words decoded and invalid UTF-8
/// replaced, so it is always displayable.
///
/// Decoding happens on the first `text()`, not while parsing: most header texts of a FETCH are
/// never looked at, and those that are usually need no decoding. `raw` shares the response's
/// buffer (see `proto::parse::shared`).
#[derive(Clone, Default)]
pub struct EncodedText {
    raw: Bytes,
    /// Set on the first `text()`: `None` when the raw bytes are already the text (valid UTF-8,
    /// no encoded-word: nearly every mailbox, host and id), so that case allocates nothing.
    decoded: OnceLock<Option<Box<str>>>,
}

impl EncodedText {
    /// A header text from the bytes as sent.
    pub fn new(raw: Bytes) -> Self {
        EncodedText {
            raw,
            decoded: OnceLock::new(),
        }
    }

    /// A text that needs no decoding (tests, callers building envelopes by hand).
    pub fn plain(s: &str) -> Self {
        EncodedText::new(Bytes::copy_from_slice(s.as_bytes()))
    }

    /// The bytes as the server sent them.
    pub fn raw(&self) -> &Bytes {
        &self.raw
    }

    /// The text with encoded-words decoded and invalid UTF-8 replaced.
    pub fn text(&self) -> &str {
        let decoded = self.decoded.get_or_init(|| {
            if has_encoded_word(&self.raw) {
                Some(decode_encoded_words(&self.raw).into_boxed_str())
            } else {
                match std::str::from_utf8(&self.raw) {
                    Ok(_) => None,
                    Err(_) => Some(lossy(&self.raw).into_boxed_str()),
                }
            }
        });
        match decoded {
            Some(text) => text,
            // Checked valid when the cache was filled; checking again is cheaper to keep than
            // a second reference to the same bytes in every text.
            None => std::str::from_utf8(&self.raw).unwrap_or_default(),
        }
    }
}

impl std::fmt::Debug for EncodedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.text();
        if self.raw == text.as_bytes() {
            write!(f, "{text:?}")
        } else {
            write!(f, "{text:?} (raw {:?})", String::from_utf8_lossy(&self.raw))
        }
    }
}

/// Equal when the bytes sent are: the text follows from them.
impl PartialEq for EncodedText {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for EncodedText {}

impl From<Bytes> for EncodedText {
    fn from(raw: Bytes) -> Self {
        EncodedText::new(raw)
    }
}

/// One address of an ENVELOPE address list. RFC 5322 groups appear as a start marker
/// (`host == None`, `mailbox == Some(group name)`) and an end marker (all `None`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    pub name: Option<EncodedText>,
    pub route: Option<EncodedText>,
    pub mailbox: Option<EncodedText>,
    pub host: Option<EncodedText>,
}

impl Address {
    pub fn is_group_start(&self) -> bool {
        self.host.is_none() && self.mailbox.is_some()
    }
    pub fn is_group_end(&self) -> bool {
        self.host.is_none() && self.mailbox.is_none()
    }
    /// `mailbox@host`, when both are present.
    pub fn email(&self) -> Option<String> {
        match (&self.mailbox, &self.host) {
            (Some(m), Some(h)) => Some(format!("{}@{}", m.text(), h.text())),
            _ => None,
        }
    }
}

/// An ENVELOPE as plain owned values: what [`Envelope::fields`] returns, and what
/// [`Envelope::new`] builds an envelope from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnvelopeFields {
    /// The `Date:` header as sent.
    pub date_raw: Option<EncodedText>,
    pub subject: Option<EncodedText>,
    pub from: Vec<Address>,
    pub sender: Vec<Address>,
    pub reply_to: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub bcc: Vec<Address>,
    pub in_reply_to: Option<EncodedText>,
    pub message_id: Option<EncodedText>,
}

impl EnvelopeFields {
    /// The `Date:` header parsed leniently (see [`Envelope::date`]).
    pub fn date(&self) -> Option<DateTime> {
        self.date_raw.as_ref().and_then(|t| rfc5322(t.text()))
    }
}

/// The ENVELOPE of a message (RFC 9051 §7.5.2), with RFC 2047 decoding of its header texts.
///
/// Compact: the strings stay in the response's shared buffer and each accessor makes its value
/// on call (a reference-counted slice; a copy only for a quoted string with escapes). Call
/// [`Envelope::fields`] once to get everything as plain values.
#[derive(Clone)]
pub struct Envelope {
    buf: Bytes,
    /// Date, subject, In-Reply-To, Message-ID.
    texts: [Span; 4],
    /// The six address lists one after another (name, route, mailbox, host).
    addrs: Vec<[Span; 4]>,
    /// Where each list ends in `addrs`: from, sender, reply-to, to, cc, bcc.
    ends: [u32; 6],
}

/// Indexes into `Envelope::texts`.
pub(crate) const DATE: usize = 0;
pub(crate) const SUBJECT: usize = 1;
pub(crate) const IN_REPLY_TO: usize = 2;
pub(crate) const MESSAGE_ID: usize = 3;

impl Envelope {
    /// Parser side: an envelope over `buf` (the response), all fields absent until set.
    pub(crate) fn over(buf: Bytes) -> Envelope {
        Envelope {
            buf,
            texts: [Span::NIL; 4],
            addrs: Vec::new(),
            ends: [0; 6],
        }
    }

    pub(crate) fn set_text(&mut self, which: usize, s: Span) {
        self.texts[which] = s;
    }

    /// Appends an address to the list being read; lists are read in order.
    pub(crate) fn push_address(&mut self, a: [Span; 4]) {
        if self.addrs.capacity() == 0 {
            // Nearly every envelope has a handful of addresses: one allocation for all of them.
            self.addrs.reserve(8);
        }
        self.addrs.push(a);
    }

    /// Ends list `list` (0 = from … 5 = bcc) at the addresses pushed so far; the lists after
    /// it end there too until they are read (so that lists never read are empty).
    pub(crate) fn end_list(&mut self, list: usize) {
        let n = u32::try_from(self.addrs.len()).unwrap_or(u32::MAX);
        for e in &mut self.ends[list..] {
            *e = n;
        }
    }

    /// How many addresses have been pushed: with [`Envelope::reset`], drops a list that
    /// turned out unreadable halfway.
    pub(crate) fn mark(&self) -> usize {
        self.addrs.len()
    }

    /// Back to `mark`, list `list` (and those after it) empty.
    pub(crate) fn reset(&mut self, mark: usize, list: usize) {
        self.addrs.truncate(mark);
        self.end_list(list);
    }

    /// Builds an envelope from plain values (for tests, or callers that make envelopes).
    pub fn new(f: &EnvelopeFields) -> Envelope {
        let mut data = Vec::new();
        let mut put = |t: &Option<EncodedText>| match t {
            Some(t) => Span::append(&mut data, t.raw()),
            None => Span::NIL,
        };
        let texts = [
            put(&f.date_raw),
            put(&f.subject),
            put(&f.in_reply_to),
            put(&f.message_id),
        ];
        let mut addrs = Vec::new();
        let mut ends = [0; 6];
        let lists = [&f.from, &f.sender, &f.reply_to, &f.to, &f.cc, &f.bcc];
        for (k, list) in lists.into_iter().enumerate() {
            for a in list {
                addrs.push([put(&a.name), put(&a.route), put(&a.mailbox), put(&a.host)]);
            }
            ends[k] = u32::try_from(addrs.len()).unwrap_or(u32::MAX);
        }
        Envelope {
            buf: Bytes::from(data),
            texts,
            addrs,
            ends,
        }
    }

    fn text(&self, s: Span) -> Option<EncodedText> {
        s.bytes(&self.buf).map(EncodedText::new)
    }

    fn list(&self, k: usize) -> Vec<Address> {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        let end = self.ends[k] as usize;
        self.addrs[start..end]
            .iter()
            .map(|&[name, route, mailbox, host]| Address {
                name: self.text(name),
                route: self.text(route),
                mailbox: self.text(mailbox),
                host: self.text(host),
            })
            .collect()
    }

    /// The `Date:` header as sent.
    pub fn date_raw(&self) -> Option<EncodedText> {
        self.text(self.texts[DATE])
    }

    /// The `Date:` header parsed leniently; `None` when it is absent or malformed (the text
    /// stays in [`Envelope::date_raw`]).
    pub fn date(&self) -> Option<DateTime> {
        self.date_raw().and_then(|t| rfc5322(t.text()))
    }

    pub fn subject(&self) -> Option<EncodedText> {
        self.text(self.texts[SUBJECT])
    }

    pub fn in_reply_to(&self) -> Option<EncodedText> {
        self.text(self.texts[IN_REPLY_TO])
    }

    pub fn message_id(&self) -> Option<EncodedText> {
        self.text(self.texts[MESSAGE_ID])
    }

    pub fn from(&self) -> Vec<Address> {
        self.list(0)
    }

    pub fn sender(&self) -> Vec<Address> {
        self.list(1)
    }

    pub fn reply_to(&self) -> Vec<Address> {
        self.list(2)
    }

    pub fn to(&self) -> Vec<Address> {
        self.list(3)
    }

    pub fn cc(&self) -> Vec<Address> {
        self.list(4)
    }

    pub fn bcc(&self) -> Vec<Address> {
        self.list(5)
    }

    /// Every field as plain values.
    pub fn fields(&self) -> EnvelopeFields {
        EnvelopeFields {
            date_raw: self.date_raw(),
            subject: self.subject(),
            from: self.from(),
            sender: self.sender(),
            reply_to: self.reply_to(),
            to: self.to(),
            cc: self.cc(),
            bcc: self.bcc(),
            in_reply_to: self.in_reply_to(),
            message_id: self.message_id(),
        }
    }
}

impl Default for Envelope {
    fn default() -> Self {
        Envelope::over(Bytes::new())
    }
}

impl std::fmt::Debug for Envelope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fields().fmt(f)
    }
}

/// Equal when every field is: where the strings lie in which buffer does not matter.
impl PartialEq for Envelope {
    fn eq(&self, other: &Self) -> bool {
        self.fields() == other.fields()
    }
}

impl Eq for Envelope {}
