//! M07, the battlefield: generalised Lanchester attrition by combat power, territory that
//! moves with the force ratio at the tempo the Kremlin sets, and force generation.
//!
//! Ukrainian combat power `U = F_u · q`, with quality `q = clamp((e / e_ref)^σ)` from
//! equipment per soldier `e`; committed Russian power `K = F_r · q_r · I` at intensity `I`.
//! Weekly losses: `L_u = a_u · K · ε₁`, `L_r = a_r · U · (s + (1 − s) · I) · ε₂` while the war
//! is hot (`a_r · U · I · ε₂` under a ceasefire). With the ratio `r = K / (d · U)`, Kyiv's
//! territory changes by `ΔT = −γ · I · (r − 1)/(r + 1) · φ · ε₃`, with `φ = 1` while Russia
//! gains and `φ = recapture_factor` while a failed offensive gives ground back. The `ε` are
//! uniform fog-of-war
//! draws in `[1 − fog, 1 + fog]` from the run's seeded stream.

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{KremlinState, KyivState};
use crate::params::BattleParams;
use crate::resources::{Params, Roster, War, WorldRng};
use crate::systems::pipeline::Delivered;

/// Ukrainian quality from equipment (euro billions) and personnel.
pub fn ukrainian_quality(params: &BattleParams, equipment_eur_bn: f64, forces: f64) -> f64 {
    if forces <= 0.0 {
        return params.quality_min;
    }
    let per_soldier_eur_k = equipment_eur_bn * 1e6 / forces;
    let ratio = per_soldier_eur_k / params.equipment_reference_eur_k;
    libm::pow(ratio.max(0.0), params.equipment_exponent)
        .clamp(params.quality_min, params.quality_max)
}

/// Weekly change in Kyiv's territory share before noise, for committed Russian power `k`
/// against Ukrainian power `u` at intensity `intensity`.
pub fn territory_change(params: &BattleParams, intensity: f64, k: f64, u: f64) -> f64 {
    if intensity <= 0.0 {
        return 0.0;
    }
    let defended = params.defender_advantage * u;
    let advantage = if defended <= 0.0 {
        1.0
    } else {
        (k - defended) / (k + defended)
    };
    let pace = if advantage < 0.0 {
        params.recapture_factor
    } else {
        1.0
    };
    -params.territory_rate * intensity * advantage * pace
}

/// Losses, territory and force generation for one week.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn battle(
    params: Res<Params>,
    roster: Res<Roster>,
    delivered: Res<Delivered>,
    mut rng: ResMut<WorldRng>,
    mut war: ResMut<War>,
    mut kremlin: Query<&mut KremlinState>,
    mut kyiv: Query<&mut KyivState>,
) {
    let p = &params.0.battle;
    let b = &params.0.belligerents;
    let (Ok(mut russia), Ok(mut ukraine)) =
        (kremlin.get_mut(roster.kremlin), kyiv.get_mut(roster.kyiv))
    else {
        return;
    };
    let fog = p.fog;
    let mut draw = || {
        if fog > 0.0 {
            rng.fog.random_range(1.0 - fog..1.0 + fog)
        } else {
            1.0
        }
    };
    let (e1, e2, e3) = (draw(), draw(), draw());
    let intensity = war.intensity;
    let quality = ukrainian_quality(p, ukraine.equipment, ukraine.forces);
    let u = ukraine.forces * quality;
    let k = russia.forces * p.russian_quality * intensity;
    let hot = war.ceasefire_since.is_none();
    let exposure = if hot {
        p.defensive_attrition_share + (1.0 - p.defensive_attrition_share) * intensity
    } else {
        intensity
    };
    let ukrainian_losses = (p.ukrainian_attrition * k * e1).min(ukraine.forces);
    let russian_losses = (p.russian_attrition * u * exposure * e2).min(russia.forces);

    let change = territory_change(p, intensity, k, u) * e3;
    let before = war.kyiv_territory;
    war.kyiv_territory = (before + change).clamp(0.0, 1.0);
    let actual = war.kyiv_territory - before;
    war.territory_change.push(actual);

    let callup = (war.mobilisation * b.ukraine_max_callup_per_week).min(ukraine.manpower_pool);
    ukraine.manpower_pool -= callup;
    ukraine.forces = (ukraine.forces - ukrainian_losses + callup).max(0.0);
    ukraine.losses.push(ukrainian_losses);
    ukraine.losses_total += ukrainian_losses;
    let wear = p.equipment_wear * (0.2 + 0.8 * intensity) * ukraine.equipment;
    ukraine.equipment = (ukraine.equipment - wear
        + delivered.military
        + b.ukraine_domestic_production_eur_bn
        + b.financial_aid_to_equipment * delivered.financial)
        .max(0.0);

    // Recruitment is paid for: it scales with the Russian economy (M20, M22).
    russia.forces =
        (russia.forces - russian_losses + b.russia_recruits_per_week * russia.economy).max(0.0);
    russia.losses.push(russian_losses);
    russia.losses_total += russian_losses;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_moves_toward_the_stronger_side_and_not_without_an_offensive() {
        let p = BattleParams::default();
        assert_eq!(territory_change(&p, 0.0, 1e6, 1.0), 0.0);
        assert!(
            territory_change(&p, 1.0, 3e5, 1e5) < 0.0,
            "overwhelming attack takes ground"
        );
        assert!(
            territory_change(&p, 1.0, 1e5, 3e5) > 0.0,
            "a failed attack loses ground"
        );
        let balanced = p.defender_advantage * 2e5;
        let taken = territory_change(&p, 1.0, 3.0 * balanced, 2e5);
        let retaken = territory_change(&p, 1.0, balanced / 3.0, 2e5);
        assert!(
            (retaken / -taken - p.recapture_factor).abs() < 1e-12,
            "ground is retaken more slowly"
        );
        assert!(territory_change(&p, 1.0, balanced, 2e5).abs() < 1e-12);
    }

    #[test]
    fn quality_rises_with_equipment_and_is_bounded() {
        let p = BattleParams::default();
        let low = ukrainian_quality(&p, 5.0, 500_000.0);
        let high = ukrainian_quality(&p, 50.0, 500_000.0);
        assert!(high > low);
        assert!(
            (ukrainian_quality(&p, 50.0, 500_000.0) - 1.0).abs() < 1e-12,
            "100k per soldier is the reference"
        );
        assert_eq!(ukrainian_quality(&p, 1e6, 1.0), p.quality_max);
        assert_eq!(ukrainian_quality(&p, 0.0, 1.0), p.quality_min);
    }
}
