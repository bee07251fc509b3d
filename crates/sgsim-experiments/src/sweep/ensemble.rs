//! `ensemble.csv` (or `.parquet`): per arm, design point, tick and metric, the statistics
//! of the replications, within a fixed memory budget whatever the number of runs.
//!
//! The runs of a design point are read once each, in run order, into blocks of columns (a
//! column per tick and metric). A design point whose columns fit in one block is summarised
//! in memory. A larger one goes to disk a block at a time: where one column of all its runs
//! fits in the budget, the blocks are written as they are and the columns read back whole,
//! a group at a time, and sorted in memory ([`super::block_columns`]); otherwise the blocks
//! are sorted on disk and each column merged back in ascending order
//! ([`super::column_sort`]). All three give exactly the bytes of
//! [`super::stats::stats`] over the whole column: the same sorted sum for the mean, the
//! same type-7 quantiles.

use std::io;
use std::path::{Path, PathBuf};

use super::block_columns::BlockColumns;
use super::column_sort::{Budget, SortedColumns};
use super::finalize::Index;
use super::metrics::METRICS;
use super::plan::Plan;
use super::stats::{Stats, sorted_stats};
use sgsim_run::output::parquet::ParquetFile;
use sgsim_run::output::{Format, commit_file, csvfmt};

/// The memory budget of the ensemble step: 512 KiB of values, 16-way merges.
pub const BUDGET: Budget = Budget {
    bytes: 512 << 10,
    fan_in: 16,
};

/// Header of `ensemble.csv`.
pub const ENSEMBLE_HEADER: [&str; 11] = [
    "arm", "point", "tick", "date", "metric", "n", "mean", "sd", "p05", "p50", "p95",
];

/// Where `ensemble` rows go.
enum EnsembleOut {
    Csv(csv::Writer<io::BufWriter<std::fs::File>>),
    Parquet(ParquetFile),
}

/// Statistics of each of `columns` columns over `runs` (each run's values, column `c` at
/// position `c`; at most `capacity` runs), column by column in order, for the columns with
/// at least one value that is not NaN. Scratch files, when the runs do not fit in
/// `budget`, go to `scratch` and are removed, also on an error.
pub fn column_stats(
    runs: impl Iterator<Item = io::Result<Vec<f64>>>,
    columns: usize,
    capacity: usize,
    budget: Budget,
    scratch: &[PathBuf; 2],
    mut emit: impl FnMut(usize, Stats) -> io::Result<()>,
) -> io::Result<()> {
    // Runs per block: the block holds `rows × columns` values, column by column.
    let rows = (budget.bytes / (columns.max(1) * 8)).clamp(1, capacity.max(1));
    let mut block = vec![0.0_f64; rows * columns];
    let mut counts = vec![0_usize; columns];
    let mut filled = 0;
    let mut sorted: Option<SortedColumns> = None;
    let mut blocks: Option<BlockColumns> = None;
    // Whether one column of every run fits in the budget: then the blocks go to disk as they
    // are and the columns are read back whole, a group at a time, and sorted once each, with
    // no merges.
    let whole_columns = capacity.saturating_mul(8) <= budget.bytes;
    let sort_block = |block: &mut [f64], filled: usize| {
        for c in 0..columns {
            block[c * rows..c * rows + filled].sort_by(f64::total_cmp);
        }
    };
    for run in runs {
        let values = run?;
        if values.len() != columns {
            return Err(io::Error::other(format!(
                "a metrics file has {} values where {columns} were expected",
                values.len()
            )));
        }
        if filled == rows {
            if whole_columns {
                if blocks.is_none() {
                    blocks = Some(BlockColumns::create(scratch[0].clone(), columns, rows)?);
                }
                if let Some(blocks) = &mut blocks {
                    blocks.write_block(&block, filled)?;
                }
            } else {
                sort_block(&mut block, filled);
                if sorted.is_none() {
                    sorted = Some(SortedColumns::create(scratch, columns, capacity, rows)?);
                }
                if let Some(sorted) = &mut sorted {
                    sorted.write_block(&block, rows, filled)?;
                }
            }
            filled = 0;
        }
        for (c, value) in values.into_iter().enumerate() {
            block[c * rows + filled] = value;
            counts[c] += usize::from(!value.is_nan());
        }
        filled += 1;
    }
    if let Some(mut blocks) = blocks {
        if filled > 0 {
            blocks.write_block(&block, filled)?;
        }
        drop(block);
        // As many whole columns at a time as fit in the budget.
        let len = blocks.len() as usize;
        let group = (budget.bytes / (8 * len.max(1))).clamp(1, columns.max(1));
        let mut group_columns = vec![Vec::with_capacity(len); group];
        for first in (0..columns).step_by(group) {
            let count = group.min(columns - first);
            blocks.read_columns(first, &mut group_columns[..count])?;
            for (g, column) in group_columns[..count].iter_mut().enumerate() {
                column.retain(|v| !v.is_nan());
                column.sort_unstable_by(f64::total_cmp);
                if let Some(s) = sorted_stats(counts[first + g], || column.iter().copied()) {
                    emit(first + g, s)?;
                }
            }
        }
        // Dropping `blocks` removes its scratch file.
        return Ok(());
    }
    let Some(mut sorted) = sorted else {
        sort_block(&mut block, filled);
        // Every run fits in one block.
        for (c, &n) in counts.iter().enumerate() {
            let column = &block[c * rows..c * rows + filled];
            if let Some(s) = sorted_stats(n, || column.iter().copied().filter(|v| !v.is_nan())) {
                emit(c, s)?;
            }
        }
        return Ok(());
    };
    sort_block(&mut block, filled);
    if filled > 0 {
        sorted.write_block(&block, rows, filled)?;
    }
    drop(block);
    sorted.reduce(budget)?;
    for (c, &n) in counts.iter().enumerate() {
        // Each pass reads the column back in ascending order; a read error ends the pass
        // and is returned instead of the statistics.
        let error = std::cell::RefCell::new(None);
        let error = &error;
        let pass = || {
            let mut merge = match sorted.column(c, budget) {
                Ok(merge) => Some(merge),
                Err(e) => {
                    error.borrow_mut().get_or_insert(e);
                    None
                }
            };
            std::iter::from_fn(move || match merge.as_mut()?.next_value() {
                Ok(value) => value,
                Err(e) => {
                    error.borrow_mut().get_or_insert(e);
                    None
                }
            })
            .filter(|v| !v.is_nan())
        };
        let s = sorted_stats(n, pass);
        if let Some(e) = error.borrow_mut().take() {
            return Err(e);
        }
        if let Some(s) = s {
            emit(c, s)?;
        }
    }
    // Dropping `sorted` removes its scratch files.
    Ok(())
}

