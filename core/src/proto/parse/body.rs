//! BODY / BODYSTRUCTURE (RFC 9051 §7.5.2, the body-type-* rules).
//!
//! Deviations read here, each seen from real servers: NIL or `()` where parameter lists,
//! strings or numbers belong; `-1` sizes; a multipart with no children (`("MIXED")`); a
//! disposition sent as a bare string; a message/rfc822 part without envelope and body; extension
//! data under plain BODY; truncated extension data. A child part that still cannot be read becomes
//! [`BodyStructure::Unparsed`] with its bytes, and its siblings are read normally.
//! Nesting is bounded by `Limits::max_depth`.
use nom::branch::alt;
use nom::character::complete::char;
use nom::combinator::map;
use nom::sequence::terminated;

use super::envelope::envelope;
use super::shared::{string_span, text_span, Frame};
use super::token::{fail, lenient_number, list, nil, skip_value, sp, sp0, R};
use super::ParseOptions;
use crate::proto::body::{
    BodyFields, BodyStructure as Tree, Disposition, MultipartExt, SinglepartExt,
};
use crate::proto::span::Span;

/// The tree as parsed: strings are positions in the frame.
type BodyStructure = Tree<Span>;
type Params = Vec<(Span, Span)>;

/// body-fld-param: `(name value …)`, NIL or `()`; a NIL value reads as empty and a dangling
/// name is dropped.
fn params<'a>(i: &'a [u8], f: &Frame<'_>, max: usize) -> R<'a, Params> {
    if let Ok((r, _)) = nil(i) {
        return Ok((r, Vec::new()));
    }
    // The same grammar as `list(2 * max, lenient_nstring)`, paired up as the values come
    // instead of collected flat first.
    let (mut r, _) = terminated(char('('), sp0)(i)?;
    let mut out = Vec::new();
    let mut key = None;
    let mut n = 0usize;
    loop {
        if let Some(rest) = r.strip_prefix(b")") {
            return Ok((rest, out));
        }
        if n >= max.saturating_mul(2) {
            return fail(i);
        }
        let (rest, v) = text_span(r, f)?;
        n += 1;
        match key.take() {
            None => key = Some(v),
            Some(k) => out.push((k, v)),
        }
        let rest = sp0(rest)?.0;
        if rest.len() == r.len() {
            return fail(i);
        }
        r = rest;
    }
}

/// body-fld-dsp: `(kind params)`, NIL, or (Exchange and others) a bare string.
fn disposition<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    max: usize,
    bare_string: bool,
) -> R<'a, Option<Disposition<Span>>> {
    alt((
        map(nil, |_| None),
        |i| {
            if !bare_string {
                return fail(i);
            }
            map(
                |i| string_span(i, f),
                |kind| {
                    Some(Disposition {
                        kind,
                        params: Vec::new(),
                    })
                },
            )(i)
        },
        |i| {
            let (i, _) = terminated(char('('), sp0)(i)?;
            let (i, kind) = terminated(|i| text_span(i, f), sp0)(i)?;
            let (i, p) = if i.first() == Some(&b')') {
                (i, Vec::new())
            } else {
                terminated(|i| params(i, f, max), sp0)(i)?
            };
            let (i, _) = char(')')(i)?;
            Ok((i, Some(Disposition { kind, params: p })))
        },
    ))(i)
}

/// body-fld-lang: a string, NIL, or a list of strings.
fn language<'a>(i: &'a [u8], f: &Frame<'_>, max: usize) -> R<'a, Vec<Span>> {
    alt((
        map(|i| text_span(i, f), |s| s.opt().into_iter().collect()),
        map(list(max, |i| text_span(i, f)), |v| {
            v.into_iter().filter_map(Span::opt).collect()
        }),
    ))(i)
}

/// The tail shared by both extension kinds: `[SP dsp [SP lang [SP loc *(SP ext)]]]`, read as
/// far as it goes, then everything up to the closing paren skipped.
struct Tail {
    disposition: Option<Disposition<Span>>,
    language: Vec<Span>,
    location: Option<Span>,
}

