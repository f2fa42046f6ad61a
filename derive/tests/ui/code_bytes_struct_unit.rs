use ltcip_runtime::Validate;

// The struct counts 桁 in MS932 bytes: every character is at least one byte, so a three-character
// code cannot fit two.
#[derive(Validate)]
#[ltcip(unit = "bytes")]
struct Record {
    #[ltcip(no = "03", name = "区分", data_type = "全角文字", digits = 2, codes("あいう"))]
    kind: String,
}

fn main() {}
