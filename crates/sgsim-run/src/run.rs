//! `sgsim run`: one scenario, one seed, one output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sgsim_core::Simulation;

use crate::engine::{ExecError, PluginCache, TickSink, execute};
use crate::error::RunError;
use crate::output::{
    self, ActorTable, Manifest, ManifestPlugin, RowCounts, RunStatus, TraceWriter,
};
use crate::policies::Policies;
use sgsim_scenario::{Override, Resolved, resolve};

/// What to run.
#[derive(Clone, Debug)]
pub struct RunRequest {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Overrides, in order (`--seed` and `--ticks` become `seed=` and `ticks=`).
    pub overrides: Vec<Override>,
    /// Output folder; default `output/<scenario>-seed<seed>`.
    pub out: Option<PathBuf>,
    /// Replace sgsim's files in a non-empty folder.
    pub overwrite: bool,
    /// Also write `decisions.csv`.
    pub decisions: bool,
    /// Run the policies in a policy host child process.
    pub isolate: bool,
    /// The format of the traces and the summary.
    pub format: output::Format,
}

/// What a completed run produced.
#[derive(Clone, Debug)]
pub struct RunReport {
    /// The output folder.
    pub out: PathBuf,
    /// Ticks run.
    pub ticks: u32,
    /// Rows per trace.
    pub rows: RowCounts,
}

/// Resolves the scenario, loads the policies and checks their parameters: everything a run
/// does before its first tick.
pub fn prepare(
    scenario: &Path,
    overrides: &[Override],
    cache: &PluginCache,
) -> Result<(Resolved, Simulation, Policies), RunError> {
    build(resolve(scenario, overrides)?, cache)
}

/// Builds the world and the policies of a resolved scenario.
pub fn build(
    resolved: Resolved,
    cache: &PluginCache,
) -> Result<(Resolved, Simulation, Policies), RunError> {
    let sim = Simulation::new(&resolved.setup).map_err(|e| {
        RunError::Config(sgsim_scenario::ConfigError::file(
            &resolved.doc.path,
            e.to_string(),
        ))
    })?;
    let policies =
        Policies::create(&resolved, sim.actors(), cache).map_err(|e| RunError::Plugin(e.0))?;
    Ok((resolved, sim, policies))
}

/// Says on stderr which dated premises fall after the run's last week (the run goes on).
pub fn warn_premises(setup: &sgsim_core::Setup) {
    for warning in sgsim_core::premises::outside_horizon(setup) {
        eprintln!("warning: {warning} (the run goes on without it)");
    }
}

/// Runs a scenario to completion, writing its folder.
pub fn run(request: &RunRequest) -> Result<RunReport, RunError> {
    let cache = PluginCache::isolated(request.isolate);
    let (resolved, sim, policies) = prepare(&request.scenario, &request.overrides, &cache)?;
    warn_premises(&resolved.setup);
    for (plugin, _) in policies.plugins() {
        eprintln!(
            "sgsim: plugin `{}` {} from {}",
            plugin.name,
            plugin.version,
            plugin.path.display()
        );
    }
    let out = request.out.clone().unwrap_or_else(|| {
        PathBuf::from("output").join(format!(
            "{}-seed{}",
            resolved.setup.scenario, resolved.setup.seed
        ))
    });
    let _lock = output::claim_run_folder(&out, request.overwrite).map_err(RunError::Output)?;
    crate::engine::install_interrupt_handler();
    run_into_folder(
        &resolved,
        sim,
        policies,
        &out,
        &request.overrides,
        request.decisions,
        request.format,
        None,
        Some(crate::engine::stop_flag()),
    )
    .map(|(report, _)| report)
}

/// Sends every tick to two sinks.
struct Tee<'a>(&'a mut dyn TickSink, &'a mut dyn TickSink);

impl TickSink for Tee<'_> {
    fn write_tick(&mut self, rows: &sgsim_core::TickOutput) -> std::io::Result<()> {
        self.0.write_tick(rows)?;
        self.1.write_tick(rows)
    }
}

