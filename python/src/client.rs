//! `Client`: the core blocking client behind a mutex. Every call converts its Python arguments
//! first, then releases the GIL and takes the mutex inside `py.detach`, then builds Python
//! objects from the result after re-attaching.
use crate::errors;
use crate::mailbox::{ListItem, MailboxInfo};
use crate::message::{flags_tuple, Message};
use crate::{convert, trace};
use libimap::proto::command::StoreOp;
use libimap::sasl::Mechanism;
use libimap::{Config, Error, ErrorKind, Security};
use libimap::{Status, Untagged};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFrozenSet, PyTuple};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::thread::ThreadId;

/// A connection to one IMAP server. Thread-safe: calls are serialised by a mutex and release the
/// GIL while they wait for the network.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct Client {
    inner: Mutex<libimap::Client>,
    /// The thread currently inside a call. A trace callback that calls back into its own
    /// client would otherwise wait forever for the mutex its thread already holds.
    busy: Mutex<Option<ThreadId>>,
    host: String,
    port: u16,
    security: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // `busy` holds a plain value that is never left half-written.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct BusyGuard<'a>(&'a Mutex<Option<ThreadId>>);

impl Drop for BusyGuard<'_> {
    fn drop(&mut self) {
        *lock(self.0) = None;
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Ok => "OK",
        Status::No => "NO",
        Status::Bad => "BAD",
        Status::PreAuth => "PREAUTH",
        Status::Bye => "BYE",
    }
}

impl Client {
    /// Runs `f` on the core client with the GIL released. Errors stay core errors so that
    /// `__exit__` can look at their kind.
    fn call<T, F>(&self, py: Python<'_>, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut libimap::Client) -> libimap::Result<T> + Send,
        T: Send,
    {
        let me = std::thread::current().id();
        if *lock(&self.busy) == Some(me) {
            return Err(Error::new(
                ErrorKind::State,
                "the client was called from its own trace callback",
            ));
        }
        py.detach(|| {
            let mut client = match self.inner.lock() {
                Ok(client) => client,
                // Only a panic inside the core poisons the mutex; its state is unknown.
                Err(_) => {
                    return Err(Error::new(
                        ErrorKind::State,
                        "the client is unusable after an internal error",
                    ))
                }
            };
            *lock(&self.busy) = Some(me);
            let _busy = BusyGuard(&self.busy);
            f(&mut client)
        })
    }

    fn run<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        F: FnOnce(&mut libimap::Client) -> libimap::Result<T> + Send,
        T: Send,
    {
        self.call(py, f).map_err(|e| errors::to_py(py, &e))
    }

    fn messages<'py>(
        py: Python<'py>,
        list: Vec<libimap::Message>,
    ) -> PyResult<Vec<Bound<'py, Message>>> {
        list.into_iter()
            .map(|m| Bound::new(py, Message::from_core(py, m)?))
            .collect()
    }

    fn unsolicited<'py>(py: Python<'py>, u: Untagged) -> PyResult<Bound<'py, PyTuple>> {
        let strings = |v: &[String]| PyTuple::new(py, v);
        let (kind, value): (&str, Bound<'py, PyAny>) = match u {
            Untagged::Status { status, code, text } => (
                status_name(status),
                (code.as_ref().map(|c| c.name().to_string()), text)
                    .into_pyobject(py)?
                    .into_any(),
            ),
            Untagged::Capability(caps) => ("CAPABILITY", strings(&caps)?.into_any()),
            Untagged::Enabled(caps) => ("ENABLED", strings(&caps)?.into_any()),
            Untagged::Flags(flags) => ("FLAGS", flags_tuple(py, &flags)?.into_bound(py).into_any()),
            Untagged::Exists(n) => ("EXISTS", n.into_pyobject(py)?.into_any()),
            Untagged::Recent(n) => ("RECENT", n.into_pyobject(py)?.into_any()),
            Untagged::Expunge(n) => ("EXPUNGE", n.into_pyobject(py)?.into_any()),
            Untagged::List(l) => (
                "LIST",
                Bound::new(py, ListItem::from_core(py, &l)?)?.into_any(),
            ),
            Untagged::Lsub(l) => (
                "LSUB",
                Bound::new(py, ListItem::from_core(py, &l)?)?.into_any(),
            ),
            Untagged::Search { ids, .. } => ("SEARCH", PyTuple::new(py, ids)?.into_any()),
            Untagged::Fetch { seq, items } => {
                let mut m = libimap::Message::new(seq);
                m.merge(items);
                (
                    "FETCH",
                    Bound::new(py, Message::from_core(py, m)?)?.into_any(),
                )
            }
            Untagged::MailboxStatus { name, items, .. } => {
                let dict = PyDict::new(py);
                for (item, n) in items {
                    dict.set_item(item, n)?;
                }
                ("STATUS", (name, dict).into_pyobject(py)?.into_any())
            }
            Untagged::Other { raw } => ("OTHER", PyBytes::new(py, &raw).into_any()),
            // Typed in the core but not yet given Python classes: their debug text for now.
            other => (
                other.name(),
                format!("{other:?}").into_pyobject(py)?.into_any(),
            ),
        };
        PyTuple::new(py, [kind.into_pyobject(py)?.into_any(), value])
    }
}

