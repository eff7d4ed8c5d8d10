//! OAuth 2.0 bearer-token mechanisms: Google's XOAUTH2 and OAUTHBEARER (RFC 7628).
//!
//! Both send the token at once. A failure arrives as a challenge holding a JSON status
//! document; the protocol requires a dummy answer before the server sends its NO, so the
//! JSON is kept and surfaced through [`SaslClient::server_error`] and [`SaslClient::finish`].
use super::scram::escape_saslname;
use super::{Credentials, SaslClient};
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use zeroize::Zeroizing;

/// Upper bound on the kept error document: it ends up in error texts and logs.
const MAX_ERROR_LEN: usize = 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    XOAuth2,
    OAuthBearer,
}

impl Flavor {
    fn name(self) -> &'static str {
        match self {
            Flavor::XOAuth2 => "XOAUTH2",
            Flavor::OAuthBearer => "OAUTHBEARER",
        }
    }
}

pub(crate) struct OAuth {
    flavor: Flavor,
    message: Zeroizing<Vec<u8>>,
    sent: bool,
    server_error: Option<String>,
}

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("mechanism", &self.flavor.name())
            .field("sent", &self.sent)
            .field("server_error", &self.server_error)
            .finish_non_exhaustive()
    }
}

fn check_field(flavor: Flavor, what: &str, value: &str) -> Result<()> {
    // \x01 separates the key/value pairs; any control character would corrupt the framing.
    if value.chars().any(|c| c.is_ascii_control()) {
        return Err(Error::invalid(format!(
            "{}: the {what} contains a control character",
            flavor.name()
        )));
    }
    Ok(())
}

impl OAuth {
    fn new(flavor: Flavor, creds: &Credentials) -> Result<Self> {
        check_field(flavor, "user name", &creds.user)?;
        check_field(flavor, "access token", &creds.secret)?;
        if creds.secret.is_empty() {
            return Err(Error::invalid(format!(
                "{}: the access token is empty",
                flavor.name()
            )));
        }
        let mut message = Zeroizing::new(Vec::new());
        match flavor {
            Flavor::XOAuth2 => {
                message.extend_from_slice(b"user=");
                message.extend_from_slice(creds.user.as_bytes());
            }
            Flavor::OAuthBearer => {
                // The GS2 header names the user as the authorization identity (RFC 7628 §3.1).
                message.extend_from_slice(b"n,");
                if !creds.user.is_empty() {
                    message.extend_from_slice(b"a=");
                    message.extend_from_slice(escape_saslname(&creds.user).as_bytes());
                }
                message.push(b',');
            }
        }
        message.extend_from_slice(b"\x01auth=Bearer ");
        message.extend_from_slice(creds.secret.as_bytes());
        message.extend_from_slice(b"\x01\x01");
        Ok(OAuth {
            flavor,
            message,
            sent: false,
            server_error: None,
        })
    }

    pub(crate) fn xoauth2(creds: &Credentials) -> Result<Self> {
        OAuth::new(Flavor::XOAuth2, creds)
    }

    pub(crate) fn oauthbearer(creds: &Credentials) -> Result<Self> {
        OAuth::new(Flavor::OAuthBearer, creds)
    }
}

