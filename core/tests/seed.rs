//! The seed exchange against the real Dovecot fixture: every value asserted comes from
//! tests/scenarios/seed.json, which was read from that server.
mod common;

use common::{fixture, log_position, wait_login_method, Fixture};
use libimap::proto::command::StoreOp;
use libimap::{Address, BodyStructure, Client, Config, ErrorKind, Flag, Security, TraceDirection};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn config(fx: &Fixture, port: u16, security: Security) -> Config {
    let mut c = Config::new(fx.host.clone(), port, security);
    c.ca_file = Some(fx.ca_file.clone());
    c.timeout = Some(Duration::from_secs(20));
    c
}

fn flag_set(flags: &[Flag]) -> BTreeSet<String> {
    flags.iter().map(|f| f.to_string()).collect()
}

fn json_flag_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

fn check_addresses(field: &str, got: &[Address], want: &Value) {
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{field}: {got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            g.name.as_ref().map(|t| t.text()),
            opt_str(&w["name"]),
            "{field} name"
        );
        assert_eq!(
            g.name.as_ref().map(|t| &t.raw()[..]),
            opt_str(&w["name_raw"]).map(str::as_bytes),
            "{field} raw name"
        );
        assert_eq!(
            g.mailbox.as_ref().map(|t| t.text()),
            opt_str(&w["mailbox"]),
            "{field} mailbox"
        );
        assert_eq!(
            g.host.as_ref().map(|t| t.text()),
            opt_str(&w["host"]),
            "{field} host"
        );
    }
}

/// The seed.json MIME tree of a body structure.
fn mime_tree(b: &BodyStructure) -> Value {
    match b {
        BodyStructure::Multipart { parts, .. } => Value::Array(vec![
            Value::String(b.mime_type()),
            Value::Array(parts.iter().map(mime_tree).collect()),
        ]),
        BodyStructure::Message { body, .. } => Value::Array(vec![
            Value::String(b.mime_type()),
            Value::Array(vec![mime_tree(body)]),
        ]),
        _ => Value::String(b.mime_type()),
    }
}

