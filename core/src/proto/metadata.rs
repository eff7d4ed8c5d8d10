//! METADATA (RFC 5464): per-mailbox and server annotations.

/// The `[METADATA …]` response code (RFC 5464 §4.2.1, §4.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataCode {
    /// `LONGENTRIES n`: entries were left out because their values exceed the MAXSIZE asked
    /// for; `n` is the size of the largest.
    LongEntries(u64),
    /// `MAXSIZE n`: the largest value the server accepts.
    MaxSize(u64),
    /// `TOOMANY`: too many annotations.
    TooMany,
    /// `NOPRIVATE`: private annotations are not supported.
    NoPrivate,
}

/// One entry with its value: the entry name (`/private/comment`) and the value's bytes, `None`
/// for NIL.
pub type MetadataEntry = (String, Option<Vec<u8>>);
