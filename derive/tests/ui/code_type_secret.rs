use ltcip_runtime::{Code, Secret, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum TokenCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Validate)]
struct Headers {
    #[ltcip(no = "01", name = "トークン", codes("1"), secret, code_type = TokenCode)]
    token: Secret,
}

fn main() {}
