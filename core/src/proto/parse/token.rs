//! Lexical pieces of the IMAP grammar (RFC 9051 §9): numbers, atoms, quoted strings,
//! literals, NIL, and a generic value skipper used to resynchronise after malformed data.
//!
//! Strings come back as `Cow`: quoted strings without escapes and literals borrow from the
//! frame, so literal bytes are copied once, when the caller turns them into an owned value.
use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, take, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{map_res, opt, value};
use nom::error::{Error as NomError, ErrorKind as NomKind};
use nom::sequence::{delimited, terminated, tuple};
use nom::{Err as NomErr, IResult};

pub(crate) type R<'a, T> = IResult<&'a [u8], T>;

/// A nom failure at `i` (recoverable: callers may try something else).
pub(crate) fn fail<T>(i: &[u8]) -> R<'_, T> {
    Err(NomErr::Error(NomError::new(i, NomKind::Verify)))
}

/// One or more spaces. Servers pad with extra spaces; the grammar's single SP is read as many.
pub(crate) fn sp(i: &[u8]) -> R<'_, ()> {
    value((), take_while1(|b| b == b' '))(i)
}

/// Zero or more spaces.
pub(crate) fn sp0(i: &[u8]) -> R<'_, ()> {
    value((), take_while(|b| b == b' '))(i)
}

/// True when nothing but spaces (and line-end bytes) is left.
pub(crate) fn only_blank(i: &[u8]) -> bool {
    i.iter().all(|&b| matches!(b, b' ' | b'\r' | b'\n' | b'\t'))
}

fn digits_to_u64(d: &[u8]) -> Option<u64> {
    let mut n: u64 = 0;
    for &c in d {
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(n)
}

pub(crate) fn number64(i: &[u8]) -> R<'_, u64> {
    map_res(digit1, |d: &[u8]| digits_to_u64(d).ok_or(()))(i)
}

pub(crate) fn number(i: &[u8]) -> R<'_, u32> {
    map_res(number64, u32::try_from)(i)
}

/// A size or count inside BODYSTRUCTURE: servers have sent `-1` and NIL there, and huge
/// values. Negative and NIL become 0, overflow saturates.
pub(crate) fn lenient_number(i: &[u8]) -> R<'_, u32> {
    if let Ok((r, _)) = nil(i) {
        return Ok((r, 0));
    }
    let (r, neg) = opt(char('-'))(i)?;
    let (r, d) = digit1(r)?;
    let n = if neg.is_some() {
        0
    } else {
        digits_to_u64(d).map_or(u32::MAX, |n| u32::try_from(n).unwrap_or(u32::MAX))
    };
    Ok((r, n))
}

/// Character classes by table: atoms and NIL checks run on nearly every byte of a response.
const ATOM: u8 = 1;
const ASTRING: u8 = 2;
const CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b: usize = 0x21;
    while b < 0x7f {
        let special = matches!(
            b as u8,
            b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']'
        );
        if !special {
            t[b] = ATOM | ASTRING;
        }
        b += 1;
    }
    t[b']' as usize] = ASTRING;
    t
};

/// ATOM-CHAR: any CHAR except atom-specials (`(){ SP CTL % * " \ ]`).
pub(crate) fn is_atom_char(b: u8) -> bool {
    CLASSES[usize::from(b)] & ATOM != 0
}

/// ASTRING-CHAR: ATOM-CHAR or `]`.
pub(crate) fn is_astring_char(b: u8) -> bool {
    CLASSES[usize::from(b)] & ASTRING != 0
}

/// 1*ASTRING-CHAR.
pub(crate) fn astring_run(i: &[u8]) -> R<'_, &[u8]> {
    let n = i
        .iter()
        .position(|&b| !is_astring_char(b))
        .unwrap_or(i.len());
    if n == 0 {
        return fail(i);
    }
    Ok((&i[n..], &i[..n]))
}

pub(crate) fn atom(i: &[u8]) -> R<'_, &[u8]> {
    take_while1(is_atom_char)(i)
}

/// A bare token as servers send them where atoms belong: anything up to a space, a paren,
/// a quote or the end of the line. Accepts 8-bit bytes, TABs and brackets.
pub(crate) fn loose_atom(i: &[u8]) -> R<'_, &[u8]> {
    take_while1(|b| !matches!(b, b' ' | b'(' | b')' | b'"' | b'\r' | b'\n' | 0))(i)
}

/// `name` upper-cased into `buf`, for matching keywords case-insensitively without an
/// allocation; a name longer than `buf` (no keyword is) comes back empty.
pub(crate) fn upper<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> &'b [u8] {
    match buf.get_mut(..name.len()) {
        Some(b) => {
            b.copy_from_slice(name);
            b.make_ascii_uppercase();
            b
        }
        None => &[],
    }
}

