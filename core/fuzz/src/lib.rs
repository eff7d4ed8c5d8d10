//! Checks behind the cargo-fuzz targets. Each module is one target's property, written so
//! that core/tests/prop_fuzz.rs can run the same code on proptest inputs.
pub mod frames;
pub mod render;
pub mod scram_check;
pub mod session_run;
pub mod wire;
