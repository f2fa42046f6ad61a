//! 階層レベル: turning rows that each give their outline position into a tree.
//!
//! A row's depth is the number of level columns up to its own number; the columns before it may
//! repeat its parents' numbers (or hold a cell merged down from the parent). Where a parent's number
//! is shown it must agree with the tree built so far.

use super::Item;
use crate::diag::Diagnostics;

/// A row of the table before the tree is built.
#[derive(Debug)]
pub struct Row {
    /// The item, without children.
    pub item: Item,
    /// Its own number at its depth.
    pub ordinal: u32,
    /// The level cells up to and including its own, as written (`[Some(7), Some(1)]`, or
    /// `[None, Some(1)]` when the parent's number is not repeated).
    pub shown: Vec<Option<u32>>,
}

/// Builds the item tree, reporting rows that skip a level, hang under an item that is not a リスト,
/// or name a parent other than the one above them.
pub fn build(rows: Vec<Row>, diagnostics: &mut Diagnostics) -> Vec<Item> {
    let mut roots = Vec::new();
    // Open items from the root down, with their ordinals; each is attached to its parent when closed.
    let mut open: Vec<(u32, Item)> = Vec::new();
    let mut last_sibling: Vec<u32> = Vec::new();
    for Row { mut item, ordinal, shown } in rows {
        let mut depth = shown.len().max(1);
        // A row already reported is placed where it can go, without further findings that would only
        // restate the first.
        let reported = depth > open.len() + 1;
        if reported {
            let above = match open.len() {
                0 => "it is the first item of its section, which starts at level 1".to_owned(),
                level => format!("the item above is at level {level}"),
            };
            diagnostics.error(
                item.origin.clone(),
                format!(
                    "階層レベル of {} {} puts it at level {depth}, but {above}: a level is skipped",
                    item.no, item.name
                ),
            );
            depth = open.len() + 1;
        }
        while open.len() >= depth {
            close(&mut open, &mut roots);
        }
        last_sibling.truncate(depth);
        for (level, shown) in shown.iter().enumerate().take(depth - 1) {
            if let (Some(shown), Some((parent, parent_item))) = (shown, open.get(level))
                && shown != parent
            {
                diagnostics.error(
                    item.origin.clone(),
                    format!(
                        "階層レベル of {} {} names parent {shown} at level {}, but the item above at that level is {} ({})",
                        item.no,
                        item.name,
                        level + 1,
                        parent,
                        parent_item.name
                    ),
                );
            }
        }
        if let Some((_, parent)) = open.last()
            && !parent.is_list()
            && !reported
        {
            diagnostics.error(
                item.origin.clone(),
                format!(
                    "{} {} is nested under {} {}, which is not a リスト",
                    item.no, item.name, parent.no, parent.name
                ),
            );
        }
        // A gap (1, 2, 4) is harmless, and follows any row dropped for an error; a number that does
        // not rise is a slip worth a look.
        let previous = last_sibling.get(depth - 1).copied().unwrap_or(0);
        if ordinal <= previous && !reported {
            diagnostics.warning(
                item.origin.clone(),
                format!("階層レベル {ordinal} of {} {} does not follow {previous}", item.no, item.name),
            );
        }
        if last_sibling.len() < depth {
            last_sibling.resize(depth, 0);
        }
        last_sibling[depth - 1] = ordinal;
        item.level = open.iter().map(|(n, _)| *n).chain([ordinal]).collect();
        open.push((ordinal, item));
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    for root in &roots {
        for item in root.walk() {
            if item.is_list() && item.children.is_empty() {
                diagnostics.error(
                    item.origin.clone(),
                    format!("{} {} is a リスト with no items under it", item.no, item.name),
                );
            }
        }
    }
    roots
}

fn close(open: &mut Vec<(u32, Item)>, roots: &mut Vec<Item>) {
    let (_, item) = open.pop().expect("called with an open item");
    match open.last_mut() {
        Some((_, parent)) => parent.children.push(item),
        None => roots.push(item),
    }
}
