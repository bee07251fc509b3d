//! Errors the user can cause, each with its documented exit code.

use crate::config::ConfigError;
use sgsim_experiments::ExperimentError;
use sgsim_run::RunError;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an internal error (a bug in sgsim; please report it).
pub const EXIT_INTERNAL: i32 = 1;
/// Exit code: invalid command-line usage.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: invalid scenario or data file.
pub const EXIT_CONFIG: i32 = 3;
/// Exit code: a plugin could not be found, loaded or created (also the code of the hidden
/// `__probe-plugin` subcommand for a refused plugin, which the probing parent reads).
pub const EXIT_PLUGIN: i32 = 4;
/// Exit code: the output folder could not be used or written.
pub const EXIT_OUTPUT: i32 = 5;
/// Exit code: the run stopped because a policy failed or returned an invalid action.
pub const EXIT_RUN_FAILED: i32 = 6;
/// Exit code: `sgsim report` refused to compare arms (different horizons or start dates).
pub const EXIT_INCOMPARABLE: i32 = 7;
/// Exit code: stopped by Ctrl-C (SIGINT); finished runs are kept.
pub const EXIT_INTERRUPTED: i32 = 130;

/// A failure of a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad command-line usage.
    #[error("{0}")]
    Usage(String),
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
    /// `sgsim report` refused a comparison.
    #[error("{0}")]
    Incomparable(String),
    /// Stopped by the user.
    #[error("{0}")]
    Interrupted(String),
    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),
}

impl CliError {
    /// The exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Config(_) => EXIT_CONFIG,
            CliError::Plugin(_) => EXIT_PLUGIN,
            CliError::Output(_) => EXIT_OUTPUT,
            CliError::RunFailed(_) => EXIT_RUN_FAILED,
            CliError::Incomparable(_) => EXIT_INCOMPARABLE,
            CliError::Interrupted(_) => EXIT_INTERRUPTED,
            CliError::Internal(_) => EXIT_INTERNAL,
        }
    }
}

// The hidden `__probe-plugin` subcommand answers with these codes.
const _: () = assert!(sgsim_run::probe::PROBE_OK == EXIT_OK);
const _: () = assert!(sgsim_run::probe::PROBE_REFUSED == EXIT_PLUGIN);

impl From<RunError> for CliError {
    fn from(e: RunError) -> Self {
        match e {
            RunError::Config(e) => CliError::Config(e),
            RunError::Plugin(m) => CliError::Plugin(m),
            RunError::Output(m) => CliError::Output(m),
            RunError::RunFailed(m) => CliError::RunFailed(m),
            RunError::Interrupted(m) => CliError::Interrupted(m),
        }
    }
}

impl From<ExperimentError> for CliError {
    fn from(e: ExperimentError) -> Self {
        match e {
            ExperimentError::Usage(m) => CliError::Usage(m),
            ExperimentError::Config(e) => CliError::Config(e),
            ExperimentError::Plugin(m) => CliError::Plugin(m),
            ExperimentError::Output(m) => CliError::Output(m),
            ExperimentError::RunFailed(m) => CliError::RunFailed(m),
            ExperimentError::Interrupted(m) => CliError::Interrupted(m),
            ExperimentError::Internal(m) => CliError::Internal(m),
        }
    }
}

impl From<sgsim_report::ReportError> for CliError {
    fn from(e: sgsim_report::ReportError) -> Self {
        use sgsim_report::ReportError as R;
        match e {
            R::Usage(m) => CliError::Usage(m),
            R::Incomparable(m) => CliError::Incomparable(m),
            R::Io { .. } | R::Input(_) => CliError::Output(e.to_string()),
            R::Figure(_) => CliError::Internal(e.to_string()),
        }
    }
}
