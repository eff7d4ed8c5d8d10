//! `imap_client`: one connection. Creating the handle does no I/O, so that a failed connect
//! still has a handle to report its error on.
use crate::boundary::{
    c_text, catch, list_get, out_arg, panic_text, put, str_arg, str_array_arg, Failure, Outcome,
};
use crate::config::{config_ref, imap_config};
use crate::list::imap_list;
use crate::mailbox::imap_mailbox;
use crate::message::imap_messages;
use crate::result::imap_result;
use libimap::proto::command::StoreOp;
use libimap::sasl::Mechanism;
use libimap::{Client, Config, DateTime, Flag, Untagged};
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

/// A connection to one IMAP server, with its last error. Created by `imap_client_new`, freed by
/// `imap_client_free`. A client is used by one thread at a time: calls on the same handle
/// must not overlap (different handles may be used from different threads).
#[derive(Debug)]
pub struct imap_client {
    config: Config,
    conn: Option<Client>,
    /// Set after a panic: the connection's state is unknown, so every later call is refused.
    poisoned: bool,
    capabilities: Vec<CString>,
    enabled: Vec<CString>,
    /// What the last `imap_client_expunge` reported, lent to C.
    expunged: Vec<u32>,
    last_error: CString,
    last_code: Option<CString>,
}

impl imap_client {
    fn conn(&mut self) -> Outcome<&mut Client> {
        self.conn.as_mut().ok_or_else(|| {
            Failure::new(
                imap_result::State,
                "not connected: call imap_client_connect first",
            )
        })
    }

    /// Rebuilds the C copies of the capability list only when it changed, so that pointers
    /// the caller holds stay valid across calls that leave it alone.
    fn sync_capabilities(&mut self) {
        let current: &[String] = self.conn.as_ref().map_or(&[], |c| c.capabilities());
        let same = current.len() == self.capabilities.len()
            && current
                .iter()
                .zip(&self.capabilities)
                .all(|(a, b)| a.as_bytes() == b.as_bytes());
        if !same {
            self.capabilities = current.iter().map(|c| c_text(c)).collect();
        }
    }

    fn record(&mut self, failure: Option<&Failure>) {
        match failure {
            None => {
                self.last_error = CString::default();
                self.last_code = None;
            }
            Some(f) => {
                self.last_error = c_text(&f.text);
                self.last_code = f.code.as_deref().map(c_text);
            }
        }
    }
}

/// Runs one call on a client: NULL check, panic catching, and last-error bookkeeping.
fn with_client(
    client: *mut imap_client,
    f: impl FnOnce(&mut imap_client) -> Outcome<()>,
) -> imap_result {
    catch(imap_result::Panic, || {
        // SAFETY: NULL or a live client used by this thread only (documented contract).
        let Some(c) = (unsafe { client.as_mut() }) else {
            return imap_result::NullParameter;
        };
        if c.poisoned {
            let f = Failure::new(
                imap_result::State,
                "an earlier call on this client panicked; free it",
            );
            c.record(Some(&f));
            return f.result;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| f(c)));
        // SAFETY: as above; the closure's borrow ended with it.
        let c = unsafe { &mut *client };
        match outcome {
            Ok(Ok(())) => {
                c.sync_capabilities();
                c.record(None);
                imap_result::Ok
            }
            Ok(Err(failure)) => {
                c.sync_capabilities();
                c.record(Some(&failure));
                failure.result
            }
            Err(payload) => {
                c.poisoned = true;
                let f = Failure::new(imap_result::Panic, panic_text(payload.as_ref()));
                c.record(Some(&f));
                imap_result::Panic
            }
        }
    })
}

/// Reads a client through a const pointer; `default` for NULL or a panic.
fn read_client<T: Copy>(
    client: *const imap_client,
    default: T,
    f: impl FnOnce(&imap_client) -> T,
) -> T {
    // SAFETY: NULL or a live client (caller's contract).
    unsafe { crate::boundary::read(client, default, f) }
}

