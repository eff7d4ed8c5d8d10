//! The parser half of the `roundtrip` target: a FETCH response is described by typed
//! values, rendered to bytes in any legal form (NIL, quoted, literal, item-name case), framed
//! and parsed, and the parsed items must equal the description.
use arbitrary::Arbitrary;
use libimap::proto::framer::{Framer, Limits};
use libimap::proto::parse::{parse_response, ParseOptions};
use libimap::{
    Address, BodySection, EncodedText, Envelope, EnvelopeFields, FetchItem, Flag, Response,
    Untagged,
};

/// An nstring and how to send it.
#[derive(Debug, Clone, Arbitrary)]
pub struct StrDesc {
    pub value: Option<Vec<u8>>,
    /// Send as a literal even when a quoted string would do.
    pub literal: bool,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct AddrDesc {
    pub name: StrDesc,
    pub route: StrDesc,
    pub mailbox: StrDesc,
    pub host: StrDesc,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct EnvDesc {
    pub subject: StrDesc,
    pub from: Vec<AddrDesc>,
    pub to: Vec<AddrDesc>,
    pub in_reply_to: StrDesc,
    pub message_id: StrDesc,
}

#[derive(Debug, Clone, Arbitrary)]
pub enum RespFlag {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
    Recent,
    Keyword(String),
    Extension(String),
}

#[derive(Debug, Clone, Arbitrary)]
pub enum ItemDesc {
    Uid(u32),
    Flags(Vec<RespFlag>),
    Size(u32),
    ModSeq(u64),
    Envelope(EnvDesc),
    Body { data: StrDesc, origin: Option<u32> },
}

#[derive(Debug, Clone, Arbitrary)]
pub struct FetchDesc {
    pub seq: u32,
    pub items: Vec<ItemDesc>,
    /// Item names in lower case (servers vary; the grammar is case-insensitive).
    pub lower: bool,
    /// End lines with a bare LF instead of CRLF.
    pub bare_lf: bool,
}

/// Keeps ATOM-CHARs only (flag keywords are atoms); never empty.
fn atom(s: &str) -> String {
    let a: String = s
        .chars()
        .filter(|&c| {
            c.is_ascii_graphic() && !matches!(c, '(' | ')' | '{' | '%' | '*' | '"' | '\\' | ']')
        })
        .collect();
    if a.is_empty() {
        "k".into()
    } else {
        a
    }
}

/// A string value as it may appear in a message: NUL is not allowed in a literal (only in
/// a literal8), so it is dropped.
fn clean(v: &[u8]) -> Vec<u8> {
    v.iter().copied().filter(|&b| b != 0).collect()
}

struct Out<'a> {
    buf: Vec<u8>,
    eol: &'a [u8],
}

impl Out<'_> {
    fn raw(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn nstring(&mut self, d: &StrDesc) -> Option<Vec<u8>> {
        let Some(v) = &d.value else {
            self.raw("NIL");
            return None;
        };
        let v = clean(v);
        let quotable = v.iter().all(|&b| (0x20..0x7f).contains(&b));
        if quotable && !d.literal {
            self.buf.push(b'"');
            for &b in &v {
                if b == b'"' || b == b'\\' {
                    self.buf.push(b'\\');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.raw(&format!("{{{}}}", v.len()));
            self.buf.extend_from_slice(self.eol);
            self.buf.extend_from_slice(&v);
        }
        Some(v)
    }

    fn addresses(&mut self, list: &[AddrDesc]) -> Vec<Address> {
        if list.is_empty() {
            self.raw("NIL");
            return Vec::new();
        }
        self.raw("(");
        let out = list
            .iter()
            .map(|a| {
                self.raw("(");
                let name = self.nstring(&a.name).map(text);
                self.raw(" ");
                let route = self.nstring(&a.route).map(text);
                self.raw(" ");
                let mailbox = self.nstring(&a.mailbox).map(text);
                self.raw(" ");
                let host = self.nstring(&a.host).map(text);
                self.raw(")");
                Address {
                    name,
                    route,
                    mailbox,
                    host,
                }
            })
            .collect();
        self.raw(")");
        out
    }
}

/// The expected text of a header string: `raw` exactly; the decoded text is only
/// predictable for plain ASCII without encoded-words, and is compared only then.
fn text(raw: Vec<u8>) -> EncodedText {
    EncodedText::new(raw.into())
}

fn plain(raw: &[u8]) -> bool {
    raw.iter().all(|&b| (0x20..0x7f).contains(&b)) && !raw.windows(2).any(|w| w == b"=?")
}

/// Compares parsed header text with the expectation: raw bytes always, decoded text when
/// it is predictable.
fn same_text(got: &Option<EncodedText>, want: &Option<EncodedText>) -> bool {
    match (got, want) {
        (None, None) => true,
        (Some(g), Some(w)) => {
            g.raw() == w.raw() && (!plain(w.raw()) || g.text().as_bytes() == &w.raw()[..])
        }
        _ => false,
    }
}

fn same_addresses(got: &[Address], want: &[Address]) -> bool {
    got.len() == want.len()
        && got.iter().zip(want).all(|(g, w)| {
            same_text(&g.name, &w.name)
                && same_text(&g.route, &w.route)
                && same_text(&g.mailbox, &w.mailbox)
                && same_text(&g.host, &w.host)
        })
}

fn same_item(got: &FetchItem, want: &FetchItem) -> bool {
    match (got, want) {
        (FetchItem::Envelope(g), FetchItem::Envelope(w)) => {
            let (g, w) = (g.fields(), w.fields());
            g.date_raw.is_none()
                && g.date().is_none()
                && same_text(&g.subject, &w.subject)
                && same_addresses(&g.from, &w.from)
                && g.sender.is_empty()
                && g.reply_to.is_empty()
                && same_addresses(&g.to, &w.to)
                && g.cc.is_empty()
                && g.bcc.is_empty()
                && same_text(&g.in_reply_to, &w.in_reply_to)
                && same_text(&g.message_id, &w.message_id)
        }
        (g, w) => g == w,
    }
}

/// Renders `desc` to the bytes of one response, with the items the parser must return.
pub fn render(desc: &FetchDesc) -> (Vec<u8>, u32, Vec<FetchItem>) {
    let eol: &[u8] = if desc.bare_lf { b"\n" } else { b"\r\n" };
    let mut o = Out {
        buf: Vec::new(),
        eol,
    };
    let seq = desc.seq.max(1);
    let name = |s: &str| {
        if desc.lower {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        }
    };
    o.raw(&format!("* {seq} FETCH ("));
    let mut want = Vec::new();
    for (k, item) in desc.items.iter().enumerate() {
        if k > 0 {
            o.raw(" ");
        }
        match item {
            ItemDesc::Uid(u) => {
                let u = (*u).max(1);
                o.raw(&format!("{} {u}", name("UID")));
                want.push(FetchItem::Uid(u));
            }
            ItemDesc::Flags(flags) => {
                let flags: Vec<(String, Flag)> = flags
                    .iter()
                    .map(|f| match f {
                        RespFlag::Seen => ("\\Seen".into(), Flag::Seen),
                        RespFlag::Answered => ("\\Answered".into(), Flag::Answered),
                        RespFlag::Flagged => ("\\Flagged".into(), Flag::Flagged),
                        RespFlag::Deleted => ("\\Deleted".into(), Flag::Deleted),
                        RespFlag::Draft => ("\\Draft".into(), Flag::Draft),
                        RespFlag::Recent => ("\\Recent".into(), Flag::Recent),
                        RespFlag::Keyword(k) => (atom(k), Flag::Keyword(atom(k))),
                        // An `X` first, so the name never spells a system flag.
                        RespFlag::Extension(e) => {
                            let e = format!("X{}", atom(e));
                            (format!("\\{e}"), Flag::Extension(e))
                        }
                    })
                    .collect();
                let words: Vec<&str> = flags.iter().map(|(w, _)| w.as_str()).collect();
                o.raw(&format!("{} ({})", name("FLAGS"), words.join(" ")));
                want.push(FetchItem::Flags(flags.into_iter().map(|f| f.1).collect()));
            }
            ItemDesc::Size(n) => {
                o.raw(&format!("{} {n}", name("RFC822.SIZE")));
                want.push(FetchItem::Rfc822Size(u64::from(*n)));
            }
            ItemDesc::ModSeq(m) => {
                // mod-sequence-value: 1 to 2^63-1.
                let m = (*m % (i64::MAX as u64)).max(1);
                o.raw(&format!("{} ({m})", name("MODSEQ")));
                want.push(FetchItem::ModSeq(m));
            }
            ItemDesc::Envelope(e) => {
                o.raw(&format!("{} (NIL ", name("ENVELOPE")));
                let subject = o.nstring(&e.subject).map(text);
                o.raw(" ");
                let from = o.addresses(&e.from);
                o.raw(" NIL NIL ");
                let to = o.addresses(&e.to);
                o.raw(" NIL NIL ");
                let in_reply_to = o.nstring(&e.in_reply_to).map(text);
                o.raw(" ");
                let message_id = o.nstring(&e.message_id).map(text);
                o.raw(")");
                want.push(FetchItem::Envelope(Box::new(Envelope::new(
                    &EnvelopeFields {
                        subject,
                        from,
                        to,
                        in_reply_to,
                        message_id,
                        ..EnvelopeFields::default()
                    },
                ))));
            }
            ItemDesc::Body { data, origin } => {
                o.raw(&name("BODY[]"));
                if let Some(n) = origin {
                    o.raw(&format!("<{n}>"));
                }
                o.raw(" ");
                let data = o.nstring(data);
                want.push(FetchItem::Section(BodySection {
                    section: String::new(),
                    origin: *origin,
                    data: data.map(Into::into),
                }));
            }
        }
    }
    o.raw(")");
    o.buf.extend_from_slice(eol);
    (o.buf, seq, want)
}

/// The response half of the `roundtrip` target.
pub fn check_fetch(desc: &FetchDesc) {
    let (bytes, seq, want) = render(desc);
    let mut framer = Framer::new(Limits::default());
    assert_eq!(
        framer.poll(&bytes).ok(),
        Some(Some(bytes.len())),
        "framing {:?}",
        String::from_utf8_lossy(&bytes)
    );
    let got = parse_response(&bytes, &ParseOptions::default());
    let Response::Untagged(Untagged::Fetch {
        seq: got_seq,
        items,
    }) = &got
    else {
        panic!(
            "not a FETCH: {got:?} from {:?}",
            String::from_utf8_lossy(&bytes)
        );
    };
    assert_eq!(*got_seq, seq);
    assert!(
        items.len() == want.len() && items.iter().zip(&want).all(|(g, w)| same_item(g, w)),
        "parsed {items:#?}\nwanted {want:#?}\nfrom {:?}",
        String::from_utf8_lossy(&bytes)
    );
}
