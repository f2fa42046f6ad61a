use ltcip_runtime::Validate;

#[derive(Validate)]
struct Number(#[ltcip(no = "01", name = "介護保険者番号")] String);

fn main() {}
