//! Core [`DateTime`] (fields + UTC offset) to an aware `datetime.datetime` with the server's
//! offset, and back for APPEND. Built through the `datetime` module so it works under the
//! limited API (abi3).
use crate::errors;
use libimap::DateTime;
use pyo3::exceptions::PyTypeError;
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

/// An aware `datetime.datetime` to the core type, at the second (IMAP dates carry no
/// fraction). Naive datetimes are refused: which offset the server should record would be a
/// guess.
pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<DateTime> {
    let py = obj.py();
    let datetime = DATETIME.import(py, "datetime", "datetime")?;
    if !obj.is_instance(datetime)? {
        return Err(PyTypeError::new_err(format!(
            "date must be a datetime.datetime or None, not {}",
            obj.get_type().name()?
        )));
    }
    let offset = obj.call_method0("utcoffset")?;
    if offset.is_none() {
        return Err(errors::invalid(
            py,
            "date must be timezone-aware (give it a tzinfo)",
        ));
    }
    let seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
    if seconds % 60.0 != 0.0 {
        return Err(errors::invalid(
            py,
            format!("date's UTC offset of {seconds} s is not a whole number of minutes"),
        ));
    }
    let field = |name: &str| -> PyResult<u16> { obj.getattr(name)?.extract() };
    Ok(DateTime {
        year: field("year")?,
        month: field("month")? as u8,
        day: field("day")? as u8,
        hour: field("hour")? as u8,
        minute: field("minute")? as u8,
        second: field("second")? as u8,
        // Python keeps offsets strictly within a day, so this fits.
        offset_minutes: (seconds / 60.0) as i16,
    })
}

pub fn to_py_opt(py: Python<'_>, d: Option<&DateTime>) -> PyResult<Option<Py<PyAny>>> {
    match d {
        Some(d) => to_py(py, d),
        None => Ok(None),
    }
}
