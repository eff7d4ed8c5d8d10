//! Keeps include/libimap.h in step with the exported functions: regenerates it in memory with
//! cbindgen and compares. `LIBIMAP_BLESS=1` writes the new header instead.
use std::path::Path;

#[test]
fn committed_header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header_path = crate_dir.join("../include/libimap.h");
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let fresh = String::from_utf8(fresh).expect("header is UTF-8");

    if std::env::var_os("LIBIMAP_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&header_path, &fresh).expect("write include/libimap.h");
        return;
    }
    let committed = std::fs::read_to_string(&header_path).unwrap_or_default();
    if committed != fresh {
        let first_diff = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
        panic!(
            "include/libimap.h is stale (first difference at line {}: committed {:?}, generated {:?}).\n\
             Regenerate it with: LIBIMAP_BLESS=1 cargo test -p libimap-ffi --test header",
            first_diff + 1,
            committed.lines().nth(first_diff).unwrap_or("<end of file>"),
            fresh.lines().nth(first_diff).unwrap_or("<end of file>"),
        );
    }
}
