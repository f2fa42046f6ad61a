use ltcip_runtime::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1", label = "男性")]
    C1,
    #[ltcip(label = "女性")]
    C2,
    C3,
}

fn main() {}
