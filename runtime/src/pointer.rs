//! Where a value sits in a payload, as an RFC 6901 JSON Pointer.
//!
//! Validation walks deep trees (a response may carry millions of `body` records) and almost every value
//! is valid, so the path is kept as a chain of borrowed segments on the stack and only rendered to a
//! string when a violation is recorded.

use std::fmt;

/// A position in a payload: the root, a member of an object, or an element of an array.
#[derive(Clone, Copy, Debug)]
pub enum Pointer<'a> {
    /// The document itself (rendered as the empty pointer `""`).
    Root,
    /// A member of the object at the parent position.
    Key(&'a Pointer<'a>, &'a str),
    /// An element of the array at the parent position.
    Index(&'a Pointer<'a>, usize),
}

impl<'a> Pointer<'a> {
    /// The member `key` of the object at this position.
    pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer::Key(self, key)
    }

    /// The element `index` (0-based) of the array at this position.
    pub fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer::Index(self, index)
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pointer::Root => Ok(()),
            Pointer::Key(parent, key) => {
                write!(f, "{parent}/")?;
                // RFC 6901 §3: `~` and `/` inside a reference token are escaped as `~0` and `~1`.
                for c in key.chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => fmt::Write::write_char(f, c)?,
                    }
                }
                Ok(())
            }
            Pointer::Index(parent, index) => write!(f, "{parent}/{index}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn renders_rfc6901_pointers() {
        let root = Pointer::Root;
        assert_eq!(root.to_string(), "");
        let body = root.key("body");
        let first = body.index(1);
        let leaf = first.key("care_insurer_number");
        assert_eq!(leaf.to_string(), "/body/1/care_insurer_number");
        assert_eq!(root.key("Content-Type").to_string(), "/Content-Type");
    }

    #[test]
    fn escapes_tilde_and_slash() {
        let root = Pointer::Root;
        assert_eq!(root.key("a/b~c").to_string(), "/a~1b~0c");
    }
}
