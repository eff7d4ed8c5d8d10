#![no_main]
use libimap::sasl::{self, Credentials, Mechanism, ScramOptions};
use libimap_fuzz::scram_check::{self, ScramInput, MAX_ITERATIONS, PASSWORD, USER};

libfuzzer_sys::fuzz_target!(|input: ScramInput| {
    let creds = Credentials {
        user: USER.into(),
        secret: PASSWORD.into(),
        authzid: String::new(),
    };
    let mech = if input.sha1 {
        Mechanism::ScramSha1
    } else {
        Mechanism::ScramSha256
    };
    let opts = ScramOptions {
        max_iterations: MAX_ITERATIONS,
    };
    // A fixed nonce, so that an input replays the same exchange on every run.
    let client = sasl::scram_with_fixed_nonce(mech, &creds, &opts, "fyko+d2lbbFgONRv9qkxdawL")
        .expect("SCRAM client");
    scram_check::run(client, &input);
});
