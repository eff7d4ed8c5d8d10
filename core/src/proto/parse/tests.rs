//! Known-answer tests over whole responses, from the examples of RFC 9051 and RFC 3501 (and the
//! extension RFCs whose codes we model).
use super::*;
use crate::proto::flag::Flag;
use crate::proto::response::{Code, Status};
use crate::proto::seqset::{SeqNum, SeqRange, SeqSet};

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
                uids: SeqSet::from_pairs(&[(3955, 3955)])
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
                source: SeqSet::from_pairs(&[(304, 304), (319, 320)]),
                dest: SeqSet::from_pairs(&[(3956, 3958)])
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
            Some(Code::AuthenticationFailed),
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
        Response::Untagged(Untagged::Search {
            ids: vec![2, 3, 6],
            modseq: None
        })
    );
    assert_eq!(
        p(b"* SEARCH\r\n"),
        Response::Untagged(Untagged::Search {
            ids: vec![],
            modseq: None
        })
    );
    assert_eq!(
        p(b"* SEARCH \r\n"),
        Response::Untagged(Untagged::Search {
            ids: vec![],
            modseq: None
        })
    );
    assert_eq!(
        p(b"* SEARCH 87216 87221 (MODSEQ 7667567)\r\n"),
        Response::Untagged(Untagged::Search {
            ids: vec![87216, 87221],
            modseq: Some(7667567)
        })
    );
}

/// Parses with one quirk switch turned off.
fn strict(line: &[u8], off: impl Fn(&mut Quirks)) -> Response {
    let mut opts = ParseOptions::default();
    off(&mut opts.quirks);
    parse_response(line, &opts)
}

fn raw(line: &[u8]) -> Response {
    Response::Untagged(Untagged::Other {
        raw: token::strip_eol(line).to_vec(),
    })
}

