//! M22 and part of M20: sanctions, and the weekly step of Russia's war economy.
//!
//! Each capital chooses its effort in the sanctions regime (`sanctions_effort`; the default
//! policy makes it equal to its resolve), and sanctions are sticky: pressure `S`
//! follows the GDP-weighted mean effort of the capitals `R̄` at rate `a`,
//! `S ← S + a·(m·R̄ − S)`, with `m = sanctions.max_pressure`; in a ceasefire whose premise
//! trades sanctions relief (`[ceasefire] sanctions_relief`, the share `ℓ`), the capitals'
//! effort counts for `(1 − ℓ)` of itself while the ceasefire holds. The economy then takes
//! its week ([`crate::war_economy`]): evasion, the civil economy, energy revenue, defence
//! spending and output. The economy pays for the war: recruits per week scale with output
//! (M07), and the civil economy's shortfall costs domestic support, `−p·max(0, 1 − C)` per
//! week (M20).

use bevy_ecs::prelude::*;

use crate::components::{CapitalProfile, KremlinState, Opinion, SanctionsEffort};
use crate::params::SanctionsParams;
use crate::resources::{Clock, Params, Roster, War};

/// The West's resolve as sanctions see it: the GDP-weighted mean of the capitals' effort.
pub fn western_resolve(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (weighted, weights) = pairs.fold((0.0, 0.0), |(w, g), (resolve, gdp)| {
        (w + resolve * gdp, g + gdp)
    });
    if weights > 0.0 {
        weighted / weights
    } else {
        0.0
    }
}

/// One week of sanctions pressure at the West's mean effort `western_resolve`.
pub fn sanctions_step(p: &SanctionsParams, pressure: f64, western_resolve: f64) -> f64 {
    (pressure + p.adjust_rate * (p.max_pressure * western_resolve - pressure)).clamp(0.0, 1.0)
}

/// Updates sanctions pressure and Russia's war economy, and charges the civil economy's
/// shortfall to Russian domestic support.
pub fn sanctions(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    war: Res<War>,
    capitals: Query<(&CapitalProfile, &SanctionsEffort)>,
    mut kremlin: Query<(&mut KremlinState, &mut Opinion)>,
) {
    let p = &params.0.sanctions;
    let mut west = western_resolve(
        roster
            .capitals
            .iter()
            .filter_map(|&e| capitals.get(e).ok())
            .map(|(profile, effort)| (effort.0, profile.gdp_eur_bn)),
    );
    let hot = war.ceasefire_since.is_none();
    if !hot {
        west *= 1.0 - war.sanctions_relief.clamp(0.0, 1.0);
    }
    let Ok((mut state, mut opinion)) = kremlin.get_mut(roster.kremlin) else {
        return;
    };
    state.sanctions = sanctions_step(p, state.sanctions, west);
    let pressure = state.sanctions;
    state
        .war_economy
        .step(&params.0.war_economy, p, pressure, clock.tick, hot);
    state.economy = state.war_economy.output;
    let shortfall = (1.0 - state.war_economy.civil).max(0.0);
    opinion.public_support =
        (opinion.public_support - p.support_pain_per_week * shortfall).clamp(0.0, 1.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pressure_follows_the_wests_mean_effort() {
        let p = SanctionsParams::default();
        let mut pressure = 0.0;
        for _ in 0..2000 {
            pressure = sanctions_step(&p, pressure, 0.6);
        }
        assert!((pressure - 0.6 * p.max_pressure).abs() < 1e-9);
        assert!(
            sanctions_step(&p, 0.5, 0.0) < 0.5,
            "without effort it eases"
        );
        assert!((western_resolve([(1.0, 3.0), (0.0, 1.0)].into_iter()) - 0.75).abs() < 1e-12);
    }
}
