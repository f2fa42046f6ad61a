use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "6", name = "体重", occurs = "0..1", required)]
    weight: Option<String>,
    #[ltcip(no = "7", name = "身長", occurs = "0..1", required())]
    height: Option<String>,
}

fn main() {}
