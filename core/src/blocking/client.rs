//! The blocking client: runs the session's commands over the transport, one at a time.
use super::config::{Config, Security};
use super::tls;
use super::transport::{self, Transport};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::command::{AppendMessage, ListCommand};
use crate::proto::command::{Command, FetchAttributes, Secret, StoreOp};
use crate::proto::response::{Code, Status, Untagged};
use crate::proto::sequence::SequenceSet;
use crate::proto::types::{DateTime, Flag, ListItem, MailboxInfo, Message};
use crate::sasl::{self, Credentials, Mechanism};
use crate::session::{Outcome, Progress, Session, SessionOptions, State};
use std::sync::Arc;
use std::time::{Duration, Instant};

const READ_CHUNK: usize = 64 * 1024;

/// A connection to one IMAP server. Use it from one thread at a time (it is `Send`; wrap it
/// in a mutex to share it).
pub struct Client {
    config: Config,
    session: Session,
    transport: Transport,
    tls_config: Option<Arc<rustls::ClientConfig>>,
    mechanism: Option<Mechanism>,
    read_buf: Vec<u8>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("session", &self.session)
            .finish()
    }
}

impl Client {
    /// Connects, reads the greeting, performs TLS or STARTTLS as configured and learns the
    /// server's capabilities. With [`Security::StartTls`] nothing but CAPABILITY and STARTTLS
    /// is sent before TLS is up, and any failure of the upgrade is an error.
    pub fn connect(config: Config) -> Result<Client> {
        let tls_config = match config.security {
            Security::InsecurePlaintext => None,
            _ => Some(tls::client_config(config.ca_file.as_deref())?),
        };
        let tcp = transport::connect(&config.host, config.port, config.timeout)?;
        let session = Session::new(SessionOptions {
            limits: config.limits.clone(),
            require_starttls: config.security == Security::StartTls,
            trace: config.trace.is_some(),
        });
        let mut client = Client {
            session,
            transport: Transport::Plain(tcp),
            tls_config,
            mechanism: None,
            read_buf: vec![0; READ_CHUNK],
            config,
        };
        if client.config.security == Security::Tls {
            client.upgrade()?;
        }
        match client.run()? {
            Progress::Greeted => {}
            other => {
                return Err(Error::protocol(format!(
                    "unexpected {other:?} before the greeting"
                )))
            }
        }
        if client.config.security == Security::StartTls {
            client.starttls()?;
        }
        client.ensure_capabilities()?;
        Ok(client)
    }

    fn server_name(&self) -> String {
        self.config
            .server_name
            .clone()
            .unwrap_or_else(|| self.config.host.clone())
    }

    fn upgrade(&mut self) -> Result<()> {
        let tcp = self
            .transport
            .take_plain()
            .ok_or_else(|| Error::new(ErrorKind::State, "no plain connection to upgrade"))?;
        let config = self
            .tls_config
            .clone()
            .ok_or_else(|| Error::new(ErrorKind::State, "TLS is not configured"))?;
        let deadline = self.deadline();
        match Transport::tls(tcp, config, &self.server_name(), deadline) {
            Ok(t) => {
                self.transport = t;
                self.session.set_tls_active();
                Ok(())
            }
            Err(e) => Err(self.session.abort(e)),
        }
    }

    fn starttls(&mut self) -> Result<()> {
        self.ensure_capabilities()?;
        if !self.session.capabilities().has("STARTTLS") {
            let e = Error::new(
                ErrorKind::Tls,
                "server does not offer STARTTLS; refusing to continue without TLS",
            );
            self.transport.close();
            return Err(self.session.abort(e));
        }
        self.session.start(Command::StartTls)?;
        match self.run() {
            Ok(Progress::StartTls) => {}
            Ok(other) => {
                return Err(self.session.abort(Error::protocol(format!(
                    "unexpected {other:?} after STARTTLS"
                ))))
            }
            Err(e) => {
                self.transport.close();
                return Err(e);
            }
        }
        self.upgrade()?;
        self.session.tls_established();
        Ok(())
    }

    fn ensure_capabilities(&mut self) -> Result<()> {
        if !self.session.capabilities().is_known() {
            let outcome = self.command(Command::Capability)?;
            self.unsolicited(outcome.untagged, |u| matches!(u, Untagged::Capability(_)));
            if !self.session.capabilities().is_known() {
                return Err(Error::protocol("server sent no CAPABILITY response"));
            }
        }
        Ok(())
    }

    /// When the wait that starts now must end (see [`Config::command_timeout`]).
    fn deadline(&self) -> Option<(Instant, std::time::Duration)> {
        self.config.command_timeout.map(|t| (Instant::now() + t, t))
    }

