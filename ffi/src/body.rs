//! `imap_body`: the MIME structure of a message (BODY / BODYSTRUCTURE), as a tree of parts.
use crate::boundary::{c_text, opt_ptr, put, read, str_arg};
use crate::envelope::imap_envelope;
use libimap::proto::body::{BodyFields, Disposition};
use libimap::{BodyStructure, ByteString};
use std::ffi::{c_char, CString};

/// One node of a body structure: a multipart with child parts, a message/rfc822 part with
/// the embedded message's envelope and body as its one child, or a leaf. Borrowed from the
/// message it came from: never freed by itself, valid as long as that message's list.
#[derive(Debug)]
pub struct imap_body {
    mime_type: CString,
    /// Content-Type parameters of a leaf, or the multipart's extension parameters.
    params: Vec<(CString, CString)>,
    id: Option<CString>,
    description: Option<CString>,
    encoding: Option<CString>,
    octets: Option<u32>,
    lines: Option<u32>,
    disposition: Option<CString>,
    envelope: Option<Box<imap_envelope>>,
    parts: Vec<imap_body>,
}

fn c_params(params: &[(ByteString, ByteString)]) -> Vec<(CString, CString)> {
    params.iter().map(|(k, v)| (c_text(k), c_text(v))).collect()
}

fn c_opt(s: &Option<ByteString>) -> Option<CString> {
    s.as_deref().map(c_text)
}

fn c_disposition(d: Option<&Disposition>) -> Option<CString> {
    d.map(|d| c_text(&d.kind))
}

impl imap_body {
    pub(crate) fn new(b: &BodyStructure) -> imap_body {
        let mut node = imap_body {
            mime_type: c_text(&b.mime_type()),
            params: Vec::new(),
            id: None,
            description: None,
            encoding: None,
            octets: None,
            lines: None,
            disposition: None,
            envelope: None,
            parts: Vec::new(),
        };
        let leaf = |node: &mut imap_body, fields: &BodyFields| {
            node.params = c_params(&fields.params);
            node.id = c_opt(&fields.id);
            node.description = c_opt(&fields.description);
            node.encoding = Some(c_text(&fields.encoding));
            node.octets = Some(fields.octets);
        };
        match b {
            BodyStructure::Basic { fields, ext, .. } => {
                leaf(&mut node, fields);
                node.disposition = c_disposition(ext.as_ref().and_then(|e| e.disposition.as_ref()));
            }
            BodyStructure::Text {
                fields, lines, ext, ..
            } => {
                leaf(&mut node, fields);
                node.lines = Some(*lines);
                node.disposition = c_disposition(ext.as_ref().and_then(|e| e.disposition.as_ref()));
            }
            BodyStructure::Message {
                fields,
                envelope,
                body,
                lines,
                ext,
                ..
            } => {
                leaf(&mut node, fields);
                node.lines = Some(*lines);
                node.disposition = c_disposition(ext.as_ref().and_then(|e| e.disposition.as_ref()));
                node.envelope = Some(Box::new(imap_envelope::new(envelope)));
                node.parts = vec![imap_body::new(body)];
            }
            BodyStructure::Multipart { parts, ext, .. } => {
                node.parts = parts.iter().map(imap_body::new).collect();
                if let Some(ext) = ext {
                    node.params = c_params(&ext.params);
                    node.disposition = c_disposition(ext.disposition.as_ref());
                }
            }
            BodyStructure::Unparsed { .. } => {}
        }
        node
    }
}

/// The part's MIME type, lower-cased (`"text/plain"`, `"multipart/alternative"`). A part the
/// server described in a form the library could not read reports
/// `"application/octet-stream"`. Same lifetime as the body; NULL for a NULL body.
#[no_mangle]
pub unsafe extern "C" fn imap_body_mime_type(body: *const imap_body) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, std::ptr::null(), |b| b.mime_type.as_ptr()) }
}

/// Number of child parts: the parts of a multipart, 1 for message/rfc822 (the embedded
/// message's body), 0 for a leaf or NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_body_part_count(body: *const imap_body) -> usize {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, 0, |b| b.parts.len()) }
}

