//! Validating a document with its records checked on several threads
//! ([`Validator::validate_parallel`]).
//!
//! The calling thread reads the document and cuts it ([`super::cut`]): the records of each top-level
//! リスト item go, in batches of about 256 KiB, to `jobs` workers, each of which checks them as
//! [`Validator::validate`] would (the same visitor, from the record's bytes); the rest of the document
//! (the skeleton) is read last, its リスト members taking the workers' findings. Findings are merged
//! in document order, and the cap on violations kept is applied to them in that order, so the report
//! is the one a single reader gives.
//!
//! Memory stays bounded: at most `4 × jobs` batches are handed out and not yet merged (waiting for a
//! worker, being checked, or done before one earlier in the document), and a batch's findings hold at
//! most the cap's number of violations. A record, or a skeleton, larger than the validator's
//! [`Validator::max_value_bytes`] is not held: the document is then read by one reader.
//!
//! Anything a single reader must decide (a document that is not JSON, whose error position is the
//! parser's; a record nested deeper than the cut follows; a リスト member given twice) makes
//! [`validate`] return `None`: the caller reads the document again with [`Validator::validate`].
//! So is a document of a layout with a リスト item whose records hold a リスト of their own (see
//! [`splits`]). A reader that fails is read again by one reader too, which says what it says.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Mutex, PoisonError};

use super::cut::{Batch, Cutter};
use super::{Budget, Checked, Report, Validator, admit};
use crate::item::{Kind, Shape};

/// How much of the document is read at a time.
const CHUNK: usize = 256 * 1024;

/// Batches handed out and not yet merged, per job.
const IN_FLIGHT: u64 = 4;

/// A batch goes to a worker once it holds this many bytes of records: enough that a worker's share
/// of the work outweighs passing it, few enough that every core gets some of a small document.
const BATCH_BYTES: usize = 256 * 1024;

/// Whether the workers can check the records of the top-level リスト items: there is one, and no
/// record of any holds a リスト of its own (whose records would be admitted under the cap in reading
/// order, not in their report's order, which a batch cannot know; and records read in the skeleton
/// would be admitted after every batch, not in document order).
pub(super) fn splits(shape: &Shape<'_>) -> bool {
    let mut records = shape.items.iter().filter_map(|item| match item.kind {
        Kind::List(records) => Some(records),
        Kind::Text(_) => None,
    });
    let flat = |records: &Shape<'_>| records.items.iter().all(|item| matches!(item.kind, Kind::Text(_)));
    records.next().is_some_and(flat) && records.all(flat)
}

/// The top-level リスト items: member name, item index.
fn lists<'s>(shape: &Shape<'s>) -> Vec<(&'s [u8], usize)> {
    shape
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item.kind, Kind::List(_)))
        .map(|(index, item)| (item.key.as_bytes(), index))
        .collect()
}

/// What a worker found in one batch; `None`: a record is not a JSON value.
type Done = (u64, usize, Option<Checked>);

/// Validates the document `reader` gives on `jobs` workers; `Ok(None)` when one reader must read it.
pub(super) fn validate<R: Read>(validator: &Validator<'_>, jobs: usize, reader: R) -> io::Result<Option<Report>> {
    validate_in(validator, jobs, reader, BATCH_BYTES)
}

/// [`validate`] with batches of `batch_bytes`.
fn validate_in<R: Read>(
    validator: &Validator<'_>,
    jobs: usize,
    mut reader: R,
    batch_bytes: usize,
) -> io::Result<Option<Report>> {
    let shape = validator.shape;
    let (batches, queue) = mpsc::sync_channel::<(u64, Batch)>(2 * jobs);
    let queue = Mutex::new(queue);
    let (done_tx, done) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (queue, done_tx) = (&queue, done_tx.clone());
            scope.spawn(move || work(validator, queue, &done_tx));
        }
        drop(done_tx);
        let mut merge = Merge::new(validator);
        let mut cutter = Cutter::new(lists(shape), shape.items.len(), validator.max_value, batch_bytes);
        let mut chunk = vec![0; CHUNK];
        let mut sent = 0;
        let mut failed = false;
        loop {
            let read = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                // Read ahead of where one reader would have stopped (at a syntax error, say): whether
                // the error is the report's is one reader's business.
                Err(_) => return Ok(None),
            };
            let cut = cutter.feed(&chunk[..read], &mut |batch| {
                // Batches handed out and not yet merged (queued, being checked, or done before one
                // earlier in the document) are bounded: a slow batch holds up the rest, not memory.
                while sent - merge.next >= IN_FLIGHT * jobs as u64 && !failed {
                    failed = !merge.take(&done, true);
                }
                if failed || batches.send((sent, batch)).is_err() {
                    failed = true;
                }
                sent += 1;
            });
            if cut.is_err() || failed || !merge.take(&done, false) {
                // Returning drops `batches` (moved in here by the `drop` below): the workers stop.
                return Ok(None);
            }
        }
        drop(batches);
        let Ok(skeleton) = cutter.finish() else { return Ok(None) };
        while merge.next < sent {
            if !merge.take(&done, true) {
                return Ok(None);
            }
        }
        Ok(validator.read_skeleton(&skeleton, merge.budget))
    })
}

