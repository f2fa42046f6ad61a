use ltcip_runtime::Validate;

#[derive(Validate)]
struct Body {
    #[ltcip(no = "09", name = "介護保険被保険者番号")]
    number: String,
}

#[derive(Validate)]
struct Response {
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    body: Body,
}

fn main() {}
