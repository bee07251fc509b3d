//! M07, the battlefield: generalised Lanchester attrition by combat power, territory that
//! moves with the force ratio in each sector of the front ([`crate::front`]) at the tempo
//! the Kremlin sets, and force generation.
//!
//! Ukrainian combat power `U = F_u · q`, with quality `q = clamp((e / e_ref)^σ)` from
//! equipment per soldier `e`; committed Russian power `K = F_r · q_r · I` at intensity `I`.
//! Weekly losses: `L_u = a_u · K · ε₁`, `L_r = a_r · U · (s + (1 − s) · I) · ε₂` while the war
//! is hot (`a_r · U · I · ε₂` under a ceasefire). With the ratio `r = K / (d · U)`, Kyiv's
//! territory changes by `ΔT = −γ · I · (r − 1)/(r + 1) · φ · ε₃`, with `φ = 1` while Russia
//! gains and `φ = recapture_factor` while a failed offensive gives ground back. The `ε` are
//! uniform fog-of-war
//! draws in `[1 − fog, 1 + fog]` from the run's seeded stream.
//!
//! Russian quality `q_r` is scaled by the tanks each soldier has (7.6d,
//! [`crate::russian_materiel`]), which the war economy replaces.
//!
//! Extensions: allied training multiplies `q` by `1 + trained_bonus · trained/F_u` (M06);
//! denial capability `D` (air defence and long-range strike, M14) scales committed Russian
//! power by `1 − δ·D/(D + D½)`; allied units engaged at the front add
//! `troops · allied_quality`, and an agreed collective defence of a member Ukraine adds
//! `intervention.collective_defence_power` (S09, M12). Losses are shared in proportion to
//! combat power. Mobilisation and training are in [`super::training`].

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{KremlinState, KyivState, Opinion, Unit};
use crate::front::Front;
use crate::institutions::Nac;
use crate::materiel::{Line, SupplySetup};
use crate::params::{BattleParams, ModelParams};
use crate::resources::{Clock, Params, Roster, War, WorldRng};
use crate::systems::pipeline::{Delivered, Supply};

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

/// The factor on committed Russian combat power from Ukraine's denial capability `D`:
/// `1 − δ·D/(D + D½)`.
pub fn denial_factor(params: &BattleParams, denial_eur_bn: f64) -> f64 {
    if denial_eur_bn <= 0.0 {
        return 1.0;
    }
    1.0 - params.denial_max_effect * denial_eur_bn / (denial_eur_bn + params.denial_half_eur_bn)
}

/// Russia's full combat power (at intensity 1) with `forces` in the theatre sharing its
/// tanks: `F · q_r · g(F) · denial` (7.3, 7.6d).
pub fn russian_power(p: &BattleParams, russia: &KremlinState, forces: f64, denial: f64) -> f64 {
    forces * p.russian_quality * russia.materiel.factor(p, forces) * denial
}

