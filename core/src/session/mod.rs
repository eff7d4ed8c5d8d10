//! The sans-IO client session: connection states, tags, STARTTLS policy, capabilities,
//! continuation handling and SASL exchanges. It never touches a socket: the driver hands it
//! received bytes ([`Session::feed`]), writes what [`Session::take_output`] returns, and
//! calls [`Session::poll`] until the command in flight completes.
mod capabilities;
mod states;
mod trace;

pub use capabilities::Capabilities;

use crate::error::{Error, ErrorKind, Result};
use crate::proto::command::{Command, EncodeOptions};
use crate::proto::framer::{Framer, Limits};
use crate::proto::parse::{parse_response, ParseOptions};
use crate::proto::response::{Code, Response, Status, Untagged};
use crate::sasl::SaslClient;
use base64::Engine;
use std::collections::VecDeque;

/// Connection state (RFC 9051 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting for the server greeting.
    Greeting,
    NotAuthenticated,
    Authenticated,
    Selected,
    /// LOGOUT completed, BYE received, or the session failed: nothing more may be sent.
    Logout,
}

/// Who a trace line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceDirection {
    /// Bytes we sent (secrets replaced by `<redacted>`).
    Client,
    /// Bytes the server sent (literal contents summarised).
    Server,
}

/// How the session treats the transport.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub limits: Limits,
    /// The connection must be upgraded with STARTTLS before anything else is done; a
    /// PREAUTH greeting is then an error (nothing would protect the session).
    pub require_starttls: bool,
    /// Record redacted trace lines for [`Session::take_trace`].
    pub trace: bool,
}

/// The end of one command: its tagged status and every untagged response that arrived while
/// it ran (the caller keeps what answers the command and files the rest as unsolicited).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub code: Option<Code>,
    pub text: String,
    pub untagged: Vec<Untagged>,
}

impl Outcome {
    /// `Ok(self)` for a tagged OK, otherwise the matching error (NO, BAD).
    pub fn into_result(self) -> Result<Outcome> {
        let kind = match self.status {
            Status::Ok => return Ok(self),
            Status::No => ErrorKind::No,
            Status::Bad => ErrorKind::Bad,
            Status::Bye => ErrorKind::Bye,
            Status::PreAuth => ErrorKind::Protocol,
        };
        Err(Error::with_code(
            kind,
            self.code.map(|c| c.name().to_string()),
            self.text,
        ))
    }
}

/// What [`Session::poll`] reports.
#[derive(Debug)]
pub enum Progress {
    /// Feed more bytes (and write any pending output first).
    NeedInput,
    /// The greeting was read and accepted.
    Greeted,
    /// The command in flight completed.
    Done(Outcome),
    /// STARTTLS was accepted: perform the TLS handshake now, then call
    /// [`Session::tls_established`]. No buffered byte remains (that would be an error).
    StartTls,
    /// The server accepted IDLE: untagged data will follow as it happens. End it with
    /// [`Session::idle_done`].
    Idling,
    /// An untagged response arrived during IDLE (collected for the command's [`Outcome`]).
    IdleData,
}

struct Pending {
    tag: String,
    name: &'static str,
    /// Segments still to send, each after a continuation request.
    segments: VecDeque<Vec<u8>>,
    /// How many bytes had been received when the driver took the command's first bytes; `None`
    /// until then. A tagged reply that began before that point was on its way before the server
    /// could have seen the command: forged or stale (a pre-emptive `A1 OK`).
    sent_at: Option<u64>,
    /// The same for the latest bytes taken (continuation answers): a continuation request must
    /// come after them.
    last_sent_at: u64,
    sasl: Option<Box<dyn SaslClient>>,
    /// The SASL mechanism failed locally; the exchange was cancelled with `*`.
    sasl_error: Option<Error>,
    /// SASL-IR not available: the initial response waits for the first (empty) challenge.
    sasl_initial: Option<Vec<u8>>,
    untagged: Vec<Untagged>,
    is_starttls: bool,
    is_logout: bool,
    idle: Idle,
}

/// Where an IDLE command is (RFC 2177).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Idle {
    /// Not an IDLE command.
    No,
    /// IDLE sent, waiting for the server's continuation.
    Requested,
    /// The server is idling: untagged data is reported as it arrives.
    Active,
    /// DONE sent, waiting for the tagged response.
    Done,
}

