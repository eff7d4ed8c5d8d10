//! Seeded generators for the three corpora, plus the IMAP string and header-text encodings
//! they share. Everything written here is what a server could send: CRLF line ends, 8-bit
//! text only inside literals, modified UTF-7 mailbox names.
pub mod fetch;
pub mod literal;
pub mod session;

use crate::rng::Rng;

pub const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Jörg",
    "François",
    "Łukasz",
    "Søren",
    "José",
    "Zoë",
    "Ákos",
    "Björk",
    "Дмитрий",
    "太郎",
    "Øyvind",
    "María",
    "Chloé",
    "John",
    "Emily",
    "Mehmet",
    "Ren",
    "Sven",
    "Priya",
];
pub const LAST_NAMES: &[&str] = &[
    "Müller",
    "Dupont",
    "Wałęsa",
    "Kierkegaard",
    "García",
    "Иванов",
    "山田",
    "Smith",
    "Nakamura",
    "O'Brien",
    "Öztürk",
    "Johansson",
    "Nguyễn",
    "Brown",
    "Schröder",
    "Kowalski",
    "Lefèvre",
];
pub const HOSTS: &[&str] = &[
    "example.com",
    "mail.example.org",
    "lists.example.net",
    "corp.example",
    "münchen.example",
    "eu-west.example.com",
    "gmail.example",
    "student.uni.example",
];
pub const SUBJECT_WORDS: &[&str] = &[
    "Quarterly",
    "report",
    "Rechnung",
    "Überweisung",
    "café",
    "naïve",
    "größe",
    "встреча",
    "会議",
    "🎉",
    "invoice",
    "meeting",
    "notes",
    "Ångström",
    "draft",
    "[list]",
    "agenda",
    "review",
    "résumé",
    "Straße",
    "update",
    "deadline",
    "préparation",
    "Ελληνικά",
    "contract",
    "photos",
];

/// Appends an IMAP string: quoted when the bytes allow it, else a synchronizing literal.
/// `literal_percent` sends even plain ASCII as a literal some of the time, as some servers do
/// for long values.
pub fn string(out: &mut Vec<u8>, s: &[u8], rng: &mut Rng, literal_percent: u64) {
    let needs_literal = s
        .iter()
        .any(|&b| b >= 0x80 || b == b'\r' || b == b'\n' || b == 0);
    if needs_literal || rng.chance(literal_percent) {
        out.extend_from_slice(format!("{{{}}}\r\n", s.len()).as_bytes());
        out.extend_from_slice(s);
    } else {
        out.push(b'"');
        for &b in s {
            if b == b'"' || b == b'\\' {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b'"');
    }
}

/// Appends `s` quoted (the caller knows it is 7-bit without CR/LF).
pub fn quoted(out: &mut Vec<u8>, s: &str) {
    string(out, s.as_bytes(), &mut Rng::new(0), 0);
}

/// Appends `NIL` or the string.
pub fn nstring(out: &mut Vec<u8>, s: Option<&[u8]>, rng: &mut Rng, literal_percent: u64) {
    match s {
        Some(s) => string(out, s, rng, literal_percent),
        None => out.extend_from_slice(b"NIL"),
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        if pad {
            out.push_str(&"=="[..3 - chunk.len()]);
        }
    }
    out
}

/// RFC 2047 encoded-word: B (UTF-8) or Q (ISO-8859-1 when every character fits, else UTF-8).
pub fn encoded_word(text: &str, rng: &mut Rng) -> String {
    if rng.chance(50) {
        return format!("=?UTF-8?B?{}?=", base64(text.as_bytes(), B64, true));
    }
    let latin1: Option<Vec<u8>> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    let (charset, bytes) = match latin1 {
        Some(b) => ("ISO-8859-1", b),
        None => ("UTF-8", text.as_bytes().to_vec()),
    };
    let mut word = format!("=?{charset}?Q?");
    for b in bytes {
        match b {
            b' ' => word.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' => word.push(b as char),
            _ => word.push_str(&format!("={b:02X}")),
        }
    }
    word.push_str("?=");
    word
}

/// Header text as a server would find it in a message: plain when ASCII, otherwise raw UTF-8
/// (the server then sends a literal) or RFC 2047 encoded.
pub fn header_text(text: &str, rng: &mut Rng) -> Vec<u8> {
    if text.is_ascii() || rng.chance(45) {
        text.as_bytes().to_vec()
    } else {
        encoded_word(text, rng).into_bytes()
    }
}

/// Modified UTF-7 (RFC 3501 §5.1.3) for mailbox names.
pub fn mutf7(name: &str) -> String {
    const ALPHA: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
    let mut out = String::new();
    let mut pending: Vec<u16> = Vec::new();
    let flush = |out: &mut String, pending: &mut Vec<u16>| {
        if !pending.is_empty() {
            let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
            out.push('&');
            out.push_str(&base64(&bytes, ALPHA, false));
            out.push('-');
            pending.clear();
        }
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut out, &mut pending);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut units = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut units));
        }
    }
    flush(&mut out, &mut pending);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutf7_known_names() {
        assert_eq!(mutf7("Ärger"), "&AMQ-rger");
        assert_eq!(mutf7("Entwürfe"), "Entw&APw-rfe");
        assert_eq!(mutf7("日本語"), "&ZeVnLIqe-");
        assert_eq!(mutf7("A&B"), "A&-B");
    }

    #[test]
    fn base64_padding() {
        assert_eq!(base64(b"Zo\xc3\xab", B64, true), "Wm/Dqw==");
        assert_eq!(base64(b"abc", B64, true), "YWJj");
    }

    #[test]
    fn strings_quote_or_literal() {
        let mut rng = Rng::new(1);
        let mut out = Vec::new();
        string(&mut out, b"a\"b", &mut rng, 0);
        string(&mut out, "Jörg".as_bytes(), &mut rng, 0);
        assert_eq!(out, b"\"a\\\"b\"{5}\r\nJ\xc3\xb6rg".to_vec());
    }
}
