//! M01 and the belligerents' home fronts.
//!
//! Capitals (M01): public support `P` erodes with the war's duration and with the cost of
//! aid relative to GDP, falls with fear of escalation in proportion to the capital's
//! aversion, and rises when the news from the front is bad (the inverse relationship the
//! sources describe). Resolve `R` follows a target that mixes support and threat perception:
//!
//! `ΔP = −δ·max(0, P − P₀)/52 − c·(A₄/4 + B_w)/(Y/52) + ρ·max(0, −ΔT₄)
//!       − f·a·(level/60)·max(0, P − P₀)/(1 − P₀)`,
//! with `P₀ = f + w_θ·θ·(1 − f)` the committed support that neither duration nor fear
//! wears away (cost still can): `f = fatigue.support_floor`, raised by threat perception `θ`
//! with weight `w_θ = fatigue.threat_floor_weight`, so publics near Russia tire less,
//! `ΔR = λ·(g((1 − w)·P + w·θ) − R)`, where `g` is set by the government's camp (M25): a fast
//! mover adds `elections.fast_mover_offset`, a slow-roller leaves the target as it is, a
//! sceptic multiplies it by `elections.sceptic_factor`.
//!
//! M21: while a ceasefire holds, the capitals pay their GDP shares of the Western part of
//! the reconstruction bill, `B = reconstruction.bill_eur_bn · western_share`, spread over
//! `reconstruction.years`; a capital's weekly share `B_w` adds to the cost it feels, until
//! the bill is paid. M15: once Ukraine has a nuclear deterrent, the United States'
//! resolve target is multiplied by `nuclear.us_alienation`.
//!
//! M20: while Russian domestic support is below `belligerents.protest_below_support`,
//! protests (a `protest` event when they start) cost the Kremlin
//! `belligerents.protest_resolve_penalty` of resolve a week.
//!
//! The Kremlin's domestic support reverts to its baseline, falls with losses and rises with
//! territory taken; Kyiv's public resolve reverts to its baseline, falls with losses and
//! mobilisation, and rises with humanitarian aid. Each government's resolve follows its
//! public with rate `belligerents.resolve_adjust_rate`.

use bevy_ecs::prelude::*;

use crate::components::{
    AidHistory, Arsenal, CapitalProfile, Government, KremlinState, KyivState, Opinion,
};
use crate::escalation;
use crate::institutions::Guarantee;
use crate::params::{ElectionParams, FatigueParams};
use crate::resources::{Clock, Output, Params, Roster, Totals, War};
use crate::rows::EventRow;
use crate::setup::Camp;
use crate::systems::pipeline::Delivered;

/// Inputs of one capital's weekly opinion update.
#[derive(Clone, Copy, Debug)]
pub struct CapitalDrivers {
    /// Aid delivered over the last 4 weeks, euro billions.
    pub delivered_4w: f64,
    /// GDP, euro billions per year.
    pub gdp_eur_bn: f64,
    /// Change in Kyiv's territory share over the last 4 weeks.
    pub territory_change_4w: f64,
    /// Escalation level on the published scale.
    pub escalation_level: f64,
    /// Escalation aversion, [0, 1].
    pub aversion: f64,
    /// Threat perception, [0, 1].
    pub threat: f64,
    /// The government's camp (M25).
    pub camp: Camp,
    /// This capital's reconstruction payment this week (M21) and its contribution to the
    /// EU's payments to Ukraine, euro billions.
    pub reconstruction_week: f64,
    /// Factor on the resolve target (1, or `nuclear.us_alienation` for an alienated US).
    pub alienation: f64,
    /// Share of the public worried about its own readiness (M21), [0, 1].
    pub readiness_worry: f64,
    /// How far the capital's spare stocks are drawn down since the start, [0, 1].
    pub readiness_strain: f64,
}

/// M01: the support that neither duration nor fear wears away, for threat perception
/// `threat`: `P₀ = f + w_θ·θ·(1 − f)`.
pub fn committed_core(p: &FatigueParams, threat: f64) -> f64 {
    (p.support_floor + p.threat_floor_weight * threat * (1.0 - p.support_floor)).clamp(0.0, 1.0)
}

