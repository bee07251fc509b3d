//! `sgsim sweep` and `sgsim merge`: many runs across arms, design points and replications,
//! in parallel, resumable, shardable, with results that do not depend on how they ran.

mod block_columns;
mod column_sort;
mod design;
mod ensemble;
mod finalize;
mod manifest;
mod metrics;
mod morris;
mod plan;
mod progress;
mod run_index;
mod shard;
mod size;
mod spec;
mod stats;
mod store;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

pub use design::{Design, MorrisPlan};
pub use ensemble::ENSEMBLE_HEADER;
pub use finalize::RUN_COLUMNS;
pub use metrics::METRICS;
pub use morris::{SENSITIVITY_HEADER, outcomes};
pub use plan::{Plan, RunSpec};
pub use shard::Shard;
pub use size::DEFAULT_MAX_RUNS;
pub use spec::{DesignKind, Sweep};
pub use stats::{Stats, quantile, stats};

use crate::error::ExperimentError;
use finalize::Index;
use manifest::{SweepManifest, SweepStatus};
use sgsim_run::RunError;
use sgsim_run::engine::{ExecError, PluginCache, execute, stop_flag};
use sgsim_run::output::{self, Format, summary_record};
use store::{Done, Finished, State};

/// Whether per-run trace folders are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Traces {
    /// Only `runs.csv` and `ensemble.csv`.
    None,
    /// Also a full trace folder per run under `traces/`.
    Full,
}

/// What to sweep.
#[derive(Clone, Debug)]
pub struct SweepRequest {
    /// The sweep file.
    pub file: PathBuf,
    /// Parallel runs; default all cores.
    pub jobs: Option<usize>,
    /// Output folder; default `output/<sweep name>`.
    pub out: Option<PathBuf>,
    /// The slice of runs to do (from `--shard` or a Slurm job array).
    pub shard: Option<Shard>,
    /// Per-run traces.
    pub traces: Traces,
    /// Refuse a sweep of more runs than this.
    pub max_runs: u64,
    /// Run each run's policies in a policy host child process.
    pub isolate: bool,
    /// Record a failed run and go on with the others.
    pub keep_going: bool,
    /// The format of `runs`, `ensemble` and the traces.
    pub format: Format,
}

/// What a sweep did.
#[derive(Clone, Debug)]
pub struct SweepReport {
    /// Folder of this sweep or shard.
    pub folder: PathBuf,
    /// Runs in this sweep or shard.
    pub runs: usize,
    /// Runs done by this invocation (the rest were already complete).
    pub ran: usize,
}

