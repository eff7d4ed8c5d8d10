//! SCRAM (RFC 5802, RFC 7677), without channel binding.
//!
//! One state machine, generic over the hash through [`ScramHash`]. Secrets derived from the
//! password live in [`Zeroizing`] buffers and never appear in `Debug` output or error texts.
use super::saslprep::{saslprep, Usage};
use super::{Credentials, SaslClient};
use crate::error::{Error, ErrorKind, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Digest;
use std::fmt;
use std::marker::PhantomData;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

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

/// RFC 5802 §5.1 asks clients to refuse fewer iterations than this (RFC 7677 §4 says the same
/// for SHA-256).
const MIN_ITERATIONS: u32 = 4096;

/// Random bytes in the client nonce; base64 makes them printable and comma-free.
const NONCE_BYTES: usize = 24;

/// The hash-specific primitives of SCRAM: Hi() is PBKDF2 with HMAC over the hash.
pub(crate) trait ScramHash: Send + 'static {
    const MECHANISM: &'static str;
    fn hi(password: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>>;
    fn hmac(key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>>;
    fn hash(data: &[u8]) -> Zeroizing<Vec<u8>>;
}

macro_rules! scram_hash {
    ($marker:ident, $digest:ty, $name:literal) => {
        #[derive(Debug)]
        pub(crate) struct $marker;

        impl ScramHash for $marker {
            const MECHANISM: &'static str = $name;

            fn hi(password: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>> {
                let mut out = Zeroizing::new(vec![0u8; <$digest as Digest>::output_size()]);
                pbkdf2::pbkdf2_hmac::<$digest>(password, salt, iterations, &mut out);
                out
            }

            fn hmac(key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
                // HMAC takes keys of any length; the error branch exists only in the signature.
                let mut mac = <Hmac<$digest> as Mac>::new_from_slice(key).map_err(|_| {
                    Error::new(ErrorKind::Auth, concat!($name, ": HMAC key rejected"))
                })?;
                mac.update(data);
                Ok(Zeroizing::new(mac.finalize().into_bytes().to_vec()))
            }

            fn hash(data: &[u8]) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(<$digest as Digest>::digest(data).to_vec())
            }
        }
    };
}

scram_hash!(Sha256, sha2::Sha256, "SCRAM-SHA-256");
scram_hash!(Sha1, sha1::Sha1, "SCRAM-SHA-1");

/// `saslname` encoding (RFC 5802 §5.1): `=` and `,` would otherwise end or confuse the value.
pub(crate) fn escape_saslname(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '=' => out.push_str("=3D"),
            ',' => out.push_str("=2C"),
            c => out.push(c),
        }
    }
    out
}

enum State {
    /// Nothing sent yet.
    Start,
    /// client-first sent; its bare part is part of AuthMessage.
    SentFirst { client_first_bare: String },
    /// client-final sent; the server must prove it knows the salted password.
    SentFinal {
        server_signature: Zeroizing<Vec<u8>>,
    },
    /// The server signature matched: the only state in which `finish` succeeds.
    Verified,
    /// An error ended the exchange; nothing more is accepted.
    Failed,
}

impl State {
    fn name(&self) -> &'static str {
        match self {
            State::Start => "start",
            State::SentFirst { .. } => "sent client-first",
            State::SentFinal { .. } => "sent client-final",
            State::Verified => "verified",
            State::Failed => "failed",
        }
    }
}

/// The client side of SCRAM-SHA-1 / SCRAM-SHA-256.
pub(crate) struct Scram<H: ScramHash> {
    /// SASLprepped and escaped.
    user: String,
    gs2_header: String,
    /// SASLprepped.
    password: Zeroizing<String>,
    client_nonce: String,
    max_iterations: u32,
    state: State,
    hash: PhantomData<fn() -> H>,
}

impl<H: ScramHash> fmt::Debug for Scram<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scram")
            .field("mechanism", &H::MECHANISM)
            .field("user", &self.user)
            .field("state", &self.state.name())
            .finish_non_exhaustive()
    }
}

