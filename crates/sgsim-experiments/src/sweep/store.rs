//! A sweep's working state on disk: the plan identity, an append-only journal with one
//! line per finished run, an append-only file of metrics records (`metrics.bin`, one per
//! finished run, [`super::metrics`]), and two run indices ([`super::run_index`]) that find
//! a run's journal line and its metrics record. Every piece is written so that a crash or
//! `kill -9` at any instant loses at most the runs in flight: a run's metrics record is
//! appended before its journal line, a torn last journal line and a torn last record are
//! cut off when the folder is opened again, and both indices are rebuilt from the two files
//! then. Nothing is held in memory per run, and a sweep of any size makes a fixed number
//! of files.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use std::os::unix::fs::FileExt;

use chrono::NaiveDate;

use super::metrics::{self, RECORD_HEADER};
use super::run_index::{LineRef, RunIndex, Scan};

use sgsim_run::output::write_atomic;

/// Name of the state folder inside a sweep or shard folder.
pub const STATE_DIR: &str = ".state";

/// A finished run as stored.
#[derive(Clone, Debug)]
pub struct Finished {
    /// Run index in the plan.
    pub index: usize,
    /// The `runs.csv` record.
    pub record: Vec<String>,
    /// The run's metrics record ([`metrics::encode_record`]).
    pub metrics: Vec<u8>,
}

/// The state folder of a sweep (or of one shard).
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    journal: File,
    index: RunIndex,
    /// `metrics.bin`, and where its next record goes.
    metrics: File,
    metrics_end: u64,
    /// Where each run's metrics record is in `metrics.bin`.
    metrics_index: RunIndex,
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
    index: RunIndex,
    metrics_index: RunIndex,
}

impl Done {
    /// Whether run `index` has a journal line and a whole metrics record (a run whose
    /// record a power cut damaged is run again).
    pub fn contains(&self, index: usize) -> bool {
        matches!(self.index.get(index), Ok(Some(_)))
            && matches!(self.metrics_index.get(index), Ok(Some(_)))
    }
}

/// The per-run metrics file of a sweep state of the earlier format.
fn old_metrics_path(dir: &Path, index: usize) -> PathBuf {
    dir.join("metrics").join(format!("{index:08}.bin"))
}

