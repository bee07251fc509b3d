//! `manifest.toml`: what ran, with what, and whether it completed.

use std::collections::BTreeMap;

use serde::Serialize;

/// The output format version (docs/OUTPUT.md, Versioning): 7 since plugin ABI 4 added both
/// sides' choices on the front (the Kremlin's main axis, Kyiv's offensives) to `war.csv`
/// and `summary.csv`.
pub const FORMAT_VERSION: u32 = 8;

/// Status of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    /// Still running (or killed before it could say otherwise).
    Running,
    /// Completed; every file is final.
    Complete,
    /// Stopped by an error; traces are left as `.partial` files.
    Failed,
    /// Stopped by SIGINT or SIGTERM; traces are left as `.partial` files.
    Interrupted,
}

/// A plugin used by the run.
#[derive(Clone, Debug, Serialize)]
pub struct ManifestPlugin {
    /// Declared name.
    pub name: String,
    /// Declared version.
    pub version: String,
    /// ABI version.
    pub abi_version: u32,
    /// File it was loaded from.
    pub path: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Scenario keys whose choice uses it (`policies.capital`, `actors.HUN`), with the policy.
    pub used_by: Vec<String>,
}

/// The manifest.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    /// Manifest format version.
    pub format_version: u32,
    /// `running`, `complete` or `failed`.
    pub status: RunStatus,
    /// The error that stopped a failed run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// sgsim version.
    pub sgsim_version: String,
    /// Plugin ABI version of this sgsim.
    pub abi_version: u32,
    /// Scenario name.
    pub scenario: String,
    /// Scenario file as given.
    pub scenario_file: String,
    /// SHA-256 of `scenario.resolved.toml` (configuration and data contents).
    pub config_sha256: String,
    /// Run seed.
    pub seed: u64,
    /// Ticks asked for.
    pub ticks_requested: u32,
    /// Ticks completed.
    pub ticks_completed: u32,
    /// Command-line overrides (`--set`, `--seed`, `--ticks`) in order.
    pub overrides: Vec<String>,
    /// The format of the traces and the summary: `csv` or `parquet` (`--format`).
    pub format: String,
    /// Wall-clock start, UTC (RFC 3339). Not part of any trace.
    pub started_at: String,
    /// Wall-clock end, UTC (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    /// Rows written per file.
    pub rows: BTreeMap<String, u64>,
    /// Plugins used.
    pub plugins: Vec<ManifestPlugin>,
}

impl Manifest {
    /// As TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(self)
            .unwrap_or_else(|e| format!("# manifest could not be serialised: {e}\n"))
    }
}

/// The current UTC time, RFC 3339 to the second.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
