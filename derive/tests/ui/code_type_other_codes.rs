use ltcip_runtime::{Code, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1")]
    C1,
    #[ltcip(code = "2")]
    C2,
}

#[derive(Validate)]
struct Record {
    #[ltcip(no = "01", name = "性別", codes("1", "2", "9"), code_type = GenderCode)]
    gender: String,
}

fn main() {}
