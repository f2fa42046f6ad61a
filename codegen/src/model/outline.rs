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

/// Whether a table's one 階層レベル number a row is the item's depth (`1, 1, 2, 2, 3, 1`, as tables
/// with a single level column often write it) rather than its number among its siblings (`1, 2, 3`,
/// 別紙13's way). Depths only when positions cannot be meant: every row shows one number, the numbers
/// do not simply count up from 1, the first is 1, and each step down is one level, right under a
/// リスト (the only item that has children).
pub fn written_as_depths(rows: &[Row]) -> bool {
    let Some(depths) = rows
        .iter()
        .map(|r| match r.shown[..] {
            [Some(n)] => Some(n),
            _ => None,
        })
        .collect::<Option<Vec<u32>>>()
    else {
        return false;
    };
    let counts_up = depths.iter().zip(1..).all(|(&n, i)| n == i);
    let mut deeper = false;
    let nests = depths.first() == Some(&1)
        && rows.windows(2).zip(depths.windows(2)).all(|(pair, d)| {
            deeper |= d[1] > d[0];
            d[1] <= d[0] || (d[1] == d[0] + 1 && pair[0].item.is_list())
        });
    !counts_up && nests && deeper
}

/// Rewrites rows that give depths ([`written_as_depths`]) as rows that give their number among their
/// siblings, numbering them in order.
pub fn depths_to_positions(rows: &mut [Row]) {
    let mut counters: Vec<u32> = Vec::new();
    for row in rows {
        let depth = row.shown.len().max(1);
        let depth = match row.shown[..] {
            [Some(n)] => n as usize,
            _ => depth,
        };
        counters.resize(depth, 0);
        counters[depth - 1] += 1;
        row.ordinal = counters[depth - 1];
        row.shown = vec![None; depth - 1];
        row.shown.push(Some(row.ordinal));
    }
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
