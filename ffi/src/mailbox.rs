//! `imap_mailbox`: what SELECT or EXAMINE reported about the selected mailbox.
use crate::boundary::{c_text, catch, list_get, put, read};
use libimap::MailboxInfo;
use std::ffi::{c_char, CString};

/// The state of a mailbox when it was selected. Created by `imap_client_select`, freed by
/// `imap_mailbox_free`. Independent of the client: it is a snapshot, not kept up to date.
/// Immutable, so it may be read from several threads at once.
#[derive(Debug)]
pub struct imap_mailbox {
    info: MailboxInfo,
    name: CString,
    flags: Vec<CString>,
    permanent_flags: Vec<CString>,
}

impl imap_mailbox {
    pub(crate) fn new_raw(info: MailboxInfo) -> *mut imap_mailbox {
        let text = |flags: &[libimap::Flag]| flags.iter().map(|f| c_text(&f.to_string())).collect();
        let mailbox = imap_mailbox {
            name: c_text(&info.name),
            flags: text(&info.flags),
            permanent_flags: text(&info.permanent_flags),
            info,
        };
        Box::into_raw(Box::new(mailbox))
    }
}

/// The mailbox name as selected (UTF-8). Owned by the mailbox, valid until it is freed.
/// NULL for a NULL mailbox.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_name(mailbox: *const imap_mailbox) -> *const c_char {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, std::ptr::null(), |m| m.name.as_ptr()) }
}

/// Number of messages in the mailbox (EXISTS). 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_exists(mailbox: *const imap_mailbox) -> u32 {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, 0, |m| m.info.exists) }
}

/// Whether the mailbox was opened read-only (EXAMINE, or the server said READ-ONLY).
/// False for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_read_only(mailbox: *const imap_mailbox) -> bool {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, false, |m| m.info.read_only) }
}

/// UIDVALIDITY. Returns true and writes `*out` when the server reported it; false (and leaves
/// `*out` alone) when it did not, or when an argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_uidvalidity(
    mailbox: *const imap_mailbox,
    out: *mut u32,
) -> bool {
    // SAFETY: NULL or a live mailbox; `out` NULL or writable (caller's contract).
    unsafe { read(mailbox, false, |m| put(m.info.uidvalidity, out)) }
}

/// UIDNEXT, the UID the next message will get. Same convention as `imap_mailbox_uidvalidity`.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_uidnext(mailbox: *const imap_mailbox, out: *mut u32) -> bool {
    // SAFETY: NULL or a live mailbox; `out` NULL or writable (caller's contract).
    unsafe { read(mailbox, false, |m| put(m.info.uidnext, out)) }
}

/// RECENT count (IMAP4rev1 servers only). Same convention as `imap_mailbox_uidvalidity`.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_recent(mailbox: *const imap_mailbox, out: *mut u32) -> bool {
    // SAFETY: NULL or a live mailbox; `out` NULL or writable (caller's contract).
    unsafe { read(mailbox, false, |m| put(m.info.recent, out)) }
}

/// Sequence number of the first unseen message (IMAP4rev1 `[UNSEEN n]`). Same convention as
/// `imap_mailbox_uidvalidity`.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_unseen(mailbox: *const imap_mailbox, out: *mut u32) -> bool {
    // SAFETY: NULL or a live mailbox; `out` NULL or writable (caller's contract).
    unsafe { read(mailbox, false, |m| put(m.info.unseen, out)) }
}

/// HIGHESTMODSEQ (CONDSTORE servers). Same convention as `imap_mailbox_uidvalidity`.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_highest_modseq(
    mailbox: *const imap_mailbox,
    out: *mut u64,
) -> bool {
    // SAFETY: NULL or a live mailbox; `out` NULL or writable (caller's contract).
    unsafe { read(mailbox, false, |m| put(m.info.highest_modseq, out)) }
}

/// Number of flags defined in the mailbox (FLAGS). 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_flag_count(mailbox: *const imap_mailbox) -> usize {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, 0, |m| m.flags.len()) }
}

/// Flag `index` of FLAGS in its textual form (`"\\Seen"`, `"$Forwarded"`), or NULL when out of
/// range. Owned by the mailbox, valid until it is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_flag_get(
    mailbox: *const imap_mailbox,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, std::ptr::null(), |m| list_get(&m.flags, index)) }
}

/// Number of flags the client can change permanently (PERMANENTFLAGS). 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_permanent_flag_count(mailbox: *const imap_mailbox) -> usize {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe { read(mailbox, 0, |m| m.permanent_flags.len()) }
}

/// Flag `index` of PERMANENTFLAGS (`"\\*"` means new keywords may be created), or NULL when
/// out of range. Owned by the mailbox, valid until it is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_permanent_flag_get(
    mailbox: *const imap_mailbox,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live mailbox (caller's contract).
    unsafe {
        read(mailbox, std::ptr::null(), |m| {
            list_get(&m.permanent_flags, index)
        })
    }
}

/// Frees a mailbox and every string borrowed from it. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn imap_mailbox_free(mailbox: *mut imap_mailbox) {
    catch((), || {
        if !mailbox.is_null() {
            // SAFETY: created by Box::into_raw in new_raw, not freed before (caller's contract).
            drop(unsafe { Box::from_raw(mailbox) });
        }
    })
}
