//! Core errors to Python exceptions. The mapping from [`ErrorKind`] to exception classes lives
//! in one place, `libimap/errors.py` (`_from_native`); this side only names the kind.
use libimap::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The kind as `libimap.errors.ErrorKind` spells its values.
pub fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io => "io",
        ErrorKind::Timeout => "timeout",
        ErrorKind::Tls => "tls",
        ErrorKind::Protocol => "protocol",
        ErrorKind::No => "no",
        ErrorKind::Bad => "bad",
        ErrorKind::Bye => "bye",
        ErrorKind::Auth => "auth",
        ErrorKind::State => "state",
        ErrorKind::InvalidArgument => "invalid_argument",
        ErrorKind::Limit => "limit",
        ErrorKind::Unsupported => "unsupported",
    }
}

/// The exception for `e`. If `libimap.errors` itself cannot be imported, that import error is
/// what the caller sees: better than inventing a class the hierarchy does not have.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let from_native = FROM_NATIVE.import(py, "libimap.errors", "_from_native")?;
        let exc = from_native.call1((kind_name(e.kind()), e.code(), e.text()))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

/// `InvalidArgumentError` (a `ValueError`) for a bad value caught before anything was sent.
pub fn invalid(py: Python<'_>, text: impl Into<String>) -> PyErr {
    to_py(py, &Error::new(ErrorKind::InvalidArgument, text))
}
