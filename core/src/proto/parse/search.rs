//! `SEARCH` data (RFC 3501 §7.2.5, with the RFC 7162 `(MODSEQ n)` suffix).
use nom::bytes::complete::tag_no_case;
use nom::sequence::{delimited, preceded, terminated};

use super::token::{fail, number, number64, only_blank, sp, sp0, R};

/// After `SEARCH`: numbers, then an optional `(MODSEQ n)`, then only spaces.
pub(crate) fn search_data(mut i: &[u8], max: usize) -> R<'_, (Vec<u32>, Option<u64>)> {
    let mut ids = Vec::new();
    let mut modseq = None;
    while let Ok((r, _)) = sp(i) {
        if let Ok((r, n)) = number(r) {
            if ids.len() >= max {
                return fail(i);
            }
            ids.push(n);
            i = r;
            continue;
        }
        if let Ok((r, m)) = delimited(
            terminated(tag_no_case("("), sp0),
            preceded(terminated(tag_no_case("MODSEQ"), sp), number64),
            preceded(sp0, tag_no_case(")")),
        )(r)
        {
            modseq = Some(m);
            i = r;
        }
        break;
    }
    if !only_blank(i) {
        return fail(i);
    }
    Ok((i, (ids, modseq)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            search_data(b" 2 84 882", 10).unwrap().1,
            (vec![2, 84, 882], None)
        );
        assert_eq!(search_data(b"", 10).unwrap().1, (vec![], None));
        assert_eq!(search_data(b" ", 10).unwrap().1, (vec![], None));
        assert_eq!(
            search_data(b" 87216 87221 (MODSEQ 7667567)", 10).unwrap().1,
            (vec![87216, 87221], Some(7667567))
        );
        assert!(search_data(b" 1 x", 10).is_err());
        assert!(search_data(b" 1 2 3", 2).is_err());
    }
}
