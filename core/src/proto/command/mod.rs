//! Commands a client sends, built from types and encoded so that no argument can break
//! framing: each string becomes an atom, a quoted string or a literal as its bytes require,
//! and CR, LF and NUL are refused where the grammar cannot carry them. Every command of
//! RFC 9051 and RFC 3501 is here, with the extensions a client meets in practice (CONDSTORE,
//! QRESYNC, LIST-EXTENDED, ESEARCH, SORT/THREAD, METADATA, QUOTA, Gmail's X-GM-EXT-1, …).
mod append;
mod auth;
mod date;
mod fetch;
mod list;
mod mailbox;
mod metadata;
mod quota;
mod search;
mod sort;
mod store;
mod writer;

#[cfg(test)]
mod tests;

pub use append::AppendMessage;
pub use date::Date;
pub use fetch::{FetchAttr, FetchAttributes, FetchModifiers, Section, SectionText};
pub use list::{ListCommand, ListReturn, ListSelect};
pub use mailbox::{QResync, SelectParams, SpecialUse, StatusItem};
pub use metadata::MetadataDepth;
pub use search::{EntryType, Search, SearchKey, SearchReturn};
pub use sort::{Sort, SortKey, Thread, ThreadAlgorithm};
pub use store::StoreOp;

use super::flag::Flag;
use super::sequence::SequenceSet;
use crate::error::{Error, Result};
use std::fmt;
use writer::Writer;

/// A secret string (password, token): never shown by `Debug`, redacted from traces.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub Vec<u8>);

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for Secret {
    fn from(v: Vec<u8>) -> Self {
        Secret(v)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Capability,
    Noop,
    Logout,
    StartTls,
    Login {
        user: String,
        password: Secret,
    },
    /// `initial_response` holds raw bytes (base64-encoded here, `=` when empty) and is sent
    /// only when the server offers SASL-IR.
    Authenticate {
        mechanism: String,
        initial_response: Option<Secret>,
    },
    Enable(Vec<String>),
    /// SELECT, or EXAMINE when `read_only`.
    Select {
        mailbox: String,
        read_only: bool,
        params: SelectParams,
    },
    /// CREATE, with RFC 6154 `USE (...)` when `special_use` is not empty.
    Create {
        mailbox: String,
        special_use: Vec<SpecialUse>,
    },
    Delete(String),
    Rename {
        from: String,
        to: String,
    },
    Subscribe(String),
    Unsubscribe(String),
    List(ListCommand),
    Lsub {
        reference: String,
        pattern: String,
    },
    Namespace,
    Status {
        mailbox: String,
        items: Vec<StatusItem>,
    },
    /// APPEND; more than one message is MULTIAPPEND (RFC 3502).
    Append {
        mailbox: String,
        messages: Vec<AppendMessage>,
    },
    /// IDLE (RFC 2177); end it with [`idle_done`] after the server's continuation request.
    Idle,
    /// IMAP4rev1 only.
    Check,
    Close,
    Unselect,
    Expunge,
    /// UID EXPUNGE (RFC 4315, RFC 9051).
    UidExpunge(SequenceSet),
    Search(Search),
    Fetch {
        set: SequenceSet,
        items: FetchAttributes,
        uid: bool,
        modifiers: FetchModifiers,
    },
    Store {
        set: SequenceSet,
        op: StoreOp,
        flags: Vec<Flag>,
        silent: bool,
        uid: bool,
        /// CONDSTORE `(UNCHANGEDSINCE n)`.
        unchanged_since: Option<u64>,
    },
    /// Gmail `STORE set ±X-GM-LABELS (labels)`.
    StoreLabels {
        set: SequenceSet,
        op: StoreOp,
        labels: Vec<String>,
        silent: bool,
        uid: bool,
    },
    Copy {
        set: SequenceSet,
        mailbox: String,
        uid: bool,
    },
    Move {
        set: SequenceSet,
        mailbox: String,
        uid: bool,
    },
    Sort(Sort),
    Thread(Thread),
    /// RFC 2971 ID: `None` sends `ID NIL`; values of `None` are `NIL`.
    Id(Option<Vec<(String, Option<String>)>>),
    GetQuota(String),
    GetQuotaRoot(String),
    /// RFC 9208 SETQUOTA: resource name and limit pairs (empty removes every limit).
    SetQuota {
        root: String,
        limits: Vec<(String, u64)>,
    },
    /// RFC 5464 GETMETADATA; `mailbox` empty for server annotations.
    GetMetadata {
        mailbox: String,
        entries: Vec<String>,
        max_size: Option<u32>,
        depth: Option<MetadataDepth>,
    },
    /// RFC 5464 SETMETADATA; a value of `None` removes the entry. A value holding NUL goes
    /// as a literal8 (needs BINARY).
    SetMetadata {
        mailbox: String,
        entries: Vec<(String, Option<Vec<u8>>)>,
    },
    /// COMPRESS DEFLATE (RFC 4978).
    CompressDeflate,
}

impl Command {
    /// The command's name, for error messages and traces.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Capability => "CAPABILITY",
            Command::Noop => "NOOP",
            Command::Logout => "LOGOUT",
            Command::StartTls => "STARTTLS",
            Command::Login { .. } => "LOGIN",
            Command::Authenticate { .. } => "AUTHENTICATE",
            Command::Enable(_) => "ENABLE",
            Command::Select {
                read_only: false, ..
            } => "SELECT",
            Command::Select {
                read_only: true, ..
            } => "EXAMINE",
            Command::Create { .. } => "CREATE",
            Command::Delete(_) => "DELETE",
            Command::Rename { .. } => "RENAME",
            Command::Subscribe(_) => "SUBSCRIBE",
            Command::Unsubscribe(_) => "UNSUBSCRIBE",
            Command::List(_) => "LIST",
            Command::Lsub { .. } => "LSUB",
            Command::Namespace => "NAMESPACE",
            Command::Status { .. } => "STATUS",
            Command::Append { .. } => "APPEND",
            Command::Idle => "IDLE",
            Command::Check => "CHECK",
            Command::Close => "CLOSE",
            Command::Unselect => "UNSELECT",
            Command::Expunge => "EXPUNGE",
            Command::UidExpunge(_) => "UID EXPUNGE",
            Command::Search(s) if s.uid => "UID SEARCH",
            Command::Search(_) => "SEARCH",
            Command::Fetch { uid: true, .. } => "UID FETCH",
            Command::Fetch { .. } => "FETCH",
            Command::Store { uid: true, .. } | Command::StoreLabels { uid: true, .. } => {
                "UID STORE"
            }
            Command::Store { .. } | Command::StoreLabels { .. } => "STORE",
            Command::Copy { uid: true, .. } => "UID COPY",
            Command::Copy { .. } => "COPY",
            Command::Move { uid: true, .. } => "UID MOVE",
            Command::Move { .. } => "MOVE",
            Command::Sort(s) if s.uid => "UID SORT",
            Command::Sort(_) => "SORT",
            Command::Thread(t) if t.uid => "UID THREAD",
            Command::Thread(_) => "THREAD",
            Command::Id(_) => "ID",
            Command::GetQuota(_) => "GETQUOTA",
            Command::GetQuotaRoot(_) => "GETQUOTAROOT",
            Command::SetQuota { .. } => "SETQUOTA",
            Command::GetMetadata { .. } => "GETMETADATA",
            Command::SetMetadata { .. } => "SETMETADATA",
            Command::CompressDeflate => "COMPRESS",
        }
    }
}

