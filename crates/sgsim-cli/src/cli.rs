//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// sgsim: simulate the politics of security guarantees for Ukraine.
#[derive(Debug, Parser)]
#[command(name = "sgsim", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success, 1 internal error, 2 usage error, 3 invalid scenario or data, \
4 plugin not found or refused, 5 output folder unusable, 6 run failed (a policy panicked or returned an invalid action), \
7 report refused (arms with different horizons or start dates), 130 interrupted (Ctrl-C; finished sweep runs are kept).";

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario and write its traces.
    Run(RunArgs),
    /// Check a scenario, its data and its plugins without running it.
    Validate(ValidateArgs),
    /// List the policy plugins found in the plugin folders.
    Plugins(PluginsArgs),
    /// Run a sweep: arms × design points × replications, in parallel and resumable.
    Sweep(SweepArgs),
    /// Merge the shards of a sweep folder into its results.
    Merge(MergeArgs),
    /// Say whether a run or sweep folder is complete, failed, interrupted, still running, or
    /// dead (its manifest says running but no process holds its lock).
    Status(StatusArgs),
    /// Create a policy plugin crate, ready to build, test and run.
    NewPlugin(NewPluginArgs),
    /// Compare the model with public figures: run a targets file's scenario once per seed
    /// and print, per target, the observed value, the model's mean, sd and min–max over
    /// the seeds, the error and whether it is within tolerance.
    ///
    /// Nothing is written unless --out is given. The CSV file has one row per target and
    /// the columns target, metric, unit, date, model_date, observed, tolerance,
    /// model_mean, model_sd, model_min, model_max, error (model_mean − observed),
    /// relative_error (error / observed), within_tolerance, runs (number of seeds) and
    /// source. A misfit is a result: the command exits 0 when it ran. See
    /// docs/CALIBRATION.md.
    Calibrate(CalibrateArgs),
    /// Serve isolated policies on standard input and output (used by sgsim itself).
    #[command(name = "__policy-host", hide = true)]
    PolicyHost,
    /// Test-load one plugin file and exit (used by sgsim itself, in a child process).
    #[command(name = "__probe-plugin", hide = true)]
    ProbePlugin(ProbeArgs),
    /// Report on a finished sweep folder (or a folder of run folders): outcome
    /// probabilities with intervals, paired differences against a control arm, survival
    /// of the first ceasefire, fan charts, the Morris screen and PRIM scenario discovery,
    /// as one offline HTML page and the tables comparison.csv, paired.csv, survival.csv,
    /// fan.csv and prim.csv next to it. See docs/REPORT.md.
    Report(ReportArgs),
}

/// `sgsim status`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct StatusArgs {
    /// Run, sweep or shard folders.
    #[arg(required = true)]
    pub folders: Vec<PathBuf>,
}

/// `sgsim __probe-plugin`.
#[derive(Debug, clap::Args)]
pub struct ProbeArgs {
    /// The plugin file.
    pub file: PathBuf,
}

/// `sgsim report`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct ReportArgs {
    /// A finished sweep folder (with runs.csv), or a folder of run folders.
    pub dir: PathBuf,
    /// The arm the others are compared with, pair by pair [default: the first arm].
    #[arg(long, value_name = "ARM")]
    pub control: Option<String>,
    /// An outcome for scenario discovery, [ARM:]NAME[OP VALUE], for example
    /// `renewed_aggression` or `coalition_guarantee:territory_held_end<0.8` (repeatable)
    /// [default: renewed_aggression].
    #[arg(long = "outcome", value_name = "EXPR")]
    pub outcomes: Vec<String>,
    /// The HTML file [default: DIR/report.html]; the tables are written next to it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `sgsim calibrate`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct CalibrateArgs {
    /// Targets file (TOML): the scenario, the seeds and the `[[target]]` tables.
    pub targets: PathBuf,
    /// Override any scalar of the scenario, as for `run` (not `seed`: the seeds come from
    /// the targets file).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Also write the comparison as CSV to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `sgsim new-plugin`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct NewPluginArgs {
    /// Plugin and policy name: lower-case letters, digits and `_`.
    pub name: String,
    /// The role the policy decides for.
    #[arg(long, value_enum, default_value = "capital")]
    pub role: RoleArg,
    /// Folder to create policy-NAME in.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Path to sgsim's crates/sgsim-sdk [default: the one this sgsim was built from].
    #[arg(long)]
    pub sdk: Option<PathBuf>,
}

