use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(csv(name = "SERVICE_USER_INFO"))]
struct Record {
    #[ltcip(no = "1", name = "事業所番号")]
    care_facility_id: String,
}

#[derive(Validate)]
#[ltcip(csv(id = " SERVICE_USER_INFO"))]
struct Spaced {
    #[ltcip(no = "1", name = "事業所番号")]
    care_facility_id: String,
}

fn main() {}
