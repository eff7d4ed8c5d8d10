//! Known-answer tests over whole responses, from the examples of RFC 9051 and RFC 3501 (and the
//! extension RFCs whose codes we model).
use super::*;
use crate::proto::flag::Flag;
use crate::proto::response::{Code, Status};

pub(super) fn p(s: &[u8]) -> Response {
    parse_response(s, &ParseOptions::default())
}

fn untagged_status(status: Status, code: Option<Code>, text: &str) -> Response {
    Response::Untagged(Untagged::Status {
        status,
        code,
        text: text.into(),
    })
}

fn tagged(tag: &str, status: Status, code: Option<Code>, text: &str) -> Response {
    Response::Tagged {
        tag: tag.into(),
        status,
        code,
        text: text.into(),
    }
}

#[test]
fn rfc_status_responses() {
    assert_eq!(
        p(b"* OK IMAP4rev2 server ready\r\n"),
        untagged_status(Status::Ok, None, "IMAP4rev2 server ready")
    );
    assert_eq!(
        p(b"* OK [ALERT] System shutdown in 10 minutes\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::Alert),
            "System shutdown in 10 minutes"
        )
    );
    assert_eq!(
        p(b"A001 OK LOGIN completed\r\n"),
        tagged("A001", Status::Ok, None, "LOGIN completed")
    );
    assert_eq!(
        p(b"* NO Disk is 98% full, please delete unnecessary data\r\n"),
        untagged_status(
            Status::No,
            None,
            "Disk is 98% full, please delete unnecessary data"
        )
    );
    assert_eq!(
        p(b"A223 NO COPY failed: disk is full\r\n"),
        tagged("A223", Status::No, None, "COPY failed: disk is full")
    );
    assert_eq!(
        p(b"* BAD Command line too long\r\n"),
        untagged_status(Status::Bad, None, "Command line too long")
    );
    assert_eq!(
        p(b"C443 BAD FETCH arguments invalid\r\n"),
        tagged("C443", Status::Bad, None, "FETCH arguments invalid")
    );
    assert_eq!(
        p(b"* PREAUTH IMAP4rev2 server logged in as Smith\r\n"),
        untagged_status(Status::PreAuth, None, "IMAP4rev2 server logged in as Smith")
    );
    assert_eq!(
        p(b"* BYE Autologout; idle for too long\r\n"),
        untagged_status(Status::Bye, None, "Autologout; idle for too long")
    );
    assert_eq!(
        p(b"A142 OK [READ-WRITE] SELECT completed\r\n"),
        tagged(
            "A142",
            Status::Ok,
            Some(Code::ReadWrite),
            "SELECT completed"
        )
    );
    assert_eq!(
        p(b"A932 OK [READ-ONLY] EXAMINE completed\r\n"),
        tagged(
            "A932",
            Status::Ok,
            Some(Code::ReadOnly),
            "EXAMINE completed"
        )
    );
    assert_eq!(
        p(b"A003 OK [APPENDUID 38505 3955] APPEND completed\r\n"),
        tagged(
            "A003",
            Status::Ok,
            Some(Code::AppendUid {
                uidvalidity: 38505,
                uids: "3955".into()
            }),
            "APPEND completed"
        )
    );
    assert_eq!(
        p(b"A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"),
        tagged(
            "A004",
            Status::Ok,
            Some(Code::CopyUid {
                uidvalidity: 38505,
                source: "304,319:320".into(),
                dest: "3956:3958".into()
            }),
            "Done"
        )
    );
    assert_eq!(
        p(b"A002 NO [TRYCREATE] Mailbox doesn't exist\r\n"),
        tagged(
            "A002",
            Status::No,
            Some(Code::TryCreate),
            "Mailbox doesn't exist"
        )
    );
    assert_eq!(
        p(b"a NO [AUTHENTICATIONFAILED] Authentication failed\r\n"),
        tagged(
            "a",
            Status::No,
            Some(Code::Other {
                name: "AUTHENTICATIONFAILED".into(),
                args: None
            }),
            "Authentication failed"
        )
    );
    assert_eq!(
        p(b"* OK [CLOSED] Previous mailbox is now closed\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::Closed),
            "Previous mailbox is now closed"
        )
    );
    assert_eq!(
        p(b"* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::HighestModSeq(715194045007)),
            "Highest"
        )
    );
    assert_eq!(
        p(b"* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::NoModSeq),
            "Sorry, this mailbox format doesn't support modsequences"
        )
    );
}

