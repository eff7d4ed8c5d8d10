//! SASL mechanisms as pure step functions: no I/O, no base64 (the session encodes), so every
//! exchange is testable from byte strings. Randomness (SCRAM nonces) comes from the OS CSPRNG.
use crate::error::Result;
use std::fmt;

mod login;
mod oauth;
mod plain;
mod saslprep;
mod scram;

pub use scram::ScramOptions;

/// The mechanisms libimap implements, strongest first in [`Mechanism::PREFERENCE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mechanism {
    ScramSha256,
    ScramSha1,
    Plain,
    Login,
    XOAuth2,
    OAuthBearer,
}

impl Mechanism {
    /// What `login` tries, in order, among those the server offers.
    pub const PREFERENCE: [Mechanism; 4] = [
        Mechanism::ScramSha256,
        Mechanism::ScramSha1,
        Mechanism::Plain,
        Mechanism::Login,
    ];

    /// The IANA name (`"SCRAM-SHA-256"`).
    pub fn name(self) -> &'static str {
        match self {
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::ScramSha1 => "SCRAM-SHA-1",
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
            Mechanism::XOAuth2 => "XOAUTH2",
            Mechanism::OAuthBearer => "OAUTHBEARER",
        }
    }

    /// Case-insensitive lookup by IANA name.
    pub fn from_name(name: &str) -> Option<Mechanism> {
        [
            Mechanism::ScramSha256,
            Mechanism::ScramSha1,
            Mechanism::Plain,
            Mechanism::Login,
            Mechanism::XOAuth2,
            Mechanism::OAuthBearer,
        ]
        .into_iter()
        .find(|m| m.name().eq_ignore_ascii_case(name))
    }

    /// Mechanisms that reveal the secret (or a bearer token) to anyone who can read the
    /// connection: only used over TLS unless the caller chose an insecure connection.
    pub fn exposes_secret(self) -> bool {
        !matches!(self, Mechanism::ScramSha256 | Mechanism::ScramSha1)
    }
}

/// The secret for a mechanism: a password (SCRAM, PLAIN, LOGIN) or an OAuth 2.0 access
/// token (XOAUTH2, OAUTHBEARER). `Debug` never shows it.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub secret: String,
    /// Authorization identity (PLAIN, SCRAM `a=`); usually empty.
    pub authzid: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("secret", &"<redacted>")
            .field("authzid", &self.authzid)
            .finish()
    }
}

/// One client side of a SASL exchange.
///
/// The session calls [`SaslClient::initial_response`] once, then [`SaslClient::step`] for
/// each server challenge (already base64-decoded), then [`SaslClient::finish`] when the
/// server's tagged OK arrives. Any `Err` aborts the exchange (the session cancels it with
/// `*`) and is reported with [`crate::ErrorKind::Auth`] or [`crate::ErrorKind::Protocol`].
pub trait SaslClient: Send {
    /// The client's first message, or `None` for mechanisms that wait for the server (LOGIN).
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>>;
    /// Answers one server challenge.
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>>;
    /// Called on success: fails when the mechanism has not yet verified the server (SCRAM
    /// without a valid server signature must never report success).
    fn finish(&mut self) -> Result<()>;
}

/// Creates the client side of `mechanism` for `creds`.
pub fn client(
    mechanism: Mechanism,
    creds: &Credentials,
    scram: &ScramOptions,
) -> Result<Box<dyn SaslClient>> {
    let _ = (mechanism, creds, scram);
    Err(crate::Error::new(
        crate::ErrorKind::Unsupported,
        "SASL not implemented yet",
    ))
}
