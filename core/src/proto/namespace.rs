//! NAMESPACE data (RFC 2342, RFC 9051 §7.3.3).

/// One namespace: its prefix (decoded like a mailbox name), hierarchy delimiter and extension
/// data (`"X-PARAM" ("FLAG1" "FLAG2")`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Namespace {
    pub prefix: String,
    pub delimiter: Option<char>,
    pub extensions: Vec<(String, Vec<String>)>,
}

/// `* NAMESPACE personal other shared`; NIL reads as an empty list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Namespaces {
    pub personal: Vec<Namespace>,
    pub other: Vec<Namespace>,
    pub shared: Vec<Namespace>,
}