/// Child part `index` (0-based: IMAP part number `index + 1`), or NULL when out of range.
/// Borrowed, same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_part(body: *const imap_body, index: usize) -> *const imap_body {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe {
        read(body, std::ptr::null(), |b| {
            b.parts
                .get(index)
                .map_or(std::ptr::null(), |p| p as *const _)
        })
    }
}

/// Number of parameters: Content-Type parameters of a leaf (`charset`, `name`), or the
/// extension parameters of a multipart (`boundary`, only with BODYSTRUCTURE). 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_body_param_count(body: *const imap_body) -> usize {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, 0, |b| b.params.len()) }
}

/// Name of parameter `index` as the server sent it, or NULL when out of range. Same lifetime as
/// `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_param_name(
    body: *const imap_body,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe {
        read(body, std::ptr::null(), |b| {
            b.params
                .get(index)
                .map_or(std::ptr::null(), |p| p.0.as_ptr())
        })
    }
}

/// Value of parameter `index`, or NULL when out of range. Same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_param_value(
    body: *const imap_body,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe {
        read(body, std::ptr::null(), |b| {
            b.params
                .get(index)
                .map_or(std::ptr::null(), |p| p.1.as_ptr())
        })
    }
}

/// Value of the first parameter called `name` (case-insensitive, e.g. `"charset"`), or NULL
/// when there is none or `name` is NULL or not UTF-8. Same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_param(
    body: *const imap_body,
    name: *const c_char,
) -> *const c_char {
    // SAFETY: NULL or a live body; `name` NULL or a C string (caller's contract).
    unsafe {
        read(body, std::ptr::null(), |b| {
            let Ok(name) = str_arg(name, "name") else {
                return std::ptr::null();
            };
            b.params
                .iter()
                .find(|(k, _)| k.to_bytes().eq_ignore_ascii_case(name.as_bytes()))
                .map_or(std::ptr::null(), |(_, v)| v.as_ptr())
        })
    }
}

/// Content-Transfer-Encoding as sent (`"7BIT"`, `"base64"`), or NULL for a multipart. Same
/// lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_encoding(body: *const imap_body) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, std::ptr::null(), |b| opt_ptr(&b.encoding)) }
}

/// Content-ID, or NULL. Same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_id(body: *const imap_body) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, std::ptr::null(), |b| opt_ptr(&b.id)) }
}

/// Content-Description, or NULL. Same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_description(body: *const imap_body) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, std::ptr::null(), |b| opt_ptr(&b.description)) }
}

/// Content-Disposition type (`"attachment"`, `"inline"`) when the server sent one (only with
/// BODYSTRUCTURE), or NULL. Same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_disposition(body: *const imap_body) -> *const c_char {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe { read(body, std::ptr::null(), |b| opt_ptr(&b.disposition)) }
}

/// Size of a leaf's encoded content in octets. Returns true and writes `*out` for a leaf;
/// false (writing nothing) for a multipart or when an argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_body_octets(body: *const imap_body, out: *mut u32) -> bool {
    // SAFETY: NULL or a live body; `out` NULL or writable (caller's contract).
    unsafe { read(body, false, |b| put(b.octets, out)) }
}

/// Line count of a text part (any text subtype) or a message/rfc822 part. Same convention as `imap_body_octets`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_lines(body: *const imap_body, out: *mut u32) -> bool {
    // SAFETY: NULL or a live body; `out` NULL or writable (caller's contract).
    unsafe { read(body, false, |b| put(b.lines, out)) }
}

/// The envelope of the message embedded in a message/rfc822 part, or NULL for other parts.
/// Borrowed, same lifetime as `body`.
#[no_mangle]
pub unsafe extern "C" fn imap_body_envelope(body: *const imap_body) -> *const imap_envelope {
    // SAFETY: NULL or a live body (caller's contract).
    unsafe {
        read(body, std::ptr::null(), |b| {
            b.envelope
                .as_deref()
                .map_or(std::ptr::null(), |e| e as *const _)
        })
    }
}
