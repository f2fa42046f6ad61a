//! A sheet's cells with its merged regions, read two ways: a heading merged across columns labels each
//! of them, while in an item row only a merge running down (a parent's 階層レベル, a shared 備考) is
//! repeated, and a value merged across columns belongs to the first column it covers.
//!
//! The grid is sparse: it holds the cells that have a value, and lists the rows and columns in use, so
//! that a stray cell at XFD1048576 costs one entry, not a dense sheet of 17 billion cells, and the
//! scan visits only rows and columns that hold something.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use calamine::{CellErrorType, Data, Dimensions};

use super::view::View;

/// Beyond this many cells, merged regions are no longer indexed cell by cell (a region spanning
/// whole columns would otherwise cost millions of entries); such a merge is reported and ignored.
const MAX_INDEXED_MERGE_CELLS: u64 = 1 << 22;

/// Columns with nothing in them are still scanned when they lie at most this far from a column in use,
/// so that a table reads as written (an empty 階層レベル column between two used ones keeps its
/// place); wider gaps (a stray far-away cell) are skipped.
const MAX_SCANNED_GAP: u32 = 256;

static EMPTY: Data = Data::Empty;

/// A hasher for cell positions: a multiply-rotate mix, much cheaper than SipHash for the hundreds of
/// thousands of lookups a large sheet takes. It is not keyed: a workbook crafted for colliding
/// positions would slow its own reading down, and nothing else.
#[derive(Default)]
struct PositionHasher(u64);

impl Hasher for PositionHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Positions<V> = HashMap<(u32, u32), V, BuildHasherDefault<PositionHasher>>;

/// A set of small numbers, iterated in order.
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: u32) -> Self {
        BitSet(vec![0; len.div_ceil(64) as usize])
    }

    fn insert(&mut self, n: u32) {
        self.0[(n / 64) as usize] |= 1 << (n % 64);
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..)
            .zip(&self.0)
            .filter(|(_, word)| **word != 0)
            .flat_map(|(i, &word)| (0..64).filter(move |bit| word & (1 << bit) != 0).map(move |bit| i * 64 + bit))
    }
}

