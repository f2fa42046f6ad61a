use ltcip_runtime::Code;

#[derive(Code)]
struct GenderCode {
    code: String,
}

#[derive(Code)]
union ResultCode {
    code: u8,
}

fn main() {}
