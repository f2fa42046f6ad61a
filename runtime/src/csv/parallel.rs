//! Checking a large CSV file on every core.
//!
//! The file is cut into parts at record boundaries: a scan that follows the quoting as the tokenizer
//! does (a `"` opens a quoted field only at a field's start, `""` inside one is a quote) finds the
//! last line break outside quotes in each block read. The first part is checked on the calling thread,
//! for what the start of a file decides for the rest (a byte-order mark, lines 1 and 2 of a
//! named-column file, the line ending and the values of the first record); every later part is
//! checked on a worker, by a reader resumed at the part's first line with that state
//! ([`Reader::resume`]). Violations are handed out in file order, part after part.
//!
//! Each part is checked against what the part before it really left: the line it ended on, its
//! state ([`Carry`]: a file found mid-way to be UTF-8, say), and that its last record ended at a line
//! break. A part read under other assumptions (a quote the scan read otherwise than the tokenizer, a
//! record larger than the limit, a file whose encoding is decided late) is read again, with the rest
//! of the file, by one reader resumed where the last good part ended. The verdict is therefore
//! always the sequential reader's; only the time it takes depends on the file.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};

use super::reader::Carry;
use super::{DEFAULT_MAX_RECORD_BYTES, Reader, Untyped, Violation};
use crate::item::{Mode, Shape};

/// How [`check`] reads a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Threads that check parts of the file besides the one that reads it (at least 1; 1 reads the
    /// file from start to end on the calling thread).
    pub jobs: usize,
    /// The stage of import whose 必須 marks apply.
    pub mode: Mode,
    /// The largest record read, in bytes ([`Reader::max_record_bytes`]).
    pub max_record_bytes: usize,
    /// Violations handed out at most (the rest are counted); 0 hands out every one.
    pub max_violations: u64,
    /// About how many bytes a part holds (a part ends at a record boundary). Parts are read whole
    /// into memory, some for each job at a time.
    pub part_bytes: usize,
}

impl Default for CheckOptions {
    /// Every core, [`Mode::Final`], the reader's default record limit, every violation, 1 MiB parts.
    fn default() -> Self {
        CheckOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            mode: Mode::Final,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            max_violations: 0,
            part_bytes: 1024 * 1024,
        }
    }
}

/// What [`check`] read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Records read.
    pub records: u64,
    /// Violations found, those not handed out included.
    pub violations: u64,
    /// Violations found but not handed out ([`CheckOptions::max_violations`]).
    pub omitted: u64,
    /// The parts the file was checked in: 1 when one reader read it from start to end (one job, a
    /// small file, or a UTF-16 one), more when parts were checked side by side. A part read again
    /// with the rest of the file (see the module docs) counts once, with that rest.
    pub parts: u64,
}

impl Checked {
    /// Whether the file broke no rule.
    pub const fn is_valid(&self) -> bool {
        self.violations == 0
    }
}

