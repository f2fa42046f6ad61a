use ltcip_runtime::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[ltcip(name = "利用者性別", name = "性別", title = "性別")]
enum GenderCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[ltcip(name = " ")]
enum SexCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[ltcip(name = 1)]
enum KindCode {
    #[ltcip(code = "1")]
    C1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[ltcip(name)]
enum LevelCode {
    #[ltcip(code = "1")]
    C1,
}

fn main() {}
