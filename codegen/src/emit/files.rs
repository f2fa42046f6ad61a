//! The `files` module: every file layout whose file name has a rule (the care-plan files), picked by a
//! file's name, as the versioned readers pick a version by the file's first record.

use heck::ToUpperCamelCase;
use quote::{format_ident, quote};

use super::{Module, doc_attrs, literal};
use crate::model::{Direction, Interface};

/// The module's name.
pub const MODULE: &str = "files";

/// The `files` module for `interfaces` (as emitted: each with its module name), or `None` when no
/// file layout has a file-name rule.
pub fn module(interfaces: &[(&Interface, &str)]) -> Option<Module> {
    let mut patterns = Vec::new();
    let mut ids = Vec::new();
    let mut variants = Vec::new();
    let mut opens = Vec::new();
    let mut names = Vec::new();
    for (interface, module) in interfaces {
        let files: Vec<_> = interface.layouts.iter().filter(|l| l.direction == Direction::File).collect();
        let Some(first) = files.first() else { continue };
        let Some(version) = first.file.as_ref().filter(|f| f.name_pattern.is_some()).map(|f| f.version.clone()) else {
            continue;
        };
        let module = format_ident!("{module}");
        let variant = format_ident!("{}", module.to_string().to_upper_camel_case());
        names.push(variant.clone());
        let doc = doc_attrs(&format!("{} {}.", interface.id, interface.name));
        ids.push(literal::string(&interface.id));
        if files.len() > 1 {
            // Each version has the rule; the versions share it (the reader picks the version).
            let version = format_ident!("v{}", version.unwrap_or_default());
            patterns.push(quote!(super::#module::#version::FILE_NAME));
            variants.push(quote!(#doc #variant(::std::boxed::Box<super::#module::Reader<R>>)));
            opens.push(quote!(Reader::#variant(::std::boxed::Box::new(super::#module::reader(input)?))));
        } else {
            patterns.push(quote!(super::#module::FILE_NAME));
            variants.push(
                quote!(#doc #variant(::std::boxed::Box<::ltcip_runtime::csv::Reader<R, super::#module::Record>>)),
            );
            opens.push(quote!(Reader::#variant(::std::boxed::Box::new(super::#module::reader(input)))));
        }
    }
    let last = opens.pop()?;
    // One file needs no match on the index (clippy's match_single_binding).
    let opened = if opens.is_empty() {
        quote!(#last)
    } else {
        let arms = opens.iter().enumerate().map(|(index, open)| quote!(#index => #open,));
        quote!(match index { #(#arms)* _ => #last })
    };
    let index = if opens.is_empty() { quote!(_) } else { quote!(index) };
    let items = vec![
        quote! {
            /// The file-name rule of each file, in the order of [`IF_IDS`] and of [`Reader`]'s variants.
            pub const FILE_NAMES: &[::ltcip_runtime::csv::FileNamePattern<'static>] = &[#(#patterns),*];
        },
        quote! {
            /// The IF ID of each file, in the order of [`FILE_NAMES`].
            pub const IF_IDS: &[&str] = &[#(#ids),*];
        },
        quote! {
            /// The reader of the file a name says. Boxed: the readers differ in size by their records,
            /// and a file is opened once.
            #[derive(Debug)]
            pub enum Reader<R> {
                #(#variants),*
            }
        },
        super::reader_settings(&names, true),
        quote! {
            /// The file a name is meant for (by its prefix) and the fields of the name, or every problem
            /// of the name: each bad field, or, for a name of no file here, the prefixes known.
            pub fn identify(
                file_name: &str,
            ) -> ::core::result::Result<(&'static str, ::ltcip_runtime::csv::FileName), ::ltcip_runtime::csv::FileNameError> {
                let (index, fields) = ::ltcip_runtime::csv::identify(file_name, FILE_NAMES)?;
                ::core::result::Result::Ok((IF_IDS[index], fields))
            }
        },
        quote! {
            /// Reads `input` as the file its name (without folders) says: the reader of that file's
            /// layout (of the version its first record declares, where there are several), or why the
            /// name says no file ([`identify`]) or the version is not supported.
            pub fn reader<R: ::std::io::Read>(
                file_name: &str,
                input: R,
            ) -> ::core::result::Result<Reader<R>, ::ltcip_runtime::csv::OpenError> {
                let (#index, _) = ::ltcip_runtime::csv::identify(file_name, FILE_NAMES)?;
                ::core::result::Result::Ok(#opened)
            }
        },
    ];
    let docs = "The care-plan files by name: which file a name says ([`identify`], every bad field of the\n\
                name reported) and its reader ([`reader`]), over every file layout whose file name has a rule."
        .to_owned();
    Some(Module { name: MODULE.to_owned(), docs, items })
}
