//! Transcript tests: the session fed server bytes by hand, no network.
use super::*;
use crate::proto::command::{FetchAttributes, Secret};
use crate::proto::sequence::SequenceSet;

fn session(require_starttls: bool) -> Session {
    Session::new(SessionOptions {
        limits: Limits::default(),
        require_starttls,
        trace: true,
    })
}

fn greeted(caps: &str) -> Session {
    let mut s = session(false);
    s.feed(format!("* OK [CAPABILITY {caps}] hi\r\n").as_bytes());
    assert!(matches!(s.poll().unwrap(), Progress::Greeted));
    s
}

fn done(s: &mut Session) -> Outcome {
    match s.poll().unwrap() {
        Progress::Done(o) => o,
        other => panic!("expected Done, got {other:?}"),
    }
}

#[test]
fn greeting_capabilities_and_states() {
    let s = greeted("IMAP4rev1 STARTTLS AUTH=SCRAM-SHA-256");
    assert_eq!(s.state(), State::NotAuthenticated);
    assert!(s.capabilities().has("starttls"));
    assert_eq!(s.greeting_text(), "hi");

    let mut s = session(false);
    s.feed(b"* PREAUTH ready\r\n");
    s.poll().unwrap();
    assert_eq!(s.state(), State::Authenticated);

    let mut s = session(false);
    s.feed(b"* BYE [UNAVAILABLE] go away\r\n");
    let e = s.poll().unwrap_err();
    assert_eq!(
        (e.kind(), e.code(), e.text()),
        (ErrorKind::Bye, Some("UNAVAILABLE"), "go away")
    );
    assert!(s.start(Command::Noop).is_err());
}

#[test]
fn partial_input_waits() {
    let mut s = session(false);
    s.feed(b"* OK [CAPABILITY IMAP4rev1] h");
    assert!(matches!(s.poll().unwrap(), Progress::NeedInput));
    s.feed(b"i\r\n");
    assert!(matches!(s.poll().unwrap(), Progress::Greeted));
}

