//! C ABI for libimap.
