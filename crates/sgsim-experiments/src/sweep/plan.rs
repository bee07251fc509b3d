//! The runs of a sweep: arms × design points × replications, in that order (the run index),
//! with per-replication seeds shared by every arm and point (common random numbers).

use sha2::{Digest, Sha256};

use super::design::{self, Design};
use super::spec::Sweep;
use crate::error::ExperimentError;
use sgsim_run::engine::PluginCache;
use sgsim_scenario::{ConfigError, Override, ScenarioSource, hex};

/// Tag of the replication-seed stream.
const REPLICATION_STREAM: u64 = 0x005E_ED0F_12E9;

/// One run of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// Position in the plan.
    pub index: usize,
    /// Arm index.
    pub arm: usize,
    /// Design point index.
    pub point: usize,
    /// Replication index.
    pub replication: u32,
    /// Run seed.
    pub seed: u64,
}

/// A sweep with its design and its scenarios loaded.
#[derive(Debug)]
pub struct Plan {
    /// The sweep.
    pub sweep: Sweep,
    /// The design.
    pub design: Design,
    /// One scenario source per arm.
    pub sources: Vec<ScenarioSource>,
    /// Configuration hash of each arm and design point (with replication 0's seed).
    pub point_hashes: Vec<String>,
    /// Every plugin any arm uses, by path, with the choices that use it.
    pub plugins: Vec<sgsim_run::output::ManifestPlugin>,
}

impl Plan {
    /// Loads the scenarios and checks that every arm and design point resolves and gets its
    /// plugins, before any run starts.
    pub fn new(sweep: Sweep, cache: &PluginCache) -> Result<Plan, ExperimentError> {
        let design = design::build(&sweep);
        let sources = sweep
            .arms
            .iter()
            .map(|arm| ScenarioSource::load(&arm.scenario))
            .collect::<Result<Vec<_>, ConfigError>>()?;
        let mut plan = Plan {
            sweep,
            design,
            sources,
            point_hashes: Vec::new(),
            plugins: Vec::new(),
        };
        let mut plugins: std::collections::BTreeMap<String, sgsim_run::output::ManifestPlugin> =
            Default::default();
        for arm in 0..plan.sweep.arms.len() {
            for point in 0..plan.design.points.len() {
                if sgsim_run::engine::stop_flag().load(std::sync::atomic::Ordering::Relaxed) {
                    return Err(ExperimentError::Interrupted(format!(
                        "interrupted (SIGINT or SIGTERM) while planning, at arm {} design point {point} of {}; no run was started",
                        plan.sweep.arms[arm].name,
                        plan.design.points.len()
                    )));
                }
                let spec = RunSpec {
                    index: 0,
                    arm,
                    point,
                    replication: 0,
                    seed: plan.seed(0),
                };
                let resolved = plan.sources[arm].resolve(&plan.overrides(&spec))?;
                plan.point_hashes.push(resolved.config_sha256.clone());
                let (_, _, policies) = sgsim_run::run::build(resolved, cache)?;
                let arm_name = &plan.sweep.arms[arm].name;
                for plugin in sgsim_run::run::manifest_plugins(&policies) {
                    let entry = plugins.entry(plugin.path.clone()).or_insert_with(|| {
                        let mut first = plugin.clone();
                        first.used_by.clear();
                        first
                    });
                    for used in plugin.used_by {
                        let used = format!("arm {arm_name}: {used}");
                        if !entry.used_by.contains(&used) {
                            entry.used_by.push(used);
                        }
                    }
                }
            }
        }
        plan.plugins = plugins.into_values().collect();
        Ok(plan)
    }

    /// Number of runs.
    pub fn len(&self) -> usize {
        self.sweep.arms.len() * self.design.points.len() * self.sweep.replications as usize
    }

    /// Whether the plan has no runs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The seed of replication `r`, the same in every arm and design point: 63 bits of a
    /// SplitMix64 derivation from the master seed (63 so that it is a TOML integer).
    pub fn seed(&self, replication: u32) -> u64 {
        sgsim_abi::derive_seed(
            self.sweep.master_seed,
            REPLICATION_STREAM,
            u64::from(replication),
        ) >> 1
    }

    /// The run at `index`.
    pub fn run(&self, index: usize) -> RunSpec {
        let reps = self.sweep.replications as usize;
        let points = self.design.points.len();
        let replication = (index % reps) as u32;
        let point = (index / reps) % points;
        let arm = index / (reps * points);
        RunSpec {
            index,
            arm,
            point,
            replication,
            seed: self.seed(replication),
        }
    }

