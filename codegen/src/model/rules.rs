//! Rules the spec states in prose: a fixed value in フォーマット, a date format after `●書式`, a code list
//! in 備考, a コード値 cell (`1：男性\n2：女性`), a 範囲 (`0～100`), the condition of a ● item
//! (`…＝1：施設 かつ …の場合に必須`). Each reader is deliberately narrow: text that does not match
//! exactly stays documentation.

use super::{Code, DateFormat, Range, Rules};

/// The rules stated by a row's フォーマット and 備考.
pub fn from_text(format: Option<&str>, remarks: Option<&str>) -> Rules {
    Rules {
        fixed: format.and_then(fixed_value),
        codes: remarks.map(codes).unwrap_or_default().into_iter().map(Code::bare).collect(),
        range: None,
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

/// The separators between a code and its label in a コード値 line, in the order they are tried: the
/// colon LIFE writes (`1：男性`), then `＝`, `．` and a space (`1＝男性`, `1．男性`, `1 男性`), each in
/// either width.
const CODE_SEPARATORS: [&[char]; 4] = [&[':', '：'], &['=', '＝'], &['.', '．'], &[' ', '\u{3000}', '\t']];

/// What may stand between two `code：label` pairs written on one line (`1：男性、2：女性`).
const PAIR_JOINERS: [char; 8] = ['、', '，', ',', '／', '/', ' ', '\u{3000}', '\t'];

/// A コード値 cell: one `code：label` a line (`1：男性\n2：女性\n`), or several on a line joined by
/// [`PAIR_JOINERS`] when the separator is a colon or `＝` (`1：男性、2：女性`). The separator is any of
/// [`CODE_SEPARATORS`]. `None` when a line is not of that form: the cell is then documentation.
pub fn code_lines(text: &str) -> Option<Vec<Code>> {
    let mut codes: Vec<Code> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        for (code, label) in line_pairs(line)? {
            if !codes.iter().any(|c| c.value == code) {
                codes.push(Code::labelled(code, label));
            }
        }
    }
    (!codes.is_empty()).then_some(codes)
}

/// A code as a コード値 line writes it, in half-width form, if it is one: a few letters or digits.
fn code_value(text: &str) -> Option<String> {
    let code = crate::nfkc::nfkc(text.trim()).into_owned();
    let plain = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then_some(code)
}

/// The pairs of one コード値 line, with the first separator of [`CODE_SEPARATORS`] that makes one.
fn line_pairs(line: &str) -> Option<Vec<(String, String)>> {
    CODE_SEPARATORS.iter().enumerate().find_map(|(rank, separator)| {
        let (code, rest) = line.split_once(*separator)?;
        // After a period or a space only a number is a code: `ICF コード参照` is no pair.
        let code = code_value(code).filter(|c| rank < 2 || c.bytes().all(|b| b.is_ascii_digit()))?;
        // A label may itself hold 、 or ／; another pair starts only where a code and the same
        // separator follow a joiner. Only the colon and ＝ are distinct enough to look for so.
        let mut pairs = vec![(code, String::new())];
        let mut label = rest;
        while rank < 2
            && let Some((at, next_code, after)) = next_pair(label, separator)
        {
            pairs.last_mut().expect("one pair").1 = label[..at].trim().to_owned();
            pairs.push((next_code, String::new()));
            label = after;
        }
        pairs.last_mut().expect("one pair").1 = label.trim().to_owned();
        pairs.iter().all(|(_, label)| !label.is_empty()).then_some(pairs)
    })
}

/// In a label, the next `<joiner><code><separator>`: where the label ends, the code, and the rest.
fn next_pair<'a>(label: &'a str, separator: &[char]) -> Option<(usize, String, &'a str)> {
    label.char_indices().filter(|(_, c)| PAIR_JOINERS.contains(c)).find_map(|(at, joiner)| {
        let after = label[at + joiner.len_utf8()..].trim_start();
        let (code, rest) = after.split_once(separator)?;
        let code = code_value(code).filter(|c| c.len() <= 4)?;
        Some((at, code, rest))
    })
}

/// Words around a code sheet's name in a コード値 reference, removed before the name is looked up:
/// `別シート「ICFコード」参照`, `※「ICFコード」シート参照`, `ICFコード表を参照`.
const REFERENCE_PREFIXES: [&str; 3] = ["別シート", "別紙", "シート"];
const REFERENCE_SUFFIXES: [&str; 2] = ["シート", "のシート"];

