use ltcip_runtime::{CowStr, Validate};

#[derive(Validate)]
#[ltcip(csv)]
struct Record<'a> {
    #[ltcip(no = "1", name = "保険者番号", data_type = "半角数字", digits = 6)]
    insurer_number: CowStr<'a>,
}

fn main() {}
