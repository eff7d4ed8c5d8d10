//! Core [`DateTime`] (fields + UTC offset) to an aware `datetime.datetime` with the server's
//! offset. Built through the `datetime` module so it works under the limited API (abi3).
use libimap::DateTime;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static DATETIME: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static TIMEZONE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static TIMEDELTA: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `None` for a date the core marks invalid (a server sent Feb 30): one bad date must not
/// make a whole FETCH fail, and the raw text is still available where the core keeps it.
pub fn to_py(py: Python<'_>, d: &DateTime) -> PyResult<Option<Py<PyAny>>> {
    if !d.is_valid() {
        return Ok(None);
    }
    let timedelta = TIMEDELTA.import(py, "datetime", "timedelta")?;
    let timezone = TIMEZONE.import(py, "datetime", "timezone")?;
    let datetime = DATETIME.import(py, "datetime", "datetime")?;
    let offset = timedelta.call1((0, i32::from(d.offset_minutes) * 60))?;
    let tz = timezone.call1((offset,))?;
    // Python has no leap second; 23:59:60 becomes 23:59:59 rather than an error.
    let second = d.second.min(59);
    let value = datetime.call1((d.year, d.month, d.day, d.hour, d.minute, second, 0, tz))?;
    Ok(Some(value.unbind()))
}

pub fn to_py_opt(py: Python<'_>, d: Option<&DateTime>) -> PyResult<Option<Py<PyAny>>> {
    match d {
        Some(d) => to_py(py, d),
        None => Ok(None),
    }
}
