//! The one error type of the library. `ffi/` maps [`ErrorKind`] to `imap_result` numbers and
//! `python/` to exception classes; both mappings are tables in README.md.
use std::fmt;

/// What went wrong, as a small stable set. The discriminants are part of the C ABI
/// (`imap_result`): never renumber, only append.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ErrorKind {
    /// Socket error: connection refused, reset, closed by the peer.
    Io = 1,
    /// A configured timeout expired.
    Timeout = 2,
    /// TLS handshake or certificate failure, or a STARTTLS policy violation
    /// (not offered, refused, data injected before the handshake).
    Tls = 3,
    /// The server sent something we cannot frame or that violates the protocol state.
    Protocol = 4,
    /// The server answered the command with NO.
    No = 5,
    /// The server answered the command with BAD.
    Bad = 6,
    /// The server closed the session with BYE.
    Bye = 7,
    /// Authentication failed (server refusal or a SASL verification failure such as a wrong
    /// SCRAM server signature).
    Auth = 8,
    /// The command is not valid in the current connection state.
    State = 9,
    /// The caller passed an invalid argument (nothing was sent).
    InvalidArgument = 10,
    /// A configured limit (line length, literal size, response size) was exceeded.
    Limit = 11,
    /// The server lacks a capability the operation needs.
    Unsupported = 12,
}

impl ErrorKind {
    /// Every kind, in discriminant order (1, 2, …): for tables and the tests that walk them.
    pub const ALL: [ErrorKind; 12] = [
        ErrorKind::Io,
        ErrorKind::Timeout,
        ErrorKind::Tls,
        ErrorKind::Protocol,
        ErrorKind::No,
        ErrorKind::Bad,
        ErrorKind::Bye,
        ErrorKind::Auth,
        ErrorKind::State,
        ErrorKind::InvalidArgument,
        ErrorKind::Limit,
        ErrorKind::Unsupported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Tls => "TLS error",
            ErrorKind::Protocol => "protocol error",
            ErrorKind::No => "NO response",
            ErrorKind::Bad => "BAD response",
            ErrorKind::Bye => "BYE response",
            ErrorKind::Auth => "authentication failed",
            ErrorKind::State => "invalid state",
            ErrorKind::InvalidArgument => "invalid argument",
            ErrorKind::Limit => "limit exceeded",
            ErrorKind::Unsupported => "unsupported by server",
        }
    }
}

/// An error with its kind, the server's response code (e.g. `AUTHENTICATIONFAILED`) when there
/// was one, and a human-readable text (the server's text for NO/BAD/BYE).
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    code: Option<String>,
    text: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, text: impl Into<String>) -> Self {
        Error {
            kind,
            code: None,
            text: text.into(),
        }
    }
    pub fn with_code(kind: ErrorKind, code: Option<String>, text: impl Into<String>) -> Self {
        Error {
            kind,
            code,
            text: text.into(),
        }
    }
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The server's response code, as sent (`"AUTHENTICATIONFAILED"`, `"TRYCREATE"`, …).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The server's response text, or our description of the failure.
    pub fn text(&self) -> &str {
        &self.text
    }
    pub(crate) fn io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                Error::new(ErrorKind::Timeout, format!("timed out: {e}"))
            }
            _ => Error::new(ErrorKind::Io, e.to_string()),
        }
    }
    pub(crate) fn protocol(text: impl Into<String>) -> Self {
        Error::new(ErrorKind::Protocol, text)
    }
    pub(crate) fn invalid(text: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, text)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind.as_str())?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        if !self.text.is_empty() {
            write!(f, ": {}", self.text)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("code", &self.code)
            .field("text", &self.text)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    /// README's error table is the contract the C and Python mappings follow: every kind has a
    /// row whose C number equals its discriminant.
    #[test]
    fn readme_error_table_matches_the_kinds() {
        let readme = include_str!("../../README.md");
        for kind in ErrorKind::ALL {
            let name = format!("| `{kind:?}` |");
            let row = readme
                .lines()
                .find(|l| l.starts_with(&name))
                .unwrap_or_else(|| panic!("README has no error-table row for {kind:?}"));
            let number = format!("= {} |", kind as u32);
            assert!(row.contains(&number), "{kind:?}: {row}");
        }
    }
}
