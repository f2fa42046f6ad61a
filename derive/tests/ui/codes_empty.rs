use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response {
    #[ltcip(no = "03", name = "取得結果", codes())]
    result: String,
}

fn main() {}