/// `strict`: fail instead of skipping values beyond the location.
fn ext_tail<'a>(mut i: &'a [u8], f: &Frame<'_>, opts: &ParseOptions, strict: bool) -> R<'a, Tail> {
    let max = opts.limits.max_items;
    let mut tail = Tail {
        disposition: None,
        language: Vec::new(),
        location: None,
    };
    for step in 0..3 {
        let Ok((r, _)) = sp(i) else { break };
        if r.first() == Some(&b')') {
            break;
        }
        let ok = match step {
            0 => disposition(r, f, max, opts.quirks.bare_string_disposition).map(|(r, d)| {
                tail.disposition = d;
                r
            }),
            1 => language(r, f, max).map(|(r, l)| {
                tail.language = l;
                r
            }),
            _ => text_span(r, f).map(|(r, l)| {
                tail.location = l.opt();
                r
            }),
        };
        match ok {
            Ok(r) => i = r,
            Err(_) => break,
        }
    }
    if strict && sp0(i)?.0.first() != Some(&b')') {
        return fail(i);
    }
    Ok((skip_to_close(i)?, tail))
}

/// Skips any remaining values (body-extension) up to, not including, the closing paren.
fn skip_to_close(mut i: &[u8]) -> Result<&[u8], nom::Err<nom::error::Error<&[u8]>>> {
    loop {
        i = sp0(i)?.0;
        match i.first() {
            Some(b')') => return Ok(i),
            Some(_) => i = skip_value(i)?.0,
            None => return fail(i).map(|(r, ())| r),
        }
    }
}

fn single_ext<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
) -> R<'a, Option<SinglepartExt<Span>>> {
    let Ok((r, _)) = sp(i) else {
        return Ok((i, None));
    };
    if r.first() == Some(&b')') {
        return Ok((r, None));
    }
    let (r, md5) = match text_span(r, f) {
        Ok((r, m)) => (r, m.opt()),
        Err(_) => return Ok((skip_to_close(r)?, Some(SinglepartExt::default()))),
    };
    let (r, t) = ext_tail(r, f, opts, false)?;
    Ok((
        r,
        Some(SinglepartExt {
            md5,
            disposition: t.disposition,
            language: t.language,
            location: t.location,
        }),
    ))
}

/// `strict` (used when guessing that a part is a multipart without children): the data must be
/// exactly multipart extension data, nothing skipped.
fn multi_ext<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
    strict: bool,
) -> R<'a, Option<MultipartExt<Span>>> {
    let max = opts.limits.max_items;
    let Ok((r, _)) = sp(i) else {
        return Ok((i, None));
    };
    if r.first() == Some(&b')') {
        return Ok((r, None));
    }
    let (r, p) = match params(r, f, max) {
        Ok(v) => v,
        Err(_) if strict => return fail(r),
        Err(_) => return Ok((skip_to_close(r)?, Some(MultipartExt::default()))),
    };
    let (r, t) = ext_tail(r, f, opts, strict)?;
    Ok((
        r,
        Some(MultipartExt {
            params: p,
            disposition: t.disposition,
            language: t.language,
            location: t.location,
        }),
    ))
}

/// One body: `(` … `)`.
pub(crate) fn body<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
    depth: usize,
) -> R<'a, BodyStructure> {
    if depth >= opts.limits.max_depth {
        return fail(i);
    }
    let (r, _) = terminated(char('('), sp0)(i)?;
    let (r, b) = if r.first() == Some(&b'(') {
        multipart(r, f, opts, depth)?
    } else {
        single(r, f, opts, depth)?
    };
    let (r, _) = preceded_close(r)?;
    Ok((r, b))
}

fn preceded_close(i: &[u8]) -> R<'_, char> {
    let (i, _) = sp0(i)?;
    char(')')(i)
}

/// A body where one is expected inside another: unreadable → `Unparsed` with its bytes.
fn child<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
    depth: usize,
) -> R<'a, BodyStructure> {
    match body(i, f, opts, depth + 1) {
        Ok(v) => Ok(v),
        Err(_) => {
            let (r, raw) = skip_value(i)?;
            Ok((r, BodyStructure::Unparsed { raw: raw.to_vec() }))
        }
    }
}