/// Reads the records of `metrics.bin` from the start into `metrics_index` (a later record
/// of a run wins) and returns where the whole records end: a record torn by a crash, or
/// damaged, ends the scan, and what follows is cut off by the caller.
fn scan_metrics(file: &File, metrics_index: &RunIndex, runs: usize) -> std::io::Result<u64> {
    let length = file.metadata()?.len();
    let mut header = [0u8; RECORD_HEADER as usize];
    let mut at = 0;
    while at + RECORD_HEADER <= length {
        file.read_exact_at(&mut header, at)?;
        let Some(record) = metrics::decode_header(&header) else {
            break;
        };
        let len = record.record_len();
        if at + len > length {
            break;
        }
        if record.run < runs {
            metrics_index.set(record.run, LineRef { start: at, len })?;
        }
        at += len;
    }
    Ok(at)
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
        std::fs::create_dir_all(&dir)
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

        let metrics_path = dir.join("metrics.bin");
        let metrics_error =
            |e: std::io::Error| format!("cannot read {}: {e}", metrics_path.display());
        let metrics = OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(false)
            .open(&metrics_path)
            .map_err(metrics_error)?;
        let metrics_index_path = dir.join("metrics_index.bin");
        let metrics_index = RunIndex::create(&metrics_index_path, runs)
            .map_err(|e| format!("cannot create {}: {e}", metrics_index_path.display()))?;
        let metrics_end = scan_metrics(&metrics, &metrics_index, runs).map_err(metrics_error)?;
        if metrics_end < metrics.metadata().map_err(metrics_error)?.len() {
            metrics
                .set_len(metrics_end)
                .map_err(|e| format!("cannot repair {}: {e}", metrics_path.display()))?;
        }
        let mut state = State {
            dir,
            journal,
            index,
            metrics,
            metrics_end,
            metrics_index,
        };
        state.carry_over_metrics_files().map_err(|e| {
            format!(
                "cannot carry over the metrics files of {}: {e}",
                folder.display()
            )
        })?;
        Ok(state)
    }

    /// Appends to `metrics.bin` the per-run metrics files of a state of the earlier format
    /// (`metrics/NNNNNNNN.bin`) of the runs with a journal line and no record yet, then
    /// removes that folder. A crash in between leaves the folder, and the next open carries
    /// it over again (a later record of a run wins).
    fn carry_over_metrics_files(&mut self) -> std::io::Result<()> {
        let old = self.dir.join("metrics");
        if !old.is_dir() {
            return Ok(());
        }
        // A second handle on the run index, scanned in run order while records are appended.
        let index = self.index.try_clone()?;
        for (run, line) in index.scan().enumerate() {
            if line?.is_none() || self.metrics_index.get(run)?.is_some() {
                continue;
            }
            let path = old_metrics_path(&self.dir, run);
            let Some((start_date, ticks)) = metrics::read_header(&path) else {
                continue; // damaged or missing: the run is done again
            };
            if let Some(values) = metrics::read_ticks(&path, 0, ticks) {
                self.append_metrics(run, &metrics::encode_record(run, start_date, &values))?;
            }
        }
        std::fs::remove_dir_all(&old)
    }

    /// Appends run `run`'s metrics record and indexes it.
    fn append_metrics(&mut self, run: usize, record: &[u8]) -> std::io::Result<()> {
        let start = self.metrics_end;
        self.metrics.write_all_at(record, start)?;
        self.metrics_end += record.len() as u64;
        self.metrics_index.set(
            run,
            LineRef {
                start,
                len: record.len() as u64,
            },
        )
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
            index: self.index.try_clone()?,
            metrics_index: self.metrics_index.try_clone()?,
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

    /// Whether run `index` has a metrics record.
    pub fn has_metrics(&self, index: usize) -> std::io::Result<bool> {
        Ok(self.metrics_index.get(index)?.is_some())
    }

    /// Run `index`'s metrics: the date of tick 0, the ticks and the values, checking that
    /// the record is whole and is that run's.
    pub fn read_metrics(&self, index: usize) -> std::io::Result<(NaiveDate, u32, Vec<f64>)> {
        let damaged = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the metrics of run {index} in {} are missing or damaged",
                    self.dir.join("metrics.bin").display()
                ),
            )
        };
        let record = self.metrics_index.get(index)?.ok_or_else(damaged)?;
        let mut bytes = vec![0; record.len as usize];
        self.metrics.read_exact_at(&mut bytes, record.start)?;
        match metrics::decode_record(&bytes) {
            Some((header, values)) if header.run == index => {
                Ok((header.start_date, header.ticks, values))
            }
            _ => Err(damaged()),
        }
    }

    /// Stores a finished run: its metrics record first, then the journal line.
    ///
    /// Neither is forced to disk (no fsync): a process that crashes or is killed loses
    /// nothing the kernel already has, and a run whose record a power cut damages is found
    /// incomplete when the folder is opened again (the scan of `metrics.bin` stops there)
    /// and run again. Forcing every run to disk would cap a sweep at the disk's flush rate.
    pub fn record(&mut self, run: &Finished) -> std::io::Result<()> {
        self.append_metrics(run.index, &run.metrics)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 2, 24).unwrap()
    }

    fn values(run: usize) -> Vec<f64> {
        (0..2 * metrics::METRICS.len())
            .map(|i| (run * 100 + i) as f64 / 7.0)
            .collect()
    }

    fn finished(run: usize) -> Finished {
        Finished {
            index: run,
            record: vec!["cfg".to_owned(), run.to_string(), "arm".to_owned()],
            metrics: metrics::encode_record(run, date(), &values(run)),
        }
    }

    fn open(folder: &Path) -> State {
        State::open(folder, "plan", Some("parts"), 10).unwrap()
    }

    #[test]
    fn runs_recorded_read_back_and_survive_reopening_with_a_fixed_number_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = open(dir.path());
        for run in [3, 0, 7] {
            state.record(&finished(run)).unwrap();
        }
        drop(state);
        let state = open(dir.path());
        let done = state.done().unwrap();
        for run in 0..10 {
            assert_eq!(done.contains(run), [0, 3, 7].contains(&run), "run {run}");
        }
        assert_eq!(state.read_metrics(7).unwrap(), (date(), 2, values(7)));
        assert!(
            state.read_metrics(1).is_err(),
            "a run not done has no metrics"
        );
        let files = std::fs::read_dir(dir.path().join(STATE_DIR))
            .unwrap()
            .count();
        assert_eq!(
            files, 6,
            "plan.sha256, plan.parts, journal, index, metrics, its index"
        );
    }

    #[test]
    fn a_torn_or_damaged_metrics_record_is_cut_off_and_its_runs_are_done_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = open(dir.path());
        for run in 0..4 {
            state.record(&finished(run)).unwrap();
        }
        drop(state);
        let path = dir.path().join(STATE_DIR).join("metrics.bin");
        let record = finished(0).metrics.len() as u64;
        // A crash tore the last record.
        let file = OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(4 * record - 5).unwrap();
        let state = open(dir.path());
        let done = state.done().unwrap();
        assert!((0..3).all(|run| done.contains(run)) && !done.contains(3));
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            3 * record,
            "the torn tail is cut"
        );
        drop(state);
        // A power cut zeroed the second record: it and every later one are done again.
        file.write_all_at(&[0; 8], record).unwrap();
        let mut state = open(dir.path());
        let done = state.done().unwrap();
        assert!(done.contains(0) && !done.contains(1) && !done.contains(2));
        state.record(&finished(2)).unwrap();
        assert_eq!(state.read_metrics(2).unwrap(), (date(), 2, values(2)));
    }

    #[test]
    fn the_per_run_metrics_files_of_the_earlier_format_are_carried_over() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = open(dir.path());
        for run in [1, 2, 5] {
            state.record(&finished(run)).unwrap();
        }
        drop(state);
        // Make the folder an earlier sweep's: no metrics.bin, a metrics file per run, and
        // run 5's file torn.
        let state_dir = dir.path().join(STATE_DIR);
        std::fs::remove_file(state_dir.join("metrics.bin")).unwrap();
        std::fs::create_dir(state_dir.join("metrics")).unwrap();
        for run in [1, 2, 5] {
            let mut bytes = metrics::encode(date(), &values(run));
            if run == 5 {
                bytes.pop();
            }
            std::fs::write(old_metrics_path(&state_dir, run), bytes).unwrap();
        }
        let state = open(dir.path());
        assert!(
            !state_dir.join("metrics").exists(),
            "the folder is removed once carried over"
        );
        assert_eq!(state.read_metrics(1).unwrap(), (date(), 2, values(1)));
        assert_eq!(state.read_metrics(2).unwrap(), (date(), 2, values(2)));
        let done = state.done().unwrap();
        assert!(done.contains(1) && done.contains(2));
        assert!(
            !done.contains(5),
            "a torn file is not carried over: its run is done again"
        );
    }
}
