//! Every attribute mistake the derive rejects, with the error it prints (`tests/ui/*.stderr`), and
//! hand-written layouts that must compile and validate (`tests/pass/*.rs`).
//!
//! After changing a message, regenerate with `TRYBUILD=overwrite cargo test -p ltcip-derive --test ui`
//! and read every changed `.stderr`: the caret must stay on what the user wrote wrong.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/pass/*.rs");
}

/// Every message the derive can report has a `tests/ui` case whose `.stderr` shows it: each message
/// in `src/` (the last argument of a `.error(..)` or `.error_spanned_by(..)` call on the `Ctxt`, and
/// each `message = "..."` of the `diagnostic::on_unimplemented` helpers `emit` declares) is matched by
/// its fixed text, the pieces between `format!` placeholders, in order on one line of a `.stderr`.
#[test]
fn every_message_has_a_ui_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut messages = Vec::new();
    for path in files(&root.join("src"), "rs") {
        let text = std::fs::read_to_string(&path).unwrap();
        let tokens: TokenStream = text.parse().unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        scan(&file, tokens, &mut messages);
    }
    messages.sort();
    messages.dedup();
    let stderr: Vec<(PathBuf, String)> = files(&root.join("tests/ui"), "stderr")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    let cases: Vec<_> = files(&root.join("tests/ui"), "rs");
    let missing: Vec<&String> = messages
        .iter()
        .filter(|message| {
            let pieces = pieces(message);
            !stderr.iter().any(|(_, text)| text.lines().any(|line| in_order(line, &pieces)))
        })
        .collect();
    eprintln!("{} messages, {} ui cases", messages.len(), cases.len());
    assert!(
        missing.is_empty(),
        "messages no tests/ui/*.stderr shows; add a case for each and generate its .stderr with \
         `TRYBUILD=overwrite cargo test -p ltcip-derive --test ui`:\n{}",
        missing.iter().map(|m| format!("  {m}")).collect::<Vec<_>>().join("\n")
    );
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// Collects the messages in `tokens`, and fails on an error built outside the `Ctxt` or a message
/// that is no literal (this test could not see it).
fn scan(file: &str, tokens: TokenStream, messages: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        let next = trees.get(index + 1);
        match tree {
            TokenTree::Ident(ident) if ident == "error" || ident == "error_spanned_by" => {
                let after_dot = index > 0 && matches!(&trees[index - 1], TokenTree::Punct(p) if p.as_char() == '.');
                if let (true, Some(TokenTree::Group(args))) = (after_dot, next)
                    && args.delimiter() == Delimiter::Parenthesis
                {
                    let last = arguments(args.stream()).pop().unwrap_or_default();
                    match message(&last) {
                        Some(message) => messages.push(message),
                        None => panic!(
                            "{file}: the message of `.{ident}({})` is no string literal or `format!` of one; write \
                             it in place, so that this test can find it",
                            args.stream()
                        ),
                    }
                }
            }
            // `#[diagnostic::on_unimplemented(message = "...")]` in emit.rs.
            TokenTree::Ident(ident) if ident == "message" => {
                if let (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit))) = (next, trees.get(index + 2))
                    && eq.as_char() == '='
                {
                    messages.push(literal(lit).expect("a string literal"));
                }
            }
            // An error made by hand would not be reported through the `Ctxt` (nor seen here).
            TokenTree::Ident(ident) if (ident == "new" || ident == "new_spanned") && file != "ctxt.rs" => {
                let path: Vec<String> = trees[index.saturating_sub(3)..index].iter().map(ToString::to_string).collect();
                assert!(
                    path.concat() != "Error::",
                    "{file}: `Error::{ident}` outside ctxt.rs; report errors through the Ctxt (`cx.error`)"
                );
            }
            TokenTree::Group(group) => scan(file, group.stream(), messages),
            _ => {}
        }
    }
}

/// The arguments of a call, split at top-level commas.
fn arguments(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut arguments = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => arguments.push(Vec::new()),
            _ => arguments.last_mut().unwrap().push(tree),
        }
    }
    arguments.retain(|argument| !argument.is_empty());
    arguments
}

/// The text of `"..."` or the format string of `format!("...", ..)`.
fn message(argument: &[TokenTree]) -> Option<String> {
    match argument {
        [TokenTree::Literal(lit)] => literal(lit),
        [TokenTree::Ident(format), TokenTree::Punct(bang), TokenTree::Group(args)]
            if format == "format" && bang.as_char() == '!' =>
        {
            match arguments(args.stream()).first()?.as_slice() {
                [TokenTree::Literal(lit)] => literal(lit),
                _ => None,
            }
        }
        _ => None,
    }
}

fn literal(lit: &proc_macro2::Literal) -> Option<String> {
    syn::parse_str::<syn::LitStr>(&lit.to_string()).ok().map(|lit| lit.value())
}

/// The fixed pieces of a format string: the text between its `{...}` placeholders.
fn pieces(format: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => pieces.last_mut().unwrap().push(chars.next().unwrap()),
            '}' if chars.peek() == Some(&'}') => pieces.last_mut().unwrap().push(chars.next().unwrap()),
            '{' => {
                chars.by_ref().take_while(|&c| c != '}').for_each(drop);
                pieces.push(String::new());
            }
            c => pieces.last_mut().unwrap().push(c),
        }
    }
    pieces.retain(|piece| !piece.is_empty());
    pieces
}

fn in_order(line: &str, pieces: &[String]) -> bool {
    let mut rest = line;
    pieces.iter().all(|piece| match rest.find(piece.as_str()) {
        Some(at) => {
            rest = &rest[at + piece.len()..];
            true
        }
        None => false,
    })
}
