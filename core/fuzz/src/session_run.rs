//! The `session` target: a sans-IO session driven by a script of server bytes (arbitrary or
//! shaped to reach deeper states) and client commands. It must never panic, every failure
//! must be a readable `Error`, and once `poll` has failed the session must refuse everything.
use arbitrary::Arbitrary;
use libimap::proto::command::{AppendMessage, Command, FetchAttributes, Secret};
use libimap::proto::sequence::SequenceSet;
use libimap::sasl::SaslClient;
use libimap::session::{Progress, Session, SessionOptions, State};
use libimap::{Error, ErrorKind, Result};

/// A SASL mechanism that replays a script, to drive the session's AUTHENTICATE code.
#[derive(Debug, Clone, Arbitrary)]
pub struct FakeSasl {
    pub initial: Option<Vec<u8>>,
    /// One entry per challenge; `None` fails the step. Past the end every step fails.
    pub replies: Vec<Option<Vec<u8>>>,
    pub finish_ok: bool,
}

impl SaslClient for FakeSasl {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.initial.clone())
    }

    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>> {
        if self.replies.is_empty() {
            return Err(Error::new(ErrorKind::Auth, "fake: no more replies"));
        }
        self.replies
            .remove(0)
            .ok_or_else(|| Error::new(ErrorKind::Auth, "fake: step refused"))
    }

    fn finish(&mut self) -> Result<()> {
        if self.finish_ok {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::Auth, "fake: server not verified"))
        }
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub enum CmdChoice {
    Noop,
    Login(String, Vec<u8>),
    Select(String),
    Fetch(u32, bool),
    StartTls,
    Logout,
    Idle,
    /// APPEND without LITERAL+: a synchronising literal, so a second segment waits for `+`.
    Append(Vec<u8>),
    Authenticate(String, FakeSasl),
}

/// What the server says next.
#[derive(Debug, Clone, Arbitrary)]
pub enum ServerSays {
    /// Arbitrary bytes.
    Bytes(Vec<u8>),
    /// `* OK|PREAUTH|BYE [CAPABILITY ...] hi`.
    Greeting(u8, Vec<String>),
    /// The tagged status of the last command started (`A<n> OK|NO|BAD text`).
    Tagged(u8, String),
    /// A tagged status for some other tag.
    OtherTag(u32, u8),
    /// `+ text`.
    Continuation(Vec<u8>),
    /// `* n EXISTS`, `* n FETCH (UID u FLAGS (\Seen))`, `* CAPABILITY ...`, `* BYE`.
    Data(u8, u32),
}

#[derive(Debug, Clone, Arbitrary)]
pub enum Op {
    Say(ServerSays),
    /// Feed only this many bytes of what is queued, then poll.
    Deliver(u8),
    Start(CmdChoice),
    TakeOutput,
    TlsEstablished,
    IdleDone,
    Closed,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct SessionInput {
    /// Start with [`happy_start`], so that half the inputs begin in the selected state.
    pub selected_first: bool,
    pub require_starttls: bool,
    pub trace: bool,
    pub small_limits: (u8, u8),
    pub ops: Vec<Op>,
}

/// Greeting, LOGIN and SELECT answered with OK: the session ends up in the selected state.
pub fn happy_start() -> Vec<Op> {
    vec![
        Op::Say(ServerSays::Greeting(0, vec!["LITERAL+".into()])),
        Op::Start(CmdChoice::Login("user".into(), b"pw".to_vec())),
        Op::TakeOutput,
        Op::Say(ServerSays::Tagged(0, "logged in".into())),
        Op::Start(CmdChoice::Select("INBOX".into())),
        Op::TakeOutput,
        Op::Say(ServerSays::Data(0, 3)),
        Op::Say(ServerSays::Tagged(0, "selected".into())),
    ]
}

fn status_word(b: u8) -> &'static str {
    ["OK", "NO", "BAD", "PREAUTH", "BYE", "ok"][usize::from(b % 6)]
}

fn command(c: &CmdChoice) -> Option<Command> {
    Some(match c {
        CmdChoice::Noop => Command::Noop,
        CmdChoice::Login(u, p) => Command::Login {
            user: u.clone(),
            password: Secret(p.clone()),
        },
        CmdChoice::Select(m) => Command::Select {
            mailbox: m.clone(),
            read_only: false,
            params: Default::default(),
        },
        CmdChoice::Fetch(n, uid) => Command::Fetch {
            set: SequenceSet::single((*n).max(1)).ok()?,
            items: FetchAttributes::Full,
            uid: *uid,
            modifiers: Default::default(),
        },
        CmdChoice::StartTls => Command::StartTls,
        CmdChoice::Logout => Command::Logout,
        CmdChoice::Idle => Command::Idle,
        CmdChoice::Append(data) => Command::Append {
            mailbox: "INBOX".into(),
            messages: vec![AppendMessage::new(data.clone())],
        },
        CmdChoice::Authenticate(..) => return None,
    })
}

struct Driver {
    s: Session,
    /// Server bytes not yet fed.
    queued: Vec<u8>,
    /// Tag of the last command started.
    tag: u32,
    /// The error `poll` failed with, once it has.
    failed: Option<Error>,
}

impl Driver {
    fn check_error(e: &Error) {
        assert!(!e.to_string().is_empty(), "empty error text: {e:?}");
        let _ = (e.kind().as_str(), e.code(), e.text());
    }

