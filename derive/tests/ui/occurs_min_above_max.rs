use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "電話番号", occurs = "3..2")]
    phones: Vec<String>,
}

fn main() {}
