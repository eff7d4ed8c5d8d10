//! Sequence sets (`1:4,7,10:*`) for message numbers and UIDs, and `$`, the saved result of
//! the last SEARCH (RFC 5182, RFC 9051).
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
        if s == "$" {
            return Ok(SequenceSet::saved());
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

    /// `$`: the result the last `SEARCH RETURN (SAVE)` kept on the server.
    pub fn saved() -> Self {
        SequenceSet("$".into())
    }

    /// `start:end`, or `start:*` when `end` is `None`.
    pub fn range(start: u32, end: Option<u32>) -> Result<Self> {
        if start == 0 || end == Some(0) {
            return Err(Error::invalid("message numbers start at 1"));
        }
        Ok(SequenceSet(match end {
            Some(e) if e == start => start.to_string(),
            Some(e) => format!("{start}:{e}"),
            None => format!("{start}:*"),
        }))
    }

    /// The numbers given, in ascending order with runs folded into ranges
    /// (`[5, 1, 2, 3]` is `1:3,5`).
    pub fn from_numbers(numbers: &[u32]) -> Result<Self> {
        let mut v = numbers.to_vec();
        v.sort_unstable();
        v.dedup();
        if v.is_empty() {
            return Err(Error::invalid("empty sequence set"));
        }
        if v[0] == 0 {
            return Err(Error::invalid("message numbers start at 1"));
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < v.len() {
            let mut j = i;
            while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
                j += 1;
            }
            parts.push(if i == j {
                v[i].to_string()
            } else {
                format!("{}:{}", v[i], v[j])
            });
            i = j + 1;
        }
        Ok(SequenceSet(parts.join(",")))
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
        for ok in ["1", "1:*", "1,3:5,7:*", "*", "4294967295", "$", "*:4"] {
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
            "$,1",
            "1:$",
            "$$",
        ] {
            assert!(SequenceSet::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn builders() {
        assert_eq!(SequenceSet::range(3, None).unwrap().as_str(), "3:*");
        assert_eq!(SequenceSet::range(3, Some(3)).unwrap().as_str(), "3");
        assert_eq!(SequenceSet::range(2, Some(9)).unwrap().as_str(), "2:9");
        assert!(SequenceSet::range(0, Some(9)).is_err());
        assert!(SequenceSet::range(1, Some(0)).is_err());
        let s = SequenceSet::from_numbers(&[9, 1, 2, 3, 5, 3, 6, 4294967295]).unwrap();
        assert_eq!(s.as_str(), "1:3,5:6,9,4294967295");
        assert!(SequenceSet::from_numbers(&[]).is_err());
        assert!(SequenceSet::from_numbers(&[0, 1]).is_err());
        assert_eq!(SequenceSet::saved().as_str(), "$");
        // What the builders make, parse accepts unchanged.
        assert_eq!(SequenceSet::parse(s.as_str()).unwrap(), s);
    }
}
