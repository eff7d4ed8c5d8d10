//! Flag lists (`FLAGS`, `PERMANENTFLAGS`, FETCH `FLAGS`).
//!
//! Servers deviate here a lot: `\*` outside PERMANENTFLAGS, spaces before `)`, brackets and
//! other atom-specials inside keywords (Gmail), a bare flag or NIL where a list belongs. All of
//! these are read: a flag is any run of bytes up to a space or a parenthesis.
use nom::branch::alt;
use nom::combinator::map;

use super::token::{list, loose_atom, lossy, lossy_cow, nil, quoted, sp, R};
use super::ParseOptions;
use crate::proto::flag::Flag;

fn flag(i: &[u8]) -> R<'_, Flag> {
    alt((
        map(loose_atom, |b| Flag::parse(&lossy(b))),
        map(quoted, |q| Flag::parse(&lossy_cow(q))),
    ))(i)
}

/// `(flag …)`, or NIL (empty), or flags without parentheses up to the end of the input (the
/// last two as the quirk switches allow).
pub(crate) fn flag_list(opts: &ParseOptions) -> impl FnMut(&[u8]) -> R<'_, Vec<Flag>> {
    let max = opts.limits.max_items;
    let q = opts.quirks;
    move |i: &[u8]| {
        if let Ok((r, _)) = nil(i) {
            if q.nil_as_empty_list {
                return Ok((r, Vec::new()));
            }
            return super::token::fail(i);
        }
        if i.first() == Some(&b'(') {
            return list(max, flag)(i);
        }
        if !q.flags_without_parens {
            return super::token::fail(i);
        }
        bare_flags(max, i)
    }
}

/// Flags separated by spaces with no parentheses: the whole remaining input.
fn bare_flags(max: usize, i: &[u8]) -> R<'_, Vec<Flag>> {
    let mut out = Vec::new();
    let mut r = i;
    while let Ok((rest, f)) = flag(r) {
        if out.len() >= max {
            return super::token::fail(i);
        }
        out.push(f);
        r = match sp(rest) {
            Ok((rest, _)) => rest,
            Err(_) => rest,
        };
    }
    if out.is_empty() {
        return super::token::fail(i);
    }
    Ok((r, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag_list(max: usize) -> impl FnMut(&[u8]) -> R<'_, Vec<Flag>> {
        move |i: &[u8]| {
            let mut opts = ParseOptions::default();
            opts.limits.max_items = max;
            super::flag_list(&opts)(i)
        }
    }

    #[test]
    fn rfc_flags() {
        let (r, f) = flag_list(100)(b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft)").unwrap();
        assert!(r.is_empty());
        assert_eq!(
            f,
            vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft
            ]
        );
    }

    #[test]
    fn deviations() {
        assert_eq!(
            flag_list(10)(b"(\\Seen $Fwd )").unwrap().1,
            vec![Flag::Seen, Flag::Keyword("$Fwd".into())]
        );
        assert_eq!(flag_list(10)(b"( \\* )").unwrap().1, vec![Flag::MayCreate]);
        assert_eq!(flag_list(10)(b"()").unwrap().1, vec![]);
        assert_eq!(flag_list(10)(b"NIL").unwrap().1, vec![]);
        assert_eq!(flag_list(10)(b"\\seen").unwrap().1, vec![Flag::Seen]);
        assert_eq!(
            flag_list(10)(b"(OIB-Seen-[Google Mail]/Alle)").unwrap().1,
            vec![
                Flag::Keyword("OIB-Seen-[Google".into()),
                Flag::Keyword("Mail]/Alle".into())
            ]
        );
        assert!(flag_list(2)(b"(a b c)").is_err());
    }
}
