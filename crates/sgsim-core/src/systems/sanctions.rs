//! M22 and part of M20: sanctions and the Russian economy.
//!
//! Each capital chooses its effort in the sanctions regime (`sanctions_effort`; the default
//! policy makes it equal to its resolve), and sanctions are sticky: pressure `S`
//! follows the GDP-weighted mean effort of the capitals `R̄` at rate `a`,
//! `S ← S + a·(m·R̄ − S)`, with `m = sanctions.max_pressure`. The Russian economy (an index,
//! 1 before the war) erodes under pressure and adapts back:
//! `E ← clamp(E + r·(1 − E) − e·S·E, 0, 1)`. The economy pays for the war: recruits per week
//! are `recruits · E` (M07), and a weaker economy costs domestic support,
//! `−p·(1 − E)` per week (M20). At a steady resolve the economy settles at
//! `E* = r / (r + e·S)`.

use bevy_ecs::prelude::*;

use crate::components::{CapitalProfile, KremlinState, Opinion, SanctionsEffort};
use crate::params::SanctionsParams;
use crate::resources::{Params, Roster};

/// The West's resolve as sanctions see it: the GDP-weighted mean of the capitals' resolve.
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

/// One week of sanctions pressure and economy: returns `(pressure, economy)`.
pub fn sanctions_step(
    p: &SanctionsParams,
    pressure: f64,
    economy: f64,
    western_resolve: f64,
) -> (f64, f64) {
    let pressure =
        (pressure + p.adjust_rate * (p.max_pressure * western_resolve - pressure)).clamp(0.0, 1.0);
    let economy = (economy + p.recovery_per_week * (1.0 - economy)
        - p.erosion_per_week * pressure * economy)
        .clamp(0.0, 1.0);
    (pressure, economy)
}

/// Updates sanctions pressure and the Russian economy, and charges the economy's pain to
/// Russian domestic support.
pub fn sanctions(
    params: Res<Params>,
    roster: Res<Roster>,
    capitals: Query<(&CapitalProfile, &SanctionsEffort)>,
    mut kremlin: Query<(&mut KremlinState, &mut Opinion)>,
) {
    let p = &params.0.sanctions;
    let west = western_resolve(
        roster
            .capitals
            .iter()
            .filter_map(|&e| capitals.get(e).ok())
            .map(|(profile, effort)| (effort.0, profile.gdp_eur_bn)),
    );
    let Ok((mut state, mut opinion)) = kremlin.get_mut(roster.kremlin) else {
        return;
    };
    let (pressure, economy) = sanctions_step(p, state.sanctions, state.economy, west);
    state.sanctions = pressure;
    state.economy = economy;
    opinion.public_support =
        (opinion.public_support - p.support_pain_per_week * (1.0 - economy)).clamp(0.0, 1.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_sanctions_erode_the_economy_toward_its_steady_state() {
        let p = SanctionsParams::default();
        let (mut pressure, mut economy) = (0.0, 1.0);
        for _ in 0..2000 {
            (pressure, economy) = sanctions_step(&p, pressure, economy, 0.6);
        }
        let expected = p.recovery_per_week / (p.recovery_per_week + p.erosion_per_week * pressure);
        assert!((pressure - 0.6 * p.max_pressure).abs() < 1e-9);
        assert!((economy - expected).abs() < 1e-9);
        let (_, without) = sanctions_step(&p, 0.0, 0.8, 0.0);
        assert!(without > 0.8, "without pressure the economy recovers");
        assert!((western_resolve([(1.0, 3.0), (0.0, 1.0)].into_iter()) - 0.75).abs() < 1e-12);
    }
}
