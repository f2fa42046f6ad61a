//! Step 3 of the pipeline: [`Spec`] in, Rust out. The output is declarative: one module per interface,
//! structs whose fields carry `#[ltcip(...)]` attributes that read like the spec's rows; the derive in
//! `ltcip-derive` and the checks in `ltcip-runtime` do the rest. Output is formatted by prettyplease
//! and depends only on the spec, so the same workbook always gives the same bytes.

mod codes;
mod custom;
mod docs;
mod files;
mod format;
mod literal;
pub mod naming;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

pub use custom::Customizations;
use custom::{Custom, Place};
use docs::Form;
pub(crate) use format::format_groups;
pub use format::{format, format_items};

use crate::diag::Diagnostics;
use crate::lowering::{ItemRules, LayoutRules, RequirementRule};
use crate::model::{
    CsvDialect, Direction, FileNameRule, Interface, Item, Layout, Mode, Occurs, Repertoire, SectionKind, Spec,
    WireFormat,
};

/// The Rust for one interface.
#[derive(Debug)]
pub struct Module {
    /// The module name (`if_i6_01_04_02`).
    pub name: String,
    /// Module docs.
    pub docs: String,
    /// The items inside the module, each formatted on its own (so that a blank line separates them).
    pub items: Vec<TokenStream>,
}

/// The Rust type that holds a text item's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextType {
    /// [`ltcip_runtime::CompactString`](https://docs.rs/compact_str): text of up to 24 bytes is held
    /// inline, so decoding a record allocates nothing for its codes, numbers and dates (every 別紙13
    /// value but the longest free texts). It dereferences to `str`.
    #[default]
    Compact,
    /// `std::string::String`: one allocation per value.
    String,
    /// [`ltcip_runtime::CowStr<'a>`](https://docs.rs/ltcip-runtime): text borrowed from the document
    /// it was decoded from (`json::from_slice`) wherever the JSON string has no escapes, so decoding
    /// copies no text. The JSON bodies' structs take the document's lifetime (`Response<'a>`); HTTP
    /// headers and CSV records, which are not decoded from one document held in memory, keep
    /// [`TextType::Compact`].
    Borrowed,
}

impl TextType {
    /// The type text fields of `place`'s struct get: a borrowed one only where a document is decoded
    /// whole from memory.
    fn at(self, place: &Place<'_>) -> TextType {
        let whole_document = place.layout.format != WireFormat::Csv && place.section == SectionKind::Body;
        match self {
            TextType::Borrowed if !whole_document => TextType::Compact,
            other => other,
        }
    }
}

/// How code is emitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The type of text fields.
    pub text: TextType,
    /// What the vendor adds: attributes, their own types, the layouts to generate.
    pub custom: Customizations,
}

/// Emits one module per interface, with the default [`Options`].
pub fn modules(spec: &Spec, diagnostics: &mut Diagnostics) -> Vec<Module> {
    modules_with(spec, &Options::default(), diagnostics).unwrap_or_default()
}

