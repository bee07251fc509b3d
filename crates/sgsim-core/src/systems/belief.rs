//! M24: the Kremlin's belief about each capital's resolve.
//!
//! Each week the belief `b_i` moves toward the signal the capital sends:
//! `s_i = w · min(1, A₄,i / (β · Y_i · 4/52)) + (1 − w) · max_u(loc_u · readiness_u)`,
//! the aid it delivered over four weeks against a benchmark share `β` of its GDP, and its
//! most committed unit (a location weight from home 0 to the Ukrainian front 1, times
//! readiness). `b_i += η · (s_i − b_i)`. A capital that answered a test of resolve this
//! tick moves the belief toward its answer at the faster rate `η_test`.

use bevy_ecs::prelude::*;

use crate::components::{AidHistory, Beliefs, CapitalProfile, Unit};
use crate::params::BeliefParams;
use crate::resources::{Params, Roster};
use crate::systems::AidTick;

/// The signal a capital sends, [0, 1].
pub fn resolve_signal(
    p: &BeliefParams,
    delivered_4w: f64,
    gdp_eur_bn: f64,
    deployment: f64,
) -> f64 {
    let expected = p.benchmark_aid_share_of_gdp * gdp_eur_bn * 4.0 / 52.0;
    let aid = if expected > 0.0 {
        (delivered_4w / expected).min(1.0)
    } else {
        0.0
    };
    p.aid_signal_weight * aid + (1.0 - p.aid_signal_weight) * deployment.clamp(0.0, 1.0)
}

/// Updates the Kremlin's beliefs from this week's aid, deployments and test answers.
pub fn update_beliefs(
    params: Res<Params>,
    roster: Res<Roster>,
    aid: Res<AidTick>,
    capitals: Query<(&CapitalProfile, &AidHistory)>,
    units: Query<&Unit>,
    mut beliefs: Query<&mut Beliefs>,
) {
    let p = &params.0.belief;
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
        let signal = resolve_signal(
            p,
            history.delivered.sum(),
            profile.gdp_eur_bn,
            deployment[index],
        );
        *belief += p.learning_rate * (signal - *belief);
    }
    for &(index, response) in &aid.test_responses {
        if let Some(belief) = beliefs.values.get_mut(index) {
            *belief += p.test_learning_rate * (response - *belief);
        }
    }
    for belief in &mut beliefs.values {
        *belief = belief.clamp(0.0, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signal_saturates_at_the_benchmark_and_counts_deployments() {
        let p = BeliefParams::default();
        let gdp = 5200.0;
        let benchmark_4w = p.benchmark_aid_share_of_gdp * gdp * 4.0 / 52.0;
        assert_eq!(resolve_signal(&p, 0.0, gdp, 0.0), 0.0);
        assert!((resolve_signal(&p, benchmark_4w, gdp, 0.0) - p.aid_signal_weight).abs() < 1e-12);
        assert_eq!(
            resolve_signal(&p, 10.0 * benchmark_4w, gdp, 0.0),
            resolve_signal(&p, benchmark_4w, gdp, 0.0)
        );
        assert!((resolve_signal(&p, benchmark_4w, gdp, 1.0) - 1.0).abs() < 1e-12);
    }
}