/// Checks a CSV file against `shape` (a type's [`Layout::SHAPE`](crate::Layout::SHAPE) or one built
/// at run time), handing each violation to `each` in file order, on `options.jobs` threads.
///
/// The violations, and their order, are those a [`Reader`] of the whole file gives row after row
/// (with, for a named-column file of no record, [`Reader::header_violations`] at the end); records
/// are checked, not built. Memory stays bounded: a few parts per job are held at a time, and each
/// part keeps no more violations than may still be handed out. An `Err` is an I/O error of `input`.
///
/// ```
/// use ltcip_runtime::csv::{self, CheckOptions};
/// use ltcip_runtime::{Layout, Validate};
///
/// #[derive(Debug, Clone, Default, PartialEq, Validate)]
/// #[ltcip(csv)]
/// struct Record {
///     #[ltcip(no = "1", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
///     insurer: String,
///     #[ltcip(no = "2", name = "件数", data_type = "半角数字", digits = 3)]
///     count: String,
/// }
///
/// let file = b"131016,1\r\n13101X,2\r\n131016,3\r\n";
/// let options = CheckOptions { jobs: 2, part_bytes: 10, ..CheckOptions::default() };
/// let mut found = Vec::new();
/// let checked = csv::check(&file[..], Record::SHAPE, options, |v| found.push((v.line(), v.column()))).unwrap();
/// assert_eq!((checked.records, checked.violations), (3, 1));
/// assert_eq!(found, [(2, Some(1))]);
/// ```
pub fn check<R: Read>(
    input: R,
    shape: &'static Shape<'static>,
    options: CheckOptions,
    each: impl FnMut(&Violation),
) -> io::Result<Checked> {
    let mut out = Out { each, cap: options.max_violations, checked: Checked::default() };
    // The whole of `input` read by one reader from the file's start.
    let whole = |out: &mut Out<_>, input: &mut dyn Read| {
        let reader = Reader::<_, Untyped>::with_shape(input, shape)
            .mode(options.mode)
            .max_record_bytes(options.max_record_bytes);
        let carry = out.read(reader)?;
        out.header(&carry);
        Ok(out.checked)
    };
    let mut input = input;
    if options.jobs <= 1 {
        return whole(&mut out, &mut input);
    }
    let part_bytes = options.part_bytes.max(1);
    let mut blocks = Blocks { input, pending: Vec::new(), ended: false, first: true, limit: options.max_record_bytes };

    // The first part, on this thread: the start of the file decides how every later part is read.
    let first = blocks.next_part(FIRST_PART.min(part_bytes))?;
    let utf16 = matches!(first.bytes.get(..2), Some([0xFF, 0xFE] | [0xFE, 0xFF]));
    if utf16 || matches!(first.kind, Kind::Rest) {
        // A UTF-16 file is read as its text (see `Source`), which cannot be cut as bytes.
        return whole(&mut out, &mut io::Cursor::new(first.bytes).chain(blocks.rest()));
    }
    let breaks = count_breaks(&first.bytes);
    let last = first.kind == Kind::Last;
    let start = Work { seq: 0, line: 1, breaks, bytes: first.bytes, last, cap: out.remaining() };
    let mut done = checked_part(start, |bytes| {
        Reader::<_, Untyped>::with_shape(bytes, shape).mode(options.mode).max_record_bytes(options.max_record_bytes)
    });
    let assumed = done.carry.clone();
    let settings = Settings { shape, mode: options.mode, limit: options.max_record_bytes, carry: assumed };
    if !done.good() || (done.records == 0 && !done.last) {
        // The first part does not end at a line break, or holds no record (lines 1 and 2 of a
        // named-column file may not be whole in it): read on from its start as one file.
        return whole(&mut out, &mut io::Cursor::new(done.bytes).chain(blocks.rest()));
    }
    out.part(&mut done);
    let mut last_good = done;
    if last_good.last {
        out.header(&last_good.carry);
        return Ok(out.checked);
    }

    let jobs = options.jobs;
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(jobs);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| -> io::Result<Checked> {
        let settings = &settings;
        let work_rx = &work_rx;
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    // The lock is held while waiting for work, not while checking it.
                    let next = work_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(work) = next else { break };
                    let line = work.line;
                    let done = checked_part(work, |bytes| {
                        let carry = settings.carry.clone();
                        Reader::resume(bytes, settings.shape, line, carry, settings.mode, settings.limit)
                    });
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        let mut work_tx = Some(work_tx);
        let mut sent = 1u64;
        let mut next_seq = 1u64;
        let mut line = last_good.end_line;
        let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
        let mut read_error = None;
        let mut rest_from: Option<u64> = None;
        // Parts sent and not yet handed out: at most this many are held.
        let in_flight = 2 * jobs + 1;
        loop {
            // Hand out, in order, what is checked.
            while let Some(mut done) = waiting.remove(&next_seq) {
                // The line it starts on follows from the last good part's (see `Done::good`); its state
                // was assumed to be the first part's.
                let follows = last_good.carry == settings.carry;
                if !follows || !done.good() {
                    // Read under wrong assumptions: read again from here, with the rest, in one go.
                    rest_from = Some(done.seq);
                    waiting.insert(done.seq, done);
                    break;
                }
                out.part(&mut done);
                next_seq += 1;
                last_good = done;
            }
            if rest_from.is_some() {
                break;
            }
            let Some(tx) = &work_tx else {
                if next_seq == sent {
                    break;
                }
                match done_rx.recv() {
                    Ok(done) => {
                        waiting.insert(done.seq, done);
                        continue;
                    }
                    Err(_) => break,
                }
            };
            if sent - next_seq >= in_flight as u64 {
                match done_rx.recv() {
                    Ok(done) => {
                        waiting.insert(done.seq, done);
                    }
                    Err(_) => break,
                }
                continue;
            }
            match blocks.next_part(part_bytes) {
                Ok(part) => {
                    let kind = part.kind;
                    let breaks = count_breaks(&part.bytes);
                    if kind == Kind::Rest {
                        // No record boundary within reach: the rest goes to one reader, in order.
                        let seq = sent;
                        sent += 1;
                        waiting.insert(seq, Done::unread(seq, line, part.bytes, settings.carry.clone()));
                        work_tx = None;
                        continue;
                    }
                    let last = kind == Kind::Last;
                    let work = Work { seq: sent, line, breaks, bytes: part.bytes, last, cap: out.remaining() };
                    line += breaks;
                    sent += 1;
                    if tx.send(work).is_err() {
                        break;
                    }
                    if kind == Kind::Last {
                        work_tx = None;
                    }
                }
                Err(error) => {
                    read_error = Some(error);
                    work_tx = None;
                }
            }
            while let Ok(done) = done_rx.try_recv() {
                waiting.insert(done.seq, done);
            }
        }
        drop(work_tx);
        if let Some(error) = read_error {
            return Err(error);
        }
        if let Some(from) = rest_from {
            // Every part still out comes back, with its bytes; they are read again after the last good one.
            while let Ok(done) = done_rx.recv() {
                waiting.insert(done.seq, done);
            }
            let mut bytes = Vec::new();
            for (_, done) in waiting.range(from..) {
                bytes.extend_from_slice(&done.bytes);
            }
            let rest = io::Cursor::new(bytes).chain(blocks.rest());
            let reader = Reader::<_, Untyped>::resume(
                rest,
                shape,
                last_good.end_line,
                last_good.carry.clone(),
                options.mode,
                options.max_record_bytes,
            );
            let carry = out.read(reader)?;
            out.header(&carry);
            return Ok(out.checked);
        }
        out.header(&last_good.carry);
        Ok(out.checked)
    })
}

