use ltcip_runtime::Validate;

#[derive(Validate)]
#[ltcip(csv())]
struct Record {
    #[ltcip(no = "1", name = "事業所番号")]
    care_facility_id: String,
}

fn main() {}
