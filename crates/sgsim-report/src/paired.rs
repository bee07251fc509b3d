//! `paired.csv`: every arm against the control arm, at each design point, on the common
//! random numbers: run r of an arm is paired with run r of the control (same design point,
//! same replication, hence the same seed).
//!
//! Yes/no outcomes are tested with McNemar's test (exact below 25 discordant pairs,
//! chi-square with continuity correction otherwise), numeric outcomes with the paired
//! bootstrap's centred test; the interval of the difference is the paired bootstrap's
//! percentile interval in both cases. The p-values of the whole table are one family,
//! adjusted together with Holm's method.

use std::collections::BTreeMap;

use sgsim_stats::{holm, mcnemar, paired_bootstrap};

use crate::columns as c;
use crate::error::ReportError;
use crate::format::f6;
use crate::load::Dataset;
use crate::measures::{Measures, parse_number};
use crate::seeds::{CONFIDENCE, PAIRED_REPLICATES, seed};

/// One row of `paired.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PairedRow {
    /// The compared arm.
    pub arm: String,
    /// Design point.
    pub point: u32,
    /// Measure name.
    pub measure: String,
    /// `mcnemar_exact`, `mcnemar_chi_square_cc` or `paired_bootstrap`.
    pub test: String,
    /// Pairs with a value in both arms.
    pub pairs: usize,
    /// Mean (or share) in the control arm.
    pub control: f64,
    /// Mean (or share) in the arm.
    pub value: f64,
    /// `value − control`.
    pub difference: f64,
    /// Lower end of the interval of the difference.
    pub lower: f64,
    /// Upper end.
    pub upper: f64,
    /// Yes/no only: pairs with the arm yes and the control no.
    pub arm_only: Option<u64>,
    /// Yes/no only: pairs with the control yes and the arm no.
    pub control_only: Option<u64>,
    /// McNemar's statistic; empty for the bootstrap.
    pub statistic: Option<f64>,
    /// Unadjusted two-sided p-value.
    pub p_value: f64,
    /// Holm-adjusted p-value over the whole table.
    pub p_holm: f64,
}

/// The pairs of `arm` with `control` at `point`: (arm row, control row), by replication.
fn pairs(
    data: &Dataset,
    control: &str,
    arm: &str,
    point: u32,
) -> Result<Vec<(usize, usize)>, ReportError> {
    let by_rep: BTreeMap<u32, usize> = data
        .cell(control, point)
        .into_iter()
        .map(|i| (data.keys[i].replication, i))
        .collect();
    let mut out = Vec::new();
    for i in data.cell(arm, point) {
        if let Some(&j) = by_rep.get(&data.keys[i].replication) {
            let (a, b) = (data.text(i, c::SEED), data.text(j, c::SEED));
            if a != b {
                return Err(ReportError::Input(format!(
                    "replication {} of arm `{arm}` has seed {} but that of the control `{control}` has seed {}: the runs are not on common random numbers",
                    data.keys[i].replication,
                    a.unwrap_or_default(),
                    b.unwrap_or_default()
                )));
            }
            out.push((i, j));
        }
    }
    Ok(out)
}