/// The client side of one IMAP connection, without I/O.
pub struct Session {
    opts: SessionOptions,
    state: State,
    framer: Framer,
    input: Vec<u8>,
    input_start: usize,
    /// Bytes received in all, and the offset in that count where the response being handled
    /// began: together they date each response against what we had sent.
    received: u64,
    frame_start: u64,
    consumed: u64,
    output: Vec<u8>,
    next_tag: u32,
    caps: Capabilities,
    pending: Option<Pending>,
    unsolicited: VecDeque<Untagged>,
    tls_active: bool,
    utf8: bool,
    bye: Option<(Option<Code>, String)>,
    greeting_text: String,
    trace: Vec<(TraceDirection, String)>,
    failed: Option<Error>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("state", &self.state)
            .field("capabilities", &self.caps)
            .field("tls_active", &self.tls_active)
            .field("pending", &self.pending.as_ref().map(|p| p.name))
            .finish()
    }
}

impl Session {
    pub fn new(opts: SessionOptions) -> Self {
        Session {
            framer: Framer::new(opts.limits.clone()),
            opts,
            state: State::Greeting,
            input: Vec::new(),
            input_start: 0,
            received: 0,
            frame_start: 0,
            consumed: 0,
            output: Vec::new(),
            next_tag: 1,
            caps: Capabilities::default(),
            pending: None,
            unsolicited: VecDeque::new(),
            tls_active: false,
            utf8: false,
            bye: None,
            greeting_text: String::new(),
            trace: Vec::new(),
            failed: None,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    pub fn greeting_text(&self) -> &str {
        &self.greeting_text
    }

    /// Whether the transport is TLS (implicit or after STARTTLS); told by the driver.
    pub fn tls_active(&self) -> bool {
        self.tls_active
    }

    /// Implicit TLS: the driver completed the handshake before the greeting.
    pub fn set_tls_active(&mut self) {
        self.tls_active = true;
    }

    /// UTF-8 is enabled for mailbox names and strings (IMAP4rev2 or UTF8=ACCEPT enabled).
    pub fn utf8_enabled(&self) -> bool {
        self.utf8
    }

    /// True while a command is in flight.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Appends bytes received from the server.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.input_start > 0 && self.input_start == self.input.len() {
            self.input.clear();
            self.input_start = 0;
        }
        self.input.extend_from_slice(bytes);
        self.received += bytes.len() as u64;
    }

    /// Bytes received but not yet consumed as complete responses.
    pub fn buffered(&self) -> usize {
        self.input.len() - self.input_start
    }

    /// Bytes to write to the server now.
    pub fn take_output(&mut self) -> Vec<u8> {
        if let Some(p) = &mut self.pending {
            if !self.output.is_empty() {
                p.sent_at.get_or_insert(self.received);
                p.last_sent_at = self.received;
            }
        }
        std::mem::take(&mut self.output)
    }

    /// Redacted trace lines recorded since the last call (only with `opts.trace`).
    pub fn take_trace(&mut self) -> Vec<(TraceDirection, String)> {
        std::mem::take(&mut self.trace)
    }

    /// Untagged responses that belong to no command result, oldest first.
    pub fn take_unsolicited(&mut self) -> Vec<Untagged> {
        self.unsolicited.drain(..).collect()
    }

    /// Files untagged responses a command did not consume.
    pub fn push_unsolicited(&mut self, items: impl IntoIterator<Item = Untagged>) {
        self.unsolicited.extend(items);
    }

    /// Called by the driver after a successful STARTTLS handshake: everything learnt in clear
    /// text is forgotten (capabilities, queued untagged data) so that a man in the middle cannot
    /// have injected any of it.
    pub fn tls_established(&mut self) {
        self.tls_active = true;
        self.caps.clear();
        self.unsolicited.clear();
        // The greeting came in clear text too: a man in the middle may have written it.
        self.greeting_text.clear();
        self.bye = None;
    }

    fn encode_options(&self) -> EncodeOptions {
        EncodeOptions {
            literal_plus: self.caps.has("LITERAL+"),
            literal_minus: self.caps.has("LITERAL-"),
            utf8: self.utf8,
            sasl_ir: self.caps.has("SASL-IR"),
            binary: self.caps.has("BINARY"),
        }
    }

