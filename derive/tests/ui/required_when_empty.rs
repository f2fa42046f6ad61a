use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(mode = "final", when()))]
    nutrition: Option<String>,
}

fn main() {}