/// Creates a client for `config` without connecting. The config is copied: it may be freed or
/// changed afterwards without affecting the client.
///
/// On success writes a new client to `*client_out`; free it with `imap_client_free`.
///
/// Returns IMAP_RESULT_OK or IMAP_RESULT_NULL_PARAMETER.
#[no_mangle]
pub unsafe extern "C" fn imap_client_new(
    config: *const imap_config,
    client_out: *mut *mut imap_client,
) -> imap_result {
    crate::boundary::run(|| {
        // SAFETY: NULL or a live config (caller's contract).
        let config = unsafe { config_ref(config) }?.clone();
        let out = out_arg(client_out, "client_out")?;
        let client = Box::new(imap_client {
            config,
            conn: None,
            poisoned: false,
            capabilities: Vec::new(),
            enabled: Vec::new(),
            expunged: Vec::new(),
            last_error: CString::default(),
            last_code: None,
        });
        // SAFETY: checked non-NULL.
        unsafe { *out = Box::into_raw(client) };
        Ok(())
    })
}

/// Connects: TCP, then TLS or STARTTLS as configured, the greeting, and the capability list.
/// Blocks up to the configured timeout for each step.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_IO (refused, unreachable), IMAP_RESULT_TIMEOUT,
/// IMAP_RESULT_TLS (handshake or certificate failure, STARTTLS refused), IMAP_RESULT_BYE,
/// IMAP_RESULT_PROTOCOL; IMAP_RESULT_STATE if already connected; IMAP_RESULT_NULL_PARAMETER.
/// On failure `imap_client_last_error` says why and the client may try again.
#[no_mangle]
pub unsafe extern "C" fn imap_client_connect(client: *mut imap_client) -> imap_result {
    with_client(client, |c| {
        if c.conn.is_some() {
            return Err(Failure::new(imap_result::State, "already connected"));
        }
        c.conn = Some(Client::connect(c.config.clone())?);
        Ok(())
    })
}

/// The error text of the last failed call on `client` that took a mutable `imap_client*`, or
/// `""` if that call succeeded (or for a NULL client). NUL-terminated UTF-8 owned by the client,
/// valid until the next call on it or until it is freed. Never NULL.
#[no_mangle]
pub unsafe extern "C" fn imap_client_last_error(client: *const imap_client) -> *const c_char {
    read_client(client, c"".as_ptr(), |c| c.last_error.as_ptr())
}

/// The server's response code of the last failed call on `client` (`"AUTHENTICATIONFAILED"`,
/// `"TRYCREATE"`, ...), or NULL when it had none. Owned by the client, valid until the next
/// call on it or until it is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_client_last_error_code(client: *const imap_client) -> *const c_char {
    read_client(client, std::ptr::null(), |c| {
        crate::boundary::opt_ptr(&c.last_code)
    })
}

/// Whether the server announced capability `name` (case-insensitive). False for a NULL or
/// unconnected client, a NULL name, or a name that is not UTF-8.
#[no_mangle]
pub unsafe extern "C" fn imap_client_has_capability(
    client: *const imap_client,
    name: *const c_char,
) -> bool {
    read_client(client, false, |c| {
        // SAFETY: NULL or a C string (caller's contract).
        match unsafe { str_arg(name, "name") } {
            Ok(name) => c
                .conn
                .as_ref()
                .is_some_and(|conn| conn.has_capability(name)),
            Err(_) => false,
        }
    })
}

/// How many capabilities the server announced (0 before connecting or for NULL). The list is
/// refreshed by calls that change it (connect, STARTTLS, authentication).
#[no_mangle]
pub unsafe extern "C" fn imap_client_capability_count(client: *const imap_client) -> usize {
    read_client(client, 0, |c| c.capabilities.len())
}

/// Capability `index` as the server spelled it, or NULL when out of range. Owned by the client,
/// valid until the next call on it that takes a mutable `imap_client*`, or until it is freed.
#[no_mangle]
pub unsafe extern "C" fn imap_client_capability_get(
    client: *const imap_client,
    index: usize,
) -> *const c_char {
    read_client(client, std::ptr::null(), |c| {
        list_get(&c.capabilities, index)
    })
}

fn mechanism_name(m: Mechanism) -> &'static CStr {
    match m {
        Mechanism::ScramSha256 => c"SCRAM-SHA-256",
        Mechanism::ScramSha1 => c"SCRAM-SHA-1",
        Mechanism::Plain => c"PLAIN",
        Mechanism::Login => c"LOGIN",
        Mechanism::XOAuth2 => c"XOAUTH2",
        Mechanism::OAuthBearer => c"OAUTHBEARER",
    }
}