impl SaslClient for OAuth {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        if self.sent {
            return Err(Error::protocol(format!(
                "{}: initial response requested twice",
                self.flavor.name()
            )));
        }
        self.sent = true;
        Ok(Some(self.message.to_vec()))
    }

    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>> {
        if !self.sent {
            return Err(Error::protocol(format!(
                "{}: challenge before the initial response",
                self.flavor.name()
            )));
        }
        if self.server_error.is_some() {
            return Err(Error::protocol(format!(
                "{}: a second challenge after the error challenge",
                self.flavor.name()
            )));
        }
        let text = String::from_utf8_lossy(challenge);
        let mut kept: String = text.chars().filter(|c| !c.is_control()).collect();
        if kept.len() > MAX_ERROR_LEN {
            let mut cut = MAX_ERROR_LEN;
            while !kept.is_char_boundary(cut) {
                cut -= 1;
            }
            kept.truncate(cut);
        }
        self.server_error = Some(kept);
        Ok(match self.flavor {
            Flavor::XOAuth2 => Vec::new(),
            // RFC 7628 §3.2.3: the client answers an error with a lone %x01.
            Flavor::OAuthBearer => vec![0x01],
        })
    }

    fn finish(&mut self) -> Result<()> {
        if !self.sent {
            return Err(Error::new(
                ErrorKind::Auth,
                format!(
                    "{}: success reported before the token was sent",
                    self.flavor.name()
                ),
            ));
        }
        match &self.server_error {
            None => Ok(()),
            Some(e) => Err(Error::new(
                ErrorKind::Auth,
                format!("{}: the server rejected the token: {e}", self.flavor.name()),
            )),
        }
    }

    fn server_error(&self) -> Option<&str> {
        self.server_error.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(user: &str, token: &str) -> Credentials {
        Credentials {
            user: user.into(),
            secret: token.into(),
            authzid: String::new(),
        }
    }

    const GOOGLE_ERROR: &[u8] =
        br#"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#;

    #[test]
    fn xoauth2_initial_response() {
        let mut c = OAuth::xoauth2(&creds(
            "someuser@example.com",
            "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg",
        ))
        .unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"
        );
        c.finish().unwrap();
        assert_eq!(c.server_error(), None);
    }

    #[test]
    fn xoauth2_error_challenge() {
        let mut c = OAuth::xoauth2(&creds("u@example.com", "tok")).unwrap();
        c.initial_response().unwrap();
        assert_eq!(c.step(GOOGLE_ERROR).unwrap(), b"");
        assert_eq!(
            c.server_error(),
            Some(std::str::from_utf8(GOOGLE_ERROR).unwrap())
        );
        let err = c.finish().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert!(err.text().contains(r#""status":"401""#), "{}", err.text());
        assert_eq!(c.step(b"again").unwrap_err().kind(), ErrorKind::Protocol);
    }

    #[test]
    fn oauthbearer_initial_response() {
        // RFC 7628 §4.1, without the optional host and port pairs.
        let mut c = OAuth::oauthbearer(&creds(
            "user@example.com",
            "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==",
        ))
        .unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,a=user@example.com,\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\x01\x01"
        );
        c.finish().unwrap();
    }

    #[test]
    fn oauthbearer_escapes_user_and_allows_none() {
        let mut c = OAuth::oauthbearer(&creds("a=b,c", "t")).unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,a=a=3Db=2Cc,\x01auth=Bearer t\x01\x01"
        );
        let mut c = OAuth::oauthbearer(&creds("", "t")).unwrap();
        assert_eq!(
            c.initial_response().unwrap().unwrap(),
            b"n,,\x01auth=Bearer t\x01\x01"
        );
    }

    #[test]
    fn oauthbearer_error_challenge() {
        let mut c = OAuth::oauthbearer(&creds("u", "tok")).unwrap();
        c.initial_response().unwrap();
        let json = br#"{"status":"invalid_token","scope":"example_scope"}"#;
        assert_eq!(c.step(json).unwrap(), b"\x01");
        let err = c.finish().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert!(err.text().contains("invalid_token"), "{}", err.text());
    }

    #[test]
    fn separator_in_fields_refused() {
        assert_eq!(
            OAuth::xoauth2(&creds("u\x01auth=x", "t"))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            OAuth::oauthbearer(&creds("u", "t\x01")).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            OAuth::xoauth2(&creds("u", "")).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn huge_error_is_truncated() {
        let mut c = OAuth::xoauth2(&creds("u", "t")).unwrap();
        c.initial_response().unwrap();
        c.step(&vec![b'x'; 100_000]).unwrap();
        assert_eq!(c.server_error().unwrap().len(), MAX_ERROR_LEN);
    }

    #[test]
    fn debug_hides_token() {
        let c = OAuth::xoauth2(&creds("u", "secret-token")).unwrap();
        assert!(!format!("{c:?}").contains("secret-token"));
    }
}
