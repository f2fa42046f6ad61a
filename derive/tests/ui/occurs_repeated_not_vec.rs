use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "電話番号", occurs = "0..n")]
    phones: Option<String>,
}

fn main() {}
