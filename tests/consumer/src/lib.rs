//! A vendor crate: the LTCIP types are generated at build time from `specs/` and included here.

include!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));
