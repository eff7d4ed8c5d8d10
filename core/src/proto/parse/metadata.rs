//! `METADATA` data and response code (RFC 5464 §4.4, §4.2.1).
use nom::branch::alt;
use nom::combinator::map;
use nom::sequence::{preceded, separated_pair};

use super::list::mailbox;
use super::token::{astring, fail, list, literal, lossy_cow, nstring, number64, only_blank, sp, R};
use super::ParseOptions;
use crate::proto::mailbox_name::MailboxName;
use crate::proto::metadata::{MetadataCode, MetadataEntry};
use crate::proto::response::{Code, Untagged};

/// After `METADATA`: `SP mailbox SP (entry value …)`, or `SP mailbox SP entry …` (unsolicited:
/// which entries changed).
pub(crate) fn metadata_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let max = opts.limits.max_items;
    let (i, raw) = preceded(sp, mailbox)(i)?;
    let (i, _) = sp(i)?;
    let mailbox = MailboxName::from_wire(&raw, opts.utf8_names);
    if i.first() == Some(&b'(') {
        let (i, entries) = list(max, separated_pair(astring, sp, value))(i)?;
        if !only_blank(i) {
            return fail(i);
        }
        let entries: Vec<MetadataEntry> = entries
            .into_iter()
            .map(|(k, v)| (lossy_cow(k), v))
            .collect();
        return Ok((i, Untagged::Metadata { mailbox, entries }));
    }
    let (mut i, first) = astring(i)?;
    let mut entries = vec![lossy_cow(first)];
    while let Ok((r, e)) = preceded(sp, astring)(i) {
        if entries.len() >= max {
            return fail(i);
        }
        entries.push(lossy_cow(e));
        i = r;
    }
    if !only_blank(i) {
        return fail(i);
    }
    Ok((i, Untagged::MetadataChanged { mailbox, entries }))
}

/// nstring or literal8 (`~{n}`).
fn value(i: &[u8]) -> R<'_, Option<Vec<u8>>> {
    alt((
        map(nstring, |v| v.map(|c| c.into_owned())),
        map(literal, |l| Some(l.to_vec())),
    ))(i)
}

/// The arguments of `[METADATA …]`.
pub(crate) fn metadata_code(args: &[u8]) -> Option<Code> {
    let word_end = args.iter().position(|&b| b == b' ').unwrap_or(args.len());
    let (word, rest) = args.split_at(word_end);
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let number = || {
        number64(rest)
            .ok()
            .filter(|(r, _)| r.is_empty())
            .map(|(_, n)| n)
    };
    let code = match word.to_ascii_uppercase().as_slice() {
        b"LONGENTRIES" => MetadataCode::LongEntries(number()?),
        b"MAXSIZE" => MetadataCode::MaxSize(number()?),
        b"TOOMANY" if rest.is_empty() => MetadataCode::TooMany,
        b"NOPRIVATE" if rest.is_empty() => MetadataCode::NoPrivate,
        _ => return None,
    };
    Some(Code::Metadata(code))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::mailbox_name::MailboxName;
    use crate::proto::metadata::MetadataCode;
    use crate::proto::response::{Code, Response, Status, Untagged};

    fn md(mailbox: &str, entries: &[(&str, Option<&[u8]>)]) -> Response {
        Response::Untagged(Untagged::Metadata {
            mailbox: MailboxName::new(mailbox),
            entries: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(<[u8]>::to_vec)))
                .collect(),
        })
    }

    #[test]
    fn rfc5464_examples() {
        assert_eq!(
            p(b"* METADATA \"\" (/shared/comment \"Shared comment\")\r\n"),
            md("", &[("/shared/comment", Some(b"Shared comment"))])
        );
        assert_eq!(
            p(b"* METADATA \"INBOX\" (/private/comment \"My own comment\")\r\n"),
            md("INBOX", &[("/private/comment", Some(b"My own comment"))])
        );
        assert_eq!(
            p(b"* METADATA \"INBOX\" (/shared/comment \"Shared comment\" /private/comment \"My own comment\")\r\n"),
            md(
                "INBOX",
                &[
                    ("/shared/comment", Some(b"Shared comment")),
                    ("/private/comment", Some(b"My own comment"))
                ]
            )
        );
        assert_eq!(
            p(b"* METADATA \"INBOX\" (/private/comment {15}\r\nMy own\r\ncomment /shared/x NIL /shared/bin ~{2}\r\n\0\x01)\r\n"),
            md(
                "INBOX",
                &[
                    ("/private/comment", Some(b"My own\r\ncomment")),
                    ("/shared/x", None),
                    ("/shared/bin", Some(b"\0\x01"))
                ]
            )
        );
        assert_eq!(
            p(b"* METADATA \"\" /shared/comment\r\n"),
            Response::Untagged(Untagged::MetadataChanged {
                mailbox: MailboxName::new(""),
                entries: vec!["/shared/comment".into()]
            })
        );
        assert_eq!(
            p(b"* METADATA \"INBOX\" /shared/comment /private/comment\r\n"),
            Response::Untagged(Untagged::MetadataChanged {
                mailbox: MailboxName::new("INBOX"),
                entries: vec!["/shared/comment".into(), "/private/comment".into()]
            })
        );
        assert!(matches!(
            p(b"* METADATA \"INBOX\" (/private/comment)\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
    }

    #[test]
    fn rfc5464_codes() {
        let cases: &[(&[u8], Code)] = &[
            (
                b"a OK [METADATA LONGENTRIES 2199] GETMETADATA complete\r\n",
                Code::Metadata(MetadataCode::LongEntries(2199)),
            ),
            (
                b"a NO [METADATA MAXSIZE 1024] Annotation too large\r\n",
                Code::Metadata(MetadataCode::MaxSize(1024)),
            ),
            (
                b"a NO [METADATA TOOMANY] Too many annotations\r\n",
                Code::Metadata(MetadataCode::TooMany),
            ),
            (
                b"a NO [METADATA NOPRIVATE] Private annotations not supported\r\n",
                Code::Metadata(MetadataCode::NoPrivate),
            ),
        ];
        for (line, want) in cases {
            let Response::Tagged { status, code, .. } = p(line) else {
                panic!()
            };
            assert!(matches!(status, Status::Ok | Status::No));
            assert_eq!(code.as_ref(), Some(want));
            assert_eq!(want.name(), "METADATA");
        }
        let Response::Tagged { code, .. } = p(b"a NO [METADATA MAXSIZE x] no\r\n") else {
            panic!()
        };
        assert_eq!(
            code,
            Some(Code::Other {
                name: "METADATA".into(),
                args: Some("MAXSIZE x".into())
            })
        );
    }
}
