//! `imap_config`: where and how to connect. A config is a recipe: `imap_client_new` copies it,
//! so one config can create many clients and may be freed right after.
use crate::boundary::{c_text, handle, out_arg, run, str_arg, Failure, Outcome};
use crate::result::imap_result;
use libimap::proto::framer::Limits;
use libimap::{Config, Security, TraceDirection};
use std::ffi::{c_char, c_void, CStr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Connection settings. Created by `imap_config_new`, freed by `imap_config_free`.
/// Used by one thread at a time.
#[derive(Debug)]
pub struct imap_config {
    pub(crate) inner: Config,
}

/// How the connection is protected.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum imap_security {
    /// TLS from the first byte (usually port 993).
    Tls = 0,
    /// Plain TCP, then STARTTLS before anything else (usually port 143). Failing or refused
    /// STARTTLS is an error: there is no fallback to plain text.
    Starttls = 1,
    /// No TLS at all: credentials and mail cross the network readable by anyone on the path.
    InsecurePlaintext = 2,
}

/// Who sent a traced protocol line.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum imap_trace_direction {
    /// A line the library sent (credentials are replaced by `<redacted>`).
    Client = 0,
    /// A line the server sent (literal contents are summarised).
    Server = 1,
}

/// Receives the protocol trace, one line at a time, without the CRLF. `line` is NUL-terminated
/// UTF-8 owned by the library and valid only during the call: copy it to keep it. Called on the
/// thread that is making the client call, while that call is in progress; it must not call back
/// into the same client.
pub type imap_trace_callback = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        direction: imap_trace_direction,
        line: *const c_char,
    ),
>;

/// The C callback and its pointer, moved into the core's trace closure.
struct TraceTarget {
    callback: unsafe extern "C" fn(*mut c_void, imap_trace_direction, *const c_char),
    userdata: *mut c_void,
}

// SAFETY: the core calls the trace function only from the thread driving the client, and a
// client is used by one thread at a time (documented contract). Keeping `userdata` valid and
// usable from that thread is the C caller's side of the contract.
unsafe impl Send for TraceTarget {}
unsafe impl Sync for TraceTarget {}

impl TraceTarget {
    fn emit(&self, direction: TraceDirection, line: &str) {
        let direction = match direction {
            TraceDirection::Client => imap_trace_direction::Client,
            TraceDirection::Server => imap_trace_direction::Server,
        };
        let line = c_text(line);
        // SAFETY: the caller registered a valid function; `line` lives across the call.
        unsafe { (self.callback)(self.userdata, direction, line.as_ptr()) }
    }
}

/// Creates a config for `host` and `port`, with `security` one of the `IMAP_SECURITY_*` values
/// (taken as a plain integer so any value is safe to pass). Defaults: system CA roots, the
/// certificate checked against `host`, a 30 second timeout for each wait and 10 minutes for each
/// whole response, the default limits, no trace.
///
/// On success writes a new config to `*config_out`; free it with `imap_config_free`. The host
/// string is copied.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_NULL_PARAMETER (`host` or `config_out` NULL), or
/// IMAP_RESULT_INVALID_ARGUMENT (host not UTF-8 or empty, unknown `security`).
#[no_mangle]
pub unsafe extern "C" fn imap_config_new(
    host: *const c_char,
    port: u16,
    security: u32,
    config_out: *mut *mut imap_config,
) -> imap_result {
    run(|| {
        // SAFETY: `host` is NULL or a C string (caller's contract).
        let host = unsafe { str_arg(host, "host") }?;
        let out = out_arg(config_out, "config_out")?;
        if host.is_empty() {
            return Err(Failure::invalid("host is empty"));
        }
        let security = match security {
            0 => Security::Tls,
            1 => Security::StartTls,
            2 => Security::InsecurePlaintext,
            other => {
                return Err(Failure::invalid(format!(
                    "unknown imap_security value {other}"
                )))
            }
        };
        let config = Box::new(imap_config {
            inner: Config::new(host, port, security),
        });
        // SAFETY: checked non-NULL above; written only now that everything succeeded.
        unsafe { *out = Box::into_raw(config) };
        Ok(())
    })
}

