//! QUOTA data (RFC 9208, formerly RFC 2087).

/// A quota resource (RFC 9208 §5), matched case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum QuotaResource {
    /// Sum of message sizes, in units of 1024 octets.
    Storage,
    /// Number of messages.
    Message,
    /// Number of mailboxes.
    Mailbox,
    /// Size of annotations, in units of 1024 octets.
    AnnotationStorage,
    /// Any other resource, upper-cased.
    Other(String),
}

impl QuotaResource {
    pub fn parse(s: &str) -> QuotaResource {
        match s.to_ascii_uppercase().as_str() {
            "STORAGE" => QuotaResource::Storage,
            "MESSAGE" => QuotaResource::Message,
            "MAILBOX" => QuotaResource::Mailbox,
            "ANNOTATION-STORAGE" => QuotaResource::AnnotationStorage,
            other => QuotaResource::Other(other.to_string()),
        }
    }
}

/// One resource of a quota root: what is used and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaUsage {
    pub resource: QuotaResource,
    pub usage: u64,
    pub limit: u64,
}
