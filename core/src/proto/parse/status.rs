//! Status responses (`OK`/`NO`/`BAD`/`PREAUTH`/`BYE`), tagged or untagged, their
//! `[code] text` part, and continuation requests (RFC 9051 §7.1, §7.5).
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::combinator::{not, peek, value};
use nom::sequence::terminated;

use super::code::parse_code;
use super::quirks::has_lowercase;
use super::token::{bracket_body, is_atom_char, lossy, R};
use super::ParseOptions;
use crate::proto::response::{Code, Response, Status};

/// The status word, case-insensitive, not followed by more atom characters.
pub(crate) fn status_word(i: &[u8]) -> R<'_, Status> {
    terminated(
        alt((
            value(Status::Ok, tag_no_case("OK")),
            value(Status::No, tag_no_case("NO")),
            value(Status::Bad, tag_no_case("BAD")),
            value(Status::PreAuth, tag_no_case("PREAUTH")),
            value(Status::Bye, tag_no_case("BYE")),
        )),
        not(peek(take_while1(is_atom_char))),
    )(i)
}

/// `[code] text`, `[code]` or `text`, with the separating spaces optional. Never fails: a
/// bracket that does not close makes the whole thing text.
pub(crate) fn resp_text(i: &[u8], opts: &ParseOptions) -> (Option<Code>, String) {
    let q = &opts.quirks;
    let i = if q.extra_spaces {
        skip_spaces(i)
    } else {
        i.strip_prefix(b" ").unwrap_or(i)
    };
    if i.first() == Some(&b'[') {
        let found = bracket_body(i).ok().or_else(|| {
            // A stray quote inside the code: fall back to the first `]`.
            let end = i.iter().position(|&b| b == b']')?;
            Some((&i[end + 1..], &i[1..end]))
        });
        if let Some((rest, inner)) = found {
            if q.missing_text || rest.first() == Some(&b' ') {
                let text = if q.extra_spaces {
                    skip_spaces(rest)
                } else {
                    rest.strip_prefix(b" ").unwrap_or(rest)
                };
                return (Some(parse_code(inner, opts)), lossy(text));
            }
        }
    }
    (None, lossy(i))
}

fn skip_spaces(mut i: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = i {
        i = rest;
    }
    i
}

/// `+ [code] text`; the input starts at `+`, line end removed. A bare `+` has empty text.
pub(crate) fn continuation(i: &[u8], opts: &ParseOptions) -> Response {
    let rest = i.get(1..).unwrap_or_default();
    let (code, text) = resp_text(rest, opts);
    Response::Continuation { code, text }
}

/// `tag SP status [SP resp-text]`. `None` when the line does not look like a tagged status
/// response at all.
pub(crate) fn tagged(i: &[u8], opts: &ParseOptions) -> Option<Response> {
    let tag_len = i
        .iter()
        .position(|&b| b <= b' ' || b == 0x7f)
        .unwrap_or(i.len());
    if tag_len == 0 {
        return None;
    }
    let tag = &i[..tag_len];
    let rest = skip_spaces(&i[tag_len..]);
    let spaces = i.len() - tag_len - rest.len();
    if spaces == 0 || (spaces > 1 && !opts.quirks.extra_spaces) {
        return None;
    }
    let (after, status) = status_word(rest).ok()?;
    if !opts.quirks.lowercase_keywords && has_lowercase(&rest[..rest.len() - after.len()]) {
        return None;
    }
    let (code, text) = resp_text(after, opts);
    Some(Response::Tagged {
        tag: lossy(tag),
        status,
        code,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::flag::Flag;

    fn resp_text(i: &[u8], max_items: usize) -> (Option<Code>, String) {
        let mut opts = ParseOptions::default();
        opts.limits.max_items = max_items;
        super::resp_text(i, &opts)
    }
    fn tagged(i: &[u8], _max_items: usize) -> Option<Response> {
        super::tagged(i, &ParseOptions::default())
    }
    fn continuation(i: &[u8], _max_items: usize) -> Response {
        super::continuation(i, &ParseOptions::default())
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word(b"ok").unwrap().1, Status::Ok);
        assert_eq!(status_word(b"PreAuth x").unwrap().1, Status::PreAuth);
        assert!(status_word(b"OKAY").is_err());
        assert!(status_word(b"NOOP").is_err());
    }

    #[test]
    fn text_forms() {
        assert_eq!(
            resp_text(b" [ALERT] System shutdown", 10),
            (Some(Code::Alert), "System shutdown".into())
        );
        assert_eq!(
            resp_text(b" [UNSEEN 1]", 10),
            (Some(Code::Unseen(1)), String::new())
        );
        assert_eq!(resp_text(b"", 10), (None, String::new()));
        assert_eq!(
            resp_text(b" [ALERT unterminated", 10),
            (None, "[ALERT unterminated".into())
        );
        assert_eq!(
            resp_text(b" [READ-WRITE] [Gmail]/Sent Mail selected. (Success)", 10),
            (
                Some(Code::ReadWrite),
                "[Gmail]/Sent Mail selected. (Success)".into()
            )
        );
        assert_eq!(
            resp_text(b" [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited", 10),
            (
                Some(Code::PermanentFlags(vec![
                    Flag::Deleted,
                    Flag::Seen,
                    Flag::MayCreate
                ])),
                "Limited".into()
            )
        );
        assert_eq!(
            resp_text(b" [X \"a\"b] c", 10),
            (
                Some(Code::Other {
                    name: "X".into(),
                    args: Some("\"a\"b".into())
                }),
                "c".into()
            )
        );
    }

    #[test]
    fn tagged_lines() {
        assert_eq!(
            tagged(b"a002 NO [TRYCREATE] no such mailbox", 10),
            Some(Response::Tagged {
                tag: "a002".into(),
                status: Status::No,
                code: Some(Code::TryCreate),
                text: "no such mailbox".into()
            })
        );
        assert_eq!(tagged(b"A1 FETCH", 10), None);
        assert_eq!(tagged(b"A1", 10), None);
        assert_eq!(
            tagged(b"A1 bad", 10),
            Some(Response::Tagged {
                tag: "A1".into(),
                status: Status::Bad,
                code: None,
                text: String::new()
            })
        );
    }

    #[test]
    fn continuations() {
        assert_eq!(
            continuation(b"+", 10),
            Response::Continuation {
                code: None,
                text: String::new()
            }
        );
        assert_eq!(
            continuation(b"+ ", 10),
            Response::Continuation {
                code: None,
                text: String::new()
            }
        );
        assert_eq!(
            continuation(b"+ Ready for additional command text", 10),
            Response::Continuation {
                code: None,
                text: "Ready for additional command text".into()
            }
        );
        assert_eq!(
            continuation(b"+ [ALERT] hi", 10),
            Response::Continuation {
                code: Some(Code::Alert),
                text: "hi".into()
            }
        );
    }
}
