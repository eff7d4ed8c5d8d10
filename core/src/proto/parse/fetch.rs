//! FETCH data (RFC 9051 §7.5.2): `* n FETCH (item value …)`.
//!
//! Each item is read on its own. One that is unknown or malformed becomes
//! [`FetchItem::Other`] with its exact bytes (name included), found by skipping one value
//! generically; when even that is impossible (unbalanced data), the rest of the response goes
//! into one `Other` item. An item list wrapped in an extra pair of parentheses (Domino wraps
//! ENVELOPE so) is read as if the parentheses were not there.
use nom::bytes::complete::take_while1;
use nom::character::complete::char;
use nom::sequence::{delimited, preceded, terminated};

use super::body::body;
use super::date::internal_date;
use super::envelope::envelope;
use super::flags::flag_list;
use super::quirks::has_lowercase;
use super::token::{
    bracket_body, is_atom_char, lossy, lossy_cow, nstring, number, number64, quoted, skip_value,
    sp, sp0, R,
};
use super::ParseOptions;
use crate::proto::fetch::{BodySection, FetchItem};
use crate::proto::flag::Flag;

/// After `FETCH`: ` (items)`. `None` when there is no item list at all.
pub(crate) fn fetch_data(i: &[u8], opts: &ParseOptions) -> Option<Vec<FetchItem>> {
    let (r, _) = preceded(sp, char::<_, nom::error::Error<&[u8]>>('('))(i).ok()?;
    let mut items = Vec::new();
    items_until_close(r, opts, true, &mut items);
    Some(items)
}

/// Reads items up to the matching `)` (or the end), appending to `out`; returns the rest.
fn items_until_close<'a>(
    mut i: &'a [u8],
    opts: &ParseOptions,
    outer: bool,
    out: &mut Vec<FetchItem>,
) -> &'a [u8] {
    loop {
        i = sp0(i).map_or(i, |(r, _)| r);
        match i.first() {
            None => return i,
            Some(b')') => return &i[1..],
            Some(b'\r' | b'\n') if outer => return i,
            _ => {}
        }
        if out.len() >= opts.limits.max_items {
            out.push(FetchItem::Other {
                name: String::new(),
                raw: i.to_vec(),
            });
            return &i[i.len()..];
        }
        if outer && opts.quirks.extra_parens_in_fetch && i.first() == Some(&b'(') {
            let before = out.len();
            let rest = items_until_close(&i[1..], opts, false, out);
            // The nested list must have closed; otherwise keep its bytes as one item.
            if rest.len() < i.len()
                && i.len() - rest.len() > 1
                && matches!(i.get(i.len() - rest.len() - 1), Some(b')'))
            {
                i = rest;
                continue;
            }
            out.truncate(before);
        }
        match item(i, opts) {
            Ok((rest, it)) if rest.len() < i.len() => {
                out.push(it);
                i = rest;
            }
            _ => match generic(i) {
                Some((rest, it)) => {
                    out.push(it);
                    i = rest;
                }
                None => {
                    let raw = super::token::strip_eol(i);
                    let raw = raw.strip_suffix(b")").unwrap_or(raw);
                    out.push(FetchItem::Other {
                        name: item_name(i).map(|(_, n)| lossy(n.full)).unwrap_or_default(),
                        raw: raw.to_vec(),
                    });
                    return &i[i.len()..];
                }
            },
        }
    }
}

struct Name<'a> {
    base: &'a [u8],
    section: Option<&'a [u8]>,
    origin: Option<u32>,
    full: &'a [u8],
}

/// `NAME`, `NAME[section]`, `NAME[section]<origin>`.
fn item_name(i: &[u8]) -> R<'_, Name<'_>> {
    let (r, base) = take_while1(|b| is_atom_char(b) && b != b'[')(i)?;
    let (r, section) = match bracket_body(r) {
        Ok((r, s)) => (r, Some(s)),
        Err(_) => (r, None),
    };
    let (r, origin) = match delimited(char('<'), number, char('>'))(r) {
        Ok((r, o)) => (r, Some(o)),
        Err(_) => (r, None),
    };
    let full = &i[..i.len() - r.len()];
    Ok((
        r,
        Name {
            base,
            section,
            origin,
            full,
        },
    ))
}

/// An item's bytes skipped generically: its name, then one value unless the list ends there.
fn generic(i: &[u8]) -> Option<(&[u8], FetchItem)> {
    let (after_name, name) = match item_name(i) {
        Ok((r, n)) => (r, lossy(n.full)),
        Err(_) => (i, String::new()),
    };
    let value_start = sp0(after_name).map_or(after_name, |(r, _)| r);
    let end = match value_start.first() {
        None | Some(b')') if !name.is_empty() => after_name,
        _ => skip_value(value_start).ok()?.0,
    };
    let raw = &i[..i.len() - end.len()];
    Some((
        end,
        FetchItem::Other {
            name,
            raw: raw.to_vec(),
        },
    ))
}