fn protocol(text: impl fmt::Display) -> Error {
    Error::protocol(text.to_string())
}

fn auth(text: impl fmt::Display) -> Error {
    Error::new(ErrorKind::Auth, text.to_string())
}

/// Keeps a server-supplied value fit for an error text.
fn sanitize(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(256)
        .collect()
}

/// Splits a server message into `(letter, value)` attributes, refusing anything that is not
/// `ALPHA "=" value` and any letter that appears twice.
fn attributes<'a>(mech: &str, what: &str, msg: &'a str) -> Result<Vec<(u8, &'a str)>> {
    if msg.contains('\0') {
        return Err(protocol(format_args!(
            "{mech}: NUL character in the {what}"
        )));
    }
    let mut attrs: Vec<(u8, &str)> = Vec::new();
    for part in msg.split(',') {
        let b = part.as_bytes();
        if b.len() < 2 || !b[0].is_ascii_alphabetic() || b[1] != b'=' {
            return Err(protocol(format_args!(
                "{mech}: malformed attribute {:?} in the {what}",
                sanitize(part)
            )));
        }
        let key = b[0];
        if attrs.iter().any(|&(k, _)| k == key) {
            return Err(protocol(format_args!(
                "{mech}: attribute '{}' repeated in the {what}",
                key as char
            )));
        }
        attrs.push((key, &part[2..]));
    }
    if let Some(&(_, e)) = attrs.iter().find(|&&(k, _)| k == b'e') {
        return Err(auth(format_args!(
            "{mech}: the server reported an error: {}",
            sanitize(e)
        )));
    }
    Ok(attrs)
}

fn is_printable_nonce(s: &str) -> bool {
    s.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b',')
}

