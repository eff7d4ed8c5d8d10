//! PLAIN (RFC 4616): one message carrying the password in the clear.
use super::{Credentials, SaslClient};
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use zeroize::Zeroizing;

pub(crate) struct Plain {
    message: Zeroizing<Vec<u8>>,
    sent: bool,
}

impl fmt::Debug for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plain")
            .field("sent", &self.sent)
            .finish_non_exhaustive()
    }
}

impl Plain {
    pub(crate) fn new(creds: &Credentials) -> Result<Self> {
        // NUL is the field separator: one inside a field would shift the fields the server sees.
        for (what, value) in [
            ("authorization identity", &creds.authzid),
            ("user name", &creds.user),
            ("password", &creds.secret),
        ] {
            if value.contains('\0') {
                return Err(Error::invalid(format!(
                    "PLAIN: the {what} contains a NUL character"
                )));
            }
        }
        if creds.user.is_empty() || creds.secret.is_empty() {
            return Err(Error::invalid(
                "PLAIN: the user name and the password must not be empty",
            ));
        }
        let mut message = Zeroizing::new(Vec::with_capacity(
            creds.authzid.len() + creds.user.len() + creds.secret.len() + 2,
        ));
        message.extend_from_slice(creds.authzid.as_bytes());
        message.push(0);
        message.extend_from_slice(creds.user.as_bytes());
        message.push(0);
        message.extend_from_slice(creds.secret.as_bytes());
        Ok(Plain {
            message,
            sent: false,
        })
    }
}

impl SaslClient for Plain {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        if self.sent {
            return Err(Error::protocol("PLAIN: initial response requested twice"));
        }
        self.sent = true;
        Ok(Some(self.message.to_vec()))
    }

    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>> {
        Err(Error::protocol(
            "PLAIN: the server sent a challenge, but PLAIN has a single client message",
        ))
    }

    fn finish(&mut self) -> Result<()> {
        if self.sent {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Auth,
                "PLAIN: the server reported success before the credentials were sent",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(user: &str, secret: &str, authzid: &str) -> Credentials {
        Credentials {
            user: user.into(),
            secret: secret.into(),
            authzid: authzid.into(),
        }
    }

    #[test]
    fn initial_response_layout() {
        let mut p = Plain::new(&creds("tim", "tanstaaftanstaaf", "")).unwrap();
        assert_eq!(
            p.initial_response().unwrap().unwrap(),
            b"\0tim\0tanstaaftanstaaf"
        );
        p.finish().unwrap();
    }

    #[test]
    fn with_authzid() {
        let mut p = Plain::new(&creds("Kurt", "xipj3plmq", "Ursel")).unwrap();
        assert_eq!(
            p.initial_response().unwrap().unwrap(),
            b"Ursel\0Kurt\0xipj3plmq"
        );
    }

    #[test]
    fn challenge_is_an_error() {
        let mut p = Plain::new(&creds("u", "p", "")).unwrap();
        p.initial_response().unwrap();
        assert_eq!(p.step(b"").unwrap_err().kind(), ErrorKind::Protocol);
    }

    #[test]
    fn nul_refused() {
        assert_eq!(
            Plain::new(&creds("u\0x", "p", "")).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            Plain::new(&creds("u", "p\0", "")).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            Plain::new(&creds("u", "p", "\0")).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn finish_before_sending_fails() {
        let mut p = Plain::new(&creds("u", "p", "")).unwrap();
        assert_eq!(p.finish().unwrap_err().kind(), ErrorKind::Auth);
    }

    #[test]
    fn debug_hides_password() {
        let p = Plain::new(&creds("u", "hunter2", "")).unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