/// M01: one week of a capital's opinion dynamics.
pub fn capital_opinion(
    p: &FatigueParams,
    camps: &ElectionParams,
    opinion: Opinion,
    d: CapitalDrivers,
) -> Opinion {
    let weekly_gdp = d.gdp_eur_bn / 52.0;
    let burden = if weekly_gdp > 0.0 {
        (d.delivered_4w / 4.0 + d.reconstruction_week) / weekly_gdp
    } else {
        0.0
    };
    let bad_news = (-d.territory_change_4w).max(0.0);
    let floor = committed_core(p, d.threat);
    // Fear, like duration, wears away only the support above the committed core.
    let above = (opinion.public_support - floor).max(0.0);
    let fear = p.escalation_fear_per_week * d.aversion * d.escalation_level
        / escalation::score(escalation::TOP_RUNG)
        * if floor < 1.0 {
            above / (1.0 - floor)
        } else {
            0.0
        };
    // Readiness worries (M21), like fear, wear away the support above the core.
    let worry = p.readiness_worry_per_year * d.readiness_worry * d.readiness_strain / 52.0
        * if floor < 1.0 {
            above / (1.0 - floor)
        } else {
            0.0
        };
    let support = (opinion.public_support
        - p.duration_decay_per_year * above / 52.0
        - p.cost_sensitivity * burden
        + p.bad_news_rally * bad_news
        - fear
        - worry)
        .clamp(0.0, 1.0);
    let target = d.alienation
        * camps.camp_target(
            d.camp,
            (1.0 - p.threat_weight) * support + p.threat_weight * d.threat,
        );
    let resolve =
        (opinion.resolve + p.resolve_adjust_rate * (target - opinion.resolve)).clamp(0.0, 1.0);
    Opinion {
        resolve,
        public_support: support,
    }
}

/// Ukraine's assessed reconstruction needs by date (`configs/data/reconstruction.toml`).
#[derive(Resource, Clone, Debug, Default)]
pub struct ReconstructionNeeds(pub crate::materiel::Ramp);

/// Updates every capital's opinion.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn capital_home_fronts(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    needs: Res<ReconstructionNeeds>,
    mut war: ResMut<War>,
    guarantee: Res<Guarantee>,
    eu: Res<crate::systems::Eu>,
    mut totals: ResMut<Totals>,
    mut capitals: Query<(
        &CapitalProfile,
        &AidHistory,
        &Government,
        &Arsenal,
        &mut Opinion,
    )>,
) {
    let level = escalation::score(war.escalation_rung);
    let change = war.territory_change.sum();
    // Damage accrues while the war is hot at the pace of the assessments (M21).
    if war.ceasefire_since.is_none() {
        war.damage_eur_bn += needs.0.growth_per_week(clock.date()).max(0.0);
    }
    let r = &params.0.reconstruction;
    let bill = war.damage_eur_bn * r.western_share;
    let due = if war.ceasefire_since.is_some() && r.years > 0.0 {
        (bill / (r.years * 52.0))
            .min(bill - totals.reconstruction_paid)
            .max(0.0)
    } else {
        0.0
    };
    totals.reconstruction_paid += due;
    totals.reconstruction_week = due;
    let total_gdp: f64 = roster
        .capitals
        .iter()
        .filter_map(|&e| capitals.get(e).ok())
        .map(|(p, ..)| p.gdp_eur_bn)
        .sum();
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let Ok((profile, history, government, arsenal, mut opinion)) = capitals.get_mut(entity)
        else {
            continue;
        };
        *opinion = capital_opinion(
            &params.0.fatigue,
            &params.0.elections,
            *opinion,
            CapitalDrivers {
                delivered_4w: history.delivered.sum(),
                gdp_eur_bn: profile.gdp_eur_bn,
                territory_change_4w: change,
                escalation_level: level,
                aversion: profile.escalation_aversion,
                threat: profile.threat,
                camp: government.camp,
                // The week's reconstruction share and its share of the EU's payments.
                reconstruction_week: if total_gdp > 0.0 {
                    due * profile.gdp_eur_bn / total_gdp
                } else {
                    0.0
                } + eu.contributions.get(index).copied().unwrap_or(0.0),
                readiness_worry: profile.readiness_worry,
                readiness_strain: arsenal.strain(),
                alienation: if guarantee.nuclear && roster.us_index == Some(index) {
                    params.0.nuclear.us_alienation
                } else {
                    1.0
                },
            },
        );
    }
}

