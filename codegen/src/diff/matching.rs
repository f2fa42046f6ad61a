//! Pairing the items of one sibling list (a section's top-level items, or a リスト's children) between
//! two versions of a layout.

use crate::model::Item;

/// What became of one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pair {
    /// The same item in both versions, by index. `moved` when a positional layout changed its place
    /// relative to the other columns (not merely shifted by a column added or removed before it).
    Both { old: usize, new: usize, moved: bool },
    /// Only in the old version.
    Removed(usize),
    /// Only in the new version.
    Added(usize),
}

/// JSON (and HTTP headers): by wire key; then, for items left over, a renamed key: the same 項番 and
/// 項目名, or else the same 項目名 where exactly one item on each side has it.
pub fn by_key(old: &[Item], new: &[Item]) -> Vec<Pair> {
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let pair = |old_of_new: &mut [Option<usize>], taken: &mut [bool], test: &dyn Fn(&Item, &Item) -> bool| {
        for (j, n) in new.iter().enumerate() {
            if old_of_new[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !taken[i] && test(&old[i], n)) {
                taken[i] = true;
                old_of_new[j] = Some(i);
            }
        }
    };
    pair(&mut old_of_new, &mut taken, &|o, n| o.key.is_some() && o.key == n.key);
    pair(&mut old_of_new, &mut taken, &|o, n| o.no == n.no && o.name == n.name);
    // Unique names among the items still unpaired.
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| !taken[i]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&j| old_of_new[j].is_none()).collect();
    for &j in &new_left {
        let name = &new[j].name;
        let olds: Vec<usize> = old_left.iter().copied().filter(|&i| old[i].name == *name).collect();
        let news = new_left.iter().filter(|&&k| new[k].name == *name).count();
        if let ([i], 1) = (olds.as_slice(), news) {
            taken[*i] = true;
            old_of_new[j] = Some(*i);
        }
    }
    ordered(&old_of_new, &vec![false; new.len()], old.len())
}

/// Positional layouts (CSV): the k-th column of a 項目名 in the old version is the k-th column of that
/// 項目名 in the new one. Of the columns so paired, the longest run that kept its relative order stays
/// put; the others moved. Between two columns that stayed, as many columns left over on each side are
/// paired in order as renamed columns (another 項目名 at the same place); otherwise they were removed and
/// added.
pub fn by_position(old: &[Item], new: &[Item]) -> Vec<Pair> {
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !taken[i] && old[i].name == n.name) {
            taken[i] = true;
            old_of_new[j] = Some(i);
        }
    }
    let matched: Vec<(usize, usize)> = old_of_new.iter().enumerate().filter_map(|(j, i)| i.map(|i| (i, j))).collect();
    let stays = longest_increasing(&matched.iter().map(|&(i, _)| i).collect::<Vec<_>>());
    let mut moved = vec![false; new.len()];
    let mut anchors = Vec::new();
    for (k, &(i, j)) in matched.iter().enumerate() {
        if stays[k] {
            anchors.push((i, j));
        } else {
            moved[j] = true;
        }
    }
    let mut from = (0, 0);
    for (i_end, j_end) in anchors.into_iter().chain([(old.len(), new.len())]) {
        let olds: Vec<usize> = (from.0..i_end).filter(|&i| !taken[i]).collect();
        let news: Vec<usize> = (from.1..j_end).filter(|&j| old_of_new[j].is_none()).collect();
        if olds.len() == news.len() {
            for (i, j) in olds.into_iter().zip(news) {
                taken[i] = true;
                old_of_new[j] = Some(i);
            }
        }
        from = (i_end + 1, j_end + 1);
    }
    ordered(&old_of_new, &moved, old.len())
}

/// The pairs in report order: new items in their order, each removed item just after the item that
/// preceded it in the old version.
fn ordered(old_of_new: &[Option<usize>], moved: &[bool], old_len: usize) -> Vec<Pair> {
    let mut paired = vec![false; old_len];
    old_of_new.iter().flatten().for_each(|&i| paired[i] = true);
    let mut reported = vec![false; old_len];
    let mut pairs = Vec::new();
    let removed_before = |limit: usize, reported: &mut [bool], pairs: &mut Vec<Pair>| {
        for i in 0..limit {
            if !paired[i] && !reported[i] {
                reported[i] = true;
                pairs.push(Pair::Removed(i));
            }
        }
    };
    for (j, old) in old_of_new.iter().enumerate() {
        match *old {
            Some(i) => {
                if !moved[j] {
                    removed_before(i, &mut reported, &mut pairs);
                }
                pairs.push(Pair::Both { old: i, new: j, moved: moved[j] });
            }
            None => pairs.push(Pair::Added(j)),
        }
    }
    removed_before(old_len, &mut reported, &mut pairs);
    pairs
}

/// Which elements of `values` form a longest strictly increasing subsequence (the first such, found
/// by patience sorting).
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    // tails[k]: index of the smallest last value of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (k, &value) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < value);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut keep = vec![false; values.len()];
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        keep[k] = true;
        cursor = previous[k];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn longest_increasing_run() {
        assert_eq!(longest_increasing(&[0, 1, 2]), [true, true, true]);
        assert_eq!(longest_increasing(&[2, 0, 1]), [false, true, true]);
        assert_eq!(longest_increasing(&[1, 2, 0]), [true, true, false]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
