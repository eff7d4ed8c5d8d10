//! Response codes: the bracketed part of a status response (RFC 9051 §7.1, RFC 4315 UIDPLUS,
//! RFC 7162 CONDSTORE). A known code with arguments we cannot read becomes [`Code::Other`]
//! with its text, so nothing is lost.
use nom::character::complete::char;
use nom::combinator::all_consuming;
use nom::sequence::{delimited, preceded, terminated};

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
        "UNAVAILABLE" => Some(Code::Unavailable),
        "AUTHENTICATIONFAILED" => Some(Code::AuthenticationFailed),
        "AUTHORIZATIONFAILED" => Some(Code::AuthorizationFailed),
        "EXPIRED" => Some(Code::Expired),
        "PRIVACYREQUIRED" => Some(Code::PrivacyRequired),
        "CONTACTADMIN" => Some(Code::ContactAdmin),
        "NOPERM" => Some(Code::NoPerm),
        "INUSE" => Some(Code::InUse),
        "EXPUNGEISSUED" => Some(Code::ExpungeIssued),
        "CORRUPTION" => Some(Code::Corruption),
        "SERVERBUG" => Some(Code::ServerBug),
        "CLIENTBUG" => Some(Code::ClientBug),
        "CANNOT" => Some(Code::Cannot),
        "LIMIT" => Some(Code::Limit),
        "OVERQUOTA" => Some(Code::OverQuota),
        "ALREADYEXISTS" => Some(Code::AlreadyExists),
        "NONEXISTENT" => Some(Code::NonExistent),
        "HASCHILDREN" => Some(Code::HasChildren),
        "NOTSAVED" => Some(Code::NotSaved),
        "UNKNOWN-CTE" => Some(Code::UnknownCte),
        "USEATTR" => Some(Code::UseAttr),
        "COMPRESSIONACTIVE" => Some(Code::CompressionActive),
        "TOOBIG" => Some(Code::TooBig),
        "METADATA" => super::metadata::metadata_code(args),
        "REFERRAL" if !args.is_empty() => Some(Code::Referral(lossy(args))),
        "BADURL" if !args.is_empty() => Some(Code::BadUrl(lossy(args))),
        "NOUPDATE" => full(args, astring).map(|t| Code::NoUpdate(lossy_cow(t))),
        "MAILBOXID" => full(args, |i| {
            let (i, id) = delimited(
                terminated(char('('), sp0),
                objectid,
                preceded(sp0, char(')')),
            )(i)?;
            Ok((i, Code::MailboxId(lossy(id))))
        }),
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

/// objectid (RFC 8474): 1 to 255 of `A-Za-z0-9_-`.
pub(crate) fn objectid(i: &[u8]) -> R<'_, &[u8]> {
    nom::combinator::verify(
        nom::bytes::complete::take_while1(|b: u8| {
            b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
        }),
        |id: &[u8]| id.len() <= 255,
    )(i)
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
    fn rfc5530_and_rfc9051_codes() {
        let simple = [
            ("UNAVAILABLE", Code::Unavailable),
            ("AUTHENTICATIONFAILED", Code::AuthenticationFailed),
            ("AUTHORIZATIONFAILED", Code::AuthorizationFailed),
            ("EXPIRED", Code::Expired),
            ("PRIVACYREQUIRED", Code::PrivacyRequired),
            ("CONTACTADMIN", Code::ContactAdmin),
            ("NOPERM", Code::NoPerm),
            ("INUSE", Code::InUse),
            ("EXPUNGEISSUED", Code::ExpungeIssued),
            ("CORRUPTION", Code::Corruption),
            ("SERVERBUG", Code::ServerBug),
            ("CLIENTBUG", Code::ClientBug),
            ("CANNOT", Code::Cannot),
            ("LIMIT", Code::Limit),
            ("OVERQUOTA", Code::OverQuota),
            ("ALREADYEXISTS", Code::AlreadyExists),
            ("NONEXISTENT", Code::NonExistent),
            ("HASCHILDREN", Code::HasChildren),
            ("NOTSAVED", Code::NotSaved),
            ("UNKNOWN-CTE", Code::UnknownCte),
            ("USEATTR", Code::UseAttr),
            ("UIDNOTSTICKY", Code::UidNotSticky),
            ("COMPRESSIONACTIVE", Code::CompressionActive),
            ("TOOBIG", Code::TooBig),
            ("CLOSED", Code::Closed),
            ("ALERT", Code::Alert),
            ("PARSE", Code::Parse),
            ("TRYCREATE", Code::TryCreate),
            ("READ-ONLY", Code::ReadOnly),
            ("READ-WRITE", Code::ReadWrite),
            ("NOMODSEQ", Code::NoModSeq),
        ];
        for (name, want) in simple {
            assert_eq!(code(name), want);
            assert_eq!(code(&name.to_ascii_lowercase()), want);
            assert_eq!(want.name(), name);
        }
        let with_args = [
            (
                "REFERRAL IMAP://user;AUTH=*@SERVER2/",
                Code::Referral("IMAP://user;AUTH=*@SERVER2/".into()),
            ),
            (
                "MAILBOXID (F2212ea87-6097-4256-9d51-71338625)",
                Code::MailboxId("F2212ea87-6097-4256-9d51-71338625".into()),
            ),
            ("mailboxid (27)", Code::MailboxId("27".into())),
            (
                "BADURL imap://x/INBOX;UIDVALIDITY=1/;UID=2",
                Code::BadUrl("imap://x/INBOX;UIDVALIDITY=1/;UID=2".into()),
            ),
            ("NOUPDATE \"B02\"", Code::NoUpdate("B02".into())),
            (
                "BADCHARSET (US-ASCII)",
                Code::BadCharset(vec!["US-ASCII".into()]),
            ),
            ("UIDNEXT 1", Code::UidNext(1)),
            (
                "MODIFIED 7,9",
                Code::Modified(SeqSet::from_pairs(&[(7, 7), (9, 9)])),
            ),
        ];
        for (text, want) in with_args {
            let got = code(text);
            assert_eq!(got, want, "{text}");
            let wire = text.split(' ').next().unwrap().to_ascii_uppercase();
            assert_eq!(got.name(), wire);
        }
    }

    #[test]
    fn unknown_and_malformed() {
        assert_eq!(
            code("X-UNKNOWN-CODE"),
            Code::Other {
                name: "X-UNKNOWN-CODE".into(),
                args: None
            }
        );
        assert_eq!(
            code("x-vendor (a b)"),
            Code::Other {
                name: "X-VENDOR".into(),
                args: Some("(a b)".into())
            }
        );
        assert_eq!(
            code("MAILBOXID (a b)"),
            Code::Other {
                name: "MAILBOXID".into(),
                args: Some("(a b)".into())
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
