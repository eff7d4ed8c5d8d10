//! ENVELOPE (RFC 9051 §7.5.2): ten fields in a fixed order.
//!
//! Servers have sent envelopes with trailing fields missing (8 or 9 instead of 10), strings
//! where address lists belong, and NIL in every position. Each field is read on its own: one
//! that cannot be read is skipped and left empty, and missing trailing fields are empty.
//!
//! Strings are recorded as positions in the response (see `proto::span`), not made into values.
use nom::character::complete::char;
use nom::sequence::terminated;

use super::shared::{text_span, Frame};
use super::token::{fail, nil, skip_value, sp0, R};
use crate::proto::envelope::{Envelope, DATE, IN_REPLY_TO, MESSAGE_ID, SUBJECT};
use crate::proto::framer::Limits;
use crate::proto::span::Span;

fn address<'a>(i: &'a [u8], f: &Frame<'_>) -> R<'a, [Span; 4]> {
    let (mut i, _) = terminated(char('('), sp0)(i)?;
    let mut a = [Span::NIL; 4];
    for s in &mut a {
        let (r, v) = text_span(i, f)?;
        *s = v;
        i = sp0(r)?.0;
    }
    let (i, _) = char(')')(i)?;
    Ok((i, a))
}

/// `(addr addr …)` or NIL, appended to `env` as list `k`; an address that cannot be read is
/// skipped.
fn address_list<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    max: usize,
    env: &mut Envelope,
    k: usize,
) -> R<'a, ()> {
    if let Ok((r, _)) = nil(i) {
        env.end_list(k);
        return Ok((r, ()));
    }
    let (mut r, _) = terminated(char('('), sp0)(i)?;
    let mut n = 0;
    loop {
        if let Some(rest) = r.strip_prefix(b")") {
            env.end_list(k);
            return Ok((rest, ()));
        }
        if n >= max {
            return fail(i);
        }
        r = match address(r, f) {
            Ok((rest, a)) => {
                env.push_address(a);
                n += 1;
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
    let mut env = Envelope::over(f.buffer().clone());
    for field in 0..10 {
        if i.first() == Some(&b')') {
            break;
        }
        let parsed = match field {
            0 | 1 | 8 | 9 => text_span(i, f).map(|(r, t)| {
                let which = match field {
                    0 => DATE,
                    1 => SUBJECT,
                    8 => IN_REPLY_TO,
                    _ => MESSAGE_ID,
                };
                env.set_text(which, t);
                r
            }),
            _ => {
                // A list that cannot be read is left empty: drop whatever of it was pushed.
                let mark = env.mark();
                address_list(i, f, limits.max_items, &mut env, field - 2)
                    .map(|(r, ())| r)
                    .inspect_err(|_| env.reset(mark, field - 2))
            }
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
    use crate::proto::envelope::{Address, EncodedText, EnvelopeFields};

    fn et(s: &str) -> Option<EncodedText> {
        Some(EncodedText::plain(s))
    }

    fn parse(raw: &[u8]) -> R<'_, EnvelopeFields> {
        envelope(raw, &Frame::borrowed(raw), &Limits::default()).map(|(r, e)| (r, e.fields()))
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
            EnvelopeFields {
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

    #[test]
    fn string_forms_and_escapes() {
        // Quoted with escapes (undone when read), a literal, a bare atom (a quirk), NIL.
        let raw = b"(NIL \"say \\\"hi\\\" \\\\ \\x\" (({3}\r\nA\xc3\xa9 NIL bare \"h\")) NIL NIL NIL NIL NIL NIL NIL)";
        let (rest, env) = parse(raw).unwrap();
        assert!(rest.is_empty());
        let subject = env.subject.unwrap();
        assert_eq!(subject.raw(), &b"say \"hi\" \\ \\x"[..]);
        let from = &env.from[0];
        assert_eq!(from.name.as_ref().unwrap().text(), "A\u{e9}");
        assert_eq!(from.mailbox.as_ref().unwrap().text(), "bare");
        assert_eq!(from.email().as_deref(), Some("bare@h"));
        assert_eq!(env.to, vec![]);
    }

    #[test]
    fn unreadable_list_leaves_no_partial_addresses() {
        // An address that cannot be read is skipped; a list over the item limit is skipped
        // whole (none of its addresses kept), and the lists around it keep theirs.
        let raw = b"(NIL NIL ((NIL NIL \"a\" \"x\") 5 (NIL NIL \"b\" \"x\")) NIL NIL ((NIL NIL \"c\" \"y\")) NIL NIL NIL NIL)";
        let (_, env) = parse(raw).unwrap();
        let (a, b, c) = (
            addr(None, Some("a"), Some("x")),
            addr(None, Some("b"), Some("x")),
            addr(None, Some("c"), Some("y")),
        );
        assert_eq!(env.from, vec![a, b]);
        assert_eq!(env.to, vec![c.clone()]);
        let limits = Limits {
            max_items: 1,
            ..Limits::default()
        };
        let (_, small) = envelope(raw, &Frame::borrowed(raw), &limits).unwrap();
        assert_eq!(small.from(), vec![]);
        assert_eq!(small.to(), vec![c]);
        // Building from fields and reading back gives the same fields.
        assert_eq!(Envelope::new(&env).fields(), env);
    }
}
