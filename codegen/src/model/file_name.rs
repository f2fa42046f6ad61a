//! File-name rules as the care-plan spec writes them:
//! `UPPLAN_対象年月(YYYYMM)_送信元の事業所番号(10桁)_…_ファイル連番(YYYYMMDDHHMMSS).CSV`.

use super::DateFormat;

/// A file-name rule: a prefix, fields joined by `_`, an extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNameRule {
    /// `UPPLAN`, `UPKIHON_SUB1`.
    pub prefix: String,
    /// The fields after the prefix.
    pub segments: Vec<NameSegment>,
    /// `.CSV`.
    pub extension: String,
}

/// One field of a file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameSegment {
    /// The spec's name (`送信元の事業所番号`).
    pub name: String,
    /// Width in digits.
    pub digits: usize,
    /// The date or time format, for a date field.
    pub date: Option<DateFormat>,
    /// Values allowed besides (`000000` in `YYYYMM又は000000`).
    pub also: Vec<String>,
}

/// Reads a rule; the error says what part could not be read.
pub fn parse(text: &str) -> Result<FileNameRule, String> {
    let text: String = crate::nfkc::nfkc(text).chars().filter(|c| !c.is_whitespace()).collect();
    let Some((stem, extension)) = text.rsplit_once('.') else {
        return Err("no extension (e.g. .CSV)".to_owned());
    };
    if extension.is_empty() || !extension.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("extension {extension:?} is not letters and digits"));
    }
    let mut prefix: Vec<&str> = Vec::new();
    let mut segments = Vec::new();
    for part in stem.split('_') {
        if !part.contains('(') {
            if !segments.is_empty() {
                return Err(format!("{part:?} follows a field but has no (format)"));
            }
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("prefix part {part:?} is not letters and digits"));
            }
            prefix.push(part);
            continue;
        }
        segments.push(segment(part)?);
    }
    if prefix.is_empty() {
        return Err("no prefix (e.g. UPPLAN)".to_owned());
    }
    Ok(FileNameRule { prefix: prefix.join("_"), segments, extension: format!(".{extension}") })
}

/// `対象年月(YYYYMM)`, `送信元の事業所番号(10桁)`, `提供年月(YYYYMM又は000000)`.
fn segment(part: &str) -> Result<NameSegment, String> {
    let (name, spec) = part
        .strip_suffix(')')
        .and_then(|p| p.split_once('('))
        .ok_or_else(|| format!("field {part:?} is not name(format)"))?;
    if name.is_empty() {
        return Err(format!("field {part:?} has no name"));
    }
    let name = name.to_owned();
    if let Some(digits) = spec.strip_suffix('桁') {
        let digits: usize = digits.parse().map_err(|_| format!("field {part:?}: {digits:?} is not a number"))?;
        if digits == 0 {
            return Err(format!("field {part:?} has no digits"));
        }
        return Ok(NameSegment { name, digits, date: None, also: Vec::new() });
    }
    let (pattern, also) = match ["又は", "または", "or", "|"].iter().find_map(|sep| spec.split_once(sep)) {
        Some((pattern, other)) => (pattern, vec![other.to_owned()]),
        None => (spec, Vec::new()),
    };
    let date = DateFormat::from_pattern(pattern)
        .filter(|d| d.pattern().bytes().all(|b| b.is_ascii_alphabetic()))
        .ok_or_else(|| format!("field {part:?}: {pattern:?} is neither N桁 nor a date format of letters only"))?;
    let digits = date.pattern().len();
    if let Some(bad) = also.iter().find(|v| v.len() != digits || !v.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("field {part:?}: {bad:?} is not {digits} digits"));
    }
    Ok(NameSegment { name, digits, date: Some(date), also })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_4_1_rules() {
        let rule = parse(
            "UPPLAN_対象年月(YYYYMM)_送信元の事業所番号(10桁)_送信元のサービス種類コード(2桁)_送信先の事業所番号(10桁)_\
             送信先のサービス種類コード(2桁)_ファイル連番(YYYYMMDDHHMMSS).CSV",
        )
        .expect("the UPPLAN rule");
        assert_eq!(rule.prefix, "UPPLAN");
        assert_eq!(rule.extension, ".CSV");
        assert_eq!(rule.segments.len(), 6);
        assert_eq!(rule.segments[0].date, Some(DateFormat::YyyyMm));
        assert_eq!(rule.segments[1].digits, 10);
        assert_eq!(rule.segments[5].digits, 14);

        let sub = parse("UPKIHON_SUB1_送信元の事業所番号（１０桁）_ファイル連番(YYYYMMDDHHMMSS).CSV").expect("SUB1");
        assert_eq!(sub.prefix, "UPKIHON_SUB1");
        assert_eq!(sub.segments[0].digits, 10);

        let hosoku = parse("UPHOSOKU_提供年月(YYYYMM又は000000)_ファイル連番(YYYYMMDDHHMMSS).CSV").expect("HOSOKU");
        assert_eq!(hosoku.segments[0].also, ["000000"]);
    }

    #[test]
    fn unreadable_rules_say_why() {
        assert!(parse("UPPLAN_対象年月(YYYYMM)").unwrap_err().contains("extension"));
        assert!(parse("UPPLAN_対象年月(YYYY年MM月).CSV").unwrap_err().contains("date format"));
        assert!(parse("UPPLAN_対象年月(YYYYMM)_連番.CSV").unwrap_err().contains("has no (format)"));
        assert!(parse("対象年月(YYYYMM).CSV").unwrap_err().contains("no prefix"));
        assert!(parse("UPPLAN_番号(0桁).CSV").unwrap_err().contains("no digits"));
    }
}
