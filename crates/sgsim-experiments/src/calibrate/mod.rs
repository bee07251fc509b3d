//! `sgsim calibrate`: runs a scenario once per seed of a targets file, in memory, and
//! compares the model with the observed values the file lists.
//!
//! The command prints a table (target, unit, date, observed, model mean, sample standard
//! deviation and min–max over the seeds, error = mean − observed, and whether |error| ≤
//! tolerance) and a final line with the number of targets within tolerance and the relative
//! RMSE: the root of the mean over the targets of ((mean − observed) / observed)².
//!
//! With `--out FILE` it also writes a CSV file with one row per target, in file order, and
//! the columns of [`CSV_HEADER`]:
//!
//! | column | meaning |
//! |---|---|
//! | `target` | the target's name |
//! | `metric` | the model quantity ([`Metric`]) |
//! | `unit` | the unit of `observed`, `tolerance`, the model values and `error` |
//! | `date` | the target's date |
//! | `model_date` | the date of the model week compared with it (the week containing `date`) |
//! | `observed` | the observed value |
//! | `tolerance` | the absolute band counted as a fit |
//! | `model_mean` | mean of the model value over the seeds |
//! | `model_sd` | sample standard deviation over the seeds (n − 1; 0 for one seed) |
//! | `model_min`, `model_max` | smallest and largest model value over the seeds |
//! | `error` | `model_mean − observed` |
//! | `relative_error` | `error / observed` |
//! | `within_tolerance` | `true` when `abs(error) ≤ tolerance` |
//! | `runs` | number of seeds |
//! | `source` | the target's source string |
//!
//! Numbers have six decimals, as in the traces: for one seed, `model_mean` is exactly what
//! the traces of `sgsim run` with that seed and the same `--set` overrides give. A misfit is a
//! result, not an error: the command exits 0 whenever it ran.

mod metric;
mod report;
mod targets;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use metric::{Metric, MetricSink};
pub use report::{CSV_HEADER, csv_bytes, table, write_csv};
pub use targets::{Target, Targets};

use crate::error::ExperimentError;
use sgsim_run::engine::{ExecError, PluginCache, execute, install_interrupt_handler, stop_flag};
use sgsim_scenario::{Override, resolve};

/// What to calibrate.
#[derive(Clone, Debug)]
pub struct CalibrateRequest {
    /// The targets file.
    pub targets: PathBuf,
    /// Overrides of the scenario, as `sgsim run --set` applies them (not `seed`).
    pub overrides: Vec<Override>,
}

/// The model against one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetResult {
    /// The target.
    pub target: Target,
    /// Date of the model week compared with it.
    pub model_date: NaiveDate,
    /// The model value of each seed, in the targets file's seed order.
    pub values: Vec<f64>,
    /// Mean over the seeds.
    pub mean: f64,
    /// Sample standard deviation over the seeds (0 for one seed).
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl TargetResult {
    /// Model mean minus observed.
    pub fn error(&self) -> f64 {
        self.mean - self.target.observed
    }

    /// The error relative to the observed value.
    pub fn relative_error(&self) -> f64 {
        self.error() / self.target.observed
    }

    /// Whether the error is within the tolerance.
    pub fn within(&self) -> bool {
        self.error().abs() <= self.target.tolerance
    }
}

/// The comparison of a scenario with its targets.
#[derive(Clone, Debug)]
pub struct Calibration {
    /// Scenario name.
    pub scenario: String,
    /// Scenario file.
    pub scenario_file: PathBuf,
    /// Seeds run.
    pub seeds: Vec<u64>,
    /// One result per target, in file order.
    pub results: Vec<TargetResult>,
}

impl Calibration {
    /// Number of targets within tolerance.
    pub fn within(&self) -> usize {
        self.results.iter().filter(|r| r.within()).count()
    }

    /// Root of the mean over the targets of the squared relative error.
    pub fn relative_rmse(&self) -> f64 {
        let n = self.results.len().max(1) as f64;
        let sum: f64 = self
            .results
            .iter()
            .map(|r| r.relative_error() * r.relative_error())
            .sum();
        (sum / n).sqrt()
    }
}

/// Resolves the scenario of a targets file with the overrides, runs it once per seed and
/// compares the model with each target.
pub fn calibrate(request: &CalibrateRequest) -> Result<Calibration, ExperimentError> {
    if let Some(item) = request.overrides.iter().find(|o| o.key == "seed") {
        return Err(ExperimentError::Usage(format!(
            "--set seed={}: the seeds come from `seeds` in the targets file",
            item.value
        )));
    }
    let targets = Targets::load(&request.targets)?;
    let resolved = resolve(&targets.scenario, &request.overrides)?;
    let setup = &resolved.setup;
    let ticks = targets.ticks(&setup.scenario, setup.start_date, setup.ticks)?;
    let cache = PluginCache::default();
    install_interrupt_handler();
    let mut values = vec![Vec::with_capacity(targets.seeds.len()); targets.targets.len()];
    let mut dates = vec![setup.start_date; targets.targets.len()];
    for &seed in &targets.seeds {
        let (_, mut sim, mut policies) = sgsim_run::run::build(resolved.with_seed(seed), &cache)?;
        let mut sink = MetricSink::new(sim.actors());
        execute(&mut sim, &mut policies, &mut sink, Some(stop_flag())).map_err(|e| match e {
            ExecError::Policy(fault) => ExperimentError::RunFailed(format!("seed {seed}: {}", fault.0)),
            ExecError::Io(e) => ExperimentError::Internal(e.to_string()),
            ExecError::Interrupted => ExperimentError::Interrupted(format!(
                "interrupted (SIGINT or SIGTERM) during the run with seed {seed}; nothing was written"
            )),
        })?;
        for (index, target) in targets.targets.iter().enumerate() {
            let (date, value) = sink.value(target.metric, ticks[index]).ok_or_else(|| {
                ExperimentError::Internal(format!("the run with seed {seed} stopped early"))
            })?;
            if !value.is_finite() {
                return Err(ExperimentError::Config(targets.doc.error_at(
                    &format!("target[{index}].metric"),
                    format!(
                        "scenario `{}` gives no value for `{}` (it has no actor the metric reads)",
                        setup.scenario,
                        target.metric.as_str()
                    ),
                )));
            }
            dates[index] = date;
            values[index].push(value);
        }
    }
    let results = targets
        .targets
        .iter()
        .zip(values)
        .zip(dates)
        .map(|((target, values), model_date)| summarise(target.clone(), model_date, values))
        .collect();
    Ok(Calibration {
        scenario: setup.scenario.clone(),
        scenario_file: targets.scenario.clone(),
        seeds: targets.seeds.clone(),
        results,
    })
}

fn summarise(target: Target, model_date: NaiveDate, values: Vec<f64>) -> TargetResult {
    let mut sorted = values.clone();
    let stats = crate::sweep::stats(&mut sorted).unwrap_or(crate::sweep::Stats {
        n: 0,
        mean: f64::NAN,
        sd: f64::NAN,
        p05: f64::NAN,
        p50: f64::NAN,
        p95: f64::NAN,
    });
    TargetResult {
        target,
        model_date,
        mean: stats.mean,
        sd: stats.sd,
        min: sorted.first().copied().unwrap_or(f64::NAN),
        max: sorted.last().copied().unwrap_or(f64::NAN),
        values,
    }
}
