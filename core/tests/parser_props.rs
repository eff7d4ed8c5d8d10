//! Property tests: the framer and the parser never panic on arbitrary bytes, and frame
//! boundaries do not depend on how the input is chunked.
use libimap::proto::framer::{Framer, Limits};
use libimap::proto::parse::{parse_response, ParseOptions, Quirks};
use proptest::prelude::*;

/// Frames `data` fed in chunks of the given sizes (cycled); returns the frame lengths, and
/// whether the framer refused the input.
fn frames(data: &[u8], chunks: &[usize], limits: &Limits) -> (Vec<usize>, bool) {
    let mut framer = Framer::new(limits.clone());
    let mut out = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut k = 0;
    loop {
        match framer.poll(&data[start..end]) {
            Err(_) => return (out, true),
            Ok(Some(n)) => {
                assert!(n <= end - start);
                out.push(n);
                start += n;
            }
            Ok(None) => {
                if end == data.len() {
                    return (out, false);
                }
                end = (end + chunks[k % chunks.len()].max(1)).min(data.len());
                k += 1;
            }
        }
    }
}

/// Inputs that look like IMAP: response fragments, literals (some lying about their size),
/// parens and quotes, mixed with arbitrary bytes.
fn imapish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"* ".to_vec()),
        Just(b"A1 OK ".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b" (".to_vec()),
        Just(b")".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"NIL ".to_vec()),
        Just(b"* 1 FETCH (".to_vec()),
        Just(b"BODYSTRUCTURE (".to_vec()),
        Just(b"ENVELOPE (".to_vec()),
        Just(b"BODY[HEADER] ".to_vec()),
        Just(b"* LIST (\\Noselect) \"/\" ".to_vec()),
        Just(b"[PERMANENTFLAGS (\\* ".to_vec()),
        Just(b"* ESEARCH (TAG \"A1\") UID ".to_vec()),
        Just(b"MIN 1 MAX 9 COUNT 3 ALL 1:3,5 ".to_vec()),
        Just(b"PARTIAL (-1:-100 ".to_vec()),
        Just(b"* THREAD (2)(3 6 (4 ".to_vec()),
        Just(b"* NAMESPACE ((\"\" \"/\")) NIL ".to_vec()),
        Just(b"* ID (\"name\" NIL ".to_vec()),
        Just(b"* QUOTA \"\" (STORAGE 10 ".to_vec()),
        Just(b"* QUOTAROOT INBOX ".to_vec()),
        Just(b"* METADATA \"\" (/shared/comment ".to_vec()),
        Just(b"* VANISHED (EARLIER) 1:5,*".to_vec()),
        Just(b"* STATUS x (APPENDLIMIT NIL MAILBOXID (F1".to_vec()),
        Just(b"* SORT 2 3 (MODSEQ ".to_vec()),
        Just(b"[COPYUID 1 2:1,* ".to_vec()),
        Just(b"[METADATA LONGENTRIES ".to_vec()),
        Just(b"X-GM-LABELS (\\Inbox ".to_vec()),
        Just(b"EMAILID (M1) THREADID NIL SAVEDATE NIL PREVIEW ".to_vec()),
        Just(b"BINARY.SIZE[1] ".to_vec()),
        Just(b"* LIST () \"/\" x (CHILDINFO (".to_vec()),
        (0u8..12).prop_map(|n| format!("{{{n}}}\r\n").into_bytes()),
        (0u8..12).prop_map(|n| format!("~{{{n}+}}\r\n").into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..8),
        "[ -~]{0,10}".prop_map(String::into_bytes),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        let opts = ParseOptions::default();
        let _ = parse_response(&data, &opts);
        let (lens, _) = frames(&data, &[data.len().max(1)], &opts.limits);
        let mut pos = 0;
        for n in lens {
            let _ = parse_response(&data[pos..pos + n], &opts);
            pos += n;
        }
    }

    #[test]
    fn never_panics_on_imapish(data in imapish(), strict in any::<bool>(), utf8_names in any::<bool>()) {
        let opts = ParseOptions {
            limits: Limits { max_depth: 8, max_items: 16, ..Limits::default() },
            utf8_names,
            quirks: if strict { Quirks::STRICT } else { Quirks::LENIENT },
        };
        let (lens, _) = frames(&data, &[data.len().max(1)], &opts.limits);
        let mut pos = 0;
        for n in lens {
            let _ = parse_response(&data[pos..pos + n], &opts);
            pos += n;
        }
        let _ = parse_response(&data, &opts);
    }

    #[test]
    fn boundaries_stable_under_chunking(data in imapish(), chunks in proptest::collection::vec(1usize..20, 1..8)) {
        let limits = Limits::default();
        let whole = frames(&data, &[data.len().max(1)], &limits);
        let chunked = frames(&data, &chunks, &limits);
        prop_assert_eq!(whole, chunked);
    }

    #[test]
    fn limits_bound_errors_consistently(data in imapish(), chunks in proptest::collection::vec(1usize..20, 1..8)) {
        let limits = Limits { max_line: 40, max_literal: 8, max_response: 120, ..Limits::default() };
        let whole = frames(&data, &[data.len().max(1)], &limits);
        let chunked = frames(&data, &chunks, &limits);
        prop_assert_eq!(whole, chunked);
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let opts = ParseOptions::default();
    for open in [b"(".as_slice(), b"((\"a\" ".as_slice()] {
        for prefix in [
            &b"* 1 FETCH (BODYSTRUCTURE "[..],
            b"* 1 FETCH (ENVELOPE ",
            b"* 1 FETCH (X ",
            b"* OK [X ",
            b"* THREAD ",
            b"* ESEARCH (TAG \"a\") X ",
            b"* LIST () \"/\" x (X ",
            b"* METADATA x ",
        ] {
            let mut line = prefix.to_vec();
            for _ in 0..200_000 {
                line.extend_from_slice(open);
            }
            line.extend_from_slice(b"\r\n");
            let _ = parse_response(&line, &opts);
        }
    }
}
