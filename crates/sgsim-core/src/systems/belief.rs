//! M24: the Kremlin's belief about each capital's resolve.
//!
//! Each week the belief `b_i` moves toward the signal the capital sends:
//! `s_i = w · min(1, A₄,i / E_i) + (1 − w) · max_u(loc_u · readiness_u)`, the aid it
//! delivered over four weeks against what it was expected to deliver (`E_i`: four weeks of
//! its own long-term commitment if it made one, M14 and M17, else a benchmark share `β` of
//! its GDP, `β · Y_i · 4/52`), and its most committed unit (a location weight from home 0 to the Ukrainian front 1, times
//! readiness). `b_i += η · (s_i − b_i)`. A capital that answered a test of resolve this
//! tick moves the belief toward its answer at the faster rate `η_test`.
//!
//! Declaratory policy (M10): the Kremlin reads an ambiguous capital's signal with
//! multiplicative noise `s_i · (1 + ε)`, `ε ~ U(−n, n)` with `n = declaratory.ambiguity_noise`
//! (its uncertainty rises), drawn from the run's declaratory stream; a red-line capital's
//! answer to a test is read at `η_test · declaratory.red_line_learning_factor` (capped at 1),
//! and a red line left unenforced (an answer below `strikes.failed_response_below`) costs
//! the share `declaratory.audience_cost` of the belief on top (audience costs).

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{AidHistory, Beliefs, CapitalProfile, Unit};
use crate::institutions::Guarantee;
use crate::params::BeliefParams;
use crate::resources::{Params, Roster, War, WorldRng};
use crate::setup::Declaratory;
use crate::systems::AidTick;

/// The signal a capital sends, [0, 1].
pub fn resolve_signal(
    p: &BeliefParams,
    delivered_4w: f64,
    gdp_eur_bn: f64,
    committed_per_week: f64,
    deployment: f64,
) -> f64 {
    let expected = if committed_per_week > 0.0 {
        committed_per_week * 4.0
    } else {
        p.benchmark_aid_share_of_gdp * gdp_eur_bn * 4.0 / 52.0
    };
    let aid = if expected > 0.0 {
        (delivered_4w / expected).min(1.0)
    } else {
        0.0
    };
    p.aid_signal_weight * aid + (1.0 - p.aid_signal_weight) * deployment.clamp(0.0, 1.0)
}

/// Updates the Kremlin's beliefs from this week's aid, deployments and test answers.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn update_beliefs(
    params: Res<Params>,
    roster: Res<Roster>,
    aid: Res<AidTick>,
    capitals: Query<(&CapitalProfile, &AidHistory)>,
    units: Query<&Unit>,
    guarantee: Res<Guarantee>,
    mut rng: ResMut<WorldRng>,
    mut war: ResMut<War>,
    mut beliefs: Query<&mut Beliefs>,
) {
    let p = &params.0.belief;
    let d = &params.0.declaratory;
    let Ok(mut beliefs) = beliefs.get_mut(roster.kremlin) else {
        return;
    };
    let mut deployment = vec![0.0_f64; roster.capitals.len()];
    for &entity in &roster.units {
        if let Ok(unit) = units.get(entity)
            && let Some(slot) = deployment.get_mut(unit.owner)
        {
            *slot = slot.max(unit.location.commitment_signal() * unit.readiness);
        }
    }
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let (Ok((profile, history)), Some(belief)) =
            (capitals.get(entity), beliefs.values.get_mut(index))
        else {
            continue;
        };
        let mut signal = resolve_signal(
            p,
            history.delivered.sum(),
            profile.gdp_eur_bn,
            guarantee
                .committed_per_week
                .get(index)
                .copied()
                .unwrap_or(0.0),
            deployment[index],
        );
        if profile.declaratory == Declaratory::Ambiguity && d.ambiguity_noise > 0.0 {
            let noise = rng
                .declaratory
                .random_range(-d.ambiguity_noise..d.ambiguity_noise);
            signal = (signal * (1.0 + noise)).clamp(0.0, 1.0);
        }
        *belief += p.learning_rate * (signal - *belief);
    }
    for &(index, response) in &aid.test_responses {
        let red_lines = roster
            .capitals
            .get(index)
            .and_then(|&e| capitals.get(e).ok())
            .is_some_and(|(profile, _)| profile.declaratory == Declaratory::RedLines);
        let rate = if red_lines {
            (p.test_learning_rate * d.red_line_learning_factor).min(1.0)
        } else {
            p.test_learning_rate
        };
        if let Some(belief) = beliefs.values.get_mut(index) {
            *belief += rate * (response - *belief);
            if red_lines && response < params.0.strikes.failed_response_below {
                *belief *= 1.0 - d.audience_cost;
            }
        }
    }
    for belief in &mut beliefs.values {
        *belief = belief.clamp(0.0, 1.0);
    }
    let gdp: Vec<f64> = roster
        .capitals
        .iter()
        .map(|&entity| {
            capitals
                .get(entity)
                .map_or(0.0, |(profile, _)| profile.gdp_eur_bn)
        })
        .collect();
    let summary = summarise(&beliefs.values, &gdp);
    war.credibility = summary.credibility;
    war.belief_min = summary.min;
    war.weakest_guarantor = summary.weakest.map_or(0, |index| roster.capital_ids[index]);
}

