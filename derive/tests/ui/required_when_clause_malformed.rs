use ltcip_runtime::Validate;

// A clause is `other_item = "1"` or `other_item("1", "2")`: neither a path nor a bare name.
#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "施設／通所・居宅区分", codes("1", "2"))]
    facility_type: String,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(self::facility_type = "1")))]
    nutrition: Option<String>,
    #[ltcip(no = "5", name = "身長", occurs = "0..1", required(when(facility_type)))]
    height: Option<String>,
}

fn main() {}
