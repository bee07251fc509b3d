//! The outcome measures the report reads from each run, and which of them the data has.
//!
//! Proportions are yes/no per run: a ceasefire at all (`ceasefire_date` not empty), a
//! durable ceasefire, renewed aggression, a ceasefire at the end, nuclear signalling,
//! and reaching each rung of the escalation ladder (`peak_escalation_rung ≥ k`). Where a
//! column is missing (runs written before it existed), the measure is left out and the
//! page says so; without `peak_escalation_rung`, the levels of the published scale
//! (`peak_escalation ≥ 4, 12, 28, 60`) stand in for the rungs.

use crate::columns as c;
use crate::load::Dataset;

/// How a proportion is read from a run.
#[derive(Clone, Debug, PartialEq)]
enum Rule {
    /// A boolean column is `true`.
    True(&'static str),
    /// A column is not empty.
    NotEmpty(&'static str),
    /// An integer column is at least the value.
    AtLeast(&'static str, f64),
}

/// A yes/no outcome of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Proportion {
    /// Name in the tables (`durable_ceasefire`, `rung_ge_3`).
    pub name: String,
    /// Label on the page.
    pub label: String,
    rule: Rule,
}

impl Proportion {
    /// The outcome of run `i`, or `None` when its cell is empty or malformed.
    pub fn value(&self, data: &Dataset, i: usize) -> Option<bool> {
        match &self.rule {
            Rule::True(col) => parse_bool(data.text(i, col)?),
            Rule::NotEmpty(col) => Some(!data.text(i, col)?.is_empty()),
            Rule::AtLeast(col, k) => data.text(i, col)?.parse::<f64>().ok().map(|v| v >= *k),
        }
    }

    /// Whether this is one of the escalation rungs (drawn in their own figure).
    pub fn is_rung(&self) -> bool {
        matches!(self.rule, Rule::AtLeast(..))
    }

    /// The rung (or level) an escalation measure asks for.
    pub fn threshold(&self) -> Option<f64> {
        match self.rule {
            Rule::AtLeast(_, k) => Some(k),
            _ => None,
        }
    }
}

/// `true` or `false`.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A number, `None` for an empty or malformed cell.
pub fn parse_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The measures the data allows, and a note for each one it does not.
#[derive(Clone, Debug)]
pub struct Measures {
    /// Yes/no outcomes.
    pub proportions: Vec<Proportion>,
    /// Numeric outcomes (columns of `runs.csv`).
    pub numeric: Vec<&'static str>,
    /// Numeric outcomes compared pair by pair.
    pub paired_numeric: Vec<&'static str>,
    /// One sentence per measure the data lacks.
    pub missing: Vec<String>,
}

/// The measures of `data`.
pub fn measures(data: &Dataset) -> Measures {
    let mut missing = Vec::new();
    let mut proportions = Vec::new();
    let mut add = |name: &str, label: &str, rule: Rule, column: &str, missing: &mut Vec<String>| {
        if data.has(column) {
            proportions.push(Proportion {
                name: name.into(),
                label: label.into(),
                rule,
            });
        } else {
            missing.push(format!("{label}: runs.csv has no `{column}` column"));
        }
    };
    add(
        "ceasefire",
        "a ceasefire started",
        Rule::NotEmpty(c::CEASEFIRE_DATE),
        c::CEASEFIRE_DATE,
        &mut missing,
    );
    add(
        c::DURABLE_CEASEFIRE,
        "durable ceasefire (in force at the end, first one never broken)",
        Rule::True(c::DURABLE_CEASEFIRE),
        c::DURABLE_CEASEFIRE,
        &mut missing,
    );
    add(
        c::RENEWED_AGGRESSION,
        "renewed aggression (a ceasefire broken)",
        Rule::True(c::RENEWED_AGGRESSION),
        c::RENEWED_AGGRESSION,
        &mut missing,
    );
    add(
        c::CEASEFIRE_AT_END,
        "a ceasefire in force at the end",
        Rule::True(c::CEASEFIRE_AT_END),
        c::CEASEFIRE_AT_END,
        &mut missing,
    );
    add(
        c::NUCLEAR_SIGNALLING,
        "nuclear signalling reached",
        Rule::True(c::NUCLEAR_SIGNALLING),
        c::NUCLEAR_SIGNALLING,
        &mut missing,
    );
    if data.has(c::PEAK_ESCALATION_RUNG) {
        for k in 1..=c::TOP_RUNG {
            proportions.push(Proportion {
                name: format!("rung_ge_{k}"),
                label: format!("escalation rung {k} or higher reached"),
                rule: Rule::AtLeast(c::PEAK_ESCALATION_RUNG, f64::from(k)),
            });
        }
    } else {
        missing.push(format!(
            "escalation rungs 1-{}: runs.csv has no `{}` column; the levels of the published scale (`{}` ≥ 4, 12, 28, 60) are shown instead",
            c::TOP_RUNG,
            c::PEAK_ESCALATION_RUNG,
            c::PEAK_ESCALATION
        ));
        if data.has(c::PEAK_ESCALATION) {
            for level in c::ESCALATION_LEVELS {
                proportions.push(Proportion {
                    name: format!("escalation_ge_{level}"),
                    label: format!("escalation level {level} or higher reached"),
                    rule: Rule::AtLeast(c::PEAK_ESCALATION, level),
                });
            }
        }
    }
    if !data.has(c::CEASEFIRE_WEEKS) || !data.has(c::CEASEFIRE_FIRST_BREAK_DATE) {
        missing.push(format!(
            "survival of the first ceasefire: runs.csv needs `{}` and `{}`",
            c::CEASEFIRE_WEEKS,
            c::CEASEFIRE_FIRST_BREAK_DATE
        ));
    }
    let mut numeric = Vec::new();
    for column in c::NUMERIC_OUTCOMES {
        if data.has(column) {
            numeric.push(column);
        } else {
            missing.push(format!("{column}: not a column of runs.csv"));
        }
    }
    let paired_numeric = c::PAIRED_NUMERIC
        .into_iter()
        .filter(|col| data.has(col))
        .collect();
    Measures {
        proportions,
        numeric,
        paired_numeric,
        missing,
    }
}
