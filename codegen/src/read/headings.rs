//! The words a workbook labels things with, in every spelling seen across the spec family, compared in
//! [`heading_key`](super::text::heading_key) form.

use crate::model::{Direction, SectionKind, WireFormat};

/// What a column of an item table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 項番.
    No,
    /// 階層レベル (one of several columns).
    Level,
    /// 項目名（日本語）.
    Name,
    /// 項目 (the wire key).
    Key,
    /// フォーマット.
    Format,
    /// 書式 (care-plan: date formats and code lists).
    Notation,
    /// 出現回数 over 最小/最大.
    Occurs,
    /// 最小 (出現回数).
    Min,
    /// 最大 (出現回数).
    Max,
    /// 必須 (care-plan: ○ means 最小 1).
    Required,
    /// 必要 (care-plan 第3表 and 介護予防 files; undefined by the spec, kept as documentation).
    Needed,
    /// データ型.
    DataType,
    /// 桁数.
    Length,
    /// 可変長/固定長.
    LengthKind,
    /// 備考.
    Remarks,
}

const ROLES: &[(Role, &[&str])] = &[
    (Role::No, &["項番", "no", "番号", "項目番号", "連番"]),
    (Role::Level, &["階層レベル", "階層", "レベル", "階層lv"]),
    (
        Role::Name,
        &["項目名(日本語)", "項目名", "日本語名称", "項目名称", "ファイル項目名", "日本語項目名", "論理名", "名称"],
    ),
    (
        Role::Key,
        &[
            "項目",
            "項目(英語)",
            "項目id",
            "ファイル項目id",
            "物理名",
            "キー",
            "jsonキー",
            "項目キー",
            "タグ名",
            "英語名称",
            "key",
            "項目名(英語)",
            "項目名(英字)",
            "英語項目名",
            "英字項目名",
            "物理項目名",
        ],
    ),
    (Role::Format, &["フォーマット"]),
    (Role::Notation, &["書式", "書式、選択肢など", "書式・選択肢", "書式、選択肢等", "選択肢", "書式・選択肢など"]),
    (Role::Occurs, &["出現回数", "出現数", "繰返し", "繰り返し", "繰返し回数"]),
    (Role::Min, &["最小", "最小出現回数", "最小回数", "min"]),
    (Role::Max, &["最大", "最大出現回数", "最大回数", "max"]),
    (Role::Required, &["必須", "必須区分", "必須項目", "必須/任意"]),
    (Role::Needed, &["必要"]),
    (Role::DataType, &["データ型", "型", "タイプ", "属性", "文字種", "文字種別", "データタイプ"]),
    (Role::Length, &["桁数", "項目長", "長さ", "最大桁数", "文字数", "桁", "バイト数"]),
    (
        Role::LengthKind,
        &[
            "可変長/固定長",
            "固定長/可変長",
            "固定/可変",
            "可変/固定",
            "可変長・固定長",
            "固定長・可変長",
            "固定長可変長",
            "可変長固定長",
        ],
    ),
    (Role::Remarks, &["備考", "説明", "内容", "設定要領", "備考・説明", "注記"]),
];

impl Role {
    /// The heading the spec writes for the role, for messages.
    pub fn spec_name(self) -> &'static str {
        match self {
            Role::No => "項番",
            Role::Level => "階層レベル",
            Role::Name => "項目名",
            Role::Key => "項目",
            Role::Format => "フォーマット",
            Role::Notation => "書式",
            Role::Occurs => "出現回数",
            Role::Min => "最小",
            Role::Max => "最大",
            Role::Required => "必須",
            Role::Needed => "必要",
            Role::DataType => "データ型",
            Role::Length => "桁数",
            Role::LengthKind => "可変長/固定長",
            Role::Remarks => "備考",
        }
    }
}

/// The role a column heading names.
pub fn role(key: &str) -> Option<Role> {
    ROLES.iter().find(|(_, words)| words.contains(&key)).map(|(role, _)| *role)
}

/// Keys of a layout's title block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TitleKey {
    /// 外部IF_ID.
    InterfaceId,
    /// 外部インターフェイス名.
    InterfaceName,
    /// 送受信種別.
    Direction,
    /// 形式.
    Format,
    /// ファイルID (care-plan): the file's ID, which makes the layout a file layout.
    FileId,
    /// ファイル名称 (care-plan): the file's Japanese name.
    FileTitle,
    /// ファイル名 (care-plan): the file-name rule.
    FileNameRule,
    /// 文字コード.
    Encoding,
    /// CSVバージョン.
    CsvVersion,
    /// ファイル作成単位.
    CreationUnit,
}

const TITLE_KEYS: &[(TitleKey, &[&str])] = &[
    (
        TitleKey::InterfaceId,
        &["外部if_id", "外部ifid", "外部if-id", "外部インタフェースid", "インタフェースid", "if_id", "ifid", "if-id"],
    ),
    (
        TitleKey::InterfaceName,
        &["外部インタフェース名", "外部インタフェース名称", "インタフェース名", "インタフェース名称"],
    ),
    (TitleKey::Direction, &["送受信種別", "送受信区分", "送受信"]),
    (TitleKey::Format, &["形式", "データ形式", "ファイル形式", "連携形式"]),
    (TitleKey::FileId, &["ファイルid", "ファイル識別子", "ファイル接頭辞"]),
    (TitleKey::FileTitle, &["ファイル名称", "ファイル種別", "帳票名"]),
    (TitleKey::FileNameRule, &["ファイル名", "ファイル名規則", "ファイル命名規則", "ファイル名称規則"]),
    (TitleKey::Encoding, &["文字コード", "文字セット", "エンコーディング"]),
    (TitleKey::CsvVersion, &["csvバージョン", "csvバージョン値"]),
    (TitleKey::CreationUnit, &["ファイル作成単位", "作成単位"]),
];

