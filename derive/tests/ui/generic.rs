use ltcip_runtime::Validate;

#[derive(Validate)]
struct Response<T> {
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    body: Vec<T>,
}

fn main() {}
