//! Formatting generated tokens as Rust text: syn parses them, prettyplease prints them.
//!
//! Parsing and printing take most of the time generation spends once the workbooks are read, and
//! every item is formatted on its own, so the items of all files are shared with the machine's other
//! cores. proc-macro2's tokens cannot leave their thread: an item reaches a helper thread as the text
//! its tokens print as, and syn parses that text back to the same tokens. That round trip costs the
//! helper more than the item costs this thread, so helpers only take items from the back while this
//! thread works from the front: on a machine whose other cores are busy, the helpers take few and
//! formatting costs little more than without them. Texts are placed by index, so the output is the
//! same bytes whoever formats what.

use std::num::NonZero;
use std::sync::Mutex;

use proc_macro2::TokenStream;

/// The most threads formatting takes besides the caller's.
const MAX_HELPERS: usize = 3;

/// Formats a token stream as a Rust file.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Formats items one by one, a blank line between them.
pub fn format_items(items: &[TokenStream]) -> Result<String, String> {
    let formatted: Vec<String> = items.iter().map(|item| format(item.clone())).collect::<Result<_, _>>()?;
    Ok(formatted.join("\n"))
}

/// [`format_items`] of each group, on as many threads as the machine has cores.
pub(crate) fn format_groups(groups: &[&[TokenStream]]) -> Result<Vec<String>, String> {
    let items: Vec<(usize, &TokenStream)> =
        groups.iter().enumerate().flat_map(|(group, items)| items.iter().map(move |item| (group, item))).collect();
    // A few helpers take most of what there is to gain: there are a hundred items or so.
    let helpers = (std::thread::available_parallelism().map_or(1, NonZero::get) - 1).min(MAX_HELPERS);
    if helpers == 0 || items.len() < 2 {
        return in_order(groups);
    }
    // Helpers, slower per item, can take at most the back `1 / (helpers + 1)` of the items: only
    // those are printed for them.
    let first_shared = items.len() / (helpers + 1);
    let shared: Vec<String> = items[first_shared..].iter().map(|(_, item)| item.to_string()).collect();
    // The items not yet taken: this thread takes from the front, the helpers from the back.
    let left = Mutex::new(0..items.len());
    let take_back = || {
        let mut left = left.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if left.end > left.start.max(first_shared) { left.next_back() } else { None }
    };
    let helper = || {
        let mut done = Vec::new();
        while let Some(index) = take_back() {
            done.push((index, format_text(&shared[index - first_shared])));
        }
        done
    };
    let mut formatted: Vec<Option<String>> = vec![None; items.len()];
    std::thread::scope(|scope| {
        // A helper that cannot be started leaves its share to this thread.
        let helpers: Vec<_> =
            (0..helpers).filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, helper).ok()).collect();
        loop {
            let next = left.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).next();
            let Some(index) = next else { break };
            formatted[index] = format(items[index].1.clone()).ok();
        }
        for helper in helpers {
            for (index, text) in helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                formatted[index] = text;
            }
        }
    });
    let Some(formatted) = formatted.into_iter().collect::<Option<Vec<String>>>() else {
        // Code that does not parse is a bug in the emitter; formatted in order, the first item that
        // does not parse says why, as it would have without helpers.
        return in_order(groups);
    };
    let mut joined = vec![Vec::new(); groups.len()];
    for ((group, _), text) in items.iter().zip(formatted) {
        joined[*group].push(text);
    }
    Ok(joined.into_iter().map(|texts| texts.join("\n")).collect())
}

fn in_order(groups: &[&[TokenStream]]) -> Result<Vec<String>, String> {
    groups.iter().map(|items| format_items(items)).collect()
}

/// What [`format`] makes of the tokens `text` was printed from, or `None` if they do not parse.
fn format_text(text: &str) -> Option<String> {
    let file: syn::File = syn::parse_str(text).ok()?;
    Some(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Helpers format an item from the text its tokens print as: for every item generated from
    /// `specs/`, that gives the same bytes as the tokens themselves.
    #[test]
    fn printed_tokens_format_the_same() {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let (_, modules, _) = crate::modules(&[specs]).expect("specs/ generates");
        for item in modules.iter().flat_map(|module| &module.items) {
            let direct = super::format(item.clone()).expect("the item parses");
            assert_eq!(super::format_text(&item.to_string()).as_deref(), Some(direct.as_str()));
        }
    }
}
