//! RFC 2047 encoded-words (`=?charset?B|Q?text?=`) in header text, as ENVELOPE carries it.
//!
//! Adjacent encoded-words are joined without the whitespace between them (RFC 2047 §6.2), and
//! their bytes are joined before the charset is applied, so a multi-byte character split over
//! two words still decodes. A word we cannot decode (unknown charset, broken base64) is left as
//! it was sent; bytes outside encoded-words that are not UTF-8 are replaced (lossy).
use base64::alphabet;
use base64::engine::general_purpose::GeneralPurpose;
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};
use base64::Engine;

use super::token::lossy;

const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The charsets we convert. A word in any other stays as it was sent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Latin1,
    Latin9,
    Cp1252,
}

const CHARSETS: [(&[u8], Charset); 13] = [
    (b"utf-8", Charset::Utf8),
    (b"utf8", Charset::Utf8),
    (b"us-ascii", Charset::Utf8),
    (b"ascii", Charset::Utf8),
    (b"iso-8859-1", Charset::Latin1),
    (b"latin1", Charset::Latin1),
    (b"iso_8859-1", Charset::Latin1),
    (b"l1", Charset::Latin1),
    (b"iso-8859-15", Charset::Latin9),
    (b"latin-9", Charset::Latin9),
    (b"latin9", Charset::Latin9),
    (b"windows-1252", Charset::Cp1252),
    (b"cp1252", Charset::Cp1252),
];

fn charset(name: &[u8]) -> Option<Charset> {
    // RFC 2231 adds `*language` to the charset.
    let name = name.split(|&b| b == b'*').next().unwrap_or_default();
    CHARSETS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, c)| c)
}

/// Parses an encoded-word at the start of `i` and appends its decoded bytes to `out`; returns
/// its charset and length. `out` is left as it was when `i` does not start with a word we can
/// decode.
fn encoded_word(i: &[u8], out: &mut Vec<u8>) -> Option<(Charset, usize)> {
    let body = i.strip_prefix(b"=?")?;
    let q1 = memchr::memchr(b'?', body)?;
    let charset_name = &body[..q1];
    let rest = &body[q1 + 1..];
    let enc = *rest.first()?;
    if rest.get(1) != Some(&b'?') {
        return None;
    }
    let text = &rest[2..];
    let end = memchr::memchr_iter(b'?', text).find(|&k| text.get(k + 1) == Some(&b'='))?;
    let text = &text[..end];
    if charset_name.is_empty() || text.iter().any(|&b| b == b' ' || b == b'\t' || b == b'?') {
        return None;
    }
    // A word in a charset we cannot convert stays plain text, spaces around it included.
    let cs = charset(charset_name)?;
    match enc.to_ascii_uppercase() {
        b'B' => {
            let mark = out.len();
            if B64.decode_vec(text, out).is_err() {
                out.truncate(mark);
                return None;
            }
        }
        b'Q' => q_decode(text, out),
        _ => return None,
    }
    let len = 2 + q1 + 1 + 2 + end + 2;
    Some((cs, len))
}