/// `※ICFコード参照` → `ICFコード`: a コード値 cell that sends the reader to a code sheet. The name in
/// 「」 where the cell quotes it; a 表 or 一覧 after it is matched when the sheet is looked up.
pub fn code_reference(text: &str) -> Option<String> {
    let text = text.trim();
    let body = text.strip_prefix(['※', '*']).unwrap_or(text).trim();
    let name = body.strip_suffix("を参照").or_else(|| body.strip_suffix("参照"))?.trim();
    let quoted = ['「', '『'].into_iter().zip(['」', '』']).find_map(|(open, close)| {
        let start = name.find(open)? + open.len_utf8();
        let end = start + name[start..].find(close)?;
        Some(&name[start..end])
    });
    let name = match quoted {
        Some(quoted) => quoted,
        None => {
            let name = REFERENCE_PREFIXES.iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name);
            REFERENCE_SUFFIXES.iter().rev().find_map(|s| name.strip_suffix(s)).unwrap_or(name)
        }
    };
    let name = name.trim();
    (!name.is_empty() && !name.contains(['\n', '。', '、'])).then(|| name.to_owned())
}

/// 範囲: `0～100`, `0 ～ 23`, `1～`, `～99.9` (the tilde full- or half-width, 〜 or ∼), `0-100`
/// (`－`, `−`), `0以上100以下`, `0以上`, `100以下`; a minus sign of any width. `None` when the text
/// is not a range of decimal numbers, or its minimum is above its maximum.
pub fn range(text: &str) -> Option<Range> {
    let text: String = crate::nfkc::nfkc(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '〜' | '～' | '∼' => '~',
            other => other,
        })
        .collect();
    let (min, max) = if let Some(split) = text.split_once('~') {
        split
    } else if text.ends_with("以上") || text.ends_with("以下") {
        let (low, high) = match text.split_once("以上") {
            Some((low, high)) => (low, high.trim_start_matches(['、', ','])),
            None => ("", text.as_str()),
        };
        (low, high.strip_suffix("以下").unwrap_or(high))
    } else {
        // `A-B`: the dash after a digit (a minus sign before one starts a bound).
        let at = text
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c == '-' && text[..i].ends_with(|p: char| p.is_ascii_digit()))?
            .0;
        (&text[..at], &text[at + 1..])
    };
    let bound = |s: &str| -> Option<Option<String>> {
        if s.is_empty() {
            return Some(None);
        }
        decimal(s).then(|| Some(s.to_owned()))
    };
    let (min, max) = (bound(min)?, bound(max)?);
    if min.is_none() && max.is_none() {
        return None;
    }
    if let (Some(low), Some(high)) = (&min, &max)
        && low.parse::<f64>().ok()? > high.parse::<f64>().ok()?
    {
        return None;
    }
    Some(Range { min, max })
}

/// Whether `text` is a decimal number: `-?[0-9]+(\.[0-9]+)?`.
fn decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// A clause of a condition as written: the 項目名 it tests and the codes that make it hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenClause {
    /// The item's name, as the condition writes it.
    pub name: String,
    /// The codes (with their labels).
    pub values: Vec<Code>,
}

/// The condition of a conditionally required item, in the regular form
/// `<項目名>＝<code>：<label>(かつ <項目名>＝（<code>：<label>若しくは<code>：<label>）)…の場合に必須`.
/// `None` when the text states no condition in that form (it stays documentation).
pub fn condition(text: &str) -> Option<Vec<WrittenClause>> {
    const MARK: &str = "の場合に必須";
    let text = text.replace("\r\n", "\n");
    let end = text.find(MARK)?;
    // The condition is the sentence that ends with the mark.
    let start = text[..end].rfind(['。', '\n']).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let sentence = text[start..end].trim();
    let mut clauses = Vec::new();
    for part in sentence.split("かつ") {
        let (name, values) = part.trim().split_once(['＝', '='])?;
        let name = name.trim();
        let values = values.trim();
        let values = values.strip_prefix(['（', '(']).and_then(|v| v.strip_suffix(['）', ')'])).unwrap_or(values);
        let mut codes = Vec::new();
        for alternative in split_alternatives(values) {
            let alternative = alternative.trim();
            let (code, label) = match alternative.split_once(['：', ':']) {
                Some((code, label)) => (code.trim(), Some(label.trim())),
                None => (alternative, None),
            };
            let code = crate::nfkc::nfkc(code).into_owned();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            codes.push(match label {
                Some(label) if !label.is_empty() => Code::labelled(code, label),
                _ => Code::bare(code),
            });
        }
        if name.is_empty() || codes.is_empty() {
            return None;
        }
        clauses.push(WrittenClause { name: name.to_owned(), values: codes });
    }
    (!clauses.is_empty()).then_some(clauses)
}