/// Authenticates with the strongest password mechanism the server offers (SCRAM-SHA-256,
/// SCRAM-SHA-1, then PLAIN or LOGIN, the last two only over TLS or an insecure-plaintext
/// config). On success, if `mechanism_out` is not NULL, writes the mechanism's name to it: a
/// static string, never free it.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_AUTH (rejected credentials: see
/// `imap_client_last_error` and `imap_client_last_error_code`); IMAP_RESULT_UNSUPPORTED (no
/// usable mechanism); IMAP_RESULT_STATE (not connected, or already authenticated);
/// IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT (not UTF-8); or an I/O error code.
#[no_mangle]
pub unsafe extern "C" fn imap_client_login(
    client: *mut imap_client,
    user: *const c_char,
    password: *const c_char,
    mechanism_out: *mut *const c_char,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let user = unsafe { str_arg(user, "user") }?;
        // SAFETY: as above.
        let password = unsafe { str_arg(password, "password") }?;
        let mechanism = c.conn()?.login(user, password)?;
        if !mechanism_out.is_null() {
            // SAFETY: non-NULL pointer to writable storage (caller's contract).
            unsafe { *mechanism_out = mechanism_name(mechanism).as_ptr() };
        }
        Ok(())
    })
}

/// Authenticates with the SASL mechanism named `mechanism` (`"SCRAM-SHA-256"`,
/// `"SCRAM-SHA-1"`, `"PLAIN"`, `"LOGIN"`, `"XOAUTH2"`, `"OAUTHBEARER"`; case-insensitive).
/// `secret` is the password, or the OAuth 2.0 access token for XOAUTH2 and OAUTHBEARER.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_INVALID_ARGUMENT (unknown mechanism, not UTF-8);
/// IMAP_RESULT_UNSUPPORTED (server does not offer it); IMAP_RESULT_AUTH; IMAP_RESULT_STATE;
/// IMAP_RESULT_NULL_PARAMETER; or an I/O error code.
#[no_mangle]
pub unsafe extern "C" fn imap_client_authenticate(
    client: *mut imap_client,
    mechanism: *const c_char,
    user: *const c_char,
    secret: *const c_char,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let name = unsafe { str_arg(mechanism, "mechanism") }?;
        // SAFETY: as above.
        let user = unsafe { str_arg(user, "user") }?;
        // SAFETY: as above.
        let secret = unsafe { str_arg(secret, "secret") }?;
        let mechanism = Mechanism::from_name(name)
            .ok_or_else(|| Failure::invalid(format!("unknown SASL mechanism {name:?}")))?;
        c.conn()?.authenticate(mechanism, user, secret)?;
        Ok(())
    })
}

/// ENABLE the `n_caps` extensions in `caps` (e.g. `"IMAP4rev2"`, `"CONDSTORE"`). `caps` may be
/// NULL only when `n_caps` is 0. The server may enable fewer than asked, or report none even
/// though it enabled them (Dovecot 2.3 with IMAP4rev2): on success the reported ones replace
/// the list read by `imap_client_enabled_count`/`imap_client_enabled_get`, and their number is
/// written to `*n_enabled_out` unless it is NULL.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO/IMAP_RESULT_BAD (refused); IMAP_RESULT_STATE;
/// IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT; or an I/O error code.
#[no_mangle]
pub unsafe extern "C" fn imap_client_enable(
    client: *mut imap_client,
    caps: *const *const c_char,
    n_caps: usize,
    n_enabled_out: *mut usize,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: `caps` holds `n_caps` C strings (caller's contract).
        let caps = unsafe { str_array_arg(caps, n_caps, "caps") }?;
        let enabled = c.conn()?.enable(&caps)?;
        c.enabled = enabled.iter().map(|s| c_text(s)).collect();
        if !n_enabled_out.is_null() {
            // SAFETY: non-NULL pointer to writable storage (caller's contract).
            unsafe { *n_enabled_out = c.enabled.len() };
        }
        Ok(())
    })
}

/// How many extensions the last successful `imap_client_enable` reported enabled.
#[no_mangle]
pub unsafe extern "C" fn imap_client_enabled_count(client: *const imap_client) -> usize {
    read_client(client, 0, |c| c.enabled.len())
}