fn multipart<'a>(
    mut i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
    depth: usize,
) -> R<'a, BodyStructure> {
    let mut parts = Vec::new();
    while i.first() == Some(&b'(') {
        if parts.len() >= opts.limits.max_items {
            return fail(i);
        }
        let (r, part) = child(i, f, opts, depth)?;
        parts.push(part);
        i = sp0(r)?.0;
    }
    let (i, media_subtype) = text_span(i, f)?;
    let (i, ext) = multi_ext(i, f, opts, false)?;
    Ok((
        i,
        BodyStructure::Multipart {
            parts,
            media_subtype,
            ext,
        },
    ))
}

fn fields<'a>(i: &'a [u8], f: &Frame<'_>, opts: &ParseOptions) -> R<'a, BodyFields<Span>> {
    let max = opts.limits.max_items;
    let text = |i| terminated(|i| text_span(i, f), sp)(i);
    let (i, params) = terminated(|i| params(i, f, max), sp)(i)?;
    let (i, id) = text(i)?;
    let (i, description) = text(i)?;
    let (i, encoding) = text(i)?;
    let (i, octets) = size(i, opts)?;
    Ok((
        i,
        BodyFields {
            params,
            id: id.opt(),
            description: description.opt(),
            encoding,
            octets,
        },
    ))
}

/// A size or line count: NIL, negative and overflowing values are read as [`lenient_number`]
/// does, except that negative ones fail unless the quirk switch allows them.
fn size<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, u32> {
    if !opts.quirks.negative_numbers && i.first() == Some(&b'-') {
        return fail(i);
    }
    lenient_number(i)
}

/// `SP number` when present; servers have left body-fld-lines out.
fn lines<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, u32> {
    if !opts.quirks.negative_numbers && i.starts_with(b" -") {
        return fail(i);
    }
    match sp(i).and_then(|(r, _)| lenient_number(r)) {
        Ok(v) => Ok(v),
        Err(_) => Ok((i, 0)),
    }
}

