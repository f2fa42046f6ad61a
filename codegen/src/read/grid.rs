//! A sheet's cells with its merged regions, read two ways: a heading merged across columns labels each
//! of them, while in an item row only a merge running down (a parent's 階層レベル, a shared 備考) is
//! repeated, and a value merged across columns belongs to the first column it covers.

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range};

/// Beyond this many cells, merged regions are no longer indexed cell by cell (a region spanning
/// whole columns would otherwise cost millions of entries); such a merge is reported and ignored.
const MAX_INDEXED_MERGE_CELLS: u64 = 1 << 22;

static EMPTY: Data = Data::Empty;

/// The cells of one sheet, addressed by absolute 0-based (row, column).
#[derive(Debug)]
pub struct Grid {
    range: Range<Data>,
    merges: Vec<Dimensions>,
    merged: HashMap<(u32, u32), usize>,
    /// Merges left out of the index because of their size.
    pub oversized_merges: Vec<Dimensions>,
}

impl Grid {
    /// A grid over `range` with the sheet's merged regions.
    pub fn new(range: Range<Data>, merges: Vec<Dimensions>) -> Self {
        let mut grid = Grid { range, merges: Vec::new(), merged: HashMap::new(), oversized_merges: Vec::new() };
        let (Some(start), Some(end)) = (grid.range.start(), grid.range.end()) else {
            return grid;
        };
        let mut budget = MAX_INDEXED_MERGE_CELLS;
        for region in merges {
            // Only the part of a region inside the used range can hold or repeat a value.
            let top = region.start.0.max(start.0);
            let left = region.start.1.max(start.1);
            let bottom = region.end.0.min(end.0);
            let right = region.end.1.min(end.1);
            if top > bottom || left > right || region.start.0 > region.end.0 || region.start.1 > region.end.1 {
                continue;
            }
            let cells = u64::from(bottom - top + 1) * u64::from(right - left + 1);
            if cells > budget {
                grid.oversized_merges.push(region);
                continue;
            }
            budget -= cells;
            let index = grid.merges.len();
            grid.merges.push(region);
            for row in top..=bottom {
                for col in left..=right {
                    grid.merged.insert((row, col), index);
                }
            }
        }
        grid
    }

    /// Rows in use, as absolute indexes.
    pub fn rows(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some(start), Some(end)) => start.0..end.0 + 1,
            _ => 0..0,
        }
    }

    /// Columns in use, as absolute indexes.
    pub fn cols(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some(start), Some(end)) => start.1..end.1 + 1,
            _ => 0..0,
        }
    }

    /// How many cells the used range spans.
    pub fn area(&self) -> u64 {
        let (rows, cols) = (self.rows(), self.cols());
        u64::from(rows.end - rows.start) * u64::from(cols.end - cols.start)
    }

    /// The cell as stored (a merged region's value sits in its top-left cell only).
    pub fn raw(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The merged region covering a cell, if any.
    pub fn region(&self, row: u32, col: u32) -> Option<Dimensions> {
        self.merged.get(&(row, col)).map(|&i| self.merges[i])
    }

    /// The cell as a heading reads it: a merged region's value in every cell it covers.
    pub fn spread(&self, row: u32, col: u32) -> &Data {
        match self.region(row, col) {
            Some(region) => self.raw(region.start.0, region.start.1),
            None => self.raw(row, col),
        }
    }

    /// The cell as an item row reads it: a region's value repeats down its first column only.
    pub fn down(&self, row: u32, col: u32) -> &Data {
        match self.region(row, col) {
            Some(region) if region.start.1 == col => self.raw(region.start.0, col),
            Some(_) => &EMPTY,
            None => self.raw(row, col),
        }
    }

    /// The last column of the region a cell belongs to (the cell's own column when not merged).
    pub fn right_edge(&self, row: u32, col: u32) -> u32 {
        self.region(row, col).map_or(col, |r| r.end.1)
    }

    /// The last row of the region a cell belongs to.
    pub fn bottom_edge(&self, row: u32, col: u32) -> u32 {
        self.region(row, col).map_or(row, |r| r.end.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Grid;
    use calamine::{Data, Dimensions, Range};

    fn grid() -> Grid {
        let mut range = Range::new((0, 0), (3, 3));
        range.set_value((0, 0), Data::String("出現回数".into()));
        range.set_value((1, 1), Data::Int(7));
        range.set_value((1, 2), Data::String("caption".into()));
        Grid::new(
            range,
            vec![Dimensions::new((0, 0), (0, 1)), Dimensions::new((1, 1), (3, 1)), Dimensions::new((1, 2), (1, 3))],
        )
    }

    #[test]
    fn headings_spread_across_and_items_repeat_down() {
        let g = grid();
        assert_eq!(g.spread(0, 1), &Data::String("出現回数".into()));
        assert_eq!(g.down(3, 1), &Data::Int(7), "a merge running down repeats in its column");
        assert_eq!(g.down(1, 3), &Data::Empty, "a merge running across belongs to its first column");
        assert_eq!(g.down(1, 2), &Data::String("caption".into()));
        assert_eq!(g.right_edge(0, 0), 1);
        assert_eq!(g.bottom_edge(1, 1), 3);
    }

    #[test]
    fn empty_sheet_has_no_rows() {
        let g = Grid::new(Range::empty(), vec![]);
        assert!(g.rows().is_empty());
        assert_eq!(g.area(), 0);
    }
}
