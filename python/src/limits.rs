//! `Limits`: the bounds on what a server may send, as the `limits=` argument of `Client`.
use crate::{convert, repr};
use pyo3::prelude::*;

/// Line, literal and response sizes, nesting depth and list lengths a server may send; going
/// past one fails the call with `LimitError`. Every value is a positive int.
#[pyclass(frozen, eq, module = "libimap")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    #[pyo3(get)]
    max_line: u64,
    #[pyo3(get)]
    max_literal: u64,
    #[pyo3(get)]
    max_response: u64,
    #[pyo3(get)]
    max_depth: u64,
    #[pyo3(get)]
    max_items: u64,
}

impl Limits {
    pub fn to_core(&self) -> libimap::proto::framer::Limits {
        // Checked against usize::MAX when built.
        libimap::proto::framer::Limits {
            max_line: self.max_line as usize,
            max_literal: self.max_literal,
            max_response: self.max_response,
            max_depth: self.max_depth as usize,
            max_items: self.max_items as usize,
        }
    }
}

#[pymethods]
impl Limits {
    /// Any value left out keeps the library's default.
    #[new]
    #[pyo3(signature = (*, max_line = None, max_literal = None, max_response = None, max_depth = None, max_items = None))]
    fn new(
        max_line: Option<&Bound<'_, PyAny>>,
        max_literal: Option<&Bound<'_, PyAny>>,
        max_response: Option<&Bound<'_, PyAny>>,
        max_depth: Option<&Bound<'_, PyAny>>,
        max_items: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let d = libimap::proto::framer::Limits::default();
        let size = usize::MAX as u64;
        let pick = |v: Option<&Bound<'_, PyAny>>, name: &str, default: u64, max: u64| match v {
            Some(v) => convert::positive_int(v, name, max),
            None => Ok(default),
        };
        Ok(Limits {
            max_line: pick(max_line, "max_line", d.max_line as u64, size)?,
            max_literal: pick(max_literal, "max_literal", d.max_literal, u64::MAX)?,
            max_response: pick(max_response, "max_response", d.max_response, u64::MAX)?,
            max_depth: pick(max_depth, "max_depth", d.max_depth as u64, size)?,
            max_items: pick(max_items, "max_items", d.max_items as u64, size)?,
        })
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr::fields(
            slf.as_any(),
            "Limits",
            &[
                "max_line",
                "max_literal",
                "max_response",
                "max_depth",
                "max_items",
            ],
            &[],
        )
    }
}
