//! FETCH: typed attributes (RFC 9051/3501, BINARY, CONDSTORE, OBJECTID, SAVEDATE, PREVIEW,
//! Gmail), the ALL/FAST/FULL macros, CHANGEDSINCE/VANISHED modifiers, and a validating
//! parser from the textual form callers are used to.
use super::mailbox::MAX_MODSEQ;
use super::search::header_name;
use super::writer::{Show, Writer};
use crate::error::{Error, Result};
use crate::proto::sequence::SequenceSet;

/// What to fetch: a macro or a list of attributes (sent bare when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchAttributes {
    /// `ALL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE.
    All,
    /// `FAST`: FLAGS INTERNALDATE RFC822.SIZE.
    Fast,
    /// `FULL`: ALL and BODY.
    Full,
    Attrs(Vec<FetchAttr>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchAttr {
    Flags,
    Uid,
    InternalDate,
    Rfc822Size,
    Envelope,
    /// `BODY`: the structure without extension data.
    Body,
    BodyStructure,
    /// IMAP4rev1 `RFC822`, `RFC822.HEADER`, `RFC822.TEXT`.
    Rfc822,
    Rfc822Header,
    Rfc822Text,
    /// `BODY[section]<offset.count>` or, with `peek`, `BODY.PEEK[...]` (leaves \Seen alone).
    BodySection {
        peek: bool,
        section: Section,
        partial: Option<(u64, u64)>,
    },
    /// `BINARY[part]<offset.count>` / `BINARY.PEEK[...]` (RFC 3516).
    Binary {
        peek: bool,
        part: Vec<u32>,
        partial: Option<(u64, u64)>,
    },
    BinarySize {
        part: Vec<u32>,
    },
    ModSeq,
    EmailId,
    ThreadId,
    SaveDate,
    /// RFC 8970 `PREVIEW`, `PREVIEW (LAZY)`.
    Preview {
        lazy: bool,
    },
    GmailMsgId,
    GmailThreadId,
    GmailLabels,
}

/// `[part][.text]`: empty is the whole message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub part: Vec<u32>,
    pub text: Option<SectionText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionText {
    Header,
    HeaderFields(Vec<String>),
    HeaderFieldsNot(Vec<String>),
    Text,
    /// Only after a part number.
    Mime,
}

/// FETCH modifiers (RFC 7162): `(CHANGEDSINCE n [VANISHED])`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchModifiers {
    pub changed_since: Option<u64>,
    /// Only with UID FETCH and CHANGEDSINCE (QRESYNC).
    pub vanished: bool,
}

pub(super) fn fetch(
    w: &mut Writer,
    set: &SequenceSet,
    items: &FetchAttributes,
    uid: bool,
    m: &FetchModifiers,
) -> Result<()> {
    w.raw(if uid { "UID FETCH " } else { "FETCH " });
    w.raw(set.as_str());
    w.sp();
    items.write(w)?;
    if let Some(since) = m.changed_since {
        if since > MAX_MODSEQ {
            return Err(Error::invalid(format!(
                "CHANGEDSINCE {since} is beyond the largest mod-sequence"
            )));
        }
        w.raw(&format!(" (CHANGEDSINCE {since}"));
        if m.vanished {
            if !uid {
                return Err(Error::invalid("VANISHED needs UID FETCH"));
            }
            w.raw(" VANISHED");
        }
        w.raw(")");
    } else if m.vanished {
        return Err(Error::invalid("VANISHED needs CHANGEDSINCE"));
    }
    Ok(())
}

impl FetchAttributes {
    /// Parses the textual form: a macro (`ALL`, `FAST`, `FULL`), one attribute
    /// (`BODY.PEEK[HEADER]`) or a parenthesised list, in any case. Anything that is not an
    /// attribute this module knows is refused.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim_matches(' ');
        let bad = |why: &str| Error::invalid(format!("invalid fetch attributes {s:?}: {why}"));
        for m in [
            ("ALL", FetchAttributes::All),
            ("FAST", FetchAttributes::Fast),
            ("FULL", FetchAttributes::Full),
        ] {
            if s.eq_ignore_ascii_case(m.0) {
                return Ok(m.1);
            }
        }
        let mut p = Parser {
            b: s.as_bytes(),
            i: 0,
        };
        let attrs = if p.eat(b'(') {
            let mut v = vec![p.attr().map_err(|e| bad(&e))?];
            while p.eat(b' ') {
                v.push(p.attr().map_err(|e| bad(&e))?);
            }
            if !p.eat(b')') {
                return Err(bad("expected ')'"));
            }
            v
        } else {
            vec![p.attr().map_err(|e| bad(&e))?]
        };
        if p.i != p.b.len() {
            return Err(bad("unexpected text after the attributes"));
        }
        Ok(FetchAttributes::Attrs(attrs))
    }

    pub(super) fn write(&self, w: &mut Writer) -> Result<()> {
        match self {
            FetchAttributes::All => w.raw("ALL"),
            FetchAttributes::Fast => w.raw("FAST"),
            FetchAttributes::Full => w.raw("FULL"),
            FetchAttributes::Attrs(v) => match v.as_slice() {
                [] => return Err(Error::invalid("empty fetch attribute list")),
                [one] => one.write(w)?,
                _ => super::paren_list(w, v, |w, a| a.write(w))?,
            },
        }
        Ok(())
    }
}

