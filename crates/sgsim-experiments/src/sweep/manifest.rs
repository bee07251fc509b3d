//! The sweep's (or shard's) `manifest.toml`.

use std::path::Path;

use serde::Serialize;

use super::Traces;
use super::plan::Plan;
use super::shard::Shard;
use sgsim_run::output::{Format, ManifestPlugin};

/// Status of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SweepStatus {
    /// Runs are under way (or the process was killed).
    Running,
    /// Every run of this folder is done and the results are written.
    Complete,
    /// Stopped by Ctrl-C; run the same command again to finish.
    Interrupted,
    /// Stopped by an error.
    Failed,
}

/// An arm as recorded.
#[derive(Clone, Debug, Serialize)]
pub struct ManifestArm {
    /// Name.
    pub name: String,
    /// Scenario file.
    pub scenario: String,
}

/// The manifest of a sweep or a shard.
#[derive(Clone, Debug, Serialize)]
pub struct SweepManifest {
    /// Manifest format version.
    pub format_version: u32,
    /// Status.
    pub status: SweepStatus,
    /// The error that stopped it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// sgsim version.
    pub sgsim_version: String,
    /// Sweep name.
    pub sweep: String,
    /// Sweep file as given.
    pub sweep_file: String,
    /// Identity of the plan (sweep file and every resolved design point).
    pub plan_sha256: String,
    /// Master seed.
    pub master_seed: u64,
    /// Replications per arm and point.
    pub replications: u32,
    /// Design kind.
    pub design: String,
    /// Design points.
    pub points: usize,
    /// Arms.
    pub arms: Vec<ManifestArm>,
    /// Runs in the whole plan.
    pub runs_total: usize,
    /// This shard as `I/N`, if sharded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Runs that belong to this folder.
    pub runs_in_folder: usize,
    /// Of those, runs done.
    pub runs_done: usize,
    /// Of those, runs that failed (with `--keep-going`; listed in `failures.csv`).
    pub runs_failed: usize,
    /// `none` or `full`.
    pub traces: String,
    /// The format of `runs`, `ensemble` and the traces: `csv` or `parquet` (`--format`).
    /// A folder is resumed only in the format it was started in.
    pub format: String,
    /// Wall-clock start, UTC.
    pub started_at: String,
    /// Wall-clock end, UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    /// Plugins used by any arm.
    pub plugins: Vec<ManifestPlugin>,
}

impl SweepManifest {
    /// A `running` manifest.
    pub fn new(
        plan: &Plan,
        file: &Path,
        shard: Option<Shard>,
        traces: Traces,
        format: Format,
        runs_in_folder: usize,
    ) -> Self {
        SweepManifest {
            format_version: sgsim_run::output::manifest::FORMAT_VERSION,
            status: SweepStatus::Running,
            error: None,
            sgsim_version: env!("CARGO_PKG_VERSION").to_owned(),
            sweep: plan.sweep.name.clone(),
            sweep_file: file.display().to_string(),
            plan_sha256: plan.sha256(),
            master_seed: plan.sweep.master_seed,
            replications: plan.sweep.replications,
            design: format!("{:?}", plan.sweep.design.kind).to_lowercase(),
            points: plan.design.points.len(),
            arms: plan
                .sweep
                .arms
                .iter()
                .map(|a| ManifestArm {
                    name: a.name.clone(),
                    scenario: a.scenario.display().to_string(),
                })
                .collect(),
            runs_total: plan.len(),
            shard: shard.map(|s| format!("{}/{}", s.index, s.count)),
            runs_in_folder,
            runs_done: 0,
            runs_failed: 0,
            traces: if traces == Traces::Full {
                "full"
            } else {
                "none"
            }
            .to_owned(),
            format: format.name().to_owned(),
            started_at: sgsim_run::output::now(),
            finished_at: None,
            plugins: plan.plugins.clone(),
        }
    }

    /// As TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(self)
            .unwrap_or_else(|e| format!("# manifest could not be serialised: {e}\n"))
    }
}

/// The format a sweep or shard folder was started in: its manifest's `format` (`csv` for a
/// manifest from before `--format`), or `None` for a folder without a sweep manifest.
pub fn folder_format(folder: &Path) -> Result<Option<Format>, String> {
    let path = folder.join("manifest.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return Ok(None);
    };
    if !table.contains_key("plan_sha256") {
        return Ok(None);
    }
    match table.get("format") {
        None => Ok(Some(Format::Csv)),
        Some(value) => value
            .as_str()
            .and_then(Format::from_name)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{}: key `format` is {value}, expected \"csv\" or \"parquet\"",
                    path.display()
                )
            }),
    }
}
