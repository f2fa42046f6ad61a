use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "5", name = "身長", data_type = "数値", digits = 3, unit = "bytes")]
    height: String,
}

fn main() {}
