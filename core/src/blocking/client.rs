//! The blocking client.
use super::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::proto::command::StoreOp;
use crate::proto::types::{Flag, MailboxInfo, Message, Untagged};
use crate::sasl::Mechanism;

/// A connection to one IMAP server. Not `Sync`: one thread uses it at a time (wrap it in a
/// mutex to share it).
#[derive(Debug)]
pub struct Client {
    _config: Config,
}

fn todo_err() -> Error {
    Error::new(ErrorKind::Unsupported, "not implemented yet")
}

impl Client {
    /// Connects, reads the greeting, performs TLS or STARTTLS as configured and learns the
    /// server's capabilities.
    pub fn connect(config: Config) -> Result<Client> {
        let _ = config;
        Err(todo_err())
    }

    /// Capabilities as the server listed them (after TLS; refreshed after authentication).
    pub fn capabilities(&self) -> &[String] {
        &[]
    }

    /// Case-insensitive capability test.
    pub fn has_capability(&self, cap: &str) -> bool {
        self.capabilities().iter().any(|c| c.eq_ignore_ascii_case(cap))
    }

    /// Authenticates with the strongest mechanism the server offers (SCRAM-SHA-256,
    /// SCRAM-SHA-1, PLAIN, LOGIN; the last two only over TLS or an explicitly insecure
    /// connection) and returns the mechanism used.
    pub fn login(&mut self, user: &str, password: &str) -> Result<Mechanism> {
        let _ = (user, password);
        Err(todo_err())
    }

    /// Authenticates with one named mechanism. `secret` is a password, or an OAuth 2.0 token
    /// for XOAUTH2 and OAUTHBEARER.
    pub fn authenticate(&mut self, mechanism: Mechanism, user: &str, secret: &str) -> Result<()> {
        let _ = (mechanism, user, secret);
        Err(todo_err())
    }

    /// ENABLE; returns what the server reported enabled (may be empty: Dovecot 2.3 answers
    /// OK without an ENABLED line for IMAP4rev2).
    pub fn enable(&mut self, caps: &[&str]) -> Result<Vec<String>> {
        let _ = caps;
        Err(todo_err())
    }

    /// SELECT (or EXAMINE when `read_only`).
    pub fn select(&mut self, mailbox: &str, read_only: bool) -> Result<MailboxInfo> {
        let _ = (mailbox, read_only);
        Err(todo_err())
    }

    /// FETCH `set` `items` (`"FULL"`, `"(FLAGS BODY.PEEK[HEADER])"`, …), UID FETCH when `uid`.
    /// Messages come back in the order the server first mentioned them.
    pub fn fetch(&mut self, set: &str, items: &str, uid: bool) -> Result<Vec<Message>> {
        let _ = (set, items, uid);
        Err(todo_err())
    }

    /// STORE `op` `flags`; returns the messages whose FLAGS the server reported.
    pub fn store(&mut self, set: &str, op: StoreOp, flags: &[Flag], uid: bool) -> Result<Vec<Message>> {
        let _ = (set, op, flags, uid);
        Err(todo_err())
    }

    pub fn noop(&mut self) -> Result<()> {
        Err(todo_err())
    }

    /// LOGOUT: waits for BYE and the tagged OK, then closes the connection. Further calls
    /// fail with [`ErrorKind::State`].
    pub fn logout(&mut self) -> Result<()> {
        Err(todo_err())
    }

    /// Untagged responses that arrived but belong to no command result (EXPUNGE, EXISTS,
    /// ALERTs…), oldest first; taking them empties the queue.
    pub fn take_unsolicited(&mut self) -> Vec<Untagged> {
        Vec::new()
    }
}
