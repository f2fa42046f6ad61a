//! What a vendor adds to the generated code (`Builder::type_attribute`, `field_attribute`,
//! `extern_type`, `layouts`; the same flags of `generate`), checked against the spec before anything is
//! emitted: every selector must reach something, every attribute and type must parse.

use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::model::selector::Selector;
use crate::model::{Item, Layout, SectionKind, Spec};

/// The vendor's additions, as written: `(selector, text)` pairs, in the order given. Selectors are
/// those of [`crate::model::selector`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customizations {
    /// Attributes put on the structs a selector reaches (every struct of a layout, or the records of a
    /// リスト item and those nested in them).
    pub type_attributes: Vec<(String, String)>,
    /// Attributes put on the fields a selector reaches (every field of a layout, or one item's).
    pub field_attributes: Vec<(String, String)>,
    /// The vendor's own type for the text items a selector names (`LAYOUT/path` or `*/path`).
    pub extern_types: Vec<(String, String)>,
    /// The layouts to generate; empty for every layout.
    pub layouts: Vec<String>,
}

impl Customizations {
    /// Whether nothing is asked.
    pub fn is_empty(&self) -> bool {
        *self == Customizations::default()
    }
}

/// [`Customizations`] read and checked against a spec.
#[derive(Default)]
pub(super) struct Custom {
    type_attributes: Vec<(Selector, TokenStream)>,
    field_attributes: Vec<(Selector, TokenStream)>,
    extern_types: Vec<(Selector, TokenStream)>,
    layouts: Vec<Selector>,
}

/// Where a struct or a field is: its layout, its section and the keys leading to it.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub layout: &'a Layout,
    pub section: SectionKind,
    pub path: &'a [&'a str],
}

impl Custom {
    /// Reads every selector, attribute and type, and checks that each selector reaches something of
    /// the layouts generated; every problem is one message.
    pub fn resolve(spec: &Spec, asked: &Customizations) -> Result<Custom, Vec<String>> {
        let mut problems = Vec::new();
        let mut custom = Custom::default();
        let mut read = |what: &str, pairs: &[(String, String)], parse: fn(&str) -> Result<TokenStream, String>| {
            let mut read = Vec::new();
            for (selector, text) in pairs {
                let tokens = parse(text).map_err(|e| format!("{what} {selector:?}: {text:?} {e}"));
                let selector = Selector::parse(selector).map_err(|e| format!("{what}: {e}"));
                match (selector, tokens) {
                    (Ok(selector), Ok(tokens)) => read.push((selector, tokens)),
                    (selector, tokens) => problems.extend(selector.err().into_iter().chain(tokens.err())),
                }
            }
            read
        };
        custom.type_attributes = read("type_attribute", &asked.type_attributes, attributes);
        custom.field_attributes = read("field_attribute", &asked.field_attributes, attributes);
        custom.extern_types = read("extern_type", &asked.extern_types, rust_type);
        for text in &asked.layouts {
            match Selector::parse(text) {
                Ok(selector) if selector.names_items() => {
                    problems.push(format!("layouts: {text:?} names items; give a layout as `list` prints it"));
                }
                Ok(selector) => custom.layouts.push(selector),
                Err(e) => problems.push(format!("layouts: {e}")),
            }
        }
        for (selector, _) in &custom.extern_types {
            if !selector.names_items() {
                problems.push(format!(
                    "extern_type {:?} names layouts; give an item as LAYOUT/path or */path",
                    selector.to_string()
                ));
            }
        }
        problems.extend(custom.reach(spec));
        if problems.is_empty() { Ok(custom) } else { Err(problems) }
    }

    /// Whether `layout` is generated.
    pub fn keeps(&self, layout: &Layout) -> bool {
        self.layouts.is_empty() || self.layouts.iter().any(|s| s.reaches_layout(layout))
    }

    /// The vendor's attributes for the struct at `place` (a section's, or a リスト's records).
    pub fn struct_attributes(&self, place: Place<'_>) -> TokenStream {
        let reached = |s: &Selector| s.reaches_struct(place.layout, place.section, place.path);
        self.type_attributes.iter().filter(|(s, _)| reached(s)).map(|(_, tokens)| tokens.clone()).collect()
    }

    /// The vendor's attributes for the field at `place`.
    pub fn field_attributes(&self, place: Place<'_>) -> TokenStream {
        let reached = |s: &Selector| s.reaches_item(place.layout, place.section, place.path);
        self.field_attributes.iter().filter(|(s, _)| reached(s)).map(|(_, tokens)| tokens.clone()).collect()
    }