impl std::str::FromStr for FetchAttributes {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        FetchAttributes::parse(s)
    }
}

impl FetchAttr {
    fn write(&self, w: &mut Writer) -> Result<()> {
        match self {
            FetchAttr::Flags => w.raw("FLAGS"),
            FetchAttr::Uid => w.raw("UID"),
            FetchAttr::InternalDate => w.raw("INTERNALDATE"),
            FetchAttr::Rfc822Size => w.raw("RFC822.SIZE"),
            FetchAttr::Envelope => w.raw("ENVELOPE"),
            FetchAttr::Body => w.raw("BODY"),
            FetchAttr::BodyStructure => w.raw("BODYSTRUCTURE"),
            FetchAttr::Rfc822 => w.raw("RFC822"),
            FetchAttr::Rfc822Header => w.raw("RFC822.HEADER"),
            FetchAttr::Rfc822Text => w.raw("RFC822.TEXT"),
            FetchAttr::BodySection {
                peek,
                section,
                partial,
            } => {
                w.raw(if *peek { "BODY.PEEK[" } else { "BODY[" });
                section.write(w)?;
                w.raw("]");
                write_partial(w, *partial)?;
            }
            FetchAttr::Binary {
                peek,
                part,
                partial,
            } => {
                w.raw(if *peek { "BINARY.PEEK[" } else { "BINARY[" });
                write_part(w, part)?;
                w.raw("]");
                write_partial(w, *partial)?;
            }
            FetchAttr::BinarySize { part } => {
                w.raw("BINARY.SIZE[");
                write_part(w, part)?;
                w.raw("]");
            }
            FetchAttr::ModSeq => w.raw("MODSEQ"),
            FetchAttr::EmailId => w.raw("EMAILID"),
            FetchAttr::ThreadId => w.raw("THREADID"),
            FetchAttr::SaveDate => w.raw("SAVEDATE"),
            FetchAttr::Preview { lazy: false } => w.raw("PREVIEW"),
            FetchAttr::Preview { lazy: true } => w.raw("PREVIEW (LAZY)"),
            FetchAttr::GmailMsgId => w.raw("X-GM-MSGID"),
            FetchAttr::GmailThreadId => w.raw("X-GM-THRID"),
            FetchAttr::GmailLabels => w.raw("X-GM-LABELS"),
        }
        Ok(())
    }
}

fn write_part(w: &mut Writer, part: &[u32]) -> Result<()> {
    for (i, n) in part.iter().enumerate() {
        if *n == 0 {
            return Err(Error::invalid("body part numbers start at 1"));
        }
        if i > 0 {
            w.raw(".");
        }
        w.number(*n as u64);
    }
    Ok(())
}

fn write_partial(w: &mut Writer, partial: Option<(u64, u64)>) -> Result<()> {
    if let Some((offset, count)) = partial {
        if count == 0 {
            return Err(Error::invalid("a partial fetch needs a non-zero length"));
        }
        w.raw(&format!("<{offset}.{count}>"));
    }
    Ok(())
}

