//! The real-server quirk corpus (tests/fixtures/quirks, copied from /work/shared/quirks; each
//! file's source is in index.tsv there): every file frames completely, parses without panic,
//! ends in a tagged response, and keeps the values a client needs.
use std::path::PathBuf;

use libimap::proto::framer::{Framer, Limits};
use libimap::proto::parse::{parse_response, ParseOptions};
use libimap::{
    BodyStructure, Code, ESearch, FetchItem, Flag, Namespace, Namespaces, Partial, PartialRange,
    Response, SeqSet, Status, StatusValues, Untagged,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks")
}

/// Frames and parses a whole file, asserting that the frames cover it exactly.
fn responses(name: &str) -> Vec<Response> {
    let data = std::fs::read(dir().join(name)).unwrap();
    let mut framer = Framer::new(Limits::default());
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < data.len() {
        let n = framer
            .poll(&data[pos..])
            .unwrap()
            .unwrap_or_else(|| panic!("{name}: incomplete frame at {pos}"));
        out.push(parse_response(
            &data[pos..pos + n],
            &ParseOptions::default(),
        ));
        pos += n;
    }
    assert_eq!(pos, data.len(), "{name}");
    out
}

/// (file, client_action) from index.tsv.
fn index() -> Vec<(String, String)> {
    let tsv = std::fs::read_to_string(dir().join("index.tsv")).unwrap();
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == "client_action").unwrap();
    lines
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_string(), cols[col].to_string())
        })
        .collect()
}