/// `NIL`, case-insensitive, not followed by more atom characters (so `NILS` is an atom).
pub(crate) fn nil(i: &[u8]) -> R<'_, ()> {
    match i.get(..3) {
        Some(w)
            if w.eq_ignore_ascii_case(b"NIL") && !i.get(3).is_some_and(|&b| is_astring_char(b)) =>
        {
            Ok((&i[3..], ()))
        }
        _ => fail(i),
    }
}

/// A quoted string with `\"` and `\\` unescaped. Other backslashes are kept as sent, and
/// 8-bit bytes are accepted; a quoted string cannot span lines.
///
/// Borrows from the input unless an escape forces a copy.
pub(crate) fn quoted(i: &[u8]) -> R<'_, Cow<'_, [u8]>> {
    let (r, (body, escaped)) = quoted_raw(i)?;
    Ok((
        r,
        if escaped {
            Cow::Owned(unescape(body))
        } else {
            Cow::Borrowed(body)
        },
    ))
}

/// A quoted string's bytes between the quotes, escapes still in, and whether it has any
/// escape to undo ([`unescape`]): lets a caller keep where the string lies instead of a copy.
///
/// Quoted strings are most of an ENVELOPE, so the scan looks only for the bytes that matter
/// (quote, backslash, CR, LF).
pub(crate) fn quoted_raw(i: &[u8]) -> R<'_, (&[u8], bool)> {
    let Some((b'"', body)) = i.split_first() else {
        return fail(i);
    };
    let mut escaped = false;
    let mut k = 0;
    loop {
        let Some(stop) = next_quoted_special(body, k) else {
            return fail(i);
        };
        match body[stop] {
            b'"' => return Ok((&body[stop + 1..], (&body[..stop], escaped))),
            b'\\' if matches!(body.get(stop + 1), Some(b'"' | b'\\')) => {
                escaped = true;
                k = stop + 2;
            }
            b'\\' => k = stop + 1,
            _ => return fail(i),
        }
    }
}

/// The value of a quoted string's body as [`quoted_raw`] returns it: `\"` and `\\` undone,
/// any other backslash kept.
pub(crate) fn unescape(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut k = 0;
    while k < body.len() {
        let b = body[k];
        if b == b'\\' && matches!(body.get(k + 1), Some(b'"' | b'\\')) {
            out.push(body[k + 1]);
            k += 2;
        } else {
            out.push(b);
            k += 1;
        }
    }
    out
}

/// The first quote, backslash, CR or LF in `b` at or after `from`. Most quoted strings are a
/// few dozen bytes, where `memchr`'s set-up costs more than the search: those are scanned
/// eight bytes at a time in a `u64`; longer ones go to `memchr3` (a bare CR, which ends the
/// string too, is then looked for in the stretch it skipped).
fn next_quoted_special(b: &[u8], from: usize) -> Option<usize> {
    const SHORT: usize = 64;
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The lowest flagged byte of `zero(x)` is exactly the first zero byte of `x` (flags above
    // a zero byte may be false), so the lowest flag of the union is the first special byte.
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let head = b.get(from..)?;
    let short = &head[..head.len().min(SHORT)];
    let mut k = 0;
    while let Some(Ok(chunk)) = short.get(k..k + 8).map(<[u8; 8]>::try_from) {
        let w = u64::from_le_bytes(chunk);
        let m = zero(w ^ (LO * u64::from(b'"')))
            | zero(w ^ (LO * u64::from(b'\\')))
            | zero(w ^ (LO * u64::from(b'\r')))
            | zero(w ^ (LO * u64::from(b'\n')));
        if m != 0 {
            return Some(from + k + (m.trailing_zeros() / 8) as usize);
        }
        k += 8;
    }
    if let Some(p) = short[k..]
        .iter()
        .position(|&c| matches!(c, b'"' | b'\\' | b'\r' | b'\n'))
    {
        return Some(from + k + p);
    }
    let start = from + short.len();
    let at = start + memchr::memchr3(b'"', b'\\', b'\n', &b[start..])?;
    Some(memchr::memchr(b'\r', &b[start..at]).map_or(at, |cr| start + cr))
}

/// `{N}`, `{N+}` or `~{N}` (literal8) header, its line end (CRLF or LF), and the N raw bytes.
pub(crate) fn literal(i: &[u8]) -> R<'_, &[u8]> {
    let (r, n) = delimited(
        tuple((opt(char('~')), char('{'))),
        number64,
        tuple((opt(char('+')), char('}'), alt((tag("\r\n"), tag("\n"))))),
    )(i)?;
    if n > r.len() as u64 {
        return fail(i);
    }
    take(n as usize)(r)
}