/// What the server lets us use when encoding.
#[derive(Debug, Clone, Copy, Default)]
pub struct EncodeOptions {
    /// Non-synchronising literals (`{N+}`): LITERAL+ (any size) or LITERAL- (up to 4096).
    pub literal_plus: bool,
    pub literal_minus: bool,
    /// UTF-8 allowed in quoted strings and mailbox names (IMAP4rev2 / UTF8=ACCEPT enabled).
    pub utf8: bool,
    /// SASL-IR: the initial response may go on the AUTHENTICATE line.
    pub sasl_ir: bool,
    /// BINARY (RFC 3516): literal8 (`~{N}`) may carry data holding NUL bytes.
    pub binary: bool,
}

/// An encoded command: `segments[i+1]` may only be sent after the server answered
/// `segments[i]` with a continuation request (synchronising literals). `trace` is the same
/// text on one line, secrets replaced, message data summarised, for logging.
#[derive(Clone, PartialEq, Eq)]
pub struct Encoded {
    pub segments: Vec<Vec<u8>>,
    pub trace: String,
}

impl fmt::Debug for Encoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoded")
            .field("trace", &self.trace)
            .finish()
    }
}

/// `DONE`, which ends IDLE (RFC 2177, RFC 9051 §6.3.13). It has no tag and is sent once the
/// server answered IDLE with a continuation request.
pub fn idle_done() -> Encoded {
    Encoded {
        segments: vec![b"DONE\r\n".to_vec()],
        trace: "DONE".into(),
    }
}

