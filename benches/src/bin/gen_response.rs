//! Writes a valid IF-I6-01-04-02 response of at least `--bytes N` bytes (default 1 GiB) to standard
//! output, for `scripts/stream-rss.sh`. Suffixes `K`, `M`, `G` (binary) are accepted.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn parse_size(text: &str) -> Option<u64> {
    let (digits, unit) = match text.as_bytes().last()? {
        b'K' | b'k' => (&text[..text.len() - 1], 1 << 10),
        b'M' | b'm' => (&text[..text.len() - 1], 1 << 20),
        b'G' | b'g' => (&text[..text.len() - 1], 1 << 30),
        _ => (text, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(unit)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = match args.as_slice() {
        [] => Some(1 << 30),
        [flag, size] if flag == "--bytes" => parse_size(size),
        _ => None,
    };
    let Some(bytes) = bytes else {
        eprintln!("usage: gen_response [--bytes N[K|M|G]]");
        return ExitCode::from(2);
    };
    let stdout = io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 20, stdout);
    match ltcip_benches::write_response_of_size(&mut out, bytes).and_then(|done| out.flush().map(|()| done)) {
        Ok((written, records)) => {
            eprintln!("gen_response: wrote {written} bytes, {records} records");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_response: {error}");
            ExitCode::FAILURE
        }
    }
}
