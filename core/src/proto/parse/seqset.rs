//! `sequence-set` (RFC 9051 §9): `1:3,5,7:*`, read into [`SeqSet`].
use nom::branch::alt;
use nom::character::complete::char;
use nom::combinator::{map, value, verify};

use super::token::{fail, number, R};
use crate::proto::seqset::{SeqNum, SeqRange, SeqSet};

fn seq_number(i: &[u8]) -> R<'_, SeqNum> {
    alt((
        value(SeqNum::Last, char('*')),
        map(verify(number, |&n| n > 0), SeqNum::Value),
    ))(i)
}

/// A sequence set of at most `max` ranges.
pub(crate) fn seq_set(max: usize) -> impl Fn(&[u8]) -> R<'_, SeqSet> {
    move |i: &[u8]| {
        let mut ranges = Vec::new();
        let mut r = i;
        loop {
            if ranges.len() >= max {
                return fail(i);
            }
            let (rest, start) = seq_number(r)?;
            let (rest, end) = match char::<_, nom::error::Error<&[u8]>>(':')(rest) {
                Ok((rest, _)) => seq_number(rest)?,
                Err(_) => (rest, start),
            };
            ranges.push(SeqRange { start, end });
            match char::<_, nom::error::Error<&[u8]>>(',')(rest) {
                Ok((rest, _)) => r = rest,
                Err(_) => return Ok((rest, SeqSet { ranges })),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn num() -> impl Strategy<Value = SeqNum> {
        prop_oneof![Just(SeqNum::Last), (1u32..).prop_map(SeqNum::Value)]
    }

    proptest! {
        #[test]
        fn display_round_trips(ranges in proptest::collection::vec((num(), num()), 1..8)) {
            let set = SeqSet {
                ranges: ranges.into_iter().map(|(start, end)| SeqRange { start, end }).collect(),
            };
            let text = set.to_string();
            let (rest, back) = seq_set(8)(text.as_bytes()).unwrap();
            prop_assert!(rest.is_empty());
            // `5:5` prints as `5`, which reads back as the same range.
            prop_assert_eq!(back, set);
        }
    }

    #[test]
    fn forms() {
        let (r, s) = seq_set(10)(b"41,43:116,118,120:211,214:540 x").unwrap();
        assert_eq!(r, b" x");
        assert_eq!(s.to_string(), "41,43:116,118,120:211,214:540");
        assert_eq!(
            seq_set(10)(b"1:*").unwrap().1.ranges,
            vec![SeqRange::new(SeqNum::Value(1), SeqNum::Last)]
        );
        assert_eq!(
            seq_set(10)(b"*").unwrap().1.ranges,
            vec![SeqRange::new(SeqNum::Last, SeqNum::Last)]
        );
        for bad in [&b""[..], b"0", b"1:", b",1", b"a", b"4294967296"] {
            assert!(seq_set(10)(bad).is_err(), "{bad:?}");
        }
        // A trailing comma is an error, not an empty range.
        assert!(seq_set(10)(b"1,").is_err());
        assert!(seq_set(2)(b"1,2,3").is_err());
    }
}