impl Section {
    fn write(&self, w: &mut Writer) -> Result<()> {
        write_part(w, &self.part)?;
        let Some(text) = &self.text else {
            return Ok(());
        };
        if !self.part.is_empty() {
            w.raw(".");
        }
        let fields = |w: &mut Writer, names: &[String]| -> Result<()> {
            if names.is_empty() {
                return Err(Error::invalid("HEADER.FIELDS needs at least one name"));
            }
            super::paren_list(w, names, |w, n| {
                header_name(n)?;
                w.astring(n.as_bytes(), Show::Plain)
            })
        };
        match text {
            SectionText::Header => w.raw("HEADER"),
            SectionText::Text => w.raw("TEXT"),
            SectionText::Mime if self.part.is_empty() => {
                return Err(Error::invalid("MIME needs a part number"));
            }
            SectionText::Mime => w.raw("MIME"),
            SectionText::HeaderFields(names) => {
                w.raw("HEADER.FIELDS ");
                fields(w, names)?;
            }
            SectionText::HeaderFieldsNot(names) => {
                w.raw("HEADER.FIELDS.NOT ");
                fields(w, names)?;
            }
        }
        Ok(())
    }
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

type PResult<T> = std::result::Result<T, String>;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8) -> PResult<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected {:?} at offset {}", c as char, self.i))
        }
    }

    /// A run of bytes allowed by `ok`, as text.
    fn take(&mut self, ok: impl Fn(u8) -> bool) -> &str {
        let start = self.i;
        while self.peek().is_some_and(&ok) {
            self.i += 1;
        }
        // Every predicate used here admits ASCII only.
        std::str::from_utf8(&self.b[start..self.i]).unwrap_or_default()
    }

    fn number(&mut self) -> PResult<u64> {
        let t = self.take(|c| c.is_ascii_digit());
        t.parse()
            .map_err(|_| format!("expected a number at offset {}", self.i))
    }

    fn attr(&mut self) -> PResult<FetchAttr> {
        let name = self
            .take(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
            .to_ascii_uppercase();
        Ok(match name.as_str() {
            "FLAGS" => FetchAttr::Flags,
            "UID" => FetchAttr::Uid,
            "INTERNALDATE" => FetchAttr::InternalDate,
            "RFC822.SIZE" => FetchAttr::Rfc822Size,
            "ENVELOPE" => FetchAttr::Envelope,
            "BODYSTRUCTURE" => FetchAttr::BodyStructure,
            "RFC822" => FetchAttr::Rfc822,
            "RFC822.HEADER" => FetchAttr::Rfc822Header,
            "RFC822.TEXT" => FetchAttr::Rfc822Text,
            "MODSEQ" => FetchAttr::ModSeq,
            "EMAILID" => FetchAttr::EmailId,
            "THREADID" => FetchAttr::ThreadId,
            "SAVEDATE" => FetchAttr::SaveDate,
            "X-GM-MSGID" => FetchAttr::GmailMsgId,
            "X-GM-THRID" => FetchAttr::GmailThreadId,
            "X-GM-LABELS" => FetchAttr::GmailLabels,
            "PREVIEW" => {
                // In a list no attribute starts with '(', so " (" can only be modifiers.
                let lazy = self.b[self.i..].starts_with(b" (");
                if lazy {
                    self.i += 2;
                    let m = self.take(|c| c.is_ascii_alphabetic());
                    if !m.eq_ignore_ascii_case("LAZY") {
                        return Err(format!("unknown PREVIEW modifier {m:?}"));
                    }
                    self.expect(b')')?;
                }
                FetchAttr::Preview { lazy }
            }
            "BODY" if self.peek() != Some(b'[') => FetchAttr::Body,
            "BODY" | "BODY.PEEK" => {
                self.expect(b'[')?;
                let section = self.section()?;
                self.expect(b']')?;
                FetchAttr::BodySection {
                    peek: name == "BODY.PEEK",
                    section,
                    partial: self.partial()?,
                }
            }
            "BINARY" | "BINARY.PEEK" | "BINARY.SIZE" => {
                self.expect(b'[')?;
                let part = self.part()?;
                self.expect(b']')?;
                if name == "BINARY.SIZE" {
                    FetchAttr::BinarySize { part }
                } else {
                    FetchAttr::Binary {
                        peek: name == "BINARY.PEEK",
                        part,
                        partial: self.partial()?,
                    }
                }
            }
            "" => return Err(format!("expected an attribute at offset {}", self.i)),
            other => return Err(format!("unknown attribute {other:?}")),
        })
    }

    /// `nz-number *("." nz-number)`, possibly empty; stops before a `.` not followed by a
    /// digit (the section text).
    fn part(&mut self) -> PResult<Vec<u32>> {
        let mut part = Vec::new();
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            let n = self.number()?;
            if n == 0 || n > u32::MAX as u64 {
                return Err(format!("invalid part number {n}"));
            }
            part.push(n as u32);
            if self.peek() == Some(b'.')
                && self.b.get(self.i + 1).is_some_and(|c| c.is_ascii_digit())
            {
                self.i += 1;
            } else {
                break;
            }
        }
        Ok(part)
    }

    fn section(&mut self) -> PResult<Section> {
        let part = self.part()?;
        if self.peek() == Some(b']') {
            return Ok(Section { part, text: None });
        }
        if !part.is_empty() {
            self.expect(b'.')?;
        }
        let name = self
            .take(|c| c.is_ascii_alphabetic() || c == b'.')
            .to_ascii_uppercase();
        let text = match name.as_str() {
            "HEADER" => SectionText::Header,
            "TEXT" => SectionText::Text,
            "MIME" if !part.is_empty() => SectionText::Mime,
            "HEADER.FIELDS" => SectionText::HeaderFields(self.header_list()?),
            "HEADER.FIELDS.NOT" => SectionText::HeaderFieldsNot(self.header_list()?),
            other => return Err(format!("invalid section {other:?}")),
        };
        Ok(Section {
            part,
            text: Some(text),
        })
    }

    fn header_list(&mut self) -> PResult<Vec<String>> {
        self.expect(b' ')?;
        self.expect(b'(')?;
        let mut names = Vec::new();
        loop {
            let n = self.take(|c| c > 0x20 && c < 0x7f && !b"()[]{}\"\\%*:".contains(&c));
            if n.is_empty() {
                return Err(format!("expected a header field name at offset {}", self.i));
            }
            names.push(n.to_string());
            if !self.eat(b' ') {
                break;
            }
        }
        self.expect(b')')?;
        Ok(names)
    }

    fn partial(&mut self) -> PResult<Option<(u64, u64)>> {
        if !self.eat(b'<') {
            return Ok(None);
        }
        let offset = self.number()?;
        self.expect(b'.')?;
        let count = self.number()?;
        self.expect(b'>')?;
        if count == 0 {
            return Err("a partial fetch needs a non-zero length".into());
        }
        Ok(Some((offset, count)))
    }
}
