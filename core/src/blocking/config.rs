//! Connection settings.
use crate::proto::framer::Limits;
use crate::sasl::ScramOptions;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How the connection is protected. There is no "STARTTLS if available": asking for STARTTLS
/// means the session fails unless the upgrade succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (port 993).
    Tls,
    /// Plain TCP, then STARTTLS before anything else; refused or missing STARTTLS is an error.
    StartTls,
    /// No TLS at all. Credentials and mail cross the network readable by anyone on the path.
    InsecurePlaintext,
}

impl Security {
    /// `"tls"`, `"starttls"`, `"insecure-plaintext"`.
    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "tls" => Some(Security::Tls),
            "starttls" => Some(Security::StartTls),
            "insecure-plaintext" => Some(Security::InsecurePlaintext),
            _ => None,
        }
    }
}

pub use crate::session::TraceDirection;

/// Receives one protocol line at a time, already redacted.
pub type TraceFn = Arc<dyn Fn(TraceDirection, &str) + Send + Sync>;

#[derive(Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// PEM file of CA certificates to trust instead of the system roots.
    pub ca_file: Option<PathBuf>,
    /// Name to verify the certificate against, when it differs from `host` (e.g. connecting
    /// to an IP address).
    pub server_name: Option<String>,
    /// Applies to connecting and to every single read or write. `None` waits forever.
    pub timeout: Option<Duration>,
    /// Longest wait for one complete response (the greeting, the TLS handshake, the result of
    /// each command), however slowly its bytes trickle in: `timeout` alone bounds each read, so
    /// a server sending a byte a second would never trip it. `None`: no overall bound.
    pub command_timeout: Option<Duration>,
    pub limits: Limits,
    pub scram: ScramOptions,
    pub trace: Option<TraceFn>,
}

impl Config {
    pub fn new(host: impl Into<String>, port: u16, security: Security) -> Self {
        Config {
            host: host.into(),
            port,
            security,
            ca_file: None,
            server_name: None,
            timeout: Some(Duration::from_secs(30)),
            // Generous enough for a maximum-size literal on a slow link.
            command_timeout: Some(Duration::from_secs(600)),
            limits: Limits::default(),
            scram: ScramOptions::default(),
            trace: None,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("ca_file", &self.ca_file)
            .field("server_name", &self.server_name)
            .field("timeout", &self.timeout)
            .field("command_timeout", &self.command_timeout)
            .field("limits", &self.limits)
            .field("trace", &self.trace.is_some())
            .finish()
    }
}