    /// Moves the I/O until the session reports progress other than needing input, within
    /// the command deadline however the bytes are spread out.
    fn run(&mut self) -> Result<Progress> {
        let deadline = self.deadline();
        self.flush()?;
        loop {
            let progress = self.session.poll();
            self.emit_trace();
            let progress = progress?;
            // Answers to continuations were queued by poll: they must leave before we wait.
            self.flush()?;
            if !matches!(progress, Progress::NeedInput) {
                return Ok(progress);
            }
            if let Some(limit) = deadline {
                if let Err(e) = self.transport.bound_read(self.config.timeout, limit) {
                    return Err(self.session.abort(e));
                }
            }
            let n = match self.transport.read(&mut self.read_buf) {
                Ok(n) => n,
                Err(e) => {
                    let e = match deadline {
                        Some((at, total))
                            if e.kind() == ErrorKind::Timeout && Instant::now() >= at =>
                        {
                            transport::deadline_error(total, "response")
                        }
                        _ => e,
                    };
                    return Err(self.session.abort(e));
                }
            };
            if n == 0 {
                return Err(self.session.closed());
            }
            self.session.feed(&self.read_buf[..n]);
        }
    }

    fn flush(&mut self) -> Result<()> {
        let out = self.session.take_output();
        self.emit_trace();
        if !out.is_empty() {
            if let Err(e) = self.transport.write_all(&out) {
                return Err(self.session.abort(e));
            }
        }
        Ok(())
    }

    fn emit_trace(&mut self) {
        let lines = self.session.take_trace();
        if let Some(trace) = &self.config.trace {
            for (dir, line) in lines {
                trace(dir, &line);
            }
        }
    }

    /// Runs one command to its tagged response (any status).
    fn exchange(&mut self) -> Result<Outcome> {
        match self.run()? {
            Progress::Done(o) => Ok(o),
            other => Err(self
                .session
                .abort(Error::protocol(format!("unexpected {other:?}")))),
        }
    }

    /// Runs one command and requires OK.
    fn command(&mut self, cmd: Command) -> Result<Outcome> {
        self.session.start(cmd)?;
        self.exchange()?.into_result()
    }

    /// Keeps what `wanted` selects for the caller's result and queues the rest as unsolicited.
    fn unsolicited(
        &mut self,
        untagged: Vec<Untagged>,
        wanted: impl Fn(&Untagged) -> bool,
    ) -> Vec<Untagged> {
        let (mine, rest): (Vec<_>, Vec<_>) = untagged.into_iter().partition(|u| wanted(u));
        self.session.push_unsolicited(rest);
        mine
    }

    /// Capabilities as the server listed them (after TLS; refreshed after authentication).
    pub fn capabilities(&self) -> &[String] {
        self.session.capabilities().list()
    }

    /// Case-insensitive capability test.
    pub fn has_capability(&self, cap: &str) -> bool {
        self.session.capabilities().has(cap)
    }

    /// True when the connection is protected by TLS (implicit or after STARTTLS).
    pub fn is_tls(&self) -> bool {
        self.session.tls_active()
    }

    /// The greeting's human-readable text.
    pub fn greeting(&self) -> &str {
        self.session.greeting_text()
    }

    /// The SASL mechanism of the successful authentication, if any.
    pub fn mechanism(&self) -> Option<Mechanism> {
        self.mechanism
    }

    pub fn state(&self) -> State {
        self.session.state()
    }

    /// The password (or token) may go to the server in a form an eavesdropper could read:
    /// only when TLS protects it, or when the caller explicitly chose plaintext.
    fn may_expose_secret(&self) -> bool {
        self.session.tls_active() || self.config.security == Security::InsecurePlaintext
    }

