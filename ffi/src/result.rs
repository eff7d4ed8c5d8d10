//! `imap_result`: the one status code every fallible function returns, and the library version.
use crate::boundary::catch;
use libimap::ErrorKind;
use std::ffi::{c_char, CStr};

/// The status of a call. The numbers are part of the ABI and never change: 0 is success,
/// 1–12 mirror the core library's error kinds, 100 and above are boundary errors. New codes
/// may be added, so treat unknown values as failures.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum imap_result {
    /// Success.
    Ok = 0,
    /// Socket error: connection refused, reset, or closed by the peer.
    Io = 1,
    /// The configured timeout expired.
    Timeout = 2,
    /// TLS handshake or certificate failure, or a STARTTLS policy violation.
    Tls = 3,
    /// The server sent something that cannot be framed or violates the protocol.
    Protocol = 4,
    /// The server answered NO.
    No = 5,
    /// The server answered BAD.
    Bad = 6,
    /// The server closed the session with BYE.
    Bye = 7,
    /// Authentication failed.
    Auth = 8,
    /// The call is not valid in the connection's current state.
    State = 9,
    /// An argument was invalid (for example not UTF-8); nothing was sent.
    InvalidArgument = 10,
    /// A configured limit (line, literal or response size) was exceeded.
    Limit = 11,
    /// The server lacks a capability the operation needs.
    Unsupported = 12,
    /// A required pointer argument was NULL.
    NullParameter = 100,
    /// The library hit an internal error (a Rust panic) and stopped it at the boundary. The
    /// handle involved refuses further calls with IMAP_RESULT_STATE; free it.
    Panic = 101,
    /// The requested item is not there (e.g. a body section that was not fetched).
    NotFound = 102,
}

impl From<ErrorKind> for imap_result {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Io => imap_result::Io,
            ErrorKind::Timeout => imap_result::Timeout,
            ErrorKind::Tls => imap_result::Tls,
            ErrorKind::Protocol => imap_result::Protocol,
            ErrorKind::No => imap_result::No,
            ErrorKind::Bad => imap_result::Bad,
            ErrorKind::Bye => imap_result::Bye,
            ErrorKind::Auth => imap_result::Auth,
            ErrorKind::State => imap_result::State,
            ErrorKind::InvalidArgument => imap_result::InvalidArgument,
            ErrorKind::Limit => imap_result::Limit,
            ErrorKind::Unsupported => imap_result::Unsupported,
        }
    }
}

fn name_of(result: u32) -> &'static CStr {
    match result {
        0 => c"IMAP_RESULT_OK",
        1 => c"IMAP_RESULT_IO",
        2 => c"IMAP_RESULT_TIMEOUT",
        3 => c"IMAP_RESULT_TLS",
        4 => c"IMAP_RESULT_PROTOCOL",
        5 => c"IMAP_RESULT_NO",
        6 => c"IMAP_RESULT_BAD",
        7 => c"IMAP_RESULT_BYE",
        8 => c"IMAP_RESULT_AUTH",
        9 => c"IMAP_RESULT_STATE",
        10 => c"IMAP_RESULT_INVALID_ARGUMENT",
        11 => c"IMAP_RESULT_LIMIT",
        12 => c"IMAP_RESULT_UNSUPPORTED",
        100 => c"IMAP_RESULT_NULL_PARAMETER",
        101 => c"IMAP_RESULT_PANIC",
        102 => c"IMAP_RESULT_NOT_FOUND",
        _ => c"IMAP_RESULT_UNKNOWN",
    }
}

/// The constant's name for an `imap_result` value (`"IMAP_RESULT_AUTH"`), or
/// `"IMAP_RESULT_UNKNOWN"` for a number this version does not define.
///
/// `result` is an `imap_result`, taken as a plain integer so that any value is safe to pass.
/// The returned string is static: never free it.
#[no_mangle]
pub extern "C" fn imap_result_name(result: u32) -> *const c_char {
    catch(c"IMAP_RESULT_UNKNOWN".as_ptr(), || name_of(result).as_ptr())
}

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("package version contains a NUL"),
    };

/// The library version, e.g. `"0.1.0"`. The returned string is static: never free it.
#[no_mangle]
pub extern "C" fn imap_version() -> *const c_char {
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_numbers_and_core_kinds() {
        assert_eq!(name_of(imap_result::Ok as u32), c"IMAP_RESULT_OK");
        assert_eq!(
            name_of(imap_result::NotFound as u32),
            c"IMAP_RESULT_NOT_FOUND"
        );
        assert_eq!(name_of(55), c"IMAP_RESULT_UNKNOWN");
        // The core's discriminants are the C numbers: a renumbering on either side fails here.
        for (number, kind) in (1u32..).zip(ErrorKind::ALL) {
            assert_eq!(kind as u32, number);
            assert_eq!(imap_result::from(kind) as u32, number);
            let name = name_of(number).to_str().unwrap();
            assert!(
                name.starts_with("IMAP_RESULT_") && name != "IMAP_RESULT_UNKNOWN",
                "{name}"
            );
        }
        assert_eq!(imap_result::NullParameter as u32, 100);
        assert_eq!(imap_result::Panic as u32, 101);
    }
}