#[test]
fn quirk_switches_change_the_outcome_when_off() {
    use crate::proto::fetch::FetchItem;
    type Case = (&'static [u8], fn(&mut Quirks));
    // Each line is read by default and kept raw with its switch off.
    let rejected: &[Case] = &[
        (b"* 1 FETCH ()\r\n", |q| q.empty_fetch = false),
        (b"* FLAGS (\\Seen) \r\n", |q| q.trailing_space = false),
        (b"* 3 EXPUNGE \r\n", |q| q.trailing_space = false),
        (b"* FLAGS NIL\r\n", |q| q.nil_as_empty_list = false),
        (b"* LIST NIL \"/\" x\r\n", |q| q.nil_as_empty_list = false),
        (b"* 5 recent\r\n", |q| q.lowercase_keywords = false),
        (b"* Flags (\\Seen)\r\n", |q| q.lowercase_keywords = false),
        (b"a1 ok done\r\n", |q| q.lowercase_keywords = false),
        (b"* FLAGS (\\Answered \\*)\r\n", |q| q.star_in_flags = false),
        (b"*  1688 EXISTS\r\n", |q| q.extra_spaces = false),
        (b"* 1688  EXISTS\r\n", |q| q.extra_spaces = false),
        (b"* FLAGS  (\\Seen)\r\n", |q| q.extra_spaces = false),
        (b"A1  OK done\r\n", |q| q.extra_spaces = false),
        (b"x garbage * BYE going away\r\n", |q| {
            q.garbage_before_response = false
        }),
        (b"* FLAGS \\Seen\r\n", |q| q.flags_without_parens = false),
    ];
    for (line, off) in rejected {
        let lenient = p(line);
        assert!(
            !matches!(lenient, Response::Untagged(Untagged::Other { .. })),
            "{lenient:?}"
        );
        assert_eq!(
            strict(line, off),
            raw(line),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
    assert_eq!(
        p(b"* 1 FETCH ()\r\n"),
        Response::Untagged(Untagged::Fetch {
            seq: 1,
            items: vec![]
        })
    );
    // PERMANENTFLAGS may hold `\*` whatever the switch says.
    assert_eq!(
        strict(b"* OK [PERMANENTFLAGS (\\*)] x\r\n", |q| q.star_in_flags =
            false),
        untagged_status(
            Status::Ok,
            Some(Code::PermanentFlags(vec![Flag::MayCreate])),
            "x"
        )
    );
    // Inside FETCH the item is kept raw, not the response.
    let flags = b"* 1 FETCH (FLAGS (\\*) UID 3)\r\n";
    let Response::Untagged(Untagged::Fetch { items, .. }) =
        strict(flags, |q| q.star_in_flags = false)
    else {
        panic!()
    };
    assert!(matches!(&items[0], FetchItem::Other { name, .. } if name == "FLAGS"));
    assert_eq!(items[1], FetchItem::Uid(3));
    let Response::Untagged(Untagged::Fetch { items, .. }) =
        strict(b"* 1 FETCH (uid 3)\r\n", |q| q.lowercase_keywords = false)
    else {
        panic!()
    };
    assert!(matches!(&items[0], FetchItem::Other { name, .. } if name == "uid"));

    // A code with no text: read as a code, or as text when strict.
    let line = b"* OK [UNSEEN 1]\r\n";
    assert_eq!(
        p(line),
        untagged_status(Status::Ok, Some(Code::Unseen(1)), "")
    );
    assert_eq!(
        strict(line, |q| q.missing_text = false),
        untagged_status(Status::Ok, None, "[UNSEEN 1]")
    );
    assert_eq!(
        strict(b"* OK [UNSEEN 1] \r\n", |q| q.missing_text = false),
        untagged_status(Status::Ok, Some(Code::Unseen(1)), "")
    );

    // Extra parentheses around FETCH items.
    let line = b"* 2 FETCH (UID 1 (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)))\r\n";
    let items = |r: Response| match r {
        Response::Untagged(Untagged::Fetch { items, .. }) => items,
        other => panic!("{other:?}"),
    };
    assert!(matches!(items(p(line))[1], FetchItem::Envelope(_)));
    let off = items(strict(line, |q| q.extra_parens_in_fetch = false));
    assert!(matches!(&off[1], FetchItem::Other { name, .. } if name.is_empty()));

    // BODYSTRUCTURE deviations.
    let dsp = b"* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL \"inline\" NIL NIL))\r\n";
    let disposition = |r: Response| match &items(r)[0] {
        FetchItem::BodyStructure(b) => match &b.tree() {
            crate::proto::body::BodyStructure::Text { ext, .. } => {
                ext.as_ref().and_then(|e| e.disposition.clone())
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_eq!(disposition(p(dsp)).map(|d| d.kind), Some("inline".into()));
    assert_eq!(
        disposition(strict(dsp, |q| q.bare_string_disposition = false)),
        None
    );
    let neg = b"* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" -1 1))\r\n";
    assert!(matches!(items(p(neg))[0], FetchItem::BodyStructure(_)));
    assert!(matches!(
        &items(strict(neg, |q| q.negative_numbers = false))[0],
        FetchItem::Other { name, .. } if name == "BODYSTRUCTURE"
    ));
}

#[test]
fn strict_preset_reads_conformant_responses() {
    let opts = ParseOptions {
        quirks: Quirks::STRICT,
        ..ParseOptions::default()
    };
    let lines: &[&[u8]] = &[
        b"* OK [UNSEEN 12] Message 12 is first unseen\r\n",
        b"* 172 EXISTS\r\n",
        b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        b"* LIST (\\Noselect) \"/\" \"\"\r\n",
        b"* 12 FETCH (FLAGS (\\Seen) UID 4827313 BODY[HEADER] {4}\r\na  b)\r\n",
        b"A142 OK [READ-WRITE] SELECT completed\r\n",
    ];
    for line in lines {
        let r = parse_response(line, &opts);
        assert!(
            !matches!(r, Response::Untagged(Untagged::Other { .. })),
            "{r:?}"
        );
        assert_eq!(r, p(line));
    }
}

#[test]
fn rfc7162_condstore_qresync() {
    assert_eq!(
        p(b"* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n"),
        Response::Untagged(Untagged::Search {
            ids: vec![2, 5, 6, 7, 11, 12, 18, 19, 20, 23],
            modseq: Some(917162500)
        })
    );
    assert_eq!(
        p(b"d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n"),
        tagged(
            "d105",
            Status::Ok,
            Some(Code::Modified(SeqSet::from_pairs(&[(7, 7), (9, 9)]))),
            "Conditional STORE failed"
        )
    );
    assert_eq!(
        p(b"* OK [HIGHESTMODSEQ 20010715194045007] Highest mailbox mod-sequence\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::HighestModSeq(20010715194045007)),
            "Highest mailbox mod-sequence"
        )
    );
    let Response::Untagged(Untagged::Fetch { seq, items }) =
        p(b"* 50 FETCH (UID 119 FLAGS (\\Draft $MDNSent) MODSEQ (90060115194045308))\r\n")
    else {
        panic!()
    };
    assert_eq!(seq, 50);
    assert_eq!(
        items,
        vec![
            crate::proto::fetch::FetchItem::Uid(119),
            crate::proto::fetch::FetchItem::Flags(vec![
                Flag::Draft,
                Flag::Keyword("$MDNSent".into())
            ]),
            crate::proto::fetch::FetchItem::ModSeq(90060115194045308),
        ]
    );
}

#[test]
fn rfc4315_uidplus() {
    assert_eq!(
        p(b"A003 OK [APPENDUID 38505 3955:3957,4000] APPEND completed\r\n"),
        tagged(
            "A003",
            Status::Ok,
            Some(Code::AppendUid {
                uidvalidity: 38505,
                uids: SeqSet::from_pairs(&[(3955, 3957), (4000, 4000)])
            }),
            "APPEND completed"
        )
    );
    assert_eq!(
        p(b"A003 OK [UIDNOTSTICKY] Non-persistent UIDs\r\n"),
        tagged(
            "A003",
            Status::Ok,
            Some(Code::UidNotSticky),
            "Non-persistent UIDs"
        )
    );
    // RFC 6851: COPYUID in an untagged OK before the EXPUNGEs of a MOVE.
    assert_eq!(
        p(b"* OK [COPYUID 432432 42:69 1202:1229]\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::CopyUid {
                uidvalidity: 432432,
                source: SeqSet::from_pairs(&[(42, 69)]),
                dest: SeqSet::from_pairs(&[(1202, 1229)])
            }),
            ""
        )
    );
    let Response::Tagged {
        code: Some(Code::CopyUid { source, dest, .. }),
        ..
    } = p(b"A004 OK [COPYUID 9999 20:19,500:495 92:97,101:100] Done\r\n")
    else {
        panic!()
    };
    let pairs: Vec<(u32, u32)> = source.iter(0).zip(dest.iter(0)).collect();
    assert_eq!(pairs.len(), 8);
    assert_eq!(pairs[0], (19, 92));
    assert_eq!(pairs[7], (500, 101));
    assert_eq!(
        p(b"* OK [APPENDUID 1 *]\r\n"),
        untagged_status(
            Status::Ok,
            Some(Code::AppendUid {
                uidvalidity: 1,
                uids: SeqSet::new(vec![SeqRange::new(SeqNum::Last, SeqNum::Last)])
            }),
            ""
        )
    );
}

#[test]
fn rfc_examples_with_codes() {
    let cases: &[(&[u8], Response)] = &[
        (
            b"A001 NO [UNAVAILABLE] User's backend down for maintenance\r\n",
            tagged(
                "A001",
                Status::No,
                Some(Code::Unavailable),
                "User's backend down for maintenance",
            ),
        ),
        (
            b"A004 NO [ALREADYEXISTS] Mailbox \"that\" already exists\r\n",
            tagged(
                "A004",
                Status::No,
                Some(Code::AlreadyExists),
                "Mailbox \"that\" already exists",
            ),
        ),
        (
            b"A003 NO [OVERQUOTA] APPEND Failed\r\n",
            tagged("A003", Status::No, Some(Code::OverQuota), "APPEND Failed"),
        ),
        (
            b"* NO [OVERQUOTA] Soft quota has been exceeded\r\n",
            untagged_status(
                Status::No,
                Some(Code::OverQuota),
                "Soft quota has been exceeded",
            ),
        ),
        (
            b"A01 NO [COMPRESSIONACTIVE] DEFLATE active via TLS\r\n",
            tagged(
                "A01",
                Status::No,
                Some(Code::CompressionActive),
                "DEFLATE active via TLS",
            ),
        ),
        (
            b"A2 NO [UNKNOWN-CTE] Can't decode unknown encoding\r\n",
            tagged(
                "A2",
                Status::No,
                Some(Code::UnknownCte),
                "Can't decode unknown encoding",
            ),
        ),
        (
            b"* OK [MAILBOXID (F2212ea87-6097-4256-9d51-71338625)] Ok\r\n",
            untagged_status(
                Status::Ok,
                Some(Code::MailboxId("F2212ea87-6097-4256-9d51-71338625".into())),
                "Ok",
            ),
        ),
        (
            b"A001 NO [REFERRAL IMAP://user;AUTH=*@SERVER2/] Remote Server\r\n",
            tagged(
                "A001",
                Status::No,
                Some(Code::Referral("IMAP://user;AUTH=*@SERVER2/".into())),
                "Remote Server",
            ),
        ),
        (
            b"A2 NO [USEATTR] \\All not supported\r\n",
            tagged("A2", Status::No, Some(Code::UseAttr), "\\All not supported"),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(&p(line), want, "{}", String::from_utf8_lossy(line));
    }
}

#[test]
fn utf8_accept_names_and_strings() {
    use crate::proto::mailbox_name::MailboxName;
    let utf8 = ParseOptions {
        utf8_names: true,
        ..ParseOptions::default()
    };
    let line = "* STATUS \"Entw\u{fc}rfe\" (MESSAGES 2)\r\n";
    let Response::Untagged(Untagged::MailboxStatus { name, name_raw, .. }) =
        parse_response(line.as_bytes(), &utf8)
    else {
        panic!()
    };
    assert_eq!(name, "Entw\u{fc}rfe");
    assert_eq!(name_raw, "Entw\u{fc}rfe".as_bytes());
    assert_eq!(
        parse_response("* QUOTAROOT \u{65e5}\u{672c} \"\"\r\n".as_bytes(), &utf8),
        Response::Untagged(Untagged::QuotaRoot {
            mailbox: MailboxName::new("\u{65e5}\u{672c}"),
            roots: vec![String::new()]
        })
    );
    // Without UTF8=ACCEPT the same bytes are not modified UTF-7: kept, shown lossily.
    let Response::Untagged(Untagged::QuotaRoot { mailbox, .. }) =
        p("* QUOTAROOT \u{65e5}\u{672c} \"\"\r\n".as_bytes())
    else {
        panic!()
    };
    assert_eq!(mailbox.to_wire(false), "\u{65e5}\u{672c}".as_bytes());
    // UTF-8 in quoted strings and response text (RFC 9051 allows both after ENABLE).
    assert_eq!(
        parse_response("* OK Gr\u{fc}\u{df}e \u{1f600}\r\n".as_bytes(), &utf8),
        untagged_status(Status::Ok, None, "Gr\u{fc}\u{df}e \u{1f600}")
    );
    assert_eq!(
        parse_response(
            "* ID (\"name\" \"Gr\u{fc}n\")\r\n".as_bytes(),
            &ParseOptions::default()
        ),
        Response::Untagged(Untagged::Id(Some(vec![(
            "name".into(),
            Some("Gr\u{fc}n".into())
        )])))
    );
}
