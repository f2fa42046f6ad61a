use ltcip_runtime::Validate;

#[derive(Validate)]
struct Record {
    #[ltcip(no = "12", name = "開始時刻", data_type = "半角数字", digits = 4, date = "HHmm")]
    start: String,
}

fn main() {}
