//! Slicing a sweep for a cluster, and merging the slices.
//!
//! Shard `I/N` owns the runs whose index `i` has `i mod N = I`, and writes to
//! `<out>/shard-I-of-N/`. Inside a Slurm job array the shard comes from
//! `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT` (and `SLURM_ARRAY_TASK_MIN`) when
//! `--shard` is not given. `sgsim merge <out>` checks that every shard is present and
//! complete and writes the same results an unsharded sweep would.

use std::path::Path;

use sgsim_run::output::Format;

use super::SweepReport;
use super::finalize::{self, Index};
use super::plan::Plan;
use super::spec::Sweep;
use super::store::State;
use crate::error::ExperimentError;
use sgsim_run::engine::PluginCache;

/// One slice of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Index, `0 <= index < count`.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Shard {
    /// Parses `I/N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let error =
            || format!("--shard {text}: expected I/N with 0 <= I < N, for example --shard 0/4");
        let (i, n) = text.split_once('/').ok_or_else(error)?;
        let (index, count) = (
            i.trim().parse::<usize>().map_err(|_| error())?,
            n.trim().parse::<usize>().map_err(|_| error())?,
        );
        if count == 0 || index >= count {
            return Err(error());
        }
        Ok(Shard { index, count })
    }

    /// The shard of a Slurm array task, if this process is one.
    pub fn from_slurm(get: impl Fn(&str) -> Option<String>) -> Result<Option<Shard>, String> {
        let (Some(id), Some(count)) = (get("SLURM_ARRAY_TASK_ID"), get("SLURM_ARRAY_TASK_COUNT"))
        else {
            return Ok(None);
        };
        let parse = |name: &str, value: &str| {
            value
                .trim()
                .parse::<usize>()
                .map_err(|_| format!("{name}={value} is not a number"))
        };
        let id = parse("SLURM_ARRAY_TASK_ID", &id)?;
        let count = parse("SLURM_ARRAY_TASK_COUNT", &count)?;
        let min = get("SLURM_ARRAY_TASK_MIN")
            .map(|m| parse("SLURM_ARRAY_TASK_MIN", &m))
            .transpose()?
            .unwrap_or(0);
        let step = get("SLURM_ARRAY_TASK_STEP")
            .map(|s| parse("SLURM_ARRAY_TASK_STEP", &s))
            .transpose()?
            .unwrap_or(1)
            .max(1);
        let index = id.checked_sub(min).map(|d| d / step).ok_or_else(|| {
            format!("SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={min}")
        })?;
        if index >= count {
            return Err(format!(
                "Slurm array task {id} maps to shard {index}, but the array has {count} tasks"
            ));
        }
        Ok(Some(Shard { index, count }))
    }

    /// Whether run `index` belongs to this shard.
    pub fn owns(&self, index: usize) -> bool {
        index % self.count == self.index
    }

    /// The shard's folder name.
    pub fn folder_name(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }
}