/// Runs a sweep (or one shard of it).
pub fn sweep(request: &SweepRequest) -> Result<SweepReport, ExperimentError> {
    sgsim_run::engine::install_interrupt_handler();
    let sweep = Sweep::load(&request.file)?;
    let size = size::Size::of(&sweep);
    size::check_limit(&sweep, &size, request.max_runs).map_err(ExperimentError::Usage)?;
    let base = request
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&sweep.name));
    let folder = match request.shard {
        Some(shard) => base.join(shard.folder_name()),
        None => base.clone(),
    };
    let _lock = claim_sweep_folder(&folder)?;
    if let Some(started) = manifest::folder_format(&folder).map_err(ExperimentError::Output)?
        && started != request.format
    {
        return Err(ExperimentError::Usage(format!(
            "{} holds a sweep started with --format {}; resume it with --format {} (its \
             finished runs and results are in that format), or choose another --out for --format {}",
            folder.display(),
            started.name(),
            started.name(),
            request.format.name()
        )));
    }
    let previous = output::manifest_status(&folder);
    let cache = PluginCache::isolated(request.isolate);
    let plan = Plan::new(sweep, &cache)?;
    let mut state = State::open(&folder, &plan.sha256(), Some(&plan.identity()), plan.len())
        .map_err(ExperimentError::Output)?;
    if previous.as_deref() == Some("running") {
        eprintln!(
            "sweep: the last sweep in {} stopped without finishing (its manifest says running, \
             but no process held its lock: it crashed or was killed); resuming",
            folder.display()
        );
    }
    let mine = Owned {
        shard: request.shard,
        len: plan.len(),
    };
    // Which runs are done is looked up in the state's run index, never held in memory.
    let unreadable = |e: std::io::Error| {
        ExperimentError::Output(format!(
            "cannot read the run index in {}: {e}",
            folder.display()
        ))
    };
    let done = state.done().map_err(unreadable)?;
    let (done_count, first_pending) = count_done(&state, &done, &mine).map_err(unreadable)?;
    let pending_count = mine.count() - done_count;
    let jobs = request
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let mut manifest = SweepManifest::new(
        &plan,
        &request.file,
        request.shard,
        request.traces,
        request.format,
        mine.count(),
    );
    manifest.runs_done = done_count;
    let manifest_path = folder.join("manifest.toml");
    let write_manifest = |manifest: &SweepManifest| {
        output::write_atomic(&manifest_path, manifest.to_toml().as_bytes()).map_err(|e| {
            ExperimentError::Output(format!("cannot write {}: {e}", manifest_path.display()))
        })
    };
    write_manifest(&manifest)?;

    let mut progress = progress::Progress::new(mine.count() as u64, done_count as u64);
    let pending = Pending {
        owned: &mine,
        done: &done,
    };
    // The first pending run is run alone and timed, for the estimate of time and disk.
    let first = first_pending.map(|index| mine.position(index));
    let mut failure = None;
    let mut from = 0;
    if let Some(k) = first {
        from = k + 1;
        let started = std::time::Instant::now();
        let mut last = None;
        let index = mine.index(k);
        let result = run_one(
            &plan,
            &cache,
            plan.run(index),
            (request.traces, request.format),
            &base,
            &mut last,
        )
        .and_then(|finished| {
            state.record(&finished).map_err(|e| {
                ExperimentError::Output(format!("cannot record run {}: {e}", finished.index))
            })?;
            Ok(finished.metrics.len() as u64)
        });
        match result {
            Ok(metrics_bytes) => {
                manifest.runs_done += 1;
                let elapsed = started.elapsed();
                let traces = if request.traces == Traces::Full {
                    folder_bytes(&base.join("traces"))
                } else {
                    0
                };
                let per_run = metrics_bytes + traces + 400;
                eprintln!(
                    "{}",
                    size::estimate(&size, pending_count as u64, jobs, elapsed, per_run)
                );
                progress.inc();
            }
            Err(ExperimentError::RunFailed(message)) if request.keep_going => {
                state.record_failure(index, &message).map_err(|e| {
                    ExperimentError::Output(format!(
                        "cannot record the failure of run {index}: {e}"
                    ))
                })?;
                manifest.runs_failed += 1;
                progress.inc();
            }
            Err(error) => failure = Some(error),
        }
    }
    if failure.is_none() {
        failure = run_pending(
            &plan,
            &cache,
            &pending,
            from,
            jobs,
            (request.traces, request.format),
            &base,
            request.keep_going,
            &mut state,
            &mut progress,
            &mut manifest,
        );
    } else if matches!(failure, Some(ExperimentError::Interrupted(_))) {
        failure = Some(ExperimentError::Interrupted(format!(
            "interrupted after {} of {} runs; run the same command again to finish the rest",
            manifest.runs_done, manifest.runs_in_folder
        )));
    }
    progress.finish();
    let ran = manifest.runs_done - done_count;
    manifest.finished_at = Some(output::now());
    if let Some(error) = failure {
        manifest.status = if matches!(error, ExperimentError::Interrupted(_)) {
            SweepStatus::Interrupted
        } else {
            SweepStatus::Failed
        };
        manifest.error = Some(error.to_string());
        write_manifest(&manifest)?;
        return Err(error);
    }
    let failures = state.failures();
    finalize::write_failures(&plan, &failures, &folder.join("failures.csv")).map_err(|e| {
        ExperimentError::Output(format!(
            "cannot write failures.csv in {}: {e}",
            folder.display()
        ))
    })?;
    if request.shard.is_none() {
        let states = [state];
        let index = Index::new(plan.len(), &states);
        finalize::write_results(&plan, &index, &folder, request.format).map_err(|e| {
            ExperimentError::Output(format!(
                "cannot write the results in {}: {e}",
                folder.display()
            ))
        })?;
    }
    if let Some((first, message)) = failures.first() {
        let error = ExperimentError::RunFailed(format!(
            "{} of {} runs failed and are listed in {} (the first, run {first}: {message}); the other runs are complete",
            failures.len(),
            mine.count(),
            folder.join("failures.csv").display()
        ));
        manifest.status = SweepStatus::Failed;
        manifest.error = Some(error.to_string());
        write_manifest(&manifest)?;
        return Err(error);
    }
    manifest.status = SweepStatus::Complete;
    write_manifest(&manifest)?;
    Ok(SweepReport {
        folder,
        runs: mine.count(),
        ran,
    })
}

