//! The Morris screen of a sweep, read from its `sensitivity.csv`: μ* (overall influence)
//! and σ (non-linearity and interactions) of every range factor on every outcome.

use crate::columns::sensitivity as s;
use crate::measures::parse_number;
use crate::table::Table;

/// One factor's effect on one outcome in one arm.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// Arm.
    pub arm: String,
    /// Factor key path.
    pub factor: String,
    /// Outcome column.
    pub outcome: String,
    /// Number of elementary effects.
    pub n: usize,
    /// μ*.
    pub mu_star: f64,
    /// σ.
    pub sigma: f64,
}

/// The effects in `sensitivity.csv`, in file order; rows with a malformed number are
/// left out.
pub fn effects(table: &Table) -> Vec<Effect> {
    table
        .rows
        .iter()
        .filter_map(|r| {
            Some(Effect {
                arm: table.get(r, s::ARM)?.to_string(),
                factor: table.get(r, s::FACTOR)?.to_string(),
                outcome: table.get(r, s::OUTCOME)?.to_string(),
                n: table.get(r, s::N)?.parse().ok()?,
                mu_star: table.get(r, s::MU_STAR).and_then(parse_number)?,
                sigma: table.get(r, s::SIGMA).and_then(parse_number)?,
            })
        })
        .collect()
}
