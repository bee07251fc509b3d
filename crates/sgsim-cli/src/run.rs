//! `sgsim run`: one scenario, one seed, one output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sgsim_core::Simulation;

use crate::config::{Override, Resolved, resolve};
use crate::engine::{ExecError, PluginCache, execute};
use crate::error::CliError;
use crate::output::{
    self, ActorTable, Manifest, ManifestPlugin, RowCounts, RunStatus, TraceWriter,
};
use crate::policies::Policies;

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
) -> Result<(Resolved, Simulation, Policies), CliError> {
    build(resolve(scenario, overrides)?, cache)
}

/// Builds the world and the policies of a resolved scenario.
pub fn build(resolved: Resolved, cache: &PluginCache) -> Result<(Resolved, Simulation, Policies), CliError> {
    let sim = Simulation::new(&resolved.setup)
        .map_err(|e| CliError::Config(crate::config::ConfigError::file(&resolved.doc.path, e.to_string())))?;
    let policies = Policies::create(&resolved, sim.actors(), cache).map_err(|e| CliError::Plugin(e.0))?;
    Ok((resolved, sim, policies))
}

/// Runs a scenario to completion, writing its folder.
pub fn run(request: &RunRequest) -> Result<RunReport, CliError> {
    let cache = PluginCache::default();
    let (resolved, mut sim, mut policies) = prepare(&request.scenario, &request.overrides, &cache)?;
    let out = request.out.clone().unwrap_or_else(|| {
        PathBuf::from("output").join(format!(
            "{}-seed{}",
            resolved.setup.scenario, resolved.setup.seed
        ))
    });
    output::prepare_folder(&out, request.overwrite).map_err(CliError::Output)?;
    let io = |what: &str, e: std::io::Error| {
        CliError::Output(format!("cannot write {what} in {}: {e}", out.display()))
    };

    let mut manifest = Manifest {
        format_version: 1,
        status: RunStatus::Running,
        error: None,
        sgsim_version: env!("CARGO_PKG_VERSION").to_owned(),
        abi_version: sgsim_abi::ABI_VERSION,
        scenario: resolved.setup.scenario.clone(),
        scenario_file: request.scenario.display().to_string(),
        config_sha256: resolved.config_sha256.clone(),
        seed: resolved.setup.seed,
        ticks_requested: resolved.setup.ticks,
        ticks_completed: 0,
        overrides: request
            .overrides
            .iter()
            .map(|o| format!("{}={}", o.key, o.value))
            .collect(),
        started_at: output::now(),
        finished_at: None,
        rows: BTreeMap::new(),
        plugins: policies
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
            .collect(),
    };
    let manifest_path = out.join("manifest.toml");
    output::write_atomic(&manifest_path, manifest.to_toml().as_bytes())
        .map_err(|e| io("manifest.toml", e))?;
    output::write_atomic(
        &out.join("scenario.resolved.toml"),
        resolved.resolved_toml.as_bytes(),
    )
    .map_err(|e| io("scenario.resolved.toml", e))?;

    let mut traces = TraceWriter::create(&out, ActorTable::new(sim.actors()))
        .map_err(|e| io("the traces", e))?;
    let failure = match execute(&mut sim, &mut policies, &mut traces, None) {
        Ok(()) => None,
        Err(ExecError::Policy(fault)) => Some(CliError::RunFailed(fault.0)),
        Err(ExecError::Io(e)) => Some(io("the traces", e)),
        Err(ExecError::Interrupted) => Some(CliError::RunFailed("interrupted".to_owned())),
    };
    let summary = sim.summary();
    manifest.ticks_completed = summary.ticks;
    manifest.finished_at = Some(output::now());
    if let Some(error) = failure {
        let counts = traces.abandon();
        manifest.rows = row_map(counts, false);
        manifest.status = RunStatus::Failed;
        manifest.error = Some(error.to_string());
        let _ = output::write_atomic(&manifest_path, manifest.to_toml().as_bytes());
        return Err(error);
    }
    let counts = traces.finish().map_err(|e| io("the traces", e))?;
    output::write_summary(
        &out.join("summary.csv"),
        &summary,
        resolved.setup.start_date,
        &resolved.config_sha256,
    )
    .map_err(|e| io("summary.csv", e))?;
    manifest.rows = row_map(counts, true);
    manifest.status = RunStatus::Complete;
    output::write_atomic(&manifest_path, manifest.to_toml().as_bytes())
        .map_err(|e| io("manifest.toml", e))?;
    Ok(RunReport {
        out,
        ticks: summary.ticks,
        rows: counts,
    })
}

fn row_map(counts: RowCounts, with_summary: bool) -> BTreeMap<String, u64> {
    let mut rows = BTreeMap::from([
        ("resolve.csv".to_owned(), counts.resolve),
        ("aid_flows.csv".to_owned(), counts.aid_flows),
        ("force_posture.csv".to_owned(), counts.force_posture),
        ("events.csv".to_owned(), counts.events),
        ("beliefs.csv".to_owned(), counts.beliefs),
        ("war.csv".to_owned(), counts.war),
    ]);
    if with_summary {
        rows.insert("summary.csv".to_owned(), 1);
    }
    rows
}
