use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no, name = "介護保険者番号")]
    number: String,
}

fn main() {}