/// Extension `index` reported by the last successful `imap_client_enable`, or NULL when out of
/// range. Owned by the client, valid until the next `imap_client_enable` on it or until it is
/// freed.
#[no_mangle]
pub unsafe extern "C" fn imap_client_enabled_get(
    client: *const imap_client,
    index: usize,
) -> *const c_char {
    read_client(client, std::ptr::null(), |c| list_get(&c.enabled, index))
}

/// SELECT `mailbox` (UTF-8; encoded for the server as needed), or EXAMINE when `read_only`.
/// On success writes the mailbox's state to `*mailbox_out`: owned by the caller, free it with
/// `imap_mailbox_free`; it does not depend on the client and may outlive it.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (no such mailbox, no access); IMAP_RESULT_STATE (not
/// authenticated); IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_select(
    client: *mut imap_client,
    mailbox: *const c_char,
    read_only: bool,
    mailbox_out: *mut *mut imap_mailbox,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or a C string (caller's contract).
        let name = unsafe { str_arg(mailbox, "mailbox") }?;
        let out = out_arg(mailbox_out, "mailbox_out")?;
        let info = c.conn()?.select(name, read_only)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = imap_mailbox::new_raw(info) };
        Ok(())
    })
}

/// FETCH `items` for the messages in `set` (sequence numbers, or UIDs when `uid`): `set` is a
/// sequence set such as `"1"`, `"1:*"`, `"2,4:7"`; `items` a macro (`"FULL"`) or a list
/// (`"(FLAGS BODY.PEEK[HEADER])"`). On success writes the messages, in the order the server
/// first mentioned them, to `*messages_out`: owned by the caller, free it with
/// `imap_messages_free`; it does not depend on the client and may outlive it.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_INVALID_ARGUMENT (malformed set or items: nothing
/// sent); IMAP_RESULT_NO/IMAP_RESULT_BAD; IMAP_RESULT_STATE (no mailbox selected);
/// IMAP_RESULT_LIMIT; IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_fetch(
    client: *mut imap_client,
    set: *const c_char,
    items: *const c_char,
    uid: bool,
    messages_out: *mut *mut imap_messages,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let set = unsafe { str_arg(set, "set") }?;
        // SAFETY: as above.
        let items = unsafe { str_arg(items, "items") }?;
        let out = out_arg(messages_out, "messages_out")?;
        let messages = c.conn()?.fetch(set, items, uid)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = imap_messages::new_raw(messages) };
        Ok(())
    })
}

/// STORE flags on the messages in `set` (UIDs when `uid`). `op` is `"+FLAGS"` (add),
/// `"-FLAGS"` (remove) or `"FLAGS"` (replace); `flags` holds `n_flags` flags such as
/// `"\\Deleted"` or `"$Junk"`, and may be NULL only when `n_flags` is 0. On success writes the
/// messages whose new flags the server reported to `*messages_out` (owned by the caller, free
/// it with `imap_messages_free`).
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_INVALID_ARGUMENT (unknown op, malformed set or flag,
/// not UTF-8: nothing sent); IMAP_RESULT_NO (e.g. read-only mailbox); IMAP_RESULT_STATE;
/// IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_store(
    client: *mut imap_client,
    set: *const c_char,
    op: *const c_char,
    flags: *const *const c_char,
    n_flags: usize,
    uid: bool,
    messages_out: *mut *mut imap_messages,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let set = unsafe { str_arg(set, "set") }?;
        // SAFETY: as above.
        let op = StoreOp::parse(unsafe { str_arg(op, "op") }?)?;
        // SAFETY: `flags` holds `n_flags` C strings (caller's contract).
        let flags: Vec<Flag> = unsafe { str_array_arg(flags, n_flags, "flags") }?
            .into_iter()
            .map(Flag::parse)
            .collect();
        let out = out_arg(messages_out, "messages_out")?;
        let messages = c.conn()?.store(set, op, &flags, uid)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = imap_messages::new_raw(messages) };
        Ok(())
    })
}

/// LIST: the mailboxes matching `pattern` under `reference` (reference `""` with pattern `"*"`
/// lists everything, `"%"` matches within one hierarchy level, and pattern `""` asks only for
/// the hierarchy delimiter). Both are UTF-8 and encoded for the server as needed. On success writes the list
/// to `*list_out`: owned by the caller, free it with `imap_list_free`; it does not depend on
/// the client and may outlive it.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO/IMAP_RESULT_BAD; IMAP_RESULT_STATE (not
/// authenticated); IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_list(
    client: *mut imap_client,
    reference: *const c_char,
    pattern: *const c_char,
    list_out: *mut *mut imap_list,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let reference = unsafe { str_arg(reference, "reference") }?;
        // SAFETY: as above.
        let pattern = unsafe { str_arg(pattern, "pattern") }?;
        let out = out_arg(list_out, "list_out")?;
        let items = c.conn()?.list(reference, pattern)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = imap_list::new_raw(items) };
        Ok(())
    })
}

