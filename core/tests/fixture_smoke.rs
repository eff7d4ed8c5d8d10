//! The Dovecot fixture is reachable and behaves as tests/scenarios/README.md says. This talks raw
//! TCP/TLS on purpose: it checks the fixture, not libimap's client.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};

fn connect(host: &str, port: u16) -> TcpStream {
    // (host, port) tries every address: localhost may be ::1 first, the server is on 127.0.0.1.
    let tcp = TcpStream::connect((host, port)).expect("connect to the fixture");
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    tcp
}

fn read_line(r: &mut impl BufRead) -> String {
    let mut line = String::new();
    r.read_line(&mut line).expect("read a line");
    line
}

#[test]
fn plain_port_greets_and_offers_starttls() {
    let f = common::fixture();
    let mut r = BufReader::new(connect(&f.host, f.port_starttls));
    let greeting = read_line(&mut r);
    assert!(greeting.starts_with("* OK "), "greeting: {greeting:?}");
    assert!(greeting.contains(" STARTTLS "), "greeting: {greeting:?}");
    assert!(
        greeting.contains(" AUTH=SCRAM-SHA-256"),
        "greeting: {greeting:?}"
    );
}

#[test]
fn tls_port_handshakes_with_the_fixture_ca() {
    let f = common::fixture();
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(&f.ca_file).expect("CA file") {
        roots.add(cert.expect("CA PEM")).expect("CA certificate");
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from(f.host.clone()).unwrap();
    let conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, connect(&f.host, f.port_tls));
    let mut greeting = [0u8; 5];
    tls.read_exact(&mut greeting)
        .expect("TLS handshake and greeting");
    assert_eq!(&greeting, b"* OK ");
}

#[test]
fn login_is_logged_with_its_method() {
    let f = common::fixture();
    let since = common::log_position(&f.log_file);
    let tcp = connect(&f.host, f.port_starttls);
    let mut w = tcp.try_clone().unwrap();
    let mut r = BufReader::new(tcp);
    read_line(&mut r);
    // 127.0.0.1 counts as secure for Dovecot, so LOGIN works without STARTTLS here.
    write!(w, "a LOGIN rust \"{}\"\r\n", f.password("rust")).unwrap();
    let mut line = read_line(&mut r);
    while line.starts_with('*') {
        line = read_line(&mut r);
    }
    assert!(line.starts_with("a OK "), "LOGIN answer: {line:?}");
    w.write_all(b"b LOGOUT\r\n").unwrap();
    let method = common::wait_login_method(&f.log_file, "rust", since, Duration::from_secs(5));
    assert_eq!(method.as_deref(), Some("PLAIN"));
    assert_eq!(
        common::last_login_method(&f.log_file, "rust").as_deref(),
        Some("PLAIN")
    );
}

#[test]
fn scenario_is_loaded() {
    let f = common::fixture();
    assert_eq!(f.password("unicode"), "pässwörd");
    assert_eq!(f.message(1)["uid"], 101);
    let header = f.header_bytes(1);
    assert!(header.ends_with(b"\r\n\r\n"));
    assert_eq!(
        header.len() as u64,
        f.message(1)["header_size"].as_u64().unwrap()
    );
}

#[test]
fn parses_login_lines() {
    let log = "Nov 25 18:21:36 imap-login: Info: Login: user=<rust>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=1, TLS, session=<a>\n\
               Nov 25 18:21:36 imap-login: Info: Login: user=<rusty>, method=LOGIN, rip=127.0.0.1\n\
               Nov 25 18:21:37 imap-login: Info: Disconnected: Connection closed (auth failed, 1 attempts in 1 secs): user=<rust>, method=SCRAM-SHA-1, rip=127.0.0.1\n\
               Nov 25 18:21:38 imap-login: Info: Login: user=<rust>, method=SCRAM-SHA-256, rip=127.0.0.1, TLS\n";
    assert_eq!(
        common::login_methods(log, "rust"),
        ["PLAIN", "SCRAM-SHA-256"]
    );
    assert_eq!(common::login_methods(log, "rusty"), ["LOGIN"]);
    assert!(common::login_methods(log, "c").is_empty());
}

#[test]
fn parses_env_file() {
    let env = common::parse_env_file(
        "export LIBIMAP_TEST_HOST=localhost\nexport LIBIMAP_TEST_DIR=/tmp/a\\ b\nexport X='c d'\n",
    );
    assert_eq!(env["LIBIMAP_TEST_HOST"], "localhost");
    assert_eq!(env["LIBIMAP_TEST_DIR"], "/tmp/a b");
    assert_eq!(env["X"], "c d");
}