/// Inclusive runs of rows, sorted and merged (a malformed file may list its rows in any order).
fn sorted_runs(runs: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut sorted: Vec<(u32, u32)> = runs.iter().filter(|(first, last)| first <= last).copied().collect();
    sorted.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(sorted.len());
    for (first, last) in sorted {
        match merged.last_mut() {
            Some((_, end)) if end.saturating_add(1) >= first => *end = (*end).max(last),
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// The cells of one sheet, addressed by absolute 0-based (row, column).
#[derive(Debug)]
pub struct Grid {
    cells: Positions<Data>,
    /// Rows holding a value or covered by an indexed merge, ascending.
    rows: Vec<u32>,
    /// Columns to scan, ascending (see [`MAX_SCANNED_GAP`]).
    cols: Vec<u32>,
    /// One past the last row and column holding a value.
    end: (u32, u32),
    merges: Vec<Dimensions>,
    merged: Positions<usize>,
    /// Merges left out of the index because of their size.
    pub oversized_merges: Vec<Dimensions>,
    /// Hidden rows, as inclusive ranges, ascending.
    hidden_rows: Vec<(u32, u32)>,
    /// Cells whose text is struck through.
    struck: Positions<()>,
    /// Cells holding a formula without a stored result.
    unevaluated: Positions<()>,
}

impl Grid {
    /// A grid of the cells with a value (empty cells are left out) and the sheet's merged regions.
    #[cfg(test)]
    pub fn new(cells: impl IntoIterator<Item = ((u32, u32), Data)>, merges: Vec<Dimensions>) -> Self {
        Grid::with_view(cells, merges, &View::default())
    }

    /// A grid of the cells with a value, the sheet's merged regions, and what the sheet shows
    /// beyond its values. A formula without a stored result holds `#GETTING_DATA` (what Excel shows
    /// while it computes a value), so that every reading takes it as a cell no column can use,
    /// never as an empty one; [`Grid::is_unevaluated`] tells it from a real error value.
    pub fn with_view(
        cells: impl IntoIterator<Item = ((u32, u32), Data)>,
        merges: Vec<Dimensions>,
        view: &View,
    ) -> Self {
        let mut cells: Positions<Data> = cells.into_iter().filter(|(_, v)| *v != Data::Empty).collect();
        let mut unevaluated = Positions::default();
        for &(pos, _) in &view.unevaluated {
            cells.entry(pos).or_insert(Data::Error(CellErrorType::GettingData));
            unevaluated.insert(pos, ());
        }
        let mut grid = Grid {
            cells,
            rows: Vec::new(),
            cols: Vec::new(),
            end: (0, 0),
            merges: Vec::new(),
            merged: Positions::default(),
            oversized_merges: Vec::new(),
            hidden_rows: sorted_runs(&view.hidden_rows),
            struck: view.struck.iter().map(|&pos| (pos, ())).collect(),
            unevaluated,
        };
        let Some(start) = grid.cells.keys().copied().reduce(|a, b| (a.0.min(b.0), a.1.min(b.1))) else {
            return grid;
        };
        let end = grid.cells.keys().copied().fold(start, |a, b| (a.0.max(b.0), a.1.max(b.1)));
        grid.end = (end.0 + 1, end.1 + 1);
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
        // Rows and columns in use, as bit sets over the used range (a million rows take 128 KiB).
        let mut rows = BitSet::new(end.0 - start.0 + 1);
        let mut used_cols = BitSet::new(end.1 - start.1 + 1);
        for &(row, col) in grid.cells.keys().chain(grid.merged.keys()) {
            rows.insert(row - start.0);
            used_cols.insert(col - start.1);
        }
        let rows: Vec<u32> = rows.iter().map(|row| row + start.0).collect();
        let mut cols = Vec::new();
        for col in used_cols.iter().map(|col| col + start.1) {
            match cols.last() {
                Some(&last) if col - last <= MAX_SCANNED_GAP => cols.extend(last + 1..=col),
                _ => cols.push(col),
            }
        }
        grid.rows = rows;
        grid.cols = cols;
        grid
    }

    /// A grid over a dense range.
    #[cfg(test)]
    pub fn from_range(range: &calamine::Range<Data>, merges: Vec<Dimensions>) -> Self {
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let cells = range.used_cells().map(|(r, c, v)| ((row0 + r as u32, col0 + c as u32), v.clone()));
        Grid::new(cells.collect::<Vec<_>>(), merges)
    }

    /// Rows in use, as absolute indexes, ascending.
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }

    /// Columns to scan, as absolute indexes, ascending.
    pub fn cols(&self) -> impl Iterator<Item = u32> + '_ {
        self.cols.iter().copied()
    }

    /// One past the last row holding a value.
    pub fn row_end(&self) -> u32 {
        self.end.0
    }

    /// One past the last column holding a value.
    pub fn col_end(&self) -> u32 {
        self.end.1
    }

    /// The top-left cell in use (A1 for an empty sheet).
    pub fn first_cell(&self) -> (u32, u32) {
        (self.rows.first().copied().unwrap_or(0), self.cols.first().copied().unwrap_or(0))
    }

    /// How many cells a scan visits: rows in use times columns scanned.
    pub fn area(&self) -> u64 {
        self.rows.len() as u64 * self.cols.len() as u64
    }

    /// The cell as stored (a merged region's value sits in its top-left cell only).
    pub fn raw(&self, row: u32, col: u32) -> &Data {
        self.cells.get(&(row, col)).unwrap_or(&EMPTY)
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

    /// The cell that holds what a cell shows: the top-left cell of its merged region, or itself.
    fn origin(&self, row: u32, col: u32) -> (u32, u32) {
        self.region(row, col).map_or((row, col), |r| r.start)
    }

    /// Whether the row is hidden.
    pub fn is_hidden(&self, row: u32) -> bool {
        let run = self.hidden_rows.partition_point(|&(_, last)| last < row);
        self.hidden_rows.get(run).is_some_and(|&(first, _)| first <= row)
    }

    /// Whether the text a cell shows (that of its merged region) is struck through.
    pub fn is_struck(&self, row: u32, col: u32) -> bool {
        !self.struck.is_empty() && self.struck.contains_key(&self.origin(row, col))
    }

    /// Whether what a cell shows (that of its merged region) is a formula without a stored result.
    pub fn is_unevaluated(&self, row: u32, col: u32) -> bool {
        !self.unevaluated.is_empty() && self.unevaluated.contains_key(&self.origin(row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::{Grid, View};
    use calamine::{Data, Dimensions, Range};

    fn grid() -> Grid {
        let mut range = Range::new((0, 0), (3, 3));
        range.set_value((0, 0), Data::String("出現回数".into()));
        range.set_value((1, 1), Data::Int(7));
        range.set_value((1, 2), Data::String("caption".into()));
        range.set_value((3, 3), Data::String("corner".into()));
        Grid::from_range(
            &range,
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
        let g = Grid::from_range(&Range::empty(), vec![]);
        assert!(g.rows().is_empty());
        assert_eq!(g.area(), 0);
        assert_eq!(g.first_cell(), (0, 0));
    }

    #[test]
    fn a_far_away_cell_costs_one_entry() {
        let far = (1_048_575, 16_383);
        let g = Grid::new([((0, 0), Data::String("項番".into())), (far, Data::Int(1))], vec![]);
        assert_eq!(g.rows(), [0, far.0]);
        assert_eq!(g.cols().collect::<Vec<_>>(), [0, far.1]);
        assert_eq!(g.area(), 4);
        assert_eq!((g.row_end(), g.col_end()), (far.0 + 1, far.1 + 1));
        assert_eq!(g.raw(far.0, far.1), &Data::Int(1));
        assert_eq!(g.raw(5, 5), &Data::Empty);
    }

    #[test]
    fn hidden_rows_struck_cells_and_formulas_without_a_result() {
        let view = View {
            hidden_rows: vec![(7, 7), (2, 2), (3, 3)],
            struck: vec![(1, 1)],
            unevaluated: vec![((5, 0), "=5*2".to_owned())],
        };
        let g = Grid::with_view([((1, 1), Data::String("旧".into()))], vec![Dimensions::new((1, 1), (2, 2))], &view);
        let hidden: Vec<u32> = (0..9).filter(|&row| g.is_hidden(row)).collect();
        assert_eq!(hidden, [2, 3, 7]);
        assert!(g.is_struck(1, 1) && g.is_struck(2, 1), "a merged region shows its first cell's font");
        assert!(!g.is_struck(0, 1));
        assert_eq!(g.raw(5, 0), &Data::Error(calamine::CellErrorType::GettingData));
        assert!(g.is_unevaluated(5, 0));
        assert_eq!(g.rows(), [1, 2, 5], "a formula without a result is a cell in use");
    }

    #[test]
    fn small_gaps_between_columns_are_scanned() {
        let g = Grid::new([((0, 0), Data::Int(1)), ((0, 3), Data::Int(2)), ((0, 1000), Data::Int(3))], vec![]);
        assert_eq!(g.cols().collect::<Vec<_>>(), [0, 1, 2, 3, 1000]);
        assert_eq!(g.first_cell(), (0, 0));
    }
}
