//! The only I/O in the crate: TCP, rustls, timeouts and the STARTTLS swap, driving the
//! sans-IO [`crate::session::Session`]. [`Client`] is the blocking API that `ffi/` and
//! `python/` wrap.
mod client;
mod config;
mod tls;
mod transport;

pub use client::Client;
pub use config::{Config, Security, TraceDirection, TraceFn};