/// Runs a prepared world into a ready folder: the manifest first (`running`), the traces as
/// `.partial` files, then the final names, the summary and a `complete` manifest, or a
/// `failed` manifest and the error. The traces and the summary are in `format`
/// (`decisions.csv` is always CSV). `extra` also receives every tick (a sweep's metrics);
/// `stop` interrupts between ticks. Returns the report and the summary.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site per front end; each argument is a separate choice"
)]
pub fn run_into_folder(
    resolved: &Resolved,
    mut sim: Simulation,
    mut policies: Policies,
    out: &Path,
    overrides: &[Override],
    decisions: bool,
    format: output::Format,
    extra: Option<&mut dyn TickSink>,
    stop: Option<&std::sync::atomic::AtomicBool>,
) -> Result<(RunReport, sgsim_core::Summary), RunError> {
    let io = |what: &str, e: std::io::Error| {
        RunError::Output(format!("cannot write {what} in {}: {e}", out.display()))
    };
    let mut manifest = Manifest {
        format_version: crate::output::manifest::FORMAT_VERSION,
        status: RunStatus::Running,
        error: None,
        sgsim_version: env!("CARGO_PKG_VERSION").to_owned(),
        abi_version: sgsim_abi::ABI_VERSION,
        scenario: resolved.setup.scenario.clone(),
        scenario_file: resolved.doc.path.display().to_string(),
        config_sha256: resolved.config_sha256.clone(),
        seed: resolved.setup.seed,
        ticks_requested: resolved.setup.ticks,
        ticks_completed: 0,
        overrides: overrides
            .iter()
            .map(|o| format!("{}={}", o.key, o.value))
            .collect(),
        format: format.name().to_owned(),
        started_at: output::now(),
        finished_at: None,
        rows: BTreeMap::new(),
        plugins: manifest_plugins(&policies),
    };
    let manifest_path = out.join("manifest.toml");
    output::write_atomic(&manifest_path, manifest.to_toml().as_bytes())
        .map_err(|e| io("manifest.toml", e))?;
    output::write_atomic(
        &out.join("scenario.resolved.toml"),
        resolved.resolved_toml.as_bytes(),
    )
    .map_err(|e| io("scenario.resolved.toml", e))?;

    let mut traces = TraceWriter::create_as(
        out,
        ActorTable::new(sim.actors()),
        decisions.then(|| policies.labels()),
        format,
    )
    .map_err(|e| io("the traces", e))?;
    let result = match extra {
        Some(extra) => execute(&mut sim, &mut policies, &mut Tee(&mut traces, extra), stop),
        None => execute(&mut sim, &mut policies, &mut traces, stop),
    };
    let failure = match result {
        Ok(()) => None,
        Err(ExecError::Policy(fault)) => Some(RunError::RunFailed(fault.0)),
        Err(ExecError::Io(e)) => Some(io("the traces", e)),
        Err(ExecError::Interrupted) => Some(RunError::Interrupted(format!(
            "interrupted (SIGINT or SIGTERM) after {} of {} ticks; nothing in {} is final",
            sim.tick(),
            resolved.setup.ticks,
            out.display()
        ))),
    };
    let summary = sim.summary();
    manifest.ticks_completed = summary.ticks;
    manifest.finished_at = Some(output::now());
    if let Some(error) = failure {
        let counts = traces.abandon();
        manifest.rows = row_map(counts, false, format);
        manifest.status = if matches!(error, RunError::Interrupted(_)) {
            RunStatus::Interrupted
        } else {
            RunStatus::Failed
        };
        manifest.error = Some(error.to_string());
        let _ = output::write_atomic(&manifest_path, manifest.to_toml().as_bytes());
        return Err(error);
    }
    let counts = traces.counts();
    let summary_name = format.file("summary.csv");
    let finished = traces
        .finish()
        .map_err(|e| io("the traces", e))
        .and_then(|_| {
            let write = match format {
                output::Format::Csv => output::write_summary,
                output::Format::Parquet => output::parquet::write_summary,
            };
            write(
                &out.join(&summary_name),
                &summary,
                resolved.setup.start_date,
                &resolved.config_sha256,
            )
            .map_err(|e| io(&summary_name, e))
        });
    if let Err(error) = finished {
        manifest.rows = row_map(counts, false, format);
        manifest.status = RunStatus::Failed;
        manifest.error = Some(error.to_string());
        let _ = output::write_atomic(&manifest_path, manifest.to_toml().as_bytes());
        return Err(error);
    }
    manifest.rows = row_map(counts, true, format);
    manifest.status = RunStatus::Complete;
    output::write_atomic(&manifest_path, manifest.to_toml().as_bytes())
        .map_err(|e| io("manifest.toml", e))?;
    Ok((
        RunReport {
            out: out.to_owned(),
            ticks: summary.ticks,
            rows: counts,
        },
        summary,
    ))
}

/// The manifest entries of the plugins a run uses.
pub fn manifest_plugins(policies: &Policies) -> Vec<ManifestPlugin> {
    policies
        .plugins()
        .iter()
        .map(|(plugin, used_by)| ManifestPlugin {
            name: plugin.name.clone(),
            version: plugin.version.clone(),
            abi_version: plugin.abi_version,
            path: plugin.path.display().to_string(),
            sha256: plugin.sha256.clone(),
            used_by: used_by.clone(),
        })
        .collect()
}

fn row_map(counts: RowCounts, with_summary: bool, format: output::Format) -> BTreeMap<String, u64> {
    let mut rows = BTreeMap::from([
        (format.file("resolve.csv"), counts.resolve),
        (format.file("aid_flows.csv"), counts.aid_flows),
        (format.file("force_posture.csv"), counts.force_posture),
        (format.file("events.csv"), counts.events),
        (format.file("beliefs.csv"), counts.beliefs),
        (format.file("war.csv"), counts.war),
    ]);
    if let Some(decisions) = counts.decisions {
        rows.insert("decisions.csv".to_owned(), decisions);
    }
    if with_summary {
        rows.insert(format.file("summary.csv"), 1);
    }
    rows
}