/// Describes every raw fallback in a response: `"response"` for an unreadable response,
/// the item name for a FETCH item kept raw, `"bodypart"` for an unparsed body part.
fn raw_fallbacks(r: &Response) -> Vec<String> {
    match r {
        Response::Untagged(Untagged::Other { raw }) => {
            vec![format!(
                "response:{}",
                String::from_utf8_lossy(raw).split(' ').nth(1).unwrap_or("")
            )]
        }
        Response::Untagged(Untagged::Fetch { items, .. }) => items
            .iter()
            .filter_map(|i| match i {
                FetchItem::Other { name, .. } => Some(format!("item:{name}")),
                FetchItem::BodyStructure(b) if b.has_unparsed() => Some("bodypart".to_string()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

#[test]
fn every_file_frames_parses_and_ends_tagged() {
    let index = index();
    assert_eq!(index.len(), 55);
    for (file, action) in &index {
        let rs = responses(file);
        assert!(
            matches!(rs.last(), Some(Response::Tagged { .. })),
            "{file}: last is {:?}",
            rs.last()
        );
        if action == "parse exactly" {
            for r in &rs {
                let raw = raw_fallbacks(r);
                assert!(raw.is_empty(), "{file}: {raw:?} in {r:?}");
            }
        }
    }
}

fn only_untagged(file: &str) -> Vec<Untagged> {
    responses(file)
        .into_iter()
        .filter_map(|r| match r {
            Response::Untagged(u) => Some(u),
            _ => None,
        })
        .collect()
}

fn fetch_items(file: &str) -> Vec<FetchItem> {
    match only_untagged(file).remove(0) {
        Untagged::Fetch { items, .. } => items,
        other => panic!("{file}: {other:?}"),
    }
}

fn body_of(file: &str) -> BodyStructure {
    fetch_items(file)
        .into_iter()
        .find_map(|i| match i {
            FetchItem::BodyStructure(b) => Some(b.tree()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{file}: no body"))
}

fn parts(b: &BodyStructure) -> &[BodyStructure] {
    match b {
        BodyStructure::Multipart { parts, .. } => parts,
        other => panic!("not multipart: {other:?}"),
    }
}

#[test]
fn lenient_values_survive() {
    assert_eq!(
        only_untagged("059_davmail122_double_space_exists.imap"),
        vec![Untagged::Exists(1688)]
    );
    assert_eq!(
        only_untagged("063_nioimap94_garbage_before_bye.imap"),
        vec![Untagged::Status {
            status: Status::Bye,
            code: None,
            text: "IMAP4rev1 Server logging out".into()
        }]
    );
    let Untagged::Capability(caps) =
        &only_untagged("009_netimap_bug8415_icloud_capability_trailing_space.imap")[0]
    else {
        panic!()
    };
    assert_eq!(caps.len(), 8);
    assert_eq!(caps.last().map(String::as_str), Some("AUTH=PLAIN"));
    assert!(caps.iter().any(|c| c == "1Q49"));
    assert_eq!(
        only_untagged("035_improto_zoho_flags_star.imap"),
        vec![Untagged::Flags(vec![
            Flag::Answered,
            Flag::Flagged,
            Flag::Deleted,
            Flag::Seen,
            Flag::Draft,
            Flag::MayCreate
        ])]
    );
    assert_eq!(
        only_untagged("037_improto_surgemail_flags_trailing_space.imap"),
        vec![Untagged::Flags(vec![
            Flag::Answered,
            Flag::Flagged,
            Flag::Deleted,
            Flag::Draft,
            Flag::Seen,
            Flag::Keyword("$Forwarded".into())
        ])]
    );
    let Untagged::Flags(gmail) =
        &only_untagged("023_netimap_gmail_flags_with_brackets_and_spaces.imap")[0]
    else {
        panic!()
    };
    assert_eq!(
        gmail[..5],
        [
            Flag::Answered,
            Flag::Flagged,
            Flag::Draft,
            Flag::Deleted,
            Flag::Seen
        ]
    );
    assert_eq!(gmail.len(), 20);
    assert_eq!(
        only_untagged("045_defects7_public_inbox_continuation_no_space.imap"),
        vec![],
        "the bare + is a continuation, not untagged"
    );
    assert_eq!(
        responses("045_defects7_public_inbox_continuation_no_space.imap")[0],
        Response::Continuation {
            code: None,
            text: String::new()
        }
    );
}

#[test]
fn select_replies_without_text() {
    let u = only_untagged("061_mailkit1241_qq_exmail_select_unseen_no_text.imap");
    assert_eq!(u[0], Untagged::Exists(65));
    assert_eq!(
        u[2],
        Untagged::Status {
            status: Status::Ok,
            code: Some(Code::Unseen(1)),
            text: String::new()
        }
    );
    assert!(
        matches!(&u[6], Untagged::Status { code: Some(Code::PermanentFlags(f)), .. } if f[0] == Flag::MayCreate && f.len() == 6)
    );
    let u = only_untagged("069_mailkit_yahoo_highestmodseq_no_text.imap");
    assert!(u.contains(&Untagged::Status {
        status: Status::Ok,
        code: Some(Code::HighestModSeq(7)),
        text: String::new()
    }));
    assert!(u.contains(&Untagged::Status {
        status: Status::Ok,
        code: Some(Code::MailboxId("27".into())),
        text: "Ok".into()
    }));
    let rs = responses("069_mailkit_yahoo_highestmodseq_no_text.imap");
    assert!(matches!(
        rs.last(),
        Some(Response::Tagged {
            code: Some(Code::ReadOnly),
            ..
        })
    ));
    let u = only_untagged("071_mailkit_yandex_select_unseen_no_text.imap");
    assert_eq!(
        u[3],
        Untagged::Status {
            status: Status::Ok,
            code: Some(Code::Unseen(8)),
            text: String::new()
        }
    );
    let rs = responses("031_netimap_copyuid_reversed_ranges.imap");
    assert_eq!(
        rs[0],
        Response::Tagged {
            tag: "A004".into(),
            status: Status::Ok,
            code: Some(Code::CopyUid {
                uidvalidity: 9999,
                source: SeqSet::from_pairs(&[(20, 19), (500, 495)]),
                dest: SeqSet::from_pairs(&[(92, 97), (101, 100)]),
            }),
            text: "Done".into()
        }
    );
    let u = only_untagged("021_netimap_outlook_copyuid_empty_sets.imap");
    assert_eq!(
        u[0],
        Untagged::Status {
            status: Status::Ok,
            code: Some(Code::Other {
                name: "COPYUID".into(),
                args: Some("701".into())
            }),
            text: String::new()
        }
    );
    let rs = responses("049_netimap597_exchange_error_in_brackets.imap");
    let Response::Tagged {
        status,
        code: Some(Code::Other { name, .. }),
        text,
        ..
    } = &rs[0]
    else {
        panic!("{:?}", rs[0])
    };
    assert_eq!(
        (*status, name.as_str(), text.as_str()),
        (Status::Ok, "ERROR=", "AUTHENTICATE completed.")
    );
}

#[test]
fn malformed_bodystructures_keep_the_rest() {
    // Multipart with no children.
    assert_eq!(
        body_of("003_netimap_bug7153_multipart_without_parts.imap"),
        BodyStructure::Multipart {
            parts: vec![],
            media_subtype: "MIXED".into(),
            ext: None
        }
    );
    // Missing media type: that part is kept raw, its sibling and the multipart are read.
    let b = body_of("095_mailkit371_missing_media_type.imap");
    assert_eq!(b.mime_type(), "multipart/mixed");
    assert_eq!(parts(&b)[0].mime_type(), "text/plain");
    assert!(
        matches!(&parts(&b)[1], BodyStructure::Unparsed { raw } if raw.starts_with(b"( \"X-ZIP\""))
    );
    // -1 octets clamp to 0.
    let BodyStructure::Basic { fields, .. } =
        body_of("099_mailkit_exchange_multipart_digest_as_basic_negative.imap")
    else {
        panic!()
    };
    assert_eq!(fields.octets, 0);
    // Disposition as a bare string.
    let b = body_of("057_mailkit919_exchange_dsp_as_bare_string.imap");
    let BodyStructure::Text { ext: Some(ext), .. } = &parts(&b)[0] else {
        panic!("{b:?}")
    };
    assert_eq!(ext.disposition.as_ref().map(|d| &*d.kind), Some("inline"));
    let items = fetch_items("057_mailkit919_exchange_dsp_as_bare_string.imap");
    assert_eq!(items[0], FetchItem::Uid(67));
    assert_eq!(items[1], FetchItem::Flags(vec![Flag::Seen, Flag::Recent]));
    assert_eq!(items[2], FetchItem::Rfc822Size(14801));
    let b = body_of("051_javamail278_exchange2016_multipart_dsp_as_string.imap");
    let BodyStructure::Multipart { ext: Some(ext), .. } = &b else {
        panic!()
    };
    assert_eq!(
        ext.params,
        vec![(
            "boundary".into(),
            "----=_Part_0_-1731707885.1504253815584".into()
        )]
    );
    // NIL encoding and NIL type.
    let b = body_of("109_swiftnio_nil_body_fld_enc.imap");
    let BodyStructure::Text { fields, lines, .. } = &parts(&parts(&b)[0])[0] else {
        panic!()
    };
    assert_eq!((&*fields.encoding, fields.octets, *lines), ("", 1423, 44));
    let b = body_of("101_mailkit_bodystructure_all_nil_part.imap");
    assert_eq!(parts(&b).len(), 3);
    assert_eq!(parts(&b)[2].mime_type(), "message/rfc822");
    // Empty param list and NIL parameter value.
    let b = body_of("053_vmime213_mailru_empty_param_list_and_nil_boundary.imap");
    let BodyStructure::Multipart {
        ext: Some(ext),
        media_subtype,
        ..
    } = &b
    else {
        panic!()
    };
    assert_eq!(
        (&**media_subtype, ext.params.clone()),
        ("related", vec![("boundary".into(), "".into())])
    );
    // 8-bit literal in a parameter value.
    let BodyStructure::Basic { fields, .. } =
        body_of("039_improto_8bit_latin1_literal_in_bodystructure.imap")
    else {
        panic!()
    };
    assert_eq!(fields.params[0].1, "G\u{fffd}r\u{fffd}nt\u{fffd}1");
    assert_eq!(fields.octets, 15440);
    // message/rfc822 whose body is `()`: the envelope and the size survive.
    let b = body_of("093_mailkit944_message_rfc822_empty_body.imap");
    let BodyStructure::Message { body, fields, .. } = &parts(&b)[2] else {
        panic!("{b:?}")
    };
    assert_eq!(fields.octets, 787);
    assert_eq!(
        **body,
        BodyStructure::Unparsed {
            raw: b"()".to_vec()
        }
    );
    // message/rfc822 with a childless multipart inside.
    let b = body_of("103_mailkit1841_gmail_message_rfc822_body_alternative_no_children.imap");
    let BodyStructure::Message { body, envelope, .. } = &parts(&b)[2] else {
        panic!("{b:?}")
    };
    assert_eq!(body.mime_type(), "multipart/alternative");
    assert_eq!(
        envelope.subject().as_ref().map(|s| s.text()),
        Some("Re: MPG")
    );
    // Negative size inside an embedded message.
    let items = fetch_items("047_goimap534_negative_octets_multipart_as_basic.imap");
    assert_eq!(
        items[..2],
        [FetchItem::Uid(389), FetchItem::Rfc822Size(27824)]
    );
    assert!(matches!(items[2], FetchItem::BodyStructure(_)));
}

#[test]
fn fetch_deviations() {
    let items = fetch_items("065_mailkit_domino_extra_parens_around_envelope.imap");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0], FetchItem::Uid(14935));
    assert!(
        matches!(&items[1], FetchItem::Envelope(e) if e.subject().is_none() && e.from().is_empty())
    );
    let items = fetch_items("067_mailkit_yandex_body_section_without_value.imap");
    assert_eq!(items[0], FetchItem::Uid(3016));
    assert!(
        matches!(&items[1], FetchItem::Section(s) if s.section == "2.MIME" && s.data.as_ref().map(|d| d.len()) == Some(145))
    );
    assert!(matches!(&items[2], FetchItem::Other { name, .. } if name == "BODY[2]"));
    let items = fetch_items("015_netimap_rfc822_with_brackets.imap");
    assert!(
        matches!(&items[0], FetchItem::Other { name, raw } if name == "RFC822[]" && raw.ends_with(b"foo\r\n"))
    );
    let env = |file: &str| match fetch_items(file).remove(0) {
        FetchItem::Envelope(e) => e.fields(),
        other => panic!("{other:?}"),
    };
    let e = env("055_mailkit279_envelope_missing_message_id.imap");
    assert_eq!(
        e.in_reply_to.as_ref().map(|t| t.text()),
        Some("<xxx@qq.com>")
    );
    assert_eq!(e.from[0].email().as_deref(), Some("xxx@xxx.com"));
    let e = env("087_mailkit932_envelope_8_fields.imap");
    assert_eq!(
        e.from[0].mailbox.as_ref().map(|m| m.text()),
        Some("unknown-name")
    );
    assert_eq!((e.in_reply_to, e.message_id), (None, None));
    let e = env("089_mailkit1451_exchange_envelope_nil_date_and_mailbox.imap");
    assert_eq!((e.date(), e.date_raw), (None, None));
    assert_eq!(e.from[0].mailbox, None);
    assert_eq!(e.to[0].email().as_deref(), Some("username@testdomain.com"));
    let e = env("091_mailkit_dovecot_envelope_group_syntax.imap");
    assert!(e.to[0].is_group_start());
    assert_eq!(e.to[0].mailbox.as_ref().map(|m| m.text()), Some("boys"));
    assert!(e.to[4].is_group_end());
    let items = fetch_items("083_mailkit_gmail_body_section_partial_nil.imap");
    assert!(
        matches!(&items[1], FetchItem::Section(s) if s.section == "1.TEXT" && s.origin == Some(0) && s.data.is_none())
    );
}

#[test]
fn lists_and_status() {
    let Untagged::List(l) = only_untagged("107_mailkit945_list_unquoted_tabs.imap").remove(0)
    else {
        panic!()
    };
    assert_eq!(
        l.name,
        "INBOX/Da\tOggetto\tRicevuto\tDimensione\tCategorie\t"
    );
    assert_eq!(l.delimiter, Some('/'));
    assert_eq!(
        only_untagged("033_improto_163_status_empty_list.imap"),
        vec![Untagged::MailboxStatus {
            name: "INBOX".into(),
            name_raw: b"INBOX".to_vec(),
            items: vec![],
            values: StatusValues::default()
        }]
    );
    assert_eq!(
        only_untagged("041_goimap540_outlook_status_trailing_space.imap"),
        vec![Untagged::MailboxStatus {
            name: "Inbox".into(),
            name_raw: b"Inbox".to_vec(),
            items: vec![("MESSAGES".into(), 1)],
            values: StatusValues {
                messages: Some(1),
                ..StatusValues::default()
            }
        }]
    );
    assert_eq!(
        only_untagged("043_goimap594_globalmail_search_empty_trailing_space.imap"),
        vec![Untagged::Search {
            ids: vec![],
            modseq: None
        }]
    );
    assert_eq!(
        only_untagged("027_netimap_bug10112_search_modseq.imap"),
        vec![Untagged::Search {
            ids: vec![87216, 87221],
            modseq: Some(7667567)
        }]
    );
}

#[test]
fn extension_responses() {
    assert_eq!(
        fetch_items("017_netimap_gmail_labels_empty.imap"),
        vec![FetchItem::GmLabels(vec![])]
    );
    assert_eq!(
        only_untagged("029_netimap_thread_empty_trailing_space.imap"),
        vec![Untagged::Thread(vec![])]
    );
    assert_eq!(
        only_untagged("019_netimap_gmail_id_nil_value.imap"),
        vec![Untagged::Id(Some(vec![
            ("name".into(), Some("GImap".into())),
            ("vendor".into(), Some("Google, Inc.".into())),
            ("support-url".into(), None),
        ]))]
    );
    let ns = |prefix: &str| Namespace {
        prefix: prefix.into(),
        delimiter: Some('\\'),
        extensions: vec![],
    };
    assert_eq!(
        only_untagged("079_mailkit_domino_namespace_backslash.imap"),
        vec![Untagged::Namespace(Namespaces {
            personal: vec![ns("")],
            other: vec![ns("Other\\")],
            shared: vec![ns("Shared\\")],
        })]
    );
    assert_eq!(
        only_untagged("085_mailkit_dovecot_esearch_partial_nil.imap"),
        vec![Untagged::ESearch(ESearch {
            tag: Some("A########".into()),
            uid: true,
            partial: Some(Partial {
                range: PartialRange::First(100, 110),
                results: None
            }),
            ..ESearch::default()
        })]
    );
}
