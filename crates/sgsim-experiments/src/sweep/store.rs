//! A sweep's working state on disk: the plan identity, an append-only journal with one
//! line per finished run, one metrics file per run, and the run index
//! ([`super::run_index`]) that finds a run's line. Every piece is written so that a crash
//! or `kill -9` at any instant loses at most the runs in flight: a metrics file is renamed
//! into place before its journal line is appended, a torn last journal line is cut off when
//! the folder is opened again, and the run index is rebuilt from the journal then. Nothing
//! is held in memory per run.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::metrics;
use super::run_index::{LineRef, RunIndex, Scan};

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

/// The state folder of a sweep (or of one shard).
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    journal: File,
    index: RunIndex,
}

/// The run index of a journal line: its second field.
fn line_run_index(line: &[u8]) -> Option<usize> {
    line.split(|&b| b == b',')
        .nth(1)
        .and_then(|f| std::str::from_utf8(f).ok()?.parse().ok())
}

/// Looks up which runs of a state are done, from any thread.
#[derive(Debug)]
pub struct Done {
    dir: PathBuf,
    index: RunIndex,
}

impl Done {
    /// Whether run `index` has a journal line and an intact metrics file (a run whose
    /// metrics a power cut damaged is run again).
    pub fn contains(&self, index: usize) -> bool {
        matches!(self.index.get(index), Ok(Some(_)))
            && metrics::read_header(&metrics_path(&self.dir, index)).is_some()
    }
}

fn metrics_path(dir: &Path, index: usize) -> PathBuf {
    dir.join("metrics").join(format!("{index:08}.bin"))
}

impl State {
    /// Opens (or creates) the state in `folder` for a plan of `runs` runs, checking it
    /// belongs to the plan `plan_sha` (whose parts are `parts`, [`super::Plan::identity`];
    /// `None` to only check). The journal is read once, a line at a time, to cut off a torn
    /// last line and rebuild the run index (later lines for the same run win).
    pub fn open(
        folder: &Path,
        plan_sha: &str,
        parts: Option<&str>,
        runs: usize,
    ) -> Result<State, String> {
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
        let index_path = dir.join("index.bin");
        let index = RunIndex::create(&index_path, runs)
            .map_err(|e| format!("cannot create {}: {e}", index_path.display()))?;
        let read_error = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
        let mut reader = std::io::BufReader::new(&journal);
        reader.seek(SeekFrom::Start(0)).map_err(read_error)?;
        let mut line = Vec::new();
        let mut complete = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(read_error)?;
            // A line without its terminator was torn by a crash: it is cut off below.
            if n == 0 || line.last() != Some(&b'\n') {
                break;
            }
            if let Some(run) = line_run_index(&line) {
                index
                    .set(
                        run,
                        LineRef {
                            start: complete,
                            len: n as u64,
                        },
                    )
                    .map_err(|e| format!("cannot write {}: {e}", index_path.display()))?;
            }
            complete += n as u64;
        }
        drop(reader);
        let length = journal.metadata().map_err(read_error)?.len();
        if complete < length {
            journal
                .set_len(complete)
                .map_err(|e| format!("cannot repair {}: {e}", path.display()))?;
        }
        journal
            .seek(SeekFrom::End(0))
            .map_err(|e| format!("cannot repair {}: {e}", path.display()))?;
        Ok(State {
            dir,
            journal,
            index,
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
        let mut failures = std::collections::BTreeMap::new();
        if let Ok(mut reader) = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(self.dir.join("failures.csv"))
        {
            for record in reader.records().filter_map(Result::ok) {
                if let (Some(Ok(index)), Some(message)) =
                    (record.get(0).map(str::parse::<usize>), record.get(1))
                    && !matches!(self.index.get(index), Ok(Some(_)))
                {
                    failures.insert(index, message.to_owned());
                }
            }
        }
        failures.into_iter().collect()
    }

    /// The journal lines of every run index in run order (`None`: no line).
    pub fn lines(&self) -> Scan<'_> {
        self.index.scan()
    }

    /// A lookup of the runs done, for worker threads.
    pub fn done(&self) -> std::io::Result<Done> {
        Ok(Done {
            dir: self.dir.clone(),
            index: self.index.try_clone()?,
        })
    }

    /// Reads the journal line of run `index`, checking that it is a whole line of that run.
    pub fn read_line(&self, index: usize, line: &LineRef) -> std::io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; line.len as usize];
        self.journal.read_exact_at(&mut bytes, line.start)?;
        if bytes.last() != Some(&b'\n') || line_run_index(&bytes) != Some(index) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the run index of {} does not match its journal at run {index}",
                    self.dir.display()
                ),
            ));
        }
        Ok(bytes)
    }

    /// The metrics file of a run.
    pub fn metrics_path(&self, index: usize) -> PathBuf {
        metrics_path(&self.dir, index)
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
        self.index.set(
            run.index,
            LineRef {
                start,
                len: line.len() as u64,
            },
        )
    }
}
