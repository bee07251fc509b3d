//! Reading scenarios and data files into typed, validated values.

mod arrangement;
pub mod data;
mod document;
mod error;
mod external;
mod history;
mod resolve;
mod scenario;

pub use document::{Document, Override};
pub use error::{ConfigError, line_column};
pub use resolve::{
    Assignment, Resolved, ScenarioSource, date_only, default_plugin_dirs, hex, name_or_stem,
    resolve, valid_name,
};
pub use scenario::{PolicyChoice, Scenario};
