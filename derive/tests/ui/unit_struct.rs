use ltcip_runtime::Validate;

#[derive(Validate)]
struct Empty;

fn main() {}
