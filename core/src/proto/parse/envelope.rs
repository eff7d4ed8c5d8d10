//! ENVELOPE (RFC 9051 §7.5.2): ten fields in a fixed order.
//!
//! Servers have sent envelopes with trailing fields missing (8 or 9 instead of 10), strings
//! where address lists belong, and NIL in every position. Each field is read on its own: one
//! that cannot be read is skipped and left empty, and missing trailing fields are empty.
use nom::character::complete::char;
use nom::sequence::terminated;

use super::shared::Frame;
use super::token::{fail, lenient_nstring, nil, skip_value, sp0, R};
use crate::proto::envelope::{Address, EncodedText, Envelope};
use crate::proto::framer::Limits;

fn text_field<'a>(i: &'a [u8], f: &Frame<'_>) -> R<'a, Option<EncodedText>> {
    let (i, v) = lenient_nstring(i)?;
    Ok((i, v.map(|v| f.encoded(v))))
}

fn address<'a>(i: &'a [u8], f: &Frame<'_>) -> R<'a, Address> {
    let field = |i| terminated(|i| text_field(i, f), sp0)(i);
    let (i, _) = terminated(char('('), sp0)(i)?;
    let (i, name) = field(i)?;
    let (i, route) = field(i)?;
    let (i, mailbox) = field(i)?;
    let (i, host) = field(i)?;
    let (i, _) = char(')')(i)?;
    Ok((
        i,
        Address {
            name,
            route,
            mailbox,
            host,
        },
    ))
}

/// `(addr addr …)` or NIL; an address that cannot be read is skipped.
fn address_list<'a>(i: &'a [u8], f: &Frame<'_>, max: usize) -> R<'a, Vec<Address>> {
    if let Ok((r, _)) = nil(i) {
        return Ok((r, Vec::new()));
    }
    let (mut r, _) = terminated(char('('), sp0)(i)?;
    // Most lists hold one address (an Address is 256 bytes: no room reserved for four).
    let mut out = Vec::with_capacity(1);
    loop {
        if let Some(rest) = r.strip_prefix(b")") {
            return Ok((rest, out));
        }
        if out.len() >= max {
            return fail(i);
        }
        r = match address(r, f) {
            Ok((rest, a)) => {
                out.push(a);
                rest
            }
            Err(_) => skip_value(r)?.0,
        };
        r = sp0(r)?.0;
    }
}

/// The parenthesised envelope.
pub(crate) fn envelope<'a>(i: &'a [u8], f: &Frame<'_>, limits: &Limits) -> R<'a, Envelope> {
    let (mut i, _) = terminated(char('('), sp0)(i)?;
    let mut env = Envelope::default();
    for field in 0..10 {
        if i.first() == Some(&b')') {
            break;
        }
        let parsed = match field {
            0 | 1 | 8 | 9 => text_field(i, f).map(|(r, t)| {
                match field {
                    0 => env.date_raw = t,
                    1 => env.subject = t,
                    8 => env.in_reply_to = t,
                    _ => env.message_id = t,
                }
                r
            }),
            _ => address_list(i, f, limits.max_items).map(|(r, list)| {
                *match field {
                    2 => &mut env.from,
                    3 => &mut env.sender,
                    4 => &mut env.reply_to,
                    5 => &mut env.to,
                    6 => &mut env.cc,
                    _ => &mut env.bcc,
                } = list;
                r
            }),
        };
        i = match parsed {
            Ok(r) => r,
            Err(_) => skip_value(i)?.0,
        };
        i = sp0(i)?.0;
    }
    // Extra fields (never seen, but harmless to skip).
    while i.first().is_some_and(|&b| b != b')') {
        i = sp0(skip_value(i)?.0)?.0;
    }
    let (i, _) = char(')')(i)?;
    Ok((i, env))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::datetime::DateTime;

    fn et(s: &str) -> Option<EncodedText> {
        Some(EncodedText::plain(s))
    }

    fn parse(raw: &[u8]) -> R<'_, Envelope> {
        envelope(raw, &Frame::borrowed(raw), &Limits::default())
    }

    fn addr(name: Option<&str>, mailbox: Option<&str>, host: Option<&str>) -> Address {
        Address {
            name: name.and_then(et),
            route: None,
            mailbox: mailbox.and_then(et),
            host: host.and_then(et),
        }
    }

    #[test]
    fn rfc3501_example() {
        let raw = b"(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\")";
        let (rest, env) = parse(raw).unwrap();
        assert!(rest.is_empty());
        let gray = addr(Some("Terry Gray"), Some("gray"), Some("cac.washington.edu"));
        assert_eq!(
            env,
            Envelope {
                date_raw: et("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"),
                subject: et("IMAP4rev1 WG mtg summary and minutes"),
                from: vec![gray.clone()],
                sender: vec![gray.clone()],
                reply_to: vec![gray],
                to: vec![addr(None, Some("imap"), Some("cac.washington.edu"))],
                cc: vec![
                    addr(None, Some("minutes"), Some("CNRI.Reston.VA.US")),
                    addr(Some("John Klensin"), Some("KLENSIN"), Some("MIT.EDU"))
                ],
                bcc: vec![],
                in_reply_to: None,
                message_id: et("<B27397-0100000@cac.washington.edu>"),
            }
        );
        assert_eq!(
            env.date(),
            Some(DateTime {
                year: 1996,
                month: 7,
                day: 17,
                hour: 2,
                minute: 23,
                second: 25,
                offset_minutes: -420
            })
        );
        assert_eq!(env.cc[1].email().as_deref(), Some("KLENSIN@MIT.EDU"));
    }

    #[test]
    fn encoded_subject_and_bad_date() {
        let raw = b"(\"someday\" \"=?utf-8?Q?Gr=C3=BC=C3=9Fe?=\" NIL NIL NIL NIL NIL NIL NIL NIL)";
        let (_, env) = parse(raw).unwrap();
        assert_eq!(env.date(), None);
        assert_eq!(env.date_raw, et("someday"));
        let subject = env.subject.unwrap();
        assert_eq!(subject.raw(), &b"=?utf-8?Q?Gr=C3=BC=C3=9Fe?="[..]);
        assert_eq!(subject.text(), "Gr\u{fc}\u{df}e");
        // Decoded once, then served from the cache.
        assert!(std::ptr::eq(subject.text(), subject.text()));
        // Equality is on the bytes sent, whatever has been decoded so far.
        assert_eq!(subject, EncodedText::new(subject.raw().clone()));
    }

    #[test]
    fn groups_and_missing_fields() {
        let raw = b"(NIL NIL NIL NIL NIL ((NIL NIL \"boys\" NIL)(NIL NIL \"aaron\" \"x\")(NIL NIL NIL NIL)) NIL NIL \"<a@b>\")";
        let (_, env) = parse(raw).unwrap();
        assert!(env.to[0].is_group_start());
        assert_eq!(env.to[1].email().as_deref(), Some("aaron@x"));
        assert!(env.to[2].is_group_end());
        assert_eq!(env.in_reply_to, et("<a@b>"));
        assert_eq!(env.message_id, None);
        // A string where an address list belongs is skipped.
        let (_, env) = parse(b"(NIL \"s\" \"bogus\" () NIL NIL NIL NIL NIL NIL)").unwrap();
        assert_eq!(env.subject, et("s"));
        assert!(env.from.is_empty());
    }
}
