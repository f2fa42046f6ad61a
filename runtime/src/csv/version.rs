//! The CSVバージョン a file declares, read before choosing the layout to read it with: during a
//! transition both versions of a file are accepted (4.1 and 5.0), and one file never mixes them.

use std::fmt;
use std::io::{self, BufRead};

/// The first field of the first record (CSVバージョン, No.1 of every care-plan file), without
/// consuming anything of `input`. A UTF-8 byte-order mark and quotes around the value are looked past.
pub fn declared_version<R: BufRead>(input: &mut R) -> Result<String, VersionError> {
    let buf = input.fill_buf().map_err(VersionError::Io)?;
    let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    if buf.is_empty() {
        return Err(VersionError::Missing);
    }
    let end = buf.iter().position(|b| matches!(b, b',' | b'\r' | b'\n')).unwrap_or(buf.len());
    let field = &buf[..end.min(64)];
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

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::Missing => {
                f.write_str("the file is empty: no CSVバージョン to read / ファイルが空でCSVバージョンがありません")
            }
            VersionError::Unsupported { found, supported } => write!(
                f,
                "CSVバージョン {found:?} is not supported; this build reads {} / CSVバージョン「{found}」には対応していません（対応: {}）",
                supported.join(", "),
                supported.join("、")
            ),
            VersionError::Io(error) => write!(f, "reading failed: {error}"),
        }
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
    use super::{VersionError, declared_version};

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
