//! Scenario discovery: for each outcome expression, PRIM over the sweep's numeric
//! `factor.*` columns that vary among the selected runs, one point per run (see
//! `sgsim_stats::prim` for the algorithm and its parameters, the EMA Workbench's
//! defaults: peel and paste α = 0.05, minimum support 0.05).

use sgsim_stats::{PrimParams, PrimStep, prim};

use crate::format::f6;
use crate::load::Dataset;
use crate::measures::{Measures, parse_number};
use crate::outcome::Outcome;

/// The result for one outcome.
#[derive(Clone, Debug)]
pub struct Discovery {
    /// The outcome.
    pub outcome: Outcome,
    /// Runs selected (with a value).
    pub n: usize,
    /// Runs with the outcome.
    pub positives: usize,
    /// The factors PRIM used, without the `factor.` prefix.
    pub inputs: Vec<String>,
    /// Factors left out, each with the reason.
    pub skipped: Vec<String>,
    /// The trajectory (empty when there was nothing to discover, see `note`).
    pub steps: Vec<PrimStep>,
    /// Why the trajectory is empty.
    pub note: Option<String>,
}

/// Runs PRIM for `outcome`.
pub fn discover(data: &Dataset, measures: &Measures, outcome: &Outcome) -> Discovery {
    let (rows, y): (Vec<usize>, Vec<bool>) = (0..data.keys.len())
        .filter_map(|i| outcome.value(data, measures, i).map(|v| (i, v)))
        .unzip();
    let positives = y.iter().filter(|v| **v).count();
    let mut inputs = Vec::new();
    let mut columns = Vec::new();
    let mut skipped = Vec::new();
    for factor in &data.factors {
        let key = factor[crate::columns::FACTOR_PREFIX.len()..].to_string();
        let values: Option<Vec<f64>> = rows
            .iter()
            .map(|&i| data.text(i, factor).and_then(parse_number))
            .collect();
        match values {
            None => skipped.push(format!("{key} (not numeric)")),
            Some(v) if v.iter().all(|x| *x == v[0]) => {
                skipped.push(format!("{key} (the same in every run)"))
            }
            Some(v) => {
                inputs.push(key);
                columns.push(v);
            }
        }
    }
    let note = if rows.is_empty() {
        Some("no run has a value for this outcome".to_string())
    } else if positives == 0 {
        Some("the outcome happens in no selected run".to_string())
    } else if columns.is_empty() {
        Some(
            "no numeric factor varies among the selected runs, so there is no box to find"
                .to_string(),
        )
    } else {
        None
    };
    let steps = if note.is_none() {
        prim(&columns, &y, PrimParams::default())
    } else {
        Vec::new()
    };
    Discovery {
        outcome: outcome.clone(),
        n: rows.len(),
        positives,
        inputs,
        skipped,
        steps,
        note,
    }
}

/// The header of `prim.csv`.
pub fn header() -> Vec<String> {
    [
        "outcome",
        "step",
        "kind",
        "n",
        "hits",
        "coverage",
        "density",
        "support",
        "factor",
        "lower",
        "upper",
        "restricted",
    ]
    .map(String::from)
    .to_vec()
}

/// The rows of `prim.csv`: one per box and factor.
pub fn records(discoveries: &[Discovery]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for d in discoveries {
        for (step, s) in d.steps.iter().enumerate() {
            for (j, factor) in d.inputs.iter().enumerate() {
                out.push(vec![
                    d.outcome.text.clone(),
                    step.to_string(),
                    s.kind.name().to_string(),
                    s.n.to_string(),
                    s.hits.to_string(),
                    f6(s.coverage),
                    f6(s.density),
                    f6(s.support),
                    factor.clone(),
                    f6(s.bounds.lower[j]),
                    f6(s.bounds.upper[j]),
                    s.restricted[j].to_string(),
                ]);
            }
        }
    }
    out
}
