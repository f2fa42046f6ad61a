//! What the labels of a workbook can mean: the column roles of an item table, the keys of a title
//! block, the columns of an interface list. Which words spell each is data, in the
//! [`Vocabulary`](super::vocabulary::Vocabulary); this module only names the meanings the reader
//! acts on.

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
    /// 書式 (care-plan: date formats and code lists; LIFE: date and time formats).
    Notation,
    /// 出現回数 over 最小/最大.
    Occurs,
    /// 最小 (出現回数).
    Min,
    /// 最大 (出現回数).
    Max,
    /// 必須 (care-plan: ○ means 最小 1; LIFE: ◎ ○ ● as the sheet's legend says).
    Required,
    /// 必要 (care-plan 第3表 and 介護予防 files; undefined by the spec, kept as documentation).
    Needed,
    /// データ型 (LIFE: タイプ).
    DataType,
    /// 桁数 (LIFE: 整数桁（文字数）).
    Length,
    /// 小数点以下の桁数 (LIFE: the decimals of a 数値 item).
    Decimals,
    /// 可変長/固定長.
    LengthKind,
    /// 範囲 (LIFE: an inclusive numeric range).
    Range,
    /// コード値 (LIFE: one code a line, or a reference to a code sheet).
    Codes,
    /// 説明 (LIFE; documentation, and the conditions of ● items).
    Description,
    /// 備考.
    Remarks,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 19] = [
        Role::No,
        Role::Level,
        Role::Name,
        Role::Key,
        Role::Format,
        Role::Notation,
        Role::Occurs,
        Role::Min,
        Role::Max,
        Role::Required,
        Role::Needed,
        Role::DataType,
        Role::Length,
        Role::Decimals,
        Role::LengthKind,
        Role::Range,
        Role::Codes,
        Role::Description,
        Role::Remarks,
    ];

    /// The heading the spec writes for the role: its name in messages and in the vocabulary.
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
            Role::Decimals => "小数点以下の桁数",
            Role::LengthKind => "可変長/固定長",
            Role::Range => "範囲",
            Role::Codes => "コード値",
            Role::Description => "説明",
            Role::Remarks => "備考",
        }
    }
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

impl TitleKey {
    /// Every key.
    pub const ALL: [TitleKey; 10] = [
        TitleKey::InterfaceId,
        TitleKey::InterfaceName,
        TitleKey::Direction,
        TitleKey::Format,
        TitleKey::FileId,
        TitleKey::FileTitle,
        TitleKey::FileNameRule,
        TitleKey::Encoding,
        TitleKey::CsvVersion,
        TitleKey::CreationUnit,
    ];

    /// The key as the spec writes it.
    pub fn spec_name(self) -> &'static str {
        match self {
            TitleKey::InterfaceId => "外部IF_ID",
            TitleKey::InterfaceName => "外部インタフェース名",
            TitleKey::Direction => "送受信種別",
            TitleKey::Format => "形式",
            TitleKey::FileId => "ファイルID",
            TitleKey::FileTitle => "ファイル名称",
            TitleKey::FileNameRule => "ファイル名",
            TitleKey::Encoding => "文字コード",
            TitleKey::CsvVersion => "CSVバージョン",
            TitleKey::CreationUnit => "ファイル作成単位",
        }
    }

    /// Whether the key belongs to a file's title block: a layout with it is a file (care-plan CSV),
    /// whatever else its title block says.
    pub fn is_file_key(self) -> bool {
        matches!(
            self,
            TitleKey::FileId
                | TitleKey::FileTitle
                | TitleKey::FileNameRule
                | TitleKey::Encoding
                | TitleKey::CsvVersion
                | TitleKey::CreationUnit
        )
    }
}

/// Columns of an interface list (API一覧, 外部インタフェース一覧).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CatalogRole {
    /// 外部インタフェースID (LIFE: インターフェースの種類を示す物理名).
    InterfaceId,
    /// 外部インタフェース名.
    InterfaceName,
    /// 送受信種別.
    Direction,
    /// レイアウト (the sheet holding the layout).
    Layout,
    /// リクエストURL.
    Url,
    /// 説明.
    Description,
}

impl CatalogRole {
    /// Every column role.
    pub const ALL: [CatalogRole; 6] = [
        CatalogRole::InterfaceId,
        CatalogRole::InterfaceName,
        CatalogRole::Direction,
        CatalogRole::Layout,
        CatalogRole::Url,
        CatalogRole::Description,
    ];

    /// The column as the spec heads it.
    pub fn spec_name(self) -> &'static str {
        match self {
            CatalogRole::InterfaceId => "外部インタフェースID",
            CatalogRole::InterfaceName => "外部インタフェース名",
            CatalogRole::Direction => "送受信種別",
            CatalogRole::Layout => "レイアウト",
            CatalogRole::Url => "リクエストURL",
            CatalogRole::Description => "説明",
        }
    }

    /// The column a title key heads in an interface list.
    pub fn of_title_key(key: TitleKey) -> Option<CatalogRole> {
        match key {
            TitleKey::InterfaceId | TitleKey::FileId => Some(CatalogRole::InterfaceId),
            TitleKey::InterfaceName | TitleKey::FileTitle => Some(CatalogRole::InterfaceName),
            TitleKey::Direction => Some(CatalogRole::Direction),
            _ => None,
        }
    }
}

/// What a 必須 mark means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// Not required.
    Optional,
    /// Required in every mode (最小 1): the care-plan annex's ○, LIFE's ◎ 常に必須.
    Always,
    /// Required at 確定取込 (final import): LIFE's ○.
    Final,
    /// Required at 確定取込 when the condition in 説明 holds: LIFE's ●.
    FinalWhen,
}

impl Need {
    /// Every meaning a legend phrase can have.
    pub const LEGEND: [Need; 3] = [Need::Always, Need::Final, Need::FinalWhen];

    /// The meaning as the vocabulary writes it.
    pub fn spec_name(self) -> &'static str {
        match self {
            Need::Optional => "任意",
            Need::Always => "常に必須",
            Need::Final => "確定取込時必須",
            Need::FinalWhen => "確定取込時条件付き必須",
        }
    }
}
