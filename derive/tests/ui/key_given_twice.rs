use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "電話番号", occurs = "0..1", occurs = "1..1")]
    phone: Option<String>,
}

fn main() {}