    /// After a failure nothing may be started and `poll` keeps failing.
    fn check_dead(&mut self) {
        assert_eq!(self.s.state(), State::Logout, "state after failure");
        assert!(!self.s.busy(), "busy after failure");
        assert!(self.s.start(Command::Noop).is_err(), "NOOP after failure");
        let sasl = Box::new(FakeSasl {
            initial: None,
            replies: vec![],
            finish_ok: true,
        });
        assert!(
            self.s.start_authenticate("X", sasl).is_err(),
            "AUTHENTICATE after failure"
        );
        assert!(self.s.poll().is_err(), "poll after failure");
    }

    fn poll_all(&mut self) {
        // Each round consumes at least one response or ends, so this is bounded by the
        // input; the cap only guards against a session that would loop without consuming.
        for _ in 0..10_000 {
            if self.failed.is_some() {
                self.check_dead();
                return;
            }
            match self.s.poll() {
                Ok(Progress::NeedInput) => return,
                Ok(Progress::Greeted | Progress::Idling | Progress::IdleData) => {}
                Ok(Progress::Done(_)) => assert!(!self.s.busy(), "busy after Done"),
                Ok(Progress::StartTls) => {
                    assert_eq!(self.s.buffered(), 0, "bytes buffered at STARTTLS");
                    self.s.tls_established();
                }
                Err(e) => {
                    Self::check_error(&e);
                    self.failed = Some(e);
                }
            }
        }
        panic!("poll never asked for input");
    }

    fn deliver(&mut self, n: usize) {
        let n = n.min(self.queued.len());
        let chunk: Vec<u8> = self.queued.drain(..n).collect();
        self.s.feed(&chunk);
        self.poll_all();
    }

    fn say(&mut self, what: &ServerSays) {
        let line = match what {
            ServerSays::Bytes(b) => b.clone(),
            ServerSays::Greeting(st, caps) => {
                let caps: Vec<&str> = caps
                    .iter()
                    .map(|c| c.as_str())
                    .filter(|c| {
                        !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic() && b != b']')
                    })
                    .collect();
                format!(
                    "* {} [CAPABILITY IMAP4rev1 {}] hi\r\n",
                    status_word(*st),
                    caps.join(" ")
                )
                .into_bytes()
            }
            ServerSays::Tagged(st, text) => {
                let text: String = text.chars().filter(|c| !c.is_control()).collect();
                format!("A{} {} {text}\r\n", self.tag, status_word(*st)).into_bytes()
            }
            ServerSays::OtherTag(t, st) => format!("A{t} {}\r\n", status_word(*st)).into_bytes(),
            ServerSays::Continuation(text) => {
                let mut l = b"+ ".to_vec();
                l.extend(text.iter().filter(|&&b| b != b'\r' && b != b'\n'));
                l.extend_from_slice(b"\r\n");
                l
            }
            ServerSays::Data(kind, n) => match kind % 5 {
                0 => format!("* {n} EXISTS\r\n"),
                1 => format!("* {n} FETCH (UID {n} FLAGS (\\Seen))\r\n"),
                2 => "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR STARTTLS\r\n".to_string(),
                3 => format!(
                    "* {n} FETCH (BODY[] {{{}}}\r\n{})\r\n",
                    n % 40,
                    "x".repeat((n % 40) as usize)
                ),
                _ => "* BYE bye\r\n".to_string(),
            }
            .into_bytes(),
        };
        self.queued.extend_from_slice(&line);
    }

    fn start(&mut self, c: &CmdChoice) {
        let r = match c {
            CmdChoice::Authenticate(mech, sasl) => {
                self.s.start_authenticate(mech, Box::new(sasl.clone()))
            }
            other => match command(other) {
                Some(cmd) => self.s.start(cmd),
                None => return,
            },
        };
        match r {
            Ok(()) => {
                self.tag += 1;
                assert!(self.s.busy(), "not busy after start");
            }
            Err(e) => Self::check_error(&e),
        }
        if self.failed.is_some() {
            self.check_dead();
        }
    }
}

/// Runs the script; returns every state the session was in after an operation (for the
/// property tests' guards against shallow inputs).
pub fn run(input: &SessionInput) -> Vec<State> {
    let (a, b) = input.small_limits;
    let mut limits = crate::frames::small_limits(a, b);
    // Room for a greeting and ordinary responses; small enough to hit the limits.
    limits.max_line += 128;
    limits.max_response += 256;
    let mut d = Driver {
        s: Session::new(SessionOptions {
            limits,
            require_starttls: input.require_starttls,
            trace: input.trace,
        }),
        queued: Vec::new(),
        tag: 0,
        failed: None,
    };
    let mut seen = vec![d.s.state()];
    let start = if input.selected_first {
        happy_start()
    } else {
        Vec::new()
    };
    for op in start.iter().chain(&input.ops) {
        match op {
            Op::Say(what) => {
                d.say(what);
                let all = d.queued.len();
                d.deliver(all);
            }
            Op::Deliver(n) => {
                d.deliver(usize::from(*n));
            }
            Op::Start(c) => d.start(c),
            Op::TakeOutput => {
                let _ = d.s.take_output();
                let _ = d.s.take_trace();
            }
            Op::TlsEstablished => d.s.tls_established(),
            Op::IdleDone => {
                if let Err(e) = d.s.idle_done() {
                    Driver::check_error(&e);
                }
            }
            Op::Closed => {
                let e = d.s.closed();
                Driver::check_error(&e);
                d.failed = Some(e);
                d.check_dead();
            }
        }
        if !seen.contains(&d.s.state()) {
            seen.push(d.s.state());
        }
    }
    let all = d.queued.len();
    d.deliver(all);
    seen
}
