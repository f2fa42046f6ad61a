//! Rules the spec states in prose: a fixed value in フォーマット, a date format after `●書式`, a code list
//! in 備考. Each reader is deliberately narrow: text that does not match exactly stays documentation.

use super::{DateFormat, Rules};

/// The rules stated by a row's フォーマット and 備考.
pub fn from_text(format: Option<&str>, remarks: Option<&str>) -> Rules {
    Rules {
        fixed: format.and_then(fixed_value),
        codes: remarks.map(codes).unwrap_or_default(),
        date: remarks.and_then(date_format).or_else(|| format.and_then(date_format)),
        pattern: None,
        also: Vec::new(),
    }
}

/// `"application/json"固定` → `application/json`.
pub fn fixed_value(format: &str) -> Option<String> {
    let body = format.trim().strip_suffix("固定")?.trim();
    let unquoted = strip_quotes(body)?;
    (!unquoted.is_empty()).then(|| unquoted.to_owned())
}

fn strip_quotes(text: &str) -> Option<&str> {
    const PAIRS: [(char, char); 6] = [('"', '"'), ('“', '”'), ('＂', '＂'), ('「', '」'), ('\'', '\''), ('『', '』')];
    PAIRS.iter().find_map(|&(open, close)| text.strip_prefix(open)?.strip_suffix(close))
}

/// The format after a `●書式` (or `書式：`) marker, or a 書式 cell that is a pattern by itself.
pub fn date_format(text: &str) -> Option<DateFormat> {
    let text = crate::nfkc::nfkc(text);
    if let Some(format) = DateFormat::from_pattern(&text) {
        return Some(format);
    }
    let (_, after) = text.split_once("書式")?;
    let after = after.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '●');
    let pattern: String =
        after.chars().take_while(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '/' | ':')).collect();
    DateFormat::from_pattern(&pattern)
}

/// 「成功」もしくは「失敗」 → `["成功", "失敗"]`: two or more quoted values joined only by words of choice.
pub fn codes(remarks: &str) -> Vec<String> {
    const JOINERS: [&str; 11] = ["もしくは", "若しくは", "または", "又は", "、", ",", "，", "・", "/", "／", "か"];
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut rest = remarks;
    let mut joined = false;
    while let Some(open) = rest.find('「') {
        let gap = rest[..open].trim();
        let Some(close) = rest[open..].find('」') else { break };
        let value = rest[open + '「'.len_utf8()..open + close].trim().to_owned();
        rest = &rest[open + close + '」'.len_utf8()..];
        let continues = joined && JOINERS.contains(&gap);
        match groups.last_mut() {
            Some(group) if continues => group.push(value),
            _ => groups.push(vec![value]),
        }
        joined = true;
    }
    groups.into_iter().find(|group| group.len() >= 2 && group.iter().all(|v| !v.is_empty())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_values() {
        assert_eq!(fixed_value("\"application/json\"固定").as_deref(), Some("application/json"));
        assert_eq!(fixed_value("“application/json”固定").as_deref(), Some("application/json"));
        assert_eq!(fixed_value(" \"application/json\" 固定 ").as_deref(), Some("application/json"));
        assert_eq!(fixed_value("-"), None);
        assert_eq!(fixed_value("固定"), None);
    }

    #[test]
    fn date_formats() {
        let remark = "マイナンバーカードの介護被保険者証としての\n利用停止した日を設定する。\n\n●書式\nYYYY-MM-DD";
        assert_eq!(date_format(remark), Some(DateFormat::YyyyMmDdHyphen));
        assert_eq!(date_format("●書式：ＹＹＹＹＭＭＤＤ"), Some(DateFormat::YyyyMmDd));
        assert_eq!(date_format("YYYYMM"), Some(DateFormat::YyyyMm));
        assert_eq!(date_format("書式は別紙参照"), None);
        assert_eq!(date_format("被保険者番号を設定する。"), None);
    }

    #[test]
    fn code_lists() {
        assert_eq!(codes("「成功」もしくは「失敗」を設定する。"), ["成功", "失敗"]);
        assert_eq!(codes("「1」、「2」又は「3」"), ["1", "2", "3"]);
        assert!(
            codes("ファイル名に設定されている外部インタフェースIDを設定する。（「-」ハイフンを除いたもの）").is_empty()
        );
        assert!(codes("「成功」の場合に設定する。「失敗」の場合は設定しない。").is_empty());
    }
}
