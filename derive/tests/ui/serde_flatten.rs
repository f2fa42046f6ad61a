use ltcip_runtime::Validate;
use ltcip_runtime::serde::Deserialize;

#[derive(Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Common {
    #[ltcip(no = "01", name = "介護保険者番号")]
    insurer_number: String,
}

#[derive(Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Request {
    #[ltcip(no = "01", name = "共通部")]
    #[serde(flatten)]
    common: Common,
}

fn main() {}
