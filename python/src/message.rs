//! FETCH results: `Message`, `Envelope`, `Address`. Built once from the core values (which are
//! consumed), then immutable: every attribute is either an immutable Python value or a fresh
//! container.
use crate::body::BodyStructure;
use crate::datetime;
use crate::repr;
use libimap::{EncodedText, Flag};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};

fn text(t: &Option<EncodedText>) -> Option<String> {
    t.as_ref().map(|t| t.text().to_owned())
}

fn raw(py: Python<'_>, t: &Option<EncodedText>) -> Option<Py<PyBytes>> {
    t.as_ref().map(|t| PyBytes::new(py, t.raw()).unbind())
}

pub fn flags_tuple(py: Python<'_>, flags: &[Flag]) -> PyResult<Py<PyTuple>> {
    Ok(PyTuple::new(py, flags.iter().map(|f| f.to_string()))?.unbind())
}

/// One address of an ENVELOPE list. Group markers: `is_group_start` (mailbox holds the group
/// name) and `is_group_end`.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct Address {
    #[pyo3(get)]
    name: Option<String>,
    #[pyo3(get)]
    route: Option<String>,
    #[pyo3(get)]
    mailbox: Option<String>,
    #[pyo3(get)]
    host: Option<String>,
    #[pyo3(get)]
    name_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    route_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    mailbox_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    host_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    email: Option<String>,
    #[pyo3(get)]
    is_group_start: bool,
    #[pyo3(get)]
    is_group_end: bool,
}

impl Address {
    fn from_core(py: Python<'_>, a: &libimap::Address) -> Self {
        Address {
            name: text(&a.name),
            route: text(&a.route),
            mailbox: text(&a.mailbox),
            host: text(&a.host),
            name_raw: raw(py, &a.name),
            route_raw: raw(py, &a.route),
            mailbox_raw: raw(py, &a.mailbox),
            host_raw: raw(py, &a.host),
            email: a.email(),
            is_group_start: a.is_group_start(),
            is_group_end: a.is_group_end(),
        }
    }
}

#[pymethods]
impl Address {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "Address",
            &[],
            &["name", "email", "mailbox", "route"],
        )
    }

    /// `Name <mailbox@host>`, or just the address when there is no name.
    fn __str__(&self) -> String {
        let addr = self
            .email
            .clone()
            .or_else(|| self.mailbox.clone())
            .unwrap_or_default();
        match &self.name {
            Some(name) if !name.is_empty() => format!("{name} <{addr}>"),
            _ => addr,
        }
    }
}

fn addresses(py: Python<'_>, list: &[libimap::Address]) -> PyResult<Py<PyTuple>> {
    let items = list
        .iter()
        .map(|a| Py::new(py, Address::from_core(py, a)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.unbind())
}

/// ENVELOPE: decoded header fields (RFC 2047), with the exact bytes in the `*_raw` twins.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct Envelope {
    #[pyo3(get)]
    date: Option<Py<PyAny>>,
    #[pyo3(get)]
    date_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    subject: Option<String>,
    #[pyo3(get)]
    subject_raw: Option<Py<PyBytes>>,
    #[pyo3(get, name = "from_")]
    from: Py<PyTuple>,
    #[pyo3(get)]
    sender: Py<PyTuple>,
    #[pyo3(get)]
    reply_to: Py<PyTuple>,
    #[pyo3(get)]
    to: Py<PyTuple>,
    #[pyo3(get)]
    cc: Py<PyTuple>,
    #[pyo3(get)]
    bcc: Py<PyTuple>,
    #[pyo3(get)]
    in_reply_to: Option<String>,
    #[pyo3(get)]
    in_reply_to_raw: Option<Py<PyBytes>>,
    #[pyo3(get)]
    message_id: Option<String>,
    #[pyo3(get)]
    message_id_raw: Option<Py<PyBytes>>,
}

impl Envelope {
    pub fn from_core(py: Python<'_>, e: &libimap::Envelope) -> PyResult<Self> {
        let date = datetime::to_py_opt(py, e.date().as_ref())?;
        let e = e.fields();
        Ok(Envelope {
            date,
            date_raw: raw(py, &e.date_raw),
            subject: text(&e.subject),
            subject_raw: raw(py, &e.subject),
            from: addresses(py, &e.from)?,
            sender: addresses(py, &e.sender)?,
            reply_to: addresses(py, &e.reply_to)?,
            to: addresses(py, &e.to)?,
            cc: addresses(py, &e.cc)?,
            bcc: addresses(py, &e.bcc)?,
            in_reply_to: text(&e.in_reply_to),
            in_reply_to_raw: raw(py, &e.in_reply_to),
            message_id: text(&e.message_id),
            message_id_raw: raw(py, &e.message_id),
        })
    }
}

