// The JSON interfaces generated with `TextType::Borrowed` (text borrowed from the document), for the
// `json` target to hold against the checked-in owned types.
use ltcip_codegen::{Builder, emit::TextType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    Builder::new()
        .spec("../specs")
        .file_name("borrowed.rs")
        .text_type(TextType::Borrowed)
        .layouts(["IF-I6-01-04-01", "IF-I6-01-04-02"])
        .generate()?;
    Ok(())
}