/// The title key a cell names.
pub fn title_key(key: &str) -> Option<TitleKey> {
    TITLE_KEYS.iter().find(|(_, words)| words.contains(&key)).map(|(k, _)| *k)
}

/// Columns of the interface list (API一覧).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CatalogRole {
    /// 外部インタフェースID.
    InterfaceId,
    /// 外部インタフェース名.
    InterfaceName,
    /// 送受信種別.
    Direction,
    /// レイアウト (the sheet holding the layout).
    Layout,
    /// リクエストURL.
    Url,
}

/// The catalog column a heading names.
pub fn catalog_role(key: &str) -> Option<CatalogRole> {
    match title_key(key) {
        Some(TitleKey::InterfaceId | TitleKey::FileId) => return Some(CatalogRole::InterfaceId),
        Some(TitleKey::InterfaceName | TitleKey::FileTitle) => return Some(CatalogRole::InterfaceName),
        Some(TitleKey::Direction) => return Some(CatalogRole::Direction),
        _ => {}
    }
    match key {
        "レイアウト" | "シート名" | "レイアウトシート" | "レイアウト名" => {
            Some(CatalogRole::Layout)
        }
        "リクエストurl" | "url" | "エンドポイント" | "リクエストuri" => Some(CatalogRole::Url),
        _ => None,
    }
}

/// The section a caption row names (`　リクエストヘッダ`).
pub fn section_label(key: &str) -> Option<SectionKind> {
    let key = key.strip_prefix("リクエスト").or_else(|| key.strip_prefix("レスポンス")).unwrap_or(key);
    let key = key.strip_suffix('部').unwrap_or(key);
    match key {
        "ヘッダ" | "ヘッダー" | "httpヘッダ" | "httpヘッダー" => Some(SectionKind::Headers),
        "ボディ" | "ボディー" | "本文" => Some(SectionKind::Body),
        _ => None,
    }
}

/// 送受信種別 values.
pub fn direction(key: &str) -> Option<Direction> {
    match key {
        "リクエスト" | "要求" | "request" => Some(Direction::Request),
        "レスポンス" | "応答" | "返却" | "response" => Some(Direction::Response),
        _ => None,
    }
}

/// 形式 values.
pub fn wire_format(key: &str) -> Option<WireFormat> {
    match key {
        "json" | "json形式" => Some(WireFormat::Json),
        "csv" | "csv形式" | "csv(,)" => Some(WireFormat::Csv),
        _ => None,
    }
}

/// 必須 marks that mean 最小 1.
pub fn is_required_mark(key: &str) -> bool {
    matches!(key, "○" | "〇" | "◯" | "◎" | "●" | "必須" | "必" | "yes" | "y" | "要")
}

/// 最大 values that mean "no bound".
pub fn is_unbounded(key: &str) -> bool {
    matches!(key, "n" | "*" | "∞" | "無制限" | "制限なし" | "unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::heading_key;

    #[test]
    fn headings_of_the_spec_family() {
        let role_of = |s: &str| role(&heading_key(s));
        assert_eq!(role_of("項番"), Some(Role::No));
        assert_eq!(role_of("No."), Some(Role::No));
        assert_eq!(role_of("項目名（日本語）"), Some(Role::Name));
        assert_eq!(role_of("日本語名称"), Some(Role::Name));
        assert_eq!(role_of("項目"), Some(Role::Key));
        assert_eq!(role_of("項目名（英語）"), Some(Role::Key));
        assert_eq!(role_of("可変長/\n固定長"), Some(Role::LengthKind));
        assert_eq!(role_of("固定長/可変長"), Some(Role::LengthKind));
        assert_eq!(role_of("最小出現回数"), Some(Role::Min));
        assert_eq!(role_of("項目長"), Some(Role::Length));
        assert_eq!(role_of("書式、選択肢など"), Some(Role::Notation));
        assert_eq!(role_of("介護保険者番号"), None);
    }

    #[test]
    fn title_and_section_words() {
        assert_eq!(title_key(&heading_key("外部IF_ID")), Some(TitleKey::InterfaceId));
        assert_eq!(title_key(&heading_key("外部インターフェイス名")), Some(TitleKey::InterfaceName));
        assert_eq!(catalog_role(&heading_key("外部インタフェースID")), Some(CatalogRole::InterfaceId));
        assert_eq!(section_label(&heading_key("　リクエストヘッダ")), Some(SectionKind::Headers));
        assert_eq!(section_label(&heading_key("リクエストボディ")), Some(SectionKind::Body));
        assert_eq!(wire_format(&heading_key("ＪＳＯＮ")), Some(WireFormat::Json));
    }
}