fn q_decode(text: &[u8], out: &mut Vec<u8>) {
    fn hex(b: u8) -> Option<u8> {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    out.reserve(text.len());
    let mut k = 0;
    // A byte loop: Q-encoded words are short and dense with escapes, where looking ahead
    // for the next `=` with memchr costs more than it saves.
    while let Some(&c) = text.get(k) {
        k += 1;
        match c {
            b'_' => out.push(b' '),
            b'=' => match text
                .get(k..k + 2)
                .and_then(|h| Some(hex(h[0])? << 4 | hex(h[1])?))
            {
                Some(v) => {
                    out.push(v);
                    k += 2;
                }
                None => out.push(b'='),
            },
            c => out.push(c),
        }
    }
}

/// Appends `bytes` in `charset` to `out` as text.
fn charset_decode(charset: Charset, bytes: &[u8], out: &mut String) {
    match charset {
        Charset::Utf8 => match std::str::from_utf8(bytes) {
            Ok(t) => out.push_str(t),
            Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
        },
        Charset::Latin1 => out.extend(bytes.iter().map(|&b| char::from(b))),
        Charset::Latin9 => out.extend(bytes.iter().map(|&b| latin9(b))),
        Charset::Cp1252 => out.extend(bytes.iter().map(|&b| cp1252(b))),
    }
}

fn latin9(b: u8) -> char {
    match b {
        0xa4 => '\u{20ac}',
        0xa6 => '\u{0160}',
        0xa8 => '\u{0161}',
        0xb4 => '\u{017d}',
        0xb8 => '\u{017e}',
        0xbc => '\u{0152}',
        0xbd => '\u{0153}',
        0xbe => '\u{0178}',
        _ => char::from(b),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
        0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
    ];
    if (0x80..0xa0).contains(&b) {
        char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or('\u{fffd}')
    } else {
        char::from(b)
    }
}

/// Whether `raw` may hold an encoded-word (it has `=?`). Header fields are short, where
/// `memmem`'s set-up costs more than the search: look for `=` and check the next byte.
pub(crate) fn has_encoded_word(raw: &[u8]) -> bool {
    memchr::memchr_iter(b'=', raw).any(|k| raw.get(k + 1) == Some(&b'?'))
}

/// Decodes every encoded-word in `raw`.
pub(crate) fn decode(raw: &[u8]) -> String {
    if !has_encoded_word(raw) {
        return lossy(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut plain_start = 0;
    // The charset and decoded bytes of the encoded-words joined so far; a new word's bytes
    // are decoded onto the end, and split off again if it does not join.
    let mut pending: Option<Charset> = None;
    let mut bytes = Vec::new();
    let mut k = 0;
    // Every encoded-word starts with `=`: jump from one to the next.
    while let Some(at) = memchr::memchr(b'=', &raw[k..]) {
        k += at;
        let mark = bytes.len();
        let Some((cs, len)) = encoded_word(&raw[k..], &mut bytes) else {
            k += 1;
            continue;
        };
        let gap = &raw[plain_start..k];
        let adjacent = pending.is_some() && gap.iter().all(|b| b" \t\r\n".contains(b));
        if !adjacent || pending != Some(cs) {
            if let Some(p) = pending {
                charset_decode(p, &bytes[..mark], &mut out);
            }
            bytes.drain(..mark);
            if !adjacent {
                out.push_str(&String::from_utf8_lossy(gap));
            }
        }
        pending = Some(cs);
        k += len;
        plain_start = k;
    }
    if let Some(p) = pending {
        charset_decode(p, &bytes, &mut out);
    }
    out.push_str(&String::from_utf8_lossy(&raw[plain_start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn d(s: &str) -> String {
        decode(s.as_bytes())
    }

    #[test]
    fn rfc2047_examples() {
        assert_eq!(d("=?US-ASCII?Q?Keith_Moore?="), "Keith Moore");
        assert_eq!(
            d("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?="),
            "Keld J\u{f8}rn Simonsen"
        );
        assert_eq!(d("=?ISO-8859-1?Q?Andr=E9?= Pirard"), "Andr\u{e9} Pirard");
        assert_eq!(
            d("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?="),
            "If you can read this yo =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?="
        );
        // §8 table.
        assert_eq!(d("(=?ISO-8859-1?Q?a?=)"), "(a)");
        assert_eq!(d("(=?ISO-8859-1?Q?a?= b)"), "(a b)");
        assert_eq!(d("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)"), "(ab)");
        assert_eq!(d("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)"), "(ab)");
        assert_eq!(d("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)"), "(ab)");
        assert_eq!(d("(=?ISO-8859-1?Q?a_b?=)"), "(a b)");
        assert_eq!(
            d("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)"),
            "(a =?ISO-8859-2?Q?_b?=)"
        );
    }

    #[test]
    fn charsets_and_splits() {
        assert_eq!(d("=?utf-8?B?w6k=?="), "\u{e9}");
        // One UTF-8 character split over two words.
        assert_eq!(
            d("=?UTF-8?B?ww==?= =?UTF-8?B?qQ==?="),
            "\u{e9}",
            "split bytes still join (c3 a9)"
        );
        assert_eq!(d("=?iso-8859-15?q?=A4?="), "\u{20ac}");
        assert_eq!(
            d("=?windows-1252?Q?=80=93=96?="),
            "\u{20ac}\u{201c}\u{2013}"
        );
        assert_eq!(d("=?UTF-8*en?Q?x?="), "x");
        assert_eq!(d("=?utf-8?b?w6k?="), "\u{e9}", "missing padding");
        assert_eq!(d("=?utf-8?Q?=3D=3d_=C3=A9=?="), "== \u{e9}=");
        assert_eq!(d("=?utf-8?Q?a=+Fb=4?="), "a=+Fb=4", "not hex: kept");
    }

    #[test]
    fn left_as_is() {
        assert_eq!(d("=?GBK?B?1uzLs72h?="), "=?GBK?B?1uzLs72h?=");
        assert_eq!(d("=?utf-8?X?abc?="), "=?utf-8?X?abc?=");
        assert_eq!(d("=?utf-8?B?***?="), "=?utf-8?B?***?=");
        assert_eq!(d("=?utf-8?Q?a b?="), "=?utf-8?Q?a b?=");
        assert_eq!(d("plain =? text"), "plain =? text");
        assert_eq!(decode(b"G\xf6r"), "G\u{fffd}r");
        assert_eq!(
            d("=?utf-8?... =?utf-8?Q?023@ID61326?="),
            "=?utf-8?... 023@ID61326"
        );
    }
}