/// `1：一部若しくは2：完全` → the alternatives.
fn split_alternatives(text: &str) -> Vec<&str> {
    const OR: [&str; 6] = ["若しくは", "もしくは", "又は", "または", "、", "，"];
    let mut parts = vec![text];
    for separator in OR {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
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
    fn code_cells() {
        let codes = code_lines("1：男性\n2：女性\n").expect("two codes");
        assert_eq!(codes, [Code::labelled("1", "男性"), Code::labelled("2", "女性")]);
        assert_eq!(code_lines("01：非該当\r\n06：事業対象者").map(|c| c.len()), Some(2));
        assert_eq!(code_lines("※ICFコード参照"), None);
        assert_eq!(code_lines("1：男性\n女性"), None);
        let values = |t: &str| code_lines(t).map(|c| c.into_iter().map(|c| (c.value, c.label)).collect::<Vec<_>>());
        let sexes = Some(vec![("1".to_owned(), Some("男性".to_owned())), ("2".to_owned(), Some("女性".to_owned()))]);
        for cell in [
            "1:男性\n2:女性",
            "1．男性\n2．女性",
            "1.男性\n2.女性",
            "1 男性\n2 女性",
            "1＝男性\n2＝女性",
            "１：男性\n２：女性",
            "1 ： 男性\n2 ： 女性",
            "1：男性、2：女性",
            "1：男性／2：女性",
            "1：男性　2：女性",
            "1=男性, 2=女性",
            "1：男性\n2：女性\n\n",
        ] {
            assert_eq!(values(cell), sexes, "{cell:?}");
        }
        // A label may hold 、 and ／ where no code follows them.
        assert_eq!(
            values("1：施設／通所、居宅\n2：なし").map(|v| v[0].1.clone()),
            Some(Some("施設／通所、居宅".to_owned()))
        );
        assert_eq!(values("01：非該当、06：事業対象者").map(|v| v.len()), Some(2));
        // Period and space forms hold one pair a line: `1 男性 2 女性` keeps its label whole.
        assert_eq!(values("1 要支援 2 の者").map(|v| v.len()), Some(1));
        assert_eq!(values("ICF コード参照"), None);
        assert_eq!(code_reference("※ICFコード参照").as_deref(), Some("ICFコード"));
        assert_eq!(code_reference(" ※職種コードを参照 ").as_deref(), Some("職種コード"));
        assert_eq!(code_reference("1：男性"), None);
        for cell in ["別シート「ICFコード」参照", "※「ICFコード」シート参照", "ICFコード参照", "※ICFコードシートを参照"]
        {
            assert_eq!(code_reference(cell).as_deref(), Some("ICFコード"), "{cell}");
        }
        assert_eq!(code_reference("ICFコード表参照").as_deref(), Some("ICFコード表"));
    }

    #[test]
    fn ranges() {
        let range_of = |t: &str| range(t).map(|r| (r.min, r.max));
        assert_eq!(range_of("0～100"), Some((Some("0".into()), Some("100".into()))));
        assert_eq!(range_of("0 ～ 23"), Some((Some("0".into()), Some("23".into()))));
        assert_eq!(range_of("0.5〜99.9"), Some((Some("0.5".into()), Some("99.9".into()))));
        assert_eq!(range_of("1~"), Some((Some("1".into()), None)));
        assert_eq!(range_of("-10～-1"), Some((Some("-10".into()), Some("-1".into()))));
        assert_eq!(range_of("10～1"), None);
        assert_eq!(range_of("～"), None);
        assert_eq!(range_of("一～十"), None);
        assert_eq!(range_of("100"), None);
        let hundred = Some((Some("0".into()), Some("100".into())));
        for text in ["0 - 100", "0－100", "0-100", "0∼100", "０～１００", "0以上100以下", "0以上、100以下"]
        {
            assert_eq!(range_of(text), hundred, "{text:?}");
        }
        assert_eq!(range_of("−10～10"), Some((Some("-10".into()), Some("10".into()))));
        assert_eq!(range_of("-10--1"), Some((Some("-10".into()), Some("-1".into()))));
        assert_eq!(range_of("0以上"), Some((Some("0".into()), None)));
        assert_eq!(range_of("100以下"), Some((None, Some("100".into()))));
        assert_eq!(range_of("-10"), None);
        assert_eq!(range_of("0未満"), None);
    }

    #[test]
    fn conditions_in_the_regular_form() {
        let clauses = condition("施設／通所・居宅区分＝1：施設 かつ 経口摂取＝（1：一部若しくは2：完全）の場合に必須")
            .expect("two clauses");
        assert_eq!(clauses.len(), 2);
        assert_eq!(clauses[0].name, "施設／通所・居宅区分");
        assert_eq!(clauses[0].values, [Code::labelled("1", "施設")]);
        assert_eq!(clauses[1].name, "経口摂取");
        assert_eq!(clauses[1].values, [Code::labelled("1", "一部"), Code::labelled("2", "完全")]);
        let after = condition("評価日を記載する。\n性別＝2：女性の場合に必須。").expect("one clause");
        assert_eq!((after[0].name.as_str(), after[0].values[0].value.as_str()), ("性別", "2"));
        assert_eq!(condition("医師の指示がある場合に必須"), None);
        assert_eq!(condition("性別＝女性の場合に必須"), None);
        assert_eq!(condition("性別＝1：男性"), None);
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
