//! The `scram` target: a SCRAM client fed server messages (arbitrary, or shaped so that the
//! client computes a proof). Whenever the client accepts a server-first-message, its proof is
//! recomputed here from RFC 5802 with independent code, and the client may only accept a
//! server-final-message whose `v=` is the signature computed here. `finish` succeeds only
//! after that.
use arbitrary::Arbitrary;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use libimap::sasl::SaslClient;
use sha2::Digest;

pub const USER: &str = "user";
pub const PASSWORD: &str = "pencil";
/// Iteration counts above this are refused: enough to accept the RFC minimum of 4096 and one
/// more, while keeping PBKDF2 cheap per input.
pub const MAX_ITERATIONS: u32 = 4097;

#[derive(Debug, Clone, Arbitrary)]
pub enum FirstDesc {
    Raw(Vec<u8>),
    /// `r=<client nonce><suffix>,s=<base64 salt>,i=<n><tail>`.
    Shaped {
        suffix: String,
        salt: Vec<u8>,
        iterations: u16,
        tail: Option<String>,
    },
}

#[derive(Debug, Clone, Arbitrary)]
pub enum FinalDesc {
    Raw(Vec<u8>),
    /// Exactly `v=<the right signature>`.
    Correct,
    /// The right signature with text around it.
    CorrectWith {
        before: String,
        after: String,
    },
    /// The right signature with one bit flipped.
    Flipped {
        byte: u8,
        bit: u8,
    },
    /// A prefix of the right signature.
    Truncated(u8),
    /// `v=` and any bytes.
    Signature(Vec<u8>),
}

#[derive(Debug, Clone, Arbitrary)]
pub struct ScramInput {
    pub sha1: bool,
    pub first: FirstDesc,
    pub last: FinalDesc,
    /// Challenges after the server-final-message (all must be refused).
    pub extra: Vec<Vec<u8>>,
}

/// RFC 5802 §3, written out for one hash: (ClientProof, ServerSignature).
macro_rules! rfc5802 {
    ($name:ident, $digest:ty) => {
        fn $name(salt: &[u8], iterations: u32, auth_message: &[u8]) -> (Vec<u8>, Vec<u8>) {
            let mac = |key: &[u8], data: &[u8]| {
                let mut m = <Hmac<$digest> as Mac>::new_from_slice(key).expect("any key");
                m.update(data);
                m.finalize().into_bytes().to_vec()
            };
            let mut salted = vec![0u8; <$digest as Digest>::output_size()];
            pbkdf2::pbkdf2_hmac::<$digest>(PASSWORD.as_bytes(), salt, iterations, &mut salted);
            let client_key = mac(&salted, b"Client Key");
            let stored_key = <$digest as Digest>::digest(&client_key);
            let client_signature = mac(&stored_key, auth_message);
            let proof = client_key
                .iter()
                .zip(&client_signature)
                .map(|(k, s)| k ^ s)
                .collect();
            let server_key = mac(&salted, b"Server Key");
            (proof, mac(&server_key, auth_message))
        }
    };
}

rfc5802!(expected_sha1, sha1::Sha1);
rfc5802!(expected_sha256, sha2::Sha256);

fn expected(sha1: bool, salt: &[u8], iterations: u32, auth_message: &[u8]) -> (Vec<u8>, Vec<u8>) {
    if sha1 {
        expected_sha1(salt, iterations, auth_message)
    } else {
        expected_sha256(salt, iterations, auth_message)
    }
}

fn server_first(nonce: &str, d: &FirstDesc) -> Vec<u8> {
    match d {
        FirstDesc::Raw(b) => b.clone(),
        FirstDesc::Shaped {
            suffix,
            salt,
            iterations,
            tail,
        } => {
            let mut suffix: String = suffix
                .chars()
                .filter(|&c| c.is_ascii_graphic() && c != ',')
                .collect();
            if suffix.is_empty() {
                suffix.push('x');
            }
            let salt = if salt.is_empty() {
                b"salt".to_vec()
            } else {
                salt.clone()
            };
            // Mostly counts the client accepts; sometimes anything (too low, too high).
            let iterations = if iterations % 8 == 0 {
                u32::from(*iterations)
            } else {
                4096 + u32::from(iterations % 2)
            };
            format!(
                "r={nonce}{suffix},s={},i={iterations}{}",
                B64.encode(salt),
                tail.as_deref().unwrap_or("")
            )
            .into_bytes()
        }
    }
}

