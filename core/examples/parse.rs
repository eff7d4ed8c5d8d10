//! Frames and parses files of raw server bytes (CRLF, literals, exactly as a server sends them)
//! and reports how many responses came out, how many kept something raw, and the speed.
//!
//! Usage: cargo run --release -p libimap --example parse -- [--reps N] FILE…
//!
//! Files are first framed and parsed once to count; then every file is framed and parsed
//! (`--reps N`: N times, from memory) and the best run is timed. The last line printed is
//! `responses=<n> unparsed=<n> literal_bytes=<n> seconds=<s> MB/s=<x>`.
//! Exits non-zero, naming the file and byte offset, when a file does not frame completely.
use libimap::proto::framer::{Framer, Limits};
use libimap::proto::parse::{parse_response, ParseOptions};
use libimap::{FetchItem, Response, Untagged};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

/// A response "kept something raw" when any part of it could not be read into the typed
/// model. Unknown response codes (`Code::Other`) are typed values, not failures, so they do
/// not count.
fn has_unparsed(r: &Response) -> bool {
    match r {
        Response::Untagged(Untagged::Other { .. }) => true,
        Response::Untagged(Untagged::Fetch { items, .. }) => items.iter().any(item_unparsed),
        _ => false,
    }
}

fn item_unparsed(item: &FetchItem) -> bool {
    match item {
        FetchItem::Other { .. } => true,
        FetchItem::BodyStructure(b) => b.has_unparsed(),
        _ => false,
    }
}

/// Bytes inside literals of one complete frame. The framer only gives boundaries, so the
/// announcements are found again here; a `{N}` whose N bytes do not fit in the frame is text
/// (a status line), not a literal.
fn literal_bytes(frame: &[u8]) -> u64 {
    let mut total = 0u64;
    let mut pos = 0;
    while let Some(nl) = frame[pos..].iter().position(|&b| b == b'\n') {
        let line_end = pos + nl + 1;
        let line = frame[pos..pos + nl]
            .strip_suffix(b"\r")
            .unwrap_or(&frame[pos..pos + nl]);
        pos = line_end;
        let Some(inner) = line.strip_suffix(b"}") else {
            continue;
        };
        let inner = inner.strip_suffix(b"+").unwrap_or(inner);
        let digits = inner
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 19 || !inner[..inner.len() - digits].ends_with(b"{") {
            continue;
        }
        let n: u64 = std::str::from_utf8(&inner[inner.len() - digits..])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(u64::MAX);
        if n <= (frame.len() - line_end) as u64 {
            total += n;
            pos = line_end + n as usize;
        }
    }
    total
}

#[derive(Default, Clone, Copy)]
struct Counts {
    responses: u64,
    unparsed: u64,
    literal_bytes: u64,
}

/// Frames and parses one file's bytes completely, counting into `counts` when given (the
/// timed runs pass `None` so that only framing and parsing are measured). `Err((offset,
/// message))` when the bytes do not frame, or end in the middle of a response.
fn run_file(
    data: &[u8],
    opts: &ParseOptions,
    mut counts: Option<&mut Counts>,
) -> Result<(), (usize, String)> {
    let mut framer = Framer::new(opts.limits.clone());
    let mut pos = 0;
    while pos < data.len() {
        match framer.poll(&data[pos..]) {
            Ok(Some(n)) => {
                let frame = &data[pos..pos + n];
                let response = parse_response(frame, opts);
                if let Some(c) = counts.as_deref_mut() {
                    c.responses += 1;
                    c.unparsed += u64::from(has_unparsed(&response));
                    c.literal_bytes += literal_bytes(frame);
                }
                drop(black_box(response));
                pos += n;
            }
            Ok(None) => {
                let left = data.len() - pos;
                return Err((pos, format!("{left} trailing bytes do not end a response")));
            }
            Err(e) => return Err((pos, format!("framing error: {e}"))),
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut reps = 1usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--reps" {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => reps = n,
                _ => {
                    eprintln!("--reps needs a positive number");
                    return ExitCode::from(2);
                }
            }
        } else {
            paths.push(arg);
        }
    }
    if paths.is_empty() {
        eprintln!("usage: parse [--reps N] FILE…");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for path in &paths {
        match std::fs::read(path) {
            Ok(data) => files.push((path.as_str(), data)),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let opts = ParseOptions {
        limits: Limits::default(),
        utf8_names: false,
        ..ParseOptions::default()
    };
    let total_bytes: usize = files.iter().map(|(_, d)| d.len()).sum();
    let mut counts = Counts::default();
    for (path, data) in &files {
        if let Err((offset, msg)) = run_file(data, &opts, Some(&mut counts)) {
            eprintln!("{path}: at byte offset {offset}: {msg}");
            return ExitCode::FAILURE;
        }
    }
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let start = Instant::now();
        for (_, data) in &files {
            // Already framed once without error above.
            let _ = run_file(data, &opts, None);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mbps = total_bytes as f64 / 1e6 / best.max(1e-9);
    println!(
        "responses={} unparsed={} literal_bytes={} seconds={:.6} MB/s={:.1}",
        counts.responses, counts.unparsed, counts.literal_bytes, best, mbps
    );
    ExitCode::SUCCESS
}
