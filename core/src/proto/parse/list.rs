//! `LIST` / `LSUB` data (RFC 9051 §7.3.1, RFC 3501 §7.2.2–3) and mailbox names.
use std::borrow::Cow;

use nom::branch::alt;
use nom::combinator::map;
use nom::sequence::terminated;

use super::mutf7;
use super::token::{
    astring, list, loose_atom, lossy, lossy_cow, nil, only_blank, quoted, skip_value, sp, sp0,
    string, R,
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
        old_name: None,
    };
    // Extended data is optional and advisory: when it cannot be read, the item stands without it.
    if let Ok((rest, old)) = terminated(extended, sp0)(i) {
        if only_blank(rest) {
            item.old_name = old.map(|raw| decode_name(&raw, opts));
        }
    }
    Ok((i, item))
}

/// `SP ("TAG" value "TAG" value …)`; returns the OLDNAME mailbox if present.
fn extended(i: &[u8]) -> R<'_, Option<Cow<'_, [u8]>>> {
    let (mut i, _) = terminated(sp, nom::character::complete::char('('))(i)?;
    let mut old = None;
    loop {
        let (r, _) = sp0(i)?;
        if let Some(rest) = r.strip_prefix(b")") {
            return Ok((rest, old));
        }
        let (r, tag) = astring(r)?;
        let (r, _) = sp(r)?;
        if tag.eq_ignore_ascii_case(b"OLDNAME") {
            let (r2, name) = list(1, mailbox)(r)?;
            old = name.into_iter().next();
            i = r2;
        } else {
            i = skip_value(r)?.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use super::super::{parse_response, ParseOptions};
    use crate::proto::mailbox::ListItem;
    use crate::proto::response::{Response, Untagged};

    fn item(attrs: &[&str], delim: Option<char>, name: &str, raw: &[u8]) -> ListItem {
        ListItem {
            attributes: attrs.iter().map(|s| s.to_string()).collect(),
            delimiter: delim,
            name: name.into(),
            name_raw: raw.to_vec(),
            old_name: None,
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
        assert_eq!(
            list(p(
                b"* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
            )),
            item(&["\\Subscribed"], Some('/'), "Foo", b"Foo")
        );
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
