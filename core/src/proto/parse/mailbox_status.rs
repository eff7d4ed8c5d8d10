//! `STATUS` data (RFC 9051 §7.3.4): `* STATUS mailbox (att n …)`.
use nom::sequence::{separated_pair, terminated};

use super::list::{decode_name, mailbox};
use super::token::{atom, fail, list, lossy, number64, only_blank, sp, sp0, R};
use super::ParseOptions;
use crate::proto::response::Untagged;

/// After `STATUS`. An empty attribute list (163.com) and trailing spaces (Outlook) are read.
pub(crate) fn status_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let (i, _) = sp(i)?;
    let (i, raw) = terminated(mailbox, sp0)(i)?;
    let (i, items) = terminated(
        list(opts.limits.max_items, separated_pair(atom, sp, number64)),
        sp0,
    )(i)?;
    if !only_blank(i) {
        return fail(i);
    }
    let items = items
        .into_iter()
        .map(|(k, v)| (lossy(k).to_ascii_uppercase(), v))
        .collect();
    Ok((
        i,
        Untagged::MailboxStatus {
            name: decode_name(&raw, opts),
            name_raw: raw.into_owned(),
            items,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::response::{Response, Untagged};

    fn st(name: &str, items: &[(&str, u64)]) -> Response {
        Response::Untagged(Untagged::MailboxStatus {
            name: name.into(),
            name_raw: name.as_bytes().to_vec(),
            items: items.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        })
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