/// The first part is small: it is checked before any worker starts.
const FIRST_PART: usize = 64 * 1024;

/// Where the violations go, and what was counted.
struct Out<F> {
    each: F,
    cap: u64,
    checked: Checked,
}

impl<F: FnMut(&Violation)> Out<F> {
    /// How many more violations may be handed out (`u64::MAX`: every one).
    fn remaining(&self) -> u64 {
        match self.cap {
            0 => u64::MAX,
            cap => cap.saturating_sub(self.checked.violations),
        }
    }

    fn violation(&mut self, violation: &Violation) {
        if self.remaining() > 0 {
            (self.each)(violation);
        } else {
            self.checked.omitted += 1;
        }
        self.checked.violations += 1;
    }

    /// Hands out a checked part's violations.
    fn part(&mut self, done: &mut Done) {
        self.checked.parts += 1;
        self.checked.records += done.records;
        let kept = std::mem::take(&mut done.violations);
        // Those the part counted but did not keep.
        let unkept = done.found - kept.len() as u64;
        for violation in kept {
            self.violation(&violation);
        }
        self.checked.violations += unkept;
        self.checked.omitted += unkept;
    }

    /// Reads the rest of a file with one reader; returns the state it ended in.
    fn read<R: Read>(&mut self, mut reader: Reader<R, Untyped>) -> io::Result<Carry> {
        self.checked.parts += 1;
        let mut violations = Vec::new();
        while reader.check_next(&mut violations)?.is_some() {
            self.checked.records += 1;
            for violation in &violations {
                self.violation(violation);
            }
        }
        Ok(reader.carry())
    }

