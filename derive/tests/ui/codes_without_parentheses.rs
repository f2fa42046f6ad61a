use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response {
    #[ltcip(no = "03", name = "取得結果", codes = "成功")]
    result: String,
}

fn main() {}
