//! `ESEARCH` data (RFC 4731, RFC 4466 §2.6.2, RFC 9051 §7.3.4, RFC 9394 PARTIAL).
use nom::branch::alt;
use nom::bytes::complete::tag_no_case;
use nom::character::complete::char;
use nom::combinator::{map, value, verify};
use nom::sequence::{preceded, separated_pair, terminated};

use super::seqset::seq_set;
use super::token::{
    astring, atom, fail, lossy, lossy_cow, nil, number, number64, only_blank, skip_value, sp, sp0,
    R,
};
use super::ParseOptions;
use crate::proto::search::{ESearch, Partial, PartialRange};

/// After `ESEARCH`.
pub(crate) fn esearch_data<'a>(mut i: &'a [u8], opts: &ParseOptions) -> R<'a, ESearch> {
    let max = opts.limits.max_items;
    let mut out = ESearch::default();
    if let Ok((r, tag)) = preceded(sp, correlator)(i) {
        out.tag = tag;
        i = r;
    }
    let mut items = 0;
    loop {
        let Ok((r, name)) = preceded(sp, atom)(i) else {
            break;
        };
        items += 1;
        if items > max {
            return fail(i);
        }
        let name = name.to_ascii_uppercase();
        if name == b"UID" && items == 1 {
            out.uid = true;
            i = r;
            continue;
        }
        let (r, _) = sp(r)?;
        i = match name.as_slice() {
            b"MIN" => set(&mut out.min, nz_number(r)?),
            b"MAX" => set(&mut out.max, nz_number(r)?),
            b"COUNT" => set(&mut out.count, number(r)?),
            b"ALL" => set(&mut out.all, seq_set(max)(r)?),
            b"MODSEQ" => set(&mut out.modseq, number64(r)?),
            b"PARTIAL" => set(&mut out.partial, partial(r, max)?),
            _ => {
                let (rest, raw) = skip_value(r)?;
                out.other.push((lossy(&name), raw.to_vec()));
                rest
            }
        };
    }
    if !only_blank(i) {
        return fail(i);
    }
    Ok((i, out))
}

fn set<'a, T>(slot: &mut Option<T>, (rest, v): (&'a [u8], T)) -> &'a [u8] {
    *slot = Some(v);
    rest
}

fn nz_number(i: &[u8]) -> R<'_, u32> {
    verify(number, |&n| n > 0)(i)
}

/// `(TAG "x" …)`: the tag; other correlator data (RFC 7377 MAILBOX, UIDVALIDITY) is skipped.
fn correlator(i: &[u8]) -> R<'_, Option<String>> {
    let (mut i, _) = terminated(char('('), sp0)(i)?;
    let mut tag = None;
    loop {
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, tag));
        }
        let (r, (name, v)) = separated_pair(atom, sp, astring_or_value)(i)?;
        if name.eq_ignore_ascii_case(b"TAG") {
            tag = v;
        }
        i = sp0(r)?.0;
    }
}

fn astring_or_value(i: &[u8]) -> R<'_, Option<String>> {
    alt((
        map(astring, |s| Some(lossy_cow(s))),
        map(skip_value, |_| None),
    ))(i)
}