impl<H: ScramHash> Scram<H> {
    pub(crate) fn new(creds: &Credentials, opts: &ScramOptions) -> Result<Self> {
        let mut raw = [0u8; NONCE_BYTES];
        getrandom::getrandom(&mut raw).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("{}: OS random number generator failed: {e}", H::MECHANISM),
            )
        })?;
        Self::with_nonce(creds, opts, B64.encode(raw))
    }

    /// Lets tests replay published exchanges, whose client nonces are fixed.
    pub(crate) fn with_nonce(
        creds: &Credentials,
        opts: &ScramOptions,
        client_nonce: String,
    ) -> Result<Self> {
        let mech = H::MECHANISM;
        let user = saslprep(&creds.user, Usage::Query).map_err(|e| match e.char() {
            Some(c) => Error::invalid(format!("{mech}: the user name {e} (U+{:04X})", c as u32)),
            None => Error::invalid(format!("{mech}: the user name {e}")),
        })?;
        if user.is_empty() {
            return Err(Error::invalid(format!("{mech}: the user name is empty")));
        }
        // RFC 5802 treats the password as a stored string, which would refuse every code point
        // added after Unicode 3.2 (emoji, newer scripts) and lock such users out. As a query
        // string those characters pass unchanged, which matches servers that prepare the
        // password the same way or not at all; prohibited characters are still refused.
        let password = Zeroizing::new(
            saslprep(&creds.secret, Usage::Query)
                .map_err(|e| Error::invalid(format!("{mech}: the password {e}")))?,
        );
        if creds.authzid.contains('\0') {
            return Err(Error::invalid(format!(
                "{mech}: the authorization identity contains a NUL character"
            )));
        }
        let gs2_header = if creds.authzid.is_empty() {
            "n,,".to_string()
        } else {
            format!("n,a={},", escape_saslname(&creds.authzid))
        };
        Ok(Scram {
            user: escape_saslname(&user),
            gs2_header,
            password,
            client_nonce,
            max_iterations: opts.max_iterations,
            state: State::Start,
            hash: PhantomData,
        })
    }

    /// server-first-message → client-final-message, plus the server signature to expect.
    fn client_final(
        &self,
        client_first_bare: &str,
        server_first: &str,
    ) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
        let mech = H::MECHANISM;
        let what = "server-first-message";
        if server_first.starts_with("m=") {
            return Err(protocol(format_args!(
                "{mech}: the server requires an unsupported mandatory extension"
            )));
        }
        let attrs = attributes(mech, what, server_first)?;
        let key_at = |i: usize| attrs.get(i).map(|&(k, _)| k);
        if key_at(0) != Some(b'r') || key_at(1) != Some(b's') || key_at(2) != Some(b'i') {
            return Err(protocol(format_args!(
                "{mech}: the {what} must start with r=, s= and i="
            )));
        }
        if attrs.iter().any(|&(k, _)| k == b'm') {
            return Err(protocol(format_args!(
                "{mech}: the server requires an unsupported mandatory extension"
            )));
        }
        let (nonce, salt_b64, iter_text) = (attrs[0].1, attrs[1].1, attrs[2].1);

        if !nonce.starts_with(&self.client_nonce) || nonce.len() == self.client_nonce.len() {
            return Err(auth(format_args!(
                "{mech}: the server nonce does not extend the client nonce"
            )));
        }
        if !is_printable_nonce(nonce) {
            return Err(protocol(format_args!(
                "{mech}: the server nonce contains non-printable characters"
            )));
        }

        let salt = B64
            .decode(salt_b64)
            .map_err(|_| protocol(format_args!("{mech}: the salt is not valid base64")))?;
        if salt.is_empty() {
            return Err(protocol(format_args!("{mech}: the salt is empty")));
        }

        if iter_text.is_empty() || !iter_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(protocol(format_args!(
                "{mech}: the iteration count {:?} is not a number",
                sanitize(iter_text)
            )));
        }
        let iterations: u32 = iter_text.parse().map_err(|_| {
            auth(format_args!(
                "{mech}: the iteration count {iter_text} is too large"
            ))
        })?;
        if iterations < MIN_ITERATIONS {
            return Err(auth(format_args!(
                "{mech}: the iteration count {iterations} is below the minimum of {MIN_ITERATIONS}"
            )));
        }
        if iterations > self.max_iterations {
            return Err(auth(format_args!(
                "{mech}: the iteration count {iterations} exceeds the configured maximum of {}",
                self.max_iterations
            )));
        }

        let salted = H::hi(self.password.as_bytes(), &salt, iterations);
        let client_key = H::hmac(&salted, b"Client Key")?;
        let stored_key = H::hash(&client_key);
        let without_proof = format!("c={},r={nonce}", B64.encode(self.gs2_header.as_bytes()));
        let auth_message = format!("{client_first_bare},{server_first},{without_proof}");
        let client_signature = H::hmac(&stored_key, auth_message.as_bytes())?;
        let proof: Zeroizing<Vec<u8>> = Zeroizing::new(
            client_key
                .iter()
                .zip(client_signature.iter())
                .map(|(k, s)| k ^ s)
                .collect(),
        );
        let server_key = H::hmac(&salted, b"Server Key")?;
        let server_signature = H::hmac(&server_key, auth_message.as_bytes())?;

        let message = format!("{without_proof},p={}", B64.encode(proof.as_slice()));
        Ok((message.into_bytes(), server_signature))
    }

    fn verify_server_final(expected: &[u8], server_final: &str) -> Result<()> {
        let mech = H::MECHANISM;
        let what = "server-final-message";
        let attrs = attributes(mech, what, server_final)?;
        let verifier = match attrs.first() {
            Some(&(b'v', v)) => v,
            _ => {
                return Err(protocol(format_args!(
                    "{mech}: the {what} must start with v= or e="
                )))
            }
        };
        let signature = B64.decode(verifier).map_err(|_| {
            protocol(format_args!(
                "{mech}: the server signature is not valid base64"
            ))
        })?;
        if bool::from(signature.as_slice().ct_eq(expected)) {
            Ok(())
        } else {
            Err(auth(format_args!("{mech}: the server signature is wrong: the server did not prove it knows the password")))
        }
    }
}

