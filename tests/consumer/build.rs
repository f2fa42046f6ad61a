// The build script a vendor writes: read the workbooks (and the overrides and naming tables beside
// them) and write `$OUT_DIR/ltcip_generated.rs`. `specs-next/` holds a made-up second version of one
// care-plan file (DLTPLAN, CSVバージョン 202604), so that both versions are generated side by side.
//
// The same types are also generated with `std::string::String` text fields, as a vendor whose code
// wants `String`s would ask for, into `$OUT_DIR/ltcip_strings.rs`.
//
// The JSON interfaces are also generated with `TextType::Borrowed` (structs that borrow their text
// from the document), into `$OUT_DIR/ltcip_borrowed.rs`.
//
// `specs-life/` holds a made-up workbook in the style of LIFE's 外部インターフェース項目一覧 (four
// interfaces), in spellings its `vocabulary.toml` teaches the reader: generated into
// `$OUT_DIR/ltcip_life.rs`.
//
// `ltcip_custom.rs` uses every option a vendor has to shape the output: two layouts only, derives and
// serde attributes on structs, an attribute on one field, and the crate's own type for two items.
use ltcip_codegen::{Builder, emit::TextType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    Builder::new().spec("../../specs").spec("specs-next").generate()?;
    Builder::new()
        .spec("../../specs")
        .spec("specs-next")
        .file_name("ltcip_strings.rs")
        .text_type(TextType::String)
        .generate()?;
    Builder::new()
        .spec("../../specs")
        .file_name("ltcip_borrowed.rs")
        .text_type(TextType::Borrowed)
        .layouts(["IF-I6-01-04-01", "IF-I6-01-04-02"])
        .generate()?;
    Builder::new().spec("specs-life").file_name("ltcip_life.rs").generate()?;
    Builder::new()
        .spec("../../specs")
        .file_name("ltcip_custom.rs")
        .layouts(["IF-I6-01-04-02 レスポンス", "UPPLAN ファイル"])
        .type_attribute("*", "#[derive(Eq, Hash)]")
        .type_attribute("IF-I6-01-04-02 レスポンス/body", "#[serde(deny_unknown_fields)]")
        .field_attribute("IF-I6-01-04-02 レスポンス/result", r#"#[serde(alias = "kekka")]"#)
        .extern_type("*/body/care_insurer_number", "crate::InsuredNumber")
        .extern_type("UPPLAN ファイル/insured_number", "crate::InsuredNumber")
        .generate()?;
    Ok(())
}
