//! Integration tests live in `tests/`; golden payloads in `golden/`.
