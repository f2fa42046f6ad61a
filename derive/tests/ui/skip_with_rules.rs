use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    number: String,
    #[ltcip(skip, data_type = "半角数字")]
    cache: String,
}

fn main() {}
