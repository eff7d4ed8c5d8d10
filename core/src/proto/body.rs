//! BODY / BODYSTRUCTURE (RFC 9051 §7.5.2, body-type-* rules).

/// Fields common to every non-multipart body part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyFields {
    /// Content-Type parameters, in server order; names as sent (compare case-insensitively).
    pub params: Vec<(String, String)>,
    pub id: Option<String>,
    pub description: Option<String>,
    /// Content-Transfer-Encoding as sent (`"7BIT"`, `"base64"`, …).
    pub encoding: String,
    /// Size in octets of the encoded body (servers have sent -1: clamped to 0).
    pub octets: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Disposition {
    /// `"inline"`, `"attachment"`, … as sent.
    pub kind: String,
    pub params: Vec<(String, String)>,
}

/// BODYSTRUCTURE extension data of a single part (absent under plain BODY).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SinglepartExt {
    pub md5: Option<String>,
    pub disposition: Option<Disposition>,
    pub language: Vec<String>,
    pub location: Option<String>,
}

/// BODYSTRUCTURE extension data of a multipart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultipartExt {
    pub params: Vec<(String, String)>,
    pub disposition: Option<Disposition>,
    pub language: Vec<String>,
    pub location: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyStructure {
    /// Any non-text, non-message part (`image/png`, `application/pdf`, …).
    Basic {
        media_type: String,
        media_subtype: String,
        fields: BodyFields,
        ext: Option<SinglepartExt>,
    },
    /// `text/*`, with its line count.
    Text {
        media_subtype: String,
        fields: BodyFields,
        lines: u32,
        ext: Option<SinglepartExt>,
    },
    /// `message/rfc822` (or `message/global`): the embedded message's envelope and structure.
    Message {
        media_subtype: String,
        fields: BodyFields,
        envelope: Box<super::envelope::Envelope>,
        body: Box<BodyStructure>,
        lines: u32,
        ext: Option<SinglepartExt>,
    },
    Multipart {
        parts: Vec<BodyStructure>,
        media_subtype: String,
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
            } => (media_type.as_str(), media_subtype.as_str()),
            BodyStructure::Text { media_subtype, .. } => ("text", media_subtype.as_str()),
            BodyStructure::Message { media_subtype, .. } => ("message", media_subtype.as_str()),
            BodyStructure::Multipart { media_subtype, .. } => ("multipart", media_subtype.as_str()),
            BodyStructure::Unparsed { .. } => ("application", "octet-stream"),
        };
        format!("{}/{}", t.to_ascii_lowercase(), s.to_ascii_lowercase())
    }
}
