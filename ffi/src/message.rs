//! `imap_messages` and `imap_message`: the results of FETCH and STORE.
use crate::body::imap_body;
use crate::boundary::{
    bytes_ptr, c_text, catch, handle, list_get, out_arg, put, read, run, str_arg, Failure,
};
use crate::envelope::{imap_envelope, put_datetime};
use crate::result::imap_result;
use libimap::{Flag, Message};
use std::ffi::{c_char, CString};

/// A list of messages. Created by `imap_client_fetch` or `imap_client_store`, freed by
/// `imap_messages_free`; independent of the client. Immutable, so it may be read from several
/// threads at once.
#[derive(Debug)]
pub struct imap_messages {
    items: Vec<imap_message>,
}

/// One message of a list: everything the server reported about it. Borrowed from its list:
/// never freed by itself, valid as long as the list.
#[derive(Debug)]
pub struct imap_message {
    msg: Message,
    flags: Vec<CString>,
    envelope: Option<imap_envelope>,
    body: Option<imap_body>,
}

impl imap_messages {
    pub(crate) fn new_raw(messages: Vec<Message>) -> *mut imap_messages {
        let items = messages
            .into_iter()
            .map(|msg| imap_message {
                flags: msg
                    .flags
                    .iter()
                    .flatten()
                    .map(|f| c_text(&f.to_string()))
                    .collect(),
                envelope: msg.envelope.as_ref().map(imap_envelope::new),
                body: msg.body_structure.as_ref().map(imap_body::new),
                msg,
            })
            .collect();
        Box::into_raw(Box::new(imap_messages { items }))
    }
}

/// Number of messages in the list; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_messages_len(messages: *const imap_messages) -> usize {
    // SAFETY: NULL or a live list (caller's contract).
    unsafe { read(messages, 0, |l| l.items.len()) }
}

/// Message `index` (0-based, in the order the server first mentioned them), or NULL when out
/// of range. Borrowed: valid until the list is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_messages_get(
    messages: *const imap_messages,
    index: usize,
) -> *const imap_message {
    // SAFETY: NULL or a live list (caller's contract).
    unsafe {
        read(messages, std::ptr::null(), |l| {
            l.items
                .get(index)
                .map_or(std::ptr::null(), |m| m as *const _)
        })
    }
}

/// Frees a list, its messages and everything borrowed from them. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn imap_messages_free(messages: *mut imap_messages) {
    catch((), || {
        if !messages.is_null() {
            // SAFETY: created by Box::into_raw in new_raw, not freed before (caller's contract).
            drop(unsafe { Box::from_raw(messages) });
        }
    })
}

/// The message's sequence number; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_message_seq(message: *const imap_message) -> u32 {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe { read(message, 0, |m| m.msg.seq) }
}

/// The message's UID. Returns true and writes `*out` when it was fetched (always with UID
/// FETCH/STORE); false (writing nothing) otherwise or when an argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_message_uid(message: *const imap_message, out: *mut u32) -> bool {
    // SAFETY: NULL or a live message; `out` NULL or writable (caller's contract).
    unsafe { read(message, false, |m| put(m.msg.uid, out)) }
}

/// Whether FLAGS were reported for this message (a message can have an empty flag list).
#[no_mangle]
pub unsafe extern "C" fn imap_message_has_flags(message: *const imap_message) -> bool {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe { read(message, false, |m| m.msg.flags.is_some()) }
}

/// Number of flags reported; 0 when none were fetched or for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_message_flag_count(message: *const imap_message) -> usize {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe { read(message, 0, |m| m.flags.len()) }
}

/// Flag `index` in textual form (`"\\Seen"`, `"$Junk"`), or NULL when out of range. Same
/// lifetime as the message.
#[no_mangle]
pub unsafe extern "C" fn imap_message_flag_get(
    message: *const imap_message,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe { read(message, std::ptr::null(), |m| list_get(&m.flags, index)) }
}

