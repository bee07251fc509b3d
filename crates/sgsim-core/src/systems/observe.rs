//! Builds every actor's observation for the tick and zeroes the action buffers.
//!
//! An observation holds what that actor could know: its own state, what is public (the
//! front line, aid totals, polls, the escalation level) and, for the Kremlin, its beliefs.

use bevy_ecs::prelude::*;
use rand::RngExt;
use sgsim_abi::{
    CapitalAction, CapitalObservation, CoalitionAction, CoalitionObservation, KremlinAction,
    KremlinObservation, KyivAction, KyivObservation, ObsHeader, RoleRecords, derive_seed,
};

use crate::components::{
    Actor, AidHistory, Arsenal, Beliefs, CapitalProfile, ElectionCalendar, HeldPledges,
    KremlinState, KyivState, Opinion, Pipeline, UnderTest, Unit,
};
use crate::escalation;
use crate::institutions::{Guarantee, Membership, Nac, is_guarantor};
use crate::resources::{Clock, Decisions, Params, Roster, War, WorldRng};
use crate::systems::{Deterrence, Eu, ExternalAid};

/// Tag of the per-decision seed stream.
const DECISION_STREAM: u64 = 0xDEC1_5104;

type CapitalView<'a> = (
    &'a Actor,
    &'a Opinion,
    &'a CapitalProfile,
    &'a Arsenal,
    &'a Pipeline,
    &'a AidHistory,
    &'a ElectionCalendar,
    &'a UnderTest,
    &'a HeldPledges,
);

