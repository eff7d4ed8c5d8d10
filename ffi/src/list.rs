//! `imap_list` and `imap_list_item`: the mailboxes a LIST reported.
use crate::boundary::{bytes_ptr, c_text, catch, list_get, opt_ptr, read, str_arg};
use libimap::{ListItem, MailboxAttr};
use std::ffi::{c_char, CString};

/// The answer to one LIST. Created by `imap_client_list`, freed by `imap_list_free`;
/// independent of the client. Immutable, so it may be read from several threads at once.
#[derive(Debug)]
pub struct imap_list {
    items: Vec<imap_list_item>,
}

/// One mailbox of a list. Borrowed from its list: never freed by itself, valid as long as the
/// list.
#[derive(Debug)]
pub struct imap_list_item {
    item: ListItem,
    name: CString,
    delimiter: Option<CString>,
    attributes: Vec<CString>,
}

impl imap_list {
    pub(crate) fn new_raw(items: Vec<ListItem>) -> *mut imap_list {
        let items = items
            .into_iter()
            .map(|item| imap_list_item {
                name: c_text(&item.name),
                delimiter: item.delimiter.map(|d| c_text(d.encode_utf8(&mut [0; 4]))),
                attributes: item.attributes.iter().map(|a| c_text(a)).collect(),
                item,
            })
            .collect();
        Box::into_raw(Box::new(imap_list { items }))
    }
}

/// Number of mailboxes in the list; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_list_len(list: *const imap_list) -> usize {
    // SAFETY: NULL or a live list (caller's contract).
    unsafe { read(list, 0, |l| l.items.len()) }
}

/// Mailbox `index` (0-based, in the server's order), or NULL when out of range or for NULL.
/// Borrowed: valid until the list is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_list_get(
    list: *const imap_list,
    index: usize,
) -> *const imap_list_item {
    // SAFETY: NULL or a live list (caller's contract).
    unsafe {
        read(list, std::ptr::null(), |l| {
            l.items
                .get(index)
                .map_or(std::ptr::null(), |i| i as *const _)
        })
    }
}

/// Frees a list and everything borrowed from it. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn imap_list_free(list: *mut imap_list) {
    catch((), || {
        if !list.is_null() {
            // SAFETY: created by Box::into_raw in new_raw, not freed before (caller's contract).
            drop(unsafe { Box::from_raw(list) });
        }
    })
}

/// The mailbox name decoded to UTF-8 (from modified UTF-7, or UTF-8 when the session uses
/// UTF-8 names): what `imap_client_select` and the other mailbox calls take. NULL for NULL.
/// Same lifetime as the list.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_name(item: *const imap_list_item) -> *const c_char {
    // SAFETY: NULL or a live item (caller's contract).
    unsafe { read(item, std::ptr::null(), |i| i.name.as_ptr()) }
}

/// The name's bytes exactly as the server sent them (modified UTF-7 on IMAP4rev1 servers), not
/// NUL-terminated: writes their number to `*len` and returns a pointer to them (never NULL for
/// a live item, even when empty). NULL, with `*len` untouched, when an argument is NULL. Same
/// lifetime as the list.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_name_raw(
    item: *const imap_list_item,
    len: *mut usize,
) -> *const u8 {
    // SAFETY: NULL or a live item; `len` NULL or writable (caller's contract).
    unsafe {
        read(item, std::ptr::null(), |i| {
            if len.is_null() {
                return std::ptr::null();
            }
            *len = i.item.name_raw.len();
            bytes_ptr(&i.item.name_raw)
        })
    }
}

/// The hierarchy delimiter as a one-character UTF-8 string (`"."`, `"/"`), or NULL when the
/// server has none (NIL: a flat namespace) or for NULL. Same lifetime as the list.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_delimiter(item: *const imap_list_item) -> *const c_char {
    // SAFETY: NULL or a live item (caller's contract).
    unsafe { read(item, std::ptr::null(), |i| opt_ptr(&i.delimiter)) }
}

/// Number of name attributes; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_attribute_count(item: *const imap_list_item) -> usize {
    // SAFETY: NULL or a live item (caller's contract).
    unsafe { read(item, 0, |i| i.attributes.len()) }
}

/// Name attribute `index` as sent (`"\\HasNoChildren"`, `"\\Sent"`), or NULL when out of range.
/// Same lifetime as the list.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_attribute_get(
    item: *const imap_list_item,
    index: usize,
) -> *const c_char {
    // SAFETY: NULL or a live item (caller's contract).
    unsafe { read(item, std::ptr::null(), |i| list_get(&i.attributes, index)) }
}

/// Whether the mailbox has name attribute `attribute` (`"\\Noselect"`, `"\\Trash"`; the
/// standard ones match case-insensitively). False for NULL or non-UTF-8 arguments.
#[no_mangle]
pub unsafe extern "C" fn imap_list_item_has_attribute(
    item: *const imap_list_item,
    attribute: *const c_char,
) -> bool {
    // SAFETY: NULL or a live item; `attribute` NULL or a C string (caller's contract).
    unsafe {
        read(item, false, |i| match str_arg(attribute, "attribute") {
            Ok(a) => i.item.has_attr(&MailboxAttr::parse(a)),
            Err(_) => false,
        })
    }
}
