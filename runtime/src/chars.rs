//! Character classes of the spec's データ型 column and the character repertoire they live in.

use std::fmt;

use crate::ms932;

/// A データ型 that constrains the characters of a text item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// 半角数字: ASCII digits `0`–`9`.
    HalfDigits,
    /// 半角英数字: ASCII letters and digits.
    HalfAlphanumeric,
    /// 半角文字: printable ASCII (U+0020–U+007E) and half-width katakana (U+FF61–U+FF9F).
    Half,
    /// 全角文字: characters written with two bytes in MS932.
    Full,
    /// 全半角文字: any mix of 半角文字 and 全角文字, plus line breaks (CR, LF).
    Mixed,
}

impl CharClass {
    /// Every class, in the order the spec's vocabulary is usually listed.
    pub const ALL: [CharClass; 5] =
        [CharClass::HalfDigits, CharClass::HalfAlphanumeric, CharClass::Half, CharClass::Full, CharClass::Mixed];

    /// The spec's own name for the class (the データ型 cell).
    pub const fn spec_name(self) -> &'static str {
        match self {
            CharClass::HalfDigits => "半角数字",
            CharClass::HalfAlphanumeric => "半角英数字",
            CharClass::Half => "半角文字",
            CharClass::Full => "全角文字",
            CharClass::Mixed => "全半角文字",
        }
    }

    /// The class a データ型 cell names, if it names one.
    pub fn from_spec_name(name: &str) -> Option<CharClass> {
        CharClass::ALL.into_iter().find(|c| c.spec_name() == name)
    }

    /// A short English description, for messages.
    pub const fn describe(self) -> &'static str {
        match self {
            CharClass::HalfDigits => "ASCII digits",
            CharClass::HalfAlphanumeric => "ASCII letters and digits",
            CharClass::Half => "printable ASCII and half-width katakana",
            CharClass::Full => "characters that are double-byte in MS932",
            CharClass::Mixed => "half- and full-width characters",
        }
    }

    /// Bit tested in [`BYTE_CLASSES`] for this class.
    const fn ascii_bit(self) -> u8 {
        match self {
            CharClass::HalfDigits => DIGIT,
            CharClass::HalfAlphanumeric => ALNUM,
            CharClass::Half => PRINTABLE,
            CharClass::Full => 0,
            CharClass::Mixed => PRINTABLE | LINE_BREAK,
        }
    }

    /// Whether the class admits `c`, a character of the repertoire; `double` says whether the
    /// repertoire writes it full-width (two bytes in MS932).
    #[inline]
    fn admits(self, c: char, double: bool) -> bool {
        if c.is_ascii() {
            return BYTE_CLASSES[c as usize] & self.ascii_bit() != 0;
        }
        match self {
            CharClass::HalfDigits | CharClass::HalfAlphanumeric => false,
            CharClass::Half => is_half_kana(c),
            CharClass::Full => double,
            CharClass::Mixed => is_half_kana(c) || double,
        }
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec_name())
    }
}

fn is_half_kana(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}')
}

const DIGIT: u8 = 1;
const ALNUM: u8 = 2;
const PRINTABLE: u8 = 4;
const LINE_BREAK: u8 = 8;

/// Set for every ASCII byte in [`BYTE_CLASSES`].
const ASCII: u8 = 16;

/// Class bits (and [`ASCII`]) for each byte; 0 for the bytes of non-ASCII characters.
static BYTE_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut bits = 0;
        if c.is_ascii_digit() {
            bits |= DIGIT;
        }
        if c.is_ascii_alphanumeric() {
            bits |= ALNUM;
        }
        if c >= 0x20 && c <= 0x7E {
            bits |= PRINTABLE;
        }
        if c == b'\n' || c == b'\r' {
            bits |= LINE_BREAK;
        }
        t[b] = bits | ASCII;
        b += 1;
    }
    t
};

/// The set of characters an encoding can carry. Every text item is checked against one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Repertoire {
    /// Windows-31J (MS932) without user-defined characters: what the care-plan CSV files carry, and
    /// the default for the provisional API workbooks.
    #[default]
    Ms932,
    /// JIS X 0213:2004 (11,233 characters, as Unicode): what API 標準仕様書 第1.0版 is reported to
    /// allow in its UTF-8 JSON. 全角文字 are its characters other than ASCII and half-width katakana.
    JisX0213,
}

