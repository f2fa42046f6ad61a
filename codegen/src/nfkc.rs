//! NFKC, the form the spec family's text is compared in (full-width ASCII becomes ASCII, half-width
//! katakana full-width), at a fraction of the cost of normalising every character.
//!
//! Most of a workbook's text is in NFKC already (kanji, kana, ASCII), and the rest is mostly such text
//! with a full-width parenthesis or digit in it. A character whose NFKC quick check is `Yes` and whose
//! canonical combining class is 0 starts a segment that normalises on its own (nothing before it
//! reorders or composes with it), and on its own such a character is already normalised: text is
//! split before each, copied as it is where a segment is that character alone, and normalised by
//! `unicode-normalization` where it is not. Checking the character is itself a table lookup: kana,
//! kanji and ASCII, by far the most common, are known to pass.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Characters whose NFKC quick check is `Yes` and whose canonical combining class is 0 (checked by a
/// test): CJK punctuation, kana, kanji.
const STABLE: [(char, char); 5] = [
    ('\u{3001}', '\u{3029}'),
    ('\u{3041}', '\u{3096}'),
    ('\u{30A1}', '\u{30FA}'),
    ('\u{30FC}', '\u{30FE}'),
    ('\u{4E00}', '\u{9FFF}'),
];

/// Whether NFKC leaves `c` as it is, and normalising text before it never involves it.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || STABLE.iter().any(|&(first, last)| (first..=last).contains(&c))
        || (canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// `text` in NFKC; borrowed when it is in NFKC already.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    let Some(unstable) = text.char_indices().find(|&(_, c)| !is_stable(c)) else {
        return Cow::Borrowed(text);
    };
    // The segment holding the first unstable character starts at the stable character before it.
    let start = text[..unstable.0].char_indices().next_back().map_or(0, |(at, _)| at);
    let mut normalized = String::with_capacity(text.len());
    normalized.push_str(&text[..start]);
    let mut segment = start;
    let mut chars = text[start..].char_indices().map(|(at, c)| (start + at, c)).peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_stable = chars.peek().is_none_or(|&(_, next)| is_stable(next));
        if !next_is_stable {
            continue;
        }
        // `text[segment..end]` is one segment: a stable character alone is copied, anything else
        // normalised.
        let end = at + c.len_utf8();
        let whole = &text[segment..end];
        if whole.len() == c.len_utf8() && is_stable(c) {
            normalized.push(c);
        } else {
            normalized.extend(whole.nfkc());
        }
        segment = end;
    }
    Cow::Owned(normalized)
}

#[cfg(test)]
mod tests {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

    fn same(text: &str) {
        assert_eq!(super::nfkc(text), text.nfkc().collect::<String>(), "{text:?}");
    }

    #[test]
    fn the_ranges_are_stable() {
        for &(first, last) in &super::STABLE {
            for c in first..=last {
                let yes = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
                assert!(yes && canonical_combining_class(c) == 0, "{c:?} (U+{:04X})", u32::from(c));
            }
        }
    }

    #[test]
    fn the_same_as_normalising_in_full() {
        for text in [
            "",
            "項目名（日本語）",
            "ＪＳＯＮ",
            "ｶﾀｶﾅ ﾊﾟﾋﾟﾌﾟ",
            "か\u{3099}き\u{309A}",
            "e\u{301}\u{323}a\u{323}\u{301}",
            "№ No. ① ㍿ Ⅳ",
            "インターフェイス",
            "\u{3000}全角\u{3000}",
            "Ω Å ﬁ ẛ\u{323}",
            "\u{301}leading mark",
            "●書式：ＹＹＹＹ－ＭＭ－ＤＤ",
            "\u{1100}\u{1161}\u{11A8} 가\u{11A8}",
        ] {
            same(text);
        }
        // Every character alone, after a base letter, before a combining mark and between kana.
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            same(&format!("{c}"));
            same(&format!("a{c}"));
            same(&format!("{c}\u{301}"));
            same(&format!("か{c}\u{3099}ア"));
        }
        // Mixtures of characters that reorder, compose or decompose, from a fixed pseudo-random walk.
        let pool: Vec<char> =
            "aeAｱｶｷﾞﾟかはアハ\u{3099}\u{309A}\u{301}\u{323}\u{302}\u{1100}\u{1161}\u{11A8}가（１Ａ　㍿①ﬁ書式"
                .chars()
                .collect();
        let mut state: u32 = 1;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..8 {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push(pool[(state >> 16) as usize % pool.len()]);
            }
            same(&text);
        }
    }
}
