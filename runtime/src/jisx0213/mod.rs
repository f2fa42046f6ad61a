//! The JIS X 0213:2004 repertoire (11,233 characters, 303 of them outside the BMP, 25 written as a
//! base letter and a combining mark), for APIs that carry UTF-8 limited to JIS X 0213, as API
//! 標準仕様書 第1.0版 is reported to. The table is generated from Python's EUC-JIS-2004 codec by
//! `runtime/tools/gen_jisx0213.py`.

#[rustfmt::skip]
mod table;

/// Whether `c` on its own is in the repertoire.
pub fn contains(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x1_0000 {
        table::BMP[(cp >> 6) as usize] >> (cp & 63) & 1 == 1
    } else {
        table::ASTRAL.binary_search(&cp).is_ok()
    }
}

/// Whether `base` followed by `mark` is one of the characters JIS X 0213 codes as a sequence
/// (か゚ = か + U+309A): the mark is then part of a character of the repertoire.
pub fn is_sequence(base: char, mark: char) -> bool {
    table::SEQUENCES.binary_search(&(base, mark)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{contains, is_sequence};

    #[test]
    fn repertoire() {
        for c in ['A', 'ｱ', 'あ', '〜', '～', '①', '﨑', '𠀋', '𠮟', '−', '\u{3000}'] {
            assert!(contains(c), "{c:?} (U+{:04X}) is in JIS X 0213", c as u32);
        }
        for c in ['𠮷', '髙', '😀', '\u{E000}', '\u{309A}'] {
            assert!(!contains(c), "{c:?} (U+{:04X}) is not in JIS X 0213 on its own", c as u32);
        }
    }

    #[test]
    fn sequences() {
        assert!(is_sequence('か', '\u{309A}'));
        assert!(!is_sequence('あ', '\u{309A}'));
    }
}