    /// A file of no record: its lines 1 and 2 are checked all the same.
    fn header(&mut self, carry: &Carry) {
        if self.checked.records == 0 {
            for violation in carry.header_violations() {
                self.violation(violation);
            }
        }
    }
}

/// The reader's settings for every part after the first, and the state the first part left.
struct Settings {
    shape: &'static Shape<'static>,
    mode: Mode,
    limit: usize,
    carry: Carry,
}

/// A part to check.
struct Work {
    seq: u64,
    /// The physical line it starts on.
    line: u64,
    /// Its line breaks: the next part starts this many lines later.
    breaks: u64,
    bytes: Vec<u8>,
    /// It ends the file.
    last: bool,
    /// Violations it may keep.
    cap: u64,
}

/// A part checked.
struct Done {
    seq: u64,
    line: u64,
    /// Its line breaks: the next part starts this many lines later.
    breaks: u64,
    bytes: Vec<u8>,
    last: bool,
    records: u64,
    /// Its violations, in order, as many as it could keep.
    violations: Vec<Violation>,
    /// Its violations, those not kept included.
    found: u64,
    /// Its last record ended at a line break (or it has none).
    ended: bool,
    /// The line its reader ended on.
    end_line: u64,
    /// The state its reader ended in.
    carry: Carry,
    /// Not checked: the rest of the file, for one reader.
    unread: bool,
}

impl Done {
    fn unread(seq: u64, line: u64, bytes: Vec<u8>, carry: Carry) -> Self {
        Done {
            seq,
            line,
            breaks: 0,
            bytes,
            last: true,
            records: 0,
            violations: Vec::new(),
            found: 0,
            ended: false,
            end_line: line,
            carry,
            unread: true,
        }
    }

    /// Checked, and its reader ended where the next part starts.
    fn good(&self) -> bool {
        !self.unread && (self.last || (self.ended && self.end_line == self.line + self.breaks))
    }
}

/// Checks a part with the reader `make` gives for its bytes.
fn checked_part(work: Work, make: impl for<'b> FnOnce(&'b [u8]) -> Reader<&'b [u8], Untyped>) -> Done {
    let cap = work.cap;
    let mut reader = make(&work.bytes);
    let mut violations = Vec::new();
    let mut kept = Vec::new();
    let (mut records, mut found, mut ended) = (0, 0u64, true);
    // A byte slice gives no I/O error; were one to come, the part is read again by one reader.
    let mut failed = false;
    loop {
        match reader.check_next(&mut violations) {
            Ok(Some(with_break)) => {
                records += 1;
                ended = with_break;
                found += violations.len() as u64;
                let room = usize::try_from(cap.saturating_sub(kept.len() as u64)).unwrap_or(usize::MAX);
                kept.extend(violations.drain(..).take(room));
            }
            Ok(None) => break,
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    let end_line = reader.next_line();
    let carry = reader.carry();
    drop(reader);
    Done {
        seq: work.seq,
        line: work.line,
        breaks: work.breaks,
        bytes: work.bytes,
        last: work.last,
        records,
        violations: kept,
        found,
        ended,
        end_line,
        carry,
        unread: failed,
    }
}

/// Line breaks in `bytes`, as the tokenizer counts lines: CR LF, LF, or CR alone (a part never ends
/// between the CR and the LF of one break).
fn count_breaks(bytes: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).filter(|&at| bytes.get(at + 1) != Some(&b'\n')).count();
    (lf + lone_cr) as u64
}

/// The input, cut into parts at record boundaries.
struct Blocks<R> {
    input: R,
    /// Bytes read past the last part's end.
    pending: Vec<u8>,
    ended: bool,
    /// No part was taken yet: the bytes start the file.
    first: bool,
    /// The record limit: a part that finds no boundary within it and a part's size is the rest.
    limit: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Ends at a record boundary.
    Whole,
    /// Ends the file.
    Last,
    /// Holds no boundary within reach: the rest of the file is read by one reader from here.
    Rest,
}

