use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response {
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    body: Vec<String>,
}

fn main() {}
