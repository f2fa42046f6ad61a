#!/usr/bin/env python3
"""Peak memory of `ltcip-codegen validate` on hostile and large inputs (issue 18, "nothing unbounded").

    scripts/memory.py [--scale N] [--limit-mib M] [--only NAME ...]

Each input is generated on the fly and piped into a release build of `ltcip-codegen validate` (standard
input, `-`), whose peak resident set GNU time measures; the input never exists whole, on disk or in
this script's memory. Prints a Markdown table (input, size, peak RSS, verdict) and exits 1 when a peak
is above the limit (64 MiB by default) or a verdict is not the expected one. `--scale 4` runs every
input at four times its size. Needs GNU time (`apt-get install -y time`).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB = 1024 * 1024

# A 第6表 予定 (UPPLAN) record as another vendor writes it: 25 fields, every one valid.
VALID = (
    '202407,131016,H123456789,20250320,202504,1310123456,"ケアマネ 太郎",512,,20250401,,0930,1030,1,111111,,,"",'
    ',1310198765,"訪問介護ひまわり",,0,1310123456,\r\n'
).encode("cp932")
# The same with nine fields broken (dates, codes, numbers, 事業所番号).
BAD = (
    '202407,13101X,H12345678,20250230,202513,131012345,"ケアマネ 太郎",51a,,20250431,,0960,1030,1,111111,,,"",'
    ',131019876,"訪問介護ひまわり",,2,1310123456,\r\n'
).encode("cp932")


def repeat(line, total):
    """`line` again and again, `total` bytes at least, in chunks of about 1 MiB."""
    chunk = line * max(1, MIB // len(line))
    written = 0
    while written < total:
        yield chunk
        written += len(chunk)


def no_break(total, open_quote):
    """One record that never ends its line: digits, or a quoted field never closed."""
    yield b'202407,"' if open_quote else b"202407,"
    chunk = b"9" * MIB
    written = 0
    while written < total:
        yield chunk
        written += len(chunk)


def empty_records(count):
    """`{"...": ..., "body": [{}, {}, ...]}` with `count` empty records."""
    yield b'{"care_insure_provider_number":"131011","result":"\xe6\x88\x90\xe5\x8a\x9f","file_if_id":"IFI601040","record_num":"0","body":['
    chunk = b"{}," * (MIB // 3)
    per_chunk = MIB // 3
    left = count
    while left > per_chunk:
        yield chunk
        left -= per_chunk
    yield b"{}," * (left - 1) + b"{}]}"


# name, layout, what is generated, size in bytes at scale 1 (for the table), expected exit status.
CASES = [
    ("CSV, valid 第6表 lines", "UPPLAN", lambda s: repeat(VALID, 500 * MIB * s), lambda s: 500 * MIB * s, 0),
    ("CSV, empty lines", "UPPLAN", lambda s: repeat(b"\r\n", 20 * MIB * s), lambda s: 20 * MIB * s, 1),
    ("CSV, 9 bad fields a line", "UPPLAN", lambda s: repeat(BAD, 50 * MIB * s), lambda s: 50 * MIB * s, 1),
    ("CSV, no line break", "UPPLAN", lambda s: no_break(500 * MIB * s, False), lambda s: 500 * MIB * s, 1),
    ("CSV, a quote never closed", "UPPLAN", lambda s: no_break(500 * MIB * s, True), lambda s: 500 * MIB * s, 1),
    ("JSON, body of `{}` records", "IF-I6-01-04-02/response", lambda s: empty_records(1_000_000 * s), lambda s: 3 * 1_000_000 * s, 1),
]

# The valid response comes from the benches' generator (it writes valid records as fast as they are read).
# Its size is the 340 MB in bytes, not MiB: record_num has 桁数 7, so a valid response holds at most
# 9,999,999 records, and the generator's records (about 139 bytes) reach that at 1.39 GB. 340 MB x 4 is
# 9.77 M records; 340 MiB x 4 would be 10.24 M, which `validate` rightly reports (length at /record_num).
JSON_VALID = ("JSON, valid response", "IF-I6-01-04-02/response", 340_000_000, 0)


def mebibytes(size):
    """`size` bytes in MiB, as the table shows them: whole above 10 MiB, one decimal below."""
    return f"{size / MIB:.0f} MiB" if size >= 10 * MIB else f"{size / MIB:.1f} MiB"


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "ltcip-codegen", "-p", "ltcip-benches", "--bin", "ltcip-codegen", "--bin", "gen_response"],
        cwd=ROOT,
        check=True,
    )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release")


def measure(bin_dir, layout, producer):
    """Runs validate on what `producer` writes to its standard input; (peak KiB, status, last line)."""
    with tempfile.NamedTemporaryFile("r") as report:
        command = ["/usr/bin/time", "-v", "-o", report.name, os.path.join(bin_dir, "ltcip-codegen"), "validate", "--layout", layout, "-"]
        process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        last = []

        def drain():
            for line in process.stdout:
                last[:] = [line]

        reader = threading.Thread(target=drain)
        reader.start()
        try:
            producer(process.stdin)
        except BrokenPipeError:
            pass
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
        status = process.wait()
        reader.join()
        text = report.read()
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return (int(peak.group(1)) if peak else None), status, (last[0].decode("utf-8", "replace").strip() if last else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--limit-mib", type=float, default=64.0)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        sys.exit("memory: /usr/bin/time (GNU time) is missing: apt-get install -y time")
    bin_dir = build()
    rows = []
    failed = False
    for name, layout, generate, size, expected in CASES:
        if args.only and not any(o in name for o in args.only):
            continue

        def produce(stdin, generate=generate):
            for chunk in generate(args.scale):
                stdin.write(chunk)

        peak, status, verdict = measure(bin_dir, layout, produce)
        rows.append((name, size(args.scale), peak, status, expected, verdict))
    name, layout, size, expected = JSON_VALID
    if not args.only or any(o in name for o in args.only):
        total = size * args.scale

        def produce_json(stdin):
            generator = subprocess.Popen([os.path.join(bin_dir, "gen_response"), "--bytes", str(total)], stdout=subprocess.PIPE)
            shutil.copyfileobj(generator.stdout, stdin, MIB)
            generator.wait()

        peak, status, verdict = measure(bin_dir, layout, produce_json)
        rows.append((name, total, peak, status, expected, verdict))
    print(f"| input (through `ltcip-codegen validate`, scale {args.scale}) | size | peak RSS | verdict |")
    print("|---|---|---|---|")
    for name, size, peak, status, expected, verdict in rows:
        peak_mib = peak / 1024 if peak is not None else float("nan")
        ok = peak is not None and peak_mib <= args.limit_mib and status == expected
        failed |= not ok
        mark = "" if ok else " **FAIL**"
        print(f"| {name} | {mebibytes(size)} | {peak_mib:.1f} MiB{mark} | exit {status}: {verdict[:100]} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