/// Computes the paired table against `control`.
pub fn paired(
    data: &Dataset,
    measures: &Measures,
    control: &str,
    base_seed: u64,
) -> Result<Vec<PairedRow>, ReportError> {
    let mut rows = Vec::new();
    for arm in data.arms.iter().filter(|a| *a != control) {
        for &point in &data.points {
            let pairs = pairs(data, control, arm, point)?;
            if pairs.is_empty() {
                continue;
            }
            for p in measures.proportions.iter().filter(|p| !p.is_rung()) {
                let both: Vec<(bool, bool)> = pairs
                    .iter()
                    .filter_map(|&(i, j)| Some((p.value(data, i)?, p.value(data, j)?)))
                    .collect();
                if both.is_empty() {
                    continue;
                }
                let b = both.iter().filter(|(a, c)| *a && !*c).count() as u64;
                let cc = both.iter().filter(|(a, c)| !*a && *c).count() as u64;
                let test = mcnemar(b, cc);
                let as_f = |v: bool| if v { 1.0 } else { 0.0 };
                let control_v: Vec<f64> = both.iter().map(|(_, c)| as_f(*c)).collect();
                let arm_v: Vec<f64> = both.iter().map(|(a, _)| as_f(*a)).collect();
                let boot = paired_bootstrap(
                    &control_v,
                    &arm_v,
                    PAIRED_REPLICATES,
                    CONFIDENCE,
                    seed(
                        base_seed,
                        &format!("paired/{control}/{arm}/{point}/{}", p.name),
                    ),
                );
                rows.push(PairedRow {
                    arm: arm.clone(),
                    point,
                    measure: p.name.clone(),
                    test: format!("mcnemar_{}", test.method.name()),
                    pairs: both.len(),
                    control: boot.control_mean,
                    value: boot.treated_mean,
                    difference: boot.difference,
                    lower: boot.lower,
                    upper: boot.upper,
                    arm_only: Some(b),
                    control_only: Some(cc),
                    statistic: Some(test.statistic),
                    p_value: test.p_value,
                    p_holm: f64::NAN,
                });
            }
            for column in &measures.paired_numeric {
                let both: Vec<(f64, f64)> = pairs
                    .iter()
                    .filter_map(|&(i, j)| {
                        Some((
                            data.text(i, column).and_then(parse_number)?,
                            data.text(j, column).and_then(parse_number)?,
                        ))
                    })
                    .collect();
                if both.is_empty() {
                    continue;
                }
                let control_v: Vec<f64> = both.iter().map(|(_, c)| *c).collect();
                let arm_v: Vec<f64> = both.iter().map(|(a, _)| *a).collect();
                let boot = paired_bootstrap(
                    &control_v,
                    &arm_v,
                    PAIRED_REPLICATES,
                    CONFIDENCE,
                    seed(
                        base_seed,
                        &format!("paired/{control}/{arm}/{point}/{column}"),
                    ),
                );
                rows.push(PairedRow {
                    arm: arm.clone(),
                    point,
                    measure: column.to_string(),
                    test: "paired_bootstrap".into(),
                    pairs: both.len(),
                    control: boot.control_mean,
                    value: boot.treated_mean,
                    difference: boot.difference,
                    lower: boot.lower,
                    upper: boot.upper,
                    arm_only: None,
                    control_only: None,
                    statistic: None,
                    p_value: boot.p_value,
                    p_holm: f64::NAN,
                });
            }
        }
    }
    let adjusted = holm(&rows.iter().map(|r| r.p_value).collect::<Vec<_>>());
    for (row, p) in rows.iter_mut().zip(adjusted) {
        row.p_holm = p;
    }
    Ok(rows)
}

/// The header of `paired.csv`.
pub fn header() -> Vec<String> {
    [
        "control",
        "arm",
        "point",
        "measure",
        "test",
        "pairs",
        "control_estimate",
        "arm_estimate",
        "difference",
        "lower",
        "upper",
        "arm_only",
        "control_only",
        "statistic",
        "p_value",
        "p_holm",
    ]
    .map(String::from)
    .to_vec()
}

/// The rows of `paired.csv` as text.
pub fn records(control: &str, rows: &[PairedRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                control.to_string(),
                r.arm.clone(),
                r.point.to_string(),
                r.measure.clone(),
                r.test.clone(),
                r.pairs.to_string(),
                f6(r.control),
                f6(r.value),
                f6(r.difference),
                f6(r.lower),
                f6(r.upper),
                r.arm_only.map(|v| v.to_string()).unwrap_or_default(),
                r.control_only.map(|v| v.to_string()).unwrap_or_default(),
                r.statistic.map(f6).unwrap_or_default(),
                f6(r.p_value),
                f6(r.p_holm),
            ]
        })
        .collect()
}
