//! The sweep's results, written from the state folders once every run is done:
//! `runs.csv` (in run order), `ensemble.csv` (per arm, design point, tick and metric) and,
//! for a Morris design, `sensitivity.csv`; with `--format parquet`, `runs.parquet` and
//! `ensemble.parquet` instead of the first two. The same inputs give the same bytes whether
//! the runs came from one process, many jobs or many shards.

use std::io::Write;
use std::path::Path;

use super::ensemble;
use super::morris;
use super::plan::Plan;
use super::run_index::{LineRef, Scan};
use super::store::State;
use sgsim_run::output::parquet::{fixed_kinds, write_text_records};
use sgsim_run::output::{Format, SUMMARY_HEADER, commit_file};

/// Columns of `runs.csv` before the factor columns.
pub const RUN_COLUMNS: [&str; 5] = ["run_id", "run_index", "arm", "point", "replication"];

/// Header of `runs.csv` for a plan: the run columns, one `factor.<key path>` column per
/// factor (in key order), then the columns of `summary.csv`.
pub fn runs_header(plan: &Plan) -> Vec<String> {
    RUN_COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .chain(plan.design.keys.iter().map(|k| format!("factor.{k}")))
        .chain(SUMMARY_HEADER.iter().map(|c| (*c).to_owned()))
        .collect()
}

/// Where each run's journal line and metrics are, run index by run index, read from the
/// states' run indices in run order (nothing per run is held in memory).
pub struct Index<'a> {
    runs: usize,
    states: &'a [State],
}

impl<'a> Index<'a> {
    /// Indexes the journals of `states` for a plan of `runs` runs; where several states
    /// have a line for the same run, the last one wins.
    pub fn new(runs: usize, states: &'a [State]) -> Index<'a> {
        Index { runs, states }
    }

    /// Every run index in order, with the state holding its line and where the line is.
    pub fn entries(&self) -> Entries<'a> {
        Entries {
            states: self.states,
            scans: self.states.iter().map(State::lines).collect(),
            next: 0,
            runs: self.runs,
        }
    }

    /// How many runs have no journal line, and the first of them.
    pub fn missing(&self) -> std::io::Result<(usize, Option<usize>)> {
        let mut missing = (0, None);
        for entry in self.entries() {
            if let (run, None) = entry? {
                missing.0 += 1;
                missing.1.get_or_insert(run);
            }
        }
        Ok(missing)
    }
}

/// The entries of an [`Index`], in run order.
pub struct Entries<'a> {
    states: &'a [State],
    scans: Vec<Scan<'a>>,
    next: usize,
    runs: usize,
}

/// A run index, and the state and journal line of the run if it is done.
pub type Entry<'a> = (usize, Option<(&'a State, LineRef)>);

impl<'a> Iterator for Entries<'a> {
    type Item = std::io::Result<Entry<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.runs {
            return None;
        }
        let run = self.next;
        self.next += 1;
        let mut found = None;
        for (state, scan) in self.states.iter().zip(&mut self.scans) {
            match scan.next() {
                Some(Ok(Some(line))) => found = Some((state, line)),
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(None)) | None => {}
            }
        }
        Some(Ok((run, found)))
    }
}

/// Writes `runs` and `ensemble` in `format`, and (Morris) `sensitivity.csv`, into `out`;
/// removes the two tables of the other format, left by an earlier merge.
pub fn write_results(
    plan: &Plan,
    index: &Index<'_>,
    out: &Path,
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write_runs(plan, index, &out.join("runs.csv"))?,
        Format::Parquet => write_runs_parquet(plan, index, &out.join("runs.parquet"))?,
    }
    ensemble::write_ensemble(
        plan,
        index,
        &out.join(format.file("ensemble.csv")),
        format,
        ensemble::BUDGET,
    )?;
    if let Some(morris) = &plan.design.morris {
        morris::write_sensitivity(
            plan,
            morris,
            runs_csv_reader(plan, index)?,
            &out.join("sensitivity.csv"),
        )?;
    }
    let other = match format {
        Format::Csv => Format::Parquet,
        Format::Parquet => Format::Csv,
    };
    for table in ["runs.csv", "ensemble.csv"] {
        match std::fs::remove_file(out.join(other.file(table))) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// The header row of `runs.csv`, as CSV bytes.
fn runs_header_bytes(plan: &Plan) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer
            .write_record(runs_header(plan))
            .map_err(std::io::Error::other)?;
        writer.flush()?;
    }
    Ok(bytes)
}