#[pymethods]
impl Envelope {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "Envelope",
            &["subject"],
            &[
                "date",
                "from_",
                "sender",
                "reply_to",
                "to",
                "cc",
                "bcc",
                "in_reply_to",
                "message_id",
            ],
        )
    }
}

/// What one FETCH reported about one message; items that were not fetched are None.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct Message {
    #[pyo3(get)]
    seq: u32,
    #[pyo3(get)]
    uid: Option<u32>,
    #[pyo3(get)]
    flags: Option<Py<PyTuple>>,
    #[pyo3(get)]
    internal_date: Option<Py<PyAny>>,
    #[pyo3(get)]
    size: Option<u64>,
    #[pyo3(get)]
    envelope: Option<Py<Envelope>>,
    #[pyo3(get)]
    body_structure: Option<Py<BodyStructure>>,
    #[pyo3(get)]
    modseq: Option<u64>,
    /// Key: the section spec as the server named it, `<origin>` appended for partial fetches.
    sections: Vec<(String, Option<Py<PyBytes>>)>,
    other: Vec<(String, Py<PyBytes>)>,
}

impl Message {
    pub fn from_core(py: Python<'_>, m: libimap::Message) -> PyResult<Self> {
        let sections = m
            .sections
            .iter()
            .map(|s| {
                let key = match s.origin {
                    Some(origin) => format!("{}<{origin}>", s.section),
                    None => s.section.clone(),
                };
                (key, s.data.as_deref().map(|d| PyBytes::new(py, d).unbind()))
            })
            .collect();
        Ok(Message {
            seq: m.seq,
            uid: m.uid,
            flags: m.flags.as_deref().map(|f| flags_tuple(py, f)).transpose()?,
            internal_date: datetime::to_py_opt(py, m.internal_date.as_ref())?,
            size: m.size,
            envelope: m
                .envelope
                .as_ref()
                .map(|e| Envelope::from_core(py, e).and_then(|e| Py::new(py, e)))
                .transpose()?,
            body_structure: m
                .body_structure
                .as_ref()
                .map(|b| BodyStructure::from_core(py, b).and_then(|b| Py::new(py, b)))
                .transpose()?,
            modseq: m.modseq,
            sections,
            other: m
                .other
                .iter()
                .map(|(name, bytes)| (name.clone(), PyBytes::new(py, bytes).unbind()))
                .collect(),
        })
    }
}

#[pymethods]
impl Message {
    /// `{section spec: bytes}` (None for NIL); a new dict on every access.
    #[getter]
    fn sections<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, data) in &self.sections {
            dict.set_item(key, data.as_ref().map(|d| d.bind(py)))?;
        }
        Ok(dict)
    }

    /// Items the core kept raw (unknown or malformed), `{name: bytes}`.
    #[getter]
    fn other<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, data) in &self.other {
            dict.set_item(key, data.bind(py))?;
        }
        Ok(dict)
    }

    /// The bytes of one section, matched case-insensitively (`"header"` finds `"HEADER"`).
    fn section(&self, py: Python<'_>, spec: &str) -> Option<Py<PyBytes>> {
        self.sections
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(spec))
            .and_then(|(_, data)| data.as_ref().map(|d| d.clone_ref(py)))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut out = repr::fields(
            slf.as_any(),
            "Message",
            &["seq"],
            &[
                "uid",
                "flags",
                "internal_date",
                "size",
                "modseq",
                "envelope",
                "body_structure",
            ],
        )?;
        // Section contents can be megabytes: show their names and sizes only.
        let me = slf.get();
        if !me.sections.is_empty() {
            out.pop();
            let py = slf.py();
            let parts = me
                .sections
                .iter()
                .map(|(key, data)| {
                    let key = PyString::new(py, key).repr()?;
                    Ok(match data {
                        Some(d) => format!("{key}: <{} bytes>", d.bind(py).as_bytes().len()),
                        None => format!("{key}: None"),
                    })
                })
                .collect::<PyResult<Vec<String>>>()?;
            out.push_str(&format!(", sections={{{}}})", parts.join(", ")));
        }
        Ok(out)
    }
}