// The string rules below pick their alternative by the first byte instead of trying each in
// turn (they are most of an ENVELOPE or BODYSTRUCTURE); they accept exactly what trying
// `nil`, `quoted`, `literal` and an ASTRING-CHAR run in that order accepts.

pub(crate) fn string(i: &[u8]) -> R<'_, Cow<'_, [u8]>> {
    match i.first() {
        Some(b'"') => quoted(i),
        Some(b'{' | b'~') => literal(i).map(|(r, l)| (r, Cow::Borrowed(l))),
        _ => fail(i),
    }
}

pub(crate) fn nstring(i: &[u8]) -> R<'_, Option<Cow<'_, [u8]>>> {
    if let Ok((r, ())) = nil(i) {
        return Ok((r, None));
    }
    string(i).map(|(r, s)| (r, Some(s)))
}

/// astring: a string or a run of ASTRING-CHARs.
pub(crate) fn astring(i: &[u8]) -> R<'_, Cow<'_, [u8]>> {
    match string(i) {
        Ok(v) => Ok(v),
        Err(_) => astring_run(i).map(|(r, a)| (r, Cow::Borrowed(a))),
    }
}

/// Bytes as text, invalid UTF-8 replaced. Almost everything servers send is valid, and
/// `from_utf8` checks that much faster than the lossy conversion walks it.
pub(crate) fn lossy(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(b).into_owned(),
    }
}

pub(crate) fn lossy_cow(b: Cow<'_, [u8]>) -> String {
    match b {
        Cow::Borrowed(b) => lossy(b),
        Cow::Owned(v) => String::from_utf8(v).unwrap_or_else(|e| lossy(e.as_bytes())),
    }
}

/// Parses `(` item *(SP item) `)` (empty list allowed, padding spaces tolerated), stopping
/// with an error after `max` items.
pub(crate) fn list<'a, T>(
    max: usize,
    mut item: impl FnMut(&'a [u8]) -> R<'a, T>,
) -> impl FnMut(&'a [u8]) -> R<'a, Vec<T>> {
    move |i: &'a [u8]| {
        let (mut r, _) = terminated(char('('), sp0)(i)?;
        let mut out = Vec::new();
        loop {
            if let Ok((rest, _)) = char::<_, NomError<&[u8]>>(')')(r) {
                return Ok((rest, out));
            }
            if out.len() >= max {
                return fail(i);
            }
            let (rest, v) = item(r)?;
            out.push(v);
            let (rest, _) = sp0(rest)?;
            if rest.len() == r.len() {
                return fail(i);
            }
            r = rest;
        }
    }
}

/// Skips one value of any shape: an atom (with any `[…]` and `<…>` parts, as in
/// `BODY[HEADER]<0>`), a quoted string, a literal, or a parenthesised group with everything
/// inside it. Iterative, so hostile nesting cannot exhaust the stack. Returns the bytes skipped.
pub(crate) fn skip_value(i: &[u8]) -> R<'_, &[u8]> {
    let mut depth: usize = 0;
    let mut r = i;
    loop {
        let Some(&b) = r.first() else { return fail(i) };
        r = match b {
            b'(' => {
                depth += 1;
                &r[1..]
            }
            b')' if depth > 0 => {
                depth -= 1;
                &r[1..]
            }
            b' ' if depth > 0 => &r[1..],
            b'"' => quoted(r)?.0,
            b'{' | b'~' => match literal(r) {
                Ok((rest, _)) => rest,
                Err(_) => bare_token(r)?.0,
            },
            _ => bare_token(r)?.0,
        };
        if depth == 0 {
            return Ok((r, &i[..i.len() - r.len()]));
        }
    }
}

/// A run of non-delimiter bytes, where `[…]` may contain spaces, parens and quoted strings
/// and `<…>` follows it (fetch attribute names).
fn bare_token(i: &[u8]) -> R<'_, &[u8]> {
    let mut k = 0;
    while k < i.len() {
        match i[k] {
            b' ' | b'(' | b')' | b'\r' | b'\n' => break,
            b'[' => {
                let (rest, _) = bracket_body(&i[k..])?;
                k = i.len() - rest.len();
            }
            _ => k += 1,
        }
    }
    if k == 0 {
        return fail(i);
    }
    Ok((&i[k..], &i[..k]))
}

/// `[` … `]` with nested quoted strings honoured; returns the text between the brackets.
pub(crate) fn bracket_body(i: &[u8]) -> R<'_, &[u8]> {
    let (body, _) = char('[')(i)?;
    let mut k = 0;
    while k < body.len() {
        match body[k] {
            b']' => return Ok((&body[k + 1..], &body[..k])),
            b'"' => {
                let (rest, _) = quoted(&body[k..])?;
                k = body.len() - rest.len();
            }
            b'\r' | b'\n' => break,
            _ => k += 1,
        }
    }
    fail(i)
}

