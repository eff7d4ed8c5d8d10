//! ENVELOPE (RFC 9051 §7.5.2) with RFC 2047 decoding of its text fields.
use bytes::Bytes;
use bytestring::ByteString;

use super::datetime::DateTime;

/// A header text as the server sent it, plus its decoded form. `raw` is exactly the string's
/// bytes (encoded-words and 8-bit bytes untouched); `text` has RFC 2047 encoded-words decoded
/// and invalid UTF-8 replaced, so it is always displayable.
///
/// Both share the response's buffer when they can (see `proto::parse::shared`): for the
/// usual plain-ASCII mailbox, host or message id, `text` and `raw` are the same bytes and
/// nothing is allocated.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct EncodedText {
    pub raw: Bytes,
    pub text: ByteString,
}

impl EncodedText {
    /// A text that needs no decoding (tests, callers building envelopes by hand).
    pub fn plain(s: &str) -> Self {
        let text = ByteString::from(s);
        EncodedText {
            raw: text.as_bytes().clone(),
            text,
        }
    }
}

impl std::fmt::Debug for EncodedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.raw == self.text.as_bytes()[..] {
            write!(f, "{:?}", self.text)
        } else {
            write!(
                f,
                "{:?} (raw {:?})",
                self.text,
                String::from_utf8_lossy(&self.raw)
            )
        }
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
            (Some(m), Some(h)) => Some(format!("{}@{}", m.text, h.text)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope {
    /// The `Date:` header as sent.
    pub date_raw: Option<EncodedText>,
    /// The `Date:` header parsed leniently; `None` when it is absent or malformed (the raw text
    /// stays in `date_raw`).
    pub date: Option<DateTime>,
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
