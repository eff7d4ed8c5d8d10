//! Response codes: the bracketed part of a status response (RFC 9051 §7.1, RFC 4315 UIDPLUS,
//! RFC 7162 CONDSTORE). A known code with arguments we cannot read becomes [`Code::Other`]
//! with its text, so nothing is lost.
use nom::combinator::all_consuming;
use nom::sequence::{preceded, terminated};

use super::capability::words;
use super::flags::flag_list;
use super::seqset::seq_set;
use super::token::{astring, is_atom_char, list, lossy, lossy_cow, number, number64, sp, sp0, R};
use super::ParseOptions;
use crate::proto::response::Code;

/// Parses the text between `[` and `]`.
pub(crate) fn parse_code(inner: &[u8], opts: &ParseOptions) -> Code {
    let max_items = opts.limits.max_items;
    let inner = trim_spaces(inner);
    // The name is an atom; anything after it (normally a space and arguments, but Exchange
    // has sent `Error="…"`) is kept as the arguments.
    let split = inner
        .iter()
        .position(|&b| !is_atom_char(b))
        .unwrap_or(inner.len());
    let (name, args) = inner.split_at(split);
    let args = trim_spaces(args);
    let name = lossy(name).to_ascii_uppercase();
    let known = match name.as_str() {
        "ALERT" => Some(Code::Alert),
        "PARSE" => Some(Code::Parse),
        "READ-ONLY" => Some(Code::ReadOnly),
        "READ-WRITE" => Some(Code::ReadWrite),
        "TRYCREATE" => Some(Code::TryCreate),
        "NOMODSEQ" => Some(Code::NoModSeq),
        "CLOSED" => Some(Code::Closed),
        "CAPABILITY" => Some(Code::Capability(words(args, max_items))),
        "BADCHARSET" if args.is_empty() => Some(Code::BadCharset(Vec::new())),
        "BADCHARSET" => full(args, list(max_items, astring))
            .map(|v| Code::BadCharset(v.into_iter().map(lossy_cow).collect())),
        "PERMANENTFLAGS" => full(args, flag_list(opts)).map(Code::PermanentFlags),
        "UIDNEXT" => full(args, number).map(Code::UidNext),
        "UIDVALIDITY" => full(args, number).map(Code::UidValidity),
        "UNSEEN" => full(args, number).map(Code::Unseen),
        "HIGHESTMODSEQ" => full(args, number64).map(Code::HighestModSeq),
        "APPENDUID" => full(args, |i| {
            let (i, v) = terminated(number, sp)(i)?;
            let (i, uids) = seq_set(max_items)(i)?;
            Ok((
                i,
                Code::AppendUid {
                    uidvalidity: v,
                    uids,
                },
            ))
        }),
        "COPYUID" => full(args, |i| {
            let (i, v) = terminated(number, sp)(i)?;
            let (i, source) = seq_set(max_items)(i)?;
            let (i, dest) = preceded(sp, seq_set(max_items))(i)?;
            Ok((
                i,
                Code::CopyUid {
                    uidvalidity: v,
                    source,
                    dest,
                },
            ))
        }),
        "UIDNOTSTICKY" => Some(Code::UidNotSticky),
        "MODIFIED" => full(args, seq_set(max_items)).map(Code::Modified),
        _ => None,
    };
    known.unwrap_or_else(|| Code::Other {
        name,
        args: if args.is_empty() {
            None
        } else {
            Some(lossy(args))
        },
    })
}

fn full<'a, T>(args: &'a [u8], p: impl FnMut(&'a [u8]) -> R<'a, T>) -> Option<T> {
    all_consuming(terminated(p, sp0))(args).ok().map(|(_, v)| v)
}

fn trim_spaces(mut b: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = b {
        b = rest;
    }
    while let [rest @ .., b' '] = b {
        b = rest;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::flag::Flag;
    use crate::proto::seqset::SeqSet;

    fn code(s: &str) -> Code {
        parse_code(s.as_bytes(), &ParseOptions::default())
    }

    #[test]
    fn simple_codes() {
        assert_eq!(code("ALERT"), Code::Alert);
        assert_eq!(code("read-only"), Code::ReadOnly);
        assert_eq!(code("READ-WRITE"), Code::ReadWrite);
        assert_eq!(code("TRYCREATE"), Code::TryCreate);
        assert_eq!(code("PARSE"), Code::Parse);
        assert_eq!(code("NOMODSEQ"), Code::NoModSeq);
        assert_eq!(code("CLOSED"), Code::Closed);
    }

    #[test]
    fn codes_with_arguments() {
        assert_eq!(code("UIDNEXT 4392"), Code::UidNext(4392));
        assert_eq!(
            code("UIDVALIDITY 3857529045"),
            Code::UidValidity(3857529045)
        );
        assert_eq!(code("UNSEEN 12"), Code::Unseen(12));
        assert_eq!(
            code("HIGHESTMODSEQ 715194045007"),
            Code::HighestModSeq(715194045007)
        );
        assert_eq!(
            code("PERMANENTFLAGS (\\Deleted \\Seen \\*)"),
            Code::PermanentFlags(vec![Flag::Deleted, Flag::Seen, Flag::MayCreate])
        );
        assert_eq!(code("PERMANENTFLAGS ()"), Code::PermanentFlags(vec![]));
        assert_eq!(
            code("CAPABILITY IMAP4rev2 AUTH=PLAIN"),
            Code::Capability(vec!["IMAP4rev2".into(), "AUTH=PLAIN".into()])
        );
        assert_eq!(
            code("BADCHARSET (UTF-8 \"x y\")"),
            Code::BadCharset(vec!["UTF-8".into(), "x y".into()])
        );
        assert_eq!(code("BADCHARSET"), Code::BadCharset(vec![]));
        assert_eq!(
            code("APPENDUID 38505 3955"),
            Code::AppendUid {
                uidvalidity: 38505,
                uids: SeqSet::from_pairs(&[(3955, 3955)])
            }
        );
        assert_eq!(
            code("COPYUID 38505 304,319:320 3956:3958"),
            Code::CopyUid {
                uidvalidity: 38505,
                source: SeqSet::from_pairs(&[(304, 304), (319, 320)]),
                dest: SeqSet::from_pairs(&[(3956, 3958)])
            }
        );
        assert_eq!(
            code("copyUID 9999 20:19,500:495 92:97,101:100"),
            Code::CopyUid {
                uidvalidity: 9999,
                source: SeqSet::from_pairs(&[(20, 19), (500, 495)]),
                dest: SeqSet::from_pairs(&[(92, 97), (101, 100)])
            }
        );
    }

    #[test]
    fn unknown_and_malformed() {
        assert_eq!(
            code("AUTHENTICATIONFAILED"),
            Code::Other {
                name: "AUTHENTICATIONFAILED".into(),
                args: None
            }
        );
        assert_eq!(
            code("mailboxid (27)"),
            Code::Other {
                name: "MAILBOXID".into(),
                args: Some("(27)".into())
            }
        );
        assert_eq!(
            code("COPYUID 701  "),
            Code::Other {
                name: "COPYUID".into(),
                args: Some("701".into())
            }
        );
        assert_eq!(
            code("UIDNEXT x"),
            Code::Other {
                name: "UIDNEXT".into(),
                args: Some("x".into())
            }
        );
    }
}
