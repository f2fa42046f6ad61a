use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(name = "介護保険者番号", data_type = "半角数字")]
    number: String,
}

fn main() {}
