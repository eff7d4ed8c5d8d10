//! TCP and TLS streams.
