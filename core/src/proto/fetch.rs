//! FETCH response data items (RFC 9051 §7.5.2) and the per-message view built from them.
use bytes::Bytes;

use super::body::{BodyStructure, CompactBodyStructure};
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
    /// The exact bytes; `None` for NIL. A literal is a slice of the response's buffer, not a
    /// copy (see `proto::parse::shared`).
    pub data: Option<Bytes>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchItem {
    Flags(Vec<Flag>),
    Uid(u32),
    InternalDate(DateTime),
    Rfc822Size(u64),
    Envelope(Box<Envelope>),
    /// `BODY` (no extension data) or `BODYSTRUCTURE`.
    BodyStructure(Box<CompactBodyStructure>),
    Section(BodySection),
    ModSeq(u64),
    /// `BINARY.SIZE[section] n` (RFC 3516): the decoded size of a part; `section` without
    /// brackets (`"1"`, `""` for the whole message).
    BinarySize {
        section: String,
        size: u64,
    },
    /// `EMAILID (id)` (RFC 8474 OBJECTID).
    EmailId(String),
    /// `THREADID (id)` or `THREADID NIL` (RFC 8474 OBJECTID).
    ThreadId(Option<String>),
    /// `SAVEDATE "date"` or NIL (RFC 8514).
    SaveDate(Option<DateTime>),
    /// `PREVIEW "text"` or NIL (RFC 8970).
    Preview(Option<String>),
    /// `X-GM-MSGID n` (Gmail).
    GmMsgId(u64),
    /// `X-GM-THRID n` (Gmail).
    GmThrId(u64),
    /// `X-GM-LABELS (…)` (Gmail): labels decoded like mailbox names; system labels keep their
    /// backslash (`\Inbox`).
    GmLabels(Vec<String>),
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
    /// `BINARY.SIZE[section]` values, by section.
    pub binary_sizes: Vec<(String, u64)>,
    pub email_id: Option<String>,
    /// `None` also when the server said NIL (no thread information).
    pub thread_id: Option<String>,
    /// `None` also when the server said NIL (no save date for this message).
    pub save_date: Option<DateTime>,
    pub preview: Option<String>,
    pub gm_msgid: Option<u64>,
    pub gm_thrid: Option<u64>,
    pub gm_labels: Option<Vec<String>>,
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
                FetchItem::BodyStructure(b) => self.body_structure = Some(b.tree()),
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
                FetchItem::BinarySize { section, size } => {
                    match self.binary_sizes.iter_mut().find(|(s, _)| *s == section) {
                        Some(existing) => existing.1 = size,
                        None => self.binary_sizes.push((section, size)),
                    }
                }
                FetchItem::EmailId(id) => self.email_id = Some(id),
                FetchItem::ThreadId(id) => self.thread_id = id,
                FetchItem::SaveDate(d) => self.save_date = d,
                FetchItem::Preview(p) => self.preview = p,
                FetchItem::GmMsgId(n) => self.gm_msgid = Some(n),
                FetchItem::GmThrId(n) => self.gm_thrid = Some(n),
                FetchItem::GmLabels(l) => self.gm_labels = Some(l),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_routes_every_item() {
        let date = DateTime {
            year: 2019,
            month: 1,
            day: 1,
            hour: 10,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        };
        let mut m = Message::new(7);
        m.merge(vec![
            FetchItem::Uid(9),
            FetchItem::ModSeq(5),
            FetchItem::BinarySize {
                section: "1".into(),
                size: 10,
            },
            FetchItem::EmailId("M1".into()),
            FetchItem::ThreadId(Some("T1".into())),
            FetchItem::SaveDate(Some(date)),
            FetchItem::Preview(Some("hi".into())),
            FetchItem::GmMsgId(1278455344230334865),
            FetchItem::GmThrId(1266894439832287888),
            FetchItem::GmLabels(vec!["\\Inbox".into()]),
            FetchItem::Other {
                name: "X".into(),
                raw: b"X 1".to_vec(),
            },
        ]);
        m.merge(vec![
            FetchItem::BinarySize {
                section: "1".into(),
                size: 12,
            },
            FetchItem::BinarySize {
                section: "2".into(),
                size: 3,
            },
            FetchItem::ThreadId(None),
        ]);
        assert_eq!(
            m,
            Message {
                seq: 7,
                uid: Some(9),
                modseq: Some(5),
                binary_sizes: vec![("1".into(), 12), ("2".into(), 3)],
                email_id: Some("M1".into()),
                thread_id: None,
                save_date: Some(date),
                preview: Some("hi".into()),
                gm_msgid: Some(1278455344230334865),
                gm_thrid: Some(1266894439832287888),
                gm_labels: Some(vec!["\\Inbox".into()]),
                other: vec![("X".into(), b"X 1".to_vec())],
                ..Message::default()
            }
        );
    }
}
