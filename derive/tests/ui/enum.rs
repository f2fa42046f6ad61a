use ltcip_runtime::Validate;

#[derive(Validate)]
enum Result {
    Success,
    Failure,
}

fn main() {}
