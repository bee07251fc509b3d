//! An external merge sort of many columns of `f64` at once, within a fixed memory budget:
//! the columns of a design point's metrics (one per tick and metric, one value per run)
//! when they do not fit in memory together.
//!
//! Blocks of runs are sorted in memory, column by column, and written as sorted segments;
//! rounds of `fan_in`-way merges then make the segments longer until at most `fan_in` are
//! left, and each column is finally read back in ascending order (`f64::total_cmp`) by one
//! last merge, as many times as asked. Column `c` keeps its values in the slots
//! `c × stride .. c × stride + len` of a file (a sparse file where a design point has fewer
//! runs than replications), segment `s` at `s × segment` within them, so nothing but
//! the budget's buffers is held in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// Memory for sorting columns, and how many sorted segments one merge reads at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Bytes of values held at once (a block of runs, or the buffers of a merge).
    pub bytes: usize,
    /// Segments merged at once.
    pub fan_in: usize,
}

/// The key that orders `f64` as `f64::total_cmp` does (negative NaN first, then −∞ … −0,
/// +0 … +∞, positive NaN last).
fn key(value: f64) -> i64 {
    let bits = value.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// Sorted segments of columns on disk.
pub struct SortedColumns {
    files: [(PathBuf, File); 2],
    /// Which of `files` holds the segments.
    current: usize,
    columns: usize,
    /// Value slots reserved per column.
    stride: u64,
    /// Values per column so far.
    len: u64,
    /// Values per sorted segment (the last one may be shorter).
    segment: u64,
}

fn open_scratch(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .read(true)
        .write(true)
        .truncate(true)
        .open(path)
}

impl SortedColumns {
    /// Scratch files at `paths` (replaced) for `columns` columns of at most `stride` values
    /// each, to be written as segments of `segment` values.
    pub fn create(
        paths: &[PathBuf; 2],
        columns: usize,
        stride: usize,
        segment: usize,
    ) -> io::Result<SortedColumns> {
        Ok(SortedColumns {
            files: [
                (paths[0].clone(), open_scratch(&paths[0])?),
                (paths[1].clone(), open_scratch(&paths[1])?),
            ],
            current: 0,
            columns,
            stride: stride as u64,
            len: 0,
            segment: segment.max(1) as u64,
        })
    }

    /// Appends a block of `rows` values per column, each column already sorted:
    /// column `c`'s values are `block[c × pitch .. c × pitch + rows]`. Every block but the
    /// last has `segment` rows.
    pub fn write_block(&mut self, block: &[f64], pitch: usize, rows: usize) -> io::Result<()> {
        if !self.len.is_multiple_of(self.segment) || rows as u64 > self.segment {
            return Err(io::Error::other(
                "column sort: a block after a short one, or longer than a segment",
            ));
        }
        if self.len + rows as u64 > self.stride {
            return Err(io::Error::other("column sort: more values than reserved"));
        }
        let file = &self.files[self.current].1;
        let mut bytes = Vec::with_capacity(rows * 8);
        for c in 0..self.columns {
            bytes.clear();
            for value in &block[c * pitch..c * pitch + rows] {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
            file.write_all_at(&bytes, (c as u64 * self.stride + self.len) * 8)?;
        }
        self.len += rows as u64;
        Ok(())
    }

    fn segments(&self) -> u64 {
        self.len.div_ceil(self.segment)
    }

    /// The value ranges (slot numbers in the file) of segments `from..to` of column `c`.
    fn ranges(&self, c: usize, from: u64, to: u64) -> impl Iterator<Item = (u64, u64)> + use<> {
        let (base, segment, len) = (c as u64 * self.stride, self.segment, self.len);
        (from..to).map(move |s| (base + s * segment, base + ((s + 1) * segment).min(len)))
    }

    /// Merges rounds of `fan_in` segments until at most `fan_in` are left.
    pub fn reduce(&mut self, budget: Budget) -> io::Result<()> {
        let fan_in = budget.fan_in.max(2) as u64;
        // Half the budget for the inputs of a merge, half for its output.
        let input = (budget.bytes / 2 / 8 / fan_in as usize).max(1);
        let output = (budget.bytes / 2 / 8).max(1);
        let mut out = Vec::with_capacity(output * 8);
        while self.segments() > fan_in {
            let (source, target) = (&self.files[self.current].1, &self.files[1 - self.current].1);
            for c in 0..self.columns {
                for first in (0..self.segments()).step_by(fan_in as usize) {
                    let last = (first + fan_in).min(self.segments());
                    let ranges = self.ranges(c, first, last);
                    let mut at = c as u64 * self.stride + first * self.segment;
                    let mut merge = Merge::new(source, ranges, input)?;
                    out.clear();
                    while let Some(value) = merge.next_value()? {
                        out.extend_from_slice(&value.to_le_bytes());
                        if out.len() == output * 8 {
                            target.write_all_at(&out, at * 8)?;
                            at += output as u64;
                            out.clear();
                        }
                    }
                    target.write_all_at(&out, at * 8)?;
                }
            }
            self.current = 1 - self.current;
            self.segment *= fan_in;
        }
        Ok(())
    }

    /// Column `c`'s values in ascending order ([`SortedColumns::reduce`] first), read with
    /// buffers of `budget.bytes` in all.
    pub fn column(&self, c: usize, budget: Budget) -> io::Result<Merge<'_>> {
        let segments = self.segments();
        let buffer = (budget.bytes / 8 / segments.max(1) as usize).max(1);
        Merge::new(
            &self.files[self.current].1,
            self.ranges(c, 0, segments),
            buffer,
        )
    }
}

impl Drop for SortedColumns {
    /// Removes the scratch files (also when the sort stopped on an error).
    fn drop(&mut self) {
        for (path, _) in &self.files {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// One sorted segment being read.
struct Cursor {
    /// Next slot to read from the file, and the end of the segment.
    next: u64,
    end: u64,
    buffer: Vec<u8>,
    at: usize,
}

/// A k-way merge of sorted segments of one file, in ascending order; equal values (the same
/// bits) come in segment order, which cannot change a result.
pub struct Merge<'f> {
    file: &'f File,
    cursors: Vec<Cursor>,
    heads: BinaryHeap<Reverse<(i64, usize)>>,
    buffer: usize,
}

impl<'f> Merge<'f> {
    fn new(
        file: &'f File,
        ranges: impl Iterator<Item = (u64, u64)>,
        buffer: usize,
    ) -> io::Result<Merge<'f>> {
        let mut merge = Merge {
            file,
            cursors: ranges
                .map(|(next, end)| Cursor {
                    next,
                    end,
                    buffer: Vec::new(),
                    at: 0,
                })
                .collect(),
            heads: BinaryHeap::new(),
            buffer,
        };
        for s in 0..merge.cursors.len() {
            if let Some(value) = merge.advance(s)? {
                merge.heads.push(Reverse((key(value), s)));
            }
        }
        Ok(merge)
    }

    /// The next value of segment `s`, reading its next slice when its buffer is used up.
    fn advance(&mut self, s: usize) -> io::Result<Option<f64>> {
        let cursor = &mut self.cursors[s];
        if cursor.at == cursor.buffer.len() {
            let count = (cursor.end - cursor.next).min(self.buffer as u64);
            if count == 0 {
                return Ok(None);
            }
            cursor.buffer.resize(count as usize * 8, 0);
            self.file
                .read_exact_at(&mut cursor.buffer, cursor.next * 8)?;
            cursor.next += count;
            cursor.at = 0;
        }
        let bytes = &cursor.buffer[cursor.at..cursor.at + 8];
        cursor.at += 8;
        Ok(Some(f64::from_le_bytes(bytes.try_into().expect("8 bytes"))))
    }

    /// The next value in ascending order.
    pub fn next_value(&mut self) -> io::Result<Option<f64>> {
        let Some(Reverse((head, s))) = self.heads.pop() else {
            return Ok(None);
        };
        if let Some(value) = self.advance(s)? {
            self.heads.push(Reverse((key(value), s)));
        }
        let bits = head ^ ((((head >> 63) as u64) >> 1) as i64);
        Ok(Some(f64::from_bits(bits as u64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_orders_as_total_cmp_and_gives_the_value_back() {
        let mut values = vec![
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::MAX,
        ];
        let mut by_key = values.clone();
        values.sort_by(f64::total_cmp);
        by_key.sort_by_key(|&v| key(v));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&values), bits(&by_key));
        for v in values {
            let k = key(v);
            assert_eq!(
                f64::from_bits((k ^ ((((k >> 63) as u64) >> 1) as i64)) as u64).to_bits(),
                v.to_bits()
            );
        }
    }

    #[test]
    fn columns_come_back_sorted_after_any_number_of_rounds() {
        let dir = tempfile::tempdir().unwrap();
        let paths = [dir.path().join("a"), dir.path().join("b")];
        let (columns, runs) = (3, 1000);
        let value = |c: usize, r: usize| ((r * 7919 + c * 104_729) % 1009) as f64 - 500.0;
        for (segment, fan_in) in [(1000, 2), (64, 16), (7, 2), (1, 3)] {
            let budget = Budget { bytes: 256, fan_in };
            let mut sorted = SortedColumns::create(&paths, columns, runs + 5, segment).unwrap();
            let mut block = vec![0.0; segment * columns];
            for first in (0..runs).step_by(segment) {
                let rows = segment.min(runs - first);
                for c in 0..columns {
                    let column = &mut block[c * segment..c * segment + rows];
                    for (r, slot) in column.iter_mut().enumerate() {
                        *slot = value(c, first + r);
                    }
                    column.sort_by(f64::total_cmp);
                }
                sorted.write_block(&block, segment, rows).unwrap();
            }
            sorted.reduce(budget).unwrap();
            assert!(sorted.segments() <= fan_in as u64);
            for c in 0..columns {
                let mut expected: Vec<f64> = (0..runs).map(|r| value(c, r)).collect();
                expected.sort_by(f64::total_cmp);
                let mut merge = sorted.column(c, budget).unwrap();
                let mut got = Vec::new();
                while let Some(v) = merge.next_value().unwrap() {
                    got.push(v);
                }
                assert_eq!(got, expected, "segment {segment}, fan-in {fan_in}");
            }
            drop(sorted);
            assert!(!paths[0].exists() && !paths[1].exists());
        }
    }
}
