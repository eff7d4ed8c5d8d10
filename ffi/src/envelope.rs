//! `imap_envelope` and `imap_address`: the ENVELOPE of a message (or of a message/rfc822 part),
//! with header text both decoded and as sent.
use crate::boundary::{bytes_ptr, c_text, read};
use libimap::{Address, Bytes, DateTime, EncodedText, Envelope};
use std::ffi::{c_char, CString};

/// Header text in both forms C may want: decoded (RFC 2047) and the exact bytes sent.
#[derive(Debug)]
pub(crate) struct Text {
    decoded: CString,
    /// Shares the parsed response's buffer: no copy, and stable while this handle lives.
    raw: Bytes,
}

impl Text {
    fn new(t: &EncodedText) -> Text {
        Text {
            decoded: c_text(t.text()),
            raw: t.raw().clone(),
        }
    }
    fn opt(t: &Option<EncodedText>) -> Option<Text> {
        t.as_ref().map(Text::new)
    }
}

fn text_ptr(t: &Option<Text>) -> *const c_char {
    t.as_ref().map_or(std::ptr::null(), |t| t.decoded.as_ptr())
}

/// Points `*len` at the raw bytes' length and returns them, or NULL (leaving `*len` alone).
///
/// # Safety
/// `len` is NULL or writable.
unsafe fn raw_ptr(t: &Option<Text>, len: *mut usize) -> *const u8 {
    match t {
        Some(t) if !len.is_null() => {
            // SAFETY: non-NULL and writable (caller's contract).
            unsafe { *len = t.raw.len() };
            bytes_ptr(&t.raw)
        }
        _ => std::ptr::null(),
    }
}

/// One address of an address list. A group (`undisclosed-recipients: ;`) appears as a start
/// marker (host NULL, mailbox = the group name) and an end marker (host and mailbox NULL).
/// Borrowed from its envelope: never freed by itself.
#[derive(Debug)]
pub struct imap_address {
    name: Option<Text>,
    route: Option<Text>,
    mailbox: Option<Text>,
    host: Option<Text>,
}

impl imap_address {
    fn new(a: &Address) -> imap_address {
        imap_address {
            name: Text::opt(&a.name),
            route: Text::opt(&a.route),
            mailbox: Text::opt(&a.mailbox),
            host: Text::opt(&a.host),
        }
    }
}

/// Which address list of an envelope.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum imap_address_field {
    From = 0,
    Sender = 1,
    ReplyTo = 2,
    To = 3,
    Cc = 4,
    Bcc = 5,
}

/// The parsed ENVELOPE of a message. Borrowed from the message (or body part) it came from:
/// never freed by itself, valid as long as that owner.
#[derive(Debug)]
pub struct imap_envelope {
    date: Option<Text>,
    date_value: Option<DateTime>,
    subject: Option<Text>,
    message_id: Option<Text>,
    in_reply_to: Option<Text>,
    lists: [Vec<imap_address>; 6],
}

impl imap_envelope {
    pub(crate) fn new(e: &Envelope) -> imap_envelope {
        let list = |l: &[Address]| l.iter().map(imap_address::new).collect::<Vec<_>>();
        let date_value = e.date();
        let e = e.fields();
        imap_envelope {
            date: Text::opt(&e.date_raw),
            date_value,
            subject: Text::opt(&e.subject),
            message_id: Text::opt(&e.message_id),
            in_reply_to: Text::opt(&e.in_reply_to),
            lists: [
                list(&e.from),
                list(&e.sender),
                list(&e.reply_to),
                list(&e.to),
                list(&e.cc),
                list(&e.bcc),
            ],
        }
    }

    fn list(&self, field: u32) -> &[imap_address] {
        self.lists.get(field as usize).map_or(&[], |l| l.as_slice())
    }
}

/// The Subject with RFC 2047 encoded-words decoded (invalid bytes replaced, so it is always
/// valid UTF-8), or NULL when absent (NIL) or for a NULL envelope. Owned by the envelope's
/// owner, valid as long as it.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_subject(envelope: *const imap_envelope) -> *const c_char {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe { read(envelope, std::ptr::null(), |e| text_ptr(&e.subject)) }
}

/// The Subject exactly as the server sent it (encoded-words and 8-bit bytes untouched; not
/// NUL-terminated, may contain any byte). Returns the bytes and writes their number to `*len`,
/// or returns NULL (leaving `*len` alone) when absent or an argument is NULL. Same lifetime as
/// `imap_envelope_subject`.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_subject_raw(
    envelope: *const imap_envelope,
    len: *mut usize,
) -> *const u8 {
    // SAFETY: NULL or a live envelope; `len` NULL or writable (caller's contract).
    unsafe { read(envelope, std::ptr::null(), |e| raw_ptr(&e.subject, len)) }
}

