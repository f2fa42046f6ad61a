use ltcip_runtime::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum GenderCode<T> {
    #[ltcip(code = "1")]
    C1(T),
}

fn main() {}