impl Repertoire {
    /// The name used in workbooks, attributes and messages.
    pub const fn name(self) -> &'static str {
        match self {
            Repertoire::Ms932 => "MS932",
            Repertoire::JisX0213 => "JIS X 0213",
        }
    }

    /// The repertoire a name denotes (`MS932`, `CP932`, `Windows-31J`; `JIS X 0213`, `JISX0213`,
    /// with or without `:2004`/`:2012`), if any.
    pub fn from_name(name: &str) -> Option<Repertoire> {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        match name.as_str() {
            "MS932" | "CP932" | "WINDOWS-31J" => Some(Repertoire::Ms932),
            "JISX0213" | "JISX0213:2004" | "JISX0213:2012" => Some(Repertoire::JisX0213),
            _ => None,
        }
    }
}

impl fmt::Display for Repertoire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one pass over a text value found: its length in both units and the first offending
/// characters, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    pub chars: usize,
    pub ms932_bytes: usize,
    /// First character the repertoire cannot carry, with its 1-based position.
    pub outside: Option<(char, usize)>,
    /// First character of the repertoire that the class does not admit, with its 1-based position.
    pub misfit: Option<(char, usize)>,
}

/// Checks every character of `value` once, against the class (if any) and the repertoire.
#[inline]
pub(crate) fn scan(value: &str, class: Option<CharClass>, repertoire: Repertoire) -> Scan {
    scan_by(value, class, |value| scan_chars(value, class, repertoire))
}

/// [`scan`] of text decoded from MS932 bytes by encoding_rs's Shift_JIS decoder (which is
/// Windows-31J), as a CSV file's fields are: the same result, found without the repertoire's table.
///
/// Such text holds only characters MS932 carries, but for U+0080 (from the byte 0x80) and the
/// Private Use Area (外字), and each character's width follows from its UTF-8 form: one byte for
/// ASCII and half-width katakana, two for the rest. A value that breaks a rule, or a repertoire other
/// than MS932, goes through [`scan`], which says where.
///
/// For any other text the result is wrong: ¥, 〜 or U+FFFD (what a lossy decoding puts for bytes
/// that are not MS932) would pass as inside MS932. The reader never checks a field it could not
/// decode, and asserts so in debug builds.
///
/// Inlined always: it runs on every field of a file, and once the reader had two checks of decoded
/// text (with and without the rules the LIFE files brought) the compiler called it out of line:
/// reading a 10 MB UPPLAN file took 712.6 M instructions so, 695.9 M inlined.
#[inline(always)]
pub(crate) fn scan_decoded(value: &str, class: Option<CharClass>, repertoire: Repertoire) -> Scan {
    if repertoire != Repertoire::Ms932 {
        return scan(value, class, repertoire);
    }
    debug_assert!(!value.contains('\u{FFFD}'), "not decoded from MS932: {value:?}");
    scan_by(value, class, |value| {
        decoded_widths(value, class).unwrap_or_else(|| scan_chars(value, class, Repertoire::Ms932))
    })
}

/// The scan of a valid value decoded from MS932, lead byte by lead byte: a table lookup per
/// character took a tenth of the instructions of reading a care-plan file, for the names and
/// フリーテキスト in every record, and this 0.4× of that. `None` when a character misfits or may be
/// outside MS932.
fn decoded_widths(value: &str, class: Option<CharClass>) -> Option<Scan> {
    let ascii = ascii_mask(class);
    // What the class admits beyond ASCII, asked of the class itself: a half-width katakana (one
    // byte in MS932) and a full-width character (two).
    let half_kana = class.is_none_or(|class| class.admits('ｱ', false));
    let double = class.is_none_or(|class| class.admits('あ', true));
    let bytes = value.as_bytes();
    let (mut chars, mut ms932_bytes, mut i) = (0, 0, 0);
    while let Some(&b) = bytes.get(i) {
        chars += 1;
        match b {
            0x00..=0x7F => {
                if BYTE_CLASSES[usize::from(b)] & ascii == 0 {
                    return None;
                }
                ms932_bytes += 1;
                i += 1;
            }
            // U+0080..U+07FF (Greek, Cyrillic, § ¨ ° ± ´ ¶ × ÷). C2 80 is U+0080, which the byte 0x80
            // decodes to but MS932 does not carry (the table leaves it out: it does not encode back).
            0xC2..=0xDF => {
                if !double || (b == 0xC2 && bytes.get(i + 1) == Some(&0x80)) {
                    return None;
                }
                ms932_bytes += 2;
                i += 2;
            }
            // U+0800..U+DFFF: kana, kanji, symbols.
            0xE0..=0xED => {
                if !double {
                    return None;
                }
                ms932_bytes += 2;
                i += 3;
            }
            // U+E000..U+FFFF: the Private Use Area up to U+F8FF, then CJK compatibility ideographs
            // (IBM-extension kanji such as 﨑), full-width forms and half-width katakana.
            0xEE | 0xEF => {
                let c = value.get(i..i + 3).and_then(|c| c.chars().next())?;
                if is_half_kana(c) {
                    if !half_kana {
                        return None;
                    }
                    ms932_bytes += 1;
                } else if ms932::is_private_use(c) || !double {
                    return None;
                } else {
                    ms932_bytes += 2;
                }
                i += 3;
            }
            // Outside the BMP (never decoded from MS932), or a continuation byte, which cannot begin
            // a character.
            _ => return None,
        }
    }
    Some(Scan { chars, ms932_bytes, outside: None, misfit: None })
}

