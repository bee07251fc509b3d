//! `survival.csv`: Kaplan–Meier curves of the first ceasefire's durability, per arm and
//! design point. Each run with a ceasefire contributes its `ceasefire_weeks`: an event
//! when the ceasefire broke (`ceasefire_first_break_date` not empty), censored at the
//! horizon when it still held at the end of the run. Runs without a ceasefire are not at
//! risk.

use sgsim_stats::{KmStep, kaplan_meier};

use crate::columns as c;
use crate::format::f6;
use crate::load::Dataset;
use crate::measures::parse_number;
use crate::seeds::CONFIDENCE;

/// One arm's curve at one design point.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Arm.
    pub arm: String,
    /// Design point.
    pub point: u32,
    /// Runs with a ceasefire.
    pub n: usize,
    /// The steps.
    pub steps: Vec<KmStep>,
}

/// The curves, or `None` when `runs.csv` lacks the columns.
pub fn survival(data: &Dataset) -> Option<Vec<Curve>> {
    if !data.has(c::CEASEFIRE_WEEKS) || !data.has(c::CEASEFIRE_FIRST_BREAK_DATE) {
        return None;
    }
    let mut curves = Vec::new();
    for arm in &data.arms {
        for &point in &data.points {
            let obs: Vec<(f64, bool)> = data
                .cell(arm, point)
                .into_iter()
                .filter_map(|i| {
                    let weeks = data.text(i, c::CEASEFIRE_WEEKS).and_then(parse_number)?;
                    let broke = !data
                        .text(i, c::CEASEFIRE_FIRST_BREAK_DATE)
                        .unwrap_or_default()
                        .is_empty();
                    Some((weeks, broke))
                })
                .collect();
            if obs.is_empty() {
                continue;
            }
            curves.push(Curve {
                arm: arm.clone(),
                point,
                n: obs.len(),
                steps: kaplan_meier(&obs, CONFIDENCE),
            });
        }
    }
    Some(curves)
}

/// The header of `survival.csv`.
pub fn header() -> Vec<String> {
    [
        "arm",
        "point",
        "weeks",
        "at_risk",
        "events",
        "censored",
        "survival",
        "std_error",
        "lower",
        "upper",
    ]
    .map(String::from)
    .to_vec()
}

/// The rows of `survival.csv` as text.
pub fn records(curves: &[Curve]) -> Vec<Vec<String>> {
    curves
        .iter()
        .flat_map(|curve| {
            curve.steps.iter().map(move |s| {
                vec![
                    curve.arm.clone(),
                    curve.point.to_string(),
                    f6(s.time),
                    s.at_risk.to_string(),
                    s.events.to_string(),
                    s.censored.to_string(),
                    f6(s.survival),
                    f6(s.std_error),
                    f6(s.lower),
                    f6(s.upper),
                ]
            })
        })
        .collect()
}