#[test]
fn seed_exchange_over_starttls() {
    let fx = fixture();
    let trace = Arc::new(Mutex::new(Vec::<(TraceDirection, String)>::new()));
    let mut cfg = config(fx, fx.port_starttls, Security::StartTls);
    let sink = trace.clone();
    cfg.trace = Some(Arc::new(move |d, l: &str| {
        sink.lock().unwrap().push((d, l.to_string()))
    }));

    let mut c = Client::connect(cfg).expect("connect with STARTTLS");
    assert!(c.is_tls());
    assert!(c.has_capability("IMAP4rev1"), "{:?}", c.capabilities());
    assert!(c.has_capability("AUTH=SCRAM-SHA-256"));
    assert!(
        !c.has_capability("STARTTLS"),
        "capabilities must be re-read after TLS"
    );

    let since = log_position(&fx.log_file);
    let mech = c.login("rust", &fx.password("rust")).expect("login");
    assert_eq!(mech.name(), "SCRAM-SHA-256");
    assert_eq!(
        wait_login_method(&fx.log_file, "rust", since, Duration::from_secs(5)).as_deref(),
        Some("SCRAM-SHA-256")
    );

    // Dovecot 2.3 answers OK without an ENABLED line: nothing was enabled.
    let enabled = c.enable(&["IMAP4rev2"]).expect("enable");
    assert!(
        enabled.iter().all(|e| e.eq_ignore_ascii_case("IMAP4rev2")),
        "{enabled:?}"
    );

    let mb = &fx.scenario["mailbox"];
    let info = c.select("INBOX", false).expect("select");
    assert_eq!(info.exists as u64, mb["exists"].as_u64().unwrap());
    assert_eq!(info.uidvalidity.map(u64::from), mb["uidvalidity"].as_u64());
    assert_eq!(info.uidnext.map(u64::from), mb["uidnext"].as_u64());
    assert_eq!(info.unseen.map(u64::from), mb["unseen"].as_u64());
    assert_eq!(info.read_only, mb["read_only"].as_bool().unwrap());
    assert_eq!(flag_set(&info.flags), json_flag_set(&mb["flags"]));
    assert_eq!(
        flag_set(&info.permanent_flags),
        json_flag_set(&mb["permanent_flags"])
    );
    assert!(info.permanent_flags.contains(&Flag::MayCreate));

    let messages = c.fetch("1:3", "FULL", false).expect("fetch FULL");
    assert_eq!(messages.len(), 3);
    for m in &messages {
        let want = fx.message(m.seq);
        assert_eq!(
            flag_set(m.flags.as_deref().unwrap()),
            json_flag_set(&want["flags"]),
            "flags of {}",
            m.seq
        );
        assert_eq!(
            m.internal_date.unwrap().unix_timestamp(),
            want["internal_date"].as_i64().unwrap()
        );
        assert_eq!(m.size, want["rfc822_size"].as_u64());
        let env = m.envelope.as_ref().expect("envelope").fields();
        let we = &want["envelope"];
        assert_eq!(
            env.subject.as_ref().unwrap().text(),
            we["subject"].as_str().unwrap()
        );
        assert_eq!(
            env.subject.as_ref().unwrap().raw(),
            we["subject_raw"].as_str().unwrap().as_bytes()
        );
        assert_eq!(
            env.date().unwrap().unix_timestamp(),
            we["date"].as_i64().unwrap()
        );
        assert_eq!(
            env.date_raw.as_ref().unwrap().raw(),
            we["date_raw"].as_str().unwrap().as_bytes()
        );
        assert_eq!(
            env.message_id.as_ref().map(|t| t.text()),
            opt_str(&we["message_id"])
        );
        assert_eq!(
            env.in_reply_to.as_ref().map(|t| t.text()),
            opt_str(&we["in_reply_to"])
        );
        for (field, got) in [
            ("from", &env.from),
            ("sender", &env.sender),
            ("reply_to", &env.reply_to),
            ("to", &env.to),
            ("cc", &env.cc),
            ("bcc", &env.bcc),
        ] {
            check_addresses(field, got, &we[field]);
        }
        assert_eq!(
            mime_tree(m.body_structure.as_ref().expect("body")),
            want["mime"],
            "mime tree of {}",
            m.seq
        );
    }

    let uids = c
        .fetch("1:3", "(UID BODY.PEEK[HEADER])", false)
        .expect("fetch header");
    for m in &uids {
        assert_eq!(m.uid.map(u64::from), fx.message(m.seq)["uid"].as_u64());
        assert_eq!(
            m.section("HEADER").expect("header bytes"),
            fx.header_bytes(m.seq).as_slice(),
            "header of {}",
            m.seq
        );
    }
    // BODY.PEEK must not have set \Seen on the unseen messages.
    let flags = c.fetch("2", "FLAGS", false).unwrap();
    assert!(!flags[0].flags.as_ref().unwrap().contains(&Flag::Seen));

    let store = &fx.scenario["store"];
    let seq = store["seq"].as_u64().unwrap().to_string();
    let after = c
        .store(&seq, StoreOp::Add, &[Flag::Deleted], false)
        .expect("store +FLAGS");
    assert_eq!(
        flag_set(after[0].flags.as_deref().unwrap()),
        json_flag_set(&store["after_add_deleted"])
    );
    let after = c
        .store(&seq, StoreOp::Remove, &[Flag::Deleted], false)
        .expect("store -FLAGS");
    assert_eq!(
        flag_set(after[0].flags.as_deref().unwrap()),
        json_flag_set(&store["after_remove_deleted"])
    );

    c.logout().expect("logout");
    assert_eq!(c.noop().unwrap_err().kind(), ErrorKind::State);

    let trace = trace.lock().unwrap();
    let text: Vec<&str> = trace.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        text.iter()
            .any(|l| l.contains("AUTHENTICATE SCRAM-SHA-256")),
        "{text:?}"
    );
    assert!(text.iter().any(|l| l.starts_with("* BYE")), "{text:?}");
    assert!(
        !text.iter().any(|l| l.contains(&fx.password("rust"))),
        "password leaked into the trace"
    );
}

