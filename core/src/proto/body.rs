//! BODY / BODYSTRUCTURE (RFC 9051 §7.5.2, body-type-* rules).
//!
//! Strings are [`ByteString`]s: slices of the response's buffer (see `proto::parse::shared`),
//! so a body structure of many parts costs few allocations. They dereference to `&str`.
use bytestring::ByteString;

/// Fields common to every non-multipart body part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyFields {
    /// Content-Type parameters, in server order; names as sent (compare case-insensitively).
    pub params: Vec<(ByteString, ByteString)>,
    pub id: Option<ByteString>,
    pub description: Option<ByteString>,
    /// Content-Transfer-Encoding as sent (`"7BIT"`, `"base64"`, …).
    pub encoding: ByteString,
    /// Size in octets of the encoded body (servers have sent -1: clamped to 0).
    pub octets: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Disposition {
    /// `"inline"`, `"attachment"`, … as sent.
    pub kind: ByteString,
    pub params: Vec<(ByteString, ByteString)>,
}

/// BODYSTRUCTURE extension data of a single part (absent under plain BODY).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SinglepartExt {
    pub md5: Option<ByteString>,
    pub disposition: Option<Disposition>,
    pub language: Vec<ByteString>,
    pub location: Option<ByteString>,
}

/// BODYSTRUCTURE extension data of a multipart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultipartExt {
    pub params: Vec<(ByteString, ByteString)>,
    pub disposition: Option<Disposition>,
    pub language: Vec<ByteString>,
    pub location: Option<ByteString>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyStructure {
    /// Any non-text, non-message part (`image/png`, `application/pdf`, …).
    Basic {
        media_type: ByteString,
        media_subtype: ByteString,
        fields: BodyFields,
        ext: Option<SinglepartExt>,
    },
    /// `text/*`, with its line count.
    Text {
        media_subtype: ByteString,
        fields: BodyFields,
        lines: u32,
        ext: Option<SinglepartExt>,
    },
    /// `message/rfc822` (or `message/global`): the embedded message's envelope and structure.
    Message {
        media_subtype: ByteString,
        fields: BodyFields,
        envelope: Box<super::envelope::Envelope>,
        body: Box<BodyStructure>,
        lines: u32,
        ext: Option<SinglepartExt>,
    },
    Multipart {
        parts: Vec<BodyStructure>,
        media_subtype: ByteString,
        ext: Option<MultipartExt>,
    },
    /// A part the server sent in a form we could not read; its exact bytes are kept so that
    /// nothing is lost and the rest of the FETCH still parses.
    Unparsed { raw: Vec<u8> },
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
