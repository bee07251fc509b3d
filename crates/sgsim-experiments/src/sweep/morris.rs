//! Morris elementary effects (Morris 1991; μ* from Campolongo et al. 2007).
//!
//! For trajectory `t` and the step that moves factor `i` by `±Δ` (in coordinates scaled to
//! [0, 1]), the elementary effect on outcome `y` is `EE = (y(after) − y(before)) / (±Δ)`,
//! where `y` is the mean over the replications of that design point (the replications use
//! the same seeds at every point, so the difference is not noise between seeds). Per factor
//! and outcome: `μ` = mean EE, `μ*` = mean |EE|, `σ` = sample standard deviation of EE.

use std::path::Path;

use super::design::MorrisPlan;
use super::plan::Plan;
use super::stats::stats;
use sgsim_run::output::{SUMMARY_HEADER, csvfmt, write_atomic};

/// Summary columns that are identifiers, dates or text rather than outcomes.
const NOT_OUTCOMES: [&str; 11] = [
    "scenario",
    "seed",
    "ticks",
    "start_date",
    "end_date",
    "config_sha256",
    "ceasefire_date",
    "guarantee_in_force_date",
    "invitation_date",
    "accession_date",
    "status",
];

/// The summary columns screened: every numeric or boolean outcome, in summary order.
pub fn outcomes() -> impl Iterator<Item = &'static str> {
    SUMMARY_HEADER
        .iter()
        .copied()
        .filter(|column| !NOT_OUTCOMES.contains(column))
}

/// Header of `sensitivity.csv`.
pub const SENSITIVITY_HEADER: [&str; 7] =
    ["arm", "factor", "outcome", "n", "mu", "mu_star", "sigma"];

fn number(text: &str) -> f64 {
    match text {
        "true" => 1.0,
        "false" => 0.0,
        other => other.parse().unwrap_or(f64::NAN),
    }
}

/// Reads the rows of `runs.csv` (`runs_csv`: its bytes, header first) and writes
/// `sensitivity.csv`.
pub fn write_sensitivity(
    plan: &Plan,
    morris: &MorrisPlan,
    runs_csv: impl std::io::Read,
    out: &Path,
) -> std::io::Result<()> {
    let mut reader = csv::Reader::from_reader(runs_csv);
    let header = reader.headers().map_err(std::io::Error::other)?.clone();
    let column = |name: &str| header.iter().position(|h| h == name);
    let outcome_columns: Vec<(usize, &str)> = outcomes()
        .filter_map(|o| column(o).map(|c| (c, o)))
        .collect();
    let (arm_col, point_col) = (column("arm").unwrap_or(2), column("point").unwrap_or(3));
    let points = plan.design.points.len();
    let arms = plan.sweep.arms.len();
    // Sums and counts per arm, point and outcome, for the replication means.
    let mut sums = vec![0.0_f64; arms * points * outcome_columns.len()];
    let mut counts = vec![0_u32; sums.len()];
    for record in reader.records() {
        let record = record.map_err(std::io::Error::other)?;
        let Some(arm) = plan
            .sweep
            .arms
            .iter()
            .position(|a| Some(a.name.as_str()) == record.get(arm_col))
        else {
            continue;
        };
        let Some(point) = record.get(point_col).and_then(|p| p.parse::<usize>().ok()) else {
            continue;
        };
        for (o, (c, _)) in outcome_columns.iter().enumerate() {
            let value = number(record.get(*c).unwrap_or(""));
            if !value.is_nan() {
                let slot = (arm * points + point) * outcome_columns.len() + o;
                sums[slot] += value;
                counts[slot] += 1;
            }
        }
    }
    let mean = |arm: usize, point: usize, o: usize| {
        let slot = (arm * points + point) * outcome_columns.len() + o;
        if counts[slot] > 0 {
            sums[slot] / f64::from(counts[slot])
        } else {
            f64::NAN
        }
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(SENSITIVITY_HEADER)
        .map_err(std::io::Error::other)?;
    let k = morris.varied.len();
    let mut buf = String::new();
    for (arm_index, arm) in plan.sweep.arms.iter().enumerate() {
        for &factor in &morris.varied {
            for (o, (_, outcome)) in outcome_columns.iter().enumerate() {
                let mut effects = Vec::new();
                for (t, path) in morris.steps.iter().enumerate() {
                    for (j, &(moved, step)) in path.iter().enumerate() {
                        if moved == factor {
                            let before = mean(arm_index, t * (k + 1) + j, o);
                            let after = mean(arm_index, t * (k + 1) + j + 1, o);
                            let effect = (after - before) / step;
                            if effect.is_finite() {
                                effects.push(effect);
                            }
                        }
                    }
                }
                let mut absolute: Vec<f64> = effects.iter().map(|e| e.abs()).collect();
                let (Some(signed), Some(magnitude)) = (stats(&mut effects), stats(&mut absolute))
                else {
                    continue;
                };
                let mut f = |v: f64| csvfmt::float(&mut buf, v).to_owned();
                writer
                    .write_record([
                        arm.name.clone(),
                        plan.design.keys[factor].clone(),
                        (*outcome).to_owned(),
                        signed.n.to_string(),
                        f(signed.mean),
                        f(magnitude.mean),
                        f(signed.sd),
                    ])
                    .map_err(std::io::Error::other)?;
            }
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomic(out, &bytes)
}
