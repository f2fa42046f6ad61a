use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(csv(id = "SERVICE_USER_INFO", id = "SERVICE_USER"))]
struct Record {
    #[ltcip(no = "1", name = "事業所番号")]
    care_facility_id: String,
}

fn main() {}