/// The runs a folder owns: all of them, or a shard's (`index mod N = I`), by position.
struct Owned {
    shard: Option<Shard>,
    len: usize,
}

impl Owned {
    fn count(&self) -> usize {
        match self.shard {
            None => self.len,
            Some(s) => self.len.saturating_sub(s.index).div_ceil(s.count),
        }
    }

    /// The run index of the `k`-th owned run.
    fn index(&self, k: usize) -> usize {
        match self.shard {
            None => k,
            Some(s) => s.index + k * s.count,
        }
    }

    /// The position among the owned runs of the owned run `index`.
    fn position(&self, index: usize) -> usize {
        match self.shard {
            None => index,
            Some(s) => (index - s.index) / s.count,
        }
    }

    fn owns(&self, index: usize) -> bool {
        self.shard.is_none_or(|s| s.owns(index))
    }
}

/// The owned runs not yet done.
struct Pending<'a> {
    owned: &'a Owned,
    done: &'a Done,
}

/// How many owned runs are done (a journal line and intact metrics), and the first owned
/// run that is not, reading the run index in order.
fn count_done(
    state: &State,
    done: &Done,
    owned: &Owned,
) -> std::io::Result<(usize, Option<usize>)> {
    let mut count = 0;
    let mut first = None;
    for (index, line) in state.lines().enumerate() {
        if !owned.owns(index) {
            continue;
        }
        if line?.is_some() && done.contains(index) {
            count += 1;
        } else {
            first.get_or_insert(index);
        }
    }
    Ok((count, first))
}

/// Bytes of the files under `dir`.
fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => folder_bytes(&entry.path()),
            Ok(_) => entry.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}

/// Locks a sweep (or shard) folder and refuses one that holds a single run.
fn claim_sweep_folder(folder: &Path) -> Result<output::FolderLock, ExperimentError> {
    if folder.exists() && !folder.is_dir() {
        return Err(ExperimentError::Output(format!(
            "{} exists and is not a folder",
            folder.display()
        )));
    }
    let lock = output::lock_folder(folder).map_err(ExperimentError::Output)?;
    if output::manifest_has(folder, "scenario") && !output::manifest_has(folder, "plan_sha256") {
        return Err(ExperimentError::Output(format!(
            "{} holds a single run of `sgsim run` (its manifest.toml names a scenario), not a \
             sweep; a sweep would overwrite it: choose another --out",
            folder.display()
        )));
    }
    Ok(lock)
}