/// Runs a command that takes one mailbox name and reports only its status.
fn mailbox_command(
    client: *mut imap_client,
    mailbox: *const c_char,
    f: impl FnOnce(&mut Client, &str) -> libimap::Result<()>,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or a C string (caller's contract).
        let name = unsafe { str_arg(mailbox, "mailbox") }?;
        Ok(f(c.conn()?, name)?)
    })
}

/// CREATE `mailbox` (UTF-8; a name containing the hierarchy delimiter creates the parents as
/// the server sees fit).
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (exists already, no permission; see
/// `imap_client_last_error_code`, e.g. `"ALREADYEXISTS"`); IMAP_RESULT_STATE;
/// IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_create(
    client: *mut imap_client,
    mailbox: *const c_char,
) -> imap_result {
    mailbox_command(client, mailbox, |c, name| c.create(name))
}

/// DELETE `mailbox` and the messages in it.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (no such mailbox: code `"NONEXISTENT"`);
/// IMAP_RESULT_STATE; IMAP_RESULT_NULL_PARAMETER; IMAP_RESULT_INVALID_ARGUMENT; or an I/O
/// error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_delete(
    client: *mut imap_client,
    mailbox: *const c_char,
) -> imap_result {
    mailbox_command(client, mailbox, |c, name| c.delete(name))
}

/// RENAME mailbox `from` to `to` (both UTF-8).
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO; IMAP_RESULT_STATE; IMAP_RESULT_NULL_PARAMETER;
/// IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_rename(
    client: *mut imap_client,
    from: *const c_char,
    to: *const c_char,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let from = unsafe { str_arg(from, "from") }?;
        // SAFETY: as above.
        let to = unsafe { str_arg(to, "to") }?;
        Ok(c.conn()?.rename(from, to)?)
    })
}

/// SUBSCRIBE `mailbox`.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO; IMAP_RESULT_STATE; IMAP_RESULT_NULL_PARAMETER;
/// IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_subscribe(
    client: *mut imap_client,
    mailbox: *const c_char,
) -> imap_result {
    mailbox_command(client, mailbox, |c, name| c.subscribe(name))
}

/// UNSUBSCRIBE `mailbox`.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO; IMAP_RESULT_STATE; IMAP_RESULT_NULL_PARAMETER;
/// IMAP_RESULT_INVALID_ARGUMENT; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_unsubscribe(
    client: *mut imap_client,
    mailbox: *const c_char,
) -> imap_result {
    mailbox_command(client, mailbox, |c, name| c.unsubscribe(name))
}

