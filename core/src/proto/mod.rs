//! The IMAP protocol: typed model (one file per concept), the framer that finds response
//! boundaries, the nom parser, and the command encoder. No I/O here.
pub mod body;
pub mod datetime;
pub mod envelope;
pub mod fetch;
pub mod flag;
pub mod mailbox;
pub mod mailbox_name;
pub mod metadata;
pub mod namespace;
pub mod quota;
pub mod response;
pub mod search;
pub(crate) mod span;
pub mod thread;

pub mod command;
pub mod framer;
pub mod parse;
pub mod seqset;
pub mod sequence;

/// Everything a user of the crate needs, re-exported at the crate root.
pub mod types {
    pub use super::body::{
        BodyFields, BodyStructure, CompactBodyStructure, Disposition, MultipartExt, SinglepartExt,
    };
    pub use super::datetime::DateTime;
    pub use super::envelope::{Address, EncodedText, Envelope, EnvelopeFields};
    pub use super::fetch::{BodySection, FetchItem, Message};
    pub use super::flag::Flag;
    pub use super::mailbox::{ListItem, MailboxAttr, MailboxInfo, StatusValues};
    pub use super::mailbox_name::MailboxName;
    pub use super::metadata::{MetadataCode, MetadataEntry};
    pub use super::namespace::{Namespace, Namespaces};
    pub use super::quota::{QuotaResource, QuotaUsage};
    pub use super::response::{Code, IdParams, Response, Status, Untagged};
    pub use super::search::{ESearch, Partial, PartialRange};
    pub use super::seqset::{SeqNum, SeqRange, SeqSet};
    pub use super::thread::Thread;
    /// The shared byte and string types of the model, re-exported so that users need not
    /// depend on their crates.
    pub use bytes::Bytes;
    pub use bytestring::ByteString;
}