/// Merges `folder/shard-*-of-N` into `folder`.
pub fn merge(folder: &Path) -> Result<SweepReport, ExperimentError> {
    if !folder.is_dir() {
        return Err(ExperimentError::Output(format!(
            "{} is not a folder",
            folder.display()
        )));
    }
    let _lock = sgsim_run::output::lock_folder(folder).map_err(ExperimentError::Output)?;
    let mut shards: Vec<(Shard, std::path::PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(folder)
        .map_err(|e| ExperimentError::Output(format!("cannot read {}: {e}", folder.display())))?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix("shard-")
            && let Some((i, n)) = rest.split_once("-of-")
            && let (Ok(index), Ok(count)) = (i.parse(), n.parse())
        {
            shards.push((Shard { index, count }, entry.path()));
        }
    }
    shards.sort_by_key(|(s, _)| s.index);
    let Some(&(first, _)) = shards.first() else {
        return Err(ExperimentError::Output(format!(
            "{} holds no shard-I-of-N folders to merge",
            folder.display()
        )));
    };
    if let Some((other, _)) = shards.iter().find(|(s, _)| s.count != first.count) {
        return Err(ExperimentError::Output(format!(
            "shards of different splits: {} and {}",
            first.folder_name(),
            other.folder_name()
        )));
    }
    let missing: Vec<String> = (0..first.count)
        .filter(|i| !shards.iter().any(|(s, _)| s.index == *i))
        .map(|i| {
            Shard {
                index: i,
                count: first.count,
            }
            .folder_name()
        })
        .collect();
    if !missing.is_empty() {
        return Err(ExperimentError::Output(format!(
            "missing shard folders: {}",
            missing.join(", ")
        )));
    }
    let manifests: Vec<toml::Table> = shards
        .iter()
        .map(|(_, path)| {
            std::fs::read_to_string(path.join("manifest.toml"))
                .ok()
                .and_then(|t| t.parse::<toml::Table>().ok())
                .ok_or_else(|| {
                    ExperimentError::Output(format!(
                        "{} has no readable manifest.toml",
                        path.display()
                    ))
                })
        })
        .collect::<Result<_, _>>()?;
    for ((_, path), manifest) in shards.iter().zip(&manifests) {
        let status = manifest
            .get("status")
            .and_then(|s| s.as_str())
            .unwrap_or("unknown");
        if status == "running" {
            let how = sgsim_run::output::running_status(path);
            let advice = if how.starts_with("dead") {
                "run that shard again (it resumes) before merging"
            } else {
                "wait for it to finish before merging"
            };
            return Err(ExperimentError::Output(format!(
                "{} is not complete: {how}; {advice}",
                path.display()
            )));
        }
        if status != "complete" {
            return Err(ExperimentError::Output(format!(
                "{} is not complete (status {status}); run that shard again before merging",
                path.display(),
            )));
        }
    }
    let plan_sha = manifests[0]
        .get("plan_sha256")
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned();
    if let Some((_, path)) = shards
        .iter()
        .zip(&manifests)
        .find(|(_, m)| m.get("plan_sha256").and_then(|s| s.as_str()) != Some(&plan_sha))
        .map(|(s, _)| s)
    {
        return Err(ExperimentError::Output(format!(
            "{} belongs to a different sweep",
            path.display()
        )));
    }
    let formats: Vec<Format> = shards
        .iter()
        .map(|(_, path)| {
            super::manifest::folder_format(path)
                .map(|f| f.unwrap_or_default())
                .map_err(ExperimentError::Output)
        })
        .collect::<Result<_, _>>()?;
    let format = formats[0];
    if let Some(((_, path), other)) = shards.iter().zip(&formats).find(|(_, f)| **f != format) {
        return Err(ExperimentError::Output(format!(
            "{} was run with --format {} but {} with --format {}; run every shard in the same format before merging",
            path.display(),
            other.name(),
            shards[0].1.display(),
            format.name()
        )));
    }
    let sweep_file = manifests[0]
        .get("sweep_file")
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned();
    let sweep = Sweep::load(Path::new(&sweep_file))?;
    let cache = PluginCache::default();
    let plan = Plan::new(sweep, &cache)?;
    if plan.sha256() != plan_sha {
        return Err(ExperimentError::Output(format!(
            "the sweep file {sweep_file} changed since the shards ran; merge needs the same file"
        )));
    }
    let states: Vec<State> = shards
        .iter()
        .map(|(_, path)| State::open(path, &plan_sha, None, plan.len()))
        .collect::<Result<_, _>>()
        .map_err(ExperimentError::Output)?;
    let index = Index::new(plan.len(), &states);
    let unreadable = |e: std::io::Error| {
        ExperimentError::Output(format!(
            "cannot read the run index of a shard in {}: {e}",
            folder.display()
        ))
    };
    if let (count, Some(first)) = index.missing().map_err(unreadable)? {
        return Err(ExperimentError::Output(format!(
            "{count} runs are missing from the shards (first: run {first})"
        )));
    }
    for state in &states {
        for (run, line) in state.lines().enumerate() {
            if line.map_err(unreadable)?.is_some() && !state.has_metrics(run).map_err(unreadable)? {
                return Err(ExperimentError::Output(format!(
                    "the metrics of run {run} are missing or damaged"
                )));
            }
        }
    }
    finalize::write_results(&plan, &index, folder, format).map_err(|e| {
        ExperimentError::Output(format!(
            "cannot write the results in {}: {e}",
            folder.display()
        ))
    })?;
    let mut manifest = super::manifest::SweepManifest::new(
        &plan,
        Path::new(&sweep_file),
        None,
        super::Traces::None,
        format,
        plan.len(),
    );
    manifest.runs_done = plan.len();
    manifest.status = super::manifest::SweepStatus::Complete;
    manifest.finished_at = Some(sgsim_run::output::now());
    manifest.traces = format!("merged from {} shards", first.count);
    sgsim_run::output::write_atomic(&folder.join("manifest.toml"), manifest.to_toml().as_bytes())
        .map_err(|e| ExperimentError::Output(format!("cannot write the manifest: {e}")))?;
    Ok(SweepReport {
        folder: folder.to_owned(),
        runs: plan.len(),
        ran: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_split_runs_round_robin() {
        assert_eq!(Shard::parse("1/4"), Ok(Shard { index: 1, count: 4 }));
        assert!(Shard::parse("4/4").is_err());
        assert!(Shard::parse("x").is_err());
        let shard = Shard { index: 1, count: 3 };
        assert_eq!(
            (0..7).filter(|&i| shard.owns(i)).collect::<Vec<_>>(),
            vec![1, 4]
        );
    }

    #[test]
    fn the_slurm_array_gives_the_shard() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Shard::from_slurm(env(&[])), Ok(None));
        assert_eq!(
            Shard::from_slurm(env(&[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_COUNT", "4"),
                ("SLURM_ARRAY_TASK_MIN", "1")
            ])),
            Ok(Some(Shard { index: 2, count: 4 }))
        );
        assert!(
            Shard::from_slurm(env(&[
                ("SLURM_ARRAY_TASK_ID", "9"),
                ("SLURM_ARRAY_TASK_COUNT", "4")
            ]))
            .is_err()
        );
    }
}
