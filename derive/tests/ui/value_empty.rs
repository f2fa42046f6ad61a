use ltcip_runtime::Validate;

// An empty value on the wire counts as absent, so it can be neither the one value nor one of the
// values an item allows.
#[derive(Validate)]
struct Headers {
    #[ltcip(no = "01", name = "コンテンツタイプ", fixed = "")]
    content_type: String,
    #[ltcip(no = "02", name = "結果", codes("成功", ""))]
    result: String,
}

fn main() {}
