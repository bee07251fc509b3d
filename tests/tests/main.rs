//! End-to-end tests of sgsim, run against the real `sgsim` binary, the real plugins and
//! the real configuration files.
//!
//! Module index:
//! - `plugin_loading`: what the host refuses at load (wrong ABI, missing symbol, not a
//!   library, `panic = "abort"`) and what `sgsim plugins` shows.
//! - `policy_faults`: a plugin that panics, returns NaN or out-of-range actions, or refuses
//!   its parameters, and what the run leaves behind.
//! - `config_errors`: every class of configuration error, with file, line, column and key.
//! - `determinism`: byte-identical traces for a seed, different traces for another.
//! - `folders`: run and sweep folders locked while written (a second writer refused naming
//!   the holder), dead runs and shards told from live ones, sweeps and runs kept out of each
//!   other's folders, a huge plan refused at once, Ctrl-C while planning.
//! - `isolation`: `--isolate` turns a segfault or abort in a C plugin into a failed run; a
//!   sweep with `--keep-going` names the failed runs and completes the others.
//! - `output_contract`: columns, row counts, the manifest, refusing to overwrite.
//! - `parquet`: `--format parquet` for a run and a sweep, every file read with polars,
//!   DuckDB and pandas (pyarrow) and compared with the CSV of the same seed; Parquet bytes
//!   independent of `--jobs` and shards; resuming in another format refused; a failed run
//!   leaves only `.partial` files.
//! - `trace_format`: every trace of the baseline and the NATO-mission runs byte-identical to
//!   the former `csv`-crate writer, kept in the test as a reference.
//! - `scenarios`: every shipped scenario validates and runs; S02 and S08 signatures.
//! - `arrangements`: the signatures of S03-S07, S09 and S10.
//! - `sweeps`: sweeps independent of jobs and shards, resume, Ctrl-C, Morris, bad files.
//! - `slurm`: a sweep as a real Slurm job array, merged (only with `SWEEP_SLURM=1`).
//! - `deterrence`: the shipped comparisons (durability, guarantee strength) as paired
//!   experiments: renewed aggression against bindingness, tripwire, capability and denial;
//!   where tests go; nuclear signalling in a war with NATO; Russia's force cap.
//! - `allied_politics`: elections fill only the office they elect (midterms, French
//!   legislative and Polish presidential elections never change the camp), one draw per
//!   polling day, recorded history replayed in every seed, the appropriations brake, an EU
//!   veto that blocks or delays an instrument, Europe's paired response to a US cut,
//!   frontline allies giving more of their GDP, a source for every new data value.
//! - `front`: the front's sectors (MODEL.md 7.3c): no shipped scenario ends with Kyiv
//!   holding more than on the eve of the invasion, the areas held before 2022 never change
//!   hands, sectors and rear sum to the total, a paired run without allied help holds less.
//! - `behaviours`: each shipped alternative policy moves the traces the way it should.
//! - `authoring`: `sgsim new-plugin` makes a crate that builds, tests and runs.
//! - `c_abi`: the C header agrees with the Rust ABI; a C policy builds, loads and runs.
//! - `cli`: help, usage errors and overrides.
//! - `calibration`: `sgsim calibrate` against the shipped targets, tied to the traces of
//!   `sgsim run`; bad targets files; `--set`.
//! - `report`: `sgsim report` on a real sweep and on a folder of runs: its tables agree
//!   with runs.csv and ensemble.csv, the page is deterministic, arms with different
//!   horizons or start dates are refused with the arms named, bad options.
//! - `docs`: the docs cannot drift: every output sample, table excerpt and figure in docs/
//!   from the binary is a generated block that a test regenerates with the command the doc
//!   shows (`SGSIM_BLESS=1` rewrites them); tidy checks for output outside such blocks and
//!   that the scenario and sweep files the docs show are valid.
//! - `report_browser`: the page in a real headless Chromium with the network off: no
//!   console errors, every figure with its title, a screenshot that is not blank.

mod allied_politics;
mod arrangements;
mod authoring;
mod behaviours;
mod c_abi;
mod calibration;
mod cli;
mod config_errors;
mod determinism;
mod deterrence;
mod docs;
mod folders;
mod front;
mod isolation;
mod output_contract;
mod parquet;
mod plugin_loading;
mod policy_faults;
mod report;
mod report_browser;
mod scenarios;
mod slurm;
mod sweeps;
mod trace_format;