/// A worker: checks batches until the queue closes.
fn work(validator: &Validator<'_>, queue: &Mutex<Receiver<(u64, Batch)>>, done: &mpsc::Sender<Done>) {
    loop {
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok((seq, batch)) = next else { return };
        // A panic is a bug; it makes the document one reader's, not a worker short and a caller
        // waiting for it forever.
        let checked =
            catch_unwind(AssertUnwindSafe(|| validator.check_records(batch.list, batch.first, batch.records())))
                .ok()
                .flatten();
        if done.send((seq, batch.list, checked)).is_err() {
            return;
        }
    }
}

/// The workers' findings, merged in document order.
struct Merge {
    /// The next batch to merge.
    next: u64,
    /// Batches done before one that comes earlier in the document.
    waiting: BTreeMap<u64, (usize, Option<Checked>)>,
    /// The document's budget: each top-level item's records' findings so far (`checked`), the
    /// violations kept against the limit, the records read.
    budget: Budget,
}

impl Merge {
    fn new(validator: &Validator<'_>) -> Self {
        let mut budget = validator.budget();
        budget.checked = (0..validator.shape.items.len()).map(|_| None).collect();
        Merge { next: 0, waiting: BTreeMap::new(), budget }
    }

    /// Merges what the workers have done (waiting for one batch if `wait`); `false` when a batch
    /// had a record that is not JSON, or no worker is left to do the batch waited for.
    fn take(&mut self, done: &Receiver<Done>, wait: bool) -> bool {
        let mut wait = wait;
        loop {
            let next = if wait { done.recv().map_err(|_| TryRecvError::Disconnected) } else { done.try_recv() };
            let (seq, list, checked) = match next {
                Ok(done) => done,
                Err(TryRecvError::Empty) => return true,
                // Every worker is gone (the queue closed): only a wait is left unanswered.
                Err(TryRecvError::Disconnected) => return !wait,
            };
            wait = false;
            self.waiting.insert(seq, (list, checked));
            while let Some((list, checked)) = self.waiting.remove(&self.next) {
                let Some(checked) = checked else { return false };
                self.merge(list, checked);
                self.next += 1;
            }
        }
    }

