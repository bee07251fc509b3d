//! The sweep's results, written from the state folders once every run is done:
//! `runs.csv` (in run order), `ensemble.csv` (per arm, design point, tick and metric) and,
//! for a Morris design, `sensitivity.csv`. The same inputs give the same bytes whether the
//! runs came from one process, many jobs or many shards.

use std::io::Write;
use std::path::Path;

use super::metrics::{self, METRICS};
use super::morris;
use super::plan::Plan;
use super::stats::stats;
use super::store::{LineRef, State};
use sgsim_run::output::{SUMMARY_HEADER, csvfmt};

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

/// Writes `runs.csv`, `ensemble.csv` and (Morris) `sensitivity.csv` into `out`.
pub fn write_results(plan: &Plan, index: &Index<'_>, out: &Path) -> std::io::Result<()> {
    write_runs(plan, index, &out.join("runs.csv"))?;
    write_ensemble(plan, index, &out.join("ensemble.csv"))?;
    if let Some(morris) = &plan.design.morris {
        morris::write_sensitivity(
            plan,
            morris,
            &out.join("runs.csv"),
            &out.join("sensitivity.csv"),
        )?;
    }
    Ok(())
}

fn write_runs(plan: &Plan, index: &Index<'_>, path: &Path) -> std::io::Result<()> {
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

fn write_ensemble(plan: &Plan, index: &Index<'_>, path: &Path) -> std::io::Result<()> {
    let tmp = path.with_extension("csv.tmp");
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(std::io::BufWriter::new(std::fs::File::create(&tmp)?));
    writer
        .write_record(ENSEMBLE_HEADER)
        .map_err(std::io::Error::other)?;
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
            }
        }
    }
    sgsim_run::output::commit_csv(writer, &tmp, path)
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
