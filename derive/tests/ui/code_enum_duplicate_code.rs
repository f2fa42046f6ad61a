use ltcip_runtime::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1", label = "男性")]
    C1,
    #[ltcip(code = "2", label = "女性")]
    C2,
    #[ltcip(code = "1", label = "男")]
    Male,
}

fn main() {}