/// Applies `f` to the config behind a non-NULL pointer.
fn with_config(
    config: *mut imap_config,
    f: impl FnOnce(&mut Config) -> Outcome<()>,
) -> imap_result {
    run(|| {
        // SAFETY: NULL or a live config (caller's contract); used by one thread at a time.
        let config = unsafe { config.as_mut() }.ok_or_else(|| Failure::null("config"))?;
        f(&mut config.inner)
    })
}

/// Trusts the CA certificates in the PEM file at `path` instead of the system roots. The path
/// is copied; the file is read when a client connects. On Unix any bytes are accepted as a
/// path; elsewhere it must be UTF-8.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_NULL_PARAMETER, or IMAP_RESULT_INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_ca_file(
    config: *mut imap_config,
    path: *const c_char,
) -> imap_result {
    with_config(config, |c| {
        if path.is_null() {
            return Err(Failure::null("path"));
        }
        // SAFETY: non-NULL C string (caller's contract).
        let bytes = unsafe { CStr::from_ptr(path) };
        c.ca_file = Some(path_from(bytes)?);
        Ok(())
    })
}

#[cfg(unix)]
fn path_from(bytes: &CStr) -> Outcome<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes.to_bytes())))
}

#[cfg(not(unix))]
fn path_from(bytes: &CStr) -> Outcome<PathBuf> {
    bytes
        .to_str()
        .map(PathBuf::from)
        .map_err(|_| Failure::invalid("path is not valid UTF-8"))
}

/// Checks the server certificate against `name` instead of the host (useful when connecting
/// to an IP address). The string is copied.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_NULL_PARAMETER, or IMAP_RESULT_INVALID_ARGUMENT (not
/// UTF-8).
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_server_name(
    config: *mut imap_config,
    name: *const c_char,
) -> imap_result {
    with_config(config, |c| {
        // SAFETY: NULL or a C string (caller's contract).
        let name = unsafe { str_arg(name, "name") }?;
        c.server_name = Some(name.to_owned());
        Ok(())
    })
}

/// Sets the timeout for connecting and for every wait on the server, in milliseconds; 0 means
/// wait forever.
///
/// Returns IMAP_RESULT_OK or IMAP_RESULT_NULL_PARAMETER.
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_timeout_ms(
    config: *mut imap_config,
    timeout_ms: u64,
) -> imap_result {
    with_config(config, |c| {
        c.timeout = (timeout_ms != 0).then(|| Duration::from_millis(timeout_ms));
        Ok(())
    })
}

/// Sets the longest wait for one complete response (the greeting, the TLS handshake, the
/// result of each command), in milliseconds, however slowly its bytes arrive: the timeout of
/// `imap_config_set_timeout_ms` bounds each read, so a server trickling a byte a second would
/// never trip it. 0 means no overall bound. The default is 600000 (10 minutes).
///
/// Returns IMAP_RESULT_OK or IMAP_RESULT_NULL_PARAMETER.
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_command_timeout_ms(
    config: *mut imap_config,
    timeout_ms: u64,
) -> imap_result {
    with_config(config, |c| {
        c.command_timeout = (timeout_ms != 0).then(|| Duration::from_millis(timeout_ms));
        Ok(())
    })
}

/// One of the bounds on what the server may send, for `imap_config_set_limit` and
/// `imap_config_get_limit`. Exceeding one fails the call with IMAP_RESULT_LIMIT.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum imap_limit {
    /// Longest line outside literals, CRLF included, in bytes (default 1 MiB).
    MaxLine = 0,
    /// Largest single literal, in bytes (default 256 MiB).
    MaxLiteral = 1,
    /// Largest complete response, lines and literals together, in bytes (default 512 MiB).
    MaxResponse = 2,
    /// Deepest parenthesis nesting followed (default 64).
    MaxDepth = 3,
    /// Most items in one list: flags, addresses, body parts, search results (default 2^20).
    MaxItems = 4,
}

fn unknown_limit(limit: u32) -> Failure {
    Failure::invalid(format!("unknown imap_limit value {limit}"))
}