struct Part {
    bytes: Vec<u8>,
    kind: Kind,
}

impl<R: Read> Blocks<R> {
    /// The next part: about `size` bytes, up to the last record boundary in them.
    fn next_part(&mut self, size: usize) -> io::Result<Part> {
        let mut want = size;
        loop {
            self.fill(want)?;
            if self.ended {
                self.first = false;
                return Ok(Part { bytes: std::mem::take(&mut self.pending), kind: Kind::Last });
            }
            // The tokenizer reads a file's first field after its UTF-8 byte-order mark.
            let field_start = if self.first && self.pending.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
            if let Some(end) = last_boundary(&self.pending, field_start) {
                self.first = false;
                let rest = self.pending.split_off(end);
                let bytes = std::mem::replace(&mut self.pending, rest);
                return Ok(Part { bytes, kind: Kind::Whole });
            }
            if self.pending.len() > self.limit.saturating_add(size) {
                self.first = false;
                return Ok(Part { bytes: std::mem::take(&mut self.pending), kind: Kind::Rest });
            }
            want = self.pending.len() + size;
        }
    }

    /// Reads until `pending` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        self.pending.reserve(want.saturating_sub(self.pending.len()));
        while self.pending.len() < want && !self.ended {
            let have = self.pending.len();
            let read = (&mut self.input).take((want - have) as u64).read_to_end(&mut self.pending)?;
            if read == 0 {
                self.ended = true;
            }
        }
        Ok(())
    }

    /// What is left: the bytes read past the last part, then the input.
    fn rest(self) -> impl Read {
        io::Cursor::new(self.pending).chain(self.input)
    }
}

/// The end of the last whole record in `bytes`, which start at a record's start (its first field at
/// `field_start`): just past the last line break outside quotes, when what follows it is known (a CR
/// at the very end may be the first half of a CR LF). Quotes are read as the tokenizer reads them: one
/// opens a quoted field only at a field's start, `""` inside a quoted field is a quote, and any other
/// quote ends it.
fn last_boundary(bytes: &[u8], field_start: usize) -> Option<usize> {
    let mut last = None;
    let mut at = 0;
    loop {
        // Outside quotes, from `at`: up to the next quote that opens a field.
        let mut from = at;
        let opening = loop {
            match memchr::memchr(b'"', &bytes[from..]) {
                None => break None,
                Some(n) => {
                    let quote = from + n;
                    if quote == field_start || (quote > 0 && matches!(bytes[quote - 1], b',' | b'\r' | b'\n')) {
                        break Some(quote);
                    }
                    // A quote inside an unquoted field opens nothing.
                    from = quote + 1;
                }
            }
        };
        let outside = &bytes[at..opening.unwrap_or(bytes.len())];
        if let Some(end) = break_end(outside, opening.is_none()) {
            last = Some(at + end);
        }
        let Some(opening) = opening else { return last };
        // Inside quotes: up to the quote that closes the field.
        let mut from = opening + 1;
        loop {
            let Some(n) = memchr::memchr(b'"', &bytes[from..]) else { return last };
            let quote = from + n;
            match bytes.get(quote + 1) {
                Some(b'"') => from = quote + 2,
                Some(_) => {
                    at = quote + 1;
                    break;
                }
                // Whether it closes the field or starts a `""` is not known yet.
                None => return last,
            }
        }
    }
}

/// Just past the last line break in `bytes`, when known: a CR at the end of what was read (`at_end`)
/// may be followed by the LF of the same break.
fn break_end(bytes: &[u8], at_end: bool) -> Option<usize> {
    let mut upto = bytes.len();
    loop {
        let at = memchr::memrchr2(b'\r', b'\n', &bytes[..upto])?;
        if bytes[at] == b'\n' {
            return Some(at + 1);
        }
        match bytes.get(at + 1) {
            Some(_) => return Some(at + 1),
            None if !at_end => return Some(at + 1),
            None => upto = at,
        }
    }
}
