//! Sequence sets (`1:4,7,10:*`) for message numbers and UIDs.
use crate::error::{Error, Result};
use std::fmt;

/// A validated sequence set. Built from text (`"1:*"`) or from numbers; always encodes as
/// an IMAP `sequence-set` atom, so nothing else can reach the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequenceSet(String);

impl SequenceSet {
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim_matches(' ');
        if s.is_empty() {
            return Err(Error::invalid("empty sequence set"));
        }
        for range in s.split(',') {
            let mut ends = range.splitn(2, ':');
            for end in ends.by_ref() {
                let ok = end == "*"
                    || (!end.is_empty()
                        && end.bytes().all(|b| b.is_ascii_digit())
                        && end.parse::<u32>().is_ok_and(|n| n > 0));
                if !ok {
                    return Err(Error::invalid(format!(
                        "invalid sequence set {s:?}: bad number {end:?}"
                    )));
                }
            }
        }
        Ok(SequenceSet(s.to_string()))
    }

    pub fn single(n: u32) -> Result<Self> {
        if n == 0 {
            return Err(Error::invalid("message numbers start at 1"));
        }
        Ok(SequenceSet(n.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SequenceSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for SequenceSet {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        SequenceSet::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn valid_and_invalid() {
        for ok in ["1", "1:*", "1,3:5,7:*", "*", "4294967295"] {
            assert_eq!(SequenceSet::parse(ok).unwrap().as_str(), ok);
        }
        for bad in [
            "",
            "0",
            "1:",
            "a",
            "1 2",
            "1\r\nA LOGOUT",
            "4294967296",
            ",",
            "1,,2",
        ] {
            assert!(SequenceSet::parse(bad).is_err(), "{bad:?}");
        }
    }
}
