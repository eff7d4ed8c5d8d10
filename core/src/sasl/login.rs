//! LOGIN (draft-murchison-sasl-login): the server prompts for the user name, then the password.
use super::{Credentials, SaslClient};
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use zeroize::Zeroizing;

pub(crate) struct Login {
    user: String,
    password: Zeroizing<String>,
    answered: u8,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("answered", &self.answered)
            .finish_non_exhaustive()
    }
}

impl Login {
    pub(crate) fn new(creds: &Credentials) -> Result<Self> {
        // Each answer is one base64 line; NUL has no place in either.
        if creds.user.contains('\0') || creds.secret.contains('\0') {
            return Err(Error::invalid(
                "LOGIN: the user name or the password contains a NUL character",
            ));
        }
        Ok(Login {
            user: creds.user.clone(),
            password: Zeroizing::new(creds.secret.clone()),
            answered: 0,
        })
    }
}

impl SaslClient for Login {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(None)
    }

    // Answers by position, not by prompt text: servers word the prompts differently
    // ("Username:", "User Name", localized text) and some send none at all.
    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>> {
        let answer = match self.answered {
            0 => self.user.as_bytes().to_vec(),
            1 => self.password.as_bytes().to_vec(),
            _ => {
                return Err(Error::protocol(
                    "LOGIN: the server sent a third challenge after the user name and password",
                ))
            }
        };
        self.answered += 1;
        Ok(answer)
    }

    fn finish(&mut self) -> Result<()> {
        if self.answered == 2 {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Auth,
                "LOGIN: the server reported success before the password was sent",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> Login {
        Login::new(&Credentials {
            user: "tim".into(),
            secret: "s3cret".into(),
            authzid: String::new(),
        })
        .unwrap()
    }

    #[test]
    fn answers_in_order_regardless_of_prompt_text() {
        let mut l = login();
        assert_eq!(l.initial_response().unwrap(), None);
        assert_eq!(l.step(b"Password:").unwrap(), b"tim");
        assert_eq!(l.step(b"Username:").unwrap(), b"s3cret");
        l.finish().unwrap();
    }

    #[test]
    fn third_challenge_is_an_error() {
        let mut l = login();
        l.step(b"User Name\0").unwrap();
        l.step(b"Password\0").unwrap();
        assert_eq!(l.step(b"What?").unwrap_err().kind(), ErrorKind::Protocol);
    }

    #[test]
    fn finish_before_password_fails() {
        let mut l = login();
        l.step(b"Username:").unwrap();
        assert_eq!(l.finish().unwrap_err().kind(), ErrorKind::Auth);
    }

    #[test]
    fn nul_refused() {
        let c = Credentials {
            user: "a\0".into(),
            secret: "p".into(),
            authzid: String::new(),
        };
        assert_eq!(
            Login::new(&c).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn debug_hides_password() {
        assert!(!format!("{:?}", login()).contains("s3cret"));
    }
}
