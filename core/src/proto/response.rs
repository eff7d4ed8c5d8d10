//! Server responses (RFC 9051 §7): status responses with codes, untagged data, continuations.
use super::fetch::FetchItem;
use super::flag::Flag;
use super::mailbox::ListItem;
use super::search::ESearch;
use super::seqset::SeqSet;

/// ID (RFC 2971) fields: name and value (NIL as `None`), in server order.
pub type IdParams = Vec<(String, Option<String>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Ok,
    No,
    Bad,
    PreAuth,
    Bye,
}

/// A response code: the bracketed part of a status response (RFC 9051 §7.1, RFC 5530).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    Alert,
    BadCharset(Vec<String>),
    Capability(Vec<String>),
    Parse,
    PermanentFlags(Vec<Flag>),
    ReadOnly,
    ReadWrite,
    TryCreate,
    UidNext(u32),
    UidValidity(u32),
    Unseen(u32),
    HighestModSeq(u64),
    NoModSeq,
    Closed,
    /// `[APPENDUID uidvalidity uid-set]` (RFC 4315; a set after MULTIAPPEND).
    AppendUid {
        uidvalidity: u32,
        uids: SeqSet,
    },
    /// `[COPYUID uidvalidity source-set dest-set]` (RFC 4315), on the tagged OK of COPY and
    /// in an untagged OK during MOVE (RFC 6851). Ranges keep their order (`20:19`);
    /// [`SeqSet::iter`] pairs the two sets up.
    CopyUid {
        uidvalidity: u32,
        source: SeqSet,
        dest: SeqSet,
    },
    /// `[UIDNOTSTICKY]` (RFC 4315): the mailbox cannot keep UIDs across sessions.
    UidNotSticky,
    /// `[MODIFIED set]` (RFC 7162): the messages a conditional STORE did not change.
    Modified(SeqSet),
    /// `[REFERRAL url]` (RFC 2221): the server sends the client elsewhere.
    Referral(String),
    /// `[UNAVAILABLE]` (RFC 5530 and following, RFC 9051 §7.1): a subsystem is down.
    Unavailable,
    AuthenticationFailed,
    AuthorizationFailed,
    Expired,
    PrivacyRequired,
    ContactAdmin,
    NoPerm,
    InUse,
    ExpungeIssued,
    Corruption,
    ServerBug,
    ClientBug,
    Cannot,
    Limit,
    OverQuota,
    AlreadyExists,
    NonExistent,
    /// `[HASCHILDREN]` (RFC 9051): DELETE refused because the mailbox has children.
    HasChildren,
    /// `[NOTSAVED]` (RFC 5182): the SEARCH result variable was not set.
    NotSaved,
    /// `[UNKNOWN-CTE]` (RFC 3516): the server cannot decode the part's transfer encoding.
    UnknownCte,
    /// `[USEATTR]` (RFC 6154): a special-use attribute was refused.
    UseAttr,
    /// `[MAILBOXID (id)]` (RFC 8474 OBJECTID), after CREATE and SELECT.
    MailboxId(String),
    /// `[COMPRESSIONACTIVE]` (RFC 4978): a compression layer is already on.
    CompressionActive,
    /// `[TOOBIG]` (RFC 4469): the message is larger than the server accepts.
    TooBig,
    /// `[BADURL url]` (RFC 4469): a CATENATE URL that could not be used.
    BadUrl(String),
    /// `[METADATA …]` (RFC 5464).
    Metadata(super::metadata::MetadataCode),
    /// `[NOUPDATE "tag"]` (RFC 5267 CONTEXT): the server will not update that search.
    NoUpdate(String),
    /// Any other code: the atom, upper-cased, and the rest of the bracket as sent. A known code
    /// whose arguments could not be read is kept here too.
    Other {
        name: String,
        args: Option<String>,
    },
}