    /// Admits a batch's violations under the limit, in order, as one reader would have.
    fn merge(&mut self, list: usize, (count, found): Checked) {
        let (mut total, mut merged) = self.budget.checked[list].take().unwrap_or_default();
        total += count;
        self.budget.records += count as u64;
        for error in found.errors {
            admit(&mut self.budget, true, error, &mut merged);
        }
        merged.omitted += found.omitted;
        self.budget.checked[list] = Some((total, merged));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::validate_in;
    use crate::chars::CharClass;
    use crate::item::{Item, Kind, Length, LengthUnit, Occurs, Shape, Text};
    use crate::json::stream::{Report, Validator};

    const RECORD: Shape<'static> = Shape::new(
        "record",
        &[
            Item::new(
                "02",
                "番号",
                "number",
                Occurs::REQUIRED,
                Kind::Text(Text::new().chars(CharClass::HalfDigits).length(Length::fixed(2, LengthUnit::Chars))),
            ),
            Item::new("03", "名前", "name", Occurs::OPTIONAL, Kind::Text(Text::new().chars(CharClass::Full))),
        ],
    );
    const NOTE: Shape<'static> = Shape::new(
        "note",
        &[Item::new("06", "コード", "code", Occurs::REQUIRED, Kind::Text(Text::new().codes(&["A", "B"])))],
    );
    const DOCUMENT: Shape<'static> = Shape::new(
        "document",
        &[
            Item::new("01", "結果", "result", Occurs::REQUIRED, Kind::Text(Text::new().codes(&["OK"]))),
            Item::new("04", "ボディ", "body", Occurs::REQUIRED, Kind::List(&RECORD)),
            Item::new("05", "注記", "notes", Occurs::OPTIONAL, Kind::List(&NOTE)),
        ],
    );

    fn sequential(limit: usize, document: &[u8]) -> Report {
        Validator::new(&DOCUMENT).limit(limit).validate(document).expect("in memory")
    }

    /// The parallel report of `document`, or `None` where one reader must read it.
    fn parallel(limit: usize, jobs: usize, batch: usize, document: &[u8]) -> Option<Report> {
        validate_in(&Validator::new(&DOCUMENT).limit(limit), jobs, document, batch).expect("in memory")
    }

    const VALID_JSON: [&str; 8] = [
        r#"{"result": "OK", "body": [{"number": "12"}, {"number": "1", "name": "ab"}, 5, [], "x", null, {"x": [1, {"y": null}]}]}"#,
        r#"{"body": [{}, {}, {}, {}], "result": "NG", "notes": [{"code": "C"}, {}, {"code": "A"}]}"#,
        r#"{"notes": [{"code": "C"}, {"code": "D"}], "body": [{"number": "123"}, {"number": "1\u0032"}]}"#,
        r#"{"result": "OK", "body": []}"#,
        r#"{"result": "OK", "body": {"number": "12"}}"#,
        r#"{"result": "OK", "body": [{}], "result": "OK"}"#,
        r#"{"result": ["OK"], "body": [{"number": ["12"]}, {"name": "漢字", "number": "1"}], "extra": [{"body": [1]}]}"#,
        "[1, 2]",
    ];

    #[test]
    fn records_checked_by_workers_give_one_reader_s_report() {
        for document in VALID_JSON {
            for limit in [0, 1, 2, 3, 1000] {
                let expected = sequential(limit, document.as_bytes());
                for jobs in [2, 3] {
                    for batch in [1, 20, 1 << 20] {
                        let found = parallel(limit, jobs, batch, document.as_bytes());
                        // Every one of these is JSON with each リスト member once: cut, never given up.
                        assert_eq!(
                            found.as_ref(),
                            Some(&expected),
                            "{document} limit {limit} jobs {jobs} batch {batch}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn what_the_workers_cannot_decide_is_read_again() {
        for document in [
            r#"{"result": "OK", "body": [{"number": 1e999}]}"#,
            r#"{"result": "OK", "body": [{"number": "12"} {"number": "12"}]}"#,
            r#"{"result": "OK", "body": [{"number": "12"},]}"#,
            r#"{"result": "OK", "body": [{}], "body": [{}]}"#,
            r#"{"result": "OK", "body": [{"number": "12"}], x}"#,
            r#"{"result": "OK", "body": [{"number": "\ud800"}]}"#,
            r#"{"result": "OK", "body": [{"number": "12"}"#,
        ] {
            assert_eq!(parallel(10, 2, 1, document.as_bytes()), None, "{document}");
            let validator = Validator::new(&DOCUMENT).limit(10);
            let again = validator.validate_parallel(2, || Ok(document.as_bytes())).expect("in memory");
            assert_eq!(again, sequential(10, document.as_bytes()), "{document}");
        }
    }

    #[test]
    fn a_list_member_given_twice_whatever_its_values_is_read_by_one_reader() {
        // One reader checks the last copy, and frees what the first one's records took of the cap
        // before it reads on: neither can be known in batches.
        for document in [
            r#"{"result": "OK", "body": null, "body": [{}]}"#,
            r#"{"body": [{}], "body": null, "notes": [{"code": "Z"}]}"#,
            r#"{"body": 5, "notes": [{}], "body": [{}, {}]}"#,
        ] {
            assert_eq!(parallel(1, 2, 1, document.as_bytes()), None, "{document}");
            for limit in 0..3 {
                let validator = Validator::new(&DOCUMENT).limit(limit);
                let again = validator.validate_parallel(2, || Ok(document.as_bytes())).expect("in memory");
                assert_eq!(again, sequential(limit, document.as_bytes()), "{document} limit {limit}");
            }
        }
    }

    /// A layout whose first リスト holds records with a リスト of their own.
    const OUTER: Shape<'static> = Shape::new(
        "outer",
        &[
            Item::new("07", "明細", "lines", Occurs::OPTIONAL, Kind::List(&NOTE)),
            Item::new("08", "番号", "number", Occurs::REQUIRED, Kind::Text(Text::new().codes(&["1"]))),
        ],
    );
    const NESTED: Shape<'static> = Shape::new(
        "nested",
        &[
            Item::new("09", "外", "outer", Occurs::OPTIONAL, Kind::List(&OUTER)),
            Item::new("04", "ボディ", "body", Occurs::REQUIRED, Kind::List(&RECORD)),
        ],
    );

    #[test]
    fn a_layout_with_lists_in_records_is_read_by_one_reader() {
        // One reader admits `/outer/0/lines/0/code` under the cap before `/outer/0/number`, and both
        // before `/body/0/number`: the order of reading, which batches do not keep.
        assert!(!super::splits(&NESTED));
        let document = br#"{"outer": [{"number": "2", "lines": [{"code": "Z"}]}], "body": [{}]}"#;
        for limit in 0..4 {
            let validator = Validator::new(&NESTED).limit(limit);
            let expected = validator.validate(&document[..]).expect("in memory");
            assert_eq!(validator.validate_parallel(2, || Ok(&document[..])).expect("in memory"), expected);
        }
    }

    /// Gives `bytes` and then fails.
    struct Failing<'a>(&'a [u8]);

    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("the disk is gone"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_read_that_fails_is_one_reader_s_to_report() {
        // One reader stops at the syntax error before it reads on, and reports it.
        let bytes = br#"{"result": "NG", "body": [{}], x"#;
        let validator = Validator::new(&DOCUMENT);
        let expected = validator.validate(Failing(bytes)).expect("the syntax error comes first");
        assert_eq!(expected.errors().iter().next().map(|e| e.rule().code()), Some("syntax"));
        assert_eq!(validator.validate_parallel(2, || Ok(Failing(bytes))).expect("as one reader"), expected);
        // Where one reader meets the failure, so does the call.
        let cut = br#"{"result": "NG", "body": [{}"#;
        assert!(validator.validate(Failing(cut)).is_err());
        assert!(validator.validate_parallel(2, || Ok(Failing(cut))).is_err());
    }

    #[test]
    fn a_record_larger_than_the_validator_holds_is_read_by_one_reader() {
        let document = format!(r#"{{"result": "OK", "body": [{{"number": "12", "name": "{}"}}]}}"#, "ア".repeat(100));
        let validator = Validator::new(&DOCUMENT).max_value_bytes(200);
        assert_eq!(validate_in(&validator, 2, document.as_bytes(), 1).expect("in memory"), None);
        let again = validator.validate_parallel(2, || Ok(document.as_bytes())).expect("in memory");
        assert_eq!(again, validator.validate(document.as_bytes()).expect("in memory"));
    }

    /// A piece of a document: records good and bad, values that are no records, whitespace, and
    /// what breaks JSON.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            r#"{"number": "12"}"#,
            r#"{"number": "1"}"#,
            r#"{"name": "ｱ"}"#,
            r#"{"number": "12", "number": "34"}"#,
            r#"{"code": "A"}"#,
            r#"{"code": "Z", "x": {"y": [1, "]"]}}"#,
            "[]",
            "\"s\\\"]\"",
            "5",
            "1e999",
            "null",
            ",",
            " ",
            "\n",
            "]",
            "[",
            "{",
            "}",
            r#""body": ["#,
            r#""notes": ["#,
            r#""result": "OK","#,
            r#""b\u006fdy": ["#,
            r#""body": null,"#,
            r#""notes": 5,"#,
            r#""body": {},"#,
        ])
    }

    proptest! {
        /// Whatever the document, the report is one reader's: cut and checked by workers, or read
        /// again.
        #[test]
        fn the_report_is_one_reader_s(pieces in prop::collection::vec(piece(), 0..40), head in 0usize..3,
                                      jobs in 2usize..4, batch in 1usize..64, limit in 0usize..4) {
            let mut document = String::from(["{\"body\": [", "{\"notes\": [", "{"][head]);
            for piece in &pieces {
                document.push_str(piece);
            }
            let expected = sequential(limit, document.as_bytes());
            if let Some(found) = parallel(limit, jobs, batch, document.as_bytes()) {
                prop_assert_eq!(found, expected.clone());
            }
            let validator = Validator::new(&DOCUMENT).limit(limit);
            prop_assert_eq!(validator.validate_parallel(jobs, || Ok(document.as_bytes())).expect("in memory"), expected);
        }
    }
}