/// Updates the Kremlin's and Kyiv's home fronts.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn belligerent_home_fronts(
    params: Res<Params>,
    roster: Res<Roster>,
    war: Res<War>,
    delivered: Res<Delivered>,
    clock: Res<Clock>,
    mut output: ResMut<Output>,
    mut kremlin: Query<(&mut KremlinState, &mut Opinion), Without<KyivState>>,
    mut kyiv: Query<(&KyivState, &mut Opinion), Without<KremlinState>>,
) {
    let b = &params.0.belligerents;
    if let Ok((mut state, mut opinion)) = kremlin.get_mut(roster.kremlin) {
        let taken = (-war.territory_change.last()).max(0.0);
        let support = (opinion.public_support
            + b.russia_support_reversion * (state.support_baseline - opinion.public_support)
            - b.russia_loss_sensitivity * state.losses.last() / 10_000.0
            + b.russia_gain_rally * taken)
            .clamp(0.0, 1.0);
        let protesting = support < b.protest_below_support;
        if protesting && !state.protesting {
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "protest",
                actor: roster.kremlin_id,
                target: 0,
                detail: format!("support={support:.6}"),
            });
        }
        state.protesting = protesting;
        let penalty = if protesting {
            b.protest_resolve_penalty
        } else {
            0.0
        };
        let resolve =
            opinion.resolve + b.resolve_adjust_rate * (support - opinion.resolve) - penalty;
        *opinion = Opinion {
            resolve: resolve.clamp(0.0, 1.0),
            public_support: support,
        };
    }
    if let Ok((state, mut opinion)) = kyiv.get_mut(roster.kyiv) {
        let support = (opinion.public_support
            + b.ukraine_resolve_reversion * (state.support_baseline - opinion.public_support)
            - b.ukraine_loss_sensitivity * state.losses.last() / 10_000.0
            - b.ukraine_mobilisation_cost * war.mobilisation
            + b.humanitarian_resolve_per_eur_bn * delivered.humanitarian)
            .clamp(0.0, 1.0);
        let resolve = opinion.resolve + b.resolve_adjust_rate * (support - opinion.resolve);
        *opinion = Opinion {
            resolve: resolve.clamp(0.0, 1.0),
            public_support: support,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drivers() -> CapitalDrivers {
        CapitalDrivers {
            delivered_4w: 0.0,
            gdp_eur_bn: 1000.0,
            territory_change_4w: 0.0,
            escalation_level: 0.0,
            aversion: 0.5,
            threat: 0.5,
            camp: Camp::SlowRoller,
            reconstruction_week: 0.0,
            alienation: 1.0,
            readiness_worry: 0.5,
            readiness_strain: 0.0,
        }
    }

    fn start() -> Opinion {
        Opinion {
            resolve: 0.6,
            public_support: 0.6,
        }
    }

    #[test]
    fn support_erodes_with_duration_and_cost() {
        let p = FatigueParams::default();
        let idle = capital_opinion(&p, &ElectionParams::default(), start(), drivers());
        assert!(idle.public_support < 0.6);
        let costly = capital_opinion(
            &p,
            &ElectionParams::default(),
            start(),
            CapitalDrivers {
                delivered_4w: 4.0,
                ..drivers()
            },
        );
        assert!(costly.public_support < idle.public_support);
    }

    #[test]
    fn bad_news_rallies_support_and_escalation_frightens_the_averse() {
        let p = FatigueParams::default();
        let idle = capital_opinion(&p, &ElectionParams::default(), start(), drivers());
        let losing = capital_opinion(
            &p,
            &ElectionParams::default(),
            start(),
            CapitalDrivers {
                territory_change_4w: -0.02,
                ..drivers()
            },
        );
        assert!(losing.public_support > idle.public_support);
        let scared = capital_opinion(
            &p,
            &ElectionParams::default(),
            start(),
            CapitalDrivers {
                escalation_level: 60.0,
                aversion: 1.0,
                ..drivers()
            },
        );
        assert!(scared.public_support < idle.public_support);
    }

    #[test]
    fn a_public_near_russia_tires_less() {
        let p = FatigueParams::default();
        let camps = ElectionParams::default();
        let run = |threat: f64| {
            // A public that starts above both cores.
            let mut opinion = Opinion {
                resolve: 0.9,
                public_support: 0.9,
            };
            for _ in 0..520 {
                opinion = capital_opinion(
                    &p,
                    &camps,
                    opinion,
                    CapitalDrivers {
                        threat,
                        delivered_4w: 0.0,
                        ..drivers()
                    },
                );
            }
            opinion.public_support
        };
        let (frontline, distant) = (run(1.0), run(0.0));
        // Ten years of duration alone bring each public close to its committed core.
        assert!((distant - p.support_floor).abs() < 0.02, "{distant}");
        assert!(
            (frontline - committed_core(&p, 1.0)).abs() < 0.02,
            "{frontline}"
        );
        assert!(committed_core(&p, 1.0) > p.support_floor + 0.1);
    }

    #[test]
    fn drawn_down_stocks_worry_a_public_in_proportion_to_its_worry() {
        // M21: no strain, no effect; full strain costs more support where more of the
        // public worries about its own readiness.
        let p = FatigueParams::default();
        let camps = ElectionParams::default();
        let week = |worry: f64, strain: f64| {
            capital_opinion(
                &p,
                &camps,
                start(),
                CapitalDrivers {
                    readiness_worry: worry,
                    readiness_strain: strain,
                    ..drivers()
                },
            )
            .public_support
        };
        assert_eq!(week(0.58, 0.0), week(0.0, 1.0));
        assert!(week(0.58, 1.0) < week(0.31, 1.0));
        assert!(week(0.31, 1.0) < week(0.31, 0.0));
    }

    #[test]
    fn resolve_moves_toward_support_and_threat() {
        let p = FatigueParams::default();
        let near = capital_opinion(
            &p,
            &ElectionParams::default(),
            start(),
            CapitalDrivers {
                threat: 1.0,
                ..drivers()
            },
        );
        let far = capital_opinion(
            &p,
            &ElectionParams::default(),
            start(),
            CapitalDrivers {
                threat: 0.0,
                ..drivers()
            },
        );
        assert!(near.resolve > far.resolve);
    }
}