/// A role on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RoleArg {
    /// An allied capital.
    Capital,
    /// The Kremlin.
    Kremlin,
    /// Kyiv.
    Kyiv,
    /// A coalition force unit.
    Coalition,
}

/// Whether per-run trace folders are written, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TracesArg {
    /// Only `runs.csv` and `ensemble.csv`.
    None,
    /// Also a full trace folder per run under `traces/`.
    Full,
}

impl From<TracesArg> for crate::sweep::Traces {
    fn from(arg: TracesArg) -> Self {
        match arg {
            TracesArg::None => crate::sweep::Traces::None,
            TracesArg::Full => crate::sweep::Traces::Full,
        }
    }
}

/// The format of the tables, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// CSV (docs/OUTPUT.md).
    Csv,
    /// Parquet with zstd: the same columns, typed (docs/OUTPUT.md, Parquet).
    Parquet,
}

impl From<FormatArg> for sgsim_run::output::Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Csv => sgsim_run::output::Format::Csv,
            FormatArg::Parquet => sgsim_run::output::Format::Parquet,
        }
    }
}

/// `sgsim sweep`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct SweepArgs {
    /// Sweep file (TOML).
    pub file: PathBuf,
    /// Runs in parallel [default: all cores]. Results do not depend on it.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Output folder [default: output/<sweep name>]. Running again into the same folder
    /// resumes: finished runs are kept and skipped.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only shard I of N (runs whose index mod N is I), into <out>/shard-I-of-N
    /// [default: from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT inside a Slurm job array].
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Per-run trace folders under <out>/traces: none or full.
    #[arg(long, value_enum, default_value = "none")]
    pub traces: TracesArg,
    /// Format of runs, ensemble and the traces: csv or parquet (zstd). A folder resumes
    /// only in the format it was started in.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// Run each run's policies in a child process, so that a crash in plugin code (a
    /// segmentation fault, an abort) fails that run instead of killing the sweep.
    #[arg(long)]
    pub isolate: bool,
    /// Go on after a failed run: the other runs complete, failures.csv names each failed
    /// run and why, and the sweep exits 6 [default: stop at the first failure].
    #[arg(long)]
    pub keep_going: bool,
    /// Refuse a sweep of more runs than this (arms × design points × replications).
    #[arg(long, value_name = "N", default_value_t = crate::sweep::DEFAULT_MAX_RUNS)]
    pub max_runs: u64,
}

/// `sgsim merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct MergeArgs {
    /// The sweep folder holding shard-I-of-N folders.
    pub folder: PathBuf,
}

/// `sgsim run`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct RunArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Run seed (overrides the scenario's `seed`), 0 to 9223372036854775807.
    #[arg(long, value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    pub seed: Option<u64>,
    /// Number of weekly ticks (overrides the scenario's `ticks`).
    #[arg(long)]
    pub ticks: Option<u32>,
    /// Output folder [default: output/<scenario>-seed<seed>].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the sgsim files of a non-empty output folder.
    #[arg(long)]
    pub overwrite: bool,
    /// Also write decisions.csv: every observation and action field of every actor and
    /// tick, with the plugin and policy that decided.
    #[arg(long)]
    pub decisions: bool,
    /// Format of the traces and the summary: csv or parquet (zstd); decisions.csv stays
    /// CSV.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// Override any scalar of the scenario: --set model.fatigue.cost_sensitivity=1.5
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Run the policies in a child process, so that a crash in plugin code (a segmentation
    /// fault, an abort) fails the run with a report instead of killing sgsim.
    #[arg(long)]
    pub isolate: bool,
}

/// `sgsim validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct ValidateArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Override any scalar of the scenario, as for `run`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// `sgsim plugins`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct PluginsArgs {
    /// Folder to list (repeatable) [default: SGSIM_PLUGIN_PATH, then the folder of the sgsim executable].
    #[arg(long)]
    pub dir: Vec<PathBuf>,
}
