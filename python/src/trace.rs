//! The protocol trace callback. The core calls it from inside a blocking call, where the GIL
//! is released; it attaches only for the Python call.
use libimap::{TraceDirection, TraceFn};
use pyo3::prelude::*;
use std::sync::Arc;

pub fn make(callback: Py<PyAny>) -> TraceFn {
    Arc::new(move |direction: TraceDirection, line: &str| {
        let direction = match direction {
            TraceDirection::Client => "C",
            TraceDirection::Server => "S",
        };
        Python::attach(|py| {
            // The core cannot carry a Python exception back to the caller, and a broken
            // logger must not break the session: report it the way Python reports errors in
            // __del__ and callbacks (sys.unraisablehook).
            if let Err(err) = callback.call1(py, (direction, line)) {
                err.write_unraisable(py, Some(callback.bind(py)));
            }
        });
    })
}
