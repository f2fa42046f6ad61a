use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "5", name = "身長", data_type = "数値", decimals = 1)]
    height: String,
}

fn main() {}
