use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "6", name = "体重", required(mode = "final"))]
    weight: String,
}

fn main() {}
