//! A sweep's working state on disk: the plan identity, an append-only journal with one
//! line per finished run, and one metrics file per run. Every piece is written so that a
//! crash or `kill -9` at any instant loses at most the runs in flight: a metrics file is
//! renamed into place before its journal line is appended, and a torn last journal line is
//! cut off when the folder is opened again.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sgsim_run::output::write_atomic;

/// Writes `contents` to `path` through a temporary file and a rename, without fsync.
fn replace_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("bin.tmp");
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path)
}

/// Name of the state folder inside a sweep or shard folder.
pub const STATE_DIR: &str = ".state";

/// A finished run as stored.
#[derive(Clone, Debug)]
pub struct Finished {
    /// Run index in the plan.
    pub index: usize,
    /// The `runs.csv` record.
    pub record: Vec<String>,
    /// Encoded metrics.
    pub metrics: Vec<u8>,
}

/// Where a journal line sits.
#[derive(Clone, Copy, Debug)]
pub struct LineRef {
    /// Run index.
    pub index: usize,
    /// Byte offset in the journal.
    pub start: u64,
    /// Length in bytes, terminator included.
    pub len: u64,
}

/// The state folder of a sweep (or of one shard).
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    journal: File,
    /// Journal lines of finished runs, in journal order.
    pub lines: Vec<LineRef>,
}

impl State {
    /// Opens (or creates) the state in `folder`, checking it belongs to the plan `plan_sha`
    /// (whose parts are `parts`, [`super::Plan::identity`]; `None` to only check).
    pub fn open(folder: &Path, plan_sha: &str, parts: Option<&str>) -> Result<State, String> {
        let dir = folder.join(STATE_DIR);
        std::fs::create_dir_all(dir.join("metrics"))
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let identity = dir.join("plan.sha256");
        let parts_path = dir.join("plan.parts");
        match std::fs::read_to_string(&identity) {
            Ok(existing) if existing.trim() == plan_sha => {}
            Ok(_) => {
                let reason = match (std::fs::read_to_string(&parts_path), parts) {
                    (Ok(before), Some(now)) => super::plan::explain_change(&before, now),
                    _ => "its sweep file, design, scenarios or plugins changed".to_owned(),
                };
                return Err(format!(
                    "{} holds the runs of a different sweep: {reason}; its finished runs cannot be mixed with new ones: choose another --out (or restore what changed to resume)",
                    folder.display()
                ));
            }
            Err(_) => {
                if let Some(parts) = parts {
                    write_atomic(&parts_path, parts.as_bytes())
                        .map_err(|e| format!("cannot write {}: {e}", parts_path.display()))?;
                }
                write_atomic(&identity, plan_sha.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", identity.display()))?
            }
        }
        let path = dir.join("journal.csv");
        let mut journal = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut text = Vec::new();
        journal
            .read_to_end(&mut text)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // A line without its terminator was torn by a crash: cut it off.
        let complete = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if complete < text.len() {
            journal
                .set_len(complete as u64)
                .map_err(|e| format!("cannot repair {}: {e}", path.display()))?;
            journal
                .seek(SeekFrom::End(0))
                .map_err(|e| format!("cannot repair {}: {e}", path.display()))?;
        }
        let mut lines = Vec::new();
        let mut start = 0usize;
        for (i, &byte) in text[..complete].iter().enumerate() {
            if byte == b'\n' {
                let line = &text[start..=i];
                if let Some(index) = line
                    .split(|&b| b == b',')
                    .nth(1)
                    .and_then(|f| std::str::from_utf8(f).ok()?.parse().ok())
                {
                    lines.push(LineRef {
                        index,
                        start: start as u64,
                        len: line.len() as u64,
                    });
                }
                start = i + 1;
            }
        }
        Ok(State {
            dir,
            journal,
            lines,
        })
    }

    /// Records a failed run (`--keep-going`) in `failures.csv` of the state folder: one
    /// line per failure, appended. A resumed sweep runs failed runs again.
    pub fn record_failure(&mut self, index: usize, message: &str) -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("failures.csv"))?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer
            .write_record([index.to_string(), message.to_owned()])
            .map_err(std::io::Error::other)?;
        let line = writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        file.write_all(&line)
    }

    /// The failures recorded by this invocation and earlier ones of runs still not done,
    /// by run index.
    pub fn failures(&self) -> Vec<(usize, String)> {
        let done: std::collections::BTreeSet<usize> = self.lines.iter().map(|l| l.index).collect();
        let mut failures = std::collections::BTreeMap::new();
        if let Ok(mut reader) = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(self.dir.join("failures.csv"))
        {
            for record in reader.records().filter_map(Result::ok) {
                if let (Some(Ok(index)), Some(message)) =
                    (record.get(0).map(str::parse::<usize>), record.get(1))
                    && !done.contains(&index)
                {
                    failures.insert(index, message.to_owned());
                }
            }
        }
        failures.into_iter().collect()
    }

    /// Reads a journal line's bytes.
    pub fn read_line(&self, line: &LineRef) -> std::io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; line.len as usize];
        self.journal.read_exact_at(&mut bytes, line.start)?;
        Ok(bytes)
    }

    /// The metrics file of a run.
    pub fn metrics_path(&self, index: usize) -> PathBuf {
        self.dir.join("metrics").join(format!("{index:08}.bin"))
    }

    /// Stores a finished run: metrics first, then the journal line.
    ///
    /// Neither is forced to disk (no fsync): a process that crashes or is killed loses
    /// nothing the kernel already has, and a run whose files a power cut damages is found
    /// incomplete (its metrics file has the wrong size) and run again. Forcing every run to
    /// disk would cap a sweep at the disk's flush rate.
    pub fn record(&mut self, run: &Finished) -> std::io::Result<()> {
        replace_file(&self.metrics_path(run.index), &run.metrics)?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer
            .write_record(&run.record)
            .map_err(std::io::Error::other)?;
        let line = writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let start = self.journal.seek(SeekFrom::End(0))?;
        self.journal.write_all(&line)?;
        self.journal.flush()?;
        self.lines.push(LineRef {
            index: run.index,
            start,
            len: line.len() as u64,
        });
        Ok(())
    }
}
