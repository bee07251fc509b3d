//! `sgsim sweep` and `sgsim merge`: many runs across arms, design points and replications,
//! in parallel, resumable, shardable, with results that do not depend on how they ran.

mod design;
mod finalize;
mod manifest;
mod metrics;
mod morris;
mod plan;
mod progress;
mod shard;
mod spec;
mod stats;
mod store;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

pub use design::{Design, MorrisPlan};
pub use finalize::{ENSEMBLE_HEADER, RUN_COLUMNS};
pub use metrics::METRICS;
pub use morris::{SENSITIVITY_HEADER, outcomes};
pub use plan::{Plan, RunSpec};
pub use shard::Shard;
pub use spec::{DesignKind, Sweep};
pub use stats::{Stats, quantile, stats};

use crate::engine::{ExecError, PluginCache, execute, stop_flag};
use crate::error::CliError;
use crate::output::{self, summary_record};
use finalize::Index;
use manifest::{SweepManifest, SweepStatus};
use store::{Finished, State};

/// Whether per-run trace folders are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
pub fn sweep(request: &SweepRequest) -> Result<SweepReport, CliError> {
    let sweep = Sweep::load(&request.file)?;
    let base = request
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&sweep.name));
    let folder = match request.shard {
        Some(shard) => base.join(shard.folder_name()),
        None => base.clone(),
    };
    let _lock = claim_sweep_folder(&folder)?;
    let previous = output::manifest_status(&folder);
    let cache = PluginCache::default();
    let plan = Plan::new(sweep, &cache)?;
    let mut state =
        State::open(&folder, &plan.sha256(), Some(&plan.identity())).map_err(CliError::Output)?;
    if previous.as_deref() == Some("running") {
        eprintln!(
            "sweep: the last sweep in {} stopped without finishing (its manifest says running, \
             but no process held its lock: it crashed or was killed); resuming",
            folder.display()
        );
    }
    let mine: Vec<usize> = (0..plan.len())
        .filter(|&i| request.shard.is_none_or(|s| s.owns(i)))
        .collect();
    let done: Vec<bool> = {
        let mut done = vec![false; plan.len()];
        for line in &state.lines {
            if metrics::read_header(&state.metrics_path(line.index)).is_some()
                && let Some(slot) = done.get_mut(line.index)
            {
                *slot = true;
            }
        }
        done
    };
    let pending: Vec<usize> = mine.iter().copied().filter(|&i| !done[i]).collect();
    let jobs = request
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let mut manifest = SweepManifest::new(
        &plan,
        &request.file,
        request.shard,
        request.traces,
        mine.len(),
    );
    manifest.runs_done = mine.len() - pending.len();
    let manifest_path = folder.join("manifest.toml");
    let write_manifest = |manifest: &SweepManifest| {
        output::write_atomic(&manifest_path, manifest.to_toml().as_bytes())
            .map_err(|e| CliError::Output(format!("cannot write {}: {e}", manifest_path.display())))
    };
    write_manifest(&manifest)?;
    crate::engine::install_interrupt_handler();

    let mut progress =
        progress::Progress::new(mine.len() as u64, (mine.len() - pending.len()) as u64);
    let failure = run_pending(
        &plan,
        &cache,
        &pending,
        jobs,
        request.traces,
        &base,
        &mut state,
        &mut progress,
        &mut manifest,
    );
    progress.finish();
    let ran = manifest.runs_done - (mine.len() - pending.len());
    manifest.finished_at = Some(output::now());
    if let Some(error) = failure {
        manifest.status = if matches!(error, CliError::Interrupted(_)) {
            SweepStatus::Interrupted
        } else {
            SweepStatus::Failed
        };
        manifest.error = Some(error.to_string());
        write_manifest(&manifest)?;
        return Err(error);
    }
    if request.shard.is_none() {
        let states = [state];
        let index = Index::new(plan.len(), &states);
        finalize::write_results(&plan, &index, &folder).map_err(|e| {
            CliError::Output(format!(
                "cannot write the results in {}: {e}",
                folder.display()
            ))
        })?;
    }
    manifest.status = SweepStatus::Complete;
    write_manifest(&manifest)?;
    Ok(SweepReport {
        folder,
        runs: mine.len(),
        ran,
    })
}

