//! `libimap._native`: the Python face of the Rust core. Translation only: Python arguments are
//! converted to core types before the GIL is released, core results are turned into frozen
//! Python objects after it is taken back. No protocol decision is made here.

mod body;
mod client;
mod convert;
mod datetime;
mod errors;
mod limits;
mod mailbox;
mod message;
mod repr;
mod trace;

use pyo3::prelude::*;

#[pymodule]
mod _native {
    #[pymodule_export]
    use super::body::BodyStructure;
    #[pymodule_export]
    use super::client::Client;
    #[pymodule_export]
    use super::limits::Limits;
    #[pymodule_export]
    use super::mailbox::{ListItem, MailboxInfo};
    #[pymodule_export]
    use super::message::{Address, Envelope, Message};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
