//! What can stop a report.

use std::path::PathBuf;

/// A failure of `sgsim report`.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The folder is not a finished sweep nor a folder of finished runs, or a file in it is
    /// malformed.
    #[error("{0}")]
    Input(String),
    /// The arms cannot be compared (different horizons or start dates).
    #[error("{0}")]
    Incomparable(String),
    /// A bad option: an unknown control arm, a malformed outcome expression.
    #[error("{0}")]
    Usage(String),
    /// Drawing a figure failed (a bug: the figures are drawn into memory).
    #[error("drawing a figure failed: {0}")]
    Figure(String),
}

impl ReportError {
    pub(crate) fn io(path: &std::path::Path, e: impl std::fmt::Display) -> ReportError {
        ReportError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}
