//! A layout with no items compiles without warnings and always validates.
#![deny(warnings)]

use ltcip_runtime::{Layout, Validate};

#[derive(Debug, Validate)]
#[ltcip(name = "空")]
struct Empty {}

fn main() {
    assert!(Empty {}.validate().is_ok());
    assert_eq!(Empty::SHAPE.items.len(), 0);
    assert_eq!(Empty::SHAPE.name, "空");
}
