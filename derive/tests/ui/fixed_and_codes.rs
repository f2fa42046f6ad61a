use ltcip_runtime::Validate;

#[derive(Validate)]
struct Headers {
    #[ltcip(no = "01", name = "コンテンツタイプ", fixed = "application/json", codes("application/json", "text/csv"))]
    content_type: String,
}

fn main() {}
