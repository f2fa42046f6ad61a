// The IF-I6-01-04-02 response generated with `TextType::Borrowed` (text borrowed from the document),
// measured beside the checked-in `ltcip-generated` types, as a vendor's build script would make it.
use ltcip_codegen::{Builder, emit::TextType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    Builder::new()
        .spec("../specs")
        .file_name("borrowed.rs")
        .text_type(TextType::Borrowed)
        .layouts(["IF-I6-01-04-02 レスポンス"])
        .generate()?;
    Ok(())
}
