//! `fan.csv`: the 5th, 50th and 95th percentiles across replications, week by week, of
//! the metrics drawn as fan charts (territory, escalation, the guarantee's credibility,
//! aid delivered). For a sweep they are the rows of `ensemble.csv`; for a folder of runs
//! they are computed the same way (type-7 quantiles of the sorted values) from each
//! run's `war.csv`.

use std::collections::BTreeMap;

use sgsim_stats::quantile_sorted;

use crate::columns::{self as c, ensemble as e};
use crate::error::ReportError;
use crate::format::f6;
use crate::load::Dataset;
use crate::measures::parse_number;
use crate::table::Table;

/// One week of one metric of one arm at one design point.
#[derive(Clone, Debug, PartialEq)]
pub struct FanRow {
    /// Arm.
    pub arm: String,
    /// Design point.
    pub point: u32,
    /// Metric (an `ensemble.csv` metric name).
    pub metric: String,
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: String,
    /// Replications with a value.
    pub n: usize,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// The fan rows of `data`, or `None` when it has no per-week data.
pub fn fans(data: &Dataset) -> Result<Option<Vec<FanRow>>, ReportError> {
    if let Some(ensemble) = &data.ensemble {
        return from_ensemble(ensemble).map(Some);
    }
    if data.war_files.is_empty() || data.war_files.iter().any(|f| !f.is_file()) {
        return Ok(None);
    }
    from_traces(data).map(Some)
}

fn from_ensemble(t: &Table) -> Result<Vec<FanRow>, ReportError> {
    let wanted: Vec<&str> = c::FAN_METRICS.iter().map(|m| m.0).collect();
    let mut rows = Vec::new();
    for (line, r) in t.rows.iter().enumerate() {
        let metric = t.get(r, e::METRIC).unwrap_or_default();
        if !wanted.contains(&metric) {
            continue;
        }
        let num = |name: &str| {
            t.get(r, name).and_then(parse_number).ok_or_else(|| {
                ReportError::Input(format!(
                    "ensemble.csv: line {}: `{name}` is not a number",
                    line + 2
                ))
            })
        };
        rows.push(FanRow {
            arm: t.get(r, e::ARM).unwrap_or_default().into(),
            point: num(e::POINT)? as u32,
            metric: metric.into(),
            tick: num(e::TICK)? as u32,
            date: t.get(r, e::DATE).unwrap_or_default().into(),
            n: num(e::N)? as usize,
            p05: num(e::P05)?,
            p50: num(e::P50)?,
            p95: num(e::P95)?,
        });
    }
    Ok(rows)
}

/// (arm index, point, metric index, tick).
type CellKey = (usize, u32, usize, u32);

fn from_traces(data: &Dataset) -> Result<Vec<FanRow>, ReportError> {
    let mut cells: BTreeMap<CellKey, (String, Vec<f64>)> = BTreeMap::new();
    for (i, path) in data.war_files.iter().enumerate() {
        let war = Table::read(path)?;
        let key = &data.keys[i];
        let arm = data.arms.iter().position(|a| *a == key.arm).unwrap_or(0);
        for row in &war.rows {
            let tick = war
                .get(row, c::war::TICK)
                .and_then(|t| t.parse::<u32>().ok())
                .ok_or_else(|| ReportError::Input(format!("{}: bad tick", path.display())))?;
            let date = war.get(row, c::war::DATE).unwrap_or_default();
            for (m, (_, column, _)) in c::FAN_METRICS.iter().enumerate() {
                if let Some(v) = war.get(row, column).and_then(parse_number) {
                    cells
                        .entry((arm, key.point, m, tick))
                        .or_insert_with(|| (date.to_string(), Vec::new()))
                        .1
                        .push(v);
                }
            }
        }
    }
    Ok(cells
        .into_iter()
        .map(|((arm, point, m, tick), (date, mut values))| {
            values.sort_by(f64::total_cmp);
            FanRow {
                arm: data.arms[arm].clone(),
                point,
                metric: c::FAN_METRICS[m].0.to_string(),
                tick,
                date,
                n: values.len(),
                p05: quantile_sorted(&values, 0.05),
                p50: quantile_sorted(&values, 0.5),
                p95: quantile_sorted(&values, 0.95),
            }
        })
        .collect())
}

/// The header of `fan.csv`.
pub fn header() -> Vec<String> {
    [
        "arm", "point", "metric", "tick", "date", "n", "p05", "p50", "p95",
    ]
    .map(String::from)
    .to_vec()
}

/// The rows of `fan.csv`, in arm, point, metric, tick order.
pub fn records(data: &Dataset, rows: &[FanRow]) -> Vec<Vec<String>> {
    let metric_rank = |m: &str| c::FAN_METRICS.iter().position(|f| f.0 == m).unwrap_or(0);
    let arm_rank = |a: &str| data.arms.iter().position(|x| x == a).unwrap_or(usize::MAX);
    let mut sorted: Vec<&FanRow> = rows.iter().collect();
    sorted.sort_by_key(|r| (arm_rank(&r.arm), r.point, metric_rank(&r.metric), r.tick));
    sorted
        .into_iter()
        .map(|r| {
            vec![
                r.arm.clone(),
                r.point.to_string(),
                r.metric.clone(),
                r.tick.to_string(),
                r.date.clone(),
                r.n.to_string(),
                f6(r.p05),
                f6(r.p50),
                f6(r.p95),
            ]
        })
        .collect()
}