#[test]
fn starttls_forgets_cleartext_state() {
    let mut s = session(true);
    s.feed(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\n");
    s.poll().unwrap();
    s.start(Command::StartTls).unwrap();
    assert_eq!(s.take_output(), b"A1 STARTTLS\r\n");
    // Untagged data in clear during STARTTLS is dropped, never shown.
    s.feed(b"* 5 EXISTS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA1 OK go\r\n");
    assert!(matches!(s.poll().unwrap(), Progress::StartTls));
    s.tls_established();
    assert!(!s.capabilities().is_known());
    assert_eq!(
        s.greeting_text(),
        "",
        "the clear-text greeting is forgotten too"
    );
    assert!(s.take_unsolicited().is_empty());
    assert!(s.tls_active());
}

#[test]
fn starttls_injection_and_refusal() {
    let mut s = session(true);
    s.feed(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n");
    s.poll().unwrap();
    s.start(Command::StartTls).unwrap();
    s.take_output();
    s.feed(b"A1 OK go\r\n* OK injected\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Tls);

    let mut s = session(true);
    s.feed(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n");
    s.poll().unwrap();
    s.start(Command::StartTls).unwrap();
    s.take_output();
    s.feed(b"+ go ahead\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Tls);

    let mut s = session(true);
    s.feed(b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Tls);
}

#[test]
fn tagged_reply_before_command_sent_is_refused() {
    let mut s = greeted("IMAP4rev1");
    s.start(Command::Noop).unwrap();
    // Not yet taken by the driver: the server cannot know the tag.
    s.feed(b"A1 OK forged\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Protocol);

    let mut s = greeted("IMAP4rev1");
    s.start(Command::Noop).unwrap();
    s.take_output();
    s.feed(b"A7 OK wrong tag\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Protocol);
}

#[test]
fn reply_received_before_the_command_left_is_refused() {
    // The driver flushes before it polls, so the stale bytes are buffered but not yet parsed
    // when the command goes out: their position in the stream gives them away.
    let mut s = greeted("IMAP4rev1 STARTTLS");
    s.feed(b"A1 OK begin TLS now\r\n");
    s.start(Command::StartTls).unwrap();
    assert_eq!(s.take_output(), b"A1 STARTTLS\r\n");
    let e = s.poll().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().contains("before the command was sent"), "{e}");

    let mut s = greeted("IMAP4rev1");
    s.feed(b"+ send it\r\n");
    s.start(Command::Login {
        user: "bob".into(),
        password: Secret::from("pässword"),
    })
    .unwrap();
    s.take_output();
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Protocol);
    assert!(s.take_output().is_empty(), "the literal must not leave");
}

#[test]
fn tagged_reply_before_the_literal_was_sent() {
    let login = || Command::Login {
        user: "bob".into(),
        password: Secret::from("pässword"),
    };
    let mut s = greeted("IMAP4rev1");
    s.start(login()).unwrap();
    s.take_output();
    s.feed(b"A1 OK LOGIN completed\r\n");
    let e = s.poll().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Protocol, "{e}");
    assert_eq!(s.state(), State::Logout);

    // Continuation and tagged OK in one read: the OK was sent before our literal.
    let mut s = greeted("IMAP4rev1");
    s.start(login()).unwrap();
    s.take_output();
    s.feed(b"+ go\r\nA1 OK LOGIN completed\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Protocol);

    // An early NO refuses the command: the literal is dropped, the session goes on.
    let mut s = greeted("IMAP4rev1");
    s.start(login()).unwrap();
    s.take_output();
    s.feed(b"A1 NO go away\r\n");
    assert_eq!(done(&mut s).status, Status::No);
    assert!(s.take_output().is_empty());
    assert_eq!(s.state(), State::NotAuthenticated);
}

#[test]
fn synchronising_literal_waits_for_continuation() {
    let mut s = greeted("IMAP4rev1");
    s.start(Command::Login {
        user: "bob".into(),
        password: Secret::from("pässword"),
    })
    .unwrap();
    assert_eq!(s.take_output(), b"A1 LOGIN bob {9}\r\n");
    assert!(matches!(s.poll().unwrap(), Progress::NeedInput));
    assert!(s.take_output().is_empty());
    s.feed(b"+ Ready for literal data\r\n");
    assert!(matches!(s.poll().unwrap(), Progress::NeedInput));
    assert_eq!(s.take_output(), "pässword\r\n".as_bytes());
    s.feed(b"A1 OK [CAPABILITY IMAP4rev1 IDLE] logged in\r\n");
    let o = done(&mut s);
    assert_eq!(o.status, Status::Ok);
    assert_eq!(s.state(), State::Authenticated);
    assert!(s.capabilities().has("IDLE"));
    let trace: Vec<_> = s.take_trace().into_iter().map(|(_, l)| l).collect();
    assert!(trace.iter().all(|l| !l.contains("pässword")), "{trace:?}");
}

#[test]
fn literal_plus_sends_everything_at_once() {
    let mut s = greeted("IMAP4rev1 LITERAL+");
    s.start(Command::Login {
        user: "bob".into(),
        password: Secret::from("pässword"),
    })
    .unwrap();
    assert_eq!(
        s.take_output(),
        "A1 LOGIN bob {9+}\r\npässword\r\n".as_bytes()
    );
}

struct FakeSasl {
    steps: Vec<Vec<u8>>,
    verified: bool,
}

impl SaslClient for FakeSasl {
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(b"first".to_vec()))
    }
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>> {
        self.steps.push(challenge.to_vec());
        if challenge == b"bad" {
            return Err(Error::new(ErrorKind::Auth, "server signature mismatch"));
        }
        if challenge == b"final" {
            self.verified = true;
            return Ok(Vec::new());
        }
        Ok(b"second".to_vec())
    }
    fn finish(&mut self) -> Result<()> {
        if self.verified {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::Auth, "server not verified"))
        }
    }
}

#[test]
fn sasl_with_and_without_initial_response() {
    // SASL-IR: the initial response rides on the command line.
    let mut s = greeted("IMAP4rev1 SASL-IR AUTH=X");
    s.start_authenticate(
        "X",
        Box::new(FakeSasl {
            steps: vec![],
            verified: false,
        }),
    )
    .unwrap();
    assert_eq!(s.take_output(), b"A1 AUTHENTICATE X Zmlyc3Q=\r\n");
    s.feed(b"+ Y2hhbA==\r\n");
    s.poll().unwrap();
    assert_eq!(s.take_output(), b"c2Vjb25k\r\n");
    s.feed(b"+ ZmluYWw=\r\n");
    s.poll().unwrap();
    assert_eq!(s.take_output(), b"\r\n");
    s.feed(b"A1 OK done\r\n");
    assert_eq!(done(&mut s).status, Status::Ok);
    assert_eq!(s.state(), State::Authenticated);

    // No SASL-IR: wait for the empty challenge first.
    let mut s = greeted("IMAP4rev1 AUTH=X");
    s.start_authenticate(
        "X",
        Box::new(FakeSasl {
            steps: vec![],
            verified: false,
        }),
    )
    .unwrap();
    assert_eq!(s.take_output(), b"A1 AUTHENTICATE X\r\n");
    s.feed(b"+\r\n");
    s.poll().unwrap();
    assert_eq!(s.take_output(), b"Zmlyc3Q=\r\n");
}

#[test]
fn sasl_success_without_verification_is_an_auth_error() {
    let mut s = greeted("IMAP4rev1 SASL-IR AUTH=X");
    s.start_authenticate(
        "X",
        Box::new(FakeSasl {
            steps: vec![],
            verified: false,
        }),
    )
    .unwrap();
    s.take_output();
    s.feed(b"A1 OK welcome\r\n");
    assert_eq!(s.poll().unwrap_err().kind(), ErrorKind::Auth);
}

#[test]
fn sasl_local_failure_cancels_with_star() {
    let mut s = greeted("IMAP4rev1 SASL-IR AUTH=X");
    s.start_authenticate(
        "X",
        Box::new(FakeSasl {
            steps: vec![],
            verified: false,
        }),
    )
    .unwrap();
    s.take_output();
    s.feed(b"+ YmFk\r\n");
    s.poll().unwrap();
    assert_eq!(s.take_output(), b"*\r\n");
    s.feed(b"A1 BAD cancelled\r\n");
    let e = s.poll().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert!(e.text().contains("signature"));
}

#[test]
fn fetch_collects_untagged_and_respects_state() {
    let mut s = session(false);
    s.feed(b"* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
    s.poll().unwrap();
    let fetch = Command::Fetch {
        set: SequenceSet::parse("1").unwrap(),
        items: FetchAttributes::parse("FLAGS").unwrap(),
        uid: false,
        modifiers: Default::default(),
    };
    assert_eq!(s.start(fetch.clone()).unwrap_err().kind(), ErrorKind::State);
    s.start(Command::Select {
        mailbox: "INBOX".into(),
        read_only: false,
        params: Default::default(),
    })
    .unwrap();
    s.take_output();
    s.feed(b"* 3 EXISTS\r\nA1 OK [READ-WRITE] done\r\n");
    let o = done(&mut s);
    assert_eq!(o.untagged, vec![Untagged::Exists(3)]);
    assert_eq!(s.state(), State::Selected);
    s.start(fetch).unwrap();
    s.take_output();
    s.feed(b"* 1 FETCH (FLAGS (\\Seen))\r\nA2 OK done\r\n");
    let o = done(&mut s);
    assert_eq!(o.untagged.len(), 1);
}

#[test]
fn closed_connection_fails_the_command() {
    let mut s = greeted("IMAP4rev1");
    s.start(Command::Noop).unwrap();
    s.take_output();
    s.feed(b"* BYE [ALERT] shutting down\r\n");
    assert!(matches!(s.poll().unwrap(), Progress::NeedInput));
    let e = s.closed();
    assert_eq!((e.kind(), e.text()), (ErrorKind::Bye, "shutting down"));
    assert_eq!(s.state(), State::Logout);
}
