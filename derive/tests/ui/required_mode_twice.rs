use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "6", name = "体重", occurs = "0..1", required(mode = "final", mode = "draft"))]
    weight: Option<String>,
}

fn main() {}
