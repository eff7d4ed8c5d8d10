//! SASL mechanisms as pure step functions: no I/O, no base64 (the session encodes), so every
//! exchange is testable from byte strings. Randomness (SCRAM nonces) comes from the OS CSPRNG.
use crate::error::Result;
use std::fmt;

mod login;
mod oauth;
mod plain;
#[cfg(test)]
mod proptests;
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
    /// What the server said about a failure inside the exchange, when the mechanism carries
    /// one (the JSON status of an XOAUTH2/OAUTHBEARER error challenge), so the session can
    /// add it to the NO that follows.
    fn server_error(&self) -> Option<&str> {
        None
    }
}

/// Creates the client side of `mechanism` for `creds`.
pub fn client(
    mechanism: Mechanism,
    creds: &Credentials,
    scram: &ScramOptions,
) -> Result<Box<dyn SaslClient>> {
    Ok(match mechanism {
        Mechanism::ScramSha256 => Box::new(scram::Scram::<scram::Sha256>::new(creds, scram)?),
        Mechanism::ScramSha1 => Box::new(scram::Scram::<scram::Sha1>::new(creds, scram)?),
        Mechanism::Plain => Box::new(plain::Plain::new(creds)?),
        Mechanism::Login => Box::new(login::Login::new(creds)?),
        Mechanism::XOAuth2 => Box::new(oauth::OAuth::xoauth2(creds)?),
        Mechanism::OAuthBearer => Box::new(oauth::OAuth::oauthbearer(creds)?),
    })
}

/// Fuzzing hook: a SCRAM client with a fixed client nonce, so that one fuzz input replays
/// the same exchange on every run. Not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn scram_with_fixed_nonce(
    mechanism: Mechanism,
    creds: &Credentials,
    opts: &ScramOptions,
    nonce: &str,
) -> Result<Box<dyn SaslClient>> {
    let nonce = nonce.to_string();
    Ok(match mechanism {
        Mechanism::ScramSha256 => Box::new(scram::Scram::<scram::Sha256>::with_nonce(
            creds, opts, nonce,
        )?),
        Mechanism::ScramSha1 => {
            Box::new(scram::Scram::<scram::Sha1>::with_nonce(creds, opts, nonce)?)
        }
        _ => {
            return Err(crate::Error::invalid(
                "scram_with_fixed_nonce: not a SCRAM mechanism",
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn creds() -> Credentials {
        Credentials {
            user: "user".into(),
            secret: "pencil".into(),
            authzid: String::new(),
        }
    }

    #[test]
    fn factory_builds_each_mechanism() {
        let opts = ScramOptions::default();
        let first = |m| {
            client(m, &creds(), &opts)
                .unwrap()
                .initial_response()
                .unwrap()
        };
        let scram256 = first(Mechanism::ScramSha256).unwrap();
        assert!(scram256.starts_with(b"n,,n=user,r="), "{scram256:?}");
        let scram1 = first(Mechanism::ScramSha1).unwrap();
        assert!(scram1.starts_with(b"n,,n=user,r="), "{scram1:?}");
        assert_eq!(first(Mechanism::Plain).unwrap(), b"\0user\0pencil");
        assert_eq!(first(Mechanism::Login), None);
        assert_eq!(
            first(Mechanism::XOAuth2).unwrap(),
            b"user=user\x01auth=Bearer pencil\x01\x01"
        );
        assert_eq!(
            first(Mechanism::OAuthBearer).unwrap(),
            b"n,a=user,\x01auth=Bearer pencil\x01\x01"
        );
    }

    #[test]
    fn scram_hash_follows_mechanism() {
        // SHA-1 and SHA-256 proofs have different lengths (20 and 32 bytes → 28 and 44 base64).
        let opts = ScramOptions::default();
        for (m, proof_len) in [(Mechanism::ScramSha256, 44), (Mechanism::ScramSha1, 28)] {
            let mut c = client(m, &creds(), &opts).unwrap();
            let first = c.initial_response().unwrap().unwrap();
            let nonce =
                std::str::from_utf8(&first[first.iter().rposition(|&b| b == b'=').unwrap() + 1..])
                    .unwrap()
                    .to_string();
            let reply = c
                .step(format!("r={nonce}x,s=QSXCR+Q6sek8bf92,i=4096").as_bytes())
                .unwrap();
            let reply = String::from_utf8(reply).unwrap();
            let proof = reply.rsplit_once(",p=").unwrap().1;
            assert_eq!(proof.len(), proof_len, "{m:?}: {reply}");
        }
    }

    #[test]
    fn factory_passes_argument_errors() {
        let bad = Credentials {
            user: "u\0".into(),
            secret: "p".into(),
            authzid: String::new(),
        };
        for m in [
            Mechanism::ScramSha256,
            Mechanism::ScramSha1,
            Mechanism::Plain,
            Mechanism::Login,
            Mechanism::XOAuth2,
            Mechanism::OAuthBearer,
        ] {
            assert_eq!(
                client(m, &bad, &ScramOptions::default())
                    .err()
                    .map(|e| e.kind()),
                Some(ErrorKind::InvalidArgument),
                "{m:?}"
            );
        }
    }

    #[test]
    fn mechanism_names_round_trip() {
        for m in [
            Mechanism::ScramSha256,
            Mechanism::ScramSha1,
            Mechanism::Plain,
            Mechanism::Login,
            Mechanism::XOAuth2,
            Mechanism::OAuthBearer,
        ] {
            assert_eq!(
                Mechanism::from_name(&m.name().to_ascii_lowercase()),
                Some(m)
            );
        }
        assert_eq!(Mechanism::from_name("CRAM-MD5"), None);
    }
}
