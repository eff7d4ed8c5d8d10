//! Corpus (a): `* n FETCH (UID … RFC822.SIZE … FLAGS (…) INTERNALDATE "…" ENVELOPE (…)
//! BODYSTRUCTURE (…))`, shaped like what Dovecot, Gmail and Exchange send for a message list.
use super::{header_text, nstring, quoted, string, FIRST_NAMES, HOSTS, LAST_NAMES, SUBJECT_WORDS};
use crate::rng::Rng;

/// Which items the FETCH responses carry; subsets measure where parse time goes.
#[derive(Debug, Clone, Copy)]
pub struct Items {
    pub simple: bool,
    pub envelope: bool,
    pub body_structure: bool,
}

impl Items {
    pub const ALL: Items = Items {
        simple: true,
        envelope: true,
        body_structure: true,
    };
}

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const ZONES: &[&str] = &[
    "+0000", "+0100", "+0200", "-0500", "-0700", "+0530", "+0900",
];
const FLAGS: &[&str] = &[
    "\\Seen",
    "\\Answered",
    "\\Flagged",
    "\\Deleted",
    "\\Draft",
    "$Forwarded",
    "$MDNSent",
    "Junk",
    "NonJunk",
    "$Label1",
    "\\Recent",
];

/// Appends FETCH responses until `target` bytes are reached.
pub fn generate(seed: u64, target: usize, items: Items) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(target + 16 * 1024);
    let mut seq = 0u32;
    let mut uid = rng.range(1, 5000) as u32;
    while out.len() < target {
        seq += 1;
        uid += rng.range(1, 3) as u32;
        message(&mut out, &mut rng, seq, uid, items);
    }
    out
}

fn message(out: &mut Vec<u8>, rng: &mut Rng, seq: u32, uid: u32, items: Items) {
    out.extend_from_slice(format!("* {seq} FETCH (").as_bytes());
    let mut parts: Vec<Vec<u8>> = Vec::new();
    if items.simple {
        parts.push(format!("UID {uid}").into_bytes());
        parts.push(format!("RFC822.SIZE {}", rng.log_range(800, 8_000_000)).into_bytes());
        let mut f = b"FLAGS (".to_vec();
        let n = rng.below(4);
        for i in 0..n {
            if i > 0 {
                f.push(b' ');
            }
            f.extend_from_slice(rng.pick(FLAGS).as_bytes());
        }
        f.push(b')');
        parts.push(f);
        let day = rng.range(1, 28);
        let date = format!(
            "INTERNALDATE \"{}{}-{}-{} {:02}:{:02}:{:02} {}\"",
            if day < 10 { " " } else { "" },
            day,
            rng.pick(MONTHS),
            rng.range(2005, 2025),
            rng.below(24),
            rng.below(60),
            rng.below(60),
            rng.pick(ZONES)
        );
        parts.push(date.into_bytes());
    }
    if items.envelope {
        let mut e = b"ENVELOPE ".to_vec();
        envelope(&mut e, rng);
        parts.push(e);
    }
    if items.body_structure {
        let mut b = b"BODYSTRUCTURE ".to_vec();
        top_body(&mut b, rng);
        parts.push(b);
    }
    // Servers answer in request order; clients ask in different orders.
    if rng.chance(20) {
        parts.reverse();
    }
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(p);
    }
    out.extend_from_slice(b")\r\n");
}

fn subject(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(25) {
        s.push_str(rng.pick::<&str>(&["Re: ", "Fwd: ", "AW: ", "WG: ", "RE: "]));
    }
    for i in 0..rng.range(1, 8) {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick::<&str>(SUBJECT_WORDS));
    }
    if rng.chance(5) {
        s.push_str(" \"quoted\" \\ path");
    }
    s
}

