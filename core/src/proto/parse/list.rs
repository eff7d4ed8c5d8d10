//! `LIST` / `LSUB` data (RFC 9051 §7.3.1, RFC 3501 §7.2.2–3) and mailbox names.
use std::borrow::Cow;

use nom::branch::alt;
use nom::combinator::map;
use nom::sequence::terminated;

use super::mutf7;
use super::token::{
    astring, fail, list, loose_atom, lossy, lossy_cow, nil, only_blank, quoted, skip_value, sp,
    sp0, string, R,
};
use super::ParseOptions;
use crate::proto::mailbox::ListItem;

/// A mailbox name on the wire: a string, or an atom. Servers have sent atoms with TABs and
/// 8-bit bytes in them, so the atom form accepts anything up to a space or parenthesis.
pub(crate) fn mailbox(i: &[u8]) -> R<'_, Cow<'_, [u8]>> {
    alt((string, map(loose_atom, Cow::Borrowed)))(i)
}

/// The display form of a mailbox name: modified UTF-7 decoded unless the session uses UTF-8
/// names. A name that is not valid modified UTF-7 is shown as sent (lossy UTF-8).
pub(crate) fn decode_name(raw: &[u8], opts: &ParseOptions) -> String {
    if opts.utf8_names {
        return lossy(raw);
    }
    mutf7::decode(raw).unwrap_or_else(|| lossy(raw))
}

fn delimiter(i: &[u8]) -> R<'_, Option<char>> {
    alt((
        map(nil, |_| None),
        map(quoted, |q| lossy_cow(q).chars().next()),
    ))(i)
}

/// After `LIST` / `LSUB`: `SP (attrs) SP delim SP name [SP (ext)]`.
pub(crate) fn list_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, ListItem> {
    let max = opts.limits.max_items;
    let (i, _) = sp(i)?;
    let (i, attributes) = match nil(i) {
        Ok((r, _)) if opts.quirks.nil_as_empty_list => (r, Vec::new()),
        _ => list(max, loose_atom)(i)?,
    };
    let (i, _) = sp(i)?;
    let (i, delimiter) = delimiter(i)?;
    let (i, _) = sp(i)?;
    let (i, raw) = mailbox(i)?;
    let mut item = ListItem {
        attributes: attributes.into_iter().map(lossy).collect(),
        delimiter,
        name: decode_name(&raw, opts),
        name_raw: raw.into_owned(),
        ..ListItem::default()
    };
    // Extended data is optional and advisory: when it cannot be read, the item stands without it.
    if let Ok((rest, ext)) = terminated(|i| extended(i, max), sp0)(i) {
        if only_blank(rest) {
            item.old_name = ext.old_name.map(|raw| decode_name(&raw, opts));
            item.child_info = ext.child_info;
            item.extended = ext.other;
        }
    }
    Ok((i, item))
}

#[derive(Default)]
struct Extended<'a> {
    old_name: Option<Cow<'a, [u8]>>,
    child_info: Vec<String>,
    other: Vec<(String, Vec<u8>)>,
}