    fn check_ready(&self) -> Result<()> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if self.pending.is_some() {
            return Err(Error::new(
                ErrorKind::State,
                "another command is in progress",
            ));
        }
        match self.state {
            State::Greeting => Err(Error::new(
                ErrorKind::State,
                "the server greeting has not been read",
            )),
            State::Logout => Err(Error::new(
                ErrorKind::State,
                "the connection is logged out or closed",
            )),
            _ => Ok(()),
        }
    }

    /// Starts a command; its result arrives as [`Progress::Done`]. AUTHENTICATE goes through
    /// [`Session::start_authenticate`].
    pub fn start(&mut self, cmd: Command) -> Result<()> {
        self.check_ready()?;
        if !states::allowed(&cmd).contains(&self.state) {
            return Err(Error::new(
                ErrorKind::State,
                format!("{} is not allowed in state {:?}", cmd.name(), self.state),
            ));
        }
        match &cmd {
            Command::Authenticate { .. } => {
                return Err(Error::invalid(
                    "AUTHENTICATE is started with start_authenticate",
                ))
            }
            // The transport has no DEFLATE layer: after the server's OK every byte would be
            // compressed and the stream unreadable.
            Command::CompressDeflate => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    "COMPRESS DEFLATE is not supported by this client",
                ))
            }
            _ => {}
        }
        if matches!(cmd, Command::StartTls) && self.tls_active {
            return Err(Error::new(ErrorKind::State, "TLS is already active"));
        }
        let is_starttls = matches!(cmd, Command::StartTls);
        let is_logout = matches!(cmd, Command::Logout);
        let is_idle = matches!(cmd, Command::Idle);
        self.send(cmd, None, None, is_starttls, is_logout)?;
        if let (true, Some(p)) = (is_idle, &mut self.pending) {
            p.idle = Idle::Requested;
        }
        Ok(())
    }

    /// Starts AUTHENTICATE with `sasl` driving the exchange.
    pub fn start_authenticate(
        &mut self,
        mechanism: &str,
        mut sasl: Box<dyn SaslClient>,
    ) -> Result<()> {
        self.check_ready()?;
        if self.state != State::NotAuthenticated {
            return Err(Error::new(
                ErrorKind::State,
                format!("AUTHENTICATE is not allowed in state {:?}", self.state),
            ));
        }
        let initial = sasl.initial_response()?;
        let ir_on_line = self.caps.has("SASL-IR");
        let cmd = Command::Authenticate {
            mechanism: mechanism.to_string(),
            initial_response: if ir_on_line {
                initial.clone().map(Into::into)
            } else {
                None
            },
        };
        let deferred = if ir_on_line { None } else { initial };
        self.send(cmd, Some(sasl), deferred, false, false)
    }

    fn send(
        &mut self,
        cmd: Command,
        sasl: Option<Box<dyn SaslClient>>,
        sasl_initial: Option<Vec<u8>>,
        is_starttls: bool,
        is_logout: bool,
    ) -> Result<()> {
        let tag = format!("A{}", self.next_tag);
        let encoded = cmd.encode(&tag, &self.encode_options())?;
        self.next_tag += 1;
        let mut segments: VecDeque<Vec<u8>> = encoded.segments.into();
        let first = segments.pop_front().unwrap_or_default();
        self.output.extend_from_slice(&first);
        if self.opts.trace {
            self.trace.push((TraceDirection::Client, encoded.trace));
        }
        self.pending = Some(Pending {
            tag,
            name: cmd.name(),
            segments,
            sent_at: None,
            last_sent_at: 0,
            sasl,
            sasl_error: None,
            sasl_initial,
            untagged: Vec::new(),
            is_starttls,
            is_logout,
            idle: Idle::No,
        });
        Ok(())
    }

    /// Ends an active IDLE: sends `DONE`; the command then completes as usual.
    pub fn idle_done(&mut self) -> Result<()> {
        match &mut self.pending {
            Some(p) if p.idle == Idle::Active => {
                p.idle = Idle::Done;
                let done = crate::proto::command::idle_done();
                self.output.extend_from_slice(&done.segments.concat());
                if self.opts.trace {
                    self.trace.push((TraceDirection::Client, done.trace));
                }
                Ok(())
            }
            _ => Err(Error::new(ErrorKind::State, "no IDLE is active")),
        }
    }

    /// True once the server said BYE on this connection.
    pub fn bye_received(&self) -> bool {
        self.bye.is_some()
    }

    /// Marks the session failed (I/O error, timeout, TLS failure in the driver): the
    /// connection's position in the stream is unknown, so nothing more may be sent.
    pub fn abort(&mut self, e: Error) -> Error {
        self.fail(e)
    }

    fn fail(&mut self, e: Error) -> Error {
        self.state = State::Logout;
        self.pending = None;
        self.failed = Some(e.clone());
        e
    }

    /// The connection ended (EOF from the driver): fails the command in flight.
    pub fn closed(&mut self) -> Error {
        let e = match (
            &self.bye,
            self.pending.as_ref().is_some_and(|p| p.is_logout),
        ) {
            (_, true) => Error::new(ErrorKind::Io, "connection closed during LOGOUT"),
            (Some((code, text)), _) => Error::with_code(
                ErrorKind::Bye,
                code.as_ref().map(|c| c.name().to_string()),
                text.clone(),
            ),
            (None, _) if self.buffered() > 0 => {
                Error::protocol("connection closed in the middle of a response")
            }
            (None, _) => Error::new(ErrorKind::Io, "connection closed by the server"),
        };
        self.fail(e)
    }

    /// Processes buffered input until something happens or more input is needed.
    pub fn poll(&mut self) -> Result<Progress> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        loop {
            let avail = &self.input[self.input_start..];
            let len = match self.framer.poll(avail) {
                Ok(Some(len)) => len,
                Ok(None) => return Ok(Progress::NeedInput),
                Err(e) => return Err(self.fail(e)),
            };
            let frame_range = self.input_start..self.input_start + len;
            self.input_start += len;
            self.frame_start = self.consumed;
            self.consumed += len as u64;
            let opts = ParseOptions {
                limits: self.opts.limits.clone(),
                utf8_names: self.utf8,
                ..ParseOptions::default()
            };
            let resp = parse_response(&self.input[frame_range.clone()], &opts);
            if self.opts.trace {
                let line = trace::summarize(&self.input[frame_range]);
                self.trace.push((TraceDirection::Server, line));
            }
            if self.input_start == self.input.len() {
                self.input.clear();
                self.input_start = 0;
            } else if self.input_start > (1 << 16) && self.input_start * 2 > self.input.len() {
                self.input.drain(..self.input_start);
                self.input_start = 0;
            }
            match self.handle(resp) {
                Ok(Some(p)) => return Ok(p),
                Ok(None) => continue,
                Err(e) => return Err(self.fail(e)),
            }
        }
    }

    fn handle(&mut self, resp: Response) -> Result<Option<Progress>> {
        if self.state == State::Greeting {
            return self.handle_greeting(resp).map(Some);
        }
        match resp {
            Response::Tagged {
                tag,
                status,
                code,
                text,
            } => self.handle_tagged(tag, status, code, text),
            Response::Continuation { text, .. } => self.handle_continuation(&text),
            Response::Untagged(u) => {
                self.observe(&u);
                match &mut self.pending {
                    // Before TLS, nothing but the tagged reply of STARTTLS matters: untagged
                    // data sent in clear is dropped, never shown to the caller.
                    Some(p) if p.is_starttls => {}
                    Some(p) => {
                        if p.untagged.len() >= self.opts.limits.max_items {
                            return Err(Error::new(
                                ErrorKind::Limit,
                                format!(
                                    "more than {} responses to one command",
                                    self.opts.limits.max_items
                                ),
                            ));
                        }
                        p.untagged.push(u)
                    }
                    None if self.unsolicited.len() >= self.opts.limits.max_items => {
                        return Err(Error::new(
                            ErrorKind::Limit,
                            "too many unsolicited responses queued",
                        ));
                    }
                    None => self.unsolicited.push_back(u),
                }
                match &self.pending {
                    Some(p) if p.idle == Idle::Active => Ok(Some(Progress::IdleData)),
                    _ => Ok(None),
                }
            }
        }
    }

    /// Learns from any untagged response: capabilities, ENABLED, BYE.
    fn observe(&mut self, u: &Untagged) {
        match u {
            Untagged::Capability(c) => self.caps.set(c.clone()),
            Untagged::Status {
                code: Some(Code::Capability(c)),
                ..
            } => self.caps.set(c.clone()),
            Untagged::Enabled(list)
                if list.iter().any(|c| {
                    c.eq_ignore_ascii_case("IMAP4rev2") || c.eq_ignore_ascii_case("UTF8=ACCEPT")
                }) =>
            {
                self.utf8 = true;
            }
            Untagged::Status {
                status: Status::Bye,
                code,
                text,
            } => self.bye = Some((code.clone(), text.clone())),
            _ => {}
        }
    }

    fn handle_greeting(&mut self, resp: Response) -> Result<Progress> {
        let (status, code, text) = match resp {
            Response::Untagged(Untagged::Status { status, code, text }) => (status, code, text),
            other => {
                return Err(Error::protocol(format!(
                    "expected a greeting, got {}",
                    brief(&other)
                )))
            }
        };
        self.greeting_text = text.clone();
        if let Some(Code::Capability(c)) = &code {
            self.caps.set(c.clone());
        }
        match status {
            Status::Ok => self.state = State::NotAuthenticated,
            Status::PreAuth if self.opts.require_starttls && !self.tls_active => {
                return Err(Error::new(ErrorKind::Tls, "server greeted with PREAUTH on a connection that must be upgraded with STARTTLS: refusing an unprotected session"));
            }
            Status::PreAuth => self.state = State::Authenticated,
            Status::Bye => {
                return Err(Error::with_code(
                    ErrorKind::Bye,
                    code.map(|c| c.name().to_string()),
                    text,
                ));
            }
            Status::No | Status::Bad => {
                return Err(Error::protocol(format!(
                    "invalid greeting status {status:?}: {text}"
                )))
            }
        }
        Ok(Progress::Greeted)
    }

    fn handle_continuation(&mut self, text: &str) -> Result<Option<Progress>> {
        let Some(p) = &mut self.pending else {
            return Err(Error::protocol(
                "continuation request with no command in progress",
            ));
        };
        // Each request must answer what we last sent: one that was already on its way (or
        // arrives before our answer to the previous one left) would make us send a literal or
        // a SASL response the server never asked for.
        let early = match p.sent_at {
            None => true,
            Some(_) => self.frame_start < p.last_sent_at || !self.output.is_empty(),
        };
        if early {
            return Err(Error::protocol(
                "continuation request before the command was sent",
            ));
        }
        if let Some(seg) = p.segments.pop_front() {
            self.output.extend_from_slice(&seg);
            if self.opts.trace {
                self.trace
                    .push((TraceDirection::Client, format!("<{} bytes>", seg.len())));
            }
            return Ok(None);
        }
        match p.idle {
            Idle::Requested => {
                p.idle = Idle::Active;
                return Ok(Some(Progress::Idling));
            }
            Idle::Active | Idle::Done => {
                return Err(Error::protocol("continuation request during IDLE"));
            }
            Idle::No => {}
        }
        if p.is_starttls {
            return Err(Error::new(
                ErrorKind::Tls,
                "server answered STARTTLS with a continuation request",
            ));
        }
        let Some(sasl) = &mut p.sasl else {
            return Err(Error::protocol(format!(
                "unexpected continuation request during {}",
                p.name
            )));
        };
        if p.sasl_error.is_some() {
            return Err(Error::protocol(
                "continuation request after the SASL exchange was cancelled",
            ));
        }
        let reply = if let Some(initial) = p.sasl_initial.take() {
            Ok(initial)
        } else {
            match base64::engine::general_purpose::STANDARD.decode(text.trim().as_bytes()) {
                Ok(challenge) => sasl.step(&challenge),
                Err(_) => Err(Error::protocol("SASL challenge is not valid base64")),
            }
        };
        match reply {
            Ok(bytes) => {
                let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
                self.output.extend_from_slice(b64.as_bytes());
                self.output.extend_from_slice(b"\r\n");
                if self.opts.trace {
                    self.trace
                        .push((TraceDirection::Client, "<redacted SASL response>".into()));
                }
            }
            Err(e) => {
                // RFC 9051 §6.2.2: "*" cancels; the server then answers BAD.
                p.sasl_error = Some(e);
                self.output.extend_from_slice(b"*\r\n");
                if self.opts.trace {
                    self.trace.push((TraceDirection::Client, "*".into()));
                }
            }
        }
        Ok(None)
    }

    fn handle_tagged(
        &mut self,
        tag: String,
        status: Status,
        code: Option<Code>,
        text: String,
    ) -> Result<Option<Progress>> {
        let Some(p) = &self.pending else {
            return Err(Error::protocol(format!(
                "tagged response {tag} with no command in progress"
            )));
        };
        if p.tag != tag {
            return Err(Error::protocol(format!(
                "tagged response for unknown tag {tag:?} (expected {})",
                p.tag
            )));
        }
        let early = match p.sent_at {
            None => true,
            Some(at) => self.frame_start < at,
        };
        if early {
            // For STARTTLS this is the downgrade of CVE-2026-42246 (net-imap): a reply planted
            // ahead of the command. Either way the exchange can no longer be trusted.
            let kind = if p.is_starttls {
                ErrorKind::Tls
            } else {
                ErrorKind::Protocol
            };
            return Err(Error::new(
                kind,
                format!(
                    "tagged response {tag} arrived before the command was sent (forged or stale)"
                ),
            ));
        }
        // Literal segments or a continuation answer not yet sent: the server cannot have
        // accepted a command it has not fully received. A NO or BAD refuses it early, and then
        // the rest must never go out (the server would read it as a new command).
        if !p.segments.is_empty() || !self.output.is_empty() {
            if status == Status::Ok {
                return Err(Error::protocol(format!(
                    "tagged OK for {tag} arrived before the command was completely sent"
                )));
            }
            self.output.clear();
        }
        let mut p = self.pending.take().expect("checked above");
        if let Some(Code::Capability(c)) = &code {
            self.caps.set(c.clone());
        }
        if p.is_starttls {
            return match status {
                Status::Ok if self.buffered() > 0 => Err(Error::new(
                    ErrorKind::Tls,
                    format!("{} bytes arrived after the STARTTLS response and before the TLS handshake (response injection)", self.buffered()),
                )),
                Status::Ok => Ok(Some(Progress::StartTls)),
                _ => Err(Error::with_code(ErrorKind::Tls, code.map(|c| c.name().to_string()), format!("server refused STARTTLS: {text}"))),
            };
        }
        if let Some(e) = p.sasl_error.take() {
            return Err(e);
        }
        // OAuth servers explain a refusal in the last challenge, not in the tagged text.
        let text = match p.sasl.as_ref().and_then(|s| s.server_error()) {
            Some(detail) if status != Status::Ok => format!("{text} ({detail})"),
            _ => text,
        };
        if status == Status::Ok {
            if let Some(sasl) = &mut p.sasl {
                sasl.finish()?;
            }
            match p.name {
                "LOGIN" | "AUTHENTICATE" => {
                    self.state = State::Authenticated;
                    if !matches!(code, Some(Code::Capability(_))) {
                        // Capabilities change after authentication; ask again if not told.
                        self.caps.clear();
                    }
                }
                "SELECT" | "EXAMINE" => self.state = State::Selected,
                "CLOSE" | "UNSELECT" => self.state = State::Authenticated,
                "LOGOUT" => self.state = State::Logout,
                _ => {}
            }
        } else if matches!(p.name, "SELECT" | "EXAMINE") {
            // A failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2).
            if self.state == State::Selected {
                self.state = State::Authenticated;
            }
        }
        if p.is_logout {
            self.state = State::Logout;
        }
        Ok(Some(Progress::Done(Outcome {
            status,
            code,
            text,
            untagged: p.untagged,
        })))
    }
}

/// A short description of a response for an error message: a hostile server controls its
/// size (up to the line limit), the message must not carry all of it.
fn brief(resp: &Response) -> String {
    const MAX: usize = 80;
    let text = match resp {
        Response::Untagged(Untagged::Other { raw }) => {
            let head = String::from_utf8_lossy(&raw[..raw.len().min(MAX)]);
            format!("{:?}", head)
        }
        other => format!("{other:?}"),
    };
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests;
