//! nom parsers for everything a server sends. The entry point is [`parse_response`], given
//! exactly one response as delimited by [`super::framer::Framer`].
//!
//! Reading is lenient (see ARCHITECTURE.md, rule 3): padding spaces, trailing spaces, lower-case
//! keywords and a missing text are accepted everywhere; data that cannot be read is kept as raw
//! bytes at the smallest level possible (a FETCH item, a body part, a whole response), so one
//! malformed value never costs the rest of the response or the connection.
mod body;
mod capability;
mod code;
mod date;
mod envelope;
mod esearch;
mod fetch;
mod flags;
mod list;
mod mailbox_status;
mod metadata;
pub mod mutf7;
mod namespace;
mod quirks;
mod quota;
mod rfc2047;
mod search;
mod seqset;
mod shared;
mod status;
mod thread;
mod token;
mod vanished;
mod vocab;

pub(crate) use date::rfc5322;
pub(crate) use rfc2047::{decode as decode_encoded_words, has_encoded_word};
pub(crate) use shared::text_of;
pub(crate) use token::{lossy, unescape};

use super::framer::Limits;
use super::response::{Response, Untagged};
use bytes::Bytes;
use nom::sequence::preceded;
pub use quirks::Quirks;
use shared::Frame;
use token::{only_blank, sp0, strip_eol};

/// Parser settings that depend on the session.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub limits: Limits,
    /// Mailbox names are UTF-8 (IMAP4rev2 enabled or UTF8=ACCEPT), not modified UTF-7.
    pub utf8_names: bool,
    /// Which server deviations are read (all of them by default).
    pub quirks: Quirks,
}

/// Parses one complete response (CRLF included). Never fails and never panics: a response that
/// cannot be read at all becomes [`super::response::Untagged::Other`] with its raw bytes;
/// a tagged response whose text cannot be read still yields its tag and status.
///
/// Envelope, body-structure and section values share one copy of the frame (made only when
/// the response has such values); [`parse_frame`] avoids even that copy.
pub fn parse_response(frame: &[u8], opts: &ParseOptions) -> Response {
    parse(&Frame::borrowed(frame), opts)
}

/// [`parse_response`] for a frame already in a shared buffer (as the session keeps its
/// input): envelope, body-structure and section values are slices of `frame`, never copies.
pub fn parse_frame(frame: &Bytes, opts: &ParseOptions) -> Response {
    parse(&Frame::shared(frame), opts)
}

fn parse(f: &Frame<'_>, opts: &ParseOptions) -> Response {
    let line = strip_eol(f.bytes());
    match line.first() {
        Some(b'+') => return status::continuation(line, opts),
        Some(b'*') => {
            if let Some(u) = untagged(line, f, opts) {
                return Response::Untagged(u);
            }
        }
        _ => {
            if let Some(t) = status::tagged(line, opts) {
                return t;
            }
        }
    }
    if opts.quirks.garbage_before_response {
        if let Some(u) = untagged_after_garbage(line, f, opts) {
            return Response::Untagged(u);
        }
    }
    Response::Untagged(Untagged::Other { raw: line.to_vec() })
}

/// Some servers glue free text in front of `* BYE` on the same line. Look for a later `* `
/// that starts a readable status response. Bounded to a few candidates so that a line full of
/// asterisks costs linear time.
fn untagged_after_garbage(line: &[u8], f: &Frame<'_>, opts: &ParseOptions) -> Option<Untagged> {
    let first_line = line.split(|&b| b == b'\n').next().unwrap_or_default();
    first_line
        .windows(2)
        .enumerate()
        .skip(1)
        .filter(|(_, w)| w == b"* ")
        .take(4)
        .find_map(|(k, _)| match untagged(&line[k..], f, opts) {
            Some(u @ Untagged::Status { .. }) => Some(u),
            _ => None,
        })
}

