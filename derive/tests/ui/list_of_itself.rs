use ltcip_runtime::Validate;

#[derive(Validate)]
struct Node {
    #[ltcip(no = "01", name = "名称")]
    name: String,
    #[ltcip(no = "02", name = "子", data_type = "リスト")]
    children: Vec<Node>,
}

fn main() {}
