use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "02", name = "介護保険被保険者番号", occurs = "0..1", data_type = "半角数字")]
    number: String,
}

fn main() {}