#[test]
fn implicit_tls_and_saslprep_password() {
    let fx = fixture();
    let mut c = Client::connect(config(fx, fx.port_tls, Security::Tls)).expect("connect TLS");
    assert!(c.is_tls());
    let since = log_position(&fx.log_file);
    assert_eq!(
        c.login("unicode", &fx.password("unicode")).unwrap().name(),
        "SCRAM-SHA-256"
    );
    assert_eq!(
        wait_login_method(&fx.log_file, "unicode", since, Duration::from_secs(5)).as_deref(),
        Some("SCRAM-SHA-256")
    );
    let info = c.select("INBOX", true).expect("examine");
    assert!(info.read_only);
    let m = c.fetch("1", "BODY.PEEK[1]", false).unwrap();
    let want = fx.message(1)["parts"][0]["content"].as_str().unwrap();
    assert_eq!(m[0].section("1").unwrap(), want.as_bytes());
    c.logout().unwrap();
}

#[test]
fn every_mechanism_against_dovecot() {
    use libimap::sasl::Mechanism;
    let fx = fixture();
    for mech in [
        Mechanism::ScramSha256,
        Mechanism::ScramSha1,
        Mechanism::Plain,
        Mechanism::Login,
    ] {
        let mut c = Client::connect(config(fx, fx.port_tls, Security::Tls)).unwrap();
        c.authenticate(mech, "unicode", &fx.password("unicode"))
            .unwrap_or_else(|e| panic!("{}: {e}", mech.name()));
        assert_eq!(c.mechanism(), Some(mech));
        c.logout().unwrap();
    }
}

#[test]
fn wrong_password_is_an_auth_error_with_server_text() {
    let fx = fixture();
    let mut c = Client::connect(config(fx, fx.port_starttls, Security::StartTls)).unwrap();
    let e = c.login("rust", "not-the-password").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert_eq!(e.code(), Some("AUTHENTICATIONFAILED"));
    assert!(e.text().contains("Authentication failed"), "{e}");
}

#[test]
fn certificate_for_another_name_is_refused() {
    let fx = fixture();
    let mut cfg = config(fx, fx.port_tls, Security::Tls);
    cfg.server_name = Some("wrong.example".into());
    let e = Client::connect(cfg).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.text().to_ascii_lowercase().contains("certificate"), "{e}");
}

#[test]
fn unknown_ca_is_refused_on_both_ports() {
    let fx = fixture();
    for (port, sec) in [
        (fx.port_tls, Security::Tls),
        (fx.port_starttls, Security::StartTls),
    ] {
        let mut cfg = config(fx, port, sec);
        cfg.ca_file = None; // system roots do not know the fixture's CA
        let e = Client::connect(cfg).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Tls, "{sec:?}: {e}");
        assert!(
            e.text().contains("UnknownIssuer")
                || e.text().contains("unknown issuer")
                || e.text().contains("root certificates"),
            "{e}"
        );
    }
}

#[test]
fn invalid_arguments_are_refused_before_sending() {
    let fx = fixture();
    let mut c = Client::connect(config(fx, fx.port_tls, Security::Tls)).unwrap();
    assert_eq!(
        c.select("INBOX", false).unwrap_err().kind(),
        ErrorKind::State
    );
    c.login("rust", &fx.password("rust")).unwrap();
    assert_eq!(
        c.fetch("1", "FLAGS", false).unwrap_err().kind(),
        ErrorKind::State
    );
    assert_eq!(
        c.select("INBOX\r\nA9 LOGOUT", false).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    c.select("INBOX", true).unwrap();
    assert_eq!(
        c.fetch("0", "FLAGS", false).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        c.fetch("1", "FLAGS\r\nA9 LOGOUT", false)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    // The connection is still usable: nothing was sent.
    assert_eq!(c.fetch("1", "UID", false).unwrap()[0].uid, Some(101));
    let e = c.select("No/Such/Mailbox", false).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::No, "{e}");
    c.logout().unwrap();
}
