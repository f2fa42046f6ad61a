use ltcip_runtime::Validate;

#[derive(Validate)]
struct Headers {
    #[ltcip(no = "02", name = "自治体トークン", secret = true)]
    authorization: ltcip_runtime::Secret,
}

fn main() {}
