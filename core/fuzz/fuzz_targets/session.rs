#![no_main]
libfuzzer_sys::fuzz_target!(|input: libimap_fuzz::session_run::SessionInput| {
    libimap_fuzz::session_run::run(&input);
});
