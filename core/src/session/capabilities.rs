//! The server's capability list and the decisions drawn from it.
use crate::sasl::Mechanism;

/// Capabilities as the server listed them, compared case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    list: Vec<String>,
    known: bool,
}

impl Capabilities {
    pub fn set(&mut self, list: Vec<String>) {
        self.list = list;
        self.known = true;
    }

    /// Forgets everything, as after STARTTLS (RFC 9051 §6.2.1: pre-TLS capabilities must not
    /// be trusted) or authentication.
    pub fn clear(&mut self) {
        self.list.clear();
        self.known = false;
    }

    /// False until the server has told us (greeting code or CAPABILITY response).
    pub fn is_known(&self) -> bool {
        self.known
    }

    pub fn list(&self) -> &[String] {
        &self.list
    }

    pub fn has(&self, cap: &str) -> bool {
        self.list.iter().any(|c| c.eq_ignore_ascii_case(cap))
    }

    pub fn offers_mechanism(&self, m: Mechanism) -> bool {
        self.list.iter().any(|c| {
            c.len() > 5
                && c[..5].eq_ignore_ascii_case("AUTH=")
                && c[5..].eq_ignore_ascii_case(m.name())
        })
    }

    /// The mechanism `login` uses: the strongest offered, skipping those that expose the
    /// password unless the connection is encrypted (or the caller chose plaintext).
    /// `None` with `LOGIN` command fallback decided by the caller.
    pub fn best_mechanism(&self, secret_may_be_exposed: bool) -> Option<Mechanism> {
        Mechanism::PREFERENCE
            .into_iter()
            .find(|&m| self.offers_mechanism(m) && (!m.exposes_secret() || secret_may_be_exposed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mechanism_choice() {
        let mut c = Capabilities::default();
        c.set(vec![
            "IMAP4rev1".into(),
            "auth=plain".into(),
            "AUTH=LOGIN".into(),
            "AUTH=SCRAM-SHA-1".into(),
            "AUTH=SCRAM-SHA-256".into(),
        ]);
        assert_eq!(c.best_mechanism(true), Some(Mechanism::ScramSha256));
        c.set(vec!["AUTH=PLAIN".into(), "AUTH=LOGIN".into()]);
        assert_eq!(c.best_mechanism(true), Some(Mechanism::Plain));
        assert_eq!(c.best_mechanism(false), None);
        c.set(vec!["AUTH=LOGIN".into(), "AUTH=SCRAM-SHA-1".into()]);
        assert_eq!(c.best_mechanism(false), Some(Mechanism::ScramSha1));
    }
}
