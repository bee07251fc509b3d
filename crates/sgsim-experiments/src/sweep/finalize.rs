//! The sweep's results, written from the state folders once every run is done:
//! `runs.csv` (in run order), `ensemble.csv` (per arm, design point, tick and metric) and,
//! for a Morris design, `sensitivity.csv`; with `--format parquet`, `runs.parquet` and
//! `ensemble.parquet` instead of the first two. The same inputs give the same bytes whether
//! the runs came from one process, many jobs or many shards.

use std::io::Write;
use std::path::Path;

use super::metrics::{self, METRICS};
use super::morris;
use super::plan::Plan;
use super::stats::stats;
use super::store::{LineRef, State};
use sgsim_run::output::parquet::{ParquetFile, fixed_kinds, write_text_records};
use sgsim_run::output::{Format, SUMMARY_HEADER, commit_file, csvfmt};

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

/// Memory for the replications' metrics while `ensemble.csv` is written.
const ENSEMBLE_MEMORY_BYTES: usize = 32 << 20;

/// Header of `ensemble.csv`.
pub const ENSEMBLE_HEADER: [&str; 11] = [
    "arm", "point", "tick", "date", "metric", "n", "mean", "sd", "p05", "p50", "p95",
];

/// Where each run's journal line and metrics are: one entry per run index.
pub struct Index<'a> {
    entries: Vec<Option<(&'a State, LineRef)>>,
}

impl<'a> Index<'a> {
    /// Indexes the journals of `states`; later lines for the same run win.
    pub fn new(plan_len: usize, states: &'a [State]) -> Index<'a> {
        let mut entries = vec![None; plan_len];
        for state in states {
            for line in &state.lines {
                if let Some(slot) = entries.get_mut(line.index) {
                    *slot = Some((state, *line));
                }
            }
        }
        Index { entries }
    }

    /// Run indices with no journal line among `wanted`.
    pub fn missing(&self, wanted: impl Iterator<Item = usize>) -> Vec<usize> {
        wanted
            .filter(|&i| self.entries.get(i).is_none_or(Option::is_none))
            .collect()
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
    write_ensemble(plan, index, &out.join(format.file("ensemble.csv")), format)?;
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
struct RunLines<'i, 'a> {
    entries: std::slice::Iter<'i, Option<(&'a State, LineRef)>>,
    line: Vec<u8>,
    at: usize,
}

impl std::io::Read for RunLines<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.line.len() {
            match self.entries.next() {
                None => return Ok(0),
                Some(None) => {}
                Some(Some((state, line))) => {
                    self.line = state.read_line(line)?;
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

fn run_lines<'i, 'a>(index: &'i Index<'a>) -> RunLines<'i, 'a> {
    RunLines {
        entries: index.entries.iter(),
        line: Vec::new(),
        at: 0,
    }
}

/// The bytes of `runs.csv` (header and rows, in run order), whatever the sweep's format.
pub fn runs_csv_reader<'i>(
    plan: &Plan,
    index: &'i Index<'_>,
) -> std::io::Result<impl std::io::Read + 'i> {
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
    for entry in index.entries.iter().flatten() {
        let (state, line) = entry;
        file.write_all(&state.read_line(line)?)?;
    }
    let file = file
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Where `ensemble` rows go.
enum EnsembleOut {
    Csv(csv::Writer<std::io::BufWriter<std::fs::File>>),
    Parquet(ParquetFile),
}

fn write_ensemble(
    plan: &Plan,
    index: &Index<'_>,
    path: &Path,
    format: Format,
) -> std::io::Result<()> {
    let tmp = path.with_extension(match format {
        Format::Csv => "csv.tmp",
        Format::Parquet => "parquet.tmp",
    });
    let mut writer = match format {
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(std::io::BufWriter::new(std::fs::File::create(&tmp)?));
            writer
                .write_record(ENSEMBLE_HEADER)
                .map_err(std::io::Error::other)?;
            EnsembleOut::Csv(writer)
        }
        Format::Parquet => EnsembleOut::Parquet(ParquetFile::create(&tmp, &ENSEMBLE_HEADER)?),
    };
    let reps = plan.sweep.replications as usize;
    let mut buf = String::new();
    let mut column = Vec::with_capacity(reps);
    for group_start in (0..plan.len()).step_by(reps) {
        let spec = plan.run(group_start);
        let paths: Vec<std::path::PathBuf> = (group_start..group_start + reps)
            .filter_map(|i| index.entries.get(i).copied().flatten())
            .map(|(state, line)| state.metrics_path(line.index))
            .collect();
        let Some(first) = paths.first() else { continue };
        let damaged = |path: &Path| {
            std::io::Error::other(format!(
                "metrics file {} is missing or damaged",
                path.display()
            ))
        };
        let (start_date, ticks) = metrics::read_header(first).ok_or_else(|| damaged(first))?;
        // Read a slice of ticks from every replication at a time, so memory stays bounded
        // however many replications a design point has.
        let chunk = (ENSEMBLE_MEMORY_BYTES / (paths.len() * METRICS.len() * 8)).max(1) as u32;
        let arm = &plan.sweep.arms[spec.arm].name;
        for from in (0..ticks).step_by(chunk as usize) {
            let to = (from + chunk).min(ticks);
            let blocks: Vec<Vec<f64>> = paths
                .iter()
                .map(|path| metrics::read_ticks(path, from, to).ok_or_else(|| damaged(path)))
                .collect::<std::io::Result<_>>()?;
            for tick in from..to {
                let date = (start_date + chrono::Days::new(7 * u64::from(tick)))
                    .format("%Y-%m-%d")
                    .to_string();
                let offset = (tick - from) as usize * METRICS.len();
                for (m, metric) in METRICS.iter().enumerate() {
                    column.clear();
                    column.extend(blocks.iter().map(|block| block[offset + m]));
                    let Some(s) = stats(&mut column) else {
                        continue;
                    };
                    match &mut writer {
                        EnsembleOut::Csv(writer) => {
                            let mut f = |v: f64| csvfmt::float(&mut buf, v).to_owned();
                            writer
                                .write_record([
                                    arm.clone(),
                                    spec.point.to_string(),
                                    tick.to_string(),
                                    date.clone(),
                                    (*metric).to_owned(),
                                    s.n.to_string(),
                                    f(s.mean),
                                    f(s.sd),
                                    f(s.p05),
                                    f(s.p50),
                                    f(s.p95),
                                ])
                                .map_err(std::io::Error::other)?;
                        }
                        EnsembleOut::Parquet(table) => {
                            table.text(arm);
                            table.uint(spec.point as u64);
                            table.uint(u64::from(tick));
                            table.text(&date);
                            table.text(metric);
                            table.uint(s.n as u64);
                            for value in [s.mean, s.sd, s.p05, s.p50, s.p95] {
                                table.float(value);
                            }
                            table.end_row()?;
                        }
                    }
                }
            }
        }
    }
    match writer {
        EnsembleOut::Csv(writer) => sgsim_run::output::commit_csv(writer, &tmp, path),
        EnsembleOut::Parquet(table) => commit_file(&table.into_file()?, &tmp, path),
    }
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