/// Runs `pending` on `jobs` threads, storing each finished run; returns the first failure.
#[allow(
    clippy::too_many_arguments,
    reason = "the sweep's shared state, passed once"
)]
fn run_pending(
    plan: &Plan,
    cache: &PluginCache,
    pending: &Pending<'_>,
    from: usize,
    jobs: usize,
    traces: (Traces, Format),
    base: &Path,
    keep_going: bool,
    state: &mut State,
    progress: &mut progress::Progress,
    manifest: &mut SweepManifest,
) -> Option<ExperimentError> {
    let cursor = AtomicUsize::new(from);
    let total = pending.owned.count();
    let abort = AtomicBool::new(false);
    let mut failure = None;
    std::thread::scope(|scope| {
        let (sender, receiver) =
            mpsc::sync_channel::<(usize, Result<Finished, ExperimentError>)>(jobs * 2);
        for _ in 0..jobs.min(total.saturating_sub(from).max(1)) {
            let sender = sender.clone();
            let (cursor, abort) = (&cursor, &abort);
            scope.spawn(move || {
                // The last design point resolved on this thread: its other replications
                // reuse it with their own seed instead of parsing the scenario again.
                let mut last: Option<((usize, usize), sgsim_scenario::Resolved)> = None;
                while !stop_flag().load(Ordering::Relaxed) && !abort.load(Ordering::Relaxed) {
                    let k = cursor.fetch_add(1, Ordering::Relaxed);
                    if k >= total {
                        break;
                    }
                    let index = pending.owned.index(k);
                    if pending.done.contains(index) {
                        continue;
                    }
                    let result = run_one(plan, cache, plan.run(index), traces, base, &mut last);
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (index, result) in receiver {
            match result.and_then(|finished| {
                state.record(&finished).map_err(|e| {
                    ExperimentError::Output(format!("cannot record run {}: {e}", finished.index))
                })
            }) {
                Ok(()) => {
                    manifest.runs_done += 1;
                    progress.inc();
                }
                Err(ExperimentError::Interrupted(_)) => {}
                Err(ExperimentError::RunFailed(message)) if keep_going => {
                    if let Err(e) = state.record_failure(index, &message) {
                        abort.store(true, Ordering::SeqCst);
                        failure.get_or_insert(ExperimentError::Output(format!(
                            "cannot record the failure of run {index}: {e}"
                        )));
                    }
                    manifest.runs_failed += 1;
                    progress.inc();
                }
                Err(error) => {
                    abort.store(true, Ordering::SeqCst);
                    failure.get_or_insert(error);
                }
            }
        }
    });
    if failure.is_none() && stop_flag().load(Ordering::SeqCst) {
        failure = Some(ExperimentError::Interrupted(format!(
            "interrupted after {} of {} runs; run the same command again to finish the rest",
            manifest.runs_done, manifest.runs_in_folder
        )));
    }
    failure
}

/// One run: resolve, build, execute into the metrics (and the traces, in their format,
/// when asked).
fn run_one(
    plan: &Plan,
    cache: &PluginCache,
    spec: RunSpec,
    (traces, format): (Traces, Format),
    base: &Path,
    last: &mut Option<((usize, usize), sgsim_scenario::Resolved)>,
) -> Result<Finished, ExperimentError> {
    let overrides = plan.overrides(&spec);
    let key = (spec.arm, spec.point);
    let resolved = match last {
        Some((cached, resolved)) if *cached == key => resolved.with_seed(spec.seed),
        _ => {
            let resolved = plan.sources[spec.arm].resolve(&overrides)?;
            *last = Some((key, resolved.clone()));
            resolved
        }
    };
    let (resolved, mut sim, mut policies) = sgsim_run::run::build(resolved, cache)?;
    let mut metrics = metrics::MetricSink::new(sim.actors(), resolved.setup.ticks);
    let arm = &plan.sweep.arms[spec.arm].name;
    let describe = |error: String| {
        format!(
            "run {} (arm {arm}, point {}, replication {}, seed {}): {error}",
            spec.index, spec.point, spec.replication, spec.seed
        )
    };
    let summary = match traces {
        Traces::None => match execute(&mut sim, &mut policies, &mut metrics, Some(stop_flag())) {
            Ok(()) => sim.summary(),
            Err(ExecError::Interrupted) => return Err(ExperimentError::Interrupted(String::new())),
            Err(e) => return Err(ExperimentError::RunFailed(describe(e.to_string()))),
        },
        Traces::Full => {
            let folder = base
                .join("traces")
                .join(format!("{arm}-p{}-r{}", spec.point, spec.replication));
            output::prepare_folder(&folder, true).map_err(ExperimentError::Output)?;
            match sgsim_run::run::run_into_folder(
                &resolved,
                sim,
                policies,
                &folder,
                &overrides,
                false,
                format,
                Some(&mut metrics),
                Some(stop_flag()),
            ) {
                Ok((_, summary)) => summary,
                Err(RunError::RunFailed(e)) => return Err(ExperimentError::RunFailed(describe(e))),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let mut record = vec![
        resolved.config_sha256[..16].to_owned(),
        spec.index.to_string(),
        arm.clone(),
        spec.point.to_string(),
        spec.replication.to_string(),
    ];
    record.extend(
        plan.design.points[spec.point]
            .iter()
            .map(|value| spec::display_value(value)),
    );
    record.extend(summary_record(
        &summary,
        resolved.setup.start_date,
        &resolved.config_sha256,
    ));
    Ok(Finished {
        index: spec.index,
        record,
        metrics: metrics::encode_record(spec.index, resolved.setup.start_date, &metrics.values),
    })
}

/// Merges the shards of a sweep folder into its results.
pub fn merge(folder: &Path) -> Result<SweepReport, ExperimentError> {
    shard::merge(folder)
}