#[pymethods]
impl Client {
    /// Connects, reads the greeting, performs TLS or STARTTLS and learns the capabilities.
    #[new]
    #[pyo3(signature = (host, port, security = "tls", ca_file = None, timeout = Some(30.0), *, server_name = None, trace = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        host: String,
        port: &Bound<'_, PyAny>,
        security: &str,
        ca_file: Option<PathBuf>,
        timeout: Option<f64>,
        server_name: Option<String>,
        trace: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let port = convert::port(port)?;
        let sec = Security::parse(security).ok_or_else(|| {
            errors::invalid(py, format!("security must be \"tls\", \"starttls\" or \"insecure-plaintext\", not {security:?}"))
        })?;
        let mut config = Config::new(host.clone(), port, sec);
        config.ca_file = ca_file;
        config.server_name = server_name;
        config.timeout = convert::timeout(py, timeout)?;
        if let Some(cb) = trace {
            if !cb.is_callable() {
                return Err(PyTypeError::new_err(
                    "trace must be a callable(direction, line) or None",
                ));
            }
            config.trace = Some(trace::make(cb.unbind()));
        }
        let client = py
            .detach(|| libimap::Client::connect(config))
            .map_err(|e| errors::to_py(py, &e))?;
        Ok(Client {
            inner: Mutex::new(client),
            busy: Mutex::new(None),
            host,
            port,
            security: security.to_string(),
        })
    }

    /// Capabilities as the server last listed them.
    #[getter]
    fn capabilities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyFrozenSet>> {
        let caps = self.run(py, |c| Ok(c.capabilities().to_vec()))?;
        PyFrozenSet::new(py, &caps)
    }

    /// Case-insensitive capability test.
    fn has_capability(&self, py: Python<'_>, capability: String) -> PyResult<bool> {
        self.run(py, move |c| Ok(c.has_capability(&capability)))
    }

    /// Authenticates with the strongest mechanism both sides support; returns its name.
    fn login(&self, py: Python<'_>, user: String, password: String) -> PyResult<&'static str> {
        self.run(py, move |c| c.login(&user, &password).map(Mechanism::name))
    }

    /// Authenticates with one named SASL mechanism (`password` is the token for XOAUTH2 and
    /// OAUTHBEARER).
    fn authenticate(
        &self,
        py: Python<'_>,
        mechanism: &str,
        user: String,
        password: String,
    ) -> PyResult<()> {
        let mech = Mechanism::from_name(mechanism)
            .ok_or_else(|| errors::invalid(py, format!("unknown SASL mechanism {mechanism:?}")))?;
        self.run(py, move |c| c.authenticate(mech, &user, &password))
    }

    /// ENABLE; returns what the server reported enabled (may be empty).
    #[pyo3(signature = (*capabilities))]
    fn enable(&self, py: Python<'_>, capabilities: Vec<String>) -> PyResult<Vec<String>> {
        self.run(py, move |c| {
            let caps: Vec<&str> = capabilities.iter().map(String::as_str).collect();
            c.enable(&caps)
        })
    }

    /// SELECT, or EXAMINE when `readonly`.
    #[pyo3(signature = (mailbox = "INBOX".to_string(), readonly = false))]
    fn select(&self, py: Python<'_>, mailbox: String, readonly: bool) -> PyResult<MailboxInfo> {
        let info = self.run(py, move |c| c.select(&mailbox, readonly))?;
        MailboxInfo::from_core(py, &info)
    }

    /// FETCH (UID FETCH when `uid`); one Message per message, in the server's order.
    #[pyo3(signature = (sequence_set, items, uid = false))]
    fn fetch<'py>(
        &self,
        py: Python<'py>,
        sequence_set: &Bound<'py, PyAny>,
        items: &Bound<'py, PyAny>,
        uid: bool,
    ) -> PyResult<Vec<Bound<'py, Message>>> {
        let set = convert::sequence_set(sequence_set)?;
        let items = convert::fetch_items(items)?;
        let list = self.run(py, move |c| c.fetch(&set, &items, uid))?;
        Self::messages(py, list)
    }

    /// STORE `+FLAGS`, `-FLAGS` or `FLAGS`; returns the messages whose flags the server
    /// reported.
    #[pyo3(signature = (sequence_set, operation, flags, uid = false))]
    fn store<'py>(
        &self,
        py: Python<'py>,
        sequence_set: &Bound<'py, PyAny>,
        operation: &str,
        flags: &Bound<'py, PyAny>,
        uid: bool,
    ) -> PyResult<Vec<Bound<'py, Message>>> {
        let set = convert::sequence_set(sequence_set)?;
        let op = StoreOp::parse(operation).map_err(|e| errors::to_py(py, &e))?;
        let flags = convert::flags(flags)?;
        let list = self.run(py, move |c| c.store(&set, op, &flags, uid))?;
        Self::messages(py, list)
    }

    fn noop(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, |c| c.noop())
    }

    /// LOGOUT and close the connection.
    fn logout(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, |c| c.logout())
    }

    /// Responses that belong to no command result (EXPUNGE, EXISTS, ALERT…), oldest first, as
    /// `(kind, value)` tuples; taking them empties the queue.
    fn take_unsolicited<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let list = self.run(py, |c| Ok(c.take_unsolicited()))?;
        list.into_iter().map(|u| Self::unsolicited(py, u)).collect()
    }

    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    /// LOGOUT. Failures because the connection is already gone (or already logged out) are
    /// ignored, as is any failure while an exception is propagating: it must not be masked.
    #[pyo3(signature = (exc_type, exc_value, traceback))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<Bound<'_, PyAny>>,
        exc_value: Option<Bound<'_, PyAny>>,
        traceback: Option<Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let _ = (exc_value, traceback);
        match self.call(py, |c| c.logout()) {
            Ok(()) => Ok(false),
            Err(e) => {
                let gone = matches!(
                    e.kind(),
                    ErrorKind::Io
                        | ErrorKind::Timeout
                        | ErrorKind::Tls
                        | ErrorKind::Bye
                        | ErrorKind::State
                );
                if gone || exc_type.is_some_and(|t| !t.is_none()) {
                    Ok(false)
                } else {
                    Err(errors::to_py(py, &e))
                }
            }
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "<libimap.Client {}:{} {}>",
            self.host, self.port, self.security
        )
    }
}