/// The Date header text as sent, or NULL when absent. Same lifetime as `imap_envelope_subject`.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_date(envelope: *const imap_envelope) -> *const c_char {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe { read(envelope, std::ptr::null(), |e| text_ptr(&e.date)) }
}

/// The Date header as Unix seconds (UTC) and the sender's UTC offset in minutes (east
/// positive). Returns true and writes both outputs when the date was present and readable;
/// false (writing nothing) otherwise, or when any argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_date_unix(
    envelope: *const imap_envelope,
    unix_seconds: *mut i64,
    offset_minutes: *mut i32,
) -> bool {
    // SAFETY: NULL or a live envelope; outputs NULL or writable (caller's contract).
    unsafe {
        read(envelope, false, |e| {
            put_datetime(e.date_value, unix_seconds, offset_minutes)
        })
    }
}

/// Writes a date's timestamp and offset when both outputs are present.
///
/// # Safety
/// The outputs are NULL or writable.
pub(crate) unsafe fn put_datetime(
    d: Option<DateTime>,
    unix_seconds: *mut i64,
    offset_minutes: *mut i32,
) -> bool {
    match d {
        Some(d) if !unix_seconds.is_null() && !offset_minutes.is_null() => {
            // SAFETY: non-NULL and writable (caller's contract).
            unsafe {
                *unix_seconds = d.unix_timestamp();
                *offset_minutes = i32::from(d.offset_minutes);
            }
            true
        }
        _ => false,
    }
}

/// The Message-ID header (decoded text), or NULL when absent. Same lifetime as
/// `imap_envelope_subject`.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_message_id(envelope: *const imap_envelope) -> *const c_char {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe { read(envelope, std::ptr::null(), |e| text_ptr(&e.message_id)) }
}

/// The In-Reply-To header (decoded text), or NULL when absent. Same lifetime as
/// `imap_envelope_subject`.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_in_reply_to(
    envelope: *const imap_envelope,
) -> *const c_char {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe { read(envelope, std::ptr::null(), |e| text_ptr(&e.in_reply_to)) }
}

/// Number of addresses in list `field` (an `imap_address_field` value, taken as a plain
/// integer). 0 for an empty list, an unknown field, or a NULL envelope.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_address_count(
    envelope: *const imap_envelope,
    field: u32,
) -> usize {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe { read(envelope, 0, |e| e.list(field).len()) }
}

/// Address `index` of list `field`, or NULL when out of range. Borrowed: owned by the
/// envelope's owner and valid as long as it.
#[no_mangle]
pub unsafe extern "C" fn imap_envelope_address_get(
    envelope: *const imap_envelope,
    field: u32,
    index: usize,
) -> *const imap_address {
    // SAFETY: NULL or a live envelope (caller's contract).
    unsafe {
        read(envelope, std::ptr::null(), |e| {
            e.list(field)
                .get(index)
                .map_or(std::ptr::null(), |a| a as *const _)
        })
    }
}

/// The display name, decoded (`"Jörg Müller"`), or NULL when absent. Same lifetime as the
/// address.
#[no_mangle]
pub unsafe extern "C" fn imap_address_name(address: *const imap_address) -> *const c_char {
    // SAFETY: NULL or a live address (caller's contract).
    unsafe { read(address, std::ptr::null(), |a| text_ptr(&a.name)) }
}

/// The display name exactly as sent; same convention as `imap_envelope_subject_raw`.
#[no_mangle]
pub unsafe extern "C" fn imap_address_name_raw(
    address: *const imap_address,
    len: *mut usize,
) -> *const u8 {
    // SAFETY: NULL or a live address; `len` NULL or writable (caller's contract).
    unsafe { read(address, std::ptr::null(), |a| raw_ptr(&a.name, len)) }
}

/// The obsolete source route (`@relay:`), or NULL — almost always NULL. Same lifetime as the
/// address.
#[no_mangle]
pub unsafe extern "C" fn imap_address_route(address: *const imap_address) -> *const c_char {
    // SAFETY: NULL or a live address (caller's contract).
    unsafe { read(address, std::ptr::null(), |a| text_ptr(&a.route)) }
}

/// The local part (`"alice"` of alice@example.org), or the group name of a group start
/// marker, or NULL. Same lifetime as the address.
#[no_mangle]
pub unsafe extern "C" fn imap_address_mailbox(address: *const imap_address) -> *const c_char {
    // SAFETY: NULL or a live address (caller's contract).
    unsafe { read(address, std::ptr::null(), |a| text_ptr(&a.mailbox)) }
}

/// The domain (`"example.org"`), or NULL for group markers. Same lifetime as the address.
#[no_mangle]
pub unsafe extern "C" fn imap_address_host(address: *const imap_address) -> *const c_char {
    // SAFETY: NULL or a live address (caller's contract).
    unsafe { read(address, std::ptr::null(), |a| text_ptr(&a.host)) }
}
