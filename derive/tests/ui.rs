//! Every attribute mistake the derive rejects, with the error it prints (`tests/ui/*.stderr`), and
//! hand-written layouts that must compile and validate (`tests/pass/*.rs`).
//!
//! After changing a message, regenerate with `TRYBUILD=overwrite cargo test -p ltcip-derive --test ui`
//! and read every changed `.stderr`: the caret must stay on what the user wrote wrong.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/pass/*.rs");
}