/// Locks a sweep (or shard) folder and refuses one that holds a single run.
fn claim_sweep_folder(folder: &Path) -> Result<output::FolderLock, CliError> {
    if folder.exists() && !folder.is_dir() {
        return Err(CliError::Output(format!(
            "{} exists and is not a folder",
            folder.display()
        )));
    }
    let lock = output::lock_folder(folder).map_err(CliError::Output)?;
    if output::manifest_has(folder, "scenario") && !output::manifest_has(folder, "plan_sha256") {
        return Err(CliError::Output(format!(
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
    pending: &[usize],
    jobs: usize,
    traces: Traces,
    base: &Path,
    state: &mut State,
    progress: &mut progress::Progress,
    manifest: &mut SweepManifest,
) -> Option<CliError> {
    let cursor = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    let mut failure = None;
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Result<Finished, CliError>>(jobs * 2);
        for _ in 0..jobs.min(pending.len().max(1)) {
            let sender = sender.clone();
            let (cursor, abort) = (&cursor, &abort);
            scope.spawn(move || {
                // The last design point resolved on this thread: its other replications
                // reuse it with their own seed instead of parsing the scenario again.
                let mut last: Option<((usize, usize), crate::config::Resolved)> = None;
                while !stop_flag().load(Ordering::Relaxed) && !abort.load(Ordering::Relaxed) {
                    let k = cursor.fetch_add(1, Ordering::Relaxed);
                    let Some(&index) = pending.get(k) else { break };
                    let result = run_one(plan, cache, plan.run(index), traces, base, &mut last);
                    if sender.send(result).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for result in receiver {
            match result.and_then(|finished| {
                state.record(&finished).map_err(|e| {
                    CliError::Output(format!("cannot record run {}: {e}", finished.index))
                })
            }) {
                Ok(()) => {
                    manifest.runs_done += 1;
                    progress.inc();
                }
                Err(CliError::Interrupted(_)) => {}
                Err(error) => {
                    abort.store(true, Ordering::SeqCst);
                    failure.get_or_insert(error);
                }
            }
        }
    });
    if failure.is_none() && stop_flag().load(Ordering::SeqCst) {
        failure = Some(CliError::Interrupted(format!(
            "interrupted after {} of {} runs; run the same command again to finish the rest",
            manifest.runs_done, manifest.runs_in_folder
        )));
    }
    failure
}

/// One run: resolve, build, execute into the metrics (and the traces when asked).
fn run_one(
    plan: &Plan,
    cache: &PluginCache,
    spec: RunSpec,
    traces: Traces,
    base: &Path,
    last: &mut Option<((usize, usize), crate::config::Resolved)>,
) -> Result<Finished, CliError> {
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
    let (resolved, mut sim, mut policies) = crate::run::build(resolved, cache)?;
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
            Err(ExecError::Interrupted) => return Err(CliError::Interrupted(String::new())),
            Err(e) => return Err(CliError::RunFailed(describe(e.to_string()))),
        },
        Traces::Full => {
            let folder = base
                .join("traces")
                .join(format!("{arm}-p{}-r{}", spec.point, spec.replication));
            output::prepare_folder(&folder, true).map_err(CliError::Output)?;
            match crate::run::run_into_folder(
                &resolved,
                sim,
                policies,
                &folder,
                &overrides,
                false,
                Some(&mut metrics),
                Some(stop_flag()),
            ) {
                Ok((_, summary)) => summary,
                Err(CliError::RunFailed(e)) => return Err(CliError::RunFailed(describe(e))),
                Err(e) => return Err(e),
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
        metrics: metrics::encode(resolved.setup.start_date, &metrics.values),
    })
}

/// Merges the shards of a sweep folder into its results.
pub fn merge(folder: &Path) -> Result<SweepReport, CliError> {
    shard::merge(folder)
}