/// `* …`; `None` when the response is not readable (the caller keeps it raw).
fn untagged(line: &[u8], f: &Frame<'_>, opts: &ParseOptions) -> Option<Untagged> {
    let q = &opts.quirks;
    let (rest, _) = token::sp(line.get(1..)?).ok()?;
    if !q.extra_spaces && line.len() - rest.len() > 2 {
        return None;
    }
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return numbered(rest, f, opts);
    }
    let (args, name) = token::atom(rest).ok()?;
    if !args.is_empty() && args[0] != b' ' {
        return None;
    }
    if !q.lowercase_keywords && quirks::has_lowercase(name) {
        return None;
    }
    if let Ok((_, status)) = status::status_word(name) {
        let (code, text) = status::resp_text(args, opts);
        return Some(Untagged::Status { status, code, text });
    }
    if !strict_data_ok(args, opts) {
        return None;
    }
    let max_items = opts.limits.max_items;
    let mut buf = [0; 16];
    match token::upper(name, &mut buf) {
        b"CAPABILITY" => Some(Untagged::Capability(capability::words(args, max_items))),
        b"ENABLED" => Some(Untagged::Enabled(capability::words(args, max_items))),
        b"FLAGS" => {
            let (rest, flags) = preceded(sp0, flags::flag_list(opts))(args).ok()?;
            if !q.star_in_flags && flags.contains(&super::flag::Flag::MayCreate) {
                return None;
            }
            only_blank(rest).then_some(Untagged::Flags(flags))
        }
        b"LIST" => Some(Untagged::List(list::list_data(args, opts).ok()?.1)),
        b"LSUB" => Some(Untagged::Lsub(list::list_data(args, opts).ok()?.1)),
        b"STATUS" => Some(mailbox_status::status_data(args, opts).ok()?.1),
        b"SEARCH" => {
            let (ids, modseq) = search::search_data(args, max_items).ok()?.1;
            Some(Untagged::Search { ids, modseq })
        }
        b"NAMESPACE" => Some(Untagged::Namespace(
            namespace::namespace_data(args, opts).ok()?.1,
        )),
        b"ID" => Some(Untagged::Id(namespace::id_data(args, opts).ok()?.1)),
        b"QUOTA" => Some(quota::quota_data(args, opts).ok()?.1),
        b"QUOTAROOT" => Some(quota::quotaroot_data(args, opts).ok()?.1),
        b"METADATA" => Some(metadata::metadata_data(args, opts).ok()?.1),
        b"ESEARCH" => Some(Untagged::ESearch(esearch::esearch_data(args, opts).ok()?.1)),
        b"SORT" => {
            let (ids, modseq) = search::search_data(args, max_items).ok()?.1;
            Some(Untagged::Sort { ids, modseq })
        }
        b"THREAD" => Some(Untagged::Thread(thread::thread_data(args, opts).ok()?.1)),
        b"VANISHED" => Some(vanished::vanished_data(args, opts).ok()?.1),
        _ => None,
    }
}

/// The checks that the strict settings of the quirk switches add to every data response
/// (status responses carry free text, where spaces mean nothing).
fn strict_data_ok(args: &[u8], opts: &ParseOptions) -> bool {
    let q = &opts.quirks;
    (q.trailing_space || !args.ends_with(b" "))
        && (q.extra_spaces || !quirks::has_double_space(args))
}

/// `* n EXISTS`, `* n RECENT`, `* n EXPUNGE`, `* n FETCH (…)`.
fn numbered(i: &[u8], f: &Frame<'_>, opts: &ParseOptions) -> Option<Untagged> {
    let q = &opts.quirks;
    let (rest, n) = token::number(i).ok()?;
    let (rest, _) = token::sp(rest).ok()?;
    let (args, name) = token::atom(rest).ok()?;
    if !q.lowercase_keywords && quirks::has_lowercase(name) {
        return None;
    }
    if !strict_data_ok(i, opts) {
        return None;
    }
    let mut buf = [0; 16];
    match token::upper(name, &mut buf) {
        b"EXISTS" if only_blank(args) => Some(Untagged::Exists(n)),
        b"RECENT" if only_blank(args) => Some(Untagged::Recent(n)),
        b"EXPUNGE" if only_blank(args) => Some(Untagged::Expunge(n)),
        b"FETCH" => {
            let items = fetch::fetch_data(args, f, opts)?;
            if items.is_empty() && !q.empty_fetch {
                return None;
            }
            Some(Untagged::Fetch { seq: n, items })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
