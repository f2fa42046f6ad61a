use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response {
    #[ltcip(no = "11", name = "利用停止日", data_type = "半角数字", digits = 10, date = "YYYY-MM-DD")]
    end_date: String,
}

fn main() {}
