use ltcip_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号")]
    number: String,
    /// Documented, but not a row of the table.
    note: String,
}

fn main() {}