    /// The vendor's type for the text item at `place`.
    pub fn extern_type(&self, place: Place<'_>) -> Option<&TokenStream> {
        self.extern_types.iter().find(|(s, _)| s.reaches_item(place.layout, place.section, place.path)).map(|(_, t)| t)
    }

    /// Walks the layouts generated: a message for each selector that reaches nothing, for each
    /// extern type on a リスト and for each item given two types.
    fn reach(&self, spec: &Spec) -> Vec<String> {
        let mut problems = Vec::new();
        let mut hits = Hits {
            types: vec![false; self.type_attributes.len()],
            fields: vec![false; self.field_attributes.len()],
            externs: vec![false; self.extern_types.len()],
        };
        let layouts = spec.interfaces.iter().flat_map(|i| &i.layouts);
        let mut kept = vec![false; self.layouts.len()];
        for layout in layouts {
            for (index, selector) in self.layouts.iter().enumerate() {
                kept[index] |= selector.reaches_layout(layout);
            }
            if !self.keeps(layout) {
                continue;
            }
            for section in &layout.sections {
                let place = Place { layout, section: section.kind, path: &[] };
                self.mark_struct(place, &mut hits);
                self.walk(place, &section.items, &mut hits, &mut problems);
            }
        }
        let unreached = |what: &str, selector: &Selector| {
            format!(
                "{what} {:?} reaches nothing among the layouts generated (`ltcip-codegen list` names them)",
                selector.to_string()
            )
        };
        for (index, hit) in kept.iter().enumerate() {
            if !hit {
                problems.push(unreached("layouts", &self.layouts[index]));
            }
        }
        for (what, pairs, hit) in [
            ("type_attribute", &self.type_attributes, &hits.types),
            ("field_attribute", &self.field_attributes, &hits.fields),
            ("extern_type", &self.extern_types, &hits.externs),
        ] {
            for ((selector, _), hit) in pairs.iter().zip(hit) {
                if !hit {
                    problems.push(unreached(what, selector));
                }
            }
        }
        problems
    }

    fn mark_struct(&self, place: Place<'_>, hits: &mut Hits) {
        for (index, (selector, _)) in self.type_attributes.iter().enumerate() {
            hits.types[index] |= selector.reaches_struct(place.layout, place.section, place.path);
        }
    }

    fn walk(&self, place: Place<'_>, items: &[Item], hits: &mut Hits, problems: &mut Vec<String>) {
        for item in items {
            let Some(key) = &item.key else { continue };
            let path: Vec<&str> = place.path.iter().copied().chain([key.as_str()]).collect();
            let here = Place { path: &path, ..place };
            for (index, (selector, _)) in self.field_attributes.iter().enumerate() {
                hits.fields[index] |= selector.reaches_item(place.layout, place.section, &path);
            }
            let typed: Vec<usize> = (0..self.extern_types.len())
                .filter(|&index| self.extern_types[index].0.reaches_item(place.layout, place.section, &path))
                .collect();
            for &index in &typed {
                hits.externs[index] = true;
                if item.is_list() {
                    problems.push(format!(
                        "extern_type {:?}: {} {} is a リスト, whose records are generated; give one of its text items",
                        self.extern_types[index].0.to_string(),
                        item.no,
                        item.name
                    ));
                }
            }
            if let [first, second, ..] = typed[..] {
                problems.push(format!(
                    "extern_type {:?} and {:?} both give a type to {} {} of {}",
                    self.extern_types[first].0.to_string(),
                    self.extern_types[second].0.to_string(),
                    item.no,
                    item.name,
                    place.layout.title()
                ));
            }
            if item.is_list() {
                self.mark_struct(here, hits);
                self.walk(here, &item.children, hits, problems);
            }
        }
    }
}

struct Hits {
    types: Vec<bool>,
    fields: Vec<bool>,
    externs: Vec<bool>,
}

/// One or more outer attributes (`#[derive(Eq, Hash)]`).
fn attributes(text: &str) -> Result<TokenStream, String> {
    let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
        .map_err(|e| format!("is not an attribute (`#[...]`): {e}"))?;
    if parsed.is_empty() {
        return Err("is not an attribute (`#[...]`): it is empty".to_owned());
    }
    Ok(parsed.iter().map(ToTokens::to_token_stream).collect())
}

/// A Rust type path (`my_crate::InsuredNumber`).
fn rust_type(text: &str) -> Result<TokenStream, String> {
    syn::parse_str::<syn::Type>(text).map(|t| t.to_token_stream()).map_err(|e| format!("is not a Rust type: {e}"))
}
