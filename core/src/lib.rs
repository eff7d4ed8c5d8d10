//! libimap: an IMAP client.
//!
//! Layers, in the order bytes travel:
//! - [`proto`]: the typed IMAP data model, the streaming framer, the nom response parser and the
//!   command encoder. Pure functions, no I/O.
//! - [`sasl`]: SASL mechanisms as step functions (SCRAM-SHA-256/1, PLAIN, LOGIN, XOAUTH2, OAUTHBEARER).
//! - [`session`]: the sans-IO client state machine (tags, states, STARTTLS policy, continuations).
//! - [`blocking`]: the only module that touches sockets: TCP + rustls and [`Client`].
#![forbid(unsafe_code)]

pub mod blocking;
mod error;
pub mod proto;
pub mod sasl;
pub mod session;

pub use blocking::{Client, Config, Security, TraceDirection, TraceFn};
pub use error::{Error, ErrorKind, Result};
pub use proto::types::*;
