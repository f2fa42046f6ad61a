use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "02", name = "被保険者番号", occurs = "0..1", data_type = "半角数字", digits = 10)]
    number: Option<u64>,
}

fn main() {}
