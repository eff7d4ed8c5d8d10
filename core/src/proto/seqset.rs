//! Sequence sets as servers send them (`1:3,5,7:*`): in ESEARCH `ALL`, UIDPLUS codes, VANISHED,
//! MODIFIED. This is the parsed, typed form; [`super::sequence::SequenceSet`] is what commands
//! are built from.
use std::fmt;

/// One end of a range: a number, or `*` (the largest number in use in the mailbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeqNum {
    Value(u32),
    /// `*`
    Last,
}

impl SeqNum {
    /// The number, with `*` standing for `largest`.
    pub fn resolve(self, largest: u32) -> u32 {
        match self {
            SeqNum::Value(n) => n,
            SeqNum::Last => largest,
        }
    }
}

impl fmt::Display for SeqNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeqNum::Value(n) => write!(f, "{n}"),
            SeqNum::Last => f.write_str("*"),
        }
    }
}

/// `a:b` or a single number (`start == end`). The ends are kept in the order sent: `20:19`
/// is a valid range and means the same as `19:20`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeqRange {
    pub start: SeqNum,
    pub end: SeqNum,
}

impl SeqRange {
    pub fn single(n: u32) -> Self {
        SeqRange {
            start: SeqNum::Value(n),
            end: SeqNum::Value(n),
        }
    }

    pub fn new(start: SeqNum, end: SeqNum) -> Self {
        SeqRange { start, end }
    }

    /// The range as `(low, high)`, with `*` standing for `largest`.
    pub fn bounds(&self, largest: u32) -> (u32, u32) {
        let (a, b) = (self.start.resolve(largest), self.end.resolve(largest));
        (a.min(b), a.max(b))
    }
}

impl fmt::Display for SeqRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}:{}", self.start, self.end)
        }
    }
}

/// A sequence set: ranges in the order the server sent them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SeqSet {
    pub ranges: Vec<SeqRange>,
}

impl SeqSet {
    pub fn new(ranges: Vec<SeqRange>) -> Self {
        SeqSet { ranges }
    }

    /// From `(start, end)` pairs of numbers (no `*`), kept in the given order.
    pub fn from_pairs(pairs: &[(u32, u32)]) -> Self {
        SeqSet {
            ranges: pairs
                .iter()
                .map(|&(a, b)| SeqRange::new(SeqNum::Value(a), SeqNum::Value(b)))
                .collect(),
        }
    }

    /// True when `n` is in one of the ranges (`*` standing for `largest`).
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        self.ranges.iter().any(|r| {
            let (lo, hi) = r.bounds(largest);
            (lo..=hi).contains(&n)
        })
    }

    /// How many numbers the ranges cover, counting overlaps twice.
    pub fn count(&self, largest: u32) -> u64 {
        self.ranges
            .iter()
            .map(|r| {
                let (lo, hi) = r.bounds(largest);
                u64::from(hi - lo) + 1
            })
            .sum()
    }

    /// The numbers, lazily: ranges in the order sent, each one ascending (so COPYUID source and
    /// destination sets pair up element by element, as RFC 4315 §3 orders them).
    pub fn iter(&self, largest: u32) -> impl Iterator<Item = u32> + '_ {
        self.ranges.iter().flat_map(move |r| {
            let (lo, hi) = r.bounds(largest);
            lo..=hi
        })
    }
}

impl fmt::Display for SeqSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, r) in self.ranges.iter().enumerate() {
            if k > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterate_count_contains_display() {
        let set = SeqSet::new(vec![
            SeqRange::new(SeqNum::Value(20), SeqNum::Value(19)),
            SeqRange::single(5),
            SeqRange::new(SeqNum::Value(8), SeqNum::Last),
        ]);
        assert_eq!(set.to_string(), "20:19,5,8:*");
        assert_eq!(set.iter(10).collect::<Vec<_>>(), vec![19, 20, 5, 8, 9, 10]);
        assert_eq!(set.count(10), 6);
        assert!(set.contains(9, 10) && set.contains(19, 10) && !set.contains(11, 10));
        // `*` below the other end: the range still covers both.
        assert_eq!(set.iter(6).skip(3).collect::<Vec<_>>(), vec![6, 7, 8]);
    }
}
