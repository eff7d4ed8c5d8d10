#![no_main]
use libimap_fuzz::{render, wire};

#[derive(Debug, arbitrary::Arbitrary)]
enum Input {
    Command(wire::CommandInput),
    Response(render::FetchDesc),
}

libfuzzer_sys::fuzz_target!(|input: Input| match input {
    Input::Command(c) => {
        wire::check_command(&c);
    }
    Input::Response(r) => render::check_fetch(&r),
});
