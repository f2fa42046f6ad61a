//! A vendor crate: the LTCIP types are generated at build time from `specs/` and included here.

include!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));

/// The same types with `std::string::String` text fields (`TextType::String` in `build.rs`).
pub mod strings {
    include!(concat!(env!("OUT_DIR"), "/ltcip_strings.rs"));
}

/// The interfaces of a made-up LIFE-style workbook (`specs-life/`), read through its vocabulary file.
pub mod life {
    include!(concat!(env!("OUT_DIR"), "/ltcip_life.rs"));
}
