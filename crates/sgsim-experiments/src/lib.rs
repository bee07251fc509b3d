//! The experiments: many runs of a scenario ([`sweep`]: designs, common random numbers,
//! resumable and sharded sweeps and their merge) and the comparison of a scenario with
//! public aggregates ([`calibrate`]).
//!
//! Every run goes through the same tick loop as `sgsim run` (`sgsim-run`'s engine), one
//! World per run; a sweep's results depend only on its plan. Failures are an
//! [`ExperimentError`]. This crate parses no command line; the `sgsim` command is
//! `sgsim-cli`, and the report of a finished sweep is `sgsim-report`.

pub mod calibrate;
pub mod error;
pub mod sweep;

pub use error::ExperimentError;