    /// The overrides of a run: the arm's, then the design point's, then the seed.
    pub fn overrides(&self, spec: &RunSpec) -> Vec<Override> {
        let file = self
            .sweep
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let arm = &self.sweep.arms[spec.arm];
        let mut all: Vec<Override> = arm
            .set
            .iter()
            .map(|(key, value)| Override {
                key: key.clone(),
                value: value.clone(),
                origin: Some(format!("arm `{}` of {file}: {key} = {value}", arm.name)),
            })
            .collect();
        for (key, value) in self.design.keys.iter().zip(&self.design.points[spec.point]) {
            all.push(Override {
                key: key.clone(),
                value: value.clone(),
                origin: Some(format!(
                    "factor `{key}` = {value} of {file}, design point {}",
                    spec.point
                )),
            });
        }
        all.push(Override {
            key: "seed".to_owned(),
            value: spec.seed.to_string(),
            origin: Some(format!("the replication seed of {file}")),
        });
        all
    }

    /// Identity of the plan: the sweep's content (not its comments), the resolved
    /// configuration (with the data files' contents) of every arm and design point, and the
    /// SHA-256 of every plugin file. A folder holding the runs of another plan is refused, so
    /// a resumed sweep never mixes results from different inputs or plugin builds.
    pub fn sha256(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.sweep.canonical.as_bytes());
        for hash in self
            .point_hashes
            .iter()
            .chain(self.plugins.iter().map(|p| &p.sha256))
        {
            hasher.update(b"\n");
            hasher.update(hash.as_bytes());
        }
        hasher.update(format!("\nruns={}", self.len()).as_bytes());
        hex(&hasher.finalize())
    }
}

impl Plan {
    /// The parts of [`Plan::sha256`], one per line (`sweep`, `point ARM/POINT`, `plugin
    /// PATH`, `runs`), kept next to the hash so that a refused folder can say what changed.
    pub fn identity(&self) -> String {
        let mut text = String::new();
        text.push_str(&format!(
            "sweep {}\n",
            hex(&Sha256::digest(self.sweep.canonical.as_bytes()))
        ));
        let points = self.design.points.len();
        for (i, hash) in self.point_hashes.iter().enumerate() {
            let arm = &self.sweep.arms[i / points.max(1)].name;
            text.push_str(&format!("point {arm}/{} {hash}\n", i % points.max(1)));
        }
        for plugin in &self.plugins {
            text.push_str(&format!("plugin {} {}\n", plugin.path, plugin.sha256));
        }
        text.push_str(&format!("runs {}\n", self.len()));
        text
    }
}

/// What differs between two [`Plan::identity`] texts, as a reason a folder is refused.
pub fn explain_change(before: &str, now: &str) -> String {
    let parse = |text: &str| -> Vec<(String, String, String)> {
        text.lines()
            .filter_map(|line| {
                let mut parts = line.splitn(3, ' ');
                let kind = parts.next()?.to_owned();
                let (a, b) = (
                    parts.next()?.to_owned(),
                    parts.next().unwrap_or("").to_owned(),
                );
                Some((kind, a, b))
            })
            .collect()
    };
    let (before, now) = (parse(before), parse(now));
    let find = |list: &[(String, String, String)], kind: &str, key: &str| {
        list.iter()
            .find(|(k, a, _)| k == kind && a == key)
            .map(|(_, _, b)| b.clone())
    };
    let mut reasons = Vec::new();
    for (kind, key, value) in &now {
        if kind == "plugin" {
            match find(&before, "plugin", key) {
                Some(old) if &old != value => reasons.push(format!(
                    "the plugin file {key} changed since the sweep started (SHA-256 {} then, {} now: it was rebuilt or replaced)",
                    &old[..old.len().min(12)],
                    &value[..value.len().min(12)]
                )),
                None => reasons.push(format!("the sweep now uses the plugin file {key}")),
                _ => {}
            }
        }
    }
    let hash_of = |list: &[(String, String, String)], kind: &str| {
        list.iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, a, b)| format!("{a} {b}"))
            .collect::<Vec<_>>()
    };
    if hash_of(&before, "sweep") != hash_of(&now, "sweep") {
        reasons.push("the sweep file's content changed".to_owned());
    }
    for (kind, key, value) in &now {
        if kind == "point" && find(&before, "point", key).is_some_and(|old| &old != value) {
            reasons.push(format!(
                "the resolved scenario or data of arm/point {key} changed"
            ));
            break;
        }
    }
    if hash_of(&before, "runs") != hash_of(&now, "runs") && reasons.is_empty() {
        reasons.push("the number of runs changed".to_owned());
    }
    if reasons.is_empty() {
        "its sweep file, design, scenarios or plugins changed".to_owned()
    } else {
        reasons.join("; ")
    }
}
