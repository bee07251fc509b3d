//! The run index of a state folder (`.state/index.bin`): one fixed-width record per run
//! index, at offset `index × RECORD`, saying where that run's line is in the journal. It
//! lets a sweep find a run's line, and read the journal and the metrics in run order,
//! without holding one entry per run in memory.
//!
//! The journal stays the source of truth: the index is rebuilt from it every time the
//! state is opened (so a record torn by a crash is never read), every record carries a
//! check of its own fields, and every line read through it is checked to be its run's.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// Bytes per record: the line's start plus one (0: no line), its length, and a check.
pub const RECORD: u64 = 16;

/// Where a run's journal line sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRef {
    /// Byte offset in the journal.
    pub start: u64,
    /// Length in bytes, terminator included.
    pub len: u64,
}

/// The on-disk index of a state folder.
#[derive(Debug)]
pub struct RunIndex {
    file: File,
    runs: usize,
}

/// The check stored with a record: the first four bytes of the SHA-256 of the run index
/// and the two fields, so that a record half written, or written for another run, is told
/// from a good one.
fn check(index: usize, start_plus_one: u64, len: u32) -> u32 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update((index as u64).to_le_bytes())
        .chain_update(start_plus_one.to_le_bytes())
        .chain_update(len.to_le_bytes())
        .finalize();
    u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]])
}

fn encode(index: usize, line: LineRef) -> io::Result<[u8; RECORD as usize]> {
    let len = u32::try_from(line.len)
        .map_err(|_| io::Error::other(format!("the journal line of run {index} is too long")))?;
    let start_plus_one = line.start + 1;
    let mut record = [0u8; RECORD as usize];
    record[..8].copy_from_slice(&start_plus_one.to_le_bytes());
    record[8..12].copy_from_slice(&len.to_le_bytes());
    record[12..].copy_from_slice(&check(index, start_plus_one, len).to_le_bytes());
    Ok(record)
}

/// Decodes the record of run `index`: `None` for an empty one (a run with no line).
fn decode(index: usize, record: &[u8]) -> io::Result<Option<LineRef>> {
    let start_plus_one = u64::from_le_bytes(record[..8].try_into().expect("8 bytes"));
    let len = u32::from_le_bytes(record[8..12].try_into().expect("4 bytes"));
    let stored = u32::from_le_bytes(record[12..16].try_into().expect("4 bytes"));
    if start_plus_one == 0 && len == 0 && stored == 0 {
        return Ok(None);
    }
    if start_plus_one == 0 || stored != check(index, start_plus_one, len) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the run index record of run {index} is damaged"),
        ));
    }
    Ok(Some(LineRef {
        start: start_plus_one - 1,
        len: u64::from(len),
    }))
}

impl RunIndex {
    /// Creates an empty index of `runs` records at `path`, replacing any file there.
    pub fn create(path: &Path, runs: usize) -> io::Result<RunIndex> {
        let file = OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(true)
            .open(path)?;
        // A sparse file of empty records.
        file.set_len(runs as u64 * RECORD)?;
        Ok(RunIndex { file, runs })
    }

    /// Records run `index`'s line; a run index outside the plan is ignored.
    pub fn set(&self, index: usize, line: LineRef) -> io::Result<()> {
        if index >= self.runs {
            return Ok(());
        }
        self.file
            .write_all_at(&encode(index, line)?, index as u64 * RECORD)
    }

    /// Run `index`'s line, if it has one.
    pub fn get(&self, index: usize) -> io::Result<Option<LineRef>> {
        if index >= self.runs {
            return Ok(None);
        }
        let mut record = [0u8; RECORD as usize];
        self.file
            .read_exact_at(&mut record, index as u64 * RECORD)?;
        decode(index, &record)
    }

    /// A second handle on the same index (for threads that only look runs up).
    pub fn try_clone(&self) -> io::Result<RunIndex> {
        Ok(RunIndex {
            file: self.file.try_clone()?,
            runs: self.runs,
        })
    }

    /// Every record in run order, read a block at a time.
    pub fn scan(&self) -> Scan<'_> {
        Scan {
            index: self,
            next: 0,
            block: Vec::new(),
            at: 0,
        }
    }
}

/// Records of a [`RunIndex`] in run order: `runs()` items, one per run index.
pub struct Scan<'a> {
    index: &'a RunIndex,
    next: usize,
    block: Vec<u8>,
    at: usize,
}

/// Records read at once by a [`Scan`].
const SCAN_RECORDS: usize = 4096;

impl Iterator for Scan<'_> {
    type Item = io::Result<Option<LineRef>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.index.runs {
            return None;
        }
        if self.at == self.block.len() {
            let count = SCAN_RECORDS.min(self.index.runs - self.next);
            self.block.resize(count * RECORD as usize, 0);
            if let Err(e) = self
                .index
                .file
                .read_exact_at(&mut self.block, self.next as u64 * RECORD)
            {
                self.next = self.index.runs;
                return Some(Err(e));
            }
            self.at = 0;
        }
        let record = &self.block[self.at..self.at + RECORD as usize];
        self.at += RECORD as usize;
        let index = self.next;
        self.next += 1;
        Some(decode(index, record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_and_empty_runs_have_none() {
        let dir = tempfile::tempdir().unwrap();
        let index = RunIndex::create(&dir.path().join("index.bin"), 10_000).unwrap();
        let line = |i: usize| LineRef {
            start: i as u64 * 100,
            len: 50 + i as u64 % 7,
        };
        for i in (0..10_000).step_by(3) {
            index.set(i, line(i)).unwrap();
        }
        index.set(10_000, line(1)).unwrap(); // outside the plan: ignored
        for (i, record) in index.scan().enumerate() {
            let expected = (i % 3 == 0).then(|| line(i));
            assert_eq!(record.unwrap(), expected, "run {i}");
            assert_eq!(index.get(i).unwrap(), expected);
        }
        assert_eq!(index.scan().count(), 10_000);
        assert_eq!(index.get(10_000).unwrap(), None);
    }

    #[test]
    fn a_torn_or_misplaced_record_is_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.bin");
        let index = RunIndex::create(&path, 4).unwrap();
        let line = LineRef {
            start: 1234,
            len: 99,
        };
        index.set(1, line).unwrap();
        // A crash that wrote only the first half of run 2's record.
        let whole = encode(2, line).unwrap();
        index.file.write_all_at(&whole[..8], 2 * RECORD).unwrap();
        // Run 1's record copied to run 3's place.
        index
            .file
            .write_all_at(&encode(1, line).unwrap(), 3 * RECORD)
            .unwrap();
        assert_eq!(index.get(1).unwrap(), Some(line));
        for run in [2, 3] {
            let error = index.get(run).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidData);
            assert!(error.to_string().contains(&format!("run {run}")), "{error}");
        }
        // Reopening starts from nothing: the state rebuilds it from the journal.
        let index = RunIndex::create(&path, 4).unwrap();
        assert!(index.scan().all(|r| r.unwrap().is_none()));
    }
}