/// Writes `ensemble` in `format` at `path`, within `budget`.
pub fn write_ensemble(
    plan: &Plan,
    index: &Index<'_>,
    path: &Path,
    format: Format,
    budget: Budget,
) -> io::Result<()> {
    let tmp = path.with_extension(match format {
        Format::Csv => "csv.tmp",
        Format::Parquet => "parquet.tmp",
    });
    let scratch = [
        path.with_extension("sort-a.tmp"),
        path.with_extension("sort-b.tmp"),
    ];
    let mut writer = match format {
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(io::BufWriter::new(std::fs::File::create(&tmp)?));
            writer
                .write_record(ENSEMBLE_HEADER)
                .map_err(io::Error::other)?;
            EnsembleOut::Csv(writer)
        }
        Format::Parquet => EnsembleOut::Parquet(ParquetFile::create(&tmp, &ENSEMBLE_HEADER)?),
    };
    let reps = plan.sweep.replications as usize;
    let mut entries = index.entries();
    let mut buf = String::new();
    for group_start in (0..plan.len()).step_by(reps) {
        let spec = plan.run(group_start);
        // The design point's runs that are done, in run order, and their states.
        let mut done = entries
            .by_ref()
            .take(reps)
            .filter_map(|entry| match entry {
                Ok((run, Some((state, _)))) => Some(Ok((run, state))),
                Ok((_, None)) => None,
                Err(e) => Some(Err(e)),
            })
            .peekable();
        let (start_date, ticks) = match done.peek() {
            None => continue,
            Some(Ok((run, state))) => {
                let (start_date, ticks, _) = state.read_metrics(*run)?;
                (start_date, ticks)
            }
            Some(Err(_)) => return Err(done.next().and_then(Result::err).expect("an error")),
        };
        let runs = done.map(|entry| {
            let (run, state) = entry?;
            let (date, run_ticks, values) = state.read_metrics(run)?;
            if (date, run_ticks) != (start_date, ticks) {
                return Err(io::Error::other(format!(
                    "the metrics of run {run} start on {date} with {run_ticks} ticks, but its \
                     design point's first run's on {start_date} with {ticks}"
                )));
            }
            Ok(values)
        });
        let arm = &plan.sweep.arms[spec.arm].name;
        let mut date = (u32::MAX, String::new());
        let columns = ticks as usize * METRICS.len();
        column_stats(runs, columns, reps, budget, &scratch, |c, s| {
            let tick = (c / METRICS.len()) as u32;
            let metric = METRICS[c % METRICS.len()];
            if date.0 != tick {
                date = (
                    tick,
                    (start_date + chrono::Days::new(7 * u64::from(tick)))
                        .format("%Y-%m-%d")
                        .to_string(),
                );
            }
            match &mut writer {
                EnsembleOut::Csv(writer) => {
                    let mut f = |v: f64| csvfmt::float(&mut buf, v).to_owned();
                    writer
                        .write_record([
                            arm.clone(),
                            spec.point.to_string(),
                            tick.to_string(),
                            date.1.clone(),
                            metric.to_owned(),
                            s.n.to_string(),
                            f(s.mean),
                            f(s.sd),
                            f(s.p05),
                            f(s.p50),
                            f(s.p95),
                        ])
                        .map_err(io::Error::other)?;
                }
                EnsembleOut::Parquet(table) => {
                    table.text(arm);
                    table.uint(spec.point as u64);
                    table.uint(u64::from(tick));
                    table.text(&date.1);
                    table.text(metric);
                    table.uint(s.n as u64);
                    for value in [s.mean, s.sd, s.p05, s.p50, s.p95] {
                        table.float(value);
                    }
                    table.end_row()?;
                }
            }
            Ok(())
        })?;
    }
    match writer {
        EnsembleOut::Csv(writer) => sgsim_run::output::commit_csv(writer, &tmp, path),
        EnsembleOut::Parquet(table) => commit_file(&table.into_file()?, &tmp, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::stats::stats;

    /// Runs of `columns` values: uneven magnitudes, duplicates, signed zeros and NaNs.
    fn runs(count: usize, columns: usize) -> Vec<Vec<f64>> {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                (0..columns)
                    .map(|c| match (next() % 11, c) {
                        (_, 0) => f64::NAN, // a metric with no value in any run
                        (0, _) => f64::NAN,
                        (1, _) => -0.0,
                        (2, _) => 0.0,
                        (3, _) => 0.1,
                        _ => (next() as f64 / u64::MAX as f64 - 0.4) * 10f64.powi(c as i32 % 5),
                    })
                    .collect()
            })
            .collect()
    }

    fn summarise(runs: &[Vec<f64>], columns: usize, budget: Budget) -> Vec<(usize, Stats)> {
        let dir = tempfile::tempdir().unwrap();
        let scratch = [dir.path().join("a"), dir.path().join("b")];
        let mut out = Vec::new();
        column_stats(
            runs.iter().cloned().map(Ok),
            columns,
            runs.len(),
            budget,
            &scratch,
            |c, s| {
                out.push((c, s));
                Ok(())
            },
        )
        .unwrap();
        assert!(!scratch[0].exists() && !scratch[1].exists(), "scratch left");
        out
    }

    fn bits(stats: &[(usize, Stats)]) -> Vec<(usize, usize, [u64; 5])> {
        stats
            .iter()
            .map(|(c, s)| {
                let values = [s.mean, s.sd, s.p05, s.p50, s.p95].map(f64::to_bits);
                (*c, s.n, values)
            })
            .collect()
    }

    #[test]
    fn one_pass_and_many_passes_give_the_same_bits_as_stats() {
        let (count, columns) = (2_003, 6);
        let runs = runs(count, columns);
        let mut reference = Vec::new();
        for c in 0..columns {
            let mut column: Vec<f64> = runs.iter().map(|r| r[c]).collect();
            if let Some(s) = stats(&mut column) {
                reference.push((c, s));
            }
        }
        assert_eq!(reference.len(), columns - 1, "column 0 is all NaN");
        for budget in [
            // Everything in one block, in memory.
            BUDGET,
            // Blocks of 416 runs, and one column of all runs fits: each column read whole.
            Budget {
                bytes: 20_000,
                fan_in: 16,
            },
            // Blocks of 833 runs, two whole columns at a time.
            Budget {
                bytes: 40_000,
                fan_in: 16,
            },
            // Blocks of 100 runs: 21 segments, one 16-way round, then the final merge.
            Budget {
                bytes: 100 * columns * 8,
                fan_in: 16,
            },
            // Blocks of 2 runs: 1,002 segments, ten 2-way rounds.
            Budget {
                bytes: 2 * columns * 8,
                fan_in: 2,
            },
            // One run per block, buffers of one value.
            Budget {
                bytes: 1,
                fan_in: 3,
            },
        ] {
            assert_eq!(
                bits(&summarise(&runs, columns, budget)),
                bits(&reference),
                "{budget:?}"
            );
        }
    }

    #[test]
    fn a_metrics_file_of_the_wrong_size_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = [dir.path().join("a"), dir.path().join("b")];
        let runs = vec![Ok(vec![1.0, 2.0]), Ok(vec![1.0])];
        let error =
            column_stats(runs.into_iter(), 2, 2, BUDGET, &scratch, |_, _| Ok(())).unwrap_err();
        assert!(error.to_string().contains("1 values where 2"), "{error}");
    }
}
