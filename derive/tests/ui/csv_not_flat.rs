use ltcip_runtime::Validate;

// A CSV record is one line of columns: no field holds records or repeats.
#[derive(Validate)]
#[ltcip(csv)]
struct Record {
    #[ltcip(no = "1", name = "保険者番号")]
    insurer_number: String,
    #[ltcip(no = "2", name = "電話番号", occurs = "0..n")]
    phones: Vec<String>,
}

fn main() {}