    /// Authenticates with the strongest mechanism the server offers (SCRAM-SHA-256,
    /// SCRAM-SHA-1, PLAIN, LOGIN; the last two only over TLS or an explicitly insecure
    /// connection) and returns the mechanism used. Servers offering no SASL mechanism get the
    /// LOGIN command under the same TLS rule, reported as [`Mechanism::Login`].
    pub fn login(&mut self, user: &str, password: &str) -> Result<Mechanism> {
        self.ensure_capabilities()?;
        let exposed_ok = self.may_expose_secret();
        if let Some(m) = self.session.capabilities().best_mechanism(exposed_ok) {
            self.authenticate(m, user, password)?;
            return Ok(m);
        }
        if !exposed_ok {
            return Err(Error::new(
                ErrorKind::Tls,
                "no mechanism keeps the password secret on this unencrypted connection",
            ));
        }
        if self.session.capabilities().has("LOGINDISABLED") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "server offers no usable authentication mechanism (LOGINDISABLED)",
            ));
        }
        self.session.start(Command::Login {
            user: user.to_string(),
            password: Secret::from(password),
        })?;
        let outcome = self.exchange()?;
        self.finish_auth(outcome)?;
        self.mechanism = Some(Mechanism::Login);
        Ok(Mechanism::Login)
    }

    /// Authenticates with one named mechanism. `secret` is a password, or an OAuth 2.0 token
    /// for XOAUTH2 and OAUTHBEARER.
    pub fn authenticate(&mut self, mechanism: Mechanism, user: &str, secret: &str) -> Result<()> {
        self.ensure_capabilities()?;
        if mechanism.exposes_secret() && !self.may_expose_secret() {
            return Err(Error::new(
                ErrorKind::Tls,
                format!("{} would send the secret in clear text", mechanism.name()),
            ));
        }
        if !self.session.capabilities().offers_mechanism(mechanism) {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("server does not offer AUTH={}", mechanism.name()),
            ));
        }
        let creds = Credentials {
            user: user.to_string(),
            secret: secret.to_string(),
            authzid: String::new(),
        };
        let client = sasl::client(mechanism, &creds, &self.config.scram)?;
        self.session.start_authenticate(mechanism.name(), client)?;
        let outcome = self.exchange()?;
        self.finish_auth(outcome)?;
        self.mechanism = Some(mechanism);
        Ok(())
    }

    fn finish_auth(&mut self, outcome: Outcome) -> Result<()> {
        if outcome.status != Status::Ok {
            let code = outcome.code.as_ref().map(|c| c.name().to_string());
            let kind = if outcome.status == Status::No {
                ErrorKind::Auth
            } else {
                ErrorKind::Bad
            };
            return Err(Error::with_code(kind, code, outcome.text));
        }
        self.session.push_unsolicited(outcome.untagged);
        self.ensure_capabilities()
    }

    /// ENABLE; returns what the server reported enabled (may be empty: Dovecot 2.3 answers
    /// OK without an ENABLED line for IMAP4rev2).
    pub fn enable(&mut self, caps: &[&str]) -> Result<Vec<String>> {
        let outcome = self.command(Command::Enable(
            caps.iter().map(|c| c.to_string()).collect(),
        ))?;
        let mine = self.unsolicited(outcome.untagged, |u| matches!(u, Untagged::Enabled(_)));
        Ok(mine
            .into_iter()
            .flat_map(|u| match u {
                Untagged::Enabled(list) => list,
                _ => Vec::new(),
            })
            .collect())
    }

    /// SELECT (or EXAMINE when `read_only`).
    pub fn select(&mut self, mailbox: &str, read_only: bool) -> Result<MailboxInfo> {
        let outcome = self.command(Command::Select {
            mailbox: mailbox.to_string(),
            read_only,
            params: Default::default(),
        })?;
        let mut info = MailboxInfo {
            name: mailbox.to_string(),
            read_only,
            ..Default::default()
        };
        match outcome.code {
            Some(Code::ReadOnly) => info.read_only = true,
            Some(Code::ReadWrite) => info.read_only = false,
            _ => {}
        }
        let mut rest = Vec::new();
        for u in outcome.untagged {
            match u {
                Untagged::Exists(n) => info.exists = n,
                Untagged::Recent(n) => info.recent = Some(n),
                Untagged::Flags(f) => info.flags = f,
                Untagged::List(l) => info.list.push(l),
                Untagged::Status {
                    status: Status::Ok,
                    code: Some(code),
                    text,
                } => match code {
                    Code::PermanentFlags(f) => info.permanent_flags = f,
                    Code::UidValidity(n) => info.uidvalidity = Some(n),
                    Code::UidNext(n) => info.uidnext = Some(n),
                    Code::Unseen(n) => info.unseen = Some(n),
                    Code::HighestModSeq(n) => info.highest_modseq = Some(n),
                    code => rest.push(Untagged::Status {
                        status: Status::Ok,
                        code: Some(code),
                        text,
                    }),
                },
                other => rest.push(other),
            }
        }
        self.session.push_unsolicited(rest);
        Ok(info)
    }

    /// FETCH `set` `items` (`"FULL"`, `"(FLAGS BODY.PEEK[HEADER])"`, …), UID FETCH when `uid`.
    /// Messages come back in the order the server first mentioned them. If the connection
    /// fails before the tagged OK, the call fails: a partial result is never returned.
    pub fn fetch(&mut self, set: &str, items: &str, uid: bool) -> Result<Vec<Message>> {
        let set = SequenceSet::parse(set)?;
        let items = FetchAttributes::parse(items)?;
        let outcome = self.command(Command::Fetch {
            set,
            items,
            uid,
            modifiers: Default::default(),
        })?;
        Ok(self.collect_messages(outcome.untagged))
    }

    /// STORE `op` `flags`; returns the messages whose FLAGS the server reported.
    pub fn store(
        &mut self,
        set: &str,
        op: StoreOp,
        flags: &[Flag],
        uid: bool,
    ) -> Result<Vec<Message>> {
        let set = SequenceSet::parse(set)?;
        let outcome = self.command(Command::Store {
            set,
            op,
            flags: flags.to_vec(),
            silent: false,
            uid,
            unchanged_since: None,
        })?;
        Ok(self.collect_messages(outcome.untagged))
    }

    fn collect_messages(&mut self, untagged: Vec<Untagged>) -> Vec<Message> {
        let mut messages: Vec<Message> = Vec::new();
        let mut rest = Vec::new();
        for u in untagged {
            match u {
                Untagged::Fetch { seq, items } => {
                    match messages.iter_mut().find(|m| m.seq == seq) {
                        Some(m) => m.merge(items),
                        None => {
                            let mut m = Message::new(seq);
                            m.merge(items);
                            messages.push(m);
                        }
                    }
                }
                other => rest.push(other),
            }
        }
        self.session.push_unsolicited(rest);
        messages
    }

    /// LIST `reference` `pattern` (`""`, `"*"` lists everything).
    pub fn list(&mut self, reference: &str, pattern: &str) -> Result<Vec<ListItem>> {
        let cmd = Command::List(ListCommand::new(reference, pattern));
        let outcome = self.command(cmd)?;
        let mut items = Vec::new();
        let mut rest = Vec::new();
        for u in outcome.untagged {
            match u {
                Untagged::List(l) => items.push(l),
                other => rest.push(other),
            }
        }
        self.session.push_unsolicited(rest);
        Ok(items)
    }

    /// CREATE.
    pub fn create(&mut self, mailbox: &str) -> Result<()> {
        self.simple(Command::Create {
            mailbox: mailbox.to_string(),
            special_use: Vec::new(),
        })
    }

    /// DELETE.
    pub fn delete(&mut self, mailbox: &str) -> Result<()> {
        self.simple(Command::Delete(mailbox.to_string()))
    }

    /// RENAME.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.simple(Command::Rename {
            from: from.to_string(),
            to: to.to_string(),
        })
    }

    /// SUBSCRIBE.
    pub fn subscribe(&mut self, mailbox: &str) -> Result<()> {
        self.simple(Command::Subscribe(mailbox.to_string()))
    }

    /// UNSUBSCRIBE.
    pub fn unsubscribe(&mut self, mailbox: &str) -> Result<()> {
        self.simple(Command::Unsubscribe(mailbox.to_string()))
    }

    /// APPEND one message. Returns `(uidvalidity, uid)` when the server reports APPENDUID
    /// (UIDPLUS). The bytes are sent exactly as given (a literal, or literal8 when they hold NUL
    /// and the server offers BINARY).
    pub fn append(
        &mut self,
        mailbox: &str,
        data: &[u8],
        flags: &[Flag],
        date: Option<DateTime>,
    ) -> Result<Option<(u32, u32)>> {
        let message = AppendMessage {
            flags: flags.to_vec(),
            date,
            data: data.to_vec(),
            utf8: false,
        };
        let outcome = self.command(Command::Append {
            mailbox: mailbox.to_string(),
            messages: vec![message],
        })?;
        self.session.push_unsolicited(outcome.untagged);
        Ok(match outcome.code {
            Some(Code::AppendUid { uidvalidity, uids }) => {
                uids.iter(u32::MAX).next().map(|uid| (uidvalidity, uid))
            }
            _ => None,
        })
    }

    /// COPY (UID COPY when `uid`) to `mailbox`.
    pub fn copy(&mut self, set: &str, mailbox: &str, uid: bool) -> Result<()> {
        let set = SequenceSet::parse(set)?;
        self.simple(Command::Copy {
            set,
            mailbox: mailbox.to_string(),
            uid,
        })
    }

    /// MOVE (UID MOVE when `uid`) to `mailbox` (RFC 6851; the server must offer MOVE).
    pub fn move_messages(&mut self, set: &str, mailbox: &str, uid: bool) -> Result<()> {
        if !self.has_capability("MOVE") && !self.has_capability("IMAP4rev2") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "server does not offer MOVE",
            ));
        }
        let set = SequenceSet::parse(set)?;
        self.simple(Command::Move {
            set,
            mailbox: mailbox.to_string(),
            uid,
        })
    }

    /// EXPUNGE: returns the sequence numbers the server reported expunged, in order.
    pub fn expunge(&mut self) -> Result<Vec<u32>> {
        let outcome = self.command(Command::Expunge)?;
        let mut gone = Vec::new();
        let mut rest = Vec::new();
        for u in outcome.untagged {
            match u {
                Untagged::Expunge(n) => gone.push(n),
                other => rest.push(other),
            }
        }
        self.session.push_unsolicited(rest);
        Ok(gone)
    }

    /// CLOSE: expunges silently and leaves the mailbox.
    pub fn close(&mut self) -> Result<()> {
        self.simple(Command::Close)
    }

    /// UNSELECT (RFC 3691): leaves the mailbox without expunging.
    pub fn unselect(&mut self) -> Result<()> {
        self.simple(Command::Unselect)
    }

    /// IDLE (RFC 2177) until the server reports something or `max_wait` passes, then DONE.
    /// Returns the untagged responses received while idling (possibly none).
    pub fn idle(&mut self, max_wait: Duration) -> Result<Vec<Untagged>> {
        if !self.has_capability("IDLE") && !self.has_capability("IMAP4rev2") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "server does not offer IDLE",
            ));
        }
        self.session.start(Command::Idle)?;
        match self.run()? {
            Progress::Idling => {}
            Progress::Done(o) => {
                o.into_result()?;
                return Err(Error::protocol("server completed IDLE without idling"));
            }
            other => {
                return Err(self
                    .session
                    .abort(Error::protocol(format!("unexpected {other:?} during IDLE"))))
            }
        }
        match self.run_until(max_wait)? {
            Some(Progress::IdleData) | None => {}
            Some(Progress::Done(o)) => {
                let o = o.into_result()?;
                return Ok(o.untagged);
            }
            Some(other) => {
                return Err(self
                    .session
                    .abort(Error::protocol(format!("unexpected {other:?} during IDLE"))))
            }
        }
        self.session.idle_done()?;
        let outcome = self.exchange()?.into_result()?;
        Ok(outcome.untagged)
    }

    /// Like `run`, but a read that waits longer than `wait` ends the call with `Ok(None)`
    /// instead of a timeout error (the session is still in step: nothing was half-read).
    fn run_until(&mut self, wait: Duration) -> Result<Option<Progress>> {
        let configured = self.config.timeout;
        if let Err(e) = self
            .transport
            .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
        {
            return Err(self.session.abort(e));
        }
        let result = loop {
            let progress = match self.session.poll() {
                Ok(p) => p,
                Err(e) => break Err(e),
            };
            self.emit_trace();
            if let Err(e) = self.flush() {
                break Err(e);
            }
            if !matches!(progress, Progress::NeedInput) {
                break Ok(Some(progress));
            }
            match self.transport.read(&mut self.read_buf) {
                Ok(0) => break Err(self.session.closed()),
                Ok(n) => self.session.feed(&self.read_buf[..n]),
                Err(e) if e.kind() == ErrorKind::Timeout && self.session.buffered() == 0 => {
                    break Ok(None)
                }
                Err(e) => break Err(self.session.abort(e)),
            }
        };
        if let Err(e) = self.transport.set_read_timeout(configured) {
            return Err(self.session.abort(e));
        }
        result
    }

    /// Runs a command whose only result is its status.
    fn simple(&mut self, cmd: Command) -> Result<()> {
        let outcome = self.command(cmd)?;
        self.session.push_unsolicited(outcome.untagged);
        Ok(())
    }

    pub fn noop(&mut self) -> Result<()> {
        let outcome = self.command(Command::Noop)?;
        self.session.push_unsolicited(outcome.untagged);
        Ok(())
    }

    /// LOGOUT: waits for BYE and the tagged OK, then closes the connection. Further calls
    /// fail with [`ErrorKind::State`].
    pub fn logout(&mut self) -> Result<()> {
        self.session.start(Command::Logout)?;
        let result = self.exchange();
        let bye = self.session.bye_received();
        self.transport.close();
        match result {
            Ok(o) => o.into_result().map(|_| ()),
            // The server said goodbye and hung up without the tagged OK: still a logout.
            Err(_) if bye => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Untagged responses that arrived but belong to no command result (EXPUNGE, EXISTS,
    /// ALERTs…), oldest first; taking them empties the queue.
    pub fn take_unsolicited(&mut self) -> Vec<Untagged> {
        self.session.take_unsolicited()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.transport.close();
    }
}
