use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "電話番号", data_type = "半角数字")]
    phones: Vec<String>,
}

fn main() {}
