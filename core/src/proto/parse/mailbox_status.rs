//! `STATUS` data (RFC 9051 §7.3.4): `* STATUS mailbox (att n …)`.
use nom::branch::alt;
use nom::character::complete::char;
use nom::combinator::{map, value};
use nom::sequence::{delimited, preceded, separated_pair, terminated};

use super::code::objectid;
use super::list::{decode_name, mailbox};
use super::token::{atom, fail, list, lossy, nil, number64, only_blank, sp, sp0, R};
use super::ParseOptions;
use crate::proto::mailbox::StatusValues;
use crate::proto::response::Untagged;

#[derive(Clone)]
enum Value<'a> {
    Number(u64),
    Nil,
    ObjectId(&'a [u8]),
}

fn status_value(i: &[u8]) -> R<'_, Value<'_>> {
    alt((
        map(number64, Value::Number),
        value(Value::Nil, nil),
        map(
            delimited(
                terminated(char('('), sp0),
                objectid,
                preceded(sp0, char(')')),
            ),
            Value::ObjectId,
        ),
    ))(i)
}

/// After `STATUS`. An empty attribute list (163.com) and trailing spaces (Outlook) are read.
pub(crate) fn status_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let (i, _) = sp(i)?;
    let (i, raw) = terminated(mailbox, sp0)(i)?;
    let (i, pairs) = terminated(
        list(
            opts.limits.max_items,
            separated_pair(atom, sp, status_value),
        ),
        sp0,
    )(i)?;
    if !only_blank(i) {
        return fail(i);
    }
    let mut items = Vec::new();
    let mut values = StatusValues::default();
    for (k, v) in pairs {
        let k = lossy(k).to_ascii_uppercase();
        let small = |n: u64| u32::try_from(n).ok();
        match (k.as_str(), v) {
            ("MAILBOXID", Value::ObjectId(id)) => values.mailbox_id = Some(lossy(id)),
            ("APPENDLIMIT", Value::Nil) => values.append_limit = Some(None),
            (_, Value::Number(n)) => {
                match k.as_str() {
                    "MESSAGES" => values.messages = small(n),
                    "RECENT" => values.recent = small(n),
                    "UIDNEXT" => values.uidnext = small(n),
                    "UIDVALIDITY" => values.uidvalidity = small(n),
                    "UNSEEN" => values.unseen = small(n),
                    "DELETED" => values.deleted = small(n),
                    "SIZE" => values.size = Some(n),
                    "HIGHESTMODSEQ" => values.highest_modseq = Some(n),
                    "DELETED-STORAGE" => values.deleted_storage = Some(n),
                    "APPENDLIMIT" => values.append_limit = Some(Some(n)),
                    _ => {}
                }
                items.push((k, n));
            }
            // A value of the wrong kind for a known attribute is malformed; other
            // extensions' non-numeric values are not ours to judge.
            (
                "MESSAGES" | "RECENT" | "UIDNEXT" | "UIDVALIDITY" | "UNSEEN" | "DELETED" | "SIZE"
                | "HIGHESTMODSEQ" | "DELETED-STORAGE" | "APPENDLIMIT" | "MAILBOXID",
                _,
            ) => return fail(i),
            _ => {}
        }
    }
    Ok((
        i,
        Untagged::MailboxStatus {
            name: decode_name(&raw, opts),
            name_raw: raw.into_owned(),
            items,
            values,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::mailbox::StatusValues;
    use crate::proto::response::{Response, Untagged};

    fn st(name: &str, items: &[(&str, u64)]) -> Response {
        st_values(name, items, status_values(items))
    }

    fn status_values(items: &[(&str, u64)]) -> StatusValues {
        let mut v = StatusValues::default();
        for (k, n) in items {
            match *k {
                "MESSAGES" => v.messages = Some(*n as u32),
                "UIDNEXT" => v.uidnext = Some(*n as u32),
                "UNSEEN" => v.unseen = Some(*n as u32),
                "HIGHESTMODSEQ" => v.highest_modseq = Some(*n),
                _ => {}
            }
        }
        v
    }

    fn st_values(name: &str, items: &[(&str, u64)], values: StatusValues) -> Response {
        Response::Untagged(Untagged::MailboxStatus {
            name: name.into(),
            name_raw: name.as_bytes().to_vec(),
            items: items.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            values,
        })
    }

    #[test]
    fn extension_items() {
        // RFC 9051 §6.3.11 (SIZE, DELETED), RFC 8438, RFC 9208, RFC 7889, RFC 8474.
        assert_eq!(
            p(b"* STATUS INBOX (MESSAGES 17 SIZE 1048576 DELETED 2 DELETED-STORAGE 8)\r\n"),
            st_values(
                "INBOX",
                &[
                    ("MESSAGES", 17),
                    ("SIZE", 1048576),
                    ("DELETED", 2),
                    ("DELETED-STORAGE", 8)
                ],
                StatusValues {
                    messages: Some(17),
                    size: Some(1048576),
                    deleted: Some(2),
                    deleted_storage: Some(8),
                    ..StatusValues::default()
                }
            )
        );
        assert_eq!(
            p(b"* STATUS INBOX (APPENDLIMIT 257890)\r\n"),
            st_values(
                "INBOX",
                &[("APPENDLIMIT", 257890)],
                StatusValues {
                    append_limit: Some(Some(257890)),
                    ..StatusValues::default()
                }
            )
        );
        assert_eq!(
            p(b"* STATUS INBOX (APPENDLIMIT NIL UIDVALIDITY 3 RECENT 1)\r\n"),
            st_values(
                "INBOX",
                &[("UIDVALIDITY", 3), ("RECENT", 1)],
                StatusValues {
                    append_limit: Some(None),
                    uidvalidity: Some(3),
                    recent: Some(1),
                    ..StatusValues::default()
                }
            )
        );
        assert_eq!(
            p(b"* STATUS foo (MAILBOXID (F6352ae03-b7f5-463c-896f-d8b48ee3))\r\n"),
            st_values(
                "foo",
                &[],
                StatusValues {
                    mailbox_id: Some("F6352ae03-b7f5-463c-896f-d8b48ee3".into()),
                    ..StatusValues::default()
                }
            )
        );
        assert_eq!(
            p(b"* STATUS foo (X-FOO NIL MESSAGES 1)\r\n"),
            st("foo", &[("MESSAGES", 1)])
        );
        assert!(matches!(
            p(b"* STATUS foo (MESSAGES NIL)\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
    }

    #[test]
    fn rfc5819_list_status() {
        // LIST-STATUS: each STATUS follows the LIST of its mailbox.
        assert!(matches!(
            p(b"* LIST () \".\" \"INBOX\"\r\n"),
            Response::Untagged(Untagged::List(_))
        ));
        assert_eq!(
            p(b"* STATUS \"INBOX\" (MESSAGES 17 UNSEEN 16)\r\n"),
            st("INBOX", &[("MESSAGES", 17), ("UNSEEN", 16)])
        );
        assert_eq!(
            p(b"* STATUS \"foo.bar\" (MESSAGES 30 UNSEEN 29)\r\n"),
            st("foo.bar", &[("MESSAGES", 30), ("UNSEEN", 29)])
        );
    }

    #[test]
    fn rfc_example() {
        assert_eq!(
            p(b"* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"),
            st("blurdybloop", &[("MESSAGES", 231), ("UIDNEXT", 44292)])
        );
        assert_eq!(
            p(b"* STATUS \"INBOX\" (HIGHESTMODSEQ 7011231777 unseen 0)\r\n"),
            st("INBOX", &[("HIGHESTMODSEQ", 7011231777), ("UNSEEN", 0)])
        );
    }

    #[test]
    fn deviations() {
        assert_eq!(p(b"* STATUS \"INBOX\" ()\r\n"), st("INBOX", &[]));
        assert_eq!(
            p(b"* STATUS Inbox (MESSAGES 1) \r\n"),
            st("Inbox", &[("MESSAGES", 1)])
        );
        assert!(matches!(
            p(b"* STATUS Inbox (MESSAGES x)\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
    }
}
