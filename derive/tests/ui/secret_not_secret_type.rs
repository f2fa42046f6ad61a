use ltcip_runtime::Validate;

#[derive(Validate)]
struct Headers {
    #[ltcip(no = "02", name = "自治体トークン", secret)]
    authorization: String,
}

fn main() {}
