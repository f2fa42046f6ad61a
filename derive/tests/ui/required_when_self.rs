use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "3", name = "経口摂取", occurs = "0..1", codes("0", "1"))]
    oral_intake: Option<String>,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(nutrition = "1", oral_intake = "1", oral_intake = "0")))]
    nutrition: Option<String>,
}

fn main() {}
