//! Framer and parser checks on arbitrary bytes: the `parse_response` and `framer_chunks`
//! targets, shared with the property tests in core/tests/prop_fuzz.rs.
use libimap::proto::framer::{Framer, Limits};
use libimap::proto::parse::{parse_response, ParseOptions, Quirks};
use libimap::{ErrorKind, Response};

/// Small limits picked by two input bytes, so that short inputs reach every limit path
/// (line, literal, response, depth, item count).
pub fn small_limits(a: u8, b: u8) -> Limits {
    Limits {
        max_line: 16 + usize::from(a) * 8,
        max_literal: u64::from(b) * 4,
        max_response: 64 + u64::from(a) * u64::from(b),
        max_depth: 1 + usize::from(b % 16),
        max_items: 1 + usize::from(a % 64),
    }
}

/// How framing a byte stream ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Every byte belongs to a complete response.
    Complete,
    /// This many bytes at the end wait for more input.
    Pending(usize),
    /// The framer refused the stream (a limit).
    Limit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framed {
    /// Length of each complete response, in order.
    pub frames: Vec<usize>,
    pub end: End,
}

/// Frames `data` the way a session does: the received bytes grow to each cut point in turn
/// (and finally to the whole input), and after each arrival the framer is polled with
/// everything not yet consumed until it wants more. Panics when the framer reports a length
/// that is not a possible response end.
pub fn frame_stream(limits: &Limits, data: &[u8], cuts: &[usize]) -> Framed {
    let mut arrivals: Vec<usize> = cuts.iter().copied().filter(|&c| c < data.len()).collect();
    arrivals.sort_unstable();
    arrivals.dedup();
    arrivals.push(data.len());
    let mut framer = Framer::new(limits.clone());
    let mut start = 0;
    let mut frames = Vec::new();
    for received in arrivals {
        loop {
            match framer.poll(&data[start..received]) {
                Ok(Some(n)) => {
                    assert!(n > 0, "empty frame at {start}");
                    assert!(
                        n <= received - start,
                        "frame of {n} bytes but only {} buffered",
                        received - start
                    );
                    assert_eq!(data[start + n - 1], b'\n', "frame does not end a line");
                    assert!(
                        n as u64 <= limits.max_response,
                        "frame of {n} bytes beyond max_response {}",
                        limits.max_response
                    );
                    frames.push(n);
                    start += n;
                }
                Ok(None) => break,
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::Limit, "framer error {e:?}");
                    return Framed {
                        frames,
                        end: End::Limit,
                    };
                }
            }
        }
    }
    let end = if start == data.len() {
        End::Complete
    } else {
        End::Pending(data.len() - start)
    };
    Framed { frames, end }
}

/// Checks a tagged response's tag: the first word of a line, so never empty or holding a
/// space or line break.
fn check_response(resp: &Response) {
    if let Response::Tagged { tag, .. } = resp {
        assert!(
            !tag.is_empty() && !tag.contains([' ', '\r', '\n']),
            "bad tag {tag:?}"
        );
    }
}

/// The `parse_response` target. Input: two bytes choosing small limits, one flag byte
/// (UTF-8 names, strict grammar, for each of two parser settings), then the server stream. Every frame must be self-contained (a fresh framer finds exactly it,
/// and not one byte earlier) and must parse without panicking, identically twice, with the
/// small limits and with the defaults; the unframed rest is parsed as well.
pub fn check_parse(input: &[u8]) {
    let [a, b, flags, data @ ..] = input else {
        return;
    };
    let limits = small_limits(*a, *b);
    let quirks = |bit: u8| {
        if flags & bit != 0 {
            Quirks::STRICT
        } else {
            Quirks::LENIENT
        }
    };
    let small = ParseOptions {
        limits: limits.clone(),
        utf8_names: flags & 1 != 0,
        quirks: quirks(4),
    };
    let default = ParseOptions {
        limits: Limits::default(),
        utf8_names: flags & 2 != 0,
        quirks: quirks(8),
    };
    let framed = frame_stream(&limits, data, &[]);
    let mut start = 0;
    for &n in &framed.frames {
        let frame = &data[start..start + n];
        start += n;
        let mut fresh = Framer::new(limits.clone());
        assert_eq!(fresh.poll(frame).ok(), Some(Some(n)), "frame {frame:?}");
        let mut fresh = Framer::new(limits.clone());
        assert_eq!(
            fresh.poll(&frame[..n - 1]).ok(),
            Some(None),
            "a prefix of frame {frame:?} is complete"
        );
        for opts in [&small, &default] {
            let r = parse_response(frame, opts);
            check_response(&r);
            assert_eq!(r, parse_response(frame, opts), "parse is not deterministic");
            let _ = format!("{r:?}");
        }
    }
    let rest = &data[start..];
    if !rest.is_empty() {
        check_response(&parse_response(rest, &small));
    }
}

/// The `framer_chunks` target. Input: a count byte, that many cut points (one byte each,
/// accumulated so that cuts advance through the stream), two limit bytes, then the stream.
/// Frame boundaries and the final outcome must not depend on how the bytes arrived.
pub fn check_chunks(input: &[u8]) {
    let Some((&count, rest)) = input.split_first() else {
        return;
    };
    let count = usize::from(count % 24);
    if rest.len() < count + 2 {
        return;
    }
    let (steps, rest) = rest.split_at(count);
    let limits = small_limits(rest[0], rest[1]);
    let data = &rest[2..];
    let mut cuts = Vec::with_capacity(count);
    let mut at = 0usize;
    for &s in steps {
        at += usize::from(s);
        cuts.push(at);
    }
    let whole = frame_stream(&limits, data, &[]);
    let chunked = frame_stream(&limits, data, &cuts);
    assert_eq!(whole, chunked, "cuts {cuts:?} changed framing");
    // Byte by byte is the harshest split; only worth it on short inputs.
    if data.len() <= 512 {
        let every: Vec<usize> = (1..data.len()).collect();
        assert_eq!(whole, frame_stream(&limits, data, &every), "byte by byte");
    }
}
