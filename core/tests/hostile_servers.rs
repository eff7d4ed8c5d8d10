//! Servers that try to exhaust or confuse the client: huge literals, endless lines, floods,
//! trickling, stalls, garbage, invalid UTF-8, connections cut mid-literal. Each ends in a clear
//! error within the configured limits and timeouts (or, for invalid UTF-8, in no error at all).
mod hostile_support;

use hostile_support::Server;
use libimap::proto::framer::Limits;
use libimap::{Client, Code, ErrorKind, Security, Status, Untagged};
use std::time::{Duration, Instant};

fn small_limits() -> Limits {
    Limits {
        max_line: 64 << 10,
        max_literal: 1 << 20,
        max_response: 4 << 20,
        max_items: 10_000,
        ..Limits::default()
    }
}

/// Connects to `script` (implicit TLS when `tls`) with small limits, runs NOOP, and returns
/// its error and how long it took.
fn noop_fails(script: &str, tls: bool) -> (libimap::Error, Duration) {
    let server = Server::start(script, if tls { &["--tls"] } else { &[] });
    let security = if tls {
        Security::Tls
    } else {
        Security::InsecurePlaintext
    };
    let mut config = server.config(security);
    config.limits = small_limits();
    config.timeout = Some(Duration::from_secs(1));
    config.command_timeout = Some(Duration::from_millis(1500));
    let mut c = Client::connect(config).expect("connect");
    let start = Instant::now();
    let e = c.noop().unwrap_err();
    let took = start.elapsed();
    // The failure sticks: nothing more goes to a server whose stream position is unknown.
    assert_eq!(c.noop().unwrap_err(), e);
    drop(c);
    server.finish();
    (e, took)
}

#[test]
fn literal_of_a_trillion_bytes_is_refused_at_its_announcement() {
    let (e, took) = noop_fails("huge-literal", false);
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    assert!(e.text().contains("1000000000000"), "{e}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn literal_of_a_trillion_bytes_with_default_limits() {
    let server = Server::start("huge-literal", &["--tls"]);
    let mut c = Client::connect(server.config(Security::Tls)).expect("connect");
    let e = c.noop().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    drop(c);
    server.finish();
}

#[test]
fn line_that_never_ends_stops_at_max_line() {
    let (e, took) = noop_fails("endless-line", true);
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    assert!(e.text().contains("line"), "{e}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_million_untagged_responses_stop_at_max_items() {
    let (e, took) = noop_fails("flood", false);
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    assert!(e.text().contains("10000"), "{e}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn one_byte_per_second_hits_the_command_deadline() {
    let (e, took) = noop_fails("trickle", false);
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(e.text().contains("command_timeout"), "{e}");
    // Per-read timeout 1 s never trips (a byte a second); the 1.5 s deadline does.
    assert!(
        took >= Duration::from_millis(1400) && took < Duration::from_millis(2500),
        "{took:?}"
    );
}

#[test]
fn silent_server_hits_the_read_timeout() {
    let (e, took) = noop_fails("stall", false);
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_millis(1400),
        "{took:?}"
    );
}

#[test]
fn garbage_instead_of_a_greeting() {
    let server = Server::start("garbage-greeting", &[]);
    let mut config = server.config(Security::InsecurePlaintext);
    config.limits = small_limits();
    let e = Client::connect(config).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Protocol, "{e}");
    assert!(e.text().starts_with("expected a greeting, got "), "{e}");
    // The server chose the bytes: the message quotes only a little of them.
    assert!(e.text().chars().count() < 200, "{e}");
    server.finish();
}

#[test]
fn garbage_instead_of_a_response() {
    let (e, took) = noop_fails("garbage-response", false);
    assert!(
        matches!(e.kind(), ErrorKind::Protocol | ErrorKind::Limit),
        "{e}"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn cut_in_the_middle_of_a_literal() {
    let (e, _) = noop_fails("cut-literal", false);
    assert_eq!(e.kind(), ErrorKind::Protocol, "{e}");
    assert!(e.text().contains("middle of a response"), "{e}");
}

#[test]
fn tls_cut_without_close_notify_in_the_middle_of_a_literal() {
    let (e, _) = noop_fails("cut-literal", true);
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert!(e.text().contains("close_notify"), "{e}");
}

#[test]
fn tls_closed_properly_in_the_middle_of_a_literal() {
    let (e, _) = noop_fails("cut-literal-notify", true);
    assert_eq!(e.kind(), ErrorKind::Protocol, "{e}");
    assert!(e.text().contains("middle of a response"), "{e}");
}

#[test]
fn invalid_utf8_in_text_is_kept_lossy_and_raw() {
    let server = Server::start("invalid-utf8", &["--tls"]);
    let mut c = Client::connect(server.config(Security::Tls)).expect("connect");
    assert_eq!(c.greeting(), "caf\u{fffd} \u{fffd} ready");
    let info = c.select("INBOX", false).unwrap();
    assert_eq!(info.exists, 1);
    let alerts = c.take_unsolicited();
    assert_eq!(
        alerts,
        [Untagged::Status {
            status: Status::Ok,
            code: Some(Code::Alert),
            text: "d\u{fffd}j\u{fffd} vu".into()
        }]
    );
    let messages = c.fetch("1", "(FLAGS ENVELOPE)", false).unwrap();
    let env = messages[0].envelope.as_ref().expect("envelope").fields();
    let subject = env.subject.as_ref().expect("subject");
    assert_eq!(subject.raw(), &b"Caf\xe9 \xff"[..]);
    assert_eq!(subject.text(), "Caf\u{fffd} \u{fffd}");
    assert!(messages[0].flags.is_some());
    c.noop().unwrap();
    match c.take_unsolicited().as_slice() {
        [Untagged::List(item)] => {
            assert_eq!(item.name_raw, b"Bo\xeete");
            assert!(item.name.contains('\u{fffd}'), "{:?}", item.name);
        }
        other => panic!("{other:?}"),
    }
    c.logout().unwrap();
    drop(c);
    assert!(server.finish().completed);
}