impl Code {
    /// The code's name as it appears on the wire, upper-case (`"UIDNEXT"`).
    pub fn name(&self) -> &str {
        match self {
            Code::Alert => "ALERT",
            Code::BadCharset(_) => "BADCHARSET",
            Code::Capability(_) => "CAPABILITY",
            Code::Parse => "PARSE",
            Code::PermanentFlags(_) => "PERMANENTFLAGS",
            Code::ReadOnly => "READ-ONLY",
            Code::ReadWrite => "READ-WRITE",
            Code::TryCreate => "TRYCREATE",
            Code::UidNext(_) => "UIDNEXT",
            Code::UidValidity(_) => "UIDVALIDITY",
            Code::Unseen(_) => "UNSEEN",
            Code::HighestModSeq(_) => "HIGHESTMODSEQ",
            Code::NoModSeq => "NOMODSEQ",
            Code::Closed => "CLOSED",
            Code::AppendUid { .. } => "APPENDUID",
            Code::CopyUid { .. } => "COPYUID",
            Code::UidNotSticky => "UIDNOTSTICKY",
            Code::Modified(_) => "MODIFIED",
            Code::Referral(_) => "REFERRAL",
            Code::Unavailable => "UNAVAILABLE",
            Code::AuthenticationFailed => "AUTHENTICATIONFAILED",
            Code::AuthorizationFailed => "AUTHORIZATIONFAILED",
            Code::Expired => "EXPIRED",
            Code::PrivacyRequired => "PRIVACYREQUIRED",
            Code::ContactAdmin => "CONTACTADMIN",
            Code::NoPerm => "NOPERM",
            Code::InUse => "INUSE",
            Code::ExpungeIssued => "EXPUNGEISSUED",
            Code::Corruption => "CORRUPTION",
            Code::ServerBug => "SERVERBUG",
            Code::ClientBug => "CLIENTBUG",
            Code::Cannot => "CANNOT",
            Code::Limit => "LIMIT",
            Code::OverQuota => "OVERQUOTA",
            Code::AlreadyExists => "ALREADYEXISTS",
            Code::NonExistent => "NONEXISTENT",
            Code::HasChildren => "HASCHILDREN",
            Code::NotSaved => "NOTSAVED",
            Code::UnknownCte => "UNKNOWN-CTE",
            Code::UseAttr => "USEATTR",
            Code::MailboxId(_) => "MAILBOXID",
            Code::CompressionActive => "COMPRESSIONACTIVE",
            Code::TooBig => "TOOBIG",
            Code::BadUrl(_) => "BADURL",
            Code::NoUpdate(_) => "NOUPDATE",
            Code::Metadata(_) => "METADATA",
            Code::Other { name, .. } => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untagged {
    /// `* OK/NO/BAD/PREAUTH/BYE [code] text` (the greeting is one of these).
    Status {
        status: Status,
        code: Option<Code>,
        text: String,
    },
    Capability(Vec<String>),
    Enabled(Vec<String>),
    Flags(Vec<Flag>),
    Exists(u32),
    Recent(u32),
    Expunge(u32),
    List(ListItem),
    Lsub(ListItem),
    /// `* SEARCH 2 3 6`, with the RFC 7162 `(MODSEQ n)` suffix when the search used MODSEQ.
    Search {
        ids: Vec<u32>,
        modseq: Option<u64>,
    },
    /// `* ESEARCH …` (RFC 4731; the SEARCH answer of IMAP4rev2).
    ESearch(ESearch),
    /// `* NAMESPACE …` (RFC 2342, RFC 9051 §7.3.3).
    Namespace(super::namespace::Namespaces),
    /// `* ID (…)` (RFC 2971): field/value pairs in server order (values may be NIL), or `None`
    /// for `* ID NIL`.
    Id(Option<IdParams>),
    /// `* QUOTA root (resource usage limit …)` (RFC 9208).
    Quota {
        root: String,
        resources: Vec<super::quota::QuotaUsage>,
    },
    /// `* QUOTAROOT mailbox root …` (RFC 9208).
    QuotaRoot {
        mailbox: super::mailbox_name::MailboxName,
        roots: Vec<String>,
    },
    /// `* SORT 2 3 6` (RFC 5256), with `(MODSEQ n)` under CONDSTORE (RFC 7162).
    Sort {
        ids: Vec<u32>,
        modseq: Option<u64>,
    },
    /// `* THREAD (2)(3 6 (4 23)(44 7 96))` (RFC 5256); empty for a bare `* THREAD`.
    Thread(Vec<super::thread::Thread>),
    /// `* METADATA mailbox (entry value …)` (RFC 5464): values asked for with GETMETADATA.
    /// The mailbox is empty for server annotations.
    Metadata {
        mailbox: super::mailbox_name::MailboxName,
        entries: Vec<super::metadata::MetadataEntry>,
    },
    /// `* METADATA mailbox entry …` (RFC 5464, unsolicited): these entries changed.
    MetadataChanged {
        mailbox: super::mailbox_name::MailboxName,
        entries: Vec<String>,
    },
    /// `* VANISHED [(EARLIER)] uid-set` (RFC 7162 QRESYNC): UIDs expunged; `earlier` when
    /// the report is about the past (answer to SELECT/FETCH with QRESYNC or VANISHED).
    Vanished {
        earlier: bool,
        uids: SeqSet,
    },
    Fetch {
        seq: u32,
        items: Vec<FetchItem>,
    },
    /// `* STATUS mailbox (MESSAGES 3 UIDNEXT 7 …)`: the name decoded like a LIST name, its raw
    /// bytes, the numeric attributes with their names upper-cased, in server order, and every
    /// attribute we know, typed (including the non-numeric MAILBOXID and `APPENDLIMIT NIL`).
    MailboxStatus {
        name: String,
        name_raw: Vec<u8>,
        items: Vec<(String, u64)>,
        values: super::mailbox::StatusValues,
    },
    /// A response we do not know or could not parse, kept byte for byte (CRLF excluded).
    Other {
        raw: Vec<u8>,
    },
}

impl Untagged {
    /// The response's name as on the wire (`"EXISTS"`, `"ESEARCH"`, …); for status responses
    /// the status (`"OK"`, `"BYE"`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Untagged::Status { status, .. } => match status {
                Status::Ok => "OK",
                Status::No => "NO",
                Status::Bad => "BAD",
                Status::PreAuth => "PREAUTH",
                Status::Bye => "BYE",
            },
            Untagged::Capability(_) => "CAPABILITY",
            Untagged::Enabled(_) => "ENABLED",
            Untagged::Flags(_) => "FLAGS",
            Untagged::Exists(_) => "EXISTS",
            Untagged::Recent(_) => "RECENT",
            Untagged::Expunge(_) => "EXPUNGE",
            Untagged::List(_) => "LIST",
            Untagged::Lsub(_) => "LSUB",
            Untagged::Search { .. } => "SEARCH",
            Untagged::ESearch(_) => "ESEARCH",
            Untagged::Namespace(_) => "NAMESPACE",
            Untagged::Id(_) => "ID",
            Untagged::Quota { .. } => "QUOTA",
            Untagged::QuotaRoot { .. } => "QUOTAROOT",
            Untagged::Sort { .. } => "SORT",
            Untagged::Thread(_) => "THREAD",
            Untagged::Metadata { .. } | Untagged::MetadataChanged { .. } => "METADATA",
            Untagged::Vanished { .. } => "VANISHED",
            Untagged::Fetch { .. } => "FETCH",
            Untagged::MailboxStatus { .. } => "STATUS",
            Untagged::Other { .. } => "OTHER",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Tagged {
        tag: String,
        status: Status,
        code: Option<Code>,
        text: String,
    },
    Untagged(Untagged),
    /// `+ text` (or a bare `+`): for SASL, `text` is the base64 challenge.
    Continuation {
        code: Option<Code>,
        text: String,
    },
}