/// Emits one module per interface (of the layouts [`Customizations::layouts`] keeps). Names that
/// cannot be made, or that collide, are reported; customizations that do not fit the spec (a selector
/// that reaches nothing, an attribute or a type that does not parse) are the error, one message each.
pub fn modules_with(spec: &Spec, options: &Options, diagnostics: &mut Diagnostics) -> Result<Vec<Module>, Vec<String>> {
    let custom = Custom::resolve(spec, &options.custom)?;
    let mut modules: Vec<Module> = Vec::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    // The interfaces emitted (their kept layouts), with their modules' names.
    let mut emitted: Vec<(Interface, String)> = Vec::new();
    for interface in &spec.interfaces {
        let filtered;
        let interface = if interface.layouts.iter().all(|l| custom.keeps(l)) {
            interface
        } else {
            let kept: Vec<Layout> = interface.layouts.iter().filter(|l| custom.keeps(l)).cloned().collect();
            if kept.is_empty() {
                continue;
            }
            filtered = Interface { layouts: kept, ..interface.clone() };
            &filtered
        };
        let origin = interface.layouts[0].origin.clone();
        let name = match naming::module(&interface.id) {
            Ok(name) => name,
            Err(message) => {
                diagnostics.error(origin, message);
                continue;
            }
        };
        if let Some(other) = names.insert(name.clone(), interface.id.clone()) {
            diagnostics.error(origin, format!("{other} and {} both become module `{name}`", interface.id));
            continue;
        }
        let files: Vec<&Layout> = interface.layouts.iter().filter(|l| l.direction == Direction::File).collect();
        let versioned = files.len() > 1;
        let mut types = Types::new(options.text, &custom);
        for layout in interface.layouts.iter().filter(|l| !versioned || l.direction != Direction::File) {
            layout_types(&mut types, interface, layout, diagnostics);
        }
        let id = literal::string(&interface.id);
        let title = literal::string(&interface.name);
        let mut items = vec![quote! {
            /// 外部IF_ID.
            pub const IF_ID: &str = #id;
            /// 外部インタフェース名.
            pub const NAME: &str = #title;
        }];
        if versioned {
            items.extend(versions(interface, &files, options.text, &custom, diagnostics));
        } else if let Some(layout) = files.first() {
            items.extend(file_items(layout));
        }
        items.extend(types.structs);
        items.extend(types.codes.items());
        modules.push(Module { docs: docs::interface(interface), items, name: name.clone() });
        emitted.push((interface.clone(), name));
    }
    let named: Vec<(&Interface, &str)> = emitted.iter().map(|(i, n)| (i, n.as_str())).collect();
    if let Some(files) = files::module(&named) {
        if let Some(other) = names.get(files::MODULE) {
            let origin = spec.interfaces[0].layouts[0].origin.clone();
            diagnostics
                .error(origin, format!("{other} becomes module `{}`, the module of files by name", files::MODULE));
        } else {
            modules.push(files);
        }
    }
    Ok(modules)
}

/// The types of one layout: a struct per section, and one per リスト among their items.
fn layout_types(types: &mut Types, interface: &Interface, layout: &Layout, diagnostics: &mut Diagnostics) {
    for section in &layout.sections {
        let type_name = naming::section_type(layout.direction, section.kind);
        let docs = docs::section(interface, layout, section);
        let title = match layout.direction {
            Direction::File => format!("{} {}", interface.id, interface.name),
            _ => format!("{} {}", layout.title(), section.kind.spec_name()),
        };
        let place = Place { layout, section: section.kind, path: &[] };
        types.structure(&type_name, &title, &docs, place, &section.items, diagnostics);
    }
}

