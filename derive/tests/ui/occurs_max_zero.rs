use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "介護保険被保険者番号", occurs = "0..0")]
    number: Option<String>,
}

fn main() {}
