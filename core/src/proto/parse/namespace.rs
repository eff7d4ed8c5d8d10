//! `NAMESPACE` (RFC 2342, RFC 9051 §7.3.3) and `ID` (RFC 2971) data.
use nom::character::complete::char;
use nom::sequence::{preceded, terminated};

use super::list::decode_name;
use super::token::{fail, list, lossy_cow, nil, nstring, only_blank, quoted, sp, sp0, string, R};
use super::ParseOptions;
use crate::proto::namespace::{Namespace, Namespaces};
use crate::proto::response::IdParams;

/// After `NAMESPACE`.
pub(crate) fn namespace_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Namespaces> {
    let (i, personal) = preceded(sp, |i| group(i, opts))(i)?;
    let (i, other) = preceded(sp, |i| group(i, opts))(i)?;
    let (i, shared) = preceded(sp, |i| group(i, opts))(i)?;
    if !only_blank(i) {
        return fail(i);
    }
    Ok((
        i,
        Namespaces {
            personal,
            other,
            shared,
        },
    ))
}

/// NIL or `((…)(…))`.
fn group<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Vec<Namespace>> {
    if let Ok((r, _)) = nil(i) {
        return Ok((r, Vec::new()));
    }
    list(opts.limits.max_items, |i| descr(i, opts))(i)
}

/// `(prefix delimiter *(SP name (values)))`.
fn descr<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Namespace> {
    let max = opts.limits.max_items;
    let (i, _) = terminated(char('('), sp0)(i)?;
    let (i, prefix) = string(i)?;
    let (mut i, _) = sp(i)?;
    let delimiter = match nil(i) {
        Ok((r, _)) => {
            i = r;
            None
        }
        Err(_) => {
            let (r, d) = quoted(i)?;
            i = r;
            lossy_cow(d).chars().next()
        }
    };
    let mut extensions = Vec::new();
    loop {
        let (r, _) = sp0(i)?;
        if let Some(rest) = r.strip_prefix(b")") {
            return Ok((
                rest,
                Namespace {
                    prefix: decode_name(&prefix, opts),
                    delimiter,
                    extensions,
                },
            ));
        }
        if extensions.len() >= max {
            return fail(i);
        }
        let (r, name) = terminated(string, sp)(r)?;
        let (r, values) = list(max, string)(r)?;
        extensions.push((lossy_cow(name), values.into_iter().map(lossy_cow).collect()));
        i = r;
    }
}

/// After `ID`: NIL or `(key value …)` with NIL values allowed.
pub(crate) fn id_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Option<IdParams>> {
    let (i, _) = sp(i)?;
    let (i, params) = if let Ok((r, _)) = nil(i) {
        (r, None)
    } else {
        let (r, flat) = list(opts.limits.max_items.saturating_mul(2), nstring)(i)?;
        if flat.len() % 2 != 0 {
            return fail(i);
        }
        let mut out = Vec::with_capacity(flat.len() / 2);
        let mut it = flat.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            // The key is a string, never NIL.
            let Some(k) = k else { return fail(i) };
            out.push((lossy_cow(k), v.map(lossy_cow)));
        }
        (r, Some(out))
    };
    if !only_blank(i) {
        return fail(i);
    }
    Ok((i, params))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::namespace::{Namespace, Namespaces};
    use crate::proto::response::{Response, Untagged};

    fn ns(prefix: &str, delimiter: Option<char>) -> Namespace {
        Namespace {
            prefix: prefix.into(),
            delimiter,
            extensions: vec![],
        }
    }

    fn namespaces(line: &[u8]) -> Namespaces {
        match p(line) {
            Response::Untagged(Untagged::Namespace(n)) => n,
            other => panic!("not NAMESPACE: {other:?}"),
        }
    }

    #[test]
    fn rfc2342_examples() {
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"),
            Namespaces {
                personal: vec![ns("", Some('/'))],
                ..Namespaces::default()
            }
        );
        assert_eq!(
            namespaces(b"* NAMESPACE NIL NIL ((\"\" \".\"))\r\n"),
            Namespaces {
                shared: vec![ns("", Some('.'))],
                ..Namespaces::default()
            }
        );
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"\" \"/\")) NIL ((\"Public Folders/\" \"/\"))\r\n"),
            Namespaces {
                personal: vec![ns("", Some('/'))],
                shared: vec![ns("Public Folders/", Some('/'))],
                ..Namespaces::default()
            }
        );
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\")(\"#ftp/\" \"/\")(\"#news.\" \".\"))\r\n"),
            Namespaces {
                personal: vec![ns("", Some('/'))],
                other: vec![ns("~", Some('/'))],
                shared: vec![
                    ns("#shared/", Some('/')),
                    ns("#public/", Some('/')),
                    ns("#ftp/", Some('/')),
                    ns("#news.", Some('.'))
                ],
            }
        );
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL\r\n"),
            Namespaces {
                personal: vec![ns("INBOX.", Some('.'))],
                ..Namespaces::default()
            }
        );
    }

    #[test]
    fn extensions_and_nil_delimiter() {
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"\" \"/\")(\"#mh/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL NIL\r\n"),
            Namespaces {
                personal: vec![
                    ns("", Some('/')),
                    Namespace {
                        prefix: "#mh/".into(),
                        delimiter: Some('/'),
                        extensions: vec![("X-PARAM".into(), vec!["FLAG1".into(), "FLAG2".into()])]
                    }
                ],
                ..Namespaces::default()
            }
        );
        assert_eq!(
            namespaces(b"* NAMESPACE ((\"\" NIL)) nil nil\r\n"),
            Namespaces {
                personal: vec![ns("", None)],
                ..Namespaces::default()
            }
        );
        // Modified UTF-7 prefixes are decoded.
        assert_eq!(
            namespaces(b"* NAMESPACE NIL NIL ((\"&AMQ-ffentlich/\" \"/\"))\r\n").shared,
            vec![ns("\u{c4}ffentlich/", Some('/'))]
        );
        assert!(matches!(
            p(b"* NAMESPACE ((\"\" \"/\")) NIL\r\n"),
            Response::Untagged(Untagged::Other { .. })
        ));
    }

    #[test]
    fn rfc2971_id() {
        assert_eq!(
            p(b"* ID (\"name\" \"Cyrus\" \"version\" \"1.5\" \"os\" \"sunos\" \"os-version\" \"5.5\" \"support-url\" \"mailto:cyrus-bugs+@andrew.cmu.edu\")\r\n"),
            Response::Untagged(Untagged::Id(Some(vec![
                ("name".into(), Some("Cyrus".into())),
                ("version".into(), Some("1.5".into())),
                ("os".into(), Some("sunos".into())),
                ("os-version".into(), Some("5.5".into())),
                ("support-url".into(), Some("mailto:cyrus-bugs+@andrew.cmu.edu".into())),
            ])))
        );
        assert_eq!(p(b"* ID NIL\r\n"), Response::Untagged(Untagged::Id(None)));
        assert_eq!(
            p(b"* ID (\"name\" \"GImap\" \"support-url\" NIL)\r\n"),
            Response::Untagged(Untagged::Id(Some(vec![
                ("name".into(), Some("GImap".into())),
                ("support-url".into(), None),
            ])))
        );
        assert_eq!(
            p(b"* ID ()\r\n"),
            Response::Untagged(Untagged::Id(Some(vec![])))
        );
        for bad in [
            &b"* ID (\"name\")\r\n"[..],
            b"* ID (NIL \"x\")\r\n",
            b"* ID\r\n",
        ] {
            assert!(matches!(p(bad), Response::Untagged(Untagged::Other { .. })));
        }
    }
}
