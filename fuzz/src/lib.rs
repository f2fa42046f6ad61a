//! The checks behind the fuzz targets in `fuzz_targets/`, kept here so that each target is one line
//! and a crashing input can be replayed from a test with the same code.
//!
//! Every check panics (and so makes libFuzzer report a crash) when the code under test panics, or
//! when one of the invariants it states does not hold. Inputs the harness itself cannot use (a part
//! list that is not a valid zip) return early; they are never reported.

#![forbid(unsafe_code)]

pub mod csv;
pub mod inputs;
pub mod json;
pub mod life;
pub mod parts;
pub mod workbook;