/// The rows of `runs.csv` (the journal lines, in run order) as one stream of bytes, read a
/// line at a time.
struct RunLines<'a> {
    entries: Entries<'a>,
    line: Vec<u8>,
    at: usize,
}

impl std::io::Read for RunLines<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.line.len() {
            match self.entries.next().transpose()? {
                None => return Ok(0),
                Some((_, None)) => {}
                Some((run, Some((state, line)))) => {
                    self.line = state.read_line(run, &line)?;
                    self.at = 0;
                }
            }
        }
        let n = buf.len().min(self.line.len() - self.at);
        buf[..n].copy_from_slice(&self.line[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn run_lines<'a>(index: &Index<'a>) -> RunLines<'a> {
    RunLines {
        entries: index.entries(),
        line: Vec::new(),
        at: 0,
    }
}

/// The bytes of `runs.csv` (header and rows, in run order), whatever the sweep's format.
pub fn runs_csv_reader<'a>(
    plan: &Plan,
    index: &Index<'a>,
) -> std::io::Result<impl std::io::Read + 'a> {
    use std::io::Read as _;
    Ok(std::io::Cursor::new(runs_header_bytes(plan)?).chain(run_lines(index)))
}

/// `runs.parquet`: the rows of `runs.csv` with the column types of
/// [`sgsim_run::output::parquet`] (inferred from the values, text for the identifiers).
fn write_runs_parquet(plan: &Plan, index: &Index<'_>, path: &Path) -> std::io::Result<()> {
    let header = runs_header(plan);
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let tmp = path.with_extension("parquet.tmp");
    let records = || {
        Ok(csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(run_lines(index))
            .into_records()
            .map(|record| {
                record
                    .map(|r| r.iter().map(str::to_owned).collect::<Vec<String>>())
                    .map_err(std::io::Error::other)
            }))
    };
    let file = write_text_records(&tmp, &names, &fixed_kinds(&names), records)?;
    commit_file(&file, &tmp, path)
}

fn write_runs(plan: &Plan, index: &Index<'_>, path: &Path) -> std::io::Result<()> {
    let bytes = runs_header_bytes(plan)?;
    let tmp = path.with_extension("csv.tmp");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    file.write_all(&bytes)?;
    for entry in index.entries() {
        if let (run, Some((state, line))) = entry? {
            file.write_all(&state.read_line(run, &line)?)?;
        }
    }
    let file = file
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Header of `failures.csv`.
pub const FAILURES_HEADER: [&str; 6] =
    ["run_index", "arm", "point", "replication", "seed", "error"];

/// Writes `failures.csv` (one row per failed run, in run order) when there are failures, and
/// removes a stale one when there are none.
pub fn write_failures(
    plan: &Plan,
    failures: &[(usize, String)],
    path: &Path,
) -> std::io::Result<()> {
    if failures.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let tmp = path.with_extension("csv.tmp");
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(std::io::BufWriter::new(std::fs::File::create(&tmp)?));
    writer
        .write_record(FAILURES_HEADER)
        .map_err(std::io::Error::other)?;
    for (index, message) in failures {
        let spec = plan.run(*index);
        writer
            .write_record([
                index.to_string(),
                plan.sweep.arms[spec.arm].name.clone(),
                spec.point.to_string(),
                spec.replication.to_string(),
                spec.seed.to_string(),
                message.clone(),
            ])
            .map_err(std::io::Error::other)?;
    }
    sgsim_run::output::commit_csv(writer, &tmp, path)
}
