//! Python arguments to the strings and types the core takes. Wrong Python types raise
//! `TypeError`; values the core would refuse anyway raise `InvalidArgumentError` here when the
//! binding is the one choosing the text (sequence sets built from numbers).
use crate::errors;
use libimap::Flag;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyMemoryView, PyString};
use std::time::Duration;

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

fn message_number(obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    let py = obj.py();
    if !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "message numbers must be int, not {}",
            type_name(obj)
        )));
    }
    match obj.extract::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(errors::invalid(
            py,
            format!("message number {obj} is out of range 1..{}", u32::MAX),
        )),
    }
}

/// `sequence_set`: an int, a str (`"1:*"`, passed through for the core to validate) or an
/// iterable of ints (sorted, duplicates dropped, runs written as ranges).
pub fn sequence_set(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string());
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(message_number(obj)?.to_string());
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(PyTypeError::new_err(
            "sequence_set must be an int, a str or an iterable of ints, not bytes",
        ));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "sequence_set must be an int, a str or an iterable of ints, not {}",
            type_name(obj)
        ))
    })?;
    let mut numbers = Vec::new();
    for item in iter {
        numbers.push(message_number(&item?)?);
    }
    if numbers.is_empty() {
        return Err(errors::invalid(py, "empty sequence set"));
    }
    numbers.sort_unstable();
    numbers.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for n in numbers {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}:{b}")
            }
        })
        .collect();
    Ok(parts.join(","))
}

/// `items`: a str (`"FULL"`, `"(FLAGS UID)"`) or an iterable of str, sent as a parenthesised list.
pub fn fetch_items(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string());
    }
    let bad = || {
        PyTypeError::new_err(format!(
            "items must be a str or an iterable of str, not {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(bad());
    }
    let iter = obj.try_iter().map_err(|_| bad())?;
    let mut items = Vec::new();
    for item in iter {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("fetch items must be str, not {}", type_name(&item)))
        })?;
        items.push(s.to_string());
    }
    Ok(format!("({})", items.join(" ")))
}

/// `flags`: one str or an iterable of str (`"\\Seen"`, `"$Junk"`).
pub fn flags(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Flag>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![Flag::parse(&s.to_string())]);
    }
    let bad = || {
        PyTypeError::new_err(format!(
            "flags must be a str or an iterable of str, not {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(bad());
    }
    let mut out = Vec::new();
    for item in obj.try_iter().map_err(|_| bad())? {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("flags must be str, not {}", type_name(&item)))
        })?;
        out.push(Flag::parse(&s.to_string()));
    }
    Ok(out)
}

/// Message bytes: `bytes`, `bytearray` or `memoryview`, never `str` (its encoding would be a
/// guess).
pub fn data(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if obj.is_instance_of::<PyMemoryView>() {
        return Ok(obj
            .call_method0("tobytes")?
            .cast::<PyBytes>()?
            .as_bytes()
            .to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "data must be bytes, bytearray or memoryview, not {}",
        type_name(obj)
    )))
}

/// A count or size that must be a positive int no larger than `max` (bool refused: it is an
/// int to Python, but never a size).
pub fn positive_int(obj: &Bound<'_, PyAny>, what: &str, max: u64) -> PyResult<u64> {
    if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be int, not {}",
            type_name(obj)
        )));
    }
    match obj.extract::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(errors::invalid(
            obj.py(),
            format!("{what} {obj} is out of range 1..{max}"),
        )),
    }
}

pub fn port(obj: &Bound<'_, PyAny>) -> PyResult<u16> {
    if !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "port must be int, not {}",
            type_name(obj)
        )));
    }
    match obj.extract::<u16>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(errors::invalid(
            obj.py(),
            format!("port {obj} is out of range 1..65535"),
        )),
    }
}

/// Seconds (int or float) or None for no timeout.
pub fn timeout(py: Python<'_>, seconds: Option<f64>) -> PyResult<Option<Duration>> {
    match seconds {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 => Duration::try_from_secs_f64(s)
            .map(Some)
            .map_err(|e| errors::invalid(py, format!("timeout {s}: {e}"))),
        Some(s) => Err(errors::invalid(
            py,
            format!("timeout must be a positive number of seconds or None, not {s}"),
        )),
    }
}
