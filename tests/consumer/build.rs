// The build script a vendor writes: read the workbooks (and the overrides table beside them) and
// write `$OUT_DIR/ltcip_generated.rs`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    ltcip_codegen::Builder::new().spec("../../specs").generate()?;
    Ok(())
}
