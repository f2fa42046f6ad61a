use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "施設／通所・居宅区分", codes("1", "2"))]
    facility_type: String,
    #[ltcip(no = "3", name = "経口摂取", occurs = "0..1", codes("0", "1"))]
    oral_intake: Option<String>,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(facility_type = "1"), when(oral_intake = "1")))]
    nutrition: Option<String>,
}

fn main() {}