fn item<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, FetchItem> {
    let (r, name) = item_name(i)?;
    if !opts.quirks.lowercase_keywords && has_lowercase(name.base) {
        return super::token::fail(i);
    }
    let base = name.base.to_ascii_uppercase();
    let (r, _) = sp(r)?;
    let no_section = name.section.is_none() && name.origin.is_none();
    match (base.as_slice(), no_section) {
        (b"FLAGS", true) => {
            let (r, f) = flag_list(opts)(r)?;
            if !opts.quirks.star_in_flags && f.contains(&Flag::MayCreate) {
                return super::token::fail(i);
            }
            Ok((r, FetchItem::Flags(f)))
        }
        (b"UID", true) => {
            let (r, n) = number(r)?;
            Ok((r, FetchItem::Uid(n)))
        }
        (b"RFC822.SIZE", true) => {
            let (r, n) = number64(r)?;
            Ok((r, FetchItem::Rfc822Size(n)))
        }
        (b"MODSEQ", true) => {
            let (r, n) = delimited(
                terminated(char('('), sp0),
                number64,
                preceded(sp0, char(')')),
            )(r)?;
            Ok((r, FetchItem::ModSeq(n)))
        }
        (b"INTERNALDATE", true) => {
            let (r, q) = quoted(r)?;
            match internal_date(&q) {
                Some(d) => Ok((r, FetchItem::InternalDate(d))),
                None => super::token::fail(i),
            }
        }
        (b"ENVELOPE", true) => {
            let (r, e) = envelope(r, &opts.limits)?;
            Ok((r, FetchItem::Envelope(Box::new(e))))
        }
        (b"BODY" | b"BODYSTRUCTURE", true) => {
            let (r, b) = body(r, opts, 0)?;
            Ok((r, FetchItem::BodyStructure(Box::new(b))))
        }
        (b"RFC822" | b"RFC822.HEADER" | b"RFC822.TEXT", true) => {
            let (r, data) = nstring(r)?;
            let section = lossy(&base);
            Ok((
                r,
                FetchItem::Section(BodySection {
                    section,
                    origin: None,
                    data: data.map(|d| d.into_owned()),
                }),
            ))
        }
        (b"BODY" | b"BINARY", false) => {
            let spec = name.section.ok_or_else(|| {
                nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
            })?;
            let (r, data) = nstring(r)?;
            let spec = lossy_cow(std::borrow::Cow::Borrowed(spec));
            let section = if base == b"BINARY" {
                format!("BINARY[{spec}]")
            } else {
                spec
            };
            Ok((
                r,
                FetchItem::Section(BodySection {
                    section,
                    origin: name.origin,
                    data: data.map(|d| d.into_owned()),
                }),
            ))
        }
        _ => super::token::fail(i),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use super::*;
    use crate::proto::body::BodyStructure;
    use crate::proto::datetime::DateTime;
    use crate::proto::response::{Response, Untagged};

    fn fetch(s: &[u8]) -> (u32, Vec<FetchItem>) {
        match p(s) {
            Response::Untagged(Untagged::Fetch { seq, items }) => (seq, items),
            other => panic!("not FETCH: {other:?}"),
        }
    }

    fn section(name: &str, origin: Option<u32>, data: Option<&[u8]>) -> FetchItem {
        FetchItem::Section(BodySection {
            section: name.into(),
            origin,
            data: data.map(<[u8]>::to_vec),
        })
    }

    #[test]
    fn rfc_fetch_examples() {
        assert_eq!(
            fetch(b"* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)\r\n"),
            (
                23,
                vec![
                    FetchItem::Flags(vec![Flag::Seen]),
                    FetchItem::Rfc822Size(44827)
                ]
            )
        );
        assert_eq!(
            fetch(b"* 2 FETCH (FLAGS (\\Deleted \\Seen))\r\n").1,
            vec![FetchItem::Flags(vec![Flag::Deleted, Flag::Seen])]
        );
        assert_eq!(
            fetch(b"* 4 FETCH (FLAGS (\\Seen) UID 4827313)\r\n").1,
            vec![FetchItem::Flags(vec![Flag::Seen]), FetchItem::Uid(4827313)]
        );
        assert_eq!(
            fetch(b"* 12 FETCH (BODY[HEADER] {12}\r\nSubject: x\r\n)\r\n").1,
            vec![section("HEADER", None, Some(b"Subject: x\r\n"))]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (BINARY[1] ~{3}\r\n\0\x01\x02 BINARY.SIZE[1] 3)\r\n").1,
            vec![
                section("BINARY[1]", None, Some(b"\0\x01\x02")),
                FetchItem::Other {
                    name: "BINARY.SIZE[1]".into(),
                    raw: b"BINARY.SIZE[1] 3".to_vec()
                }
            ]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (MODSEQ (624140003))\r\n").1,
            vec![FetchItem::ModSeq(624140003)]
        );
    }

    #[test]
    fn rfc3501_full_fetch() {
        let (seq, items) = fetch(b"* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n");
        assert_eq!(seq, 12);
        assert_eq!(items.len(), 5);
        assert_eq!(items[0], FetchItem::Flags(vec![Flag::Seen]));
        assert_eq!(
            items[1],
            FetchItem::InternalDate(DateTime {
                year: 1996,
                month: 7,
                day: 17,
                hour: 2,
                minute: 44,
                second: 25,
                offset_minutes: -420
            })
        );
        assert_eq!(items[2], FetchItem::Rfc822Size(4286));
        let FetchItem::Envelope(env) = &items[3] else {
            panic!()
        };
        assert_eq!(
            env.subject.as_ref().unwrap().text,
            "IMAP4rev1 WG mtg summary and minutes"
        );
        assert_eq!(env.cc.len(), 2);
        let FetchItem::BodyStructure(b) = &items[4] else {
            panic!()
        };
        assert!(matches!(**b, BodyStructure::Text { lines: 92, .. }));
    }

    #[test]
    fn sections() {
        assert_eq!(
            fetch(b"* 1 FETCH (BODY[] NIL)\r\n").1,
            vec![section("", None, None)]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (BODY[1.MIME] \"x\")\r\n").1,
            vec![section("1.MIME", None, Some(b"x"))]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (body[text]<0> \"ab\")\r\n").1,
            vec![section("text", Some(0), Some(b"ab"))]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (BODY[HEADER.FIELDS (FROM TO)] {4}\r\nab\r\n)\r\n").1,
            vec![section("HEADER.FIELDS (FROM TO)", None, Some(b"ab\r\n"))]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (RFC822 {2}\r\nab RFC822.HEADER NIL rfc822.text \"t\")\r\n").1,
            vec![
                section("RFC822", None, Some(b"ab")),
                section("RFC822.HEADER", None, None),
                section("RFC822.TEXT", None, Some(b"t"))
            ]
        );
    }

    #[test]
    fn malformed_items_are_isolated() {
        let (_, items) = fetch(b"* 1 FETCH (UID 5 INTERNALDATE \"31-Feb-2020 00:00:00 +0000\" X-GM-LABELS (\"\\\\Inbox\" foo) FLAGS (\\Seen))\r\n");
        assert_eq!(
            items,
            vec![
                FetchItem::Uid(5),
                FetchItem::Other {
                    name: "INTERNALDATE".into(),
                    raw: b"INTERNALDATE \"31-Feb-2020 00:00:00 +0000\"".to_vec()
                },
                FetchItem::Other {
                    name: "X-GM-LABELS".into(),
                    raw: b"X-GM-LABELS (\"\\\\Inbox\" foo)".to_vec()
                },
                FetchItem::Flags(vec![Flag::Seen]),
            ]
        );
        // A section without its value.
        let (_, items) = fetch(b"* 1 FETCH (UID 3016 BODY[2.MIME] {2}\r\nab BODY[2] )\r\n");
        assert_eq!(
            items,
            vec![
                FetchItem::Uid(3016),
                section("2.MIME", None, Some(b"ab")),
                FetchItem::Other {
                    name: "BODY[2]".into(),
                    raw: b"BODY[2]".to_vec()
                }
            ]
        );
        // Unbalanced: the rest becomes one item.
        let (_, items) = fetch(b"* 1 FETCH (UID 1 X (((a)\r\n");
        assert_eq!(
            items,
            vec![
                FetchItem::Uid(1),
                FetchItem::Other {
                    name: "X".into(),
                    raw: b"X (((a".to_vec()
                }
            ]
        );
    }

    #[test]
    fn extra_parens() {
        let (_, items) = fetch(b"* 2 FETCH (UID 14935 (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)) BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0 NIL))\r\n");
        assert_eq!(items.len(), 3);
        assert_eq!(items[0], FetchItem::Uid(14935));
        assert!(matches!(items[1], FetchItem::Envelope(_)));
        assert!(matches!(items[2], FetchItem::BodyStructure(_)));
    }
}
