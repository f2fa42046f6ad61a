use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "1", name = "CSVバージョン", fixed = "202407")]
    version: String,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(version = "202404")))]
    nutrition: Option<String>,
}

fn main() {}
