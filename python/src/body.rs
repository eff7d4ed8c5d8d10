//! BODYSTRUCTURE as one Python class for every kind of part: attributes that do not apply to a
//! part's kind are None (or empty), so callers walk the tree without type switches.
use crate::message::Envelope;
use crate::repr;
use libimap::proto::body::{BodyFields, Disposition};
use libimap::ByteString;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};

/// One part of a BODYSTRUCTURE; `parts` holds a multipart's children.
#[pyclass(frozen, module = "libimap")]
#[derive(Debug)]
pub struct BodyStructure {
    /// `"text/plain"`, lower-cased.
    #[pyo3(get)]
    mime_type: String,
    params: Vec<(String, String)>,
    #[pyo3(get)]
    id: Option<String>,
    #[pyo3(get)]
    description: Option<String>,
    #[pyo3(get)]
    encoding: Option<String>,
    #[pyo3(get)]
    size: Option<u32>,
    #[pyo3(get)]
    lines: Option<u32>,
    #[pyo3(get)]
    md5: Option<String>,
    #[pyo3(get)]
    disposition: Option<String>,
    disposition_params: Vec<(String, String)>,
    #[pyo3(get)]
    language: Py<PyTuple>,
    #[pyo3(get)]
    location: Option<String>,
    #[pyo3(get)]
    parts: Py<PyTuple>,
    /// `message/rfc822` parts: the embedded message's envelope and body.
    #[pyo3(get)]
    envelope: Option<Py<Envelope>>,
    #[pyo3(get)]
    body: Option<Py<BodyStructure>>,
    /// A part the core could not read, byte for byte.
    #[pyo3(get)]
    raw: Option<Py<PyBytes>>,
}

struct Ext<'a> {
    md5: Option<&'a ByteString>,
    disposition: Option<&'a Disposition>,
    language: &'a [ByteString],
    location: Option<&'a ByteString>,
}

/// The core's strings share its response buffer; Python gets its own copies.
fn owned(s: &ByteString) -> String {
    String::from(&**s)
}

fn owned_pairs(pairs: &[(ByteString, ByteString)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (owned(k), owned(v))).collect()
}

impl BodyStructure {
    fn empty(py: Python<'_>, mime_type: String) -> Self {
        BodyStructure {
            mime_type,
            params: Vec::new(),
            id: None,
            description: None,
            encoding: None,
            size: None,
            lines: None,
            md5: None,
            disposition: None,
            disposition_params: Vec::new(),
            language: PyTuple::empty(py).unbind(),
            location: None,
            parts: PyTuple::empty(py).unbind(),
            envelope: None,
            body: None,
            raw: None,
        }
    }

    fn set_fields(&mut self, f: &BodyFields) {
        self.params = owned_pairs(&f.params);
        self.id = f.id.as_ref().map(owned);
        self.description = f.description.as_ref().map(owned);
        self.encoding = Some(owned(&f.encoding));
        self.size = Some(f.octets);
    }

    fn set_ext(&mut self, py: Python<'_>, ext: Ext<'_>) -> PyResult<()> {
        self.md5 = ext.md5.map(owned);
        if let Some(d) = ext.disposition {
            self.disposition = Some(owned(&d.kind));
            self.disposition_params = owned_pairs(&d.params);
        }
        self.language = PyTuple::new(py, ext.language.iter().map(|l| &**l))?.unbind();
        self.location = ext.location.map(owned);
        Ok(())
    }

    pub fn from_core(py: Python<'_>, b: &libimap::BodyStructure) -> PyResult<Self> {
        use libimap::BodyStructure as B;
        let mime = b.mime_type();
        let out = match b {
            B::Basic { fields, ext, .. } => {
                let mut out = Self::empty(py, mime);
                out.set_fields(fields);
                if let Some(e) = ext {
                    out.set_ext(py, single(e))?;
                }
                out
            }
            B::Text {
                fields, lines, ext, ..
            } => {
                let mut out = Self::empty(py, mime);
                out.set_fields(fields);
                out.lines = Some(*lines);
                if let Some(e) = ext {
                    out.set_ext(py, single(e))?;
                }
                out
            }
            B::Message {
                fields,
                envelope,
                body,
                lines,
                ext,
                ..
            } => {
                let mut out = Self::empty(py, mime);
                out.set_fields(fields);
                out.lines = Some(*lines);
                out.envelope = Some(Py::new(py, Envelope::from_core(py, envelope)?)?);
                out.body = Some(Py::new(py, Self::from_core(py, body)?)?);
                if let Some(e) = ext {
                    out.set_ext(py, single(e))?;
                }
                out
            }
            B::Multipart { parts, ext, .. } => {
                let mut out = Self::empty(py, mime);
                let children = parts
                    .iter()
                    .map(|p| Self::from_core(py, p).and_then(|p| Py::new(py, p)))
                    .collect::<PyResult<Vec<_>>>()?;
                out.parts = PyTuple::new(py, children)?.unbind();
                if let Some(e) = ext {
                    out.params = owned_pairs(&e.params);
                    out.set_ext(
                        py,
                        Ext {
                            md5: None,
                            disposition: e.disposition.as_ref(),
                            language: &e.language,
                            location: e.location.as_ref(),
                        },
                    )?;
                }
                out
            }
            B::Unparsed { raw } => {
                let mut out = Self::empty(py, mime);
                out.raw = Some(PyBytes::new(py, raw).unbind());
                out
            }
        };
        Ok(out)
    }
}

fn single(e: &libimap::SinglepartExt) -> Ext<'_> {
    Ext {
        md5: e.md5.as_ref(),
        disposition: e.disposition.as_ref(),
        language: &e.language,
        location: e.location.as_ref(),
    }
}

fn pairs_dict<'py>(py: Python<'py>, pairs: &[(String, String)]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in pairs {
        dict.set_item(k, v)?;
    }
    Ok(dict)
}

#[pymethods]
impl BodyStructure {
    /// Content-Type parameters (`{"charset": "UTF-8"}`), names as sent; a new dict each time.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        pairs_dict(py, &self.params)
    }

    /// Content-Disposition parameters (`{"filename": "report.pdf"}`).
    #[getter]
    fn disposition_params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        pairs_dict(py, &self.disposition_params)
    }

    /// `"text"` of `"text/plain"`.
    #[getter]
    fn maintype(&self) -> &str {
        self.mime_type
            .split_once('/')
            .map_or(self.mime_type.as_str(), |(t, _)| t)
    }

    /// `"plain"` of `"text/plain"`.
    #[getter]
    fn subtype(&self) -> &str {
        self.mime_type.split_once('/').map_or("", |(_, s)| s)
    }

    /// True for `multipart/*`.
    #[getter]
    fn is_multipart(&self) -> bool {
        self.mime_type.starts_with("multipart/")
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "BodyStructure",
            &["mime_type"],
            &[
                "params",
                "id",
                "description",
                "encoding",
                "size",
                "lines",
                "disposition",
                "disposition_params",
                "language",
                "location",
                "parts",
                "envelope",
                "body",
                "raw",
            ],
        )
    }
}