#[test]
fn status_deviations() {
    assert_eq!(
        p(b"* ok [unseen 1]\r\n"),
        untagged_status(Status::Ok, Some(Code::Unseen(1)), "")
    );
    assert_eq!(p(b"*  OK  hi\r\n"), untagged_status(Status::Ok, None, "hi"));
    assert_eq!(p(b"A1 OK\r\n"), tagged("A1", Status::Ok, None, ""));
    assert_eq!(p(b"A1 OK\n"), tagged("A1", Status::Ok, None, ""));
    assert_eq!(
        p(b"A1 no [ALERT\r\n"),
        tagged("A1", Status::No, None, "[ALERT")
    );
    assert_eq!(
        p(b"A1 BAD \xff\xfe\r\n"),
        tagged("A1", Status::Bad, None, "\u{fffd}\u{fffd}")
    );
    assert_eq!(
        p(b"x garbage * BYE going away\r\n"),
        untagged_status(Status::Bye, None, "going away")
    );
    assert_eq!(
        p(b"A1 HELLO\r\n"),
        Response::Untagged(Untagged::Other {
            raw: b"A1 HELLO".to_vec()
        })
    );
    assert_eq!(
        p(b"\r\n"),
        Response::Untagged(Untagged::Other { raw: vec![] })
    );
    assert_eq!(p(b""), Response::Untagged(Untagged::Other { raw: vec![] }));
}

#[test]
fn rfc_continuations() {
    assert_eq!(
        p(b"+ Ready for additional command text\r\n"),
        Response::Continuation {
            code: None,
            text: "Ready for additional command text".into()
        }
    );
    assert_eq!(
        p(b"+ \r\n"),
        Response::Continuation {
            code: None,
            text: String::new()
        }
    );
    assert_eq!(
        p(b"+\r\n"),
        Response::Continuation {
            code: None,
            text: String::new()
        }
    );
    assert_eq!(
        p(b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n"),
        Response::Continuation {
            code: None,
            text: "YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=".into()
        }
    );
}

#[test]
fn rfc_capability_and_enabled() {
    assert_eq!(
        p(b"* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI XPIG-LATIN\r\n"),
        Response::Untagged(Untagged::Capability(vec![
            "IMAP4rev2".into(),
            "STARTTLS".into(),
            "AUTH=GSSAPI".into(),
            "XPIG-LATIN".into()
        ]))
    );
    assert_eq!(
        p(b"* capability IMAP4rev1 \r\n"),
        Response::Untagged(Untagged::Capability(vec!["IMAP4rev1".into()]))
    );
    assert_eq!(
        p(b"* ENABLED X-GOOD-IDEA\r\n"),
        Response::Untagged(Untagged::Enabled(vec!["X-GOOD-IDEA".into()]))
    );
    assert_eq!(
        p(b"* ENABLED\r\n"),
        Response::Untagged(Untagged::Enabled(vec![]))
    );
    assert_eq!(
        p(b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] Dovecot ready.\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::Capability(vec![
                "IMAP4rev1".into(),
                "LITERAL+".into(),
                "SASL-IR".into()
            ])),
            "Dovecot ready."
        )
    );
}

