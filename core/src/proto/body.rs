//! BODY / BODYSTRUCTURE (RFC 9051 §7.5.2, body-type-* rules).
//!
//! The parser returns a [`CompactBodyStructure`]: the whole tree, read and checked, with its
//! strings kept as positions in the response's buffer (see `proto::span`). [`BodyStructure`]
//! is the same tree with [`ByteString`] values (`tree()` makes it): slices of the buffer, or
//! static strings for the common MIME words. They dereference to `&str`.
//!
//! The types take the string type as a parameter only so that the parser can fill the same
//! shapes with positions; users see the default, `ByteString`.
use bytes::Bytes;
use bytestring::ByteString;

use super::envelope::Envelope;
use super::span::Span;

/// Fields common to every non-multipart body part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyFields<S = ByteString> {
    /// Content-Type parameters, in server order; names as sent (compare case-insensitively).
    pub params: Vec<(S, S)>,
    pub id: Option<S>,
    pub description: Option<S>,
    /// Content-Transfer-Encoding as sent (`"7BIT"`, `"base64"`, …).
    pub encoding: S,
    /// Size in octets of the encoded body (servers have sent -1: clamped to 0).
    pub octets: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Disposition<S = ByteString> {
    /// `"inline"`, `"attachment"`, … as sent.
    pub kind: S,
    pub params: Vec<(S, S)>,
}

/// BODYSTRUCTURE extension data of a single part (absent under plain BODY).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SinglepartExt<S = ByteString> {
    pub md5: Option<S>,
    pub disposition: Option<Disposition<S>>,
    pub language: Vec<S>,
    pub location: Option<S>,
}

/// BODYSTRUCTURE extension data of a multipart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultipartExt<S = ByteString> {
    pub params: Vec<(S, S)>,
    pub disposition: Option<Disposition<S>>,
    pub language: Vec<S>,
    pub location: Option<S>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyStructure<S = ByteString> {
    /// Any non-text, non-message part (`image/png`, `application/pdf`, …).
    Basic {
        media_type: S,
        media_subtype: S,
        fields: BodyFields<S>,
        ext: Option<SinglepartExt<S>>,
    },
    /// `text/*`, with its line count.
    Text {
        media_subtype: S,
        fields: BodyFields<S>,
        lines: u32,
        ext: Option<SinglepartExt<S>>,
    },
    /// `message/rfc822` (or `message/global`): the embedded message's envelope and structure.
    Message {
        media_subtype: S,
        fields: BodyFields<S>,
        envelope: Box<Envelope>,
        body: Box<BodyStructure<S>>,
        lines: u32,
        ext: Option<SinglepartExt<S>>,
    },
    Multipart {
        parts: Vec<BodyStructure<S>>,
        media_subtype: S,
        ext: Option<MultipartExt<S>>,
    },
    /// A part the server sent in a form we could not read; its exact bytes are kept so that
    /// nothing is lost and the rest of the FETCH still parses.
    Unparsed { raw: Vec<u8> },
}

impl<S> BodyStructure<S> {
    /// Whether any part of the tree was kept raw ([`BodyStructure::Unparsed`]).
    pub fn has_unparsed(&self) -> bool {
        match self {
            BodyStructure::Unparsed { .. } => true,
            BodyStructure::Multipart { parts, .. } => parts.iter().any(Self::has_unparsed),
            BodyStructure::Message { body, .. } => body.has_unparsed(),
            BodyStructure::Basic { .. } | BodyStructure::Text { .. } => false,
        }
    }
}

impl BodyStructure {
    /// `"text/plain"`, `"multipart/mixed"`, … lower-cased.
    pub fn mime_type(&self) -> String {
        let (t, s) = match self {
            BodyStructure::Basic {
                media_type,
                media_subtype,
                ..
            } => (&**media_type, &**media_subtype),
            BodyStructure::Text { media_subtype, .. } => ("text", &**media_subtype),
            BodyStructure::Message { media_subtype, .. } => ("message", &**media_subtype),
            BodyStructure::Multipart { media_subtype, .. } => ("multipart", &**media_subtype),
            BodyStructure::Unparsed { .. } => ("application", "octet-stream"),
        };
        format!("{}/{}", t.to_ascii_lowercase(), s.to_ascii_lowercase())
    }
}

/// A BODY or BODYSTRUCTURE as parsed: every part read and checked, strings still positions in
/// the response. [`CompactBodyStructure::tree`] gives the [`BodyStructure`] with values.
#[derive(Clone)]
pub struct CompactBodyStructure {
    buf: Bytes,
    tree: BodyStructure<Span>,
}

