use ltcip_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[ltcip(no = "2", name = "記録", data_type = "リスト")]
    records: Vec<Entry>,
    #[ltcip(no = "3", name = "分類", occurs = "0..n")]
    kinds: Vec<String>,
    #[ltcip(no = "4", name = "栄養補給法", occurs = "0..1", required(when(records = "1", kinds = "2")))]
    nutrition: Option<String>,
}

#[derive(Validate)]
struct Entry {
    #[ltcip(no = "5", name = "日付")]
    date: String,
}

fn main() {}
