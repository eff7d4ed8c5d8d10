//! The real-Dovecot fixture for integration tests (`mod common;` in a test file).
//!
//! `tests/run.sh` starts one fixture for every language and exports `LIBIMAP_TEST_*`; a plain
//! `cargo test` has no such environment, so the first `fixture()` call of a test process starts a
//! private one with `tests/dovecot/fixture.sh start DIR --watch <pid> --cleanup`, whose watchdog stops
//! it (and removes DIR) when this process exits. See tests/scenarios/README.md for the data.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub struct Fixture {
    /// `localhost`: may resolve to ::1 first, the server listens on 127.0.0.1 only.
    pub host: String,
    /// Plain IMAP port that offers STARTTLS.
    pub port_starttls: u16,
    /// Implicit-TLS port.
    pub port_tls: u16,
    /// PEM file of the CA that signed the server certificate (for `localhost` and 127.0.0.1).
    pub ca_file: PathBuf,
    /// Dovecot's log, one `Login: user=<u>, method=M, ...` line per successful login.
    pub log_file: PathBuf,
    /// tests/scenarios/seed.json, parsed.
    pub scenario: serde_json::Value,
    /// Where seed.json lives: its `eml` and `header_file` paths are relative to this directory.
    pub scenario_dir: PathBuf,
}

impl Fixture {
    /// The password of a fixture user (`rust`, `c`, `python`, `demo`, `unicode`).
    pub fn password(&self, user: &str) -> String {
        self.scenario["users"]
            .as_array()
            .and_then(|users| users.iter().find(|u| u["user"] == user))
            .and_then(|u| u["password"].as_str())
            .unwrap_or_else(|| panic!("seed.json has no user {user:?}"))
            .to_owned()
    }

    /// The scenario entry of message `seq` (1-based).
    pub fn message(&self, seq: u32) -> &serde_json::Value {
        self.scenario["messages"]
            .as_array()
            .and_then(|m| m.iter().find(|m| m["seq"] == seq))
            .unwrap_or_else(|| panic!("seed.json has no message {seq}"))
    }

    /// The exact bytes `BODY[HEADER]` returns for message `seq`.
    pub fn header_bytes(&self, seq: u32) -> Vec<u8> {
        let name = self.message(seq)["header_file"]
            .as_str()
            .expect("header_file is a string");
        let path = self.scenario_dir.join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }
}

/// The fixture of this test process, started on first use unless the environment names one.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let env = if std::env::var_os("LIBIMAP_TEST_PORT_TLS").is_some() {
            std::env::vars().collect()
        } else {
            start_own()
        };
        from_env(&env)
    })
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ has a parent")
        .to_path_buf()
}

fn start_own() -> HashMap<String, String> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("libimap-fixture-{}-{nanos}", std::process::id()));
    let script = repo_root().join("tests/dovecot/fixture.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("start")
        .arg(&dir)
        .arg("--watch")
        .arg(std::process::id().to_string())
        .arg("--cleanup")
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "{} start failed ({}):\n{}{}",
        script.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let env_file = dir.join("env");
    let text = std::fs::read_to_string(&env_file)
        .unwrap_or_else(|e| panic!("reading {}: {e}", env_file.display()));
    parse_env_file(&text)
}

/// `export KEY=value` lines as fixture.sh writes them (values are `printf %q`-quoted).
pub fn parse_env_file(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("export "))
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), unquote(v)))
        .collect()
}

fn unquote(v: &str) -> String {
    if let Some(inner) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.to_owned();
    }
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

fn from_env(env: &HashMap<String, String>) -> Fixture {
    let get = |key: &str| -> String {
        env.get(key)
            .cloned()
            .unwrap_or_else(|| panic!("fixture environment lacks {key}"))
    };
    let port = |key: &str| -> u16 {
        get(key)
            .parse()
            .unwrap_or_else(|e| panic!("{key} is not a port: {e}"))
    };
    let scenario_file = PathBuf::from(get("LIBIMAP_TEST_SCENARIO"));
    let text = std::fs::read_to_string(&scenario_file)
        .unwrap_or_else(|e| panic!("reading {}: {e}", scenario_file.display()));
    let scenario = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("parsing {}: {e}", scenario_file.display()));
    Fixture {
        host: get("LIBIMAP_TEST_HOST"),
        port_starttls: port("LIBIMAP_TEST_PORT_STARTTLS"),
        port_tls: port("LIBIMAP_TEST_PORT_TLS"),
        ca_file: PathBuf::from(get("LIBIMAP_TEST_CA")),
        log_file: PathBuf::from(get("LIBIMAP_TEST_LOG")),
        scenario,
        scenario_dir: scenario_file
            .parent()
            .expect("seed.json is in a directory")
            .to_path_buf(),
    }
}

/// Methods of `user`'s successful logins in log text, oldest first.
pub fn login_methods(text: &str, user: &str) -> Vec<String> {
    let needle = format!("Login: user=<{user}>, method=");
    text.lines()
        .filter_map(|line| line.split_once(&needle))
        .map(|(_, rest)| rest.split(',').next().unwrap_or("").to_owned())
        .collect()
}

fn read_log(log: &Path, from: u64) -> String {
    let bytes = std::fs::read(log).unwrap_or_else(|e| panic!("reading {}: {e}", log.display()));
    let from = usize::try_from(from).unwrap_or(usize::MAX).min(bytes.len());
    String::from_utf8_lossy(&bytes[from..]).into_owned()
}

/// The `method=` of `user`'s last successful login in the Dovecot log, e.g. `SCRAM-SHA-256`.
/// The IMAP LOGIN command is logged as `PLAIN`. Dovecot writes the line asynchronously, and other
/// tests may log in as the same user: prefer [`wait_login_method`] right after a login.
pub fn last_login_method(log: &Path, user: &str) -> Option<String> {
    login_methods(&read_log(log, 0), user).pop()
}

/// The current end of the log, to pass to [`wait_login_method`] before logging in.
pub fn log_position(log: &Path) -> u64 {
    std::fs::metadata(log).map(|m| m.len()).unwrap_or(0)
}

/// The method of the first successful login of `user` logged after `since`, waiting up to `timeout`.
pub fn wait_login_method(log: &Path, user: &str, since: u64, timeout: Duration) -> Option<String> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(method) = login_methods(&read_log(log, since), user)
            .into_iter()
            .next()
        {
            return Some(method);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
