//! Refusing comparisons that would mislead: arms compared at a design point must run
//! over the same weeks, or every probability "by the end" means something else in each;
//! and no arm may rest on a premise that never applied (a dated premise after the
//! horizon, counted in `premises_outside_horizon`).

use std::collections::BTreeMap;

use crate::columns as c;
use crate::error::ReportError;
use crate::load::Dataset;

/// The horizon of a run: its start date and number of weekly ticks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Horizon {
    /// Date of tick 0.
    pub start_date: String,
    /// Weekly ticks.
    pub ticks: String,
    /// Date of the last tick.
    pub end_date: String,
}

impl std::fmt::Display for Horizon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} weeks from {} to {}",
            self.ticks, self.start_date, self.end_date
        )
    }
}

/// Checks that at every design point every arm has one horizon and all arms share it.
/// Returns the horizon of each design point.
pub fn check(data: &Dataset) -> Result<BTreeMap<u32, Horizon>, ReportError> {
    let mut per_point = BTreeMap::new();
    for arm in &data.arms {
        for &point in &data.points {
            let unmet = data.cell(arm, point).into_iter().find_map(|i| {
                data.text(i, c::PREMISES_OUTSIDE_HORIZON)
                    .filter(|n| !n.is_empty() && *n != "0")
                    .map(str::to_owned)
            });
            if let Some(n) = unmet {
                return Err(ReportError::Incomparable(format!(
                    "arm `{arm}`{} rests on {n} dated premise(s) after its horizon, which never applied (`sgsim validate` on its scenario names them); lengthen the horizon or drop the premise",
                    at(data, point)
                )));
            }
        }
    }
    for &point in &data.points {
        let mut by_arm: Vec<(String, Horizon)> = Vec::new();
        for arm in &data.arms {
            let mut horizons: Vec<Horizon> = data
                .cell(arm, point)
                .into_iter()
                .map(|i| Horizon {
                    start_date: data.text(i, c::START_DATE).unwrap_or_default().into(),
                    ticks: data.text(i, c::TICKS).unwrap_or_default().into(),
                    end_date: data.text(i, c::END_DATE).unwrap_or_default().into(),
                })
                .collect();
            horizons.sort();
            horizons.dedup();
            match horizons.as_slice() {
                [] => {}
                [one] => by_arm.push((arm.clone(), one.clone())),
                [a, b, ..] => {
                    return Err(ReportError::Incomparable(format!(
                        "arm `{arm}` has runs with different horizons{} ({a}; {b}): its runs cannot be pooled; report on runs with one horizon",
                        at(data, point)
                    )));
                }
            }
        }
        if let Some((first_arm, first)) = by_arm.first() {
            if let Some((arm, other)) = by_arm.iter().find(|(_, h)| h != first) {
                let what = if other.start_date != first.start_date {
                    "start dates"
                } else {
                    "horizons"
                };
                return Err(ReportError::Incomparable(format!(
                    "cannot compare arms `{first_arm}` ({first}) and `{arm}` ({other}){}: they have different {what}; \
                     give every arm the same `ticks` and `start_date` (a `ticks` factor in the sweep file sets it for all arms)",
                    at(data, point)
                )));
            }
            per_point.insert(point, first.clone());
        }
    }
    Ok(per_point)
}

fn at(data: &Dataset, point: u32) -> String {
    if data.points.len() > 1 {
        format!(" at design point {point}")
    } else {
        String::new()
    }
}