fn envelope(out: &mut Vec<u8>, rng: &mut Rng) {
    out.push(b'(');
    let date = format!(
        "{}{} {} {} {:02}:{:02}:{:02} {}{}",
        if rng.chance(85) {
            format!("{}, ", rng.pick(DAYS))
        } else {
            String::new()
        },
        rng.range(1, 28),
        rng.pick(MONTHS),
        rng.range(2005, 2025),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.pick(ZONES),
        if rng.chance(20) { " (CEST)" } else { "" }
    );
    quoted(out, &date);
    out.push(b' ');
    let subj = (!rng.chance(3)).then(|| header_text(&subject(rng), rng));
    nstring(out, subj.as_deref(), rng, 3);
    let from = person(rng);
    for _ in 0..3 {
        // from, sender, reply-to: servers fill sender and reply-to from From.
        out.push(b' ');
        address_list(out, rng, std::slice::from_ref(&from));
    }
    out.push(b' ');
    recipients(out, rng, 1, 6);
    out.push(b' ');
    if rng.chance(40) {
        recipients(out, rng, 1, 4);
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.push(b' ');
    if rng.chance(5) {
        recipients(out, rng, 1, 2);
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.push(b' ');
    if rng.chance(40) {
        quoted(out, &message_id(rng));
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.push(b' ');
    quoted(out, &message_id(rng));
    out.push(b')');
}

fn message_id(rng: &mut Rng) -> String {
    format!(
        "<{:016x}.{}@{}>",
        rng.next_u64(),
        rng.below(100_000),
        rng.pick(HOSTS)
    )
}

struct Person {
    name: Option<Vec<u8>>,
    mailbox: String,
    host: String,
}

fn person(rng: &mut Rng) -> Person {
    let first = *rng.pick(FIRST_NAMES);
    let last = *rng.pick(LAST_NAMES);
    let name = (!rng.chance(15)).then(|| header_text(&format!("{first} {last}"), rng));
    let mailbox = format!("{}.{}", ascii_part(first), ascii_part(last));
    Person {
        name,
        mailbox,
        host: (*rng.pick(HOSTS)).to_string(),
    }
}

/// An ASCII local part derived from a name (what a mail admin would pick).
fn ascii_part(s: &str) -> String {
    let a: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if a.is_empty() {
        "user".into()
    } else {
        a
    }
}

fn address(out: &mut Vec<u8>, rng: &mut Rng, p: &Person) {
    out.push(b'(');
    nstring(out, p.name.as_deref(), rng, 3);
    out.extend_from_slice(b" NIL ");
    string(out, p.mailbox.as_bytes(), rng, 1);
    out.push(b' ');
    string(out, p.host.as_bytes(), rng, 1);
    out.push(b')');
}

fn address_list(out: &mut Vec<u8>, rng: &mut Rng, people: &[Person]) {
    out.push(b'(');
    for p in people {
        address(out, rng, p);
    }
    out.push(b')');
}

/// To/Cc/Bcc: plain addresses, sometimes an RFC 5322 group (empty, like
/// `undisclosed-recipients:;`, or with members).
fn recipients(out: &mut Vec<u8>, rng: &mut Rng, lo: u64, hi: u64) {
    out.push(b'(');
    if rng.chance(8) {
        let group = *rng.pick(&["undisclosed-recipients", "team", "Projekt Ärger"]);
        out.extend_from_slice(b"(NIL NIL ");
        string(out, group.as_bytes(), rng, 0);
        out.extend_from_slice(b" NIL)");
        if rng.chance(50) {
            for _ in 0..rng.range(1, 3) {
                let p = person(rng);
                address(out, rng, &p);
            }
        }
        out.extend_from_slice(b"(NIL NIL NIL NIL)");
    }
    for _ in 0..rng.range(lo, hi) {
        let p = person(rng);
        address(out, rng, &p);
    }
    out.push(b')');
}

/// The structure of a whole message.
fn top_body(out: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(100) {
        0..=29 => text_part(out, rng, "PLAIN"),
        30..=59 => alternative(out, rng),
        60..=84 => mixed(out, rng, 2),
        85..=94 => {
            // A forwarded message as an attachment.
            out.push(b'(');
            text_part(out, rng, "PLAIN");
            message_part(out, rng, 1);
            multipart_ext(out, rng, "MIXED");
            out.push(b')');
        }
        _ => {
            out.push(b'(');
            alternative(out, rng);
            basic_part(
                out,
                rng,
                "APPLICATION",
                "PGP-SIGNATURE",
                Some("signature.asc"),
            );
            multipart_ext(out, rng, "SIGNED");
            out.push(b')');
        }
    }
}

fn alternative(out: &mut Vec<u8>, rng: &mut Rng) {
    out.push(b'(');
    text_part(out, rng, "PLAIN");
    if rng.chance(30) {
        // HTML with inline images.
        out.push(b'(');
        text_part(out, rng, "HTML");
        for _ in 0..rng.range(1, 3) {
            basic_part(out, rng, "IMAGE", "PNG", None);
        }
        multipart_ext(out, rng, "RELATED");
        out.push(b')');
    } else {
        text_part(out, rng, "HTML");
    }
    multipart_ext(out, rng, "ALTERNATIVE");
    out.push(b')');
}

fn mixed(out: &mut Vec<u8>, rng: &mut Rng, depth: u32) {
    out.push(b'(');
    if rng.chance(60) {
        alternative(out, rng);
    } else {
        text_part(out, rng, "PLAIN");
    }
    for _ in 0..rng.range(1, 3) {
        match rng.below(10) {
            0..=3 => basic_part(out, rng, "APPLICATION", "PDF", Some("Rechnung 2024.pdf")),
            4..=5 => basic_part(out, rng, "IMAGE", "JPEG", Some("IMG_2041.JPG")),
            6 => basic_part(
                out,
                rng,
                "APPLICATION",
                "VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET",
                Some("Übersicht Q3.xlsx"),
            ),
            7 if depth > 0 => message_part(out, rng, depth - 1),
            _ => text_part(out, rng, "CALENDAR"),
        }
    }
    multipart_ext(out, rng, "MIXED");
    out.push(b')');
}

fn params(out: &mut Vec<u8>, rng: &mut Rng, pairs: &[(&str, &[u8])]) {
    if pairs.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    out.push(b'(');
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        quoted(out, k);
        out.push(b' ');
        string(out, v, rng, 1);
    }
    out.push(b')');
}

/// `body-fld-param body-fld-id body-fld-desc body-fld-enc body-fld-octets`
fn fields(out: &mut Vec<u8>, rng: &mut Rng, p: &[(&str, &[u8])], enc: &str, octets: u64) {
    params(out, rng, p);
    out.push(b' ');
    if rng.chance(10) {
        quoted(
            out,
            &format!(
                "<part{}.{:08x}@{}>",
                rng.below(9),
                rng.next_u64() as u32,
                rng.pick(HOSTS)
            ),
        );
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.push(b' ');
    if rng.chance(5) {
        quoted(out, "Scanned document");
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.push(b' ');
    quoted(out, enc);
    out.extend_from_slice(format!(" {octets}").as_bytes());
}

fn language(out: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(10) {
        0..=6 => out.extend_from_slice(b"NIL"),
        7..=8 => quoted(out, rng.pick::<&str>(&["EN", "de-DE", "fr"])),
        _ => out.extend_from_slice(b"(\"DE\" \"EN\")"),
    }
}

/// `body-ext-1part`: md5, disposition, language, location, truncated at random like servers
/// that send only the leading fields.
fn single_ext(out: &mut Vec<u8>, rng: &mut Rng, filename: Option<&[u8]>, inline: bool) {
    let fields = if rng.chance(80) { 4 } else { rng.range(1, 3) };
    out.push(b' ');
    if rng.chance(3) {
        quoted(out, "Q2hlY2sgSW50ZWdyaXR5IQ==");
    } else {
        out.extend_from_slice(b"NIL");
    }
    if fields < 2 {
        return;
    }
    out.push(b' ');
    match (filename, inline) {
        (Some(name), _) => {
            out.extend_from_slice(if inline {
                b"(\"INLINE\" "
            } else {
                b"(\"ATTACHMENT\" "
            });
            if !name.is_ascii() && rng.chance(50) {
                let mut v = b"utf-8''".to_vec();
                for &b in name {
                    if b.is_ascii_alphanumeric() || b == b'.' {
                        v.push(b);
                    } else {
                        v.extend_from_slice(format!("%{b:02X}").as_bytes());
                    }
                }
                params(out, rng, &[("FILENAME*", &v)]);
            } else {
                let size = rng.below(1 << 22).to_string();
                params(out, rng, &[("FILENAME", name), ("SIZE", size.as_bytes())]);
            }
            out.push(b')');
        }
        (None, true) => out.extend_from_slice(b"(\"INLINE\" NIL)"),
        (None, false) => out.extend_from_slice(b"NIL"),
    }
    if fields < 3 {
        return;
    }
    out.push(b' ');
    language(out, rng);
    if fields < 4 {
        return;
    }
    out.push(b' ');
    if rng.chance(2) {
        quoted(out, "http://www.example.com/part");
    } else {
        out.extend_from_slice(b"NIL");
    }
}

fn text_part(out: &mut Vec<u8>, rng: &mut Rng, subtype: &str) {
    out.extend_from_slice(b"(\"TEXT\" ");
    quoted(out, subtype);
    out.push(b' ');
    let charset = *rng.pick(&["UTF-8", "utf-8", "ISO-8859-1", "windows-1252", "US-ASCII"]);
    let mut p: Vec<(&str, &[u8])> = vec![("CHARSET", charset.as_bytes())];
    if subtype == "PLAIN" && rng.chance(30) {
        p.push(("FORMAT", b"flowed"));
    }
    if subtype == "CALENDAR" {
        p.push(("METHOD", b"REQUEST"));
    }
    let enc = *rng.pick(&["7BIT", "QUOTED-PRINTABLE", "BASE64", "8BIT"]);
    let octets = rng.log_range(20, 200_000);
    fields(out, rng, &p, enc, octets);
    out.extend_from_slice(format!(" {}", octets / 60 + 1).as_bytes());
    let inline = rng.chance(20);
    single_ext(out, rng, None, inline);
    out.push(b')');
}

fn basic_part(out: &mut Vec<u8>, rng: &mut Rng, ty: &str, subtype: &str, name: Option<&str>) {
    out.push(b'(');
    quoted(out, ty);
    out.push(b' ');
    quoted(out, subtype);
    out.push(b' ');
    let encoded;
    let name_bytes: Option<&[u8]> = match name {
        Some(n) if !n.is_ascii() && rng.chance(50) => {
            encoded = super::encoded_word(n, rng).into_bytes();
            Some(&encoded)
        }
        Some(n) => Some(n.as_bytes()),
        None => None,
    };
    match name_bytes {
        Some(n) => params(out, rng, &[("NAME", n)]),
        None => out.extend_from_slice(b"NIL"),
    }
    // `params` above already wrote the parameter list; the rest of body-fields follows.
    out.push(b' ');
    if name.is_none() {
        quoted(
            out,
            &format!("<img{:08x}@{}>", rng.next_u64() as u32, rng.pick(HOSTS)),
        );
    } else {
        out.extend_from_slice(b"NIL");
    }
    out.extend_from_slice(b" NIL \"BASE64\"");
    out.extend_from_slice(format!(" {}", rng.log_range(300, 10_000_000)).as_bytes());
    single_ext(out, rng, name_bytes, name.is_none());
    out.push(b')');
}

fn message_part(out: &mut Vec<u8>, rng: &mut Rng, depth: u32) {
    out.extend_from_slice(b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ");
    out.extend_from_slice(rng.log_range(1000, 2_000_000).to_string().as_bytes());
    out.push(b' ');
    envelope(out, rng);
    out.push(b' ');
    if depth > 0 && rng.chance(50) {
        mixed(out, rng, depth - 1);
    } else if rng.chance(50) {
        alternative(out, rng);
    } else {
        text_part(out, rng, "PLAIN");
    }
    out.extend_from_slice(format!(" {}", rng.range(10, 5000)).as_bytes());
    single_ext(out, rng, Some(b"forwarded.eml"), false);
    out.push(b')');
}

/// `media-subtype body-ext-mpart` after the parts of a multipart.
fn multipart_ext(out: &mut Vec<u8>, rng: &mut Rng, subtype: &str) {
    out.push(b' ');
    quoted(out, subtype);
    out.push(b' ');
    let boundary = format!(
        "----=_Part_{}_{}",
        rng.below(1_000_000),
        rng.next_u64() as u32
    );
    let mut p: Vec<(&str, &[u8])> = vec![("BOUNDARY", boundary.as_bytes())];
    if subtype == "SIGNED" {
        p.push(("PROTOCOL", b"application/pgp-signature"));
        p.push(("MICALG", b"pgp-sha256"));
    }
    if subtype == "RELATED" {
        p.push(("TYPE", b"text/html"));
    }
    params(out, rng, &p);
    let fields = if rng.chance(75) { 3 } else { rng.below(3) };
    if fields >= 1 {
        out.extend_from_slice(b" NIL");
    }
    if fields >= 2 {
        out.push(b' ');
        language(out, rng);
    }
    if fields >= 3 {
        out.extend_from_slice(b" NIL");
    }
}