/// The credibility of the guarantors as a whole and the weakest of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BeliefSummary {
    /// GDP-weighted mean belief, [0, 1].
    pub credibility: f64,
    /// Lowest belief, [0, 1].
    pub min: f64,
    /// Index of the capital with the lowest belief (the first on a tie).
    pub weakest: Option<usize>,
}

/// Summarises beliefs weighted by GDP.
pub fn summarise(beliefs: &[f64], gdp: &[f64]) -> BeliefSummary {
    let weights: f64 = gdp.iter().sum();
    let weighted: f64 = beliefs.iter().zip(gdp).map(|(b, g)| b * g).sum();
    let weakest = beliefs
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    BeliefSummary {
        credibility: if weights > 0.0 {
            weighted / weights
        } else {
            0.0
        },
        min: weakest.map_or(0.0, |i| beliefs[i]),
        weakest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credibility_weights_beliefs_by_gdp_and_names_the_weakest() {
        let summary = summarise(&[0.2, 0.8, 0.2], &[1.0, 3.0, 0.0]);
        assert!((summary.credibility - 0.65).abs() < 1e-12);
        assert_eq!(summary.min, 0.2);
        assert_eq!(summary.weakest, Some(0), "the first on a tie");
    }

    #[test]
    fn the_signal_saturates_at_the_benchmark_and_counts_deployments() {
        let p = BeliefParams::default();
        let gdp = 5200.0;
        let benchmark_4w = p.benchmark_aid_share_of_gdp * gdp * 4.0 / 52.0;
        assert_eq!(resolve_signal(&p, 0.0, gdp, 0.0, 0.0), 0.0);
        assert!(
            (resolve_signal(&p, benchmark_4w, gdp, 0.0, 0.0) - p.aid_signal_weight).abs() < 1e-12
        );
        assert_eq!(
            resolve_signal(&p, 10.0 * benchmark_4w, gdp, 0.0, 0.0),
            resolve_signal(&p, benchmark_4w, gdp, 0.0, 0.0)
        );
        assert!((resolve_signal(&p, benchmark_4w, gdp, 0.0, 1.0) - 1.0).abs() < 1e-12);
        // A capital that committed is read against its own commitment.
        let committed = 2.0 * benchmark_4w / 4.0;
        assert!(
            (resolve_signal(&p, benchmark_4w, gdp, committed, 0.0) - 0.5 * p.aid_signal_weight)
                .abs()
                < 1e-12,
            "delivering half of what it committed"
        );
    }
}