pub(crate) fn strip_eol(i: &[u8]) -> &[u8] {
    let i = i.strip_suffix(b"\n").unwrap_or(i);
    i.strip_suffix(b"\r").unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings() {
        assert_eq!(
            quoted(b"\"abc\" x").unwrap(),
            (&b" x"[..], Cow::Borrowed(&b"abc"[..]))
        );
        let (r, v) = quoted(b"\"a\\\"b\\\\c\\d\"").unwrap();
        assert!(r.is_empty());
        assert_eq!(&*v, b"a\"b\\c\\d");
        assert!(quoted(b"\"abc").is_err());
        assert!(quoted(b"\"ab\r\nc\"").is_err());
        assert_eq!(&*quoted(b"\"G\xf6r\"").unwrap().1, b"G\xf6r");
        // Control bytes other than CR and LF are content (the word scan stops at them).
        assert_eq!(
            &*quoted(b"\"a\tb\x01c\x0bd\x0ce\x00\" x").unwrap().1,
            b"a\tb\x01c\x0bd\x0ce\x00"
        );
        // Every length and position of the closing quote, escape and line end, across the
        // word-at-a-time scan and the memchr scan behind it.
        for n in 0..150 {
            let body: String = "a\u{e9}".chars().cycle().take(n).collect();
            let s = format!("\"{body}\" x");
            assert_eq!(
                quoted(s.as_bytes()).unwrap(),
                (&b" x"[..], Cow::Borrowed(body.as_bytes()))
            );
            let s = format!("\"{body}\\\"q\" x");
            assert_eq!(
                &*quoted(s.as_bytes()).unwrap().1,
                format!("{body}\"q").as_bytes()
            );
            assert!(quoted(format!("\"{body}\r\n\"").as_bytes()).is_err(), "{n}");
            assert!(quoted(format!("\"{body}\rx\"").as_bytes()).is_err(), "{n}");
            assert!(quoted(format!("\"{body}").as_bytes()).is_err(), "{n}");
        }
    }

    #[test]
    fn literals() {
        assert_eq!(literal(b"{3}\r\nabcd").unwrap(), (&b"d"[..], &b"abc"[..]));
        assert_eq!(literal(b"{3+}\r\nabc").unwrap(), (&b""[..], &b"abc"[..]));
        assert_eq!(
            literal(b"~{2}\r\n\0\x01").unwrap(),
            (&b""[..], &b"\0\x01"[..])
        );
        assert_eq!(literal(b"{0}\r\n)").unwrap(), (&b")"[..], &b""[..]));
        assert!(literal(b"{5}\r\nabc").is_err());
        assert!(literal(b"{99999999999999999999}\r\nabc").is_err());
    }

    #[test]
    fn nil_and_nstring() {
        assert_eq!(nstring(b"NIL)").unwrap(), (&b")"[..], None));
        assert_eq!(nstring(b"nil ").unwrap(), (&b" "[..], None));
        assert!(nil(b"NILS").is_err());
        assert_eq!(astring(b"NILS ").unwrap().1, Cow::Borrowed(&b"NILS"[..]));
    }

    #[test]
    fn numbers() {
        assert_eq!(number(b"4294967295").unwrap().1, u32::MAX);
        assert!(number(b"4294967296").is_err());
        assert_eq!(lenient_number(b"-1 ").unwrap(), (&b" "[..], 0));
        assert_eq!(lenient_number(b"99999999999").unwrap().1, u32::MAX);
        assert_eq!(lenient_number(b"NIL").unwrap().1, 0);
    }

    #[test]
    fn skipping() {
        let (r, s) = skip_value(b"(a \"b)\" {2}\r\n)) (c)) rest").unwrap();
        assert_eq!(s, b"(a \"b)\" {2}\r\n)) (c))");
        assert_eq!(r, b" rest");
        let (r, s) = skip_value(b"BODY[HEADER.FIELDS (A \"]\")]<0> x").unwrap();
        assert_eq!(s, b"BODY[HEADER.FIELDS (A \"]\")]<0>");
        assert_eq!(r, b" x");
        assert!(skip_value(b"((a)").is_err());
        assert!(skip_value(b"").is_err());
        let deep = vec![b'('; 1_000_000];
        assert!(skip_value(&deep).is_err());
    }

    #[test]
    fn lists() {
        let mut p = list(10, atom);
        assert_eq!(
            p(b"( a  b )x").unwrap(),
            (&b"x"[..], vec![&b"a"[..], &b"b"[..]])
        );
        assert_eq!(p(b"()").unwrap().1, Vec::<&[u8]>::new());
        let mut small = list(1, atom);
        assert!(small(b"(a b)").is_err());
    }
}