/// The bits of [`BYTE_CLASSES`] an ASCII byte of a value of `class` must have one of.
fn ascii_mask(class: Option<CharClass>) -> u8 {
    class.map_or(ASCII, CharClass::ascii_bit)
}

/// The scan, with `non_ascii` deciding a value that is not ASCII.
#[inline(always)]
fn scan_by(value: &str, class: Option<CharClass>, non_ascii: impl FnOnce(&str) -> Scan) -> Scan {
    // ASCII is inside both repertoires and one byte per character: only the class needs looking at,
    // one table lookup per byte, in the same pass that finds out whether the value is ASCII at all.
    let ascii = |misfit: Option<usize>| Scan {
        chars: value.len(),
        ms932_bytes: value.len(),
        outside: None,
        misfit: misfit.map(|i| (char::from(value.as_bytes()[i]), i + 1)),
    };
    let bytes = value.as_bytes();
    match class {
        // No ASCII character is 全角文字: an ASCII value misfits at its first character.
        Some(CharClass::Full) if value.is_ascii() => return ascii((!value.is_empty()).then_some(0)),
        Some(CharClass::Full) => {}
        _ => {
            if fits_by_words(bytes, class) {
                return ascii(None);
            }
            // A byte outside the class, or (with no class) outside ASCII.
            let mask = ascii_mask(class);
            match bytes.iter().position(|&b| BYTE_CLASSES[usize::from(b)] & mask == 0) {
                None => return ascii(None),
                Some(i) if BYTE_CLASSES[usize::from(bytes[i])] & ASCII != 0 && bytes[i + 1..].is_ascii() => {
                    return ascii(Some(i));
                }
                Some(_) => {}
            }
        }
    }
    non_ascii(value)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether every byte of `bytes` is ASCII in `class` (半角数字, 半角文字, or any with no class),
/// eight bytes at a time; `false` when that cannot be told this way (a short value, another class) (then the byte-by-byte pass
/// decides, and finds the first misfit). Most values are 半角数字 and 半角文字, and valid.
///
/// Each test works within bytes: no sum carries out of its byte, except from a byte outside ASCII,
/// whose own high bit fails the test.
#[inline]
fn fits_by_words(bytes: &[u8], class: Option<CharClass>) -> bool {
    const NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const DIGITS: u64 = 0x3030_3030_3030_3030;
    match class {
        // 0x30..=0x39: high nibble 3, and adding 6 to the low nibble does not carry into it.
        Some(CharClass::HalfDigits) => {
            all_words(bytes, |w| w & NIBBLES == DIGITS && w.wrapping_add(6 * ONES) & NIBBLES == DIGITS)
        }
        // 0x20..=0x7E: ASCII, at least 0x20 (adding 0x60 reaches 0x80), below 0x7F (adding 1 does not).
        Some(CharClass::Half) => all_words(bytes, |w| {
            w & HIGH_BITS == 0
                && w.wrapping_add(0x60 * ONES) & HIGH_BITS == HIGH_BITS
                && w.wrapping_add(ONES) & HIGH_BITS == 0
        }),
        None => all_words(bytes, |w| w & HIGH_BITS == 0),
        Some(_) => false,
    }
}

/// Whether `fits` holds for every eight bytes of `bytes`, the last word overlapping the one before;
/// `false` for fewer than eight bytes (the byte-by-byte pass is as quick for those).
#[inline(always)]
fn all_words(bytes: &[u8], fits: impl Fn(u64) -> bool) -> bool {
    let word = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let len = bytes.len();
    if len < 8 {
        return false;
    }
    let mut at = 0;
    while at + 8 < len {
        if !fits(word(at)) {
            return false;
        }
        at += 8;
    }
    fits(word(len - 8))
}

/// [`scan`] of a value that is not all ASCII, character by character.
fn scan_chars(value: &str, class: Option<CharClass>, repertoire: Repertoire) -> Scan {
    let table = ms932::table();
    // One copy of the loop per repertoire, each with its own test inlined: most text goes through
    // the MS932 one, where a character's width alone says whether the repertoire carries it.
    match repertoire {
        Repertoire::Ms932 => scan_with(value, class, table, |_, width| (width != 0).then_some(width == 2)),
        Repertoire::JisX0213 => {
            let mut previous = None;
            scan_with(value, class, table, move |c, _| {
                let base = previous.replace(c);
                if c.is_ascii() || is_half_kana(c) {
                    Some(false)
                } else {
                    let in_sequence = base.is_some_and(|base| crate::jisx0213::is_sequence(base, c));
                    (crate::jisx0213::contains(c) || in_sequence).then_some(true)
                }
            })
        }
    }
}

/// The scan, `carried` saying of each character (and its MS932 width) whether the repertoire
/// carries it full-width (`Some(true)`), half-width (`Some(false)`), or not at all (`None`).
#[inline(always)]
fn scan_with(
    value: &str,
    class: Option<CharClass>,
    table: &[ms932::Width],
    mut carried: impl FnMut(char, ms932::Width) -> Option<bool>,
) -> Scan {
    let mut scan = Scan::default();
    for c in value.chars() {
        scan.chars += 1;
        let width = ms932::width_in(table, c);
        // A character outside MS932 is counted as two bytes; it is reported on its own.
        scan.ms932_bytes += if width == 0 { 2 } else { usize::from(width) };
        match carried(c, width) {
            None => {
                if scan.outside.is_none() {
                    scan.outside = Some((c, scan.chars));
                }
            }
            Some(double) => {
                if scan.misfit.is_none() && class.is_some_and(|class| !class.admits(c, double)) {
                    scan.misfit = Some((c, scan.chars));
                }
            }
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::{CharClass, Repertoire, scan};

    fn admits(class: CharClass, value: &str) -> bool {
        let s = scan(value, Some(class), Repertoire::Ms932);
        s.outside.is_none() && s.misfit.is_none()
    }

    #[test]
    fn half_digits() {
        assert!(admits(CharClass::HalfDigits, "0123456789"));
        assert!(!admits(CharClass::HalfDigits, "１"));
        assert!(!admits(CharClass::HalfDigits, "12a"));
        assert!(!admits(CharClass::HalfDigits, "1 2"));
    }

    #[test]
    fn half_alphanumeric_is_strict() {
        assert!(admits(CharClass::HalfAlphanumeric, "IFI601040"));
        assert!(!admits(CharClass::HalfAlphanumeric, "https://x"));
        assert!(!admits(CharClass::HalfAlphanumeric, "Ａ"));
    }

    #[test]
    fn half_admits_printable_ascii_and_half_kana() {
        assert!(admits(CharClass::Half, "2025-01-31"));
        assert!(admits(CharClass::Half, "ｶｲｺﾞ ｲﾁﾛｳ"));
        assert!(!admits(CharClass::Half, "カイゴ"));
        assert!(!admits(CharClass::Half, "a\tb"));
        assert!(!admits(CharClass::Half, "a\nb"));
    }

    #[test]
    fn full_is_double_byte_in_ms932() {
        assert!(admits(CharClass::Full, "成功"));
        assert!(admits(CharClass::Full, "①㈱髙\u{3000}"));
        assert!(!admits(CharClass::Full, "ｶﾅ"));
        assert!(!admits(CharClass::Full, "A"));
    }

    #[test]
    fn mixed_admits_both_and_line_breaks() {
        assert!(admits(CharClass::Mixed, "エラー: code=E01\r\n詳細"));
        assert!(!admits(CharClass::Mixed, "a\u{0}b"));
    }

    #[test]
    fn outside_ms932_is_reported_separately_with_position() {
        let s = scan("吉𠮷", Some(CharClass::Full), Repertoire::Ms932);
        assert_eq!(s.outside, Some(('𠮷', 2)));
        assert_eq!(s.misfit, None);
        assert_eq!(s.chars, 2);
    }

    #[test]
    fn counts_both_units() {
        let s = scan("成功ｱ1", None, Repertoire::Ms932);
        assert_eq!((s.chars, s.ms932_bytes), (4, 6));
    }

    #[test]
    fn the_repertoire_decides_what_is_outside() {
        // 〜 (U+301C) is JIS X 0213's wave dash and not MS932's; 髙 is an IBM extension in MS932 only.
        let ms932 = scan("〜髙", Some(CharClass::Full), Repertoire::Ms932);
        assert_eq!(ms932.outside, Some(('〜', 1)));
        let jis = scan("〜髙", Some(CharClass::Full), Repertoire::JisX0213);
        assert_eq!(jis.outside, Some(('髙', 2)));
        let jis = scan("𠀋か\u{309A}", Some(CharClass::Full), Repertoire::JisX0213);
        assert_eq!((jis.outside, jis.misfit), (None, None), "a plane-2 character and a sequence");
        let jis = scan("あ\u{309A}", Some(CharClass::Full), Repertoire::JisX0213);
        assert_eq!(jis.outside, Some(('\u{309A}', 2)), "a mark JIS X 0213 does not pair with あ");
        let jis = scan("ｶﾅ", Some(CharClass::Full), Repertoire::JisX0213);
        assert_eq!(jis.misfit, Some(('ｶ', 1)), "half-width katakana is not 全角文字 in either");
    }

    #[test]
    fn repertoire_names() {
        assert_eq!(Repertoire::from_name("cp932"), Some(Repertoire::Ms932));
        assert_eq!(Repertoire::from_name("JIS X 0213:2012"), Some(Repertoire::JisX0213));
        assert_eq!(Repertoire::from_name("UTF-8"), None);
    }

    #[test]
    fn spec_names_round_trip() {
        for class in CharClass::ALL {
            assert_eq!(CharClass::from_spec_name(class.spec_name()), Some(class));
        }
        assert_eq!(CharClass::from_spec_name("リスト"), None);
    }

    /// Every character MS932 decodes to (each single byte, and each two-byte sequence encoding_rs
    /// reads as one character), alone, beside one another and beside ASCII: the decoded scan is the
    /// table's, for every class.
    #[test]
    fn the_decoded_scan_agrees_with_the_table() {
        let mut decoded = Vec::new();
        let sequences = (0..=0xFF_u8)
            .map(|b| vec![b])
            .chain((0x81..=0xFC_u8).flat_map(|lead| (0x40..=0xFC_u8).map(move |trail| vec![lead, trail])));
        for bytes in sequences {
            if let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(&bytes)
                && text.chars().count() == 1
            {
                decoded.push(text.into_owned());
            }
        }
        assert!(decoded.len() > 7_900, "{}", decoded.len());
        let classes: Vec<_> = CharClass::ALL.map(Some).into_iter().chain([None]).collect();
        for (i, text) in decoded.iter().enumerate() {
            let neighbour = &decoded[(i * 7_919 + 13) % decoded.len()];
            for value in [text.clone(), format!("a{text}{neighbour}"), format!("{neighbour}{text}1")] {
                for &class in &classes {
                    let expected = scan(&value, class, Repertoire::Ms932);
                    assert_eq!(super::scan_decoded(&value, class, Repertoire::Ms932), expected, "{value:?} {class:?}");
                }
            }
        }
        let jis = super::scan_decoded("〜髙", Some(CharClass::Full), Repertoire::JisX0213);
        assert_eq!(jis.outside, Some(('髙', 2)), "another repertoire is scanned as scan() does");
        // Valid values take the short way: the agreement above would hold without it.
        for (value, class) in [
            ("山田　花子", Some(CharClass::Mixed)),
            ("﨑（ｶﾅ）Ωж§\r\n", Some(CharClass::Mixed)),
            ("ｶｲｺﾞ 1", Some(CharClass::Half)),
            ("①髙－～", Some(CharClass::Full)),
            ("介護a", None),
        ] {
            let fast = super::decoded_widths(value, class);
            assert_eq!(fast, Some(scan(value, class, Repertoire::Ms932)), "{value:?} {class:?}");
        }
    }

    #[test]
    fn the_ascii_pass_agrees_with_the_character_pass() {
        let alphabet = ["1", "0", "9", "a", "Z", " ", "~", "/", ":", "\n", "\t", "\u{1F}", "\u{7F}", "ｱ", "あ", "𠮷"];
        let mut values = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> =
                values.iter().flat_map(|v| alphabet.iter().map(move |a| format!("{v}{a}"))).collect();
            values.extend(longer);
        }
        // Long enough for whole words, and with each kind of byte at each position of a word.
        let longer = values
            .iter()
            .flat_map(|v| [format!("20250131{v}"), format!("{v}{v}{v}{v}{v}"), format!("a b~{v}0123456789")]);
        let values: Vec<String> = values.iter().cloned().chain(longer).collect();
        for value in &values {
            for class in CharClass::ALL.map(Some).into_iter().chain([None]) {
                for repertoire in [Repertoire::Ms932, Repertoire::JisX0213] {
                    let expected = super::scan_chars(value, class, repertoire);
                    assert_eq!(scan(value, class, repertoire), expected, "{value:?} {class:?} {repertoire:?}");
                }
            }
        }
    }
}
