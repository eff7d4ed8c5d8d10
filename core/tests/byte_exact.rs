//! Nothing lost: message bytes go through APPEND and FETCH unchanged.
//!
//! Against the real Dovecot: every byte value, 8-bit and binary (NUL) parts and a 1 MiB line.
//! Dovecot itself normalises line ends (a bare CR or LF comes back as CRLF, measured), so the
//! bare-CR/LF case runs against the scripted server, which records the exact bytes we send and
//! serves exact bytes back.
mod common;
mod hostile_support;

use common::{fixture, Fixture};
use libimap::{Client, Config, Security};
use std::time::Duration;

fn connect(fx: &Fixture) -> Client {
    let mut c = Config::new(fx.host.clone(), fx.port_tls, Security::Tls);
    c.ca_file = Some(fx.ca_file.clone());
    c.timeout = Some(Duration::from_secs(30));
    let mut client = Client::connect(c).expect("connect");
    client
        .login("unicode", &fx.password("unicode"))
        .expect("login");
    client
}

fn header() -> Vec<u8> {
    b"From: bytes@example.com\r\nSubject: every byte\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n".to_vec()
}

/// Messages whose line ends are all CRLF, so Dovecot stores them as they are.
fn dovecot_cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut every = header();
    every.extend((1u8..=255).filter(|&b| b != b'\r' && b != b'\n'));
    every.extend_from_slice(b"\r\n");
    let mut binary = header();
    binary.extend_from_slice(b"NUL \0 in \0\0 the middle\r\n\xff\xfe\x80 8-bit \xc3\xa9\r\n");
    binary.extend((0u8..=255).filter(|&b| b != b'\r' && b != b'\n'));
    binary.extend_from_slice(b"\r\n");
    let mut long = b"Subject: long line\r\n\r\n".to_vec();
    long.extend_from_slice(&vec![b'x'; 1 << 20]);
    long.extend_from_slice(b"\r\n");
    vec![
        ("every byte 0x01-0xFF but CR/LF", every),
        ("binary with NUL and 8-bit", binary),
        ("1 MiB line", long),
    ]
}

fn first_difference(got: &[u8], want: &[u8]) -> String {
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    format!(
        "differ at byte {at}: got {} bytes, want {}",
        got.len(),
        want.len()
    )
}

#[test]
fn append_then_fetch_is_byte_identical_on_dovecot() {
    let fx = fixture();
    let mut c = connect(fx);
    let _ = c.delete("bytes");
    c.create("bytes").unwrap();
    for (name, data) in dovecot_cases() {
        let (_, uid) = c
            .append("bytes", &data, &[], None)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .expect("APPENDUID");
        c.select("bytes", true).unwrap();
        // A message holding NUL cannot travel in a plain literal: Dovecot re-encodes it for
        // BODY[] (RFC 3516 §4.2), so only BINARY[] must give it back unchanged.
        let fetches: &[&str] = if data.contains(&0) {
            &["BINARY.PEEK[]"]
        } else {
            &["BODY.PEEK[]", "BINARY.PEEK[]"]
        };
        for &items in fetches {
            let m = c.fetch(&uid.to_string(), items, true).unwrap();
            let got = m[0]
                .sections
                .first()
                .and_then(|s| s.data.as_deref())
                .expect("section data");
            assert!(
                got == data.as_slice(),
                "{name} via {items}: {}",
                first_difference(got, &data)
            );
        }
    }
    c.unselect().unwrap();
    c.delete("bytes").unwrap();
    c.logout().unwrap();
}

/// The message of tests/hostile/scripts/byte-exact.txt: every byte value, NUL, bare CR, bare LF.
fn scripted_message() -> Vec<u8> {
    let mut m = b"Subject: every byte\r\n\r\n".to_vec();
    m.extend(0u8..=255);
    m.extend_from_slice(b"\r\nbare CR\rbare LF\nend\r\n");
    m
}

#[test]
fn append_and_fetch_keep_every_byte_on_the_wire() {
    let msg = scripted_message();
    let server = hostile_support::Server::start("byte-exact", &[]);
    let mut client = Client::connect(server.config(Security::InsecurePlaintext)).unwrap();
    assert_eq!(
        client.append("bytes", &msg, &[], None).unwrap(),
        Some((7, 42))
    );
    client.select("bytes", false).unwrap();
    let got = client
        .fetch("42", "(BINARY.PEEK[] BODY.PEEK[])", true)
        .unwrap();
    assert_eq!(got.len(), 1, "both FETCH responses merge into one message");
    assert_eq!(
        got[0].section("BINARY[]").map(<[u8]>::len),
        Some(msg.len()),
        "{:?}",
        got[0].sections
    );
    assert!(got[0].section("BINARY[]") == Some(msg.as_slice()));
    assert!(got[0].section("") == Some(msg.as_slice()));
    client.logout().unwrap();
    let report = server.finish();
    assert!(report.completed, "the script ran to its end");
    let sent = report.plain;
    let head = format!("A1 APPEND bytes ~{{{}+}}\r\n", msg.len());
    assert!(
        sent.starts_with(head.as_bytes()),
        "{:?}",
        String::from_utf8_lossy(&sent[..60.min(sent.len())])
    );
    assert!(
        &sent[head.len()..head.len() + msg.len()] == msg.as_slice(),
        "APPEND literal altered"
    );
}
