use ltcip_runtime::{Code, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Validate)]
struct Record {
    #[ltcip(no = "01", name = "性別", data_type = "半角数字", code_type = GenderCode)]
    gender: String,
}

fn main() {}
