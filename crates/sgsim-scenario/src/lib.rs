//! The scenario: reading scenario and data files into typed, validated values, and
//! resolving them into the world a run starts from.
//!
//! [`resolve`] takes a scenario file and its `--set key=value` [`Override`]s and returns a
//! [`Resolved`]: the core's `Setup`, the policy [`Assignment`]s with their plugin search
//! path, the resolved configuration as TOML and its SHA-256. Every failure is a
//! [`ConfigError`] naming the file, and where it can the key, line and column.
//!
//! This crate reads files and nothing else: it loads no plugin, runs no tick and writes
//! no file (the `sgsim` command is `sgsim-cli`; runs are `sgsim-run`).

mod arrangement;
pub mod data;
mod document;
mod error;
mod external;
mod front;
mod history;
mod resolve;
mod scenario;
mod supply;

pub use document::{Document, Override};
pub use error::{ConfigError, line_column};
pub use resolve::{
    Assignment, DATA_FILES, Resolved, ScenarioSource, date_only, default_plugin_dirs, hex,
    name_or_stem, resolve, valid_name,
};
pub use scenario::{PolicyChoice, Scenario};
