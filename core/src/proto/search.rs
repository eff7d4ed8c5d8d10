//! Extended search results: ESEARCH (RFC 4731, RFC 9051 §7.3.4) with PARTIAL (RFC 9394) and
//! MODSEQ (RFC 7162).
use super::seqset::SeqSet;

/// `* ESEARCH (TAG "A1") UID MIN 1 MAX 9 COUNT 3 ALL 1:3,5`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ESearch {
    /// The tag of the command this answers (the search correlator).
    pub tag: Option<String>,
    /// The numbers are UIDs, not message sequence numbers.
    pub uid: bool,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub count: Option<u32>,
    pub all: Option<SeqSet>,
    /// The highest mod-sequence of the messages returned (CONDSTORE).
    pub modseq: Option<u64>,
    pub partial: Option<Partial>,
    /// Return data of other extensions (RELEVANCY, …): the name upper-cased and the value's
    /// exact bytes.
    pub other: Vec<(String, Vec<u8>)>,
}

/// `PARTIAL (range results)` (RFC 9394).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    pub range: PartialRange,
    /// The matching numbers in that window; `None` for NIL (nothing matched there).
    pub results: Option<SeqSet>,
}

/// The window a PARTIAL result covers, as positions in the full result list (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialRange {
    /// `100:110`: counted from the first result.
    First(u32, u32),
    /// `-1:-100`: counted from the last result (`Last(1, 100)`).
    Last(u32, u32),
}
