//! Peak memory against servers that try to make the client buffer without end: a million
//! untagged responses to one command, and a literal announcing 10^12 bytes followed by an
//! endless stream. A binary of its own with a single test, so that the process's peak resident
//! size (VmHWM) measures nothing else.
mod hostile_support;

use hostile_support::Server;
use libimap::proto::framer::Limits;
use libimap::{Client, ErrorKind, Security, Untagged};
use std::time::Duration;

/// Peak resident set size of this process so far, in bytes (Linux).
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM line");
    kb * 1024
}

/// Runs NOOP against `script` with `limits`; returns the error and the growth of peak RSS.
fn grow(script: &str, limits: Limits) -> (libimap::Error, u64) {
    let server = Server::start(script, &[]);
    let mut config = server.config(Security::InsecurePlaintext);
    config.limits = limits;
    config.timeout = Some(Duration::from_secs(2));
    let mut c = Client::connect(config).expect("connect");
    let before = peak_rss();
    let e = c.noop().unwrap_err();
    let after = peak_rss();
    drop(c);
    server.finish();
    (e, after.saturating_sub(before))
}

const MB: u64 = 1 << 20;

#[test]
fn peak_memory_is_bounded_by_the_limits() {
    // A million `* 1 EXISTS` against max_items = 100 000: what may be held is 100 000 parsed
    // responses (a Vec may double once) plus read buffers.
    let max_items = 100_000;
    let (e, grew) = grow(
        "flood",
        Limits {
            max_items,
            ..Limits::default()
        },
    );
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    let bound = (max_items * std::mem::size_of::<Untagged>() * 2) as u64 + 8 * MB;
    eprintln!(
        "flood: peak RSS grew {} KiB (bound {} KiB)",
        grew / 1024,
        bound / 1024
    );
    assert!(
        grew <= bound,
        "flood: peak RSS grew {grew} bytes, bound {bound}"
    );

    // 10^12 announced, then data without end: refused at the announcement, nothing buffered.
    let (e, grew) = grow(
        "huge-literal",
        Limits {
            max_literal: 64 * MB,
            max_response: 64 * MB,
            ..Limits::default()
        },
    );
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    eprintln!("huge literal: peak RSS grew {} KiB", grew / 1024);
    assert!(grew <= 4 * MB, "huge literal: peak RSS grew {grew} bytes");
}
