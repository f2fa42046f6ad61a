//! The English table. Each key's placeholders are documented once, here; `ja.rs` has the same keys
//! in the same order. The `json.*` templates are serde_json's own texts: the mapping from its errors
//! to keys reads them (see `json_error`).

pub(super) const TABLE: &[(&str, &str)] = &[
    // Violations, by rule. `found`, `expected`, `digits`, `position`, `line`, `column`, `limit` … are
    // numbers (counts); `character` a `char.*` message; `class` a データ型 name.
    ("required", "is required (出現回数 minimum 1) but absent or empty"),
    ("count", "holds {found} {found|element|elements}; 出現回数 allows {occurs}"),
    ("type", "must be {expected}, found {found}"),
    ("chars", "contains {character} at character {position}, which {class} ({description}) does not allow"),
    (
        "chars.secret",
        "contains a character (not shown: the item is secret) at character {position}, which {class} \
         ({description}) does not allow",
    ),
    ("repertoire", "contains {character} at character {position}, which cannot be written in {repertoire}"),
    (
        "repertoire.private_use",
        "contains {character} at character {position}, which is a user-defined character (外字), not allowed \
         in {repertoire}",
    ),
    (
        "repertoire.secret",
        "contains a character (not shown: the item is secret) at character {position}, which cannot be \
         written in {repertoire}",
    ),
    ("length.fixed", "must be exactly {digits} {unit} (固定長), found {found}"),
    ("length.max", "must be at most {digits} {unit} (可変長), found {found}"),
    ("fixed", "must be \"{expected}\" (固定)"),
    ("code", "must be one of {codes}"),
    ("date", "is not a real date/time in the format {format}"),
    ("structure", "does not match the layout: {detail}"),
    ("syntax", "is not well-formed at line {line}, column {column}: {detail}"),
    ("pattern", "does not match the pattern {pattern}"),
    ("encoding", "cannot be read as MS932: {detail}"),
    ("columns", "has {found} {found|field|fields}; the layout has {expected} {expected|item|items}"),
    ("quoting", "is not quoted correctly: {detail}"),
    ("line_ending", "ends with {found}; the file's first record ends with {expected}"),
    ("uniform", "must be the same in every record of a file; line {line} has \"{first}\""),
    ("number.whole", "must be a whole number of at most {integer} {integer|digit|digits} (数値 {integer})"),
    (
        "number.decimal",
        "must be a decimal number with at most {integer} integer {integer|digit|digits} and {fraction} \
         {fraction|decimal|decimals} (数値 {integer}.{fraction})",
    ),
    ("range.between", "must be a number from {min} to {max} (範囲 {range})"),
    ("range.at_least", "must be a number of at least {min} (範囲 {range})"),
    ("range.at_most", "must be a number of at most {max} (範囲 {range})"),
    ("range.any", "must be a number (範囲 {range})"),
    ("required_in", "is required on {spec_mode} ({mode}) but absent or empty"),
    ("required_when", "is required when {condition}, but absent or empty"),
    ("header", "{detail}"),
    ("header_columns", "has {found} {found|field|fields}; line 2 names {expected} {expected|column|columns}"),
    (
        "undecodable.line",
        "cannot be read as {encoding}: {bytes} at byte {position} of the field is not {encoding} (the file \
         reads as {encoding} from line {line})",
    ),
    (
        "undecodable.bom",
        "cannot be read as {encoding}: {bytes} at byte {position} of the field is not {encoding} (the file \
         starts with a UTF-8 byte-order mark)",
    ),
    (
        "file_encoding.column",
        "the file looks like {found} (column {column} holds {found} text), but files of this layout are \
         {allowed}; the rest of the file is read as {found}, and this is reported once",
    ),
    (
        "file_encoding.bom",
        "the file looks like {found} (it starts with a {found} byte-order mark), but files of this layout \
         are {allowed}; the rest of the file is read as {found}, and this is reported once",
    ),
    (
        "record_too_large",
        "is larger than the reader's limit of {limit} {limit|byte|bytes}; its fields are not kept or checked, \
         and reading resumes after the next line break",
    ),
    (
        "record_too_large.open_quote",
        "is larger than the reader's limit of {limit} {limit|byte|bytes} (the quote opened in column {column} \
         is still open: a quote left open makes the rest of the file one record); its fields are not kept or \
         checked, and reading resumes after the next line break",
    ),
    (
        "value_too_large",
        "is larger than the limit of {limit} {limit|byte|bytes}: it is not held, and not checked beyond its type",
    ),
    (
        "token_too_long",
        "holds a string or number, starting at byte {offset}, longer than the limit of {limit} \
         {limit|byte|bytes}; reading stopped there",
    ),
    ("unknown_member", "is a member \"{key}\" that the layout does not name"),
    ("empty_optional", "is an empty string; an optional item without a value is omitted (or null), not empty"),
    // Parts of violations.
    ("json_type.null", "null"),
    ("json_type.boolean", "a boolean"),
    ("json_type.number", "a number"),
    ("json_type.string", "a string"),
    ("json_type.array", "an array"),
    ("json_type.object", "an object"),
    ("char.control", "control character U+{code}"),
    ("char.visible", "'{char}' (U+{code})"),
    ("char_class.half_digits", "ASCII digits"),
    ("char_class.half_alphanumeric", "ASCII letters and digits"),
    ("char_class.half", "printable ASCII and half-width katakana"),
    ("char_class.full", "characters that are double-byte in MS932"),
    ("char_class.mixed", "half- and full-width characters"),
    // `count`: the number the unit follows.
    ("unit.chars", "{count|character|characters}"),
    ("unit.ms932_bytes", "MS932 {count|byte|bytes}"),
    ("mode.draft", "provisional import"),
    ("mode.final", "final import"),
    ("encodings.ms932", "MS932"),
    ("encodings.utf8_or_ms932", "UTF-8 or MS932"),
    ("list.codes.item", "「{item}」"),
    ("list.codes.separator", ""),
    ("list.quoted.item", "\"{item}\""),
    ("list.quoted.separator", ", "),
    ("list.plain.item", "{item}"),
    ("list.plain.separator", ", "),
    // Details of `structure`, `encoding`, `quoting` and `header`.
    ("structure.duplicate_member", "the member \"{key}\" is given more than once; the last one is checked"),
    ("structure.duplicate_header", "the header \"{key}\" is given more than once"),
    ("structure.mismatch", "the document does not match the layout"),
    ("encoding.bytes", "{bytes} at byte {position} of the field is not MS932"),
    ("quoting.unclosed", "a quote is left open to the end of the file"),
    ("quoting.stray", "a quote inside a field that does not start with one"),
    ("quoting.after_closing", "text between a closing quote and the next comma"),
    ("header.empty", "the file is empty; line 1 must hold the data type {id}"),
    ("header.data_type", "line 1 holds the data type \"{found}\"; this layout's is \"{id}\""),
    ("header.data_type_alone", "line 1 must hold the data type alone; it has {count} {count|field|fields}"),
    ("header.names_missing", "line 2 (the item names) is missing"),
    ("header.no_names", "line 2 names no item"),
    (
        "header.unknown_name",
        "column {column} of line 2, \"{name}\", names no item of the layout; its values are ignored",
    ),
    (
        "header.repeated_name",
        "column {column} of line 2 names \"{name}\" again (first in column {first}); its values are ignored",
    ),
    ("header.required_missing", "line 2 does not name the required item \"{key}\""),
    // serde_json's syntax errors, in its words (the key is found by the text).
    ("json.eof_list", "EOF while parsing a list"),
    ("json.eof_object", "EOF while parsing an object"),
    ("json.eof_string", "EOF while parsing a string"),
    ("json.eof_value", "EOF while parsing a value"),
    ("json.expected_colon", "expected `:`"),
    ("json.expected_list_comma_or_end", "expected `,` or `]`"),
    ("json.expected_object_comma_or_end", "expected `,` or `}`"),
    ("json.expected_ident", "expected ident"),
    ("json.expected_value", "expected value"),
    ("json.expected_double_quote", "expected `\"`"),
    ("json.invalid_escape", "invalid escape"),
    ("json.invalid_number", "invalid number"),
    ("json.number_out_of_range", "number out of range"),
    ("json.invalid_unicode_code_point", "invalid unicode code point"),
    ("json.control_character", "control character (\\u0000-\\u001F) found while parsing a string"),
    ("json.key_must_be_a_string", "key must be a string"),
    ("json.lone_leading_surrogate", "lone leading surrogate in hex escape"),
    ("json.trailing_comma", "trailing comma"),
    ("json.trailing_characters", "trailing characters"),
    ("json.unexpected_end_of_hex_escape", "unexpected end of hex escape"),
    ("json.recursion_limit_exceeded", "recursion limit exceeded"),
    // Any other serde_json error (`detail` its text), and a failed read.
    ("json.other", "{detail}"),
    ("json.io", "{detail}"),
    // Typed decoding's errors as serde words them: `detail` the whole text, `name` the member or variant.
    ("serde.missing_field", "{detail}"),
    ("serde.unknown_field", "{detail}"),
    ("serde.duplicate_field", "{detail}"),
    ("serde.unknown_variant", "{detail}"),
    ("serde.invalid_type", "{detail}"),
    ("serde.invalid_value", "{detail}"),
    ("serde.invalid_length", "{detail}"),
    // Rows without a record (`NoRecord`).
    (
        "no_record.columns",
        "line {line} has no record: it has {found} {found|field|fields} where the layout has {expected} \
         {expected|item|items} (its fields are kept as read)",
    ),
    (
        "no_record.header_columns",
        "line {line} has no record: it has {found} {found|field|fields} where line 2 names {expected} \
         {expected|column|columns} (its fields are kept as read)",
    ),
    (
        "no_record.too_large",
        "line {line} has no record: it is larger than the reader's limit of {limit} {limit|byte|bytes}, and was \
         not kept",
    ),
    // File names (`FileNameProblem`, `FileNameError`).
    ("file_name.prefix", "must start with {expected}"),
    ("file_name.extension", "must end with {expected} (upper case, as the spec writes it)"),
    ("file_name.fields", "must be {rule}: {expected} {expected|field|fields} after the prefix, found {found}"),
    ("file_name.digits", "{segment}: must be {digits} ASCII {digits|digit|digits}, found \"{found}\""),
    ("file_name.date", "{segment}: \"{found}\" is not a real {format}"),
    ("file_name.unknown", "names no file known here; file names start with one of {prefixes}"),
    ("file_name.error", "{problems}"),
    ("file_name.separator", "; "),
    // The CSV writer (`WriteError`).
    (
        "write.unwritable",
        "line {line}, column {column} [{item_no} {item_name}]: {character} cannot be written in MS932",
    ),
    (
        "write.unwritable_secret",
        "line {line}, column {column} [{item_no} {item_name}]: a character (not shown: the item is secret) \
         cannot be written in MS932",
    ),
    ("write.columns", "the columns cannot be written: {detail}"),
    ("write.columns.care_plan", "{layout} is a care-plan layout, whose columns are its items in order"),
    ("write.columns.unknown", "\"{key}\" names no item of {layout}"),
    ("write.columns.twice", "\"{key}\" is given twice"),
    ("write.invalid", "line {line} is not written: {count} {count|violation|violations}"),
    (
        "write.invalid_read",
        "line {read_line} of the file read (line {line} of the output) is not written: {count} \
         {count|violation|violations}",
    ),
    (
        "write.not_kept",
        "line {line} of the file read is not written: it was larger than the reader's limit, and nothing of it \
         was kept",
    ),
    ("write.io", "writing failed: {error}"),
    // Reading a file's CSVバージョン (`csv::VersionError`).
    ("version.missing", "the file is empty: no CSVバージョン to read"),
    ("version.unsupported", "CSVバージョン \"{found}\" is not supported; this build reads {supported}"),
    ("version.io", "reading failed: {error}"),
    // The streaming validator's report (`json::stream::Report`).
    ("report.records", "{count} {count|record|records}"),
    // Code lists (`UnknownCode`).
    ("unknown_code", "unknown code \"{code}\" of {list}; expected one of {codes}"),
];
