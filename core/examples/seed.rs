//! The seed exchange from Rust, printing the (redacted) protocol trace and decoded results.
//!
//! Usage: cargo run -p libimap --example seed -- HOST PORT starttls|tls|insecure-plaintext USER PASSWORD [CA_FILE]
use libimap::proto::command::StoreOp;
use libimap::{Client, Config, Flag, Security, TraceDirection};
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!(
            "usage: {} HOST PORT starttls|tls|insecure-plaintext USER PASSWORD [CA_FILE]",
            args[0]
        );
        std::process::exit(2);
    }
    let security =
        Security::parse(&args[3]).ok_or("security must be starttls, tls or insecure-plaintext")?;
    let mut config = Config::new(args[1].clone(), args[2].parse()?, security);
    config.ca_file = args.get(6).map(Into::into);
    config.trace = Some(Arc::new(|dir, line: &str| {
        let arrow = if dir == TraceDirection::Client {
            "C:"
        } else {
            "S:"
        };
        println!("{arrow} {line}");
    }));
    let mut client = Client::connect(config)?;
    let mechanism = client.login(&args[4], &args[5])?;
    println!("== authenticated with {}", mechanism.name());
    println!("== enabled {:?}", client.enable(&["IMAP4rev2"])?);
    let info = client.select("INBOX", false)?;
    println!("== INBOX: {info:#?}");
    for m in client.fetch("1", "FULL", false)? {
        println!("== message {m:#?}");
    }
    for m in client.fetch("1", "BODY.PEEK[HEADER]", false)? {
        println!(
            "== header of {}:\n{}",
            m.seq,
            String::from_utf8_lossy(m.section("HEADER").unwrap_or_default())
        );
    }
    println!(
        "== after +FLAGS: {:?}",
        client.store("1", StoreOp::Add, &[Flag::Deleted], false)?[0].flags
    );
    println!(
        "== after -FLAGS: {:?}",
        client.store("1", StoreOp::Remove, &[Flag::Deleted], false)?[0].flags
    );
    client.logout()?;
    Ok(())
}
