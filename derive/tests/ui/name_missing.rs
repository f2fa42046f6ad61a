use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", data_type = "半角数字")]
    number: String,
}

fn main() {}
