//! Outcome expressions for scenario discovery (`--outcome`): which runs count as "the
//! outcome happened".
//!
//! ```text
//! EXPR  = [ARM ":"] NAME [OP VALUE]
//! OP    = "<" | "<=" | ">" | ">=" | "==" | "=" | "!="
//! ```
//!
//! `NAME` alone is a yes/no measure of the report (`ceasefire`, `durable_ceasefire`,
//! `rung_ge_3`, …) or a boolean column of `runs.csv` (`renewed_aggression`); with `OP
//! VALUE` it is any column, compared as numbers when both sides are numbers and as text
//! otherwise (text allows only `==`, `=` and `!=`). A run whose cell is empty (or not a
//! number for `<`, `<=`, `>`, `>=`) is left out. `ARM:` restricts the runs to one arm.

use crate::error::ReportError;
use crate::load::Dataset;
use crate::measures::{Measures, parse_bool, parse_number};

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// A parsed outcome expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The expression as written.
    pub text: String,
    /// The arm the runs are restricted to.
    pub arm: Option<String>,
    name: String,
    test: Option<(Op, String)>,
}

impl Outcome {
    /// Parses `text`, checking the arm and the column against `data`.
    pub fn parse(text: &str, data: &Dataset, measures: &Measures) -> Result<Outcome, ReportError> {
        let bad = |why: String| {
            ReportError::Usage(format!(
                "--outcome `{text}`: {why}; write [ARM:]NAME[OP VALUE], for example `renewed_aggression` or `coalition_guarantee:territory_held_end<0.8`"
            ))
        };
        let ops = ["<=", ">=", "==", "!=", "<", ">", "="];
        let first_op = ops.iter().filter_map(|o| text.find(o)).min();
        let (arm, rest) = match text.find(':') {
            Some(colon) if first_op.is_none_or(|o| colon < o) => {
                (Some(text[..colon].trim().to_string()), &text[colon + 1..])
            }
            _ => (None, text),
        };
        if let Some(arm) = &arm
            && !data.arms.contains(arm)
        {
            return Err(bad(format!(
                "no arm `{arm}` (the arms are {})",
                data.arms.join(", ")
            )));
        }
        let found = ops
            .iter()
            .filter_map(|o| rest.find(o).map(|at| (at, *o)))
            .min_by_key(|(at, o)| (*at, std::cmp::Reverse(o.len())));
        let (name, test) = match found {
            None => (rest.trim().to_string(), None),
            Some((at, op)) => {
                let value = rest[at + op.len()..].trim().to_string();
                if value.is_empty() {
                    return Err(bad(format!("nothing after `{op}`")));
                }
                let op = match op {
                    "<" => Op::Lt,
                    "<=" => Op::Le,
                    ">" => Op::Gt,
                    ">=" => Op::Ge,
                    "!=" => Op::Ne,
                    _ => Op::Eq,
                };
                (rest[..at].trim().to_string(), Some((op, value)))
            }
        };
        if name.is_empty() {
            return Err(bad("no outcome name".into()));
        }
        let known_measure = measures.proportions.iter().any(|p| p.name == name);
        if test.is_none() && !known_measure && !data.has(&name) {
            return Err(bad(format!("no yes/no measure or column `{name}`")));
        }
        if test.is_some() && !data.has(&name) {
            return Err(bad(format!("runs.csv has no column `{name}`")));
        }
        if let Some((op, value)) = &test
            && parse_number(value).is_none()
            && !matches!(op, Op::Eq | Op::Ne)
        {
            return Err(bad(format!("`{value}` is not a number")));
        }
        Ok(Outcome {
            text: text.to_string(),
            arm,
            name,
            test,
        })
    }

    /// Whether run `i` is selected and, if so, whether the outcome happened.
    pub fn value(&self, data: &Dataset, measures: &Measures, i: usize) -> Option<bool> {
        if let Some(arm) = &self.arm
            && data.keys[i].arm != *arm
        {
            return None;
        }
        match &self.test {
            None => match measures.proportions.iter().find(|p| p.name == self.name) {
                Some(p) => p.value(data, i),
                None => parse_bool(data.text(i, &self.name)?),
            },
            Some((op, value)) => {
                let cell = data.text(i, &self.name)?;
                if cell.is_empty() {
                    return None;
                }
                match (parse_number(cell), parse_number(value)) {
                    (Some(x), Some(v)) => Some(match op {
                        Op::Lt => x < v,
                        Op::Le => x <= v,
                        Op::Gt => x > v,
                        Op::Ge => x >= v,
                        Op::Eq => x == v,
                        Op::Ne => x != v,
                    }),
                    _ => match op {
                        Op::Eq => Some(cell == value),
                        Op::Ne => Some(cell != value),
                        _ => None,
                    },
                }
            }
        }
    }
}