impl CompactBodyStructure {
    pub(crate) fn new(buf: Bytes, tree: BodyStructure<Span>) -> Self {
        CompactBodyStructure { buf, tree }
    }

    /// The compact form of a tree built by hand (tests, callers that make FETCH items).
    pub fn from_tree(tree: &BodyStructure) -> Self {
        let mut data = Vec::new();
        let mut place = |s: &ByteString| Span::append(&mut data, s.as_bytes());
        let tree = tree.map(&mut place);
        CompactBodyStructure {
            buf: Bytes::from(data),
            tree,
        }
    }

    /// Whether any part was kept raw (see [`BodyStructure::has_unparsed`]), without making
    /// the tree.
    pub fn has_unparsed(&self) -> bool {
        self.tree.has_unparsed()
    }

    /// The structure with its strings as values (slices of the response's buffer).
    pub fn tree(&self) -> BodyStructure {
        let mut text = |s: &Span| s.text(&self.buf);
        self.tree.map(&mut text)
    }
}

impl std::fmt::Debug for CompactBodyStructure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.tree().fmt(f)
    }
}

/// Equal when the trees with values are.
impl PartialEq for CompactBodyStructure {
    fn eq(&self, other: &Self) -> bool {
        self.tree() == other.tree()
    }
}

impl Eq for CompactBodyStructure {}

// The same tree with another string type. Recursion follows the tree's depth, which the
// parser bounds (`Limits::max_depth`).

type Text<'f, S, T> = dyn FnMut(&S) -> T + 'f;

fn map_params<S, T>(p: &[(S, S)], f: &mut Text<'_, S, T>) -> Vec<(T, T)> {
    p.iter().map(|(k, v)| (f(k), f(v))).collect()
}

impl<S> Disposition<S> {
    fn map<T>(&self, f: &mut Text<'_, S, T>) -> Disposition<T> {
        Disposition {
            kind: f(&self.kind),
            params: map_params(&self.params, f),
        }
    }
}

impl<S> BodyFields<S> {
    fn map<T>(&self, f: &mut Text<'_, S, T>) -> BodyFields<T> {
        BodyFields {
            params: map_params(&self.params, f),
            id: self.id.as_ref().map(&mut *f),
            description: self.description.as_ref().map(&mut *f),
            encoding: f(&self.encoding),
            octets: self.octets,
        }
    }
}

impl<S> SinglepartExt<S> {
    fn map<T>(&self, f: &mut Text<'_, S, T>) -> SinglepartExt<T> {
        SinglepartExt {
            md5: self.md5.as_ref().map(&mut *f),
            disposition: self.disposition.as_ref().map(|d| d.map(f)),
            language: self.language.iter().map(&mut *f).collect(),
            location: self.location.as_ref().map(&mut *f),
        }
    }
}

impl<S> MultipartExt<S> {
    fn map<T>(&self, f: &mut Text<'_, S, T>) -> MultipartExt<T> {
        MultipartExt {
            params: map_params(&self.params, f),
            disposition: self.disposition.as_ref().map(|d| d.map(f)),
            language: self.language.iter().map(&mut *f).collect(),
            location: self.location.as_ref().map(&mut *f),
        }
    }
}

impl<S> BodyStructure<S> {
    fn map<T>(&self, f: &mut Text<'_, S, T>) -> BodyStructure<T> {
        match self {
            BodyStructure::Basic {
                media_type,
                media_subtype,
                fields,
                ext,
            } => BodyStructure::Basic {
                media_type: f(media_type),
                media_subtype: f(media_subtype),
                fields: fields.map(f),
                ext: ext.as_ref().map(|e| e.map(f)),
            },
            BodyStructure::Text {
                media_subtype,
                fields,
                lines,
                ext,
            } => BodyStructure::Text {
                media_subtype: f(media_subtype),
                fields: fields.map(f),
                lines: *lines,
                ext: ext.as_ref().map(|e| e.map(f)),
            },
            BodyStructure::Message {
                media_subtype,
                fields,
                envelope,
                body,
                lines,
                ext,
            } => BodyStructure::Message {
                media_subtype: f(media_subtype),
                fields: fields.map(f),
                envelope: envelope.clone(),
                body: Box::new(body.map(f)),
                lines: *lines,
                ext: ext.as_ref().map(|e| e.map(f)),
            },
            BodyStructure::Multipart {
                parts,
                media_subtype,
                ext,
            } => BodyStructure::Multipart {
                parts: parts.iter().map(|p| p.map(f)).collect(),
                media_subtype: f(media_subtype),
                ext: ext.as_ref().map(|e| e.map(f)),
            },
            BodyStructure::Unparsed { raw } => BodyStructure::Unparsed { raw: raw.clone() },
        }
    }
}
