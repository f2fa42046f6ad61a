use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(name = "リクエスト", occurs = "0..1")]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    number: String,
}

fn main() {}
