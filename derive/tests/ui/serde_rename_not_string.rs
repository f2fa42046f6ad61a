use ltcip_runtime::Validate;
use ltcip_runtime::serde::Serialize;

#[derive(Serialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    #[serde(rename = InsurerNumber)]
    insurer_number: String,
}

fn main() {}
