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

use nom::branch::alt;
use nom::combinator::map;

use super::body::body;
use super::code::objectid;
use super::date::internal_date;
use super::envelope::envelope;
use super::flags::flag_list;
use super::list::decode_name;
use super::quirks::has_lowercase;
use super::shared::Frame;
use super::token::{
    bracket_body, is_atom_char, list, loose_atom, lossy, lossy_cow, nil, nstring, number, number64,
    quoted, skip_value, sp, sp0, string, R,
};
use super::ParseOptions;
use crate::proto::body::CompactBodyStructure;
use crate::proto::fetch::{BodySection, FetchItem};
use crate::proto::flag::Flag;

/// After `FETCH`: ` (items)`. `None` when there is no item list at all.
pub(crate) fn fetch_data(i: &[u8], f: &Frame<'_>, opts: &ParseOptions) -> Option<Vec<FetchItem>> {
    let (r, _) = preceded(sp, char::<_, nom::error::Error<&[u8]>>('('))(i).ok()?;
    let mut items = Vec::new();
    items_until_close(r, f, opts, true, &mut items);
    Some(items)
}

/// Reads items up to the matching `)` (or the end), appending to `out`; returns the rest.
fn items_until_close<'a>(
    mut i: &'a [u8],
    f: &Frame<'_>,
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
            let rest = items_until_close(&i[1..], f, opts, false, out);
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
        match item(i, f, opts) {
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

fn paren_objectid(i: &[u8]) -> R<'_, &[u8]> {
    delimited(
        terminated(char('('), sp0),
        objectid,
        preceded(sp0, char(')')),
    )(i)
}

