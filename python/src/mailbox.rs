//! What SELECT/EXAMINE reported, and LIST items.
use crate::message::flags_tuple;
use crate::repr;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

/// One LIST response.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct ListItem {
    /// Name attributes as sent (`"\\HasNoChildren"`, `"\\Sent"`).
    #[pyo3(get)]
    attributes: Py<PyTuple>,
    #[pyo3(get)]
    delimiter: Option<String>,
    /// The name decoded to Unicode.
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    name_raw: Py<PyBytes>,
    #[pyo3(get)]
    old_name: Option<String>,
}

impl ListItem {
    pub fn from_core(py: Python<'_>, l: &libimap::ListItem) -> PyResult<Self> {
        Ok(ListItem {
            attributes: PyTuple::new(py, &l.attributes)?.unbind(),
            delimiter: l.delimiter.map(String::from),
            name: l.name.clone(),
            name_raw: PyBytes::new(py, &l.name_raw).unbind(),
            old_name: l.old_name.clone(),
        })
    }
}

#[pymethods]
impl ListItem {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "ListItem",
            &["name", "delimiter", "attributes"],
            &["old_name"],
        )
    }
}

/// What SELECT or EXAMINE reported.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct MailboxInfo {
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    exists: u32,
    /// IMAP4rev1 servers only.
    #[pyo3(get)]
    recent: Option<u32>,
    #[pyo3(get)]
    flags: Py<PyTuple>,
    #[pyo3(get)]
    permanent_flags: Py<PyTuple>,
    #[pyo3(get)]
    uidvalidity: Option<u32>,
    #[pyo3(get)]
    uidnext: Option<u32>,
    #[pyo3(get)]
    unseen: Option<u32>,
    #[pyo3(get)]
    highest_modseq: Option<u64>,
    #[pyo3(get)]
    read_only: bool,
    #[pyo3(get)]
    list: Py<PyTuple>,
}

impl MailboxInfo {
    pub fn from_core(py: Python<'_>, m: &libimap::MailboxInfo) -> PyResult<Self> {
        let list = m
            .list
            .iter()
            .map(|l| Py::new(py, ListItem::from_core(py, l)?))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(MailboxInfo {
            name: m.name.clone(),
            exists: m.exists,
            recent: m.recent,
            flags: flags_tuple(py, &m.flags)?,
            permanent_flags: flags_tuple(py, &m.permanent_flags)?,
            uidvalidity: m.uidvalidity,
            uidnext: m.uidnext,
            unseen: m.unseen,
            highest_modseq: m.highest_modseq,
            read_only: m.read_only,
            list: PyTuple::new(py, list)?.unbind(),
        })
    }
}

#[pymethods]
impl MailboxInfo {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "MailboxInfo",
            &["name", "exists", "uidvalidity", "uidnext", "read_only"],
            &[
                "recent",
                "unseen",
                "highest_modseq",
                "flags",
                "permanent_flags",
                "list",
            ],
        )
    }
}