/// Two versions (or more) of a file side by side: a module per CSVバージョン (`v202407`), each as a file's
/// module would be, and a reader that picks the version the file declares.
fn versions(
    interface: &Interface,
    files: &[&Layout],
    text: TextType,
    custom: &Custom,
    diagnostics: &mut Diagnostics,
) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut arms = Vec::new();
    let mut variants = Vec::new();
    let mut supported = Vec::new();
    let mut names = Vec::new();
    for layout in files {
        let Some(version) = layout.version() else {
            diagnostics.error(
                layout.origin.clone(),
                format!("{} has several layouts; each needs its CSVバージョン to be told apart", interface.id),
            );
            continue;
        };
        let module = format_ident!("v{version}");
        let variant = format_ident!("V{version}");
        let mut types = Types::new(text, custom);
        layout_types(&mut types, interface, layout, diagnostics);
        let inner: Vec<TokenStream> =
            file_items(layout).into_iter().chain(types.structs).chain(types.codes.items()).collect();
        let doc = doc_attrs(&format!("CSVバージョン {version} of {} {}.", interface.id, interface.name));
        items.push(quote! {
            #doc
            pub mod #module {
                #(#inner)*
            }
        });
        let variant_doc = doc_attrs(&format!("CSVバージョン {version}."));
        variants.push(quote! {
            #variant_doc
            #variant(::ltcip_runtime::csv::Reader<::ltcip_runtime::csv::Peeked<R>, #module::Record>)
        });
        arms.push(quote!(#version => ::core::result::Result::Ok(Reader::#variant(#module::reader(input)))));
        supported.push(version.to_owned());
        names.push(variant);
    }
    items.push(quote! {
        /// The CSVバージョン values this build reads, oldest first.
        pub const SUPPORTED_VERSIONS: &[&str] = &[#(#supported),*];
    });
    items.push(quote! {
        /// A reader of the version a file declares: match on it to reach that version's records. The
        /// bytes read to find the version are read again by it.
        #[derive(Debug)]
        pub enum Reader<R> {
            #(#variants),*
        }
    });
    items.push(reader_settings(&names, false));
    items.push(quote! {
        /// Reads the CSVバージョン the file's first record declares and returns the reader of that
        /// version, which reads the file from its first byte; a version this build has no layout for
        /// is an error naming it and the versions supported.
        pub fn reader<R: ::std::io::Read>(
            input: R,
        ) -> ::core::result::Result<Reader<R>, ::ltcip_runtime::csv::VersionError> {
            let (version, input) = ::ltcip_runtime::csv::read_version(input)?;
            match version.as_str() {
                #(#arms,)*
                other => ::core::result::Result::Err(::ltcip_runtime::csv::VersionError::unsupported(
                    other,
                    SUPPORTED_VERSIONS,
                )),
            }
        }
    });
    items
}

/// The settings of a reader enum (`Reader<R>` of the versions of a file, or of the files by name),
/// passed on to the reader it holds: the same names and meanings as `ltcip_runtime::csv::Reader`'s,
/// so that a vendor sets them without matching on the variants. `boxed`: the variants hold their
/// readers in a `Box`.
pub(super) fn reader_settings(variants: &[Ident], boxed: bool) -> TokenStream {
    let set = |call: TokenStream| {
        let arms = variants.iter().map(|variant| {
            if boxed {
                quote!(Reader::#variant(reader) => Reader::#variant(::std::boxed::Box::new((*reader).#call)))
            } else {
                quote!(Reader::#variant(reader) => Reader::#variant(reader.#call))
            }
        });
        quote!(match self { #(#arms,)* })
    };
    let mode = set(quote!(mode(mode)));
    let limit = set(quote!(max_record_bytes(limit)));
    quote! {
        impl<R> Reader<R> {
            /// The stage of import whose 必須 marks apply (`csv::Reader::mode`).
            #[must_use]
            pub fn mode(self, mode: ::ltcip_runtime::Mode) -> Self {
                #mode
            }

            /// The largest record read, in bytes; a larger one is one `size` violation
            /// (`csv::Reader::max_record_bytes`).
            #[must_use]
            pub fn max_record_bytes(self, limit: usize) -> Self {
                #limit
            }
        }
    }
}

/// The structs of one module, with the names taken so far, and the enums of its code lists.
struct Types<'a> {
    structs: Vec<TokenStream>,
    codes: codes::CodeLists,
    taken: BTreeMap<String, String>,
    /// The structs that borrow from the document (generic over `'a`), for the fields that hold them.
    borrowing: BTreeSet<String>,
    text: TextType,
    custom: &'a Custom,
}

impl<'a> Types<'a> {
    fn new(text: TextType, custom: &'a Custom) -> Self {
        Types {
            structs: Vec::new(),
            codes: codes::CodeLists::default(),
            taken: BTreeMap::new(),
            borrowing: BTreeSet::new(),
            text,
            custom,
        }
    }

    /// Emits a struct for `items`, then one for each リスト among them. `title` names the table (or
    /// the リスト item) the struct stands for.
    fn structure(
        &mut self,
        name: &str,
        title: &str,
        docs: &str,
        place: Place<'_>,
        items: &[Item],
        diagnostics: &mut Diagnostics,
    ) {
        let layout = place.layout;
        if let Some(first) = self.taken.insert(name.to_owned(), title.to_owned()) {
            let origin = items.first().map_or_else(|| layout.origin.clone(), |i| i.origin.clone());
            diagnostics.error(origin, format!("type name `{name}` of {title} is already used by {first}"));
            return;
        }
        // Reserve the place so that a struct comes before the records of its lists.
        let slot = self.structs.len();
        self.structs.push(TokenStream::new());
        let mut fields = TokenStream::new();
        let text = self.text.at(&place);
        // Whether a field holds borrowed text, its own or its records'.
        let mut borrowing = false;
        let mut field_names: BTreeMap<String, &Item> = BTreeMap::new();
        for item in items {
            let Some(key) = &item.key else { continue };
            let ident = match naming::field(key) {
                Ok(ident) => ident,
                Err(message) => {
                    diagnostics.error(item.origin.clone(), message);
                    continue;
                }
            };
            if let Some(other) = field_names.insert(ident.to_string(), item) {
                diagnostics.error(
                    item.origin.clone(),
                    format!(
                        "項目 {key:?} of {} and {:?} of {} both become field `{ident}`",
                        item.no,
                        other.key.as_deref().unwrap_or_default(),
                        other.no
                    ),
                );
                continue;
            }
            let record = if item.is_list() {
                match naming::record_type(name, key) {
                    Ok(record) => {
                        let docs = docs::records(item);
                        let title = format!("{title} {} {}", item.no, item.name);
                        if let Some(first) = self.taken.get(&record) {
                            // Named at the リスト item whose records cannot have the name.
                            diagnostics.error(
                                item.origin.clone(),
                                format!("type name `{record}` of {title} is already used by {first}"),
                            );
                            continue;
                        }
                        let path: Vec<&str> = place.path.iter().copied().chain([key.as_str()]).collect();
                        let records = Place { path: &path, ..place };
                        self.structure(&record, &title, &docs, records, &item.children, diagnostics);
                        Some(record)
                    }
                    Err(message) => {
                        diagnostics.error(item.origin.clone(), message);
                        continue;
                    }
                }
            } else {
                None
            };
            if !fields.is_empty() {
                fields.extend(quote!(,));
            }
            let path: Vec<&str> = place.path.iter().copied().chain([key.as_str()]).collect();
            let custom = CustomField {
                attributes: self.custom.field_attributes(Place { path: &path, ..place }),
                extern_type: self.custom.extern_type(Place { path: &path, ..place }),
            };
            let rules = ItemRules::of(item, LayoutRules::of(layout));
            let code_type = self.codes.type_for(item, &rules, name, &ident, &mut self.taken, diagnostics);
            let record = record.as_deref().map(|name| (name, self.borrowing.contains(name)));
            let row = FieldRow { record, code_type: code_type.as_ref() };
            let (tokens, borrows) = field(item, key, ident, row, LayoutRules::of(layout), text, custom);
            fields.extend(tokens);
            borrowing |= borrows;
        }
        let fields = Group::new(Delimiter::Brace, fields);
        let ident = Ident::new(name, Span::call_site());
        let lifetime = borrowing.then(|| {
            self.borrowing.insert(name.to_owned());
            quote!(<'a>)
        });
        let title = literal::string(title);
        // `csv` makes the struct a record of a positional CSV file, with 項目長 counted in MS932 bytes;
        // `csv(id = "…")` one of a file whose line 1 is the ID and line 2 the items' keys.
        let csv = match layout.file.as_ref().map(|f| f.dialect) {
            _ if layout.format != WireFormat::Csv => None,
            Some(CsvDialect::Named) => {
                let id = literal::string(&layout.interface_id);
                Some(quote!(csv(id = #id),))
            }
            _ => Some(quote!(csv,)),
        };
        let repertoire = (layout.repertoire != Repertoire::Ms932).then(|| {
            let name = layout.repertoire.name();
            quote!(, repertoire = #name)
        });
        let vendor = self.custom.struct_attributes(place);
        let mut tokens = doc_attrs(docs);
        tokens.extend(quote! {
            #[derive(
                Debug,
                Clone,
                Default,
                PartialEq,
                ::ltcip_runtime::serde::Serialize,
                ::ltcip_runtime::serde::Deserialize,
                ::ltcip_runtime::Validate
            )]
            #[serde(crate = "::ltcip_runtime::serde")]
            #[ltcip(#csv name = #title #repertoire)]
            #vendor
            pub struct #ident #lifetime #fields
        });
        self.structs[slot] = tokens;
    }
}

/// How the layout's rows read in docs.
fn form(layout: LayoutRules) -> Form {
    match layout.csv {
        None => Form::Json,
        Some(CsvDialect::Named) => Form::Named,
        Some(CsvDialect::Positional) => Form::Positional,
    }
}

/// What the vendor asked for one field.
struct CustomField<'a> {
    attributes: TokenStream,
    extern_type: Option<&'a TokenStream>,
}

/// The types a field refers to: its records' (a リスト) and its codes' enum.
struct FieldRow<'a> {
    /// The records' struct, and whether it borrows from the document.
    record: Option<(&'a str, bool)>,
    code_type: Option<&'a Ident>,
}

/// One field: its docs, the `#[ltcip]` row, the serde key and the Rust type; and whether the type
/// borrows from the document.
fn field(
    item: &Item,
    key: &str,
    ident: Ident,
    row: FieldRow<'_>,
    layout: LayoutRules,
    text: TextType,
    custom: CustomField<'_>,
) -> (TokenStream, bool) {
    let doc = doc_attrs(&docs::item(item, form(layout)));
    let rules = ItemRules::of(item, layout);
    let FieldRow { record, code_type } = row;
    let row = ltcip_attribute(item, &rules, custom.extern_type.is_some(), code_type);
    let optional = item.occurs.min == 0;
    let repeated = !item.is_list() && item.occurs.max.is_none_or(|max| max > 1);
    let (scalar, mut borrows) = match text {
        _ if custom.extern_type.is_some() => (custom.extern_type.cloned().unwrap_or_default(), false),
        _ if item.secret => (quote!(::ltcip_runtime::Secret), false),
        TextType::Compact => (quote!(::ltcip_runtime::CompactString), false),
        TextType::String => (quote!(String), false),
        TextType::Borrowed => (quote!(::ltcip_runtime::CowStr<'a>), true),
    };
    let (ty, skip) = match record {
        Some((record, borrowing)) => {
            borrows = borrowing;
            let record = format_ident!("{record}");
            let record = if borrowing { quote!(#record<'a>) } else { quote!(#record) };
            if optional {
                (quote!(Option<Vec<#record>>), Some("Option::is_none"))
            } else {
                (quote!(Vec<#record>), None)
            }
        }
        None if repeated => (quote!(Vec<#scalar>), optional.then_some("Vec::is_empty")),
        None if optional => (quote!(Option<#scalar>), Some("Option::is_none")),
        None => (scalar, None),
    };
    let mut serde = Vec::new();
    if ident.to_string().trim_start_matches("r#") != key {
        serde.push(quote!(rename = #key));
    }
    if borrows {
        // serde ties the document's lifetime to a field's only when told.
        serde.push(quote!(borrow));
    }
    if custom.extern_type.is_some() {
        // The vendor's type is (de)serialised through the text it holds, asking no serde of it.
        let with = match (repeated, optional) {
            (true, _) => "::ltcip_runtime::text_serde::vec",
            (false, true) => "::ltcip_runtime::text_serde::option",
            (false, false) => "::ltcip_runtime::text_serde::one",
        };
        serde.push(quote!(with = #with));
    }
    if let Some(skip) = skip {
        if skip == "Vec::is_empty" {
            serde.push(quote!(default));
        }
        serde.push(quote!(skip_serializing_if = #skip));
    }
    // Moved into one stream, not copied as quote's interpolation would.
    let mut tokens = doc;
    tokens.extend(row);
    if !serde.is_empty() {
        tokens.extend(quote!(#[serde(#(#serde),*)]));
    }
    tokens.extend(custom.attributes);
    tokens.extend(quote!(pub #ident: #ty));
    (tokens, borrows)
}

/// `required(mode = "final", when(key = "1", other("1", "2")))`: 必須 beyond 出現回数.
fn required_attribute(requirement: &RequirementRule) -> TokenStream {
    let mut inner = TokenStream::new();
    if requirement.mode == Mode::Final {
        inner.extend(quote!(mode = "final"));
    }
    if !requirement.clauses.is_empty() {
        // Clauses name the other items by their fields (the reader checked that each is a key the
        // emitter makes a field of).
        let clauses = requirement.clauses.iter().filter_map(|clause| {
            let key = naming::field(&clause.key).ok()?;
            Some(match clause.values.as_slice() {
                [one] => {
                    let value = literal::string(one);
                    quote!(#key = #value)
                }
                many => {
                    let values = many.iter().map(|value| literal::string(value));
                    quote!(#key(#(#values),*))
                }
            })
        });
        if !inner.is_empty() {
            inner.extend(quote!(,));
        }
        inner.extend(quote!(when(#(#clauses),*)));
    }
    quote!(required(#inner))
}

/// The `#[ltcip(...)]` attribute: the spec row's number and name, and its rules in the derive's words.
fn ltcip_attribute(item: &Item, rules: &ItemRules, custom_type: bool, code_type: Option<&Ident>) -> TokenStream {
    let no = literal::string(&item.no);
    let name = literal::string(&item.name);
    // One stream extended in place: quote's `#(#parts),*` would copy every part once more.
    let mut row = quote!(no = #no, name = #name);
    let mut part = |tokens: TokenStream| {
        row.extend(quote!(,));
        row.extend(tokens);
    };
    if rules.occurs != Occurs::REQUIRED {
        let occurs = rules.occurs.to_string();
        part(quote!(occurs = #occurs));
    }
    if let Some(data_type) = rules.data_type {
        let word = literal::string(data_type.spec_name());
        part(quote!(data_type = #word));
    }
    if let Some(text) = &rules.text {
        if let Some(length) = text.length {
            let digits = Literal::u32_unsuffixed(length.digits);
            let kind = literal::string(if length.fixed { "固定長" } else { "可変長" });
            part(quote!(digits = #digits, length = #kind));
        }
        if let Some(number) = text.number {
            // 数値: 桁数 counts the integer digits.
            if let Some(integer) = number.integer {
                let digits = Literal::u32_unsuffixed(integer);
                part(quote!(digits = #digits));
            }
            if number.fraction > 0 {
                let decimals = Literal::u32_unsuffixed(number.fraction);
                part(quote!(decimals = #decimals));
            }
        }
        if let Some(range) = &text.range {
            let range = literal::string(&range.written.to_string());
            part(quote!(range = #range));
        }
        if let Some(fixed) = &text.fixed {
            let fixed = literal::string(fixed);
            part(quote!(fixed = #fixed));
        }
        if !text.codes.is_empty() {
            let codes = text.codes.iter().map(|code| literal::string(code));
            part(quote!(codes(#(#codes),*)));
        }
        if let Some(date) = text.date {
            let pattern = date.pattern();
            part(quote!(date = #pattern));
        }
        if let Some(pattern) = &text.pattern {
            let pattern = literal::string(pattern);
            part(quote!(pattern = #pattern));
        }
        if !text.also.is_empty() {
            let also = text.also.iter().map(|value| literal::string(value));
            part(quote!(also(#(#also),*)));
        }
        if rules.free_text {
            part(quote!(free_text));
        }
        if rules.quoted {
            part(quote!(quoted));
        }
        if rules.uniform {
            part(quote!(uniform));
        }
        if rules.secret {
            part(quote!(secret));
        }
    }
    if let Some(requirement) = &rules.requirement {
        part(required_attribute(requirement));
    }
    if custom_type {
        part(quote!(custom_type));
    }
    if let Some(code_type) = code_type {
        part(quote!(code_type = #code_type));
    }
    let row = Group::new(Delimiter::Parenthesis, row);
    quote!(#[ltcip #row])
}

/// The constants and functions of a file layout's module: the version, the file-name rule, and a
/// reader and a writer of the file.
fn file_items(layout: &Layout) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let file = layout.file.clone().unwrap_or_default();
    if let Some(version) = &file.version {
        items.push(quote! {
            /// CSVバージョン: the value every record's first item holds.
            pub const CSV_VERSION: &str = #version;
        });
    }
    if let (Some(rule), Some(pattern)) = (&file.name_rule, &file.name_pattern) {
        let doc = doc_attrs(&format!("ファイル名: `{rule}`."));
        let pattern = file_name_pattern(pattern);
        items.push(quote! {
            #doc
            pub const FILE_NAME: ::ltcip_runtime::csv::FileNamePattern<'static> = #pattern;
        });
    }
    let (reader_doc, writer_doc) = match file.dialect {
        CsvDialect::Positional => (
            "Reads a file of this layout (MS932 CSV) one [`Record`] at a time, each with every violation\n\
             found in it (line, column, 項番, 日本語名称, rule).",
            "Writes records of this layout as the spec's CSV: MS932, CR LF, フリーテキスト quoted.",
        ),
        CsvDialect::Named => (
            "Reads a file of this layout one [`Record`] at a time, each with every violation found in it\n\
             (line, column, No., 項目名, rule): line 1 the ID ([`IF_ID`]), line 2 the items' keys in any\n\
             order and any subset, records from line 3; UTF-8 (with or without BOM) or MS932, as the\n\
             file's bytes say. A field of one half-width space is Null (a deletion) and is kept as `\" \"`.",
            "Writes records of this layout: line 1 the ID, line 2 the keys (every item, or\n\
             `.columns(reader.columns())`), then the records, 文字列 items quoted; MS932 and CR LF unless\n\
             told otherwise (`.encoding(..)`, `.line_ending(..)`).",
        ),
    };
    let (reader_doc, writer_doc) = (doc_attrs(reader_doc), doc_attrs(writer_doc));
    items.push(quote! {
        #reader_doc
        pub fn reader<R: ::std::io::Read>(input: R) -> ::ltcip_runtime::csv::Reader<R, Record> {
            ::ltcip_runtime::csv::Reader::new(input)
        }
    });
    items.push(quote! {
        #writer_doc
        pub fn writer<W: ::std::io::Write>(output: W) -> ::ltcip_runtime::csv::Writer<W> {
            ::ltcip_runtime::csv::Writer::new(output)
        }
    });
    items
}

fn file_name_pattern(rule: &FileNameRule) -> TokenStream {
    let prefix = &rule.prefix;
    let extension = &rule.extension;
    let segments = rule.segments.iter().map(|segment| {
        let name = literal::string(&segment.name);
        let base = match segment.date {
            Some(date) => {
                let variant = format_ident!("{}", format!("{date:?}"));
                quote!(::ltcip_runtime::csv::Segment::date(#name, ::ltcip_runtime::DateFormat::#variant))
            }
            None => {
                let digits = Literal::usize_unsuffixed(segment.digits);
                quote!(::ltcip_runtime::csv::Segment::digits(#name, #digits))
            }
        };
        if segment.also.is_empty() {
            base
        } else {
            let also = &segment.also;
            quote!(#base.also(&[#(#also),*]))
        }
    });
    quote!(::ltcip_runtime::csv::FileNamePattern::new(#prefix, &[#(#segments),*], #extension))
}

/// `#[doc = " line"]` per line, which prettyplease prints as `/// line`.
pub fn doc_attrs(text: &str) -> TokenStream {
    let mut tokens = TokenStream::new();
    for line in text.lines() {
        let line = literal::doc_line(line);
        tokens.extend(quote!(#[doc = #line]));
    }
    tokens
}

/// Inner doc attributes (`//!` lines).
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let mut tokens = TokenStream::new();
    for line in text.lines() {
        let line = literal::doc_line(line);
        tokens.extend(quote!(#![doc = #line]));
    }
    tokens
}

/// Docs for the whole output.
pub fn spec_docs(spec: &Spec) -> String {
    docs::spec(spec)
}
