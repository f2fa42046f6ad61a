use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "04", name = "性別", data_type = "半角数字", codes("1", 2))]
    sex: String,
}

fn main() {}
