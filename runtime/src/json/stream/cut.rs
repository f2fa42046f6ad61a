//! Cutting a JSON document, as it is read, into its records and the rest: the top-level object
//! with the arrays of its リスト members left empty (the skeleton), and the elements of those arrays,
//! each the bytes of one JSON value, in batches.
//!
//! The cut follows only what it must: strings (a bracket or comma inside one counts for nothing),
//! nesting, and in the top-level object which member an array is the value of. It does not check
//! that the document is JSON: the skeleton and every record are parsed afterwards, and a document
//! that is not JSON fails one of those parses. What a single reader must decide, the cut gives up on
//! ([`GiveUp`]): a comma where a record is due, a member name with an escape in the top-level object,
//! a リスト member given twice (whatever its values), nesting deeper than [`MAX_DEPTH`], a record or
//! skeleton larger than the validator holds.

/// The cut cannot tell the records apart as one reader would: the document is read by one.
#[derive(Debug)]
pub(super) struct GiveUp;

/// Records of one リスト item, consecutive in the document: `bytes` holds them end to end.
#[derive(Debug)]
pub(super) struct Batch {
    /// The top-level item whose member the records are in.
    pub list: usize,
    /// The index of the first record in the item's array.
    pub first: usize,
    pub bytes: Vec<u8>,
    /// Where each record ends in `bytes`.
    pub ends: Vec<usize>,
}

impl Batch {
    fn new(list: usize, first: usize) -> Self {
        Batch { list, first, bytes: Vec::new(), ends: Vec::new() }
    }

    /// The records, one JSON value each (and the whitespace after it).
    pub fn records(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(start, end)| &self.bytes[start..end])
    }

    /// Where the record being read started.
    fn open_start(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }
}

/// Nesting the cut follows: a worker parses a record from its own start, so the parser's limit (128)
/// would count two levels fewer than one reader's; well below, nothing differs.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lex {
    Between,
    String,
    /// In a string, just after `\`.
    Escaped,
}

/// The state of a cut, between the chunks of a document.
pub(super) struct Cutter<'s> {
    /// The member names of the top-level リスト items whose records are cut out, with their index.
    lists: Vec<(&'s [u8], usize)>,
    /// The largest record, or skeleton, held.
    max: usize,
    /// A batch is handed out once it holds this many bytes.
    batch_bytes: usize,
    lex: Lex,
    depth: usize,
    /// The document is an object.
    object: bool,
    skeleton: Vec<u8>,
    /// The last string in the top-level object (not inside any value of it): where its quotes are
    /// in the skeleton, and whether it holds an escape.
    last_string: (usize, usize, bool),
    /// The cut リスト item whose member's value is due (its name and colon just read).
    pending: Option<usize>,
    /// The records of the array being read, and where the next one starts.
    batch: Option<Batch>,
    /// A record of that array is being read.
    open: bool,
    /// The last thing in the array was a comma: a record is due.
    due: bool,
    /// The top-level items whose array was cut already.
    seen: Vec<bool>,
}