/// Whether the reported flags include `flag` (system flags such as `"\\deleted"` match
/// case-insensitively, keywords exactly). False when FLAGS were not fetched, or for NULL or
/// non-UTF-8 arguments.
#[no_mangle]
pub unsafe extern "C" fn imap_message_has_flag(
    message: *const imap_message,
    flag: *const c_char,
) -> bool {
    // SAFETY: NULL or a live message; `flag` NULL or a C string (caller's contract).
    unsafe {
        read(message, false, |m| match str_arg(flag, "flag") {
            Ok(flag) => {
                let wanted = Flag::parse(flag);
                m.msg.flags.iter().flatten().any(|f| *f == wanted)
            }
            Err(_) => false,
        })
    }
}

/// INTERNALDATE as Unix seconds (UTC) and the UTC offset in minutes the server gave (east
/// positive). Returns true and writes both outputs when it was fetched; false (writing
/// nothing) otherwise or when any argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_message_internal_date(
    message: *const imap_message,
    unix_seconds: *mut i64,
    offset_minutes: *mut i32,
) -> bool {
    // SAFETY: NULL or a live message; outputs NULL or writable (caller's contract).
    unsafe {
        read(message, false, |m| {
            put_datetime(m.msg.internal_date, unix_seconds, offset_minutes)
        })
    }
}

/// RFC822.SIZE in octets. Same convention as `imap_message_uid`.
#[no_mangle]
pub unsafe extern "C" fn imap_message_size(message: *const imap_message, out: *mut u64) -> bool {
    // SAFETY: NULL or a live message; `out` NULL or writable (caller's contract).
    unsafe { read(message, false, |m| put(m.msg.size, out)) }
}

/// MODSEQ (CONDSTORE). Same convention as `imap_message_uid`.
#[no_mangle]
pub unsafe extern "C" fn imap_message_modseq(message: *const imap_message, out: *mut u64) -> bool {
    // SAFETY: NULL or a live message; `out` NULL or writable (caller's contract).
    unsafe { read(message, false, |m| put(m.msg.modseq, out)) }
}

/// The ENVELOPE, or NULL when it was not fetched. Borrowed, same lifetime as the message.
#[no_mangle]
pub unsafe extern "C" fn imap_message_envelope(
    message: *const imap_message,
) -> *const imap_envelope {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe {
        read(message, std::ptr::null(), |m| {
            m.envelope
                .as_ref()
                .map_or(std::ptr::null(), |e| e as *const _)
        })
    }
}

/// The body structure (BODY or BODYSTRUCTURE), or NULL when it was not fetched. Borrowed, same
/// lifetime as the message.
#[no_mangle]
pub unsafe extern "C" fn imap_message_body(message: *const imap_message) -> *const imap_body {
    // SAFETY: NULL or a live message (caller's contract).
    unsafe {
        read(message, std::ptr::null(), |m| {
            m.body.as_ref().map_or(std::ptr::null(), |b| b as *const _)
        })
    }
}

/// The bytes of body section `spec` as the server named it, without brackets
/// (case-insensitive): `"HEADER"` for BODY[HEADER] or BODY.PEEK[HEADER], `""` for BODY[],
/// `"1.MIME"`, `"TEXT"`. On success writes a pointer to the exact bytes (not NUL-terminated;
/// they may contain NUL) to `*data` and their number to `*len`; the bytes are borrowed, same
/// lifetime as the message.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NOT_FOUND when that section was not fetched or was NIL;
/// IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT (`spec` not UTF-8).
#[no_mangle]
pub unsafe extern "C" fn imap_message_section(
    message: *const imap_message,
    spec: *const c_char,
    data: *mut *const u8,
    len: *mut usize,
) -> imap_result {
    run(|| {
        // SAFETY: NULL or a live message; `spec` NULL or a C string (caller's contract).
        let m = unsafe { handle(message, "message") }?;
        // SAFETY: as above.
        let spec = unsafe { str_arg(spec, "spec") }?;
        let data = out_arg(data, "data")?;
        let len = out_arg(len, "len")?;
        let bytes = m.msg.section(spec).ok_or_else(|| {
            Failure::new(
                imap_result::NotFound,
                format!("section {spec:?} was not fetched"),
            )
        })?;
        // SAFETY: both checked non-NULL; written together, only on success.
        unsafe {
            *data = bytes_ptr(bytes);
            *len = bytes.len();
        }
        Ok(())
    })
}
