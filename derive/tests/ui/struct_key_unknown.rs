use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(name = "IF-I6-01-04-02 リクエスト", format = "json")]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    number: String,
}

fn main() {}
