use ltcip_runtime::Validate;
use ltcip_runtime::serde::Deserialize;

#[derive(Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde", rename_all = "camelCase")]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    insurer_number: String,
}

fn main() {}
