//! Mailbox commands against the real Dovecot fixture: CREATE/LIST/APPEND/COPY/MOVE/EXPUNGE/
//! DELETE and IDLE. Each test works in mailboxes of its own (user `unicode`), so the seed
//! tests' INBOX is untouched.
mod common;

use common::{fixture, Fixture};
use libimap::{Client, Config, ErrorKind, Flag, Security, Untagged};
use std::time::{Duration, Instant};

fn connect(fx: &Fixture) -> Client {
    let mut c = Config::new(fx.host.clone(), fx.port_tls, Security::Tls);
    c.ca_file = Some(fx.ca_file.clone());
    c.timeout = Some(Duration::from_secs(20));
    let mut client = Client::connect(c).expect("connect");
    client
        .login("unicode", &fx.password("unicode"))
        .expect("login");
    client
}

fn fresh_mailbox(c: &mut Client, name: &str) {
    let _ = c.delete(name);
    c.create(name).expect("create");
}

#[test]
fn create_list_rename_delete_with_unicode_names() {
    let fx = fixture();
    let mut c = connect(fx);
    // LIST "" "" tells the hierarchy delimiter (Dovecot's Maildir++ uses '.').
    let delim = c.list("", "").unwrap()[0]
        .delimiter
        .expect("hierarchical server");
    let parent = "Tëst";
    let name = format!("{parent}{delim}Ärchiv ☕");
    let renamed = format!("{parent}{delim}Neu");
    let _ = c.delete(&renamed);
    let _ = c.delete(&name);
    c.create(&name).unwrap();
    let listed = c.list("", &format!("{parent}{delim}*")).unwrap();
    let item = listed
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("{listed:?}"));
    // Sent and listed in modified UTF-7 on the wire (an IMAP4rev1 server).
    assert_eq!(
        String::from_utf8_lossy(&item.name_raw),
        format!("T&AOs-st{delim}&AMQ-rchiv &JhU-")
    );
    c.rename(&name, &renamed).unwrap();
    let listed = c.list("", &format!("{parent}{delim}*")).unwrap();
    assert_eq!(
        listed.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        vec![renamed.as_str()]
    );
    c.delete(&renamed).unwrap();
    let e = c.delete(&renamed).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::No, "{e}");
    c.logout().unwrap();
}

#[test]
fn append_copy_move_expunge() {
    let fx = fixture();
    let mut c = connect(fx);
    fresh_mailbox(&mut c, "ops-src");
    fresh_mailbox(&mut c, "ops-dst");
    let msg = b"From: a@example.com\r\nSubject: one\r\n\r\nbody one\r\n";
    let appended = c.append("ops-src", msg, &[Flag::Flagged], None).unwrap();
    let (_, uid) = appended.expect("Dovecot reports APPENDUID");
    c.append("ops-src", b"Subject: two\r\n\r\nbody two\r\n", &[], None)
        .unwrap();
    let info = c.select("ops-src", false).unwrap();
    assert_eq!(info.exists, 2);
    let m = c
        .fetch(&uid.to_string(), "(FLAGS BODY.PEEK[])", true)
        .unwrap();
    assert_eq!(m[0].section("").unwrap(), msg);
    assert!(m[0].flags.as_ref().unwrap().contains(&Flag::Flagged));
    c.copy("1", "ops-dst", false).unwrap();
    c.move_messages("2", "ops-dst", false).unwrap();
    c.store(
        "1",
        libimap::proto::command::StoreOp::Add,
        &[Flag::Deleted],
        false,
    )
    .unwrap();
    assert_eq!(c.expunge().unwrap(), vec![1]);
    let info = c.select("ops-dst", true).unwrap();
    assert_eq!(info.exists, 2);
    c.unselect().unwrap();
    assert_eq!(
        c.fetch("1", "FLAGS", false).unwrap_err().kind(),
        ErrorKind::State
    );
    c.delete("ops-src").unwrap();
    c.delete("ops-dst").unwrap();
    c.logout().unwrap();
}

#[test]
fn idle_reports_new_mail_and_times_out_quietly() {
    let fx = fixture();
    let mut idler = connect(fx);
    fresh_mailbox(&mut idler, "ops-idle");
    idler.select("ops-idle", false).unwrap();

    // Nothing happens: IDLE ends after the wait with no data and the connection stays usable.
    let start = Instant::now();
    assert!(idler.idle(Duration::from_millis(300)).unwrap().is_empty());
    assert!(start.elapsed() >= Duration::from_millis(300));
    idler.noop().unwrap();

    let writer = std::thread::spawn(move || {
        let mut c = connect(fixture());
        std::thread::sleep(Duration::from_millis(300));
        c.append("ops-idle", b"Subject: wake up\r\n\r\n.\r\n", &[], None)
            .unwrap();
        c.logout().unwrap();
    });
    let got = idler.idle(Duration::from_secs(15)).unwrap();
    writer.join().unwrap();
    assert!(
        got.iter().any(|u| matches!(u, Untagged::Exists(1))),
        "{got:?}"
    );
    idler.close().unwrap();
    idler.delete("ops-idle").unwrap();
    idler.logout().unwrap();
}
