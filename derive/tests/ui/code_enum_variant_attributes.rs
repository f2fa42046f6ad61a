use ltcip_runtime::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode {
    #[ltcip(code = "1", value = "1")]
    C1,
    #[ltcip(code = "2", label = "女性", label = "女")]
    C2,
    #[ltcip(code = "")]
    Empty,
    #[ltcip(code = "4", label = "")]
    NoLabel,
    #[ltcip(code = "5")]
    #[ltcip(label = "五")]
    Twice,
}

fn main() {}
