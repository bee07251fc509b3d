//! The failures of a sweep or a calibration, one variant per exit code the `sgsim` command
//! gives them.

use sgsim_run::RunError;
use sgsim_scenario::ConfigError;

/// A failure of a sweep, a merge or a calibration (`sgsim-cli` maps each variant to its
/// exit code).
#[derive(Debug, thiserror::Error)]
pub enum ExperimentError {
    /// A bad request (a shard that does not exist, a sweep too large).
    #[error("{0}")]
    Usage(String),
    /// A scenario, data, sweep or targets file is invalid.
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
    /// A plugin problem before the runs.
    #[error("{0}")]
    Plugin(String),
    /// The output folder cannot be used.
    #[error("{0}")]
    Output(String),
    /// A run failed part-way.
    #[error("run failed: {0}")]
    RunFailed(String),
    /// Stopped by the user.
    #[error("{0}")]
    Interrupted(String),
    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<RunError> for ExperimentError {
    fn from(e: RunError) -> Self {
        match e {
            RunError::Config(e) => ExperimentError::Config(e),
            RunError::Plugin(m) => ExperimentError::Plugin(m),
            RunError::Output(m) => ExperimentError::Output(m),
            RunError::RunFailed(m) => ExperimentError::RunFailed(m),
            RunError::Interrupted(m) => ExperimentError::Interrupted(m),
        }
    }
}
