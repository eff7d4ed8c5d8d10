//! `QUOTA` and `QUOTAROOT` data (RFC 9208 §5.1, §5.2).
use nom::sequence::{preceded, terminated, tuple};

use super::list::mailbox;
use super::token::{astring, atom, fail, list, lossy, lossy_cow, number64, only_blank, sp, sp0, R};
use super::ParseOptions;
use crate::proto::mailbox_name::MailboxName;
use crate::proto::quota::{QuotaResource, QuotaUsage};
use crate::proto::response::Untagged;

/// After `QUOTA`: `SP root SP (resource usage limit …)`.
pub(crate) fn quota_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let (i, root) = preceded(sp, astring)(i)?;
    let (i, resources) = preceded(
        sp,
        list(
            opts.limits.max_items,
            tuple((terminated(atom, sp), terminated(number64, sp), number64)),
        ),
    )(i)?;
    if !only_blank(i) {
        return fail(i);
    }
    Ok((
        i,
        Untagged::Quota {
            root: lossy_cow(root),
            resources: resources
                .into_iter()
                .map(|(name, usage, limit)| QuotaUsage {
                    resource: QuotaResource::parse(&lossy(name)),
                    usage,
                    limit,
                })
                .collect(),
        },
    ))
}

/// After `QUOTAROOT`: `SP mailbox *(SP root)`.
pub(crate) fn quotaroot_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Untagged> {
    let (mut i, raw) = preceded(sp, mailbox)(i)?;
    let mut roots = Vec::new();
    while let Ok((r, root)) = preceded(sp, astring)(i) {
        if roots.len() >= opts.limits.max_items {
            return fail(i);
        }
        roots.push(lossy_cow(root));
        i = r;
    }
    let i = sp0(i)?.0;
    if !only_blank(i) {
        return fail(i);
    }
    Ok((
        i,
        Untagged::QuotaRoot {
            mailbox: MailboxName::from_wire(&raw, opts.utf8_names),
            roots,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::mailbox_name::MailboxName;
    use crate::proto::quota::{QuotaResource, QuotaUsage};
    use crate::proto::response::{Response, Untagged};

    fn usage(resource: QuotaResource, usage: u64, limit: u64) -> QuotaUsage {
        QuotaUsage {
            resource,
            usage,
            limit,
        }
    }

    #[test]
    fn rfc9208_examples() {
        assert_eq!(
            p(b"* QUOTA \"\" (STORAGE 10 512)\r\n"),
            Response::Untagged(Untagged::Quota {
                root: String::new(),
                resources: vec![usage(QuotaResource::Storage, 10, 512)]
            })
        );
        assert_eq!(
            p(b"* QUOTA \"!partition/sda4\" (STORAGE 104 10923847)\r\n"),
            Response::Untagged(Untagged::Quota {
                root: "!partition/sda4".into(),
                resources: vec![usage(QuotaResource::Storage, 104, 10923847)]
            })
        );
        assert_eq!(
            p(b"* QUOTA \"#user/alice\" (MESSAGE 42 1000 MAILBOX 3 10 ANNOTATION-STORAGE 2 100 X-FOO 1 2)\r\n"),
            Response::Untagged(Untagged::Quota {
                root: "#user/alice".into(),
                resources: vec![
                    usage(QuotaResource::Message, 42, 1000),
                    usage(QuotaResource::Mailbox, 3, 10),
                    usage(QuotaResource::AnnotationStorage, 2, 100),
                    usage(QuotaResource::Other("X-FOO".into()), 1, 2),
                ]
            })
        );
        assert_eq!(
            p(b"* QUOTAROOT INBOX \"\"\r\n"),
            Response::Untagged(Untagged::QuotaRoot {
                mailbox: MailboxName::new("INBOX"),
                roots: vec![String::new()]
            })
        );
        assert_eq!(
            p(b"* QUOTAROOT comp.mail.mime\r\n"),
            Response::Untagged(Untagged::QuotaRoot {
                mailbox: MailboxName::new("comp.mail.mime"),
                roots: vec![]
            })
        );
        assert_eq!(
            p(b"* QUOTAROOT \"Entw&APw-rfe\" \"#user/alice\" \"!partition/sda4\"\r\n"),
            Response::Untagged(Untagged::QuotaRoot {
                mailbox: MailboxName::new("Entw\u{fc}rfe"),
                roots: vec!["#user/alice".into(), "!partition/sda4".into()]
            })
        );
        for bad in [
            &b"* QUOTA \"\" (STORAGE 10)\r\n"[..],
            b"* QUOTA \"\" STORAGE 10 512\r\n",
            b"* QUOTAROOT\r\n",
        ] {
            assert!(matches!(p(bad), Response::Untagged(Untagged::Other { .. })));
        }
    }
}