fn server_final(signature: &[u8], d: &FinalDesc) -> Vec<u8> {
    let v = |sig: &[u8]| format!("v={}", B64.encode(sig)).into_bytes();
    match d {
        FinalDesc::Raw(b) => b.clone(),
        FinalDesc::Correct => v(signature),
        FinalDesc::CorrectWith { before, after } => {
            let mut m = before.as_bytes().to_vec();
            m.extend(v(signature));
            m.extend_from_slice(after.as_bytes());
            m
        }
        FinalDesc::Flipped { byte, bit } => {
            let mut sig = signature.to_vec();
            let k = usize::from(*byte) % sig.len();
            sig[k] ^= 1 << (bit % 8);
            v(&sig)
        }
        FinalDesc::Truncated(n) => v(&signature[..usize::from(*n) % signature.len()]),
        FinalDesc::Signature(sig) => v(sig),
    }
}

/// How far an exchange got, for the property tests' guards against vacuous inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// The server-first-message was refused.
    Refused,
    /// The client sent its proof, but refused the server-final-message.
    Proved,
    /// The server signature was accepted.
    Verified,
}

/// Runs one exchange. `client` must be a fresh SCRAM client for [`USER`] / [`PASSWORD`]
/// (SHA-1 when `input.sha1`).
pub fn run(mut client: Box<dyn SaslClient>, input: &ScramInput) -> Reached {
    let first = client
        .initial_response()
        .expect("client-first")
        .expect("SCRAM sends a client-first-message");
    let first = String::from_utf8(first).expect("client-first is UTF-8");
    let client_first_bare = first.strip_prefix("n,,").expect("gs2 header n,,");
    let nonce = client_first_bare
        .strip_prefix(&format!("n={USER},r="))
        .expect("n=user,r=nonce");
    assert!(client.finish().is_err(), "finish before any challenge");

    let sf = server_first(nonce, &input.first);
    let Ok(reply) = client.step(&sf) else {
        // A refused exchange stays refused.
        assert!(client.step(b"v=AAAA").is_err(), "step after a refusal");
        assert!(client.finish().is_err(), "finish after a refusal");
        return Reached::Refused;
    };
    // The client accepted: recompute everything from the message as a server would.
    let sf = std::str::from_utf8(&sf).expect("accepted server-first is UTF-8");
    let mut attrs = sf.split(',');
    let r = attrs.next().and_then(|a| a.strip_prefix("r=")).expect("r=");
    let salt = attrs.next().and_then(|a| a.strip_prefix("s=")).expect("s=");
    let salt = B64.decode(salt).expect("accepted salt is base64");
    let iterations: u32 = attrs
        .next()
        .and_then(|a| a.strip_prefix("i="))
        .and_then(|i| i.parse().ok())
        .expect("i=");
    assert!(r.len() > nonce.len() && r.starts_with(nonce), "nonce {r:?}");
    assert!(
        (4096..=MAX_ITERATIONS).contains(&iterations),
        "i={iterations}"
    );
    assert!(!salt.is_empty());
    let reply = String::from_utf8(reply).expect("client-final is UTF-8");
    let (without_proof, proof) = reply.rsplit_once(",p=").expect(",p=");
    assert_eq!(without_proof, format!("c=biws,r={r}"));
    let auth_message = format!("{client_first_bare},{sf},{without_proof}");
    let (want_proof, signature) = expected(input.sha1, &salt, iterations, auth_message.as_bytes());
    assert_eq!(proof, B64.encode(&want_proof), "client proof");
    assert!(
        client.finish().is_err(),
        "finish before the server-final-message"
    );

    let msg = server_final(&signature, &input.last);
    let verified = client.step(&msg).is_ok();
    if verified {
        // Only the right signature may be accepted.
        let text = std::str::from_utf8(&msg).expect("accepted server-final is UTF-8");
        let v = text.split(',').next().and_then(|a| a.strip_prefix("v="));
        let v = v.and_then(|v| B64.decode(v).ok());
        assert_eq!(
            v.as_deref(),
            Some(&signature[..]),
            "accepted a forged server-final {msg:?}"
        );
    }
    if matches!(input.last, FinalDesc::Correct) {
        assert!(verified, "refused the right signature");
    }
    let mut ok = verified;
    for m in &input.extra {
        assert!(
            client.step(m).is_err(),
            "challenge after server-final accepted"
        );
        ok = false;
    }
    assert_eq!(client.finish().is_ok(), ok, "finish");
    if verified {
        Reached::Verified
    } else {
        Reached::Proved
    }
}
