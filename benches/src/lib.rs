//! Deterministic payloads for the benchmarks (`benches/ratios.rs`) and the streaming-RSS check
//! (`scripts/stream-rss.sh`): IF-I6-01-04-02 responses of any size and 第6表 (UPPLAN) CSV files, every
//! value valid and varied from record to record, the same bytes on every run.
//!
//! Run the benchmarks with `cargo bench -p ltcip-benches` (figures in `benches/RESULTS.md`).

use std::io::{self, Write};

/// The IF-I6-01-04-02 response with text borrowed from the document (`TextType::Borrowed`, made by
/// `build.rs`): `json::from_slice` decodes it without copying text.
pub mod borrowed {
    include!(concat!(env!("OUT_DIR"), "/borrowed.rs"));
}

use ltcip_generated::upplan;
use ltcip_runtime::CompactString;
use ltcip_runtime::compact_str::format_compact;

/// The top-level members of a generated response before `body` (`record_num` holds `records`).
fn response_head(out: &mut impl Write, records: Option<u64>) -> io::Result<()> {
    out.write_all(
        "{\"care_insure_provider_number\":\"131011\",\"care_insurer_number\":\"0000012345\",\
         \"result\":\"成功\",\"result_detail\":\"正常終了しました。\",\"file_if_id\":\"IFI601040\","
            .as_bytes(),
    )?;
    if let Some(records) = records {
        write!(out, "\"record_num\":\"{records}\",")?;
    }
    out.write_all(b"\"body\":[")
}

