//! SCRAM (RFC 5802, RFC 7677).

/// Bounds on what a server may ask of us.
#[derive(Debug, Clone)]
pub struct ScramOptions {
    /// Iteration counts above this are refused (a hostile server could otherwise make us spin).
    pub max_iterations: u32,
}

impl Default for ScramOptions {
    fn default() -> Self {
        ScramOptions {
            max_iterations: 1_000_000,
        }
    }
}
