//! ENVELOPE (RFC 9051 §7.5.2) with RFC 2047 decoding of its text fields.
use std::sync::OnceLock;

use bytes::Bytes;

use super::datetime::DateTime;
use super::parse::{decode_encoded_words, has_encoded_word, lossy, rfc5322};

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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope {
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

impl Envelope {
    /// The `Date:` header parsed leniently; `None` when it is absent or malformed (the text
    /// stays in `date_raw`). Parsed on each call, not while parsing the response: few callers
    /// want it, and it is a short string.
    pub fn date(&self) -> Option<DateTime> {
        self.date_raw.as_ref().and_then(|t| rfc5322(t.text()))
    }
}
