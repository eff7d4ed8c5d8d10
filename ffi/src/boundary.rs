//! The edge between C and Rust: panic catching, NULL checks and string conversions. Every
//! exported function goes through these helpers so that the rules of the boundary (no panic
//! crosses it, NULL is an error rather than a crash, outputs are written only on success) live
//! in one place.
use crate::result::imap_result;
use std::any::Any;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A failed call as C sees it: the result code, plus the text (and the server's response code)
/// that the handle's last-error accessors return.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) result: imap_result,
    pub(crate) text: String,
    pub(crate) code: Option<String>,
}

impl Failure {
    pub(crate) fn new(result: imap_result, text: impl Into<String>) -> Self {
        Failure {
            result,
            text: text.into(),
            code: None,
        }
    }

    pub(crate) fn null(what: &str) -> Self {
        Failure::new(imap_result::NullParameter, format!("{what} is NULL"))
    }

    pub(crate) fn invalid(text: impl Into<String>) -> Self {
        Failure::new(imap_result::InvalidArgument, text)
    }
}

impl From<libimap::Error> for Failure {
    fn from(e: libimap::Error) -> Self {
        Failure {
            result: imap_result::from(e.kind()),
            text: e.to_string(),
            code: e.code().map(str::to_owned),
        }
    }
}

pub(crate) type Outcome<T> = Result<T, Failure>;

/// Runs `f`; a panic inside it becomes `on_panic` instead of unwinding into C (which would be
/// undefined behaviour).
pub(crate) fn catch<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(on_panic)
}

/// The shape of a call that has no handle to keep a last error in: only the code reaches C.
pub(crate) fn run(f: impl FnOnce() -> Outcome<()>) -> imap_result {
    catch(imap_result::Panic, || match f() {
        Ok(()) => imap_result::Ok,
        Err(e) => e.result,
    })
}

/// Describes a caught panic's payload for the last-error text.
pub(crate) fn panic_text(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown payload".to_owned());
    format!("internal error (panic): {detail}")
}

/// Reads from a handle through a const pointer: `default` for NULL, or if `f` panics.
///
/// # Safety
/// `p` is NULL or a live handle of type `H`.
pub(crate) unsafe fn read<H, T: Copy>(p: *const H, default: T, f: impl FnOnce(&H) -> T) -> T {
    catch(default, || {
        // SAFETY: by the caller's contract.
        match unsafe { p.as_ref() } {
            Some(h) => f(h),
            None => default,
        }
    })
}

/// Writes `value` to `out` when both are present; true when written.
///
/// # Safety
/// `out` is NULL or points to writable storage.
pub(crate) unsafe fn put<T>(value: Option<T>, out: *mut T) -> bool {
    match value {
        Some(v) if !out.is_null() => {
            // SAFETY: non-NULL and writable (caller's contract).
            unsafe { *out = v };
            true
        }
        _ => false,
    }
}

/// Borrows a C string as UTF-8.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char, what: &str) -> Outcome<&'a str> {
    if p.is_null() {
        return Err(Failure::null(what));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    let c = unsafe { CStr::from_ptr(p) };
    c.to_str().map_err(|e| {
        Failure::invalid(format!(
            "{what} is not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })
}

/// Borrows an array of `n` C strings; `p` may be NULL only when `n` is 0.
///
/// # Safety
/// `p` is NULL or points to `n` pointers, each NULL or a NUL-terminated string outliving `'a`.
pub(crate) unsafe fn str_array_arg<'a>(
    p: *const *const c_char,
    n: usize,
    what: &str,
) -> Outcome<Vec<&'a str>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() {
        return Err(Failure::null(what));
    }
    // SAFETY: `p` points to `n` elements by the caller's contract.
    let items = unsafe { std::slice::from_raw_parts(p, n) };
    items
        .iter()
        .enumerate()
        // SAFETY: each element is NULL or a C string by the caller's contract.
        .map(|(i, &s)| unsafe { str_arg(s, &format!("{what}[{i}]")) })
        .collect()
}

/// Checks that an output pointer is usable before any work (and any I/O) is done, so that a
/// NULL output never leaves a half-done operation behind.
pub(crate) fn out_arg<T>(p: *mut T, what: &str) -> Outcome<*mut T> {
    if p.is_null() {
        Err(Failure::null(what))
    } else {
        Ok(p)
    }
}

/// Borrows a handle.
///
/// # Safety
/// `p` is NULL or a live handle of type `T` created by this library.
pub(crate) unsafe fn handle<'a, T>(p: *const T, what: &str) -> Outcome<&'a T> {
    // SAFETY: by the caller's contract.
    unsafe { p.as_ref() }.ok_or_else(|| Failure::null(what))
}

/// Text handed to C. Interior NULs (possible in decoded header text) become U+FFFD so that C
/// sees the whole text rather than a silently truncated prefix; exact bytes have `_raw`
/// accessors where it matters.
pub(crate) fn c_text(s: &str) -> CString {
    match CString::new(s) {
        Ok(c) => c,
        Err(_) => {
            let cleaned = s.replace('\0', "\u{FFFD}");
            CString::new(cleaned).unwrap_or_default()
        }
    }
}

/// Pointer to an optional C string, NULL for `None`.
pub(crate) fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}

/// Element `i` of a list of C strings, NULL when out of range.
pub(crate) fn list_get(list: &[CString], i: usize) -> *const c_char {
    list.get(i).map_or(std::ptr::null(), |c| c.as_ptr())
}

/// A byte view for C that is never a dangling pointer, even when empty.
pub(crate) fn bytes_ptr(b: &[u8]) -> *const u8 {
    static EMPTY: [u8; 1] = [0];
    if b.is_empty() {
        EMPTY.as_ptr()
    } else {
        b.as_ptr()
    }
}

/// The same for an array of numbers.
pub(crate) fn u32s_ptr(v: &[u32]) -> *const u32 {
    static EMPTY: [u32; 1] = [0];
    if v.is_empty() {
        EMPTY.as_ptr()
    } else {
        v.as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_nul_is_replaced_not_truncated() {
        assert_eq!(c_text("a\0b").to_str().unwrap(), "a\u{FFFD}b");
        assert_eq!(c_text("plain").to_str().unwrap(), "plain");
    }

    #[test]
    fn invalid_utf8_is_reported_with_offset() {
        let bad = b"ab\xffc\0";
        let e = unsafe { str_arg(bad.as_ptr().cast(), "host") }.unwrap_err();
        assert_eq!(e.result, imap_result::InvalidArgument);
        assert_eq!(e.text, "host is not valid UTF-8 (invalid byte at offset 2)");
        let e = unsafe { str_arg(std::ptr::null(), "host") }.unwrap_err();
        assert_eq!(e.result, imap_result::NullParameter);
    }

    #[test]
    fn panics_become_the_given_value() {
        let r = catch(7, || -> i32 { panic!("boom") });
        assert_eq!(r, 7);
    }
}