/// APPEND one message to `mailbox`: the `len` bytes at `data`, sent exactly as given (they may
/// contain NUL and any 8-bit byte; use CRLF line ends). `data` may be NULL only when `len` is
/// 0. `flags` holds `n_flags` flags to set (`"\\Seen"`, `"$Label"`) and may be NULL only when
/// `n_flags` is 0. When `unix_time` is not NULL, `*unix_time` (seconds since the epoch) becomes
/// the message's internal date, written with the UTC offset `offset_minutes` (east positive,
/// less than a day); with NULL the server uses its clock and `offset_minutes` is ignored.
///
/// On success, when the server reports where the message went (UIDPLUS `APPENDUID`), writes
/// true to `*has_uid_out` and the mailbox's UIDVALIDITY and the message's UID to
/// `*uidvalidity_out` and `*uid_out`; otherwise writes false to `*has_uid_out` and leaves the
/// other two alone. Each output may be NULL when not wanted.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (no such mailbox: code `"TRYCREATE"`; too big);
/// IMAP_RESULT_INVALID_ARGUMENT (bad flag, date out of range, not UTF-8: nothing sent);
/// IMAP_RESULT_STATE; IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_append(
    client: *mut imap_client,
    mailbox: *const c_char,
    data: *const u8,
    len: usize,
    flags: *const *const c_char,
    n_flags: usize,
    unix_time: *const i64,
    offset_minutes: i32,
    uidvalidity_out: *mut u32,
    uid_out: *mut u32,
    has_uid_out: *mut bool,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or a C string (caller's contract).
        let name = unsafe { str_arg(mailbox, "mailbox") }?;
        let data: &[u8] = match (data.is_null(), len) {
            (_, 0) => &[],
            (true, _) => return Err(Failure::null("data")),
            // SAFETY: `data` points to `len` readable bytes (caller's contract).
            (false, _) => unsafe { std::slice::from_raw_parts(data, len) },
        };
        // SAFETY: `flags` holds `n_flags` C strings (caller's contract).
        let flags: Vec<Flag> = unsafe { str_array_arg(flags, n_flags, "flags") }?
            .into_iter()
            .map(Flag::parse)
            .collect();
        // SAFETY: NULL or a readable i64 (caller's contract).
        let date = match unsafe { unix_time.as_ref() } {
            None => None,
            Some(&t) => Some(
                i16::try_from(offset_minutes)
                    .ok()
                    .and_then(|off| DateTime::from_unix_timestamp(t, off))
                    .ok_or_else(|| {
                        Failure::invalid(format!(
                            "date {t} with offset {offset_minutes} minutes is out of range"
                        ))
                    })?,
            ),
        };
        let placed = c.conn()?.append(name, data, &flags, date)?;
        // SAFETY: each output is NULL or writable (caller's contract).
        unsafe {
            put(Some(placed.is_some()), has_uid_out);
            if let Some((uidvalidity, uid)) = placed {
                put(Some(uidvalidity), uidvalidity_out);
                put(Some(uid), uid_out);
            }
        }
        Ok(())
    })
}

/// Runs COPY or MOVE: a set, a destination, the UID switch.
fn transfer(
    client: *mut imap_client,
    set: *const c_char,
    mailbox: *const c_char,
    f: impl FnOnce(&mut Client, &str, &str) -> libimap::Result<()>,
) -> imap_result {
    with_client(client, |c| {
        // SAFETY: NULL or C strings (caller's contract).
        let set = unsafe { str_arg(set, "set") }?;
        // SAFETY: as above.
        let name = unsafe { str_arg(mailbox, "mailbox") }?;
        Ok(f(c.conn()?, set, name)?)
    })
}

/// COPY the messages in `set` (sequence numbers, or UIDs when `uid`) of the selected mailbox
/// to `mailbox`.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (no such mailbox: code `"TRYCREATE"`);
/// IMAP_RESULT_INVALID_ARGUMENT (malformed set, not UTF-8: nothing sent); IMAP_RESULT_STATE
/// (no mailbox selected); IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_copy(
    client: *mut imap_client,
    set: *const c_char,
    mailbox: *const c_char,
    uid: bool,
) -> imap_result {
    transfer(client, set, mailbox, |c, set, name| c.copy(set, name, uid))
}

/// MOVE (RFC 6851) the messages in `set` (UIDs when `uid`) of the selected mailbox to
/// `mailbox`. The expunges the server reports on the way are not kept.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_UNSUPPORTED (the server lacks MOVE: nothing sent);
/// IMAP_RESULT_NO; IMAP_RESULT_INVALID_ARGUMENT; IMAP_RESULT_STATE;
/// IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_move(
    client: *mut imap_client,
    set: *const c_char,
    mailbox: *const c_char,
    uid: bool,
) -> imap_result {
    transfer(client, set, mailbox, |c, set, name| {
        c.move_messages(set, name, uid)
    })
}

/// EXPUNGE: removes the messages marked `\Deleted` from the selected mailbox. On success
/// writes the sequence numbers the server reported expunged, in its order (each relative to
/// the mailbox as it was after the previous one), to `*seqs_out` and their number to `*n_out`.
/// The array is owned by the client and valid until the next `imap_client_expunge` on it or
/// until it is freed; it is never NULL (but may be empty). Either output may be NULL when not
/// wanted.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_NO (read-only mailbox); IMAP_RESULT_STATE (no mailbox
/// selected); IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_expunge(
    client: *mut imap_client,
    seqs_out: *mut *const u32,
    n_out: *mut usize,
) -> imap_result {
    with_client(client, |c| {
        let gone = c.conn()?.expunge()?;
        c.expunged = gone;
        // SAFETY: each output is NULL or writable (caller's contract).
        unsafe {
            put(Some(crate::boundary::u32s_ptr(&c.expunged)), seqs_out);
            put(Some(c.expunged.len()), n_out);
        }
        Ok(())
    })
}