fn single<'a>(
    i: &'a [u8],
    f: &Frame<'_>,
    opts: &ParseOptions,
    depth: usize,
) -> R<'a, BodyStructure> {
    let (i, media_type) = text_span(i, f)?;
    // `("MIXED")` or `("MIXED" ("BOUNDARY" "x") NIL NIL)`: a multipart whose children are missing.
    let after = sp0(i)?.0;
    if after.first() == Some(&b')') || (after.first() == Some(&b'(') && after.len() < i.len()) {
        let (i, ext) = multi_ext(i, f, opts, true)?;
        return Ok((
            i,
            BodyStructure::Multipart {
                parts: Vec::new(),
                media_subtype: media_type,
                ext,
            },
        ));
    }
    let (i, _) = sp(i)?;
    let (i, media_subtype) = text_span(i, f)?;
    let (i, _) = sp(i)?;
    let (i, fields) = fields(i, f, opts)?;
    let is = |s: Span, word: &str| f.raw(s).eq_ignore_ascii_case(word.as_bytes());
    if is(media_type, "TEXT") {
        let (i, lines) = lines(i, opts)?;
        let (i, ext) = single_ext(i, f, opts)?;
        return Ok((
            i,
            BodyStructure::Text {
                media_subtype,
                fields,
                lines,
                ext,
            },
        ));
    }
    let is_message =
        is(media_type, "MESSAGE") && (is(media_subtype, "RFC822") || is(media_subtype, "GLOBAL"));
    if is_message {
        let embedded = |i: &'a [u8]| -> R<'a, _> {
            let (i, _) = sp(i)?;
            let (i, env) = envelope(i, f, &opts.limits)?;
            let (i, _) = sp(i)?;
            let (i, inner) = child(i, f, opts, depth)?;
            let (i, lines) = lines(i, opts)?;
            Ok((i, (env, inner, lines)))
        };
        if let Ok((i, (env, inner, lines))) = embedded(i) {
            let (i, ext) = single_ext(i, f, opts)?;
            return Ok((
                i,
                BodyStructure::Message {
                    media_subtype,
                    fields,
                    envelope: Box::new(env),
                    body: Box::new(inner),
                    lines,
                    ext,
                },
            ));
        }
    }
    let (i, ext) = single_ext(i, f, opts)?;
    Ok((
        i,
        BodyStructure::Basic {
            media_type,
            media_subtype,
            fields,
            ext,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::{body, Frame, ParseOptions};
    use bytestring::ByteString;

    use crate::proto::body::{
        BodyFields, BodyStructure, CompactBodyStructure, Disposition, MultipartExt, SinglepartExt,
    };
    use crate::proto::framer::Limits;

    /// The tree with values, as users see it. Also checks that the tree survives the trip to
    /// the compact form built by hand and back.
    fn tree(s: &[u8], opts: &ParseOptions) -> BodyStructure {
        let f = Frame::borrowed(s);
        let (_, b) = body(s, &f, opts, 0).unwrap();
        let tree = CompactBodyStructure::new(f.buffer().clone(), b).tree();
        assert_eq!(CompactBodyStructure::from_tree(&tree).tree(), tree);
        tree
    }

    fn with(limits: Limits) -> ParseOptions {
        ParseOptions {
            limits,
            ..ParseOptions::default()
        }
    }

    fn parse(s: &[u8]) -> BodyStructure {
        let (rest, _) = body(s, &Frame::borrowed(s), &ParseOptions::default(), 0).unwrap();
        assert!(
            rest.is_empty(),
            "left over: {:?}",
            String::from_utf8_lossy(rest)
        );
        tree(s, &ParseOptions::default())
    }

    fn p(k: &str, v: &str) -> (ByteString, ByteString) {
        (k.into(), v.into())
    }

    #[test]
    fn rfc3501_text_part() {
        assert_eq!(
            parse(b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)"),
            BodyStructure::Text {
                media_subtype: "PLAIN".into(),
                fields: BodyFields {
                    params: vec![p("CHARSET", "US-ASCII")],
                    id: None,
                    description: None,
                    encoding: "7BIT".into(),
                    octets: 3028
                },
                lines: 92,
                ext: None,
            }
        );
    }

    #[test]
    fn rfc3501_multipart() {
        let b = parse(b"((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \"<960723163407.20117h@cac.washington.edu>\" \"Compiled diff\" \"BASE64\" 4554 73) \"MIXED\")");
        let BodyStructure::Multipart {
            parts,
            media_subtype,
            ext,
        } = b
        else {
            panic!()
        };
        assert_eq!(media_subtype, "MIXED");
        assert_eq!(ext, None);
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[1],
            BodyStructure::Text {
                media_subtype: "PLAIN".into(),
                fields: BodyFields {
                    params: vec![p("CHARSET", "US-ASCII"), p("NAME", "cc.diff")],
                    id: Some("<960723163407.20117h@cac.washington.edu>".into()),
                    description: Some("Compiled diff".into()),
                    encoding: "BASE64".into(),
                    octets: 4554
                },
                lines: 73,
                ext: None,
            }
        );
    }

    #[test]
    fn extension_data() {
        let b = parse(b"((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 \"md5sum\" (\"inline\" NIL) (\"en\" \"de\") \"loc\" 1 (2 3))(\"image\" \"png\" (\"name\" \"a.png\") \"<id>\" NIL \"base64\" 20 NIL (\"attachment\" (\"filename\" \"a.png\")) \"fr\" NIL) \"mixed\" (\"boundary\" \"xyz\") NIL NIL NIL)");
        let BodyStructure::Multipart { parts, ext, .. } = b else {
            panic!()
        };
        assert_eq!(
            ext,
            Some(MultipartExt {
                params: vec![p("boundary", "xyz")],
                disposition: None,
                language: vec![],
                location: None
            })
        );
        let BodyStructure::Text { ext, .. } = &parts[0] else {
            panic!()
        };
        assert_eq!(
            ext,
            &Some(SinglepartExt {
                md5: Some("md5sum".into()),
                disposition: Some(Disposition {
                    kind: "inline".into(),
                    params: vec![]
                }),
                language: vec!["en".into(), "de".into()],
                location: Some("loc".into())
            })
        );
        let BodyStructure::Basic {
            media_type,
            ext,
            fields,
            ..
        } = &parts[1]
        else {
            panic!()
        };
        assert_eq!(media_type, "image");
        assert_eq!(fields.id.as_deref(), Some("<id>"));
        assert_eq!(
            ext.as_ref().unwrap().disposition,
            Some(Disposition {
                kind: "attachment".into(),
                params: vec![p("filename", "a.png")]
            })
        );
        assert_eq!(ext.as_ref().unwrap().language, vec!["fr".to_string()]);
    }

    #[test]
    fn message_rfc822() {
        let b = parse(b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 100 (NIL \"hi\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 1) 5)");
        let BodyStructure::Message {
            envelope,
            body,
            lines,
            ..
        } = b
        else {
            panic!()
        };
        assert_eq!(envelope.subject().unwrap().text(), "hi");
        assert_eq!(body.mime_type(), "text/plain");
        assert_eq!(lines, 5);
        // Without envelope and body it is read as a basic part.
        let b = parse(b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 2177)");
        assert_eq!(b.mime_type(), "message/rfc822");
        assert!(matches!(b, BodyStructure::Basic { .. }));
    }

    #[test]
    fn deviations() {
        assert_eq!(
            parse(b"(\"MIXED\")"),
            BodyStructure::Multipart {
                parts: vec![],
                media_subtype: "MIXED".into(),
                ext: None
            }
        );
        let b = parse(
            b"(\"multipart\" \"digest\" (\"boundary\" \"x\") NIL NIL \"7BIT\" -1 NIL NIL NIL NIL)",
        );
        let BodyStructure::Basic { fields, .. } = b else {
            panic!()
        };
        assert_eq!(fields.octets, 0);
        let b = parse(b"((\"text\" \"html\" NIL NIL NIL NIL 10 1 NIL \"inline\" NIL NIL)(\"image\" \"gif\" () NIL NIL \"base64\" 20 NIL (\"inline\" NIL) NIL NIL) \"related\" (\"boundary\" NIL) \"S/MIME\" NIL)");
        let BodyStructure::Multipart { parts, ext, .. } = b else {
            panic!()
        };
        assert_eq!(
            ext.unwrap().disposition,
            Some(Disposition {
                kind: "S/MIME".into(),
                params: vec![]
            })
        );
        let BodyStructure::Text { fields, ext, .. } = &parts[0] else {
            panic!()
        };
        assert_eq!(fields.encoding, "");
        assert_eq!(
            ext.as_ref().unwrap().disposition.as_ref().unwrap().kind,
            "inline"
        );
        // An unreadable child keeps its bytes; the sibling survives.
        let b = parse(b"(( \"X-ZIP\" (\"BOUNDARY\" \"\") NIL NIL \"base64\" 4096)(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1) \"MIXED\")");
        let BodyStructure::Multipart { parts, .. } = b else {
            panic!()
        };
        assert_eq!(
            parts[0],
            BodyStructure::Unparsed {
                raw: b"( \"X-ZIP\" (\"BOUNDARY\" \"\") NIL NIL \"base64\" 4096)".to_vec()
            }
        );
        assert_eq!(parts[1].mime_type(), "text/plain");
    }

    #[test]
    fn depth_bounded() {
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let leaf = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)";
        let nest = |n: usize| format!("{}{}{}", "(".repeat(n), leaf, " \"MIXED\")".repeat(n));
        let s = nest(2);
        assert!(matches!(
            tree(s.as_bytes(), &with(limits.clone())),
            BodyStructure::Multipart { .. }
        ));
        let s = nest(3);
        let b = tree(s.as_bytes(), &with(limits));
        let BodyStructure::Multipart { parts, .. } = b else {
            panic!()
        };
        let BodyStructure::Multipart { parts, .. } = &parts[0] else {
            panic!()
        };
        assert!(
            matches!(parts[0], BodyStructure::Multipart { ref parts, .. } if matches!(parts[0], BodyStructure::Unparsed { .. }))
        );
        let deep = nest(100_000);
        let f = Frame::borrowed(deep.as_bytes());
        assert!(body(deep.as_bytes(), &f, &ParseOptions::default(), 0).is_ok());
    }
}
