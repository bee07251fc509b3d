//! Reading the input folder: a finished sweep (`runs.csv`, `manifest.toml`, and
//! `ensemble.csv` and `sensitivity.csv` when present) or a folder of finished single runs
//! (subfolders each with `summary.csv`, `manifest.toml` and `war.csv`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::columns as c;
use crate::error::ReportError;
use crate::table::Table;

/// What kind of folder the report reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A sweep folder with `runs.csv`.
    Sweep,
    /// A folder of run folders.
    Runs,
}

/// Where the numbers come from, printed on the page and on every figure.
#[derive(Clone, Debug)]
pub struct Provenance {
    /// Sweep or folder of runs.
    pub kind: SourceKind,
    /// The sweep's name, or the folder's name.
    pub name: String,
    /// The folder as given.
    pub folder: String,
    /// The sgsim version(s) that wrote the runs, distinct, comma-separated.
    pub sgsim_version: String,
    /// The sweep's `plan_sha256` (a sweep only).
    pub plan_sha256: Option<String>,
    /// SHA-256 of `runs.csv`, or of the run folders' `summary.csv` files in name order.
    pub data_sha256: String,
    /// The sweep's master seed (a sweep only).
    pub master_seed: Option<u64>,
    /// The run seeds in replication order.
    pub seeds: Vec<String>,
}

impl Provenance {
    /// One line for the foot of every figure.
    pub fn line(&self) -> String {
        let what = match self.kind {
            SourceKind::Sweep => "sweep",
            SourceKind::Runs => "runs",
        };
        let mut parts = vec![
            format!("sgsim {}", self.sgsim_version),
            format!("{what} {}", self.name),
        ];
        if let Some(plan) = &self.plan_sha256 {
            parts.push(format!("plan {}", &plan[..plan.len().min(16)]));
        }
        parts.push(format!("data {}", &self.data_sha256[..16]));
        if let Some(seed) = self.master_seed {
            parts.push(format!("master seed {seed}"));
        }
        parts.push(match self.seeds.as_slice() {
            [] => "no seeds".to_string(),
            [one] => format!("seed {one}"),
            [first, .., last] => format!("{} seeds {first} … {last}", self.seeds.len()),
        });
        parts.join(" · ")
    }
}

/// The identity of one run within the data set.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RunKey {
    /// Arm (the scenario's name for a folder of runs).
    pub arm: String,
    /// Design point (0 for a folder of runs).
    pub point: u32,
    /// Replication (for a folder of runs, the rank of the seed among all seeds).
    pub replication: u32,
}

/// The runs to report on.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Provenance.
    pub provenance: Provenance,
    /// One row per run: the `runs.csv` columns (for a folder of runs, `arm`, `point`,
    /// `replication`, then the `summary.csv` columns).
    pub runs: Table,
    /// Each row's key, aligned with `runs.rows`.
    pub keys: Vec<RunKey>,
    /// Arms in the order of the sweep file (or of their first run folder).
    pub arms: Vec<String>,
    /// Design points, ascending.
    pub points: Vec<u32>,
    /// The `factor.*` columns.
    pub factors: Vec<String>,
    /// `ensemble.csv`, if present.
    pub ensemble: Option<Table>,
    /// `sensitivity.csv`, if present.
    pub sensitivity: Option<Table>,
    /// For a folder of runs: each run's `war.csv`, aligned with `runs.rows`.
    pub war_files: Vec<PathBuf>,
}

/// Reads `dir`.
pub fn load(dir: &Path) -> Result<Dataset, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::Input(format!(
            "{} is not a folder: give a finished sweep folder or a folder of run folders",
            dir.display()
        )));
    }
    if dir.join("runs.csv").is_file() {
        load_sweep(dir)
    } else if dir.join("runs.parquet").is_file() {
        Err(ReportError::Input(format!(
            "{} holds a sweep written with --format parquet; sgsim report reads the CSV \
             results: run the sweep into another folder with --format csv (the default)",
            dir.display()
        )))
    } else if has_shards(dir) {
        Err(ReportError::Input(format!(
            "{} holds the shards of a sweep but no runs.csv: merge them first with `sgsim merge {}`",
            dir.display(),
            dir.display()
        )))
    } else {
        load_runs(dir)
    }
}

fn has_shards(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with("shard-"))
            })
        })
        .unwrap_or(false)
}

fn read_toml(path: &Path) -> Result<toml::Table, ReportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReportError::io(path, e))?;
    text.parse::<toml::Table>()
        .map_err(|e| ReportError::Input(format!("{}: not a valid manifest: {e}", path.display())))
}

