//! FETCH response data items (RFC 9051 §7.5.2) and the per-message view built from them.
use super::body::BodyStructure;
use super::datetime::DateTime;
use super::envelope::Envelope;
use super::flag::Flag;

/// A `BODY[section]<origin>` (or `BINARY[…]`, `RFC822…`) value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySection {
    /// The section spec as the server named it, without brackets: `"HEADER"`, `"1.MIME"`,
    /// `"HEADER.FIELDS (FROM TO)"`, `""` for `BODY[]`. `RFC822`, `RFC822.HEADER` and
    /// `RFC822.TEXT` items use those names; `BINARY[…]` uses `"BINARY[…]"`.
    pub section: String,
    /// The `<origin>` of a partial fetch.
    pub origin: Option<u32>,
    /// The exact bytes; `None` for NIL.
    pub data: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchItem {
    Flags(Vec<Flag>),
    Uid(u32),
    InternalDate(DateTime),
    Rfc822Size(u64),
    Envelope(Box<Envelope>),
    /// `BODY` (no extension data) or `BODYSTRUCTURE`.
    BodyStructure(Box<BodyStructure>),
    Section(BodySection),
    ModSeq(u64),
    /// An item we do not know or could not parse: its name and exact bytes (name included).
    Other {
        name: String,
        raw: Vec<u8>,
    },
}

/// Everything the server said about one message, merged from one or more FETCH responses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    pub seq: u32,
    pub uid: Option<u32>,
    pub flags: Option<Vec<Flag>>,
    pub internal_date: Option<DateTime>,
    pub size: Option<u64>,
    pub envelope: Option<Envelope>,
    pub body_structure: Option<BodyStructure>,
    pub sections: Vec<BodySection>,
    pub modseq: Option<u64>,
    /// Items kept raw (unknown or malformed), in arrival order.
    pub other: Vec<(String, Vec<u8>)>,
}

impl Message {
    pub fn new(seq: u32) -> Self {
        Message {
            seq,
            ..Default::default()
        }
    }

    /// Folds FETCH items into this message; later values replace earlier ones.
    pub fn merge(&mut self, items: Vec<FetchItem>) {
        for item in items {
            match item {
                FetchItem::Flags(f) => self.flags = Some(f),
                FetchItem::Uid(u) => self.uid = Some(u),
                FetchItem::InternalDate(d) => self.internal_date = Some(d),
                FetchItem::Rfc822Size(s) => self.size = Some(s),
                FetchItem::Envelope(e) => self.envelope = Some(*e),
                FetchItem::BodyStructure(b) => self.body_structure = Some(*b),
                FetchItem::Section(s) => {
                    match self
                        .sections
                        .iter_mut()
                        .find(|x| x.section == s.section && x.origin == s.origin)
                    {
                        Some(existing) => *existing = s,
                        None => self.sections.push(s),
                    }
                }
                FetchItem::ModSeq(m) => self.modseq = Some(m),
                FetchItem::Other { name, raw } => self.other.push((name, raw)),
            }
        }
    }

    /// The bytes of `BODY[spec]` (any origin), if fetched and not NIL.
    pub fn section(&self, spec: &str) -> Option<&[u8]> {
        self.sections
            .iter()
            .find(|s| s.section.eq_ignore_ascii_case(spec))
            .and_then(|s| s.data.as_deref())
    }
}
