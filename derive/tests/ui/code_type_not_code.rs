use ltcip_runtime::Validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum GenderCode {
    C1,
}

#[derive(Validate)]
struct Record {
    #[ltcip(no = "01", name = "性別", codes("1"), code_type = GenderCode)]
    gender: String,
}

fn main() {}
