//! The run: a resolved scenario with its policy plugins, ticked to the end and written to
//! a folder.
//!
//! [`run::prepare`] builds the world and the policies of a scenario file (through
//! `sgsim-scenario`), [`engine::execute`] is the tick loop shared by runs, sweeps and
//! calibration (it hands each tick's rows to a [`engine::TickSink`]), and
//! [`run::run_into_folder`] writes a run's folder through [`output`]: the traces (CSV, or
//! Parquet with `--format parquet`), the summary, the resolved scenario and the manifest.
//! [`policies`] loads the plugins (safely: [`probe`]) and validates every action they
//! return; [`decider`] runs a policy here or in a policy host child process. Failures are a
//! [`RunError`].
//!
//! This crate parses no command line and prints no result; the `sgsim` command is
//! `sgsim-cli`, sweeps and calibration are `sgsim-experiments`.

pub mod decider;
pub mod engine;
pub mod error;
pub mod output;
pub mod policies;
pub mod probe;
pub mod run;

pub use error::RunError;
