use ltcip_runtime::Validate;

#[derive(Validate)]
union Number {
    digits: u32,
}

fn main() {}
