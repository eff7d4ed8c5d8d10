//! Property tests: a SCRAM client fed hostile server messages never panics and never
//! reports success, since success needs the server signature only the password holder can make.
use super::scram::{Scram, ScramOptions, Sha1, Sha256};
use super::{Credentials, SaslClient};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use proptest::prelude::*;

const NONCE: &str = "fyko+d2lbbFgONRv9qkxdawL";

fn creds() -> Credentials {
    Credentials {
        user: "user".into(),
        secret: "pencil".into(),
        authzid: String::new(),
    }
}

/// Server-first messages close enough to valid that the client gets to compute a proof.
fn plausible_server_first() -> impl Strategy<Value = Vec<u8>> {
    let nonce = prop_oneof![
        4 => "[!-+--~]{1,12}".prop_map(|s| format!("{NONCE}{s}")),
        1 => "[ -~]{0,30}",
    ];
    let salt = prop_oneof![4 => Just("QSXCR+Q6sek8bf92".to_string()), 1 => "[A-Za-z0-9+/=]{0,12}"];
    let iterations =
        prop_oneof![8 => Just("4096".to_string()), 1 => "[0-9]{0,11}", 1 => "[ -~]{0,4}"];
    let tail = prop_oneof![
        Just(String::new()),
        "[ -~]{0,20}".prop_map(|s| format!(",{s}"))
    ];
    (nonce, salt, iterations, tail)
        .prop_map(|(r, s, i, t)| format!("r={r},s={s},i={i}{t}").into_bytes())
}

/// Server-final messages: verifier-shaped or arbitrary.
fn plausible_server_final() -> impl Strategy<Value = Vec<u8>> {
    // Well-formed signatures of the SHA-1 and SHA-256 lengths, so only the comparison stands
    // between a forger and success.
    let signature = prop_oneof![Just(20usize), Just(32usize), 0usize..48]
        .prop_flat_map(|n| proptest::collection::vec(any::<u8>(), n))
        .prop_map(|sig| format!("v={}", B64.encode(sig)).into_bytes());
    prop_oneof![
        3 => signature,
        1 => "[A-Za-z0-9+/]{0,44}={0,2}".prop_map(|v| format!("v={v}").into_bytes()),
        1 => "[ -~]{0,40}".prop_map(|e| format!("e={e}").into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

fn messages() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop_oneof![
        proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..128), 0..4),
        (
            plausible_server_first(),
            proptest::collection::vec(plausible_server_final(), 0..3)
        )
            .prop_map(|(first, rest)| {
                let mut all = vec![first];
                all.extend(rest);
                all
            }),
    ]
}

fn run<C: SaslClient>(mut client: C, msgs: &[Vec<u8>]) -> Result<(), TestCaseError> {
    client
        .initial_response()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut failed = false;
    for m in msgs {
        let r = client.step(m);
        // A failed exchange must stay failed.
        prop_assert!(
            !(failed && r.is_ok()),
            "step succeeded after an earlier failure"
        );
        failed |= r.is_err();
    }
    prop_assert!(
        client.finish().is_err(),
        "finish() succeeded on forged server messages {msgs:?}"
    );
    Ok(())
}

proptest! {
    // Each plausible case may run 4096 PBKDF2 rounds; the default 256 cases stay fast enough.
    #[test]
    fn scram_sha256_never_succeeds_on_forged_messages(msgs in messages()) {
        let opts = ScramOptions { max_iterations: 4096 };
        run(Scram::<Sha256>::with_nonce(&creds(), &opts, NONCE.into()).unwrap(), &msgs)?;
    }

    #[test]
    fn scram_sha1_never_succeeds_on_forged_messages(msgs in messages()) {
        let opts = ScramOptions { max_iterations: 4096 };
        run(Scram::<Sha1>::with_nonce(&creds(), &opts, NONCE.into()).unwrap(), &msgs)?;
    }
}

/// Guards the properties above against being vacuous: the plausible strategy must often get
/// the client past server-first, so forged server-final messages are really checked.
#[test]
fn plausible_messages_reach_the_final_step() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let opts = ScramOptions {
        max_iterations: 4096,
    };
    let mut reached = 0;
    for _ in 0..200 {
        let first = plausible_server_first()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut c = Scram::<Sha256>::with_nonce(&creds(), &opts, NONCE.into()).unwrap();
        c.initial_response().unwrap();
        if c.step(&first).is_ok() {
            reached += 1;
        }
    }
    assert!(
        reached >= 20,
        "only {reached} of 200 plausible server-first messages were accepted"
    );
}
