use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "施設／通所・居宅区分")]
    facility_type: String,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(facility_type())))]
    nutrition: Option<String>,
    #[ltcip(no = "5", name = "身長", occurs = "0..1", required(when(facility_type = "")))]
    height: Option<String>,
}

fn main() {}
