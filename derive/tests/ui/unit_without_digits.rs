use ltcip_runtime::Validate;

#[derive(Validate)]
struct Record {
    #[ltcip(no = "05", name = "氏名", data_type = "全半角文字", unit = "bytes")]
    name: String,
}

fn main() {}