/// Ukraine's own combat power `F_u · q · (1 + trained_bonus · trained/F_u)`.
pub fn ukrainian_power(params: &ModelParams, ukraine: &KyivState) -> f64 {
    let trained_share = if ukraine.forces > 0.0 {
        (ukraine.trained / ukraine.forces).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let quality = ukrainian_quality(&params.battle, ukraine.equipment, ukraine.forces)
        * (1.0 + params.training.trained_bonus * trained_share);
    ukraine.forces * quality * ukraine.fire_factor
}

/// One week of Kyiv's artillery (M05): rounds arrive (aid and Ukraine's own output), the
/// week's need is fired from stock as far as it goes, and the share fired sets the factor
/// on combat power. Returns (rounds received, rounds fired, share of the need fired).
pub fn fire_artillery(
    p: &BattleParams,
    supply: &SupplySetup,
    date: chrono::NaiveDate,
    aid_eur_bn: f64,
    intensity: f64,
    hot: bool,
    ukraine: &mut KyivState,
) -> (f64, f64, f64) {
    let per_round = supply.artillery.eur_bn_per_unit();
    let bought = if per_round > 0.0 {
        aid_eur_bn / per_round
    } else {
        0.0
    };
    let art = &supply.kyiv_artillery;
    let received = bought + art.production_per_year.at(date) / 52.0;
    ukraine.artillery_stock += received;
    let idle = p.equipment_wear_idle_share;
    let need = if hot {
        art.need_per_week * (idle + (1.0 - idle) * intensity)
    } else {
        0.0
    };
    let fired = need.min(ukraine.artillery_stock);
    ukraine.artillery_stock -= fired;
    let sufficiency = if need > 0.0 { fired / need } else { 1.0 };
    ukraine.fire_factor = 1.0 - p.artillery_weight * (1.0 - sufficiency);
    (received, fired, sufficiency)
}

/// Russia's recruits this week (M20): `min(capacity · economy · min(1, support/support₀),
/// recruits_per_week · economy · min(1, support/support₀))`, times
/// `ceasefire.recruitment_share` while a ceasefire holds, and never beyond the theatre cap.
pub fn russian_recruits(
    params: &ModelParams,
    russia: &KremlinState,
    support: f64,
    ceasefire: bool,
) -> f64 {
    // Both bounds scale with the economy and support alike, so the smaller base decides.
    let capacity = recruitment_capacity(russia, support);
    let flow = if russia.recruitment_capacity > 0.0 {
        capacity * params.belligerents.russia_recruits_per_week / russia.recruitment_capacity
    } else {
        0.0
    };
    let share = if ceasefire {
        params.ceasefire.recruitment_share
    } else {
        1.0
    };
    (flow.min(capacity) * share).min((russia.forces_cap - russia.forces).max(0.0))
}

/// Russia's recruitment capacity this week: the data's capacity times the economy index
/// and `min(1, support/support₀)`, persons per week.
pub fn recruitment_capacity(russia: &KremlinState, support: f64) -> f64 {
    let support_factor = if russia.support_baseline > 0.0 {
        (support / russia.support_baseline).clamp(0.0, 1.0)
    } else {
        1.0
    };
    russia.recruitment_capacity * russia.economy.max(0.0) * support_factor
}

/// Weekly change in Kyiv's territory share before noise, for committed Russian power `k`
/// against Ukrainian power `u` at intensity `intensity` (the kernel of each sector of the
/// front, [`crate::front::Front::changes`]).
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
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    delivered: Res<Delivered>,
    nac: Res<Nac>,
    mut rng: ResMut<WorldRng>,
    mut war: ResMut<War>,
    mut kremlin: Query<(&mut KremlinState, &Opinion)>,
    mut kyiv: Query<&mut KyivState>,
    mut units: Query<&mut Unit>,
    supply: Res<Supply>,
    mut front: ResMut<Front>,
) {
    let p = &params.0.battle;
    let b = &params.0.belligerents;
    let (Ok((mut russia, opinion)), Ok(mut ukraine)) =
        (kremlin.get_mut(roster.kremlin), kyiv.get_mut(roster.kyiv))
    else {
        return;
    };
    let support = opinion.public_support;
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
    let hot = war.ceasefire_since.is_none();
    let (received, fired, sufficiency) = fire_artillery(
        p,
        &supply.0,
        clock.date(),
        delivered.lines[Line::Artillery as usize],
        intensity,
        hot,
        &mut ukraine,
    );
    war.artillery.record(received, fired, sufficiency, hot);
    let ukrainian_power = ukrainian_power(&params.0, &ukraine);
    let engaged_troops: f64 = roster
        .units
        .iter()
        .filter_map(|&e| units.get(e).ok())
        .filter(|u| u.engaged)
        .map(|u| u.troops)
        .sum();
    let collective = if nac
        .collective_defence_until
        .is_some_and(|until| clock.tick <= until)
    {
        params.0.intervention.collective_defence_power
    } else {
        0.0
    };
    let allied = engaged_troops * params.0.intervention.allied_quality + collective;
    war.allied_power = allied;
    let u = ukrainian_power + allied;
    let denial = denial_factor(p, ukraine.denial);
    let k_full = russian_power(p, &russia, russia.forces, denial);
    let k = k_full * intensity;
    // Kyiv attacks only while the war is hot (docs/MODEL.md 7.3d); the kernel carries out
    // no offensive without a commitment or where Russia holds nothing, and the trace records
    // the offensive it carried out.
    let mut efforts = war.efforts;
    if !hot {
        efforts.kyiv_sector = None;
    }
    let changes = front
        .changes(p, &params.0.front, intensity, k, k_full, u, &efforts)
        .scaled(e3);
    if changes.kyiv_attack <= 0.0 {
        efforts.kyiv_sector = None;
        efforts.kyiv_commitment = 0.0;
    }
    war.efforts = efforts;
    let exposure = if hot {
        p.defensive_attrition_share + (1.0 - p.defensive_attrition_share) * intensity
    } else {
        intensity
    };
    // Kyiv's attackers meet Russia's defence in their sector at their commitment's
    // exposure; Russia's defenders meet the attacking force.
    let all_losses =
        p.ukrainian_attrition * (k + changes.kyiv_defence * efforts.kyiv_commitment) * e1;
    let ukrainian_share = if u > 0.0 { ukrainian_power / u } else { 1.0 };
    let ukrainian_losses = (all_losses * ukrainian_share).min(ukraine.forces);
    let unit_losses = if engaged_troops > 0.0 {
        all_losses * (engaged_troops * params.0.intervention.allied_quality / u.max(1e-12))
    } else {
        0.0
    };
    if unit_losses > 0.0 {
        for &entity in &roster.units {
            if let Ok(mut unit) = units.get_mut(entity)
                && unit.engaged
            {
                let lost = (unit_losses * unit.troops / engaged_troops).min(unit.troops);
                unit.troops -= lost;
                unit.losses += lost;
                war.allied_losses += lost;
            }
        }
    }
    let russian_losses =
        (p.russian_attrition * ((u - changes.kyiv_attack) * exposure + changes.kyiv_attack) * e2)
            .min(russia.forces);

    let slice = std::mem::take(&mut war.pending_slice);
    let actual = front.advance(&params.0.front, &changes, slice);
    war.kyiv_territory = front.kyiv_share();
    war.territory_change.push(actual);

    let before_forces = ukraine.forces;
    ukraine.forces = (ukraine.forces - ukrainian_losses).max(0.0);
    if before_forces > 0.0 {
        ukraine.trained *= ukraine.forces / before_forces;
    }
    ukraine.losses.push(ukrainian_losses);
    ukraine.losses_total += ukrainian_losses;
    let idle = p.equipment_wear_idle_share;
    let wear = p.equipment_wear * (idle + (1.0 - idle) * intensity) * ukraine.equipment;
    let equipment_aid = delivered.lines[Line::Equipment as usize];
    let long_range = p.denial_share * equipment_aid;
    let to_denial = delivered.lines[Line::AirDefence as usize] + long_range;
    ukraine.denial = (ukraine.denial * (1.0 - p.denial_wear) + to_denial).max(0.0);
    ukraine.equipment = (ukraine.equipment - wear
        + (equipment_aid - long_range)
        + b.ukraine_domestic_production_eur_bn
        + b.financial_aid_to_equipment * delivered.financial)
        .max(0.0);

    // Recruitment is paid for and bounded (M20, M22); a ceasefire slows it and lets part of
    // the force above its pre-war strength go home.
    let ceasefire = war.ceasefire_since.is_some();
    let demobilised = if ceasefire {
        params.0.ceasefire.demobilisation_per_week
            * (russia.forces - russia.forces_initial).max(0.0)
    } else {
        0.0
    };
    let economy = &russia.war_economy;
    let mobilisation = crate::russian_materiel::mobilisation(
        economy.defence_spending,
        economy.setup.defence_spending_share,
        economy.setup.defence_spending_share_war,
    );
    let forces_before = russia.forces;
    russia
        .materiel
        .step(p, russian_losses, forces_before, mobilisation);
    russia.forces = (russia.forces - russian_losses - demobilised).max(0.0);
    let recruits = russian_recruits(&params.0, &russia, support, ceasefire);
    russia.forces += recruits;
    russia.forces_peak = russia.forces_peak.max(russia.forces);
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
