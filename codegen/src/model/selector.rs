//! Names for parts of a spec as a vendor writes them in a build script or on the command line: a
//! layout as `list` prints it, an item as its layout and the path of its keys.
//!
//! | selector | selects |
//! |---|---|
//! | `*` | every layout |
//! | `IF-I6-01-04-02 レスポンス`, `UPPLAN ファイル` | one layout (every CSVバージョン of a file) |
//! | `IF-I6-01-04-02` | every layout of the interface |
//! | `IF-I6-01-04-02 レスポンス/body/care_insurer_number` | the item at that path of keys |
//! | `IF-I6-01-04-02 リクエスト/ヘッダ/Authorization` | the same, in one section only (`ヘッダ`, `ボディ`) |
//! | `*/care_insurer_number` | the item at that path in every layout that has one |
//!
//! A path is the items' wire keys from the top of the section, joined by `/` (a positional care-plan
//! item's key is its field name from the naming table), as `overrides.toml` writes it.

use std::fmt;

use super::{Layout, SectionKind};

/// A parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    /// As written, to name it in messages.
    text: String,
    /// A layout title or an IF ID; `None` for `*`.
    layout: Option<String>,
    /// The section the path starts in, when written.
    section: Option<SectionKind>,
    /// The keys from the top of the section; `None` when the selector names layouts only.
    path: Option<Vec<String>>,
}

impl Selector {
    /// Reads a selector; the message says what is wrong with it.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let trimmed = text.trim();
        let (layout, rest) = match trimmed.split_once('/') {
            Some((layout, rest)) => (layout.trim(), Some(rest)),
            None => (trimmed, None),
        };
        if layout.is_empty() {
            return Err(format!("{text:?} names no layout: write a layout as `list` prints it, or `*`"));
        }
        let mut section = None;
        let path = match rest {
            None => None,
            Some(rest) => {
                let mut keys: Vec<String> = rest.split('/').map(|key| key.trim().to_owned()).collect();
                if let Some(kind) = [SectionKind::Headers, SectionKind::Body]
                    .into_iter()
                    .find(|kind| keys.first().is_some_and(|first| first == kind.spec_name()))
                {
                    section = Some(kind);
                    keys.remove(0);
                }
                if keys.is_empty() || keys.iter().any(String::is_empty) {
                    return Err(format!("{text:?} has an empty key in its path (keys are joined by `/`)"));
                }
                Some(keys)
            }
        };
        let layout = (layout != "*").then(|| layout.to_owned());
        Ok(Selector { text: trimmed.to_owned(), layout, section, path })
    }

    /// Whether the selector names items (it has a path), not layouts.
    pub fn names_items(&self) -> bool {
        self.path.is_some()
    }

    /// Whether `layout` is one the selector reaches: its title, its IF ID, or `*`.
    pub fn reaches_layout(&self, layout: &Layout) -> bool {
        self.layout.as_deref().is_none_or(|name| name == layout.title() || name == layout.interface_id)
    }

    /// Whether the selector reaches the struct of a section (`list` empty) or of the records of the
    /// リスト item at `list`: a layout selector reaches every struct of its layouts, an item selector
    /// the records of the リスト it names and those nested in them.
    pub fn reaches_struct(&self, layout: &Layout, section: SectionKind, list: &[&str]) -> bool {
        self.reaches_layout(layout)
            && self.section.is_none_or(|s| s == section)
            && self
                .path
                .as_ref()
                .is_none_or(|path| list.len() >= path.len() && path.iter().zip(list).all(|(a, b)| a == b))
    }

    /// Whether the selector names the item at `path`: a layout selector names every item of its
    /// layouts, an item selector the one at its path.
    pub fn reaches_item(&self, layout: &Layout, section: SectionKind, path: &[&str]) -> bool {
        self.reaches_layout(layout)
            && self.section.is_none_or(|s| s == section)
            && self.path.as_ref().is_none_or(|own| own.len() == path.len() && own.iter().zip(path).all(|(a, b)| a == b))
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_form_and_names_what_is_wrong() {
        let every = Selector::parse("*").unwrap();
        assert!(every.layout.is_none() && every.path.is_none());
        let item = Selector::parse("IF-I6-01-04-02 レスポンス/body/care_insurer_number").unwrap();
        assert_eq!(item.layout.as_deref(), Some("IF-I6-01-04-02 レスポンス"));
        assert_eq!(item.path.as_deref(), Some(&["body".to_owned(), "care_insurer_number".to_owned()][..]));
        let headers = Selector::parse("IF-I6-01-04-02 リクエスト/ヘッダ/Authorization").unwrap();
        assert_eq!(headers.section, Some(SectionKind::Headers));
        assert_eq!(headers.path.as_deref(), Some(&["Authorization".to_owned()][..]));
        let anywhere = Selector::parse("*/care_insurer_number").unwrap();
        assert!(anywhere.layout.is_none() && anywhere.names_items());
        assert!(Selector::parse("").unwrap_err().contains("names no layout"));
        assert!(Selector::parse("/body").unwrap_err().contains("names no layout"));
        assert!(Selector::parse("UPPLAN ファイル/").unwrap_err().contains("empty key"));
        assert!(Selector::parse("UPPLAN ファイル/ボディ").unwrap_err().contains("empty key"));
        assert!(Selector::parse("UPPLAN ファイル/a//b").unwrap_err().contains("empty key"));
    }
}
