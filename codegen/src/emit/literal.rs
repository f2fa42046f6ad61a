//! String literals of the generated code, made without `char::escape_debug` where it can be spared.
//!
//! quote turns a `&str` into a literal through proc-macro2, which escapes every character with
//! `char::escape_debug`; its printable-character lookup scans a table, slowly for kanji and kana, and
//! the spec's Japanese text made it a third of emitting. Doc lines become raw strings instead
//! (prettyplease prints a doc attribute from its value, so the quoting never shows); other strings
//! are escaped exactly as proc-macro2 escapes them, with the lookup skipped for characters known to
//! print as themselves.

use proc_macro2::Literal;

/// Characters `char::escape_debug` leaves as they are (checked against std by a test): Latin-1 and
/// Latin letters, punctuation, arrows, symbols, kana, kanji, full-width forms.
const PRINTABLE: [(char, char); 11] = [
    ('\u{AE}', '\u{2FF}'),
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{205E}'),
    ('\u{2100}', '\u{218B}'),
    ('\u{2190}', '\u{2429}'),
    ('\u{2460}', '\u{2B73}'),
    ('\u{3001}', '\u{3029}'),
    ('\u{3041}', '\u{3096}'),
    ('\u{309B}', '\u{30FF}'),
    ('\u{3220}', '\u{A48C}'),
    ('\u{FF01}', '\u{FF9D}'),
];

fn prints_as_itself(c: char) -> bool {
    PRINTABLE.iter().any(|&(first, last)| (first..=last).contains(&c))
}

/// `"text"`, byte for byte as `Literal::string` writes it.
pub fn string(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // proc-macro2 leaves `'` unescaped, as a string needs.
            ' '..='~' if c != '"' && c != '\\' => repr.push(c),
            // proc-macro2 writes `\x00` before an octal digit, where `\0` would read as an octal escape.
            '\0' if chars.as_str().starts_with(|next: char| ('0'..='7').contains(&next)) => repr.push_str(r"\x00"),
            '\0' => repr.push_str(r"\0"),
            c if prints_as_itself(c) => repr.push(c),
            c => repr.extend(c.escape_debug()),
        }
    }
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// The literal of one doc line, as rustdoc and prettyplease's `///` expect it: the line after a
/// space (an empty line stays empty), as a raw string.
pub fn doc_line(line: &str) -> Literal {
    let space = if line.is_empty() { "" } else { " " };
    // A raw string cannot hold a lone carriage return.
    if line.contains('\r') {
        return string(&format!("{space}{line}"));
    }
    // Enough `#`s that no `"` inside ends the string.
    let hashes = line.match_indices('"').map(|(at, _)| line[at + 1..].bytes().take_while(|&b| b == b'#').count() + 1);
    let hashes = hashes.max().unwrap_or(0);
    let mut repr = String::with_capacity(line.len() + 4 + 2 * hashes);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(space);
    repr.push_str(line);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.parse().unwrap_or_else(|_| string(&format!("{space}{line}")))
}

#[cfg(test)]
mod tests {
    use proc_macro2::Literal;
    use quote::ToTokens;

    #[test]
    fn the_ranges_print_as_themselves() {
        for &(first, last) in &super::PRINTABLE {
            for c in first..=last {
                assert!(c.escape_debug().eq([c]), "{c:?} (U+{:04X}) is escaped", u32::from(c));
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_proc_macro2_escapes_them() {
        let same = |text: &str| {
            assert_eq!(super::string(text).to_string(), Literal::string(text).to_string(), "{text:?}");
        };
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            same(&format!("{c}"));
        }
        for text in [
            "",
            "\0",
            "\0\x31",
            "\0\x38",
            "a\0",
            "'\"\\",
            "\r\n\t",
            "項目名（日本語）",
            "か\u{3099}",
            "\u{3000}",
            "\u{FEFF}x",
        ] {
            same(text);
        }
    }

    #[test]
    fn doc_lines_keep_their_text() {
        for line in [
            "",
            "plain",
            "項目名（日本語）",
            "\"",
            "a\"#b",
            "\"##\"#",
            "back\\slash",
            "lone\rreturn",
            "nul\0",
            "\u{3000}",
        ] {
            let literal: syn::LitStr =
                syn::parse2(super::doc_line(line).into_token_stream()).expect("a string literal");
            let expected = if line.is_empty() { String::new() } else { format!(" {line}") };
            assert_eq!(literal.value(), expected, "{line:?}");
        }
    }
}
