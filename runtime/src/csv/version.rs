//! The CSVバージョン a file declares, read before choosing the layout to read it with: during a
//! transition both versions of a file are accepted (4.1 and 5.0), and one file never mixes them.

use std::fmt;
use std::io::{self, BufRead, Read};

use crate::messages::{ListStyle, Message};

/// The most of a first field looked at: a version is six digits, and a field this long is none.
const FIELD_LIMIT: usize = 64;
/// What is read, at most, to find the end of the first field: a byte-order mark, quotes, the field.
const HEAD_LIMIT: usize = 3 + 2 + FIELD_LIMIT;

/// An input whose first bytes were read to find its CSVバージョン: those bytes, then the rest.
pub type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// The first field of the first record (CSVバージョン, No.1 of every care-plan file), and an input that
/// still yields every byte of `input`. It reads until the field ends, however the input hands its bytes
/// over (a pipe or a socket may give a few at a time). A UTF-8 byte-order mark and quotes around the
/// value are looked past. The generated `reader` of a file with several versions calls this.
pub fn read_version<R: Read>(mut input: R) -> Result<(String, Peeked<R>), VersionError> {
    let mut head = Vec::new();
    let mut chunk = [0; HEAD_LIMIT];
    let mut ended = false;
    while head.len() < HEAD_LIMIT && !ended {
        match input.read(&mut chunk[..HEAD_LIMIT - head.len()]) {
            Ok(0) => break,
            Ok(read) => {
                // Only the new bytes can end the field: those before them did not.
                ended = chunk[..read].iter().any(|&b| is_field_end(b));
                head.extend_from_slice(&chunk[..read]);
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(VersionError::Io(error)),
        }
    }
    let version = version_in(&head)?;
    Ok((version, io::Cursor::new(head).chain(input)))
}

/// [`read_version`] from what `input` holds buffered, consuming nothing. A buffer that holds less
/// than the first field (a `BufRead` over a pipe that has handed over a few bytes) gives a part of it:
/// prefer [`read_version`] where the input is not a whole file already buffered.
pub fn declared_version<R: BufRead>(input: &mut R) -> Result<String, VersionError> {
    version_in(input.fill_buf().map_err(VersionError::Io)?)
}

fn is_field_end(b: u8) -> bool {
    matches!(b, b',' | b'\r' | b'\n')
}

fn version_in(head: &[u8]) -> Result<String, VersionError> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.is_empty() {
        return Err(VersionError::Missing);
    }
    let end = head.iter().position(|&b| is_field_end(b)).unwrap_or(head.len());
    let field = &head[..end.min(FIELD_LIMIT)];
    let field = field.strip_prefix(b"\"").and_then(|f| f.strip_suffix(b"\"")).unwrap_or(field);
    Ok(String::from_utf8_lossy(field).into_owned())
}

/// Why a file's version cannot be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum VersionError {
    /// The file is empty.
    Missing,
    /// The file declares a version this build has no layout for.
    Unsupported {
        /// What the first record holds.
        found: String,
        /// The versions this build reads.
        supported: Vec<String>,
    },
    /// Reading failed.
    Io(io::Error),
}

impl VersionError {
    /// `found` is none of `supported`.
    pub fn unsupported(found: &str, supported: &[&str]) -> Self {
        VersionError::Unsupported {
            found: found.to_owned(),
            supported: supported.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

impl VersionError {
    /// What went wrong, in no language yet (see [`crate::messages`]).
    pub fn message(&self) -> Message {
        match self {
            VersionError::Missing => Message::new("version.missing"),
            VersionError::Unsupported { found, supported } => Message::new("version.unsupported")
                .text("found", found.clone())
                .list("supported", ListStyle::Plain, supported.iter().cloned()),
            VersionError::Io(error) => Message::new("version.io").text("error", error.to_string()),
        }
    }

    /// In English.
    pub fn message_en(&self) -> String {
        self.message().en()
    }

    /// In Japanese.
    pub fn message_ja(&self) -> String {
        self.message().ja()
    }
}

/// Both languages, as the runtime's other errors.
impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_en(), self.message_ja())
    }
}

impl std::error::Error for VersionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VersionError::Io(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::{VersionError, declared_version, read_version};

    /// Hands over its bytes `step` at a time, as a pipe fed slowly does.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn read_version_reads_until_the_field_ends_and_loses_nothing() {
        let file: &[u8] = b"\xEF\xBB\xBF\"202604\",131016\r\n202604,131017\r\n";
        for step in 1..=file.len() {
            let (version, mut rest) = read_version(Trickle { bytes: file, step }).expect("in memory");
            assert_eq!(version, "202604", "{step} bytes at a time");
            let mut all = Vec::new();
            rest.read_to_end(&mut all).expect("in memory");
            assert_eq!(all, file, "{step} bytes at a time");
        }
        // A file of one field, without a line break; an empty file; a field that never ends.
        assert_eq!(read_version(Trickle { bytes: b"202407", step: 1 }).expect("read").0, "202407");
        assert!(matches!(read_version(&b""[..]), Err(VersionError::Missing)));
        let long = vec![b'9'; 1000];
        let (version, mut rest) = read_version(Trickle { bytes: &long, step: 7 }).expect("read");
        assert_eq!(version.len(), 64);
        let mut all = Vec::new();
        rest.read_to_end(&mut all).expect("in memory");
        assert_eq!(all, long);
    }

    #[test]
    fn the_first_field_without_consuming_it() {
        let mut input: &[u8] = b"202407,131016\r\n";
        assert_eq!(declared_version(&mut input).ok().as_deref(), Some("202407"));
        assert_eq!(input.len(), 15, "nothing consumed");
        let mut quoted: &[u8] = b"\xEF\xBB\xBF\"202604\",x";
        assert_eq!(declared_version(&mut quoted).ok().as_deref(), Some("202604"));
        assert!(matches!(declared_version(&mut &b""[..]), Err(VersionError::Missing)));
        let shown = VersionError::unsupported("202504", &["202407", "202604"]).to_string();
        assert!(shown.contains("\"202504\" is not supported; this build reads 202407, 202604"), "{shown}");
    }
}