impl<H: ScramHash> SaslClient for Scram<H> {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        if !matches!(self.state, State::Start) {
            self.state = State::Failed;
            return Err(protocol(format_args!(
                "{}: initial response requested twice",
                H::MECHANISM
            )));
        }
        let client_first_bare = format!("n={},r={}", self.user, self.client_nonce);
        let message = format!("{}{client_first_bare}", self.gs2_header);
        self.state = State::SentFirst { client_first_bare };
        Ok(Some(message.into_bytes()))
    }

    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>> {
        let mech = H::MECHANISM;
        // Any error leaves the state at Failed: a broken exchange cannot be resumed.
        match std::mem::replace(&mut self.state, State::Failed) {
            State::SentFirst { client_first_bare } => {
                let server_first = std::str::from_utf8(challenge).map_err(|_| {
                    protocol(format_args!(
                        "{mech}: the server-first-message is not UTF-8"
                    ))
                })?;
                let (message, server_signature) =
                    self.client_final(&client_first_bare, server_first)?;
                self.state = State::SentFinal { server_signature };
                Ok(message)
            }
            State::SentFinal { server_signature } => {
                let server_final = std::str::from_utf8(challenge).map_err(|_| {
                    protocol(format_args!(
                        "{mech}: the server-final-message is not UTF-8"
                    ))
                })?;
                Self::verify_server_final(&server_signature, server_final)?;
                self.state = State::Verified;
                Ok(Vec::new())
            }
            State::Start => Err(protocol(format_args!(
                "{mech}: server challenge before the client-first-message"
            ))),
            State::Verified => Err(protocol(format_args!(
                "{mech}: unexpected challenge after the server-final-message"
            ))),
            State::Failed => Err(protocol(format_args!(
                "{mech}: challenge after the exchange failed"
            ))),
        }
    }

    fn finish(&mut self) -> Result<()> {
        match self.state {
            State::Verified => Ok(()),
            _ => Err(auth(format_args!(
                "{}: the server reported success without a verified server signature (state: {})",
                H::MECHANISM,
                self.state.name()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(user: &str, password: &str) -> Credentials {
        Credentials {
            user: user.into(),
            secret: password.into(),
            authzid: String::new(),
        }
    }

    fn opts() -> ScramOptions {
        ScramOptions::default()
    }

    // RFC 7677 §3.
    const S256_NONCE: &str = "rOprNGfwEbeRWgbNEkqO";
    const S256_FIRST: &str =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    const S256_FINAL: &str = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    const S256_VERIFIER: &str = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    // RFC 5802 §5.
    const S1_NONCE: &str = "fyko+d2lbbFgONRv9qkxdawL";
    const S1_FIRST: &str = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    const S1_FINAL: &str =
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    const S1_VERIFIER: &str = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    fn sha256_client() -> Scram<Sha256> {
        Scram::with_nonce(&creds("user", "pencil"), &opts(), S256_NONCE.into()).unwrap()
    }

    /// A SHA-256 client that has sent client-first and is waiting for the server-first.
    fn started() -> Scram<Sha256> {
        let mut c = sha256_client();
        c.initial_response().unwrap();
        c
    }

    fn first_error(server_first: &str) -> Error {
        let mut c = started();
        let err = c.step(server_first.as_bytes()).unwrap_err();
        assert_eq!(c.finish().unwrap_err().kind(), ErrorKind::Auth);
        err
    }

    fn final_error(server_final: &[u8]) -> Error {
        let mut c = started();
        c.step(S256_FIRST.as_bytes()).unwrap();
        let err = c.step(server_final).unwrap_err();
        assert_eq!(c.finish().unwrap_err().kind(), ErrorKind::Auth);
        err
    }

    fn assert_err(err: Error, kind: ErrorKind, needle: &str) {
        assert_eq!(err.kind(), kind, "{err}");
        assert!(
            err.text().contains(needle),
            "{:?} does not contain {needle:?}",
            err.text()
        );
    }

    #[test]
    fn rfc7677_sha256_exchange() {
        let mut c = sha256_client();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
        );
        assert_eq!(
            String::from_utf8(c.step(S256_FIRST.as_bytes()).unwrap()).unwrap(),
            S256_FINAL
        );
        assert_eq!(
            c.finish().unwrap_err().kind(),
            ErrorKind::Auth,
            "no success before the verifier"
        );
        assert_eq!(c.step(S256_VERIFIER.as_bytes()).unwrap(), b"");
        c.finish().unwrap();
    }

    #[test]
    fn rfc5802_sha1_exchange() {
        let mut c: Scram<Sha1> =
            Scram::with_nonce(&creds("user", "pencil"), &opts(), S1_NONCE.into()).unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"
        );
        assert_eq!(
            String::from_utf8(c.step(S1_FIRST.as_bytes()).unwrap()).unwrap(),
            S1_FINAL
        );
        assert_eq!(c.step(S1_VERIFIER.as_bytes()).unwrap(), b"");
        c.finish().unwrap();
    }

    #[test]
    fn server_final_extensions_are_ignored() {
        let mut c = started();
        c.step(S256_FIRST.as_bytes()).unwrap();
        c.step(format!("{S256_VERIFIER},x=whatever").as_bytes())
            .unwrap();
        c.finish().unwrap();
    }

    #[test]
    fn server_first_extensions_are_ignored() {
        let mut c = started();
        let reply = c.step(format!("{S256_FIRST},x=ext").as_bytes()).unwrap();
        // The extension is part of AuthMessage, so the proof differs from the RFC's.
        assert!(
            reply.starts_with(b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=")
        );
        assert_ne!(reply, S256_FINAL.as_bytes());
    }

    #[test]
    fn username_escaped_and_authzid_in_gs2_header() {
        let c = Credentials {
            user: "a=b,c".into(),
            secret: "p".into(),
            authzid: "ad,min=".into(),
        };
        let mut c: Scram<Sha256> = Scram::with_nonce(&c, &opts(), "NONCE".into()).unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,a=ad=2Cmin=3D,n=a=3Db=2Cc,r=NONCE"
        );
        let reply = c.step(b"r=NONCEsrv,s=QSXCR+Q6sek8bf92,i=4096").unwrap();
        // c= carries the base64 of the GS2 header "n,a=ad=2Cmin=3D,".
        let expected_c = format!("c={},", B64.encode("n,a=ad=2Cmin=3D,"));
        assert!(
            reply.starts_with(expected_c.as_bytes()),
            "{}",
            String::from_utf8_lossy(&reply)
        );
    }

    #[test]
    fn username_and_password_saslprepped() {
        // U+00AD disappears and U+2168 becomes "IX": both sides must compute the same proof.
        let mut a: Scram<Sha256> = Scram::with_nonce(
            &creds("I\u{00AD}X", "pen\u{00AD}cil"),
            &opts(),
            S256_NONCE.into(),
        )
        .unwrap();
        let mut b: Scram<Sha256> =
            Scram::with_nonce(&creds("\u{2168}", "pencil"), &opts(), S256_NONCE.into()).unwrap();
        let first_a = a.initial_response().unwrap().unwrap();
        assert_eq!(first_a, b.initial_response().unwrap().unwrap());
        assert_eq!(first_a, b"n,,n=IX,r=rOprNGfwEbeRWgbNEkqO");
        assert_eq!(
            a.step(S256_FIRST.as_bytes()).unwrap(),
            b.step(S256_FIRST.as_bytes()).unwrap()
        );
    }

    #[test]
    fn random_nonce_is_long_printable_and_fresh() {
        let c1: Scram<Sha256> = Scram::new(&creds("u", "p"), &opts()).unwrap();
        let c2: Scram<Sha256> = Scram::new(&creds("u", "p"), &opts()).unwrap();
        assert!(c1.client_nonce.len() >= 32, "{}", c1.client_nonce);
        assert!(is_printable_nonce(&c1.client_nonce));
        assert_ne!(c1.client_nonce, c2.client_nonce);
    }

    #[test]
    fn invalid_credentials_refused() {
        let bad = |user: &str, pw: &str| {
            Scram::<Sha256>::new(&creds(user, pw), &opts())
                .unwrap_err()
                .kind()
        };
        assert_eq!(bad("", "p"), ErrorKind::InvalidArgument);
        assert_eq!(bad("u\u{7}", "p"), ErrorKind::InvalidArgument);
        assert_eq!(bad("u", "p\0"), ErrorKind::InvalidArgument);
        assert_eq!(bad("\u{0627}1", "p"), ErrorKind::InvalidArgument);
    }

    #[test]
    fn password_error_does_not_reveal_it() {
        let err = Scram::<Sha256>::new(&creds("u", "secret\u{E000}"), &opts()).unwrap_err();
        assert!(
            !err.text().contains("secret") && !err.text().contains("E000"),
            "{}",
            err.text()
        );
    }

    #[test]
    fn debug_hides_secrets() {
        let mut c = started();
        c.step(S256_FIRST.as_bytes()).unwrap();
        let text = format!("{c:?}");
        assert!(!text.contains("pencil"), "{text}");
        assert!(text.contains("sent client-final"), "{text}");
    }

    // Rejections, one per case.

    #[test]
    fn wrong_server_signature() {
        // Same length, last byte changed.
        assert_err(
            final_error(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G0="),
            ErrorKind::Auth,
            "server signature is wrong",
        );
        // SHA-1 length signature against a SHA-256 exchange.
        assert_err(
            final_error(S1_VERIFIER.as_bytes()),
            ErrorKind::Auth,
            "server signature is wrong",
        );
    }

    #[test]
    fn server_signature_not_base64() {
        assert_err(
            final_error(b"v=not*base64"),
            ErrorKind::Protocol,
            "not valid base64",
        );
    }

    #[test]
    fn server_final_error_attribute() {
        assert_err(
            final_error(b"e=invalid-proof"),
            ErrorKind::Auth,
            "invalid-proof",
        );
    }

    #[test]
    fn server_final_without_verifier() {
        assert_err(
            final_error(b"x=1"),
            ErrorKind::Protocol,
            "must start with v= or e=",
        );
        assert_err(final_error(b""), ErrorKind::Protocol, "malformed attribute");
    }

    #[test]
    fn server_final_repeated_verifier() {
        assert_err(
            final_error(format!("{S256_VERIFIER},{S256_VERIFIER}").as_bytes()),
            ErrorKind::Protocol,
            "repeated",
        );
    }

    #[test]
    fn server_final_invalid_utf8() {
        assert_err(final_error(b"v=\xff\xfe"), ErrorKind::Protocol, "not UTF-8");
    }

    #[test]
    fn server_nonce_not_extending_client_nonce() {
        assert_err(
            first_error("r=XXXXNGfwEbeRWgbNEkqO%hvYD,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
            ErrorKind::Auth,
            "does not extend",
        );
    }

    #[test]
    fn server_nonce_equal_to_client_nonce() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
            ErrorKind::Auth,
            "does not extend",
        );
    }

    #[test]
    fn server_nonce_not_printable() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqO\u{e9},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
            ErrorKind::Protocol,
            "non-printable",
        );
    }

    #[test]
    fn iteration_count_too_low() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095"),
            ErrorKind::Auth,
            "below the minimum",
        );
    }

    #[test]
    fn iteration_count_above_configured_maximum() {
        let mut c: Scram<Sha256> = Scram::with_nonce(
            &creds("user", "pencil"),
            &ScramOptions {
                max_iterations: 10_000,
            },
            S256_NONCE.into(),
        )
        .unwrap();
        c.initial_response().unwrap();
        let err = c
            .step(b"r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=10001")
            .unwrap_err();
        assert_err(err, ErrorKind::Auth, "exceeds the configured maximum");
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999"),
            ErrorKind::Auth,
            "too large",
        );
    }

    #[test]
    fn iteration_count_not_a_number() {
        for i in ["abc", "", "+4096", "-4096", "4096 ", "0x1000"] {
            let msg = format!("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i={i}");
            assert_err(first_error(&msg), ErrorKind::Protocol, "not a number");
        }
    }

    #[test]
    fn salt_not_base64() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22Z*J0SNY7soEsUEjb6gQ==,i=4096"),
            ErrorKind::Protocol,
            "salt is not valid base64",
        );
    }

    #[test]
    fn salt_empty() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=,i=4096"),
            ErrorKind::Protocol,
            "salt is empty",
        );
    }

    #[test]
    fn server_first_error_attribute() {
        assert_err(
            first_error("e=unknown-user"),
            ErrorKind::Auth,
            "unknown-user",
        );
    }

    #[test]
    fn server_first_mandatory_extension() {
        assert_err(
            first_error("m=ext,r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
            ErrorKind::Protocol,
            "mandatory extension",
        );
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,m=x"),
            ErrorKind::Protocol,
            "mandatory extension",
        );
    }

    #[test]
    fn server_first_malformed_attribute() {
        for msg in [
            "r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,",
            "garbage",
            "r=rOprNGfwEbeRWgbNEkqOsrv,,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            "1=x",
            "",
        ] {
            assert_err(first_error(msg), ErrorKind::Protocol, "malformed attribute");
        }
    }

    #[test]
    fn server_first_missing_attribute() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,i=4096"),
            ErrorKind::Protocol,
            "must start with r=, s= and i=",
        );
        assert_err(
            first_error("s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqOsrv,i=4096"),
            ErrorKind::Protocol,
            "must start with r=, s= and i=",
        );
    }

    #[test]
    fn server_first_repeated_attribute() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,i=5000"),
            ErrorKind::Protocol,
            "repeated",
        );
    }

    #[test]
    fn server_first_nul() {
        assert_err(
            first_error("r=rOprNGfwEbeRWgbNEkqOsrv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,x=\0"),
            ErrorKind::Protocol,
            "NUL",
        );
    }

    #[test]
    fn server_first_invalid_utf8() {
        let mut c = started();
        assert_err(
            c.step(b"r=rOprNGfwEbeRWgbNEkqO\xc3\x28,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                .unwrap_err(),
            ErrorKind::Protocol,
            "not UTF-8",
        );
    }

    #[test]
    fn step_before_initial_response() {
        let mut c = sha256_client();
        assert_err(
            c.step(S256_FIRST.as_bytes()).unwrap_err(),
            ErrorKind::Protocol,
            "before the client-first",
        );
    }

    #[test]
    fn step_after_verification() {
        let mut c = started();
        c.step(S256_FIRST.as_bytes()).unwrap();
        c.step(S256_VERIFIER.as_bytes()).unwrap();
        assert_err(
            c.step(S256_VERIFIER.as_bytes()).unwrap_err(),
            ErrorKind::Protocol,
            "after the server-final",
        );
    }

    #[test]
    fn initial_response_twice() {
        let mut c = started();
        assert_eq!(
            c.initial_response().unwrap_err().kind(),
            ErrorKind::Protocol
        );
    }

    #[test]
    fn failed_exchange_stays_failed() {
        let mut c = started();
        c.step(b"e=other-error").unwrap_err();
        // Even the right messages are refused now.
        assert_err(
            c.step(S256_VERIFIER.as_bytes()).unwrap_err(),
            ErrorKind::Protocol,
            "after the exchange failed",
        );
        assert_eq!(c.finish().unwrap_err().kind(), ErrorKind::Auth);
    }

    #[test]
    fn escape_saslname_cases() {
        assert_eq!(escape_saslname("plain"), "plain");
        assert_eq!(escape_saslname("=,=,"), "=3D=2C=3D=2C");
    }
}
