use ltcip_runtime::Validate;

// A syntax error stops reading its attribute (syn's message says what was expected); what came after
// it is unknown, so nothing of that item is judged, while the other fields still are.
#[derive(Validate)]
struct Request {
    #[ltcip(no = "01" name = "介護保険者番号", data_type = "半角数字")]
    number: String,
    #[ltcip(no = "02", name = "電話番号", occurs = "0..1")]
    phone: String,
}

fn main() {}
