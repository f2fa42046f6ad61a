use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "10", name = "利用者性別", data_type = "数値", digits = 1, codes("1", "2", "10"))]
    gender: String,
}

fn main() {}
