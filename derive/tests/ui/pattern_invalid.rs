use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "郵便番号", pattern = "[0-9]{3}-[0-9{4}")]
    postal_code: String,
}

fn main() {}
