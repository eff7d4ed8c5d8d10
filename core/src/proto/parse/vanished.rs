//! `VANISHED` (RFC 7162 §3.2.10): `* VANISHED [(EARLIER)] known-uids`.
use nom::bytes::complete::tag_no_case;
use nom::sequence::{delimited, terminated};

use super::seqset::seq_set;
use super::token::{fail, only_blank, sp, sp0, R};
use super::ParseOptions;
use crate::proto::response::Untagged;

/// After `VANISHED`.
pub(crate) fn vanished_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let (i, _) = sp(i)?;
    let (i, earlier) = match terminated(
        delimited(
            tag_no_case("("),
            delimited(sp0, tag_no_case("EARLIER"), sp0),
            tag_no_case(")"),
        ),
        sp,
    )(i)
    {
        Ok((r, _)) => (r, true),
        Err(_) => (i, false),
    };
    let (i, uids) = seq_set(opts.limits.max_items)(i)?;
    if !only_blank(i) {
        return fail(i);
    }
    Ok((i, Untagged::Vanished { earlier, uids }))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::response::{Response, Untagged};
    use crate::proto::seqset::SeqSet;

    #[test]
    fn rfc7162_examples() {
        assert_eq!(
            p(b"* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n"),
            Response::Untagged(Untagged::Vanished {
                earlier: true,
                uids: SeqSet::from_pairs(&[
                    (41, 41),
                    (43, 116),
                    (118, 118),
                    (120, 211),
                    (214, 540)
                ])
            })
        );
        assert_eq!(
            p(b"* VANISHED 405,407,410,425\r\n"),
            Response::Untagged(Untagged::Vanished {
                earlier: false,
                uids: SeqSet::from_pairs(&[(405, 405), (407, 407), (410, 410), (425, 425)])
            })
        );
        assert_eq!(
            p(b"* VANISHED (EARLIER) 1:5,9\r\n"),
            Response::Untagged(Untagged::Vanished {
                earlier: true,
                uids: SeqSet::from_pairs(&[(1, 5), (9, 9)])
            })
        );
        assert!(matches!(
            p(b"* VANISHED (EARLIER)\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
        assert!(matches!(
            p(b"* VANISHED 1:x\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
    }
}
