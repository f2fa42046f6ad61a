//! The MS932 (Windows-31J) repertoire as a lookup table: for every BMP code point, how many bytes it
//! takes in MS932, or that it has no MS932 form.
//!
//! The table is built once from encoding_rs's Shift_JIS decoder (WHATWG Shift_JIS is Windows-31J,
//! NEC and IBM extensions included) by decoding every double-byte sequence. Building it from the
//! decoder rather than the encoder matters: the WHATWG encoder also accepts characters that do not
//! survive a round trip (U+00A5 ¥ → 0x5C → `\`, U+203E ‾ → 0x7E → `~`, U+2212 − → 0x817C → U+FF0D －),
//! and a file written with them would not read back as written. The user-defined area (外字,
//! decoded by WHATWG into the Private Use Area) is left out, as the care-plan standard forbids it.

use std::sync::OnceLock;

/// Bytes a character takes in MS932; 0 when it has no MS932 form.
pub(crate) type Width = u8;

static TABLE: OnceLock<Box<[Width]>> = OnceLock::new();

/// The lookup table, indexed by BMP code point.
pub(crate) fn table() -> &'static [Width] {
    TABLE.get_or_init(build)
}

fn build() -> Box<[Width]> {
    let mut table = vec![0; 0x1_0000];
    // Single bytes: ASCII (0x00..=0x7F decode to themselves) and half-width katakana (0xA1..=0xDF).
    table[..0x80].fill(1);
    table[0xFF61..=0xFF9F].fill(1);
    let leads = (0x81..=0x9F_u8).chain(0xE0..=0xFC);
    for lead in leads {
        for trail in (0x40..=0x7E_u8).chain(0x80..=0xFC) {
            let pair = [lead, trail];
            let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(&pair) else {
                continue;
            };
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                let cp = c as usize;
                if cp < 0x1_0000 && !is_private_use(c) {
                    table[cp] = 2;
                }
            }
        }
    }
    table.into_boxed_slice()
}

/// Bytes `c` takes in MS932, 0 when it cannot be written in MS932.
pub fn width(c: char) -> u8 {
    width_in(table(), c)
}

#[inline]
pub(crate) fn width_in(table: &[Width], c: char) -> Width {
    table.get(c as usize).copied().unwrap_or(0)
}

/// Whether `c` is in the Private Use Area, where decoders put user-defined characters (外字).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF_0000..=0x10_FFFF)
}

/// Bytes `text` takes in MS932, counting a character with no MS932 form as 2 (it is reported on
/// its own; the count only has to stay meaningful for the rest of the text).
pub fn byte_len(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    let table = table();
    text.chars()
        .map(|c| match width_in(table, c) {
            0 => 2,
            w => usize::from(w),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::{byte_len, width};

    #[test]
    fn widths_follow_windows_31j() {
        assert_eq!(width('A'), 1);
        assert_eq!(width('ｱ'), 1, "half-width katakana is one byte");
        assert_eq!(width('あ'), 2);
        assert_eq!(width('\u{3000}'), 2, "ideographic space");
        assert_eq!(width('①'), 2, "NEC special characters are in MS932");
        assert_eq!(width('㈱'), 2);
        assert_eq!(width('髙'), 2, "IBM extension");
        assert_eq!(width('－'), 2, "U+FF0D is the MS932 minus");
        assert_eq!(width('～'), 2, "U+FF5E is the MS932 wave dash");
    }

    #[test]
    fn characters_that_do_not_round_trip_are_outside() {
        for c in ['¥', '‾', '−', '〜', '‖', '¬', '𠮷', '😀', '\u{E000}', '\u{80}', '\u{A0}'] {
            assert_eq!(width(c), 0, "{c:?} (U+{:04X}) must be outside MS932", c as u32);
        }
    }

    #[test]
    fn counts_bytes() {
        assert_eq!(byte_len("abc"), 3);
        assert_eq!(byte_len("成功"), 4);
        assert_eq!(byte_len("ｱｲ12"), 4);
    }
}
