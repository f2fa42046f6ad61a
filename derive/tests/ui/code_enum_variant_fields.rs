use ltcip_runtime::Code;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1")]
    C1(String),
    #[ltcip(code = "2")]
    C2 { label: String },
}

fn main() {}
