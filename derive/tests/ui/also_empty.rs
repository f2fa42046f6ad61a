use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "5", name = "身長", data_type = "半角数字", digits = 3, also())]
    height: String,
    #[ltcip(no = "6", name = "体重", data_type = "半角数字", digits = 3, also("9999", ""))]
    weight: String,
}

fn main() {}
