#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| libimap_fuzz::frames::check_chunks(data));
