use ltcip_runtime::Validate;

// Every mistake in a struct is reported in one compile: reading goes on past a value it cannot read
// (to the keys after it, in the same attribute and the next fields), the checks run on all that was
// read, and a rule that depends on a value not read is not judged (`no = 1` is no missing `no`; an
// unknown data_type does not make the `Vec` field a wrong one).
#[derive(Validate)]
#[ltcip(format = "json", unit = "bytes")]
struct Request<T> {
    #[ltcip(no = 1, name = "介護保険者番号", data_type = "数字", max_length = 6, digits = 6, length = "固定長")]
    number: String,
    #[ltcip(no = "02", name = "電話番号", data_type = "半角数字", digits = 2, codes("1", "1", "123"))]
    phone: String,
    #[ltcip(no = "03", name = "一覧", data_type = "リストー")]
    list: Vec<T>,
    #[ltcip(no = "04", occurs = "0..1")]
    note: String,
}

fn main() {}
