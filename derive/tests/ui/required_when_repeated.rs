use ltcip_runtime::Validate;

// A condition makes one value required; a repeated item holds several.
#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "施設／通所・居宅区分", codes("1", "2"))]
    facility_type: String,
    #[ltcip(no = "3", name = "電話番号", occurs = "0..n", required(when(facility_type = "1")))]
    phones: Vec<String>,
}

fn main() {}
