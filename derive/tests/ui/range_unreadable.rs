use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "7", name = "開催時間（時）", data_type = "半角数字", digits = 2, range = "0-23")]
    hour: String,
    #[ltcip(no = "8", name = "開催時間（分）", data_type = "半角数字", digits = 2, range = "～")]
    minute: String,
    #[ltcip(no = "9", name = "割合", data_type = "半角数字", digits = 3, range = "0～1e2")]
    rate: String,
}

fn main() {}
