use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "6", name = "体重", occurs = "0..1", required(mode = "確定"))]
    weight: Option<String>,
}

fn main() {}
