//! C ABI for libimap: opaque handles, one `imap_result` code per call, per-client last error.
//!
//! Contract for every exported function (the header repeats it per function):
//! - Pointers are NULL or valid for what the function does with them; handles are ones this
//!   library created and has not freed. NULL where a value is required gives
//!   IMAP_RESULT_NULL_PARAMETER (or the documented neutral value for accessors).
//! - Strings from C are NUL-terminated and must be UTF-8 (else IMAP_RESULT_INVALID_ARGUMENT).
//! - Strings and views given to C are owned by the handle they came from; each function says
//!   how long they live. Outputs are written only on success.
//! - A handle is used by one thread at a time. No panic crosses the boundary.
//!
//! The modules follow the C objects; `boundary` holds the shared rules above.
#![allow(non_camel_case_types)]
// The safety contract is the module-level one above, stated once for every function.
#![allow(clippy::missing_safety_doc)]

pub mod body;
mod boundary;
pub mod client;
pub mod config;
pub mod envelope;
pub mod list;
pub mod mailbox;
pub mod message;
pub mod result;