/// `SP (tag value tag value …)` (RFC 5258 mbox-list-extended).
fn extended(i: &[u8], max: usize) -> R<'_, Extended<'_>> {
    let (mut i, _) = terminated(sp, nom::character::complete::char('('))(i)?;
    let mut ext = Extended::default();
    let mut n = 0;
    loop {
        let (r, _) = sp0(i)?;
        if let Some(rest) = r.strip_prefix(b")") {
            return Ok((rest, ext));
        }
        n += 1;
        if n > max {
            return fail(i);
        }
        let (r, tag) = astring(r)?;
        let (r, _) = sp(r)?;
        if tag.eq_ignore_ascii_case(b"OLDNAME") {
            let (r2, name) = list(1, mailbox)(r)?;
            ext.old_name = name.into_iter().next();
            i = r2;
        } else if tag.eq_ignore_ascii_case(b"CHILDINFO") {
            let (r2, why) = list(max, astring)(r)?;
            ext.child_info = why.into_iter().map(lossy_cow).collect();
            i = r2;
        } else {
            let (r2, raw) = skip_value(r)?;
            ext.other.push((lossy_cow(tag), raw.to_vec()));
            i = r2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use super::super::{parse_response, ParseOptions};
    use crate::proto::mailbox::{ListItem, MailboxAttr};
    use crate::proto::response::{Response, Untagged};

    fn item(attrs: &[&str], delim: Option<char>, name: &str, raw: &[u8]) -> ListItem {
        ListItem {
            attributes: attrs.iter().map(|s| s.to_string()).collect(),
            delimiter: delim,
            name: name.into(),
            name_raw: raw.to_vec(),
            ..ListItem::default()
        }
    }

    fn list(r: Response) -> ListItem {
        match r {
            Response::Untagged(Untagged::List(l)) => l,
            other => panic!("not LIST: {other:?}"),
        }
    }

    #[test]
    fn rfc_examples() {
        assert_eq!(
            list(p(b"* LIST (\\Noselect) \"/\" \"\"\r\n")),
            item(&["\\Noselect"], Some('/'), "", b"")
        );
        assert_eq!(
            list(p(b"* LIST (\\Noselect) \".\" #news.\r\n")),
            item(&["\\Noselect"], Some('.'), "#news.", b"#news.")
        );
        assert_eq!(
            list(p(b"* LIST () \"/\" ~/Mail/foo\r\n")),
            item(&[], Some('/'), "~/Mail/foo", b"~/Mail/foo")
        );
        assert_eq!(
            list(p(b"* LIST () NIL INBOX\r\n")),
            item(&[], None, "INBOX", b"INBOX")
        );
        assert_eq!(
            list(p(b"* LIST (\\Marked \\NoInferiors) \"/\" \"inbox\"\r\n")),
            item(&["\\Marked", "\\NoInferiors"], Some('/'), "inbox", b"inbox")
        );
        assert_eq!(
            p(b"* LSUB () \".\" #news.comp.mail.misc\r\n"),
            Response::Untagged(Untagged::Lsub(item(
                &[],
                Some('.'),
                "#news.comp.mail.misc",
                b"#news.comp.mail.misc"
            )))
        );
        let mut renamed = item(&[], Some('/'), "NewMailbox", b"NewMailbox");
        renamed.old_name = Some("OldMailbox".into());
        assert_eq!(
            list(p(
                b"* LIST () \"/\" \"NewMailbox\" (\"OLDNAME\" (\"OldMailbox\"))\r\n"
            )),
            renamed
        );
    }

    #[test]
    fn rfc5258_list_extended() {
        let mut foo = item(&[], Some('/'), "Foo", b"Foo");
        foo.child_info = vec!["SUBSCRIBED".into()];
        assert_eq!(
            list(p(
                b"* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
            )),
            foo
        );
        let peach = list(p(
            b"* LIST (\\Subscribed \\NonExistent) \"/\" \"Fruit/Peach\"\r\n",
        ));
        assert_eq!(
            peach.attrs(),
            vec![MailboxAttr::Subscribed, MailboxAttr::NonExistent]
        );
        let mut tofu = item(&["\\HasChildren"], Some('/'), "Tofu", b"Tofu");
        tofu.extended = vec![("X-EXT".into(), b"(1 \"a\")".to_vec())];
        tofu.child_info = vec!["SUBSCRIBED".into()];
        assert_eq!(
            list(p(
                b"* LIST (\\HasChildren) \"/\" Tofu (X-EXT (1 \"a\") CHILDINFO (SUBSCRIBED))\r\n"
            )),
            tofu
        );
        assert!(list(p(b"* LIST (\\Remote) \"/\" \"Bread\"\r\n")).has_attr(&MailboxAttr::Remote));
        // Unreadable extended data: the item stands without it.
        assert_eq!(
            list(p(b"* LIST () \"/\" Foo (CHILDINFO\r\n")),
            item(&[], Some('/'), "Foo", b"Foo")
        );
    }

    #[test]
    fn rfc6154_special_use() {
        let cases: &[(&[u8], Vec<MailboxAttr>)] = &[
            (
                b"* LIST (\\Marked \\HasNoChildren) \"/\" Inbox\r\n",
                vec![MailboxAttr::Marked, MailboxAttr::HasNoChildren],
            ),
            (
                b"* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n",
                vec![MailboxAttr::HasNoChildren, MailboxAttr::Drafts],
            ),
            (
                b"* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Mail\"\r\n",
                vec![MailboxAttr::HasNoChildren, MailboxAttr::Sent],
            ),
            (
                b"* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n",
                vec![MailboxAttr::HasNoChildren, MailboxAttr::Trash],
            ),
            (
                b"* LIST (\\HasNoChildren \\Junk) \"/\" Spam\r\n",
                vec![MailboxAttr::HasNoChildren, MailboxAttr::Junk],
            ),
            (
                b"* LIST (\\HasNoChildren \\Archive) \"/\" Archive\r\n",
                vec![MailboxAttr::HasNoChildren, MailboxAttr::Archive],
            ),
            (
                b"* LIST (\\Noselect \\HasChildren \\All) \"/\" \"[Gmail]/All Mail\"\r\n",
                vec![
                    MailboxAttr::NoSelect,
                    MailboxAttr::HasChildren,
                    MailboxAttr::All,
                ],
            ),
            (
                b"* LIST (\\flagged \\Important \\Unmarked \\NoInferiors) \"/\" x\r\n",
                vec![
                    MailboxAttr::Flagged,
                    MailboxAttr::Important,
                    MailboxAttr::Unmarked,
                    MailboxAttr::NoInferiors,
                ],
            ),
            (
                b"* LIST (\\X-Custom $Junk) \"/\" x\r\n",
                vec![
                    MailboxAttr::Other("\\X-Custom".into()),
                    MailboxAttr::Other("$Junk".into()),
                ],
            ),
        ];
        for (line, want) in cases {
            assert_eq!(
                &list(p(line)).attrs(),
                want,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
        assert!(MailboxAttr::Sent.is_special_use() && !MailboxAttr::Marked.is_special_use());
        assert_eq!(MailboxAttr::parse("\\sent").to_string(), "\\Sent");
    }

    #[test]
    fn names_decoded() {
        let raw = b"~peter/mail/&U,BTFw-/&ZeVnLIqe-";
        let mut line = b"* LIST () \"/\" ".to_vec();
        line.extend_from_slice(raw);
        line.extend_from_slice(b"\r\n");
        assert_eq!(
            list(p(&line)),
            item(
                &[],
                Some('/'),
                "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}",
                raw
            )
        );
        let utf8 = ParseOptions {
            utf8_names: true,
            ..ParseOptions::default()
        };
        let r = parse_response("* LIST () \"/\" \"Entw\u{fc}rfe &x\"\r\n".as_bytes(), &utf8);
        assert_eq!(
            list(r),
            item(
                &[],
                Some('/'),
                "Entw\u{fc}rfe &x",
                "Entw\u{fc}rfe &x".as_bytes()
            )
        );
        // Not valid modified UTF-7: shown as sent.
        assert_eq!(
            list(p(b"* LIST () \"/\" \"a&b\"\r\n")),
            item(&[], Some('/'), "a&b", b"a&b")
        );
    }

    #[test]
    fn literal_and_escapes() {
        assert_eq!(
            list(p(b"* LIST () \"/\" {5}\r\na b c\r\n")),
            item(&[], Some('/'), "a b c", b"a b c")
        );
        assert_eq!(
            list(p(b"* LIST () \"\\\\\" Other\r\n")),
            item(&[], Some('\\'), "Other", b"Other")
        );
        assert_eq!(
            list(p(b"* LIST (\\HasNoChildren) \"/\" INBOX/Da\tOggetto\t\r\n")),
            item(
                &["\\HasNoChildren"],
                Some('/'),
                "INBOX/Da\tOggetto\t",
                b"INBOX/Da\tOggetto\t"
            )
        );
        assert_eq!(
            list(p(b"* LIST NIL \"/\" x \r\n")),
            item(&[], Some('/'), "x", b"x")
        );
    }
}