/// Days in `month` (1–12) of `year`.
fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A calendar-valid date derived from `n`: years 2020–2027, every month, every day of it (29 February
/// included in leap years). `(year, month, day)`.
fn date(n: u64) -> (u64, u64, u64) {
    let year = 2020 + n % 8;
    let month = 1 + (n / 8) % 12;
    let day = 1 + (n / 96) % days_in_month(year, month);
    (year, month, day)
}

/// Record `i` of a response body, as compact JSON (no separator).
pub fn write_record(out: &mut impl Write, i: u64) -> io::Result<()> {
    let provider = (131_011 + i * 7_919) % 1_000_000;
    let insurer = (i.wrapping_mul(2_654_435_761)) % 10_000_000_000;
    let status = 1 + i % 3;
    write!(
        out,
        "{{\"care_insure_provider_number\":\"{provider:06}\",\"care_insurer_number\":\"{insurer:010}\",\
         \"care_insurance_status\":\"{status}\""
    )?;
    if !i.is_multiple_of(3) {
        let (y, m, d) = date(i);
        write!(out, ",\"care_insurance_end_date\":\"{y:04}-{m:02}-{d:02}\"")?;
    }
    if i.is_multiple_of(5) {
        let (y, m, d) = date(i / 5 + 17);
        write!(out, ",\"care_insurance_end_cancel_date\":\"{y:04}-{m:02}-{d:02}\"")?;
    }
    out.write_all(b"}")
}

/// A valid IF-I6-01-04-02 response of `records` body records, `record_num` before `body` as the spec
/// orders the members.
pub fn response(records: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(usize::try_from(records).unwrap_or(0).saturating_mul(180) + 256);
    write_response(&mut out, records).expect("writing to memory");
    out
}

/// Writes [`response`] to `out`.
pub fn write_response(out: &mut impl Write, records: u64) -> io::Result<()> {
    response_head(out, Some(records))?;
    for i in 0..records {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_record(out, i)?;
    }
    out.write_all(b"]}")
}

/// Writes a valid response of at least `bytes` bytes (records are added until the size is reached)
/// without knowing the record count in advance: `record_num` comes after `body`, which the layout
/// allows. Returns the bytes and records written.
pub fn write_response_of_size(out: &mut impl Write, bytes: u64) -> io::Result<(u64, u64)> {
    let mut counted = Counting { inner: out, bytes: 0 };
    response_head(&mut counted, None)?;
    let mut records = 0;
    while counted.bytes < bytes {
        if records > 0 {
            counted.write_all(b",")?;
        }
        write_record(&mut counted, records)?;
        records += 1;
    }
    write!(counted, "],\"record_num\":\"{records}\"}}")?;
    Ok((counted.bytes, records))
}

/// A writer that counts what passes through.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

const MANAGERS: [&str; 6] = ["介護　太郎", "保険　花子", "山田　一郎", "ｶｲｺﾞ ｼﾞﾛｳ", "髙橋　①子", "佐藤　恵美"];
const PROVIDERS: [&str; 4] =
    ["訪問介護ステーション東", "デイサービスセンター「みどり」", "ショートステイ西", "福祉用具貸与　ケアショップ"];
const EQUIPMENT: [&str; 3] = ["車いす（自走式）", "特殊寝台", "歩行器, 四輪"];

/// Record `i` of a 第6表 (UPPLAN) file for 対象年月 2025-04: every column valid, optional columns
/// present or empty in turn, フリーテキスト in Japanese (quoted by the writer).
pub fn upplan_record(i: u64) -> upplan::Record {
    let some = |present: bool, text: CompactString| present.then_some(text);
    let day = 1 + i % 30;
    let (y, m, d) = date(i);
    let start = (8 + i % 10) * 100 + (i % 4) * 15;
    upplan::Record {
        csv_version: "202407".into(),
        insurer_number: format_compact!("{:06}", (131_011 + i * 7) % 1_000_000),
        insured_number: if i.is_multiple_of(7) {
            format_compact!("H{:09}", i % 1_000_000_000)
        } else {
            format_compact!("{:010}", i.wrapping_mul(2_654_435_761) % 10_000_000_000)
        },
        created_date: format_compact!("{y:04}{m:02}{d:02}"),
        target_month: "202504".into(),
        plan_office_code: format_compact!("13{:08}", i % 100_000_000),
        plan_manager_name: MANAGERS[(i % 6) as usize].into(),
        units: some(i % 4 != 3, format_compact!("{}", i % 5_000)),
        short_stay_days_before_month: some(i.is_multiple_of(9), format_compact!("{}", i % 30)),
        service_date: format_compact!("202504{day:02}"),
        daily_rate_days: some(
            i.is_multiple_of(11),
            (0..31).map(|k| if (i >> (k % 16)) & 1 == 1 { '1' } else { '0' }).collect(),
        ),
        service_start_time: if i.is_multiple_of(13) { "9999".into() } else { format_compact!("{start:04}") },
        service_end_time: if i.is_multiple_of(13) { "9999".into() } else { format_compact!("{:04}", start + 100) },
        service_count: format_compact!("{}", 1 + i % 9),
        service_code: format_compact!("{:06}", 110_000 + i % 9_000),
        tais_code: some(i.is_multiple_of(17), format_compact!("{:05}-{:06}", i % 100_000, i % 1_000_000)),
        equipment_notification_code: some(i.is_multiple_of(19), format_compact!("F{:09}", i % 1_000_000_000)),
        equipment_name: some(i.is_multiple_of(17), EQUIPMENT[(i % 3) as usize].into()),
        detail_discriminator: some(i.is_multiple_of(2), format_compact!("{}", i % 3)),
        provider_code: format_compact!("13{:08}", (i * 31) % 100_000_000),
        provider_name: some(i % 5 != 4, PROVIDERS[(i % 4) as usize].into()),
        satellite_branch: some(i.is_multiple_of(8), format_compact!("{:02}", i % 100)),
        over_30_days: if i.is_multiple_of(10) { "1" } else { "0" }.into(),
        updater_code: some(i % 3 == 1, format_compact!("{:010}", i % 10_000_000_000)),
        identifier: some(i.is_multiple_of(6), "1".into()),
    }
}

/// A valid UPPLAN file (MS932, CR LF) of at least `bytes` bytes, written by the generated writer.
pub fn upplan_file(bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 64 * 1024);
    let mut i = 0;
    while out.len() < bytes {
        // A writer per batch of records, so that the size written so far can be read between batches.
        let mut writer = upplan::writer(&mut out);
        for _ in 0..1024 {
            writer.write(&upplan_record(i)).expect("every generated record is writable");
            i += 1;
        }
        writer.finish().expect("in memory");
    }
    out
}
