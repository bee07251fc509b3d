//! Many columns of `f64` written to disk a block of rows at a time and read back a group of
//! whole columns at a time, within a fixed memory budget: the columns of a design point's
//! metrics when they do not fit in memory together but each one does.
//!
//! A block (`rows` values of every column, column after column) is appended to the file as
//! it is, in large writes. A group of `g` adjacent columns is then read back with one read
//! per block: in a block, the columns of a group lie next to each other. So a sweep of `N`
//! runs and `C` columns takes about `N·C·8 / budget` blocks written and that many reads per
//! group, instead of one small write per column and block.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

/// Values converted to bytes at a time when a block is written.
const WRITE_CHUNK: usize = 8192;

/// Blocks of columns on disk.
pub struct BlockColumns {
    path: PathBuf,
    file: io::BufWriter<File>,
    columns: usize,
    /// Rows of a full block (the pitch of a column within a block).
    rows: usize,
    /// Blocks written.
    blocks: u64,
    /// Rows of the last block written (every block before it is full).
    last: usize,
}

impl BlockColumns {
    /// A scratch file at `path` (replaced) for blocks of `rows` rows of `columns` columns.
    pub fn create(path: PathBuf, columns: usize, rows: usize) -> io::Result<BlockColumns> {
        let file = OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(true)
            .open(&path)?;
        Ok(BlockColumns {
            path,
            file: io::BufWriter::with_capacity(WRITE_CHUNK * 8, file),
            columns,
            rows: rows.max(1),
            blocks: 0,
            last: 0,
        })
    }

    /// Appends a block: column `c`'s values are `block[c × rows .. c × rows + filled]`.
    /// Every block but the last is full (`filled` = `rows`).
    pub fn write_block(&mut self, block: &[f64], filled: usize) -> io::Result<()> {
        if (self.blocks > 0 && self.last != self.rows) || filled > self.rows {
            return Err(io::Error::other(
                "block columns: a block after a short one, or longer than a block",
            ));
        }
        if block.len() != self.rows * self.columns {
            return Err(io::Error::other("block columns: a block of the wrong size"));
        }
        let mut bytes = Vec::with_capacity(WRITE_CHUNK * 8);
        for chunk in block.chunks(WRITE_CHUNK) {
            bytes.clear();
            for value in chunk {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
            self.file.write_all(&bytes)?;
        }
        self.blocks += 1;
        self.last = filled;
        Ok(())
    }

    /// Values per column so far.
    pub fn len(&self) -> u64 {
        if self.blocks == 0 {
            0
        } else {
            (self.blocks - 1) * self.rows as u64 + self.last as u64
        }
    }

    /// Columns `first .. first + out.len()`, whole and in the order written, into `out`
    /// (each replaced): one read per block.
    pub fn read_columns(&mut self, first: usize, out: &mut [Vec<f64>]) -> io::Result<()> {
        self.file.flush()?;
        let count = out.len();
        if first + count > self.columns {
            return Err(io::Error::other("block columns: columns out of range"));
        }
        for column in out.iter_mut() {
            column.clear();
        }
        if count == 0 {
            return Ok(());
        }
        let file = self.file.get_ref();
        let block_values = (self.rows * self.columns) as u64;
        let mut bytes = Vec::new();
        for b in 0..self.blocks {
            let filled = if b + 1 == self.blocks {
                self.last
            } else {
                self.rows
            };
            // The group's columns in this block: from the first one's start to the last
            // one's end.
            let span = (count - 1) * self.rows + filled;
            bytes.resize(span * 8, 0);
            let start = b * block_values + (first * self.rows) as u64;
            file.read_exact_at(&mut bytes, start * 8)?;
            for (g, column) in out.iter_mut().enumerate() {
                let at = g * self.rows * 8;
                column.extend(
                    bytes[at..at + filled * 8]
                        .chunks_exact(8)
                        .map(|v| f64::from_le_bytes(v.try_into().expect("8 bytes"))),
                );
            }
        }
        Ok(())
    }
}

impl Drop for BlockColumns {
    /// Removes the scratch file (also when the work stopped on an error).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_columns_come_back_whole_in_the_order_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blocks");
        let value = |c: usize, r: usize| {
            (r * 1000 + c) as f64 * if r.is_multiple_of(2) { 1.0 } else { -0.5 }
        };
        for (columns, rows, runs) in [(5, 3, 11), (5, 3, 12), (1, 1, 4), (7, 100, 40), (3, 4, 0)] {
            let mut blocks = BlockColumns::create(path.clone(), columns, rows).unwrap();
            let mut block = vec![f64::NAN; rows * columns];
            for first in (0..runs).step_by(rows) {
                let filled = rows.min(runs - first);
                for c in 0..columns {
                    for r in 0..filled {
                        block[c * rows + r] = value(c, first + r);
                    }
                }
                blocks.write_block(&block, filled).unwrap();
            }
            assert_eq!(blocks.len(), runs as u64);
            for group in 1..=columns {
                for first in (0..columns).step_by(group) {
                    let count = group.min(columns - first);
                    let mut out = vec![vec![99.0]; count];
                    blocks.read_columns(first, &mut out).unwrap();
                    for (g, column) in out.iter().enumerate() {
                        let expected: Vec<f64> = (0..runs).map(|r| value(first + g, r)).collect();
                        assert_eq!(
                            column,
                            &expected,
                            "{columns}×{rows}, {runs} runs, column {}",
                            first + g
                        );
                    }
                }
            }
            let mut out = vec![Vec::new(); 2];
            assert!(blocks.read_columns(columns - 1, &mut out).is_err());
            drop(blocks);
            assert!(!path.exists(), "the scratch file is removed");
        }
    }

    #[test]
    fn a_block_after_a_short_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut blocks = BlockColumns::create(dir.path().join("b"), 2, 3).unwrap();
        blocks.write_block(&[0.0; 6], 2).unwrap();
        assert!(blocks.write_block(&[0.0; 6], 3).is_err());
        assert!(blocks.write_block(&[0.0; 4], 1).is_err());
    }
}
