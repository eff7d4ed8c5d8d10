//! `__repr__` helpers shared by the result types: `Name(field=repr, …)`, leaving out fields
//! that are `None` or empty so that a FETCH of two items prints two items.
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Builds `Name(a=…, b=…)` from attributes of `obj`; `always` fields are printed even when
/// None/empty.
pub fn fields(
    obj: &Bound<'_, PyAny>,
    name: &str,
    always: &[&str],
    optional: &[&str],
) -> PyResult<String> {
    let mut out = format!("{name}(");
    let mut first = true;
    for (field, keep_empty) in always
        .iter()
        .map(|f| (f, true))
        .chain(optional.iter().map(|f| (f, false)))
    {
        let value = obj.getattr(PyString::intern(obj.py(), field))?;
        if !keep_empty && (value.is_none() || value.len().is_ok_and(|n| n == 0)) {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(field);
        out.push('=');
        out.push_str(&value.repr()?.to_string());
    }
    out.push(')');
    Ok(out)
}
