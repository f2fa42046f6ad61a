use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "施設／通所・居宅区分", codes("1", "2"))]
    facility_type: String,
    #[ltcip(no = "6", name = "体重", occurs = "0..1", required(unless(facility_type = "1")))]
    weight: Option<String>,
}

fn main() {}