#[test]
fn numbered_data() {
    assert_eq!(
        p(b"* 23 EXISTS\r\n"),
        Response::Untagged(Untagged::Exists(23))
    );
    assert_eq!(
        p(b"*  1688 EXISTS\r\n"),
        Response::Untagged(Untagged::Exists(1688))
    );
    assert_eq!(
        p(b"* 5 recent\r\n"),
        Response::Untagged(Untagged::Recent(5))
    );
    assert_eq!(
        p(b"* 3 EXPUNGE \r\n"),
        Response::Untagged(Untagged::Expunge(3))
    );
    assert_eq!(
        p(b"* 99999999999 EXISTS\r\n"),
        Response::Untagged(Untagged::Other {
            raw: b"* 99999999999 EXISTS".to_vec()
        })
    );
    assert_eq!(
        p(b"* 3 EXISTS x\r\n"),
        Response::Untagged(Untagged::Other {
            raw: b"* 3 EXISTS x".to_vec()
        })
    );
}

#[test]
fn permanent_flags_code() {
    assert_eq!(
        p(b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::PermanentFlags(vec![
                Flag::Deleted,
                Flag::Seen,
                Flag::MayCreate
            ])),
            "Limited"
        )
    );
}

#[test]
fn rfc_select_responses() {
    let lines: &[(&[u8], Response)] = &[
        (
            b"* 172 EXISTS\r\n",
            Response::Untagged(Untagged::Exists(172)),
        ),
        (b"* 1 RECENT\r\n", Response::Untagged(Untagged::Recent(1))),
        (
            b"* OK [UNSEEN 12] Message 12 is first unseen\r\n",
            untagged_status(
                Status::Ok,
                Some(Code::Unseen(12)),
                "Message 12 is first unseen",
            ),
        ),
        (
            b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
            untagged_status(
                Status::Ok,
                Some(Code::UidValidity(3857529045)),
                "UIDs valid",
            ),
        ),
        (
            b"* OK [UIDNEXT 4392] Predicted next UID\r\n",
            untagged_status(Status::Ok, Some(Code::UidNext(4392)), "Predicted next UID"),
        ),
        (
            b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
            Response::Untagged(Untagged::Flags(vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ])),
        ),
        (
            b"* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n",
            untagged_status(
                Status::Ok,
                Some(Code::PermanentFlags(vec![])),
                "No permanent flags permitted",
            ),
        ),
        (
            b"A142 OK [READ-WRITE] SELECT completed\r\n",
            tagged(
                "A142",
                Status::Ok,
                Some(Code::ReadWrite),
                "SELECT completed",
            ),
        ),
    ];
    for (line, want) in lines {
        assert_eq!(&p(line), want, "{}", String::from_utf8_lossy(line));
    }
}

#[test]
fn flags_deviations() {
    let f = |s: &[u8]| match p(s) {
        Response::Untagged(Untagged::Flags(f)) => f,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        f(b"* FLAGS (\\Answered \\*)\r\n"),
        vec![Flag::Answered, Flag::MayCreate]
    );
    assert_eq!(
        f(b"* FLAGS (\\Seen $Forwarded )\r\n"),
        vec![Flag::Seen, Flag::Keyword("$Forwarded".into())]
    );
    assert_eq!(f(b"* FLAGS ()\r\n"), vec![]);
    assert_eq!(f(b"* FLAGS \\Seen\r\n"), vec![Flag::Seen]);
    assert_eq!(f(b"* flags  (\\seen) \r\n"), vec![Flag::Seen]);
}

#[test]
fn rfc_search() {
    assert_eq!(
        p(b"* SEARCH 2 3 6\r\n"),
        Response::Untagged(Untagged::Search(vec![2, 3, 6]))
    );
    assert_eq!(
        p(b"* SEARCH\r\n"),
        Response::Untagged(Untagged::Search(vec![]))
    );
    assert_eq!(
        p(b"* SEARCH \r\n"),
        Response::Untagged(Untagged::Search(vec![]))
    );
    assert_eq!(
        p(b"* SEARCH 87216 87221 (MODSEQ 7667567)\r\n"),
        Response::Untagged(Untagged::Search(vec![87216, 87221]))
    );
}