/// JSON's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'s> Cutter<'s> {
    /// A cut that takes the records of `lists` (member name, top-level item index) out, holding no
    /// record and no skeleton larger than `max` bytes, in batches of `batch_bytes` or a little more.
    pub fn new(lists: Vec<(&'s [u8], usize)>, items: usize, max: usize, batch_bytes: usize) -> Self {
        Cutter {
            lists,
            max,
            batch_bytes,
            lex: Lex::Between,
            depth: 0,
            object: false,
            skeleton: Vec::new(),
            last_string: (0, 0, false),
            pending: None,
            batch: None,
            open: false,
            due: false,
            seen: vec![false; items],
        }
    }

    /// Reads the next `chunk` of the document, handing out each batch of records as it fills.
    pub fn feed(&mut self, chunk: &[u8], emit: &mut dyn FnMut(Batch)) -> Result<(), GiveUp> {
        let n = chunk.len();
        let mut i = 0;
        // Where the bytes not yet copied start: they go to the skeleton outside a cut array, to the
        // open record inside one (and nowhere between its records).
        let mut from = 0;
        while i < n {
            match self.lex {
                Lex::String => {
                    i = super::string_end(chunk, i);
                    if i == n {
                        break;
                    }
                    let top = self.depth == 1 && self.batch.is_none();
                    if chunk[i] == b'"' {
                        self.lex = Lex::Between;
                        if top {
                            self.last_string.1 = self.skeleton.len() + (i - from);
                        }
                    } else {
                        self.lex = Lex::Escaped;
                        self.last_string.2 |= top;
                    }
                    i += 1;
                }
                Lex::Escaped => {
                    self.lex = Lex::String;
                    i += 1;
                }
                Lex::Between => {
                    let b = chunk[i];
                    if self.batch.is_some() && self.depth == 2 && !self.open {
                        // Between the records of a cut array.
                        match b {
                            _ if is_space(b) => {}
                            b']' if !self.due => {
                                let batch = self.batch.take().expect("in an array");
                                if !batch.ends.is_empty() {
                                    emit(batch);
                                }
                                self.depth = 1;
                                // The skeleton resumes with the closing bracket.
                                from = i;
                                i += 1;
                                continue;
                            }
                            b',' | b']' | b'}' => return Err(GiveUp),
                            _ => {
                                self.open = true;
                                self.due = false;
                                from = i;
                            }
                        }
                        if !self.open {
                            i += 1;
                            from = i;
                            continue;
                        }
                    }
                    if self.depth == 1 && self.object && self.batch.is_none() {
                        // Between the members of the top-level object.
                        match b {
                            b':' => {
                                // The member's name is all in the skeleton once it is copied up to here.
                                self.copy_to_skeleton(&chunk[from..i])?;
                                from = i;
                                self.pending = self.member_named()?;
                            }
                            b'[' => {}
                            _ if is_space(b) => {}
                            _ => self.pending = None,
                        }
                    }
                    match b {
                        b'"' => {
                            self.lex = Lex::String;
                            if self.depth == 1 && self.batch.is_none() {
                                let at = self.skeleton.len() + (i - from);
                                self.last_string = (at, at, false);
                            }
                        }
                        b'{' | b'[' => {
                            if self.depth == 0 {
                                // A second top-level value is not JSON: the skeleton's parse says so.
                                self.object = b == b'{';
                            }
                            if self.depth == 1
                                && b == b'['
                                && self.batch.is_none()
                                && let Some(list) = self.pending.take()
                            {
                                // The array is the value of a cut リスト member: its records go to batches.
                                self.copy_to_skeleton(&chunk[from..=i])?;
                                from = i + 1;
                                self.batch = Some(Batch::new(list, 0));
                                self.open = false;
                                self.due = false;
                            }
                            self.depth += 1;
                            if self.depth > MAX_DEPTH {
                                return Err(GiveUp);
                            }
                        }
                        b'}' | b']' => {
                            if self.depth == 0 {
                                return Err(GiveUp);
                            }
                            if self.batch.is_some() && self.depth == 2 {
                                // The array ends right after a record: it is the last.
                                self.end_record(&chunk[from..i], emit)?;
                                from = i;
                                continue;
                            }
                            self.depth -= 1;
                        }
                        b',' if self.batch.is_some() && self.depth == 2 => {
                            self.end_record(&chunk[from..i], emit)?;
                            self.due = true;
                            i += 1;
                            from = i;
                            continue;
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
        }
        let rest = &chunk[from..n];
        match &mut self.batch {
            Some(batch) if self.open => {
                batch.bytes.extend_from_slice(rest);
                if batch.bytes.len() - batch.open_start() > self.max {
                    return Err(GiveUp);
                }
                Ok(())
            }
            Some(_) => Ok(()),
            None => self.copy_to_skeleton(rest),
        }
    }

    /// The end of the document: the skeleton, to be parsed.
    pub fn finish(self) -> Result<Vec<u8>, GiveUp> {
        if self.batch.is_some() { Err(GiveUp) } else { Ok(self.skeleton) }
    }

    fn copy_to_skeleton(&mut self, bytes: &[u8]) -> Result<(), GiveUp> {
        self.skeleton.extend_from_slice(bytes);
        if self.skeleton.len() > self.max { Err(GiveUp) } else { Ok(()) }
    }

    /// Ends the open record with `rest`, its last bytes, and hands out the batch once full.
    fn end_record(&mut self, rest: &[u8], emit: &mut dyn FnMut(Batch)) -> Result<(), GiveUp> {
        let batch = self.batch.as_mut().expect("in an array");
        batch.bytes.extend_from_slice(rest);
        if batch.bytes.len() - batch.open_start() > self.max {
            return Err(GiveUp);
        }
        batch.ends.push(batch.bytes.len());
        self.open = false;
        if batch.bytes.len() >= self.batch_bytes {
            let next = Batch::new(batch.list, batch.first + batch.ends.len());
            emit(std::mem::replace(batch, next));
        }
        Ok(())
    }

    /// The cut リスト item a member of the top-level object names, its name being the last string (the
    /// member's value is due). Gives up on a name with an escape (it might be a リスト item's, written
    /// otherwise) and on a リスト item's name given twice, whatever the values: which copy counts, and
    /// what its records leave under the cap, is one reader's business.
    fn member_named(&mut self) -> Result<Option<usize>, GiveUp> {
        let (start, end, escaped) = self.last_string;
        if end <= start {
            // No name before the colon: not JSON, which the skeleton's parse will say.
            return Ok(None);
        }
        if escaped {
            return Err(GiveUp);
        }
        let name = &self.skeleton[start + 1..end];
        let Some(&(_, list)) = self.lists.iter().find(|(key, _)| *key == name) else {
            return Ok(None);
        };
        if std::mem::replace(&mut self.seen[list], true) {
            return Err(GiveUp);
        }
        Ok(Some(list))
    }
}

#[cfg(test)]
mod tests {
    use super::{Batch, Cutter, GiveUp};

    /// The skeleton and records of `document` fed in chunks of `chunk` bytes (`body` is item 1).
    fn cut(document: &str, chunk: usize) -> Result<(String, Vec<String>), GiveUp> {
        let mut cutter = Cutter::new(vec![(b"body".as_slice(), 1)], 2, 1 << 20, chunk % 5);
        let mut batches: Vec<Batch> = Vec::new();
        for part in document.as_bytes().chunks(chunk) {
            cutter.feed(part, &mut |batch| batches.push(batch))?;
        }
        let skeleton = String::from_utf8(cutter.finish()?).expect("UTF-8");
        let mut records = Vec::new();
        for batch in &batches {
            assert_eq!(batch.first, records.len());
            records.extend(batch.records().map(|r| String::from_utf8(r.to_vec()).expect("UTF-8")));
        }
        Ok((skeleton, records))
    }

    #[test]
    fn records_are_cut_out_whatever_the_chunks() {
        let document = r#"{"a": "x[,]", "body" : [ {"n": "1,]"} , "s\"]" ,[1,[2]], 3 ], "c": [1, 2]}"#;
        for chunk in 1..=document.len() {
            let (skeleton, records) = cut(document, chunk).expect("cut");
            assert_eq!(skeleton, r#"{"a": "x[,]", "body" : [], "c": [1, 2]}"#, "chunks of {chunk}");
            assert_eq!(records, [r#"{"n": "1,]"} "#, r#""s\"]" "#, "[1,[2]]", "3 "], "chunks of {chunk}");
        }
    }

    #[test]
    fn what_one_reader_must_decide_is_given_up() {
        for document in [
            r#"{"body": [1,,2]}"#,
            r#"{"body": [,1]}"#,
            r#"{"body": [1,]}"#,
            r#"{"body": [1}"#,
            r#"{"body": [1], "body": [2]}"#,
            r#"{"body": null, "body": [2]}"#,
            r#"{"body": [1], "body": 5}"#,
            r#"{"b\u006fdy": [1]}"#,
            r#"{"a\n": 1}"#,
            r#"{"body": [1"#,
            r#"{"a": 1}}"#,
        ] {
            assert!(cut(document, 3).is_err(), "{document}");
        }
        let deep = format!(r#"{{"body": [{}{}]}}"#, "[".repeat(120), "]".repeat(120));
        assert!(cut(&deep, 7).is_err());
    }

    #[test]
    fn arrays_of_other_members_and_documents_that_are_not_objects_stay_whole() {
        assert_eq!(cut(r#"[{"body": [1]}]"#, 2).expect("cut"), (r#"[{"body": [1]}]"#.to_owned(), vec![]));
        assert_eq!(cut(r#"{"x": {"body": [1]}}"#, 2).expect("cut").1, Vec::<String>::new());
        assert_eq!(cut(r#"{"body": []}"#, 2).expect("cut"), (r#"{"body": []}"#.to_owned(), vec![]));
    }
}