/// Limit number `limit` (taken as a plain integer so any value is safe to pass); C sees every
/// limit as `uint64_t`, the core holds some as `usize`.
fn get_limit(l: &Limits, limit: u32) -> Outcome<u64> {
    Ok(match limit {
        0 => l.max_line as u64,
        1 => l.max_literal,
        2 => l.max_response,
        3 => l.max_depth as u64,
        4 => l.max_items as u64,
        other => return Err(unknown_limit(other)),
    })
}

fn set_limit(l: &mut Limits, limit: u32, value: u64) -> Outcome<()> {
    let size = || {
        usize::try_from(value)
            .map_err(|_| Failure::invalid(format!("limit {value} does not fit in size_t")))
    };
    match limit {
        0 => l.max_line = size()?,
        1 => l.max_literal = value,
        2 => l.max_response = value,
        3 => l.max_depth = size()?,
        4 => l.max_items = size()?,
        other => return Err(unknown_limit(other)),
    }
    Ok(())
}

/// Sets limit `limit` (one of the `IMAP_LIMIT_*` values) to `value`, for clients created from
/// this config afterwards. `value` must be at least 1 (a limit of 0 would refuse every
/// response; there is no "unlimited").
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_NULL_PARAMETER, or IMAP_RESULT_INVALID_ARGUMENT
/// (unknown `limit`, `value` 0 or too large for this platform's `size_t`).
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_limit(
    config: *mut imap_config,
    limit: u32,
    value: u64,
) -> imap_result {
    with_config(config, |c| {
        // Checked first so that an unknown limit is reported as such whatever the value.
        get_limit(&c.limits, limit)?;
        if value == 0 {
            return Err(Failure::invalid("a limit must be at least 1"));
        }
        set_limit(&mut c.limits, limit, value)
    })
}

/// Reads limit `limit` (one of the `IMAP_LIMIT_*` values) into `*value_out`.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_NULL_PARAMETER (`config` or `value_out` NULL), or
/// IMAP_RESULT_INVALID_ARGUMENT (unknown `limit`; `*value_out` untouched).
#[no_mangle]
pub unsafe extern "C" fn imap_config_get_limit(
    config: *const imap_config,
    limit: u32,
    value_out: *mut u64,
) -> imap_result {
    run(|| {
        // SAFETY: NULL or a live config (caller's contract).
        let config = unsafe { config_ref(config) }?;
        let out = out_arg(value_out, "value_out")?;
        let value = get_limit(&config.limits, limit)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = value };
        Ok(())
    })
}

/// Sends the protocol trace of clients created from this config to `callback`, with
/// `userdata` passed through untouched. A NULL `callback` turns tracing off. `userdata` must
/// stay valid for as long as any client created from this config exists. Credentials never
/// appear in the trace.
///
/// Returns IMAP_RESULT_OK or IMAP_RESULT_NULL_PARAMETER (`config` NULL).
#[no_mangle]
pub unsafe extern "C" fn imap_config_set_trace(
    config: *mut imap_config,
    callback: imap_trace_callback,
    userdata: *mut c_void,
) -> imap_result {
    with_config(config, |c| {
        c.trace = callback.map(|callback| {
            let target = TraceTarget { callback, userdata };
            Arc::new(move |direction: TraceDirection, line: &str| target.emit(direction, line))
                as libimap::TraceFn
        });
        Ok(())
    })
}

/// Frees a config. NULL is accepted and ignored. Clients created from it are not affected.
#[no_mangle]
pub unsafe extern "C" fn imap_config_free(config: *mut imap_config) {
    crate::boundary::catch((), || {
        if !config.is_null() {
            // SAFETY: created by Box::into_raw in imap_config_new and not freed before
            // (caller's contract).
            drop(unsafe { Box::from_raw(config) });
        }
    })
}

/// Borrows the core config of a config handle.
///
/// # Safety
/// `config` is NULL or a live config.
pub(crate) unsafe fn config_ref<'a>(config: *const imap_config) -> Outcome<&'a Config> {
    // SAFETY: by the caller's contract.
    unsafe { handle(config, "config") }.map(|c| &c.inner)
}
