use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "5", name = "身長", data_type = "数値", digits = 3, decimals = 1, length = "固定長")]
    height: String,
}

fn main() {}