/// CLOSE: leaves the selected mailbox, silently expunging the messages marked `\Deleted`.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_STATE (no mailbox selected); IMAP_RESULT_NULL_PARAMETER;
/// or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_close(client: *mut imap_client) -> imap_result {
    with_client(client, |c| Ok(c.conn()?.close()?))
}

/// UNSELECT (RFC 3691): leaves the selected mailbox without expunging.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_STATE (no mailbox selected); IMAP_RESULT_BAD (the
/// server lacks UNSELECT); IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_unselect(client: *mut imap_client) -> imap_result {
    with_client(client, |c| Ok(c.conn()?.unselect()?))
}

/// IDLE (RFC 2177): waits until the server reports something (about the selected mailbox: new
/// messages, expunges, flag changes) or `timeout_ms` milliseconds pass, then ends IDLE. A quiet
/// mailbox is not an error: the call returns IMAP_RESULT_OK with nothing seen. Keep
/// `timeout_ms` below the server's inactivity limit (29 minutes is the usual advice); it is
/// independent of the configured timeouts.
///
/// On success writes the number of responses the server sent while idling to
/// `*n_responses_out` (0 after a quiet wait), and whether one of them was EXISTS to
/// `*has_exists_out`, with the last EXISTS value (the new message count) to `*exists_out` (left
/// alone when there was none). Each output may be NULL when not wanted.
///
/// Returns IMAP_RESULT_OK; IMAP_RESULT_UNSUPPORTED (the server lacks IDLE: nothing sent);
/// IMAP_RESULT_STATE (not authenticated); IMAP_RESULT_NULL_PARAMETER; or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_idle(
    client: *mut imap_client,
    timeout_ms: u64,
    n_responses_out: *mut usize,
    exists_out: *mut u32,
    has_exists_out: *mut bool,
) -> imap_result {
    with_client(client, |c| {
        let seen = c.conn()?.idle(Duration::from_millis(timeout_ms))?;
        let exists = seen.iter().rev().find_map(|u| match u {
            Untagged::Exists(n) => Some(*n),
            _ => None,
        });
        // SAFETY: each output is NULL or writable (caller's contract).
        unsafe {
            put(Some(seen.len()), n_responses_out);
            put(Some(exists.is_some()), has_exists_out);
            put(exists, exists_out);
        }
        Ok(())
    })
}

/// NOOP: lets the server report news (new messages, expunges) and keeps the connection alive.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_STATE, IMAP_RESULT_NULL_PARAMETER, or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_noop(client: *mut imap_client) -> imap_result {
    with_client(client, |c| Ok(c.conn()?.noop()?))
}

/// LOGOUT: ends the session politely and closes the connection. Later calls fail with
/// IMAP_RESULT_STATE; the handle still needs `imap_client_free`.
///
/// Returns IMAP_RESULT_OK, IMAP_RESULT_STATE, IMAP_RESULT_NULL_PARAMETER, or an I/O error.
#[no_mangle]
pub unsafe extern "C" fn imap_client_logout(client: *mut imap_client) -> imap_result {
    with_client(client, |c| Ok(c.conn()?.logout()?))
}

/// Frees a client, closing its connection without LOGOUT if it is still open. NULL is
/// accepted and ignored. Every string borrowed from the client becomes invalid; mailboxes and
/// message lists it produced stay valid.
#[no_mangle]
pub unsafe extern "C" fn imap_client_free(client: *mut imap_client) {
    catch((), || {
        if !client.is_null() {
            // SAFETY: created by Box::into_raw in imap_client_new, not freed before (caller's
            // contract).
            drop(unsafe { Box::from_raw(client) });
        }
    })
}

/// Test-only (built with the `test-panic` feature): panics inside the library so that tests can
/// check the panic is stopped at the boundary. Returns IMAP_RESULT_PANIC, leaves a last error
/// on the client, and the client refuses later calls with IMAP_RESULT_STATE.
#[cfg(feature = "test-panic")]
#[no_mangle]
pub unsafe extern "C" fn imap_test_panic(client: *mut imap_client) -> imap_result {
    with_client(client, |_| panic!("imap_test_panic called"))
}
