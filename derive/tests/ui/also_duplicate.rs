use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "5", name = "身長", data_type = "半角数字", digits = 3, also("999", "999"))]
    height: String,
}

fn main() {}
