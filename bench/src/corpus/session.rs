//! Corpus (c): a mixed session repeated with variations: greeting, CAPABILITY, LIST with
//! modified UTF-7 names, STATUS, SELECT data, SEARCH and ESEARCH, flag updates, IDLE,
//! tagged OK/NO/BAD with response codes, logout.
use super::{mutf7, quoted, string};
use crate::rng::Rng;

const CAPS: &str = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES \
                    THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN \
                    NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT \
                    SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY \
                    PREVIEW=FUZZY LITERAL+ NOTIFY SPECIAL-USE";

const MAILBOXES: &[(&str, &str)] = &[
    ("INBOX", "\\HasNoChildren"),
    ("Entwürfe", "\\HasNoChildren \\Drafts"),
    ("Gesendete Objekte", "\\HasNoChildren \\Sent"),
    ("Papierkorb", "\\HasNoChildren \\Trash"),
    ("Ärger", "\\HasChildren"),
    ("Ärger/Büro & Co", "\\HasNoChildren"),
    ("日本語", "\\HasNoChildren"),
    ("Projets/Été 2024", "\\HasNoChildren"),
    ("Archive", "\\HasChildren \\Archive"),
    ("Archive/2023", "\\HasNoChildren"),
    ("Спам", "\\HasNoChildren \\Junk"),
];

const FLAG_LIST: &str =
    "\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $MDNSent Junk NonJunk";

struct Tags(u32);

impl Tags {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("A{:04}", self.0)
    }
}

fn line(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
    out.extend_from_slice(b"\r\n");
}

fn timing(rng: &mut Rng) -> String {
    format!(
        "(0.{:03} + 0.000 + 0.{:03} secs).",
        rng.below(50),
        rng.below(50)
    )
}

pub fn generate(seed: u64, target: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(target + 64 * 1024);
    while out.len() < target {
        session(&mut out, &mut rng);
    }
    out
}