/// `(range results)`.
fn partial(i: &[u8], max: usize) -> R<'_, Partial> {
    let (i, _) = terminated(char('('), sp0)(i)?;
    let (i, range) = alt((
        map(
            separated_pair(
                preceded(char('-'), nz_number),
                char(':'),
                preceded(char('-'), nz_number),
            ),
            |(a, b)| PartialRange::Last(a, b),
        ),
        map(separated_pair(nz_number, char(':'), nz_number), |(a, b)| {
            PartialRange::First(a, b)
        }),
    ))(i)?;
    let (i, _) = sp(i)?;
    let (i, results) = alt((value(None, nil), map(seq_set(max), Some)))(i)?;
    let (i, _) = preceded(sp0, tag_no_case(")"))(i)?;
    Ok((i, Partial { range, results }))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use super::*;
    use crate::proto::response::{Response, Untagged};
    use crate::proto::seqset::SeqSet;

    fn es(line: &[u8]) -> ESearch {
        match p(line) {
            Response::Untagged(Untagged::ESearch(e)) => e,
            other => panic!("not ESEARCH: {other:?}"),
        }
    }

    fn tagged(tag: &str) -> ESearch {
        ESearch {
            tag: Some(tag.into()),
            ..ESearch::default()
        }
    }

    #[test]
    fn rfc4731_examples() {
        assert_eq!(
            es(b"* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n"),
            ESearch {
                min: Some(2),
                count: Some(3),
                ..tagged("A282")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n"),
            ESearch {
                all: Some(SeqSet::from_pairs(&[(2, 2), (10, 11)])),
                ..tagged("A283")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A284\") MIN 4\r\n"),
            ESearch {
                min: Some(4),
                ..tagged("A284")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n"),
            ESearch {
                uid: true,
                min: Some(7),
                max: Some(3800),
                ..tagged("A285")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A286\") COUNT 15\r\n"),
            ESearch {
                count: Some(15),
                ..tagged("A286")
            }
        );
        // §3.2, with CONDSTORE.
        assert_eq!(
            es(b"* ESEARCH (TAG \"a4\") MIN 2 COUNT 10 MODSEQ 917162500\r\n"),
            ESearch {
                min: Some(2),
                count: Some(10),
                modseq: Some(917162500),
                ..tagged("a4")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A1\") UID MIN 1 MAX 9 COUNT 3 ALL 1:3,5\r\n"),
            ESearch {
                uid: true,
                min: Some(1),
                max: Some(9),
                count: Some(3),
                all: Some(SeqSet::from_pairs(&[(1, 3), (5, 5)])),
                ..tagged("A1")
            }
        );
    }

    #[test]
    fn rev2_forms() {
        // RFC 9051 §6.4.4: no result at all, and an unsolicited form without a correlator.
        assert_eq!(es(b"* ESEARCH (TAG \"A285\")\r\n"), tagged("A285"));
        assert_eq!(es(b"* ESEARCH\r\n"), ESearch::default());
        assert_eq!(
            es(b"* ESEARCH UID COUNT 0\r\n"),
            ESearch {
                uid: true,
                count: Some(0),
                ..ESearch::default()
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A1\" MAILBOX \"folder1\" UIDVALIDITY 1) UID ALL 3\r\n"),
            ESearch {
                uid: true,
                all: Some(SeqSet::from_pairs(&[(3, 3)])),
                ..tagged("A1")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A3\") UID RELEVANCY (4 99) COUNT 2\r\n"),
            ESearch {
                uid: true,
                count: Some(2),
                other: vec![("RELEVANCY".into(), b"(4 99)".to_vec())],
                ..tagged("A3")
            }
        );
        for bad in [
            &b"* ESEARCH (TAG \"A1\") MIN 0\r\n"[..],
            b"* ESEARCH (TAG \"A1\") COUNT x\r\n",
            b"* ESEARCH (TAG \"A1\") ALL\r\n",
        ] {
            assert!(matches!(p(bad), Response::Untagged(Untagged::Other { .. })));
        }
    }

    #[test]
    fn rfc9394_partial() {
        assert_eq!(
            es(b"* ESEARCH (TAG \"A04\") UID PARTIAL (-1:-100 200:250,252:300)\r\n"),
            ESearch {
                uid: true,
                partial: Some(Partial {
                    range: PartialRange::Last(1, 100),
                    results: Some(SeqSet::from_pairs(&[(200, 250), (252, 300)]))
                }),
                ..tagged("A04")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A01\") UID PARTIAL (100:110 NIL)\r\n"),
            ESearch {
                uid: true,
                partial: Some(Partial {
                    range: PartialRange::First(100, 110),
                    results: None
                }),
                ..tagged("A01")
            }
        );
        assert_eq!(
            es(b"* ESEARCH (TAG \"A02\") UID PARTIAL (1:100 5,7:9) COUNT 23765\r\n"),
            ESearch {
                uid: true,
                count: Some(23765),
                partial: Some(Partial {
                    range: PartialRange::First(1, 100),
                    results: Some(SeqSet::from_pairs(&[(5, 5), (7, 9)]))
                }),
                ..tagged("A02")
            }
        );
    }
}