impl Command {
    /// Encodes the command with `tag`. Fails with `InvalidArgument` (or `Unsupported` when
    /// an argument needs a capability the options do not grant) before anything is
    /// produced when an argument cannot be represented safely.
    pub fn encode(&self, tag: &str, opts: &EncodeOptions) -> Result<Encoded> {
        // A tag is an astring-char run without `+` (RFC 9051 `tag`).
        if tag.is_empty() || !tag.bytes().all(|b| writer::is_astring_char(b) && b != b'+') {
            return Err(Error::invalid(format!("invalid tag {tag:?}")));
        }
        let mut w = Writer::new(opts);
        w.raw(tag);
        w.sp();
        self.write(&mut w)?;
        Ok(w.finish())
    }

    fn write(&self, w: &mut Writer) -> Result<()> {
        match self {
            Command::Capability
            | Command::Noop
            | Command::Logout
            | Command::StartTls
            | Command::Namespace
            | Command::Idle
            | Command::Check
            | Command::Close
            | Command::Unselect
            | Command::Expunge => w.raw(self.name()),
            Command::CompressDeflate => w.raw("COMPRESS DEFLATE"),
            Command::Login { user, password } => auth::login(w, user, password)?,
            Command::Authenticate {
                mechanism,
                initial_response,
            } => auth::authenticate(w, mechanism, initial_response.as_ref())?,
            Command::Enable(caps) => auth::enable(w, caps)?,
            Command::Id(fields) => auth::id(w, fields.as_deref())?,
            Command::Select {
                mailbox,
                read_only: _,
                params,
            } => {
                w.raw(self.name());
                w.sp();
                mailbox::mailbox(w, mailbox)?;
                params.write(w)?;
            }
            Command::Create {
                mailbox,
                special_use,
            } => mailbox::create(w, mailbox, special_use)?,
            Command::Delete(m) | Command::Subscribe(m) | Command::Unsubscribe(m) => {
                w.raw(self.name());
                w.sp();
                mailbox::mailbox(w, m)?;
            }
            Command::Rename { from, to } => {
                w.raw("RENAME ");
                mailbox::mailbox(w, from)?;
                w.sp();
                mailbox::mailbox(w, to)?;
            }
            Command::List(l) => l.write(w)?,
            Command::Lsub { reference, pattern } => {
                w.raw("LSUB ");
                mailbox::reference(w, reference)?;
                w.sp();
                mailbox::list_mailbox(w, pattern)?;
            }
            Command::Status { mailbox, items } => mailbox::status(w, mailbox, items)?,
            Command::Append { mailbox, messages } => append::append(w, mailbox, messages)?,
            Command::UidExpunge(set) => {
                w.raw("UID EXPUNGE ");
                w.raw(set.as_str());
            }
            Command::Search(s) => s.write(w)?,
            Command::Fetch {
                set,
                items,
                uid,
                modifiers,
            } => fetch::fetch(w, set, items, *uid, modifiers)?,
            Command::Store {
                set,
                op,
                flags,
                silent,
                uid,
                unchanged_since,
            } => store::store(w, set, *op, flags, *silent, *uid, *unchanged_since)?,
            Command::StoreLabels {
                set,
                op,
                labels,
                silent,
                uid,
            } => store::store_labels(w, set, *op, labels, *silent, *uid)?,
            Command::Copy { set, mailbox, .. } | Command::Move { set, mailbox, .. } => {
                w.raw(self.name());
                w.sp();
                w.raw(set.as_str());
                w.sp();
                mailbox::mailbox(w, mailbox)?;
            }
            Command::Sort(s) => s.write(w)?,
            Command::Thread(t) => t.write(w)?,
            Command::GetQuota(root) => {
                w.raw("GETQUOTA ");
                quota::root(w, root)?;
            }
            Command::GetQuotaRoot(m) => {
                w.raw("GETQUOTAROOT ");
                mailbox::mailbox(w, m)?;
            }
            Command::SetQuota { root, limits } => quota::set_quota(w, root, limits)?,
            Command::GetMetadata {
                mailbox,
                entries,
                max_size,
                depth,
            } => metadata::get(w, mailbox, entries, *max_size, *depth)?,
            Command::SetMetadata { mailbox, entries } => metadata::set(w, mailbox, entries)?,
        }
        Ok(())
    }
}

/// Shared by commands that take a parenthesised list of validated items.
fn paren_list<T>(
    w: &mut Writer,
    items: &[T],
    mut each: impl FnMut(&mut Writer, &T) -> Result<()>,
) -> Result<()> {
    w.raw("(");
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            w.sp();
        }
        each(w, it)?;
    }
    w.raw(")");
    Ok(())
}