fn str_field(manifest: &toml::Table, key: &str) -> Option<String> {
    manifest
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn load_sweep(dir: &Path) -> Result<Dataset, ReportError> {
    let manifest_path = dir.join("manifest.toml");
    let manifest = read_toml(&manifest_path)?;
    let status = str_field(&manifest, "status").unwrap_or_default();
    if status != "complete" {
        return Err(ReportError::Input(format!(
            "{}: the sweep is `{status}`, not complete; finish it (run the same `sgsim sweep` command again) before reporting",
            manifest_path.display()
        )));
    }
    let runs_path = dir.join("runs.csv");
    let bytes = std::fs::read(&runs_path).map_err(|e| ReportError::io(&runs_path, e))?;
    let runs = Table::read(&runs_path)?;
    for column in [
        c::ARM,
        c::POINT,
        c::REPLICATION,
        c::SEED,
        c::TICKS,
        c::START_DATE,
    ] {
        if !runs.has(column) {
            return Err(ReportError::Input(format!(
                "{}: no `{column}` column; is this a sweep's runs.csv?",
                runs_path.display()
            )));
        }
    }
    let mut keys = Vec::with_capacity(runs.rows.len());
    for (i, row) in runs.rows.iter().enumerate() {
        let number = |name: &str| -> Result<u32, ReportError> {
            runs.get(row, name)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| {
                    ReportError::Input(format!(
                        "{}: row {}: `{name}` is not a whole number",
                        runs_path.display(),
                        i + 2
                    ))
                })
        };
        keys.push(RunKey {
            arm: runs.get(row, c::ARM).unwrap_or_default().to_string(),
            point: number(c::POINT)?,
            replication: number(c::REPLICATION)?,
        });
    }
    let mut arms: Vec<String> = manifest
        .get("arms")
        .and_then(|a| a.as_array())
        .map(|arms| {
            arms.iter()
                .filter_map(|a| a.get("name").and_then(|n| n.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for key in &keys {
        if !arms.contains(&key.arm) {
            arms.push(key.arm.clone());
        }
    }
    arms.retain(|a| keys.iter().any(|k| &k.arm == a));
    let mut seeds: BTreeMap<u32, String> = BTreeMap::new();
    for (key, row) in keys.iter().zip(&runs.rows) {
        seeds
            .entry(key.replication)
            .or_insert_with(|| runs.get(row, c::SEED).unwrap_or_default().to_string());
    }
    let optional = |name: &str| -> Result<Option<Table>, ReportError> {
        let path = dir.join(name);
        if path.is_file() {
            Table::read(&path).map(Some)
        } else {
            Ok(None)
        }
    };
    let provenance = Provenance {
        kind: SourceKind::Sweep,
        name: str_field(&manifest, "sweep").unwrap_or_else(|| folder_name(dir)),
        folder: dir.display().to_string(),
        sgsim_version: str_field(&manifest, "sgsim_version").unwrap_or_else(|| "?".into()),
        plan_sha256: str_field(&manifest, "plan_sha256"),
        data_sha256: sha256_hex(&bytes),
        master_seed: manifest
            .get("master_seed")
            .and_then(|v| v.as_integer())
            .map(|v| v as u64),
        seeds: seeds.into_values().collect(),
    };
    Ok(finish(
        provenance,
        runs,
        keys,
        arms,
        optional("ensemble.csv")?,
        optional("sensitivity.csv")?,
        Vec::new(),
    ))
}

fn folder_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

fn load_runs(dir: &Path) -> Result<Dataset, ReportError> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ReportError::io(dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("summary.csv").is_file())
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(ReportError::Input(format!(
            "{} is neither a finished sweep (no runs.csv) nor a folder of finished runs (no subfolder with a summary.csv)",
            dir.display()
        )));
    }
    let mut header: Option<(Vec<String>, PathBuf)> = None;
    let mut rows = Vec::new();
    let mut versions: Vec<String> = Vec::new();
    let mut hasher = Sha256::new();
    for folder in &folders {
        let summary_path = folder.join("summary.csv");
        let bytes = std::fs::read(&summary_path).map_err(|e| ReportError::io(&summary_path, e))?;
        hasher.update(&bytes);
        let summary = Table::read(&summary_path)?;
        if summary.rows.len() != 1 {
            return Err(ReportError::Input(format!(
                "{}: {} data rows, expected 1",
                summary_path.display(),
                summary.rows.len()
            )));
        }
        match &header {
            None => header = Some((summary.header.clone(), folder.clone())),
            Some((h, first)) if *h != summary.header => {
                return Err(ReportError::Input(format!(
                    "{} and {} have different summary.csv columns (written by different sgsim versions?); report on runs of one version",
                    first.display(),
                    folder.display()
                )));
            }
            Some(_) => {}
        }
        let manifest = read_toml(&folder.join("manifest.toml"))?;
        let version = str_field(&manifest, "sgsim_version").unwrap_or_else(|| "?".into());
        if !versions.contains(&version) {
            versions.push(version);
        }
        rows.push(summary.rows.into_iter().next().expect("one row"));
    }
    let (summary_header, _) = header.expect("at least one folder");
    let summary = Table::new(summary_header.clone(), Vec::new());
    let (Some(scenario), Some(seed)) = (summary.col(c::SCENARIO), summary.col(c::SEED)) else {
        return Err(ReportError::Input(format!(
            "{}: summary.csv has no `scenario` or `seed` column",
            folders[0].display()
        )));
    };
    let mut distinct: Vec<u64> = rows.iter().filter_map(|r| r[seed].parse().ok()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut keys = Vec::with_capacity(rows.len());
    let mut seen: BTreeMap<(String, String), &Path> = BTreeMap::new();
    let mut arms: Vec<String> = Vec::new();
    for (row, folder) in rows.iter().zip(&folders) {
        let arm = row[scenario].clone();
        if let Some(other) = seen.insert((arm.clone(), row[seed].clone()), folder) {
            return Err(ReportError::Input(format!(
                "{} and {} are both runs of scenario `{arm}` with seed {}: runs are paired by seed, so keep one",
                other.display(),
                folder.display(),
                row[seed]
            )));
        }
        if !arms.contains(&arm) {
            arms.push(arm.clone());
        }
        let replication = row[seed]
            .parse::<u64>()
            .ok()
            .and_then(|s| distinct.binary_search(&s).ok())
            .unwrap_or(0) as u32;
        keys.push(RunKey {
            arm,
            point: 0,
            replication,
        });
    }
    let mut full_header = vec![c::ARM.to_string(), c::POINT.into(), c::REPLICATION.into()];
    full_header.extend(summary_header);
    let full_rows = rows
        .into_iter()
        .zip(&keys)
        .map(|(row, key)| {
            let mut r = vec![key.arm.clone(), "0".into(), key.replication.to_string()];
            r.extend(row);
            r
        })
        .collect();
    let provenance = Provenance {
        kind: SourceKind::Runs,
        name: folder_name(dir),
        folder: dir.display().to_string(),
        sgsim_version: versions.join(", "),
        plan_sha256: None,
        data_sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        master_seed: None,
        seeds: distinct.iter().map(u64::to_string).collect(),
    };
    let war_files = folders.iter().map(|f| f.join("war.csv")).collect();
    Ok(finish(
        provenance,
        Table::new(full_header, full_rows),
        keys,
        arms,
        None,
        None,
        war_files,
    ))
}

fn finish(
    provenance: Provenance,
    runs: Table,
    keys: Vec<RunKey>,
    arms: Vec<String>,
    ensemble: Option<Table>,
    sensitivity: Option<Table>,
    war_files: Vec<PathBuf>,
) -> Dataset {
    let mut points: Vec<u32> = keys.iter().map(|k| k.point).collect();
    points.sort_unstable();
    points.dedup();
    let factors = runs
        .header
        .iter()
        .filter(|h| h.starts_with(c::FACTOR_PREFIX))
        .cloned()
        .collect();
    Dataset {
        provenance,
        runs,
        keys,
        arms,
        points,
        factors,
        ensemble,
        sensitivity,
        war_files,
    }
}

impl Dataset {
    /// The rows (indices) of one arm at one design point, in replication order.
    pub fn cell(&self, arm: &str, point: u32) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.keys[i].arm == arm && self.keys[i].point == point)
            .collect();
        idx.sort_by_key(|&i| self.keys[i].replication);
        idx
    }

    /// The text of column `name` in row `i`, if the column exists.
    pub fn text(&self, i: usize, name: &str) -> Option<&str> {
        self.runs.get(&self.runs.rows[i], name)
    }

    /// Whether `runs.csv` has column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.runs.has(name)
    }

    /// The value of a factor at a design point (taken from the first run there).
    pub fn factor_values(&self, point: u32) -> Vec<(String, String)> {
        let Some(i) = (0..self.keys.len()).find(|&i| self.keys[i].point == point) else {
            return Vec::new();
        };
        self.factors
            .iter()
            .map(|f| {
                (
                    f[c::FACTOR_PREFIX.len()..].to_string(),
                    self.text(i, f).unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}
