use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号", data_type = "数字", digits = 6)]
    number: String,
}

fn main() {}
