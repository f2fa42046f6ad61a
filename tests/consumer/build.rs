// The build script a vendor writes: read the workbooks (and the overrides and naming tables beside
// them) and write `$OUT_DIR/ltcip_generated.rs`. `specs-next/` holds a made-up second version of one
// care-plan file (DLTPLAN, CSVバージョン 202604), so that both versions are generated side by side.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    ltcip_codegen::Builder::new().spec("../../specs").spec("specs-next").generate()?;
    Ok(())
}