/// Fills [`Decisions`] with this tick's observations.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn observe(
    clock: Res<Clock>,
    war: Res<War>,
    roster: Res<Roster>,
    mut rng: ResMut<WorldRng>,
    params: Res<Params>,
    arrangement: (Res<Nac>, Res<Membership>, Res<Guarantee>),
    others: (Res<Eu>, Res<ExternalAid>),
    deterrence: Res<Deterrence>,
    mut decisions: ResMut<Decisions>,
    capitals: Query<CapitalView>,
    kremlin: Query<(&Actor, &Opinion, &KremlinState, &Beliefs)>,
    kyiv: Query<(&Actor, &Opinion, &KyivState)>,
    units: Query<(&Actor, &Unit)>,
) {
    let decisions = &mut *decisions;
    let (nac, membership, guarantee) = arrangement;
    let (eu, external) = others;
    let member = membership.member();
    let invited = membership.invited_and_open();
    let covered = guarantee.in_force() || member;
    let credibility = guarantee.credibility;
    let is_guarantor = |index: usize| is_guarantor(&guarantee, &membership, index);
    // Allied troops inside Ukraine, by owner.
    let mut troops_in_ukraine = vec![0.0_f64; roster.capitals.len()];
    let mut units_in_ukraine = 0u32;
    for (_, unit) in roster.units.iter().filter_map(|&e| units.get(e).ok()) {
        if unit.in_ukraine() {
            units_in_ukraine += 1;
            if let Some(slot) = troops_in_ukraine.get_mut(unit.owner) {
                *slot += unit.troops;
            }
        }
    }
    let seed = rng.seed;
    let date = clock.date();
    let header = |actor_id: u32, size: usize| ObsHeader {
        size: size as u32,
        actor_id,
        tick: clock.tick,
        date_ymd: crate::date_ymd(date),
        decision_seed: derive_seed(
            seed,
            DECISION_STREAM ^ u64::from(actor_id),
            u64::from(clock.tick),
        ),
    };
    let ceasefire = u32::from(war.ceasefire_since.is_some());
    let escalation_level = escalation::score(war.escalation_rung);
    let territory_change = war.territory_change.sum();

    // One pass over the capitals for what every observer needs: the West's recent aid and
    // the mean of its (public) polls.
    let (total_delivered_4w, support_sum, n_capitals) = roster
        .capitals
        .iter()
        .filter_map(|&e| capitals.get(e).ok())
        .fold((0.0, 0.0, 0u32), |(aid, support, n), view| {
            (
                aid + view.5.delivered.sum(),
                support + view.1.public_support,
                n + 1,
            )
        });

    decisions.capital_obs.clear();
    let pressure = kremlin
        .get(roster.kremlin)
        .map_or(0.0, |(_, _, state, _)| state.sanctions);
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let Ok((actor, opinion, profile, arsenal, pipeline, history, calendar, under_test, held)) =
            capitals.get(entity)
        else {
            continue;
        };
        let weeks_to_election = calendar
            .upcoming
            .front()
            .map_or(-1.0, |e| (e.date - date).num_days() as f64 / 7.0);
        let held_military: f64 = held
            .pledges
            .iter()
            .filter(|p| p.1 == crate::components::Category::Military)
            .map(|p| p.2)
            .sum();
        let own = history.delivered.sum();
        decisions.capital_obs.push(CapitalObservation {
            header: header(actor.id, size_of::<CapitalObservation>()),
            under_test: u32::from(under_test.0),
            ceasefire_in_force: ceasefire,
            nac_agenda: nac.agenda
                | if eu.members.get(index) == Some(&true) {
                    eu.agenda
                } else {
                    0
                },
            ratification_pending: u32::from(
                invited && !member && membership.ratified.get(index) == Some(&false),
            ),
            guarantor: u32::from(is_guarantor(index)),
            guarantee_in_force: u32::from(covered),
            nato_package_blocked: u32::from(
                nac.last_package_blocked
                    .is_some_and(|t| t + 1 == clock.tick),
            ),
            reserved: 0,
            resolve: opinion.resolve,
            public_support: opinion.public_support,
            gdp_eur_bn: profile.gdp_eur_bn,
            defence_budget_eur_bn: profile.defence_budget_eur_bn,
            stockpile_eur_bn: arsenal.stockpile(),
            // What is not spare: each line's floor, or all of a line that is below it, so
            // that stock minus floor is exactly what can be delivered.
            readiness_floor_eur_bn: arsenal.stockpile() - arsenal.spare(),
            industrial_output_eur_bn: arsenal.output_total(),
            threat_perception: profile.threat,
            escalation_aversion: profile.escalation_aversion,
            weeks_to_election,
            pipeline_backlog_eur_bn: pipeline.backlog()
                + held.total()
                + nac.pool.get(index).map_or(0.0, |p| p.iter().sum()),
            military_backlog_eur_bn: pipeline.military_backlog()
                + held_military
                + nac.pool.get(index).map_or(0.0, |p| p[0]),
            delivered_last_4w_eur_bn: own,
            others_delivered_last_4w_eur_bn: total_delivered_4w - own + external.last_4w.sum(),
            cumulative_delivered_eur_bn: history.cumulative_delivered,
            ukraine_territory_share: war.kyiv_territory,
            ukraine_territory_change_4w: territory_change,
            escalation_level,
            own_troops_in_ukraine: troops_in_ukraine[index],
            guarantee_credibility: credibility,
            commitment_eur_bn_per_week: guarantee
                .committed_per_week
                .get(index)
                .copied()
                .unwrap_or(0.0),
            sanctions_pressure: pressure,
            test_size: deterrence.test_size.get(index).copied().unwrap_or(0.0),
            unanswered_tests: deterrence.unanswered.get(index).copied().unwrap_or(0),
            reserved2: 0,
        });
    }
    reset(
        &mut decisions.capital_act,
        decisions.capital_obs.len(),
        |a: &mut CapitalAction| sgsim_abi::Capital::init_action(a),
    );

    let fog = params.0.battle.fog;
    decisions.kremlin_obs.clear();
    if let (Ok((actor, opinion, state, beliefs)), Ok((_, _, kyiv_state))) =
        (kremlin.get(roster.kremlin), kyiv.get(roster.kyiv))
    {
        // The exposed unit: inside Ukraine, not covered, owned by the capital the Kremlin
        // believes least resolved (the lowest unit id on a tie).
        let exposed_unit_id = roster
            .units
            .iter()
            .filter_map(|&e| units.get(e).ok())
            .filter(|(_, u)| u.in_ukraine() && u.troops > 0.0 && !u.location.covered(member))
            .map(|(a, u)| (beliefs.values.get(u.owner).copied().unwrap_or(1.0), a.id))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map_or(0, |(_, id)| id);
        let weakest = roster
            .capital_ids
            .iter()
            .position(|&id| id == war.weakest_guarantor);
        let noise = if fog > 0.0 {
            rng.estimate.random_range(1.0 - fog..1.0 + fog)
        } else {
            1.0
        };
        decisions.kremlin_obs.push(KremlinObservation {
            header: header(actor.id, size_of::<KremlinObservation>()),
            ceasefire_in_force: ceasefire,
            kyiv_ceasefire_offer: u32::from(war.kyiv_offered),
            weakest_guarantor_id: war.weakest_guarantor,
            guarantors: roster.capital_ids.len() as u32,
            membership_stage: membership.stage(),
            guarantee_in_force: u32::from(covered),
            exposed_unit_id,
            units_in_ukraine,
            resolve: opinion.resolve,
            domestic_support: opinion.public_support,
            forces_in_theatre: state.forces,
            ukraine_forces_estimate: kyiv_state.forces * noise,
            territory_occupied_share: 1.0 - war.kyiv_territory,
            territory_change_4w: -territory_change,
            losses_last_4w: state.losses.sum(),
            escalation_level,
            belief_mean_resolve: war.credibility,
            belief_min_resolve: war.belief_min,
            belief_us_resolve: roster
                .us_index
                .and_then(|i| beliefs.values.get(i).copied())
                .unwrap_or(0.0),
            western_aid_last_4w_eur_bn: total_delivered_4w + external.last_4w.sum(),
            weeks_in_ceasefire: war
                .ceasefire_since
                .map_or(0.0, |since| f64::from(clock.tick - since)),
            kyiv_stance: war.kyiv_stance,
            guarantee_credibility: credibility,
            allied_troops_in_ukraine: troops_in_ukraine.iter().sum(),
            sanctions_pressure: state.sanctions,
            economy: state.economy,
            response_probability: credibility,
            response_power: guarantee.response_power,
            gain_unanswered: deterrence.gain_unanswered,
            gain_answered: deterrence.gain_answered,
            gain_projected: deterrence.gain_projected,
            recruitment_capacity_per_week: deterrence.recruitment_capacity,
            theatre_forces_cap: state.forces_cap,
            weakest_response_probability: weakest
                .and_then(|i| guarantee.per_capital.get(i).copied())
                .unwrap_or(0.0),
            weakest_unanswered_tests: weakest
                .and_then(|i| deterrence.unanswered.get(i).copied())
                .unwrap_or(0),
            allied_forces_engaged: u32::from(deterrence.engaged),
            weakest_largest_unanswered: weakest
                .and_then(|i| deterrence.largest_unanswered.get(i).copied())
                .unwrap_or(0.0),
            gain_north: deterrence.gain_axis[0],
            gain_donbas: deterrence.gain_axis[1],
            gain_south: deterrence.gain_axis[2],
            defence_spending_share: state.war_economy.defence_spending,
            fiscal_reserve_share: state.war_economy.fiscal_reserve,
        });
    }
    reset(
        &mut decisions.kremlin_act,
        decisions.kremlin_obs.len(),
        |a: &mut KremlinAction| sgsim_abi::Kremlin::init_action(a),
    );

    decisions.kyiv_obs.clear();
    if let Ok((actor, opinion, state)) = kyiv.get(roster.kyiv) {
        let allied_support_mean = if n_capitals == 0 {
            0.0
        } else {
            support_sum / f64::from(n_capitals)
        };
        decisions.kyiv_obs.push(KyivObservation {
            header: header(actor.id, size_of::<KyivObservation>()),
            ceasefire_in_force: ceasefire,
            kremlin_ceasefire_offer: u32::from(war.kremlin_offered),
            kremlin_demands_no_membership: u32::from(
                war.kremlin_offered && war.kremlin_demands_no_membership,
            ),
            membership_stage: membership.stage(),
            guarantee_in_force: u32::from(covered),
            offers: if guarantee.declared {
                sgsim_abi::OFFER_GUARANTEE
            } else {
                0
            } | if membership.path.is_some() && !membership.renounced {
                sgsim_abi::OFFER_MEMBERSHIP
            } else {
                0
            },
            forces: state.forces,
            manpower_pool: state.manpower_pool,
            equipment_eur_bn: state.equipment,
            territory_share: war.kyiv_territory,
            territory_change_4w: territory_change,
            public_resolve: opinion.public_support,
            aid_last_4w_eur_bn: state.aid_received.sum(),
            kremlin_intensity_last: war.intensity,
            allied_support_mean,
            losses_last_4w: state.losses.sum(),
            guarantee_credibility: credibility,
            callup_capacity_per_week: crate::systems::training::callup_capacity(
                &params.0,
                state,
                opinion.public_support,
                war.ceasefire_since.is_some(),
            ),
            trained_share: if state.forces > 0.0 {
                (state.trained / state.forces).clamp(0.0, 1.0)
            } else {
                0.0
            },
            training_places_per_week: {
                let trainers = crate::systems::training::trainers_in_ukraine(
                    roster
                        .units
                        .iter()
                        .filter_map(|&e| units.get(e).ok())
                        .map(|(_, u)| u),
                );
                let (abroad, inside) =
                    crate::systems::training::training_places(&params.0.training, trainers);
                abroad + inside
            },
            attack_ratio_north: deterrence.attack_ratio[0],
            attack_ratio_donbas: deterrence.attack_ratio[1],
            attack_ratio_south: deterrence.attack_ratio[2],
            attack_ratio_occupied_2014: deterrence.attack_ratio[3],
            retakable_north_km2: deterrence.retakable_km2[0],
            retakable_donbas_km2: deterrence.retakable_km2[1],
            retakable_south_km2: deterrence.retakable_km2[2],
            retakable_occupied_2014_km2: deterrence.retakable_km2[3],
        });
    }
    reset(
        &mut decisions.kyiv_act,
        decisions.kyiv_obs.len(),
        |a: &mut KyivAction| sgsim_abi::Kyiv::init_action(a),
    );

    decisions.unit_obs.clear();
    for &entity in &roster.units {
        let Ok((actor, unit)) = units.get(entity) else {
            continue;
        };
        let owner_resolve = roster
            .capitals
            .get(unit.owner)
            .and_then(|&e| capitals.get(e).ok())
            .map_or(0.0, |view| view.1.resolve);
        let owner_id = roster
            .capitals
            .get(unit.owner)
            .and_then(|&e| capitals.get(e).ok())
            .map_or(0, |view| view.0.id);
        decisions.unit_obs.push(CoalitionObservation {
            header: header(actor.id, size_of::<CoalitionObservation>()),
            owner_id,
            location: unit.location.code(),
            ceasefire_in_force: ceasefire,
            in_transit: u32::from(unit.transit.is_some()),
            article5_covered: u32::from(unit.transit.is_none() && unit.location.covered(member)),
            struck: u32::from(unit.struck),
            mission_authorised: u32::from(nac.mission_authorised.is_some()),
            guarantee_in_force: u32::from(
                member || (guarantee.in_force() && is_guarantor(unit.owner)),
            ),
            renewed_aggression: u32::from(war.renewed_aggression),
            reserved: 0,
            troops: unit.troops,
            readiness: unit.readiness,
            owner_resolve,
            escalation_level,
            guarantee_credibility: credibility,
        });
    }
    reset(
        &mut decisions.unit_act,
        decisions.unit_obs.len(),
        |a: &mut CoalitionAction| sgsim_abi::Coalition::init_action(a),
    );
}

/// Makes `actions` hold `n` zeroed records with their `size` set.
fn reset<A: Default>(actions: &mut Vec<A>, n: usize, init: impl Fn(&mut A)) {
    actions.clear();
    actions.resize_with(n, || {
        let mut action = A::default();
        init(&mut action);
        action
    });
}