fn session(out: &mut Vec<u8>, rng: &mut Rng) {
    let mut tags = Tags(0);
    line(out, &format!("* OK [CAPABILITY {CAPS}] Dovecot ready."));
    let t = tags.next();
    line(
        out,
        &format!("{t} OK [CAPABILITY {CAPS} AUTH=PLAIN] Logged in"),
    );
    if rng.chance(20) {
        let t = tags.next();
        line(
            out,
            &format!("{t} NO [AUTHENTICATIONFAILED] Authentication failed."),
        );
    }
    let t = tags.next();
    line(out, &format!("* CAPABILITY {CAPS}"));
    line(out, &format!("{t} OK Capability completed {}", timing(rng)));
    let t = tags.next();
    line(out, "* ENABLED CONDSTORE");
    line(out, &format!("{t} OK Enabled."));

    let t = tags.next();
    for (name, attrs) in MAILBOXES {
        let mut l = format!("* LIST ({attrs}) \"/\" ").into_bytes();
        string(&mut l, mutf7(name).as_bytes(), rng, 0);
        out.extend_from_slice(&l);
        out.extend_from_slice(b"\r\n");
    }
    line(out, &format!("{t} OK List completed {}", timing(rng)));

    for (name, _) in MAILBOXES {
        if !rng.chance(40) {
            continue;
        }
        let t = tags.next();
        let mut l = b"* STATUS ".to_vec();
        quoted(&mut l, &mutf7(name));
        l.extend_from_slice(
            format!(
                " (MESSAGES {} RECENT 0 UIDNEXT {} UIDVALIDITY {} UNSEEN {})\r\n",
                rng.below(50_000),
                rng.range(1, 90_000),
                rng.range(1_600_000_000, 1_700_000_000),
                rng.below(300)
            )
            .as_bytes(),
        );
        out.extend_from_slice(&l);
        line(out, &format!("{t} OK Status completed {}", timing(rng)));
    }

    if rng.chance(10) {
        let t = tags.next();
        line(
            out,
            &format!("{t} NO [TRYCREATE] Mailbox doesn't exist: Archiv/2019"),
        );
    }
    let t = tags.next();
    let exists = rng.range(1, 40_000);
    let uidnext = exists + rng.range(1, 5000);
    line(out, &format!("* FLAGS ({FLAG_LIST})"));
    line(
        out,
        &format!("* OK [PERMANENTFLAGS ({FLAG_LIST} \\*)] Flags permitted."),
    );
    line(out, &format!("* {exists} EXISTS"));
    line(out, &format!("* {} RECENT", rng.below(3)));
    line(
        out,
        &format!("* OK [UNSEEN {}] First unseen.", rng.range(1, exists)),
    );
    line(
        out,
        &format!(
            "* OK [UIDVALIDITY {}] UIDs valid",
            rng.range(1_600_000_000, 1_700_000_000)
        ),
    );
    line(out, &format!("* OK [UIDNEXT {uidnext}] Predicted next UID"));
    line(
        out,
        &format!("* OK [HIGHESTMODSEQ {}] Highest", rng.range(1, 1 << 40)),
    );
    line(
        out,
        &format!("{t} OK [READ-WRITE] Select completed {}", timing(rng)),
    );

    // SEARCH: a run of ascending numbers, sometimes none.
    let t = tags.next();
    let mut s = String::from("* SEARCH");
    let mut n = 0;
    for _ in 0..rng.below(120) {
        n += rng.range(1, 40);
        s.push_str(&format!(" {n}"));
    }
    line(out, &s);
    line(out, &format!("{t} OK Search completed {}", timing(rng)));

    let t = tags.next();
    match rng.below(3) {
        0 => line(out, &format!("* ESEARCH (TAG \"{t}\") UID COUNT 3 ALL 1:3")),
        1 => line(
            out,
            &format!(
                "* ESEARCH (TAG \"{t}\") UID MIN {} MAX {} COUNT {} ALL 4,9:12,{}:{}",
                4,
                uidnext - 1,
                rng.range(6, 500),
                uidnext - 40,
                uidnext - 1
            ),
        ),
        _ => line(out, &format!("* ESEARCH (TAG \"{t}\") UID")),
    }
    line(out, &format!("{t} OK Search completed {}", timing(rng)));

    let t = tags.next();
    for _ in 0..rng.range(1, 20) {
        let seq = rng.range(1, exists);
        line(
            out,
            &format!(
                "* {seq} FETCH (UID {} FLAGS (\\Seen{}))",
                seq + 1000,
                if rng.chance(30) { " \\Answered" } else { "" }
            ),
        );
    }
    line(out, &format!("{t} OK Store completed {}", timing(rng)));

    let t = tags.next();
    line(
        out,
        &format!("{t} OK [COPYUID 1700000001 304,319:320 3956:3958] Copy completed"),
    );
    let t = tags.next();
    line(
        out,
        &format!("{t} OK [APPENDUID 1700000001 3959] Append completed"),
    );
    if rng.chance(30) {
        let t = tags.next();
        line(
            out,
            &format!("{t} NO [ALREADYEXISTS] Mailbox already exists"),
        );
        let t = tags.next();
        line(
            out,
            &format!("{t} NO [NONEXISTENT] Unknown Mailbox: Foo {}", timing(rng)),
        );
        let t = tags.next();
        line(
            out,
            &format!("{t} BAD Error in IMAP command UID FETCH: Invalid messageset"),
        );
        let t = tags.next();
        line(
            out,
            &format!("{t} NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset"),
        );
    }

    let t = tags.next();
    for _ in 0..rng.below(6) {
        line(out, &format!("* {} EXPUNGE", rng.range(1, exists)));
    }
    line(out, &format!("{t} OK Expunge completed {}", timing(rng)));

    let t = tags.next();
    line(out, "+ idling");
    if rng.chance(10) {
        line(out, "* OK [ALERT] System shutdown in 10 minutes");
    }
    line(out, &format!("* {} EXISTS", exists + 1));
    line(out, &format!("* {} FETCH (FLAGS (\\Recent))", exists + 1));
    line(out, &format!("{t} OK Idle completed {}", timing(rng)));

    let t = tags.next();
    line(out, "* BYE Logging out");
    line(out, &format!("{t} OK Logout completed {}", timing(rng)));
}
