use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(repertoire = "UTF-8")]
struct Request {
    #[ltcip(no = "01", name = "詳細", data_type = "全半角文字")]
    detail: String,
}

fn main() {}
