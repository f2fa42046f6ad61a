//! Validates an IF-I6-01-04-02 response read from a file (or `-`, standard input) record by record
//! with `ltcip_runtime::json::stream`, without holding it in memory. Prints the verdict, the bytes and
//! records read and the time taken; exits 0 when the document is valid, 1 when it is not, 2 on an
//! I/O error. Used by `scripts/stream-rss.sh`.

use std::fs::File;
use std::io::{self, Read};
use std::process::ExitCode;
use std::time::Instant;

use ltcip_generated::if_i6_01_04_02::Response;
use ltcip_runtime::json::stream;

/// A reader that counts the bytes it hands out.
struct Counting<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: stream_validate <FILE | ->");
        return ExitCode::from(2);
    };
    let input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(file) => Box::new(file),
            Err(error) => {
                eprintln!("stream_validate: {path}: {error}");
                return ExitCode::from(2);
            }
        }
    };
    let mut input = Counting { inner: input, bytes: 0 };
    let started = Instant::now();
    let report = match stream::validate_reader::<Response>(&mut input) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("stream_validate: {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let mib = input.bytes as f64 / f64::from(1 << 20);
    println!(
        "read {} bytes ({mib:.0} MiB), {} records in {seconds:.2} s ({:.0} MiB/s)",
        input.bytes,
        report.records(),
        mib / seconds
    );
    println!("{report}");
    if report.is_valid() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
