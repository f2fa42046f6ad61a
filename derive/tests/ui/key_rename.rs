use ltcip_runtime::Validate;

#[derive(Validate)]
struct Headers {
    #[ltcip(no = "01", name = "コンテンツタイプ", rename = "Content-Type")]
    content_type: String,
}

fn main() {}
