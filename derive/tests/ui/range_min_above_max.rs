use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "7", name = "開催時間（時）", data_type = "半角数字", digits = 2, range = "23 ～ 0")]
    hour: String,
}

fn main() {}
