use ltcip_runtime::Validate;

#[derive(Validate)]
struct Record {
    #[ltcip(no = "01", name = "性別", codes("1", "2"), code_type = "GenderCode")]
    gender: String,
}

fn main() {}
