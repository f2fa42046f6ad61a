use ltcip_runtime::{Code, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Validate)]
struct Body {
    #[ltcip(no = "01", name = "番号")]
    number: String,
}

#[derive(Validate)]
struct Response {
    #[ltcip(no = "01", name = "ボディ", data_type = "リスト", code_type = GenderCode)]
    body: Vec<Body>,
}

fn main() {}
