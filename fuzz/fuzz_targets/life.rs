#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ltcip_fuzz::life::check(data));