fn item<'a>(i: &'a [u8], f: &Frame<'_>, opts: &ParseOptions) -> R<'a, FetchItem> {
    let (r, name) = item_name(i)?;
    if !opts.quirks.lowercase_keywords && has_lowercase(name.base) {
        return super::token::fail(i);
    }
    let mut buf = [0; 16];
    let base = super::token::upper(name.base, &mut buf);
    let (r, _) = sp(r)?;
    let no_section = name.section.is_none() && name.origin.is_none();
    match (base, no_section) {
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
            let (r, e) = envelope(r, f, &opts.limits)?;
            Ok((r, FetchItem::Envelope(Box::new(e))))
        }
        (b"BODY" | b"BODYSTRUCTURE", true) => {
            let (r, b) = body(r, f, opts, 0)?;
            Ok((
                r,
                FetchItem::BodyStructure(Box::new(CompactBodyStructure::new(
                    f.buffer().clone(),
                    b,
                ))),
            ))
        }
        (b"RFC822" | b"RFC822.HEADER" | b"RFC822.TEXT", true) => {
            let (r, data) = nstring(r)?;
            let section = lossy(base);
            Ok((
                r,
                FetchItem::Section(BodySection {
                    section,
                    origin: None,
                    data: data.map(|d| f.data(d)),
                }),
            ))
        }
        (b"BINARY.SIZE", false) => {
            let (r, size) = number64(r)?;
            Ok((
                r,
                FetchItem::BinarySize {
                    section: lossy(name.section.unwrap_or_default()),
                    size,
                },
            ))
        }
        (b"EMAILID", true) => {
            let (r, id) = paren_objectid(r)?;
            Ok((r, FetchItem::EmailId(lossy(id))))
        }
        (b"THREADID", true) => {
            let (r, id) = alt((map(nil, |_| None), map(paren_objectid, Some)))(r)?;
            Ok((r, FetchItem::ThreadId(id.map(lossy))))
        }
        (b"SAVEDATE", true) => {
            if let Ok((r, _)) = nil(r) {
                return Ok((r, FetchItem::SaveDate(None)));
            }
            let (r, q) = quoted(r)?;
            match internal_date(&q) {
                Some(d) => Ok((r, FetchItem::SaveDate(Some(d)))),
                None => super::token::fail(i),
            }
        }
        (b"PREVIEW", true) => {
            let (r, text) = nstring(r)?;
            Ok((r, FetchItem::Preview(text.map(lossy_cow))))
        }
        (b"X-GM-MSGID", true) => {
            let (r, n) = number64(r)?;
            Ok((r, FetchItem::GmMsgId(n)))
        }
        (b"X-GM-THRID", true) => {
            let (r, n) = number64(r)?;
            Ok((r, FetchItem::GmThrId(n)))
        }
        (b"X-GM-LABELS", true) => {
            let (r, labels) = list(
                opts.limits.max_items,
                alt((string, map(loose_atom, std::borrow::Cow::Borrowed))),
            )(r)?;
            Ok((
                r,
                FetchItem::GmLabels(labels.iter().map(|l| decode_name(l, opts)).collect()),
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
                    data: data.map(|d| f.data(d)),
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
            data: data.map(bytes::Bytes::copy_from_slice),
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
                FetchItem::BinarySize {
                    section: "1".into(),
                    size: 3
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
            env.subject().unwrap().text(),
            "IMAP4rev1 WG mtg summary and minutes"
        );
        assert_eq!(env.cc().len(), 2);
        let FetchItem::BodyStructure(b) = &items[4] else {
            panic!()
        };
        assert!(matches!(b.tree(), BodyStructure::Text { lines: 92, .. }));
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
        let (_, items) = fetch(b"* 1 FETCH (UID 5 INTERNALDATE \"31-Feb-2020 00:00:00 +0000\" X-GM-LABELS (\"\\\\Inbox\" foo FLAGS (\\Seen))\r\n");
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
                    raw: b"X-GM-LABELS (\"\\\\Inbox\" foo FLAGS (\\Seen))".to_vec()
                },
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
    fn extension_items() {
        // RFC 8474 §5.1, §5.2.
        assert_eq!(
            fetch(
                b"* 3 FETCH (EMAILID (Mdd7b9c4a5ad0f3cd0df0a5a1) THREADID (T64b478a75b7ea9))\r\n"
            )
            .1,
            vec![
                FetchItem::EmailId("Mdd7b9c4a5ad0f3cd0df0a5a1".into()),
                FetchItem::ThreadId(Some("T64b478a75b7ea9".into()))
            ]
        );
        assert_eq!(
            fetch(b"* 2 FETCH (EMAILID (M5fdc09b49ea703) THREADID NIL)\r\n").1,
            vec![
                FetchItem::EmailId("M5fdc09b49ea703".into()),
                FetchItem::ThreadId(None)
            ]
        );
        // RFC 8514.
        assert_eq!(
            fetch(b"* 1 FETCH (UID 1 SAVEDATE \"01-Jan-2019 10:00:00 +0000\")\r\n").1,
            vec![
                FetchItem::Uid(1),
                FetchItem::SaveDate(Some(DateTime {
                    year: 2019,
                    month: 1,
                    day: 1,
                    hour: 10,
                    minute: 0,
                    second: 0,
                    offset_minutes: 0
                }))
            ]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (SAVEDATE NIL)\r\n").1,
            vec![FetchItem::SaveDate(None)]
        );
        // RFC 8970 §4.
        assert_eq!(
            fetch(b"* 1 FETCH (PREVIEW \"Preview text\")\r\n").1,
            vec![FetchItem::Preview(Some("Preview text".into()))]
        );
        assert_eq!(
            fetch(b"* 2 FETCH (PREVIEW NIL)\r\n").1,
            vec![FetchItem::Preview(None)]
        );
        assert_eq!(
            fetch(b"* 3 FETCH (PREVIEW {13}\r\nUTF-8 \xc3\xa4 text)\r\n").1,
            vec![FetchItem::Preview(Some("UTF-8 \u{e4} text".into()))]
        );
        // RFC 3516 §4.2.
        assert_eq!(
            fetch(b"* 172 FETCH (BINARY.SIZE[3] 4286)\r\n").1,
            vec![FetchItem::BinarySize {
                section: "3".into(),
                size: 4286
            }]
        );
        // Gmail.
        assert_eq!(
            fetch(b"* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334865 UID 1)\r\n").1,
            vec![
                FetchItem::GmThrId(1278455344230334865),
                FetchItem::GmMsgId(1278455344230334865),
                FetchItem::Uid(1)
            ]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\" \"\\\\Starred\" &AMQ-rger))\r\n").1,
            vec![FetchItem::GmLabels(vec![
                "\\Inbox".into(),
                "\\Sent".into(),
                "Important".into(),
                "Muy Importante".into(),
                "\\Starred".into(),
                "\u{c4}rger".into(),
            ])]
        );
        assert_eq!(
            fetch(b"* 1 FETCH (X-GM-LABELS ())\r\n").1,
            vec![FetchItem::GmLabels(vec![])]
        );
        // Malformed values stay raw.
        assert!(matches!(
            &fetch(b"* 1 FETCH (EMAILID (a b) X-GM-MSGID x)\r\n").1[..],
            [FetchItem::Other { .. }, FetchItem::Other { .. }]
        ));
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
