//! `comparison.csv`: per arm and design point, each proportion with its Wilson interval
//! and each numeric outcome's mean, 5th, 50th and 95th percentiles with percentile
//! bootstrap intervals.

use sgsim_stats::{Estimate, bootstrap_mean, bootstrap_quantile, wilson};

use crate::format::{f6, opt6};
use crate::load::Dataset;
use crate::measures::{Measures, parse_number};
use crate::seeds::{BOOTSTRAP_REPLICATES, CONFIDENCE, seed};

/// One row of `comparison.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// Arm.
    pub arm: String,
    /// Design point.
    pub point: u32,
    /// Measure name.
    pub measure: String,
    /// `share`, `mean`, `p05`, `p50` or `p95`.
    pub statistic: &'static str,
    /// Runs with a value.
    pub n: usize,
    /// For a share: runs with the outcome.
    pub count: Option<u64>,
    /// Estimate and interval.
    pub value: Estimate,
    /// `wilson` or `bootstrap_percentile`.
    pub method: &'static str,
}

/// The statistics of every numeric outcome, with their quantile levels.
const STATISTICS: [(&str, Option<f64>); 4] = [
    ("mean", None),
    ("p05", Some(0.05)),
    ("p50", Some(0.5)),
    ("p95", Some(0.95)),
];

/// Computes the comparison table.
pub fn comparison(data: &Dataset, measures: &Measures, base_seed: u64) -> Vec<ComparisonRow> {
    let mut rows = Vec::new();
    for arm in &data.arms {
        for &point in &data.points {
            let cell = data.cell(arm, point);
            if cell.is_empty() {
                continue;
            }
            for p in &measures.proportions {
                let values: Vec<bool> = cell.iter().filter_map(|&i| p.value(data, i)).collect();
                if values.is_empty() {
                    continue;
                }
                let k = values.iter().filter(|v| **v).count() as u64;
                rows.push(ComparisonRow {
                    arm: arm.clone(),
                    point,
                    measure: p.name.clone(),
                    statistic: "share",
                    n: values.len(),
                    count: Some(k),
                    value: wilson(k, values.len() as u64, CONFIDENCE),
                    method: "wilson",
                });
            }
            for column in &measures.numeric {
                let values: Vec<f64> = cell
                    .iter()
                    .filter_map(|&i| data.text(i, column).and_then(parse_number))
                    .collect();
                if values.is_empty() {
                    continue;
                }
                for (statistic, q) in STATISTICS {
                    let s = seed(
                        base_seed,
                        &format!("comparison/{arm}/{point}/{column}/{statistic}"),
                    );
                    let value = match q {
                        None => bootstrap_mean(&values, BOOTSTRAP_REPLICATES, CONFIDENCE, s),
                        Some(q) => {
                            bootstrap_quantile(&values, q, BOOTSTRAP_REPLICATES, CONFIDENCE, s)
                        }
                    };
                    rows.push(ComparisonRow {
                        arm: arm.clone(),
                        point,
                        measure: column.to_string(),
                        statistic,
                        n: values.len(),
                        count: None,
                        value,
                        method: "bootstrap_percentile",
                    });
                }
            }
        }
    }
    rows
}

/// The header of `comparison.csv`: the run keys, the factor columns, then the values.
pub fn header(data: &Dataset) -> Vec<String> {
    let mut h = vec!["arm".to_string(), "point".into()];
    h.extend(data.factors.iter().cloned());
    h.extend(
        [
            "measure",
            "statistic",
            "n",
            "count",
            "estimate",
            "lower",
            "upper",
            "method",
        ]
        .map(String::from),
    );
    h
}

/// The rows of `comparison.csv` as text.
pub fn records(data: &Dataset, rows: &[ComparisonRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut out = vec![r.arm.clone(), r.point.to_string()];
            out.extend(data.factor_values(r.point).into_iter().map(|(_, v)| v));
            out.extend([
                r.measure.clone(),
                r.statistic.to_string(),
                r.n.to_string(),
                r.count.map(|k| k.to_string()).unwrap_or_default(),
                f6(r.value.estimate),
                opt6(Some(r.value.lower)),
                opt6(Some(r.value.upper)),
                r.method.to_string(),
            ]);
            out
        })
        .collect()
}
