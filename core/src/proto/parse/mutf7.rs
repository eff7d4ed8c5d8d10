//! Modified UTF-7 (RFC 3501 §5.1.3), the mailbox name encoding of IMAP4rev1.
//!
//! Printable US-ASCII stands for itself except `&`, which is written `&-`. Anything else is
//! UTF-16 (surrogate pairs for characters beyond the BMP), base64-encoded with `,` in place of
//! `/` and no padding, between `&` and `-`.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

fn is_direct(c: char) -> bool {
    (' '..='~').contains(&c)
}

fn sextet(b: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == b).map(|p| p as u32)
}

pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut units: Vec<u16> = Vec::new();
    for c in name.chars() {
        if is_direct(c) {
            flush(&mut units, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut units, &mut out);
    out
}

/// Writes pending UTF-16 units as one `&…-` run.
fn flush(units: &mut Vec<u16>, out: &mut String) {
    if units.is_empty() {
        return;
    }
    out.push('&');
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &u in units.iter() {
        acc = (acc << 16) | u32::from(u);
        bits += 16;
        while bits >= 6 {
            bits -= 6;
            out.push(char::from(ALPHABET[((acc >> bits) & 0x3f) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (6 - bits)) & 0x3f) as usize]));
    }
    out.push('-');
    units.clear();
}

/// Decodes modified UTF-7; `None` for bytes outside printable ASCII, a base64 run that is not
/// closed by `-`, leftover or non-zero padding bits, or an unpaired surrogate.
pub fn decode(raw: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let b = raw[k];
        if !(0x20..=0x7e).contains(&b) {
            return None;
        }
        if b != b'&' {
            out.push(char::from(b));
            k += 1;
            continue;
        }
        k += 1;
        let start = k;
        while k < raw.len() && raw[k] != b'-' {
            k += 1;
        }
        if k == raw.len() {
            return None;
        }
        let run = &raw[start..k];
        k += 1;
        if run.is_empty() {
            out.push('&');
            continue;
        }
        decode_run(run, &mut out)?;
    }
    Some(out)
}

fn decode_run(run: &[u8], out: &mut String) -> Option<()> {
    let mut units = Vec::with_capacity(run.len() * 6 / 16);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in run {
        acc = (acc << 6) | sextet(b)?;
        bits += 6;
        if bits >= 16 {
            bits -= 16;
            units.push((acc >> bits) as u16);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 || acc != 0 || units.is_empty() {
        return None;
    }
    for c in char::decode_utf16(units) {
        out.push(c.ok()?);
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc3501_example() {
        let raw = "~peter/mail/&U,BTFw-/&ZeVnLIqe-";
        assert_eq!(
            decode(raw.as_bytes()).as_deref(),
            Some("~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}")
        );
        assert_eq!(
            encode("~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}"),
            raw
        );
    }

    #[test]
    fn known_answers() {
        assert_eq!(encode("Entw\u{fc}rfe"), "Entw&APw-rfe");
        assert_eq!(decode(b"Entw&APw-rfe").as_deref(), Some("Entw\u{fc}rfe"));
        assert_eq!(encode("A&B"), "A&-B");
        assert_eq!(decode(b"A&-B").as_deref(), Some("A&B"));
        assert_eq!(encode("\u{1F600}"), "&2D3eAA-");
        assert_eq!(decode(b"&2D3eAA-").as_deref(), Some("\u{1F600}"));
        assert_eq!(encode("INBOX"), "INBOX");
    }

    #[test]
    fn invalid_inputs() {
        assert_eq!(decode(b"&U,BTFw"), None, "unterminated");
        assert_eq!(decode(b"&U,BTF-"), None, "leftover bits");
        assert_eq!(decode(b"&2D3-"), None, "lone high surrogate");
        assert_eq!(decode(b"&Jjo!-"), None, "bad base64");
        assert_eq!(decode("\u{fc}".as_bytes()), None, "8-bit");
        assert_eq!(decode(b"a\tb"), None, "control");
    }

    proptest! {
        #[test]
        fn round_trip(s in any::<String>()) {
            let enc = encode(&s);
            prop_assert!(enc.bytes().all(|b| (0x20..=0x7e).contains(&b)));
            prop_assert_eq!(decode(enc.as_bytes()), Some(s));
        }

        #[test]
        fn decode_never_panics(b in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Some(s) = decode(&b) {
                prop_assert_eq!(decode(encode(&s).as_bytes()), Some(s));
            }
        }
    }
}
