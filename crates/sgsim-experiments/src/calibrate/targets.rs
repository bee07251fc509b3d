//! The targets file: the scenario, the seeds and the observed values to compare with. Every
//! table refuses unknown keys; every error names the file, line, column and key.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::metric::Metric;
use sgsim_scenario::{ConfigError, Document, date_only, valid_name};

/// The targets file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    /// Scenario file, relative to the targets file.
    scenario: String,
    /// Run seeds; each target is compared with the model over all of them.
    seeds: Vec<u64>,
    /// The targets, as `[[target]]` tables.
    #[serde(default, rename = "target")]
    targets: Vec<TargetSpec>,
}

/// One `[[target]]` as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSpec {
    name: String,
    metric: Metric,
    date: toml::value::Datetime,
    observed: f64,
    tolerance: f64,
    source: String,
}

/// One observed value to compare the model with.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Name (letters, digits, `-`, `_`), unique in the file.
    pub name: String,
    /// The model quantity.
    pub metric: Metric,
    /// Date of the observation; compared with the model week containing it (or the first
    /// week, for a date before the scenario starts).
    pub date: NaiveDate,
    /// The observed value, in the metric's unit; not zero (errors are also relative to it).
    pub observed: f64,
    /// Absolute band around `observed`, in the metric's unit, counted as a fit.
    pub tolerance: f64,
    /// Where the observed value comes from.
    pub source: String,
}

/// A checked targets file.
#[derive(Clone, Debug)]
pub struct Targets {
    /// The file, to locate errors found later (such as a date after the scenario ends).
    pub doc: Document,
    /// The scenario file, resolved against the targets file's folder.
    pub scenario: PathBuf,
    /// Run seeds, in file order, without repeats.
    pub seeds: Vec<u64>,
    /// The targets, in file order.
    pub targets: Vec<Target>,
}

impl Targets {
    /// Reads and checks a targets file.
    pub fn load(path: &Path) -> Result<Targets, ConfigError> {
        let doc = Document::load(path, &[])?;
        let file: TargetsFile = doc.deserialize()?;
        let base = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let scenario = base.join(&file.scenario);
        if let Err(e) = std::fs::metadata(&scenario) {
            return Err(doc.error_at(
                "scenario",
                format!("cannot read the scenario {}: {e}", scenario.display()),
            ));
        }
        if file.seeds.is_empty() {
            return Err(doc.error_at("seeds", "give at least one seed, such as seeds = [1]"));
        }
        for (index, seed) in file.seeds.iter().enumerate() {
            if file.seeds[..index].contains(seed) {
                return Err(doc.error_at(
                    &format!("seeds[{index}]"),
                    format!("seed {seed} is listed twice"),
                ));
            }
        }
        if file.targets.is_empty() {
            return Err(doc.error_at("target", "give at least one target as a [[target]] table"));
        }
        let mut names = BTreeSet::new();
        let mut targets = Vec::new();
        for (index, spec) in file.targets.into_iter().enumerate() {
            let key = |field: &str| format!("target[{index}].{field}");
            if !valid_name(&spec.name) || !names.insert(spec.name.clone()) {
                return Err(doc.error_at(
                    &key("name"),
                    format!(
                        "`{}` must be a unique name of letters, digits, `-` and `_`",
                        spec.name
                    ),
                ));
            }
            let date = date_only(&doc, &key("date"), &spec.date)?;
            if !spec.observed.is_finite() || spec.observed == 0.0 {
                return Err(doc.error_at(
                    &key("observed"),
                    format!(
                        "{} must be a finite number other than 0 (errors are also given relative to it)",
                        spec.observed
                    ),
                ));
            }
            if !spec.tolerance.is_finite() || spec.tolerance < 0.0 {
                return Err(doc.error_at(
                    &key("tolerance"),
                    format!(
                        "{} must be a finite number, 0 or more, in the metric's unit ({})",
                        spec.tolerance,
                        spec.metric.unit()
                    ),
                ));
            }
            if spec.source.trim().is_empty() {
                return Err(doc.error_at(&key("source"), "say where the observed value comes from"));
            }
            targets.push(Target {
                name: spec.name,
                metric: spec.metric,
                date,
                observed: spec.observed,
                tolerance: spec.tolerance,
                source: spec.source,
            });
        }
        Ok(Targets {
            scenario,
            doc,
            seeds: file.seeds,
            targets,
        })
    }

    /// The tick each target is read at: the model week containing its date, or tick 0 for a
    /// date before `start`. A date after the last of `ticks` weeks is an error at its key.
    pub fn ticks(
        &self,
        scenario: &str,
        start: NaiveDate,
        ticks: u32,
    ) -> Result<Vec<u32>, ConfigError> {
        self.targets
            .iter()
            .enumerate()
            .map(|(index, target)| {
                let days = (target.date - start).num_days().max(0);
                let tick = u32::try_from(days / 7).unwrap_or(u32::MAX);
                if tick < ticks {
                    return Ok(tick);
                }
                let last = start + chrono::Days::new(7 * u64::from(ticks.saturating_sub(1)));
                Err(self.doc.error_at(
                    &format!("target[{index}].date"),
                    format!(
                        "{} is after the last model week of scenario `{scenario}` ({ticks} weeks, the last from {last}); give an earlier date or run more `ticks`",
                        target.date
                    ),
                ))
            })
            .collect()
    }
}
