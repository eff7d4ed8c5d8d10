//! STARTTLS policy against the scripted hostile server (tests/hostile/server.py): every
//! downgrade attempt must fail the connection before any credential or mailbox command is sent.
use libimap::{Client, Config, ErrorKind, Security};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Scripted {
    child: Child,
    port: u16,
    record: PathBuf,
}

impl Drop for Scripted {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn serve(script: &str) -> Scripted {
    let record = std::env::temp_dir().join(format!(
        "libimap-hostile-{}-{script}.rec",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&record);
    let mut child = Command::new("python3")
        .arg(repo().join("tests/hostile/server.py"))
        .arg(
            repo()
                .join("tests/hostile/scripts")
                .join(format!("{script}.txt")),
        )
        .arg("--record")
        .arg(&record)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the scripted server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line.trim().parse().expect("server prints its port");
    Scripted {
        child,
        port,
        record,
    }
}

fn attempt(script: &str) -> (libimap::Error, String) {
    let mut server = serve(script);
    let mut config = Config::new("127.0.0.1", server.port, Security::StartTls);
    config.timeout = Some(Duration::from_secs(5));
    let err = match Client::connect(config) {
        Ok(mut c) => {
            // Even if connect were (wrongly) to succeed, this must never reach the wire.
            let _ = c.login("victim", "hunter2");
            panic!("{script}: connect succeeded on a connection that could not be protected");
        }
        Err(e) => e,
    };
    let _ = server.child.wait();
    let sent = std::fs::read(&server.record).unwrap_or_default();
    let sent = String::from_utf8_lossy(&sent).into_owned();
    assert!(
        !sent.contains("hunter2")
            && !sent.to_ascii_uppercase().contains("LOGIN ")
            && !sent.to_ascii_uppercase().contains("AUTHENTICATE"),
        "{script}: sent {sent:?}"
    );
    (err, sent)
}

#[test]
fn starttls_not_offered_fails_before_credentials() {
    let (e, sent) = attempt("starttls-not-offered");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().contains("STARTTLS"), "{e}");
    assert_eq!(sent, "", "nothing at all should be sent");
}

#[test]
fn starttls_missing_from_capability_response() {
    let (e, sent) = attempt("starttls-no-capability-code");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(
        sent.contains("CAPABILITY") && !sent.contains("STARTTLS"),
        "{sent:?}"
    );
}

#[test]
fn starttls_refused_fails() {
    let (e, sent) = attempt("starttls-refused");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().contains("TLS is not available today"), "{e}");
    assert_eq!(e.code(), Some("UNAVAILABLE"));
    assert!(sent.contains("STARTTLS"));
}

#[test]
fn bytes_injected_after_starttls_ok_are_refused() {
    let (e, _) = attempt("starttls-injection");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().contains("injection"), "{e}");
}

#[test]
fn preauth_on_starttls_connection_is_refused() {
    let (e, sent) = attempt("starttls-preauth");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().contains("PREAUTH"), "{e}");
    assert_eq!(sent, "");
}

#[test]
fn nothing_listening_is_an_io_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let e = Client::connect(Config::new("127.0.0.1", port, Security::Tls)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
}

#[test]
fn client_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Client>();
}
