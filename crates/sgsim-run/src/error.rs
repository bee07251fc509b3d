//! The failures of a run, one variant per exit code the `sgsim` command gives them.

use sgsim_scenario::ConfigError;

/// A failure of a run (`sgsim-cli` maps each variant to its exit code).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A scenario or data file is invalid.
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
    /// A plugin problem before the run.
    #[error("{0}")]
    Plugin(String),
    /// The output folder cannot be used.
    #[error("{0}")]
    Output(String),
    /// The run failed part-way.
    #[error("run failed: {0}")]
    RunFailed(String),
    /// Stopped by the user.
    #[error("{0}")]
    Interrupted(String),
}
