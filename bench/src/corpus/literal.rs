//! Corpus (b): whole messages as `BODY[]` literals of 64 KiB to 4 MiB, the case where a
//! parser should do little more than copy bytes.
use super::{base64, FIRST_NAMES, HOSTS, LAST_NAMES};
use crate::rng::Rng;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn generate(seed: u64, target: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(target + (4 << 20) + 4096);
    let mut seq = 0u32;
    while out.len() < target {
        seq += 1;
        let size = rng.log_range(64 << 10, 4 << 20) as usize;
        let msg = message(&mut rng, size);
        let uid = 1000 + seq * 2;
        match rng.below(3) {
            0 => out.extend_from_slice(
                format!("* {seq} FETCH (UID {uid} BODY[] {{{}}}\r\n", msg.len()).as_bytes(),
            ),
            1 => out.extend_from_slice(
                format!(
                    "* {seq} FETCH (UID {uid} FLAGS (\\Seen) BODY[] {{{}}}\r\n",
                    msg.len()
                )
                .as_bytes(),
            ),
            _ => out.extend_from_slice(
                format!("* {seq} FETCH (BODY[] {{{}}}\r\n", msg.len()).as_bytes(),
            ),
        }
        out.extend_from_slice(&msg);
        if rng.chance(50) {
            out.extend_from_slice(format!(" UID {uid})\r\n").as_bytes());
        } else {
            out.extend_from_slice(b")\r\n");
        }
    }
    out
}

/// An RFC 5322 message of about `size` bytes: headers, a UTF-8 text part and a base64
/// attachment wrapped at 76 columns.
fn message(rng: &mut Rng, size: usize) -> Vec<u8> {
    let mut m = Vec::with_capacity(size + 200);
    let host = *rng.pick(HOSTS);
    let from = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    m.extend_from_slice(
        format!(
            "Return-Path: <sender@{host}>\r\nFrom: =?UTF-8?B?{}?= <sender@{host}>\r\n\
             To: team@example.com\r\nSubject: Bericht {}\r\nMessage-ID: <{:x}@{host}>\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
             --b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
             Grüße aus München — see the attached file.\r\n\r\n--b1\r\n\
             Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n",
            base64(from.as_bytes(), B64, true),
            rng.below(1000),
            rng.next_u64()
        )
        .as_bytes(),
    );
    while m.len() + 78 < size {
        let mut x = rng.next_u64();
        for i in 0..76 {
            if i % 10 == 0 {
                x = rng.next_u64();
            }
            m.push(B64[(x & 63) as usize]);
            x >>= 6;
        }
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(b"--b1--\r\n");
    m
}
