use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response {
    #[ltcip(
        no = "03",
        name = "取得結果",
        data_type = "全角文字",
        digits = 2,
        length = "固定長",
        codes("成功", "一部成功")
    )]
    result: String,
}

fn main() {}
