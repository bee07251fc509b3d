//! The collector: writes this tick's state rows after all dynamics have run.

use bevy_ecs::prelude::*;

use crate::components::{
    Actor, Beliefs, Category, Channel, Government, KremlinState, KyivState, Opinion, Unit,
};
use crate::escalation;
use crate::institutions::{Guarantee, Membership, Nac, is_guarantor};
use crate::resources::{Clock, Output, Params, Roster, War};
use crate::rows::{AidRow, BeliefRow, PostureRow, ResolveRow, WarRow};
use crate::systems::AidTick;
use crate::systems::battle::ukrainian_quality;
use crate::systems::pipeline::Delivered;
use crate::units::Location;

/// Writes resolve, aid, force-posture, belief and war rows for the tick.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn record(
    clock: Res<Clock>,
    roster: Res<Roster>,
    params: Res<Params>,
    war: Res<War>,
    delivered: Res<Delivered>,
    guarantee: Res<Guarantee>,
    membership: Res<Membership>,
    nac: Res<Nac>,
    aid: ResMut<AidTick>,
    external: (
        Res<crate::systems::Eu>,
        Res<crate::systems::Donors>,
        Res<crate::front::Front>,
    ),
    output: ResMut<Output>,
    opinions: Query<(&Opinion, Option<&Government>)>,
    kremlin: Query<(&KremlinState, &Beliefs)>,
    kyiv: Query<&KyivState>,
    units: Query<(&Actor, &Unit)>,
) {
    // Borrowed once: a write through `DerefMut` records a change tick each time, and
    // nothing reads change detection (see `pipeline::deliver_aid`).
    let (aid, output) = (aid.into_inner(), output.into_inner());
    let (tick, date) = (clock.tick, clock.date());
    let (eu, donors, front) = external;
    let out = &mut output.0;
    let ordered = roster.capital_ids.iter().zip(&roster.capitals).chain([
        (&roster.kremlin_id, &roster.kremlin),
        (&roster.kyiv_id, &roster.kyiv),
    ]);
    for (&id, &entity) in ordered {
        if let Ok((opinion, government)) = opinions.get(entity) {
            out.resolve.push(ResolveRow {
                tick,
                date,
                actor: id,
                resolve: opinion.resolve,
                public_support: opinion.public_support,
                camp: government.map(|g| g.camp.as_str()),
                check_camp: government
                    .and_then(|g| g.check)
                    .map(|(_, camp)| camp.as_str()),
            });
        }
    }

    for (index, &donor) in roster.capital_ids.iter().enumerate() {
        for channel in Channel::ALL {
            for category in Category::ALL {
                let [pledged, delivered] = *aid.cell(index, channel, category);
                if pledged != 0.0 || delivered != 0.0 {
                    out.aid.push(AidRow {
                        tick,
                        date,
                        donor,
                        recipient: roster.kyiv_id,
                        channel: channel.as_str(),
                        category: category.as_str(),
                        pledged,
                        delivered,
                    });
                }
            }
        }
    }
    aid.clear();
    for (category, delivered) in [("military", eu.paid[0]), ("financial", eu.paid[1])] {
        if delivered != 0.0 {
            out.aid.push(AidRow {
                tick,
                date,
                donor: roster.eu_id,
                recipient: roster.kyiv_id,
                channel: "eu",
                category,
                pledged: delivered,
                delivered,
            });
        }
    }
    for (&donor, week) in donors.ids.iter().zip(&donors.week) {
        for (category, &amount) in Category::ALL.iter().zip(week) {
            if amount != 0.0 {
                out.aid.push(AidRow {
                    tick,
                    date,
                    donor,
                    recipient: roster.kyiv_id,
                    channel: "bilateral",
                    category: category.as_str(),
                    pledged: amount,
                    delivered: amount,
                });
            }
        }
    }

    if let Ok((state, beliefs)) = kremlin.get(roster.kremlin) {
        out.posture.push(PostureRow {
            tick,
            date,
            actor: roster.kremlin_id,
            unit: roster.kremlin_id,
            location: Location::UkraineFront.as_str(),
            troops: state.forces,
            article5_covered: false,
        });
        for (index, (&guarantor, &belief)) in
            roster.capital_ids.iter().zip(&beliefs.values).enumerate()
        {
            let credibility = guarantee.per_capital.get(index).copied().unwrap_or(0.0);
            out.beliefs.push(BeliefRow {
                tick,
                date,
                guarantor,
                belief,
                is_guarantor: is_guarantor(&guarantee, &membership, index),
                credibility,
            });
        }
    }
    if let (Ok(state), Ok((russia, _))) = (kyiv.get(roster.kyiv), kremlin.get(roster.kremlin)) {
        out.war.push(WarRow {
            tick,
            date,
            kyiv_territory: war.kyiv_territory,
            offensive_intensity: war.intensity,
            escalation_level: escalation::score(war.escalation_rung),
            ceasefire: war.ceasefire_since.is_some(),
            russia_losses: russia.losses.last(),
            ukraine_losses: state.losses.last(),
            ukraine_equipment_eur_bn: state.equipment,
            ukraine_quality: ukrainian_quality(&params.0.battle, state.equipment, state.forces),
            aid_delivered_eur_bn: delivered.military + delivered.financial + delivered.humanitarian,
            credibility: war.credibility,
            sanctions: russia.sanctions,
            russia_economy: russia.economy,
            guarantee_credibility: guarantee.credibility,
            guarantee_in_force: guarantee.in_force() || membership.member(),
            membership_stage: membership.stage(),
            ukraine_trained_share: if state.forces > 0.0 {
                (state.trained / state.forces).clamp(0.0, 1.0)
            } else {
                0.0
            },
            ukraine_in_training: state.in_training.iter().map(|&(_, n)| n).sum(),
            ukraine_denial_eur_bn: state.denial,
            allied_combat_power: war.allied_power,
            nato_pool_eur_bn: nac.pool.iter().flatten().sum(),
            artillery_received_rounds: war.artillery.received,
            artillery_fired_rounds: war.artillery.fired,
            artillery_sufficiency: war.artillery.sufficiency,
            ukraine_artillery_stock_rounds: state.artillery_stock,
            military_lines_eur_bn: [0, 1, 2].map(|l| (delivered.due_lines[l], delivered.lines[l])),
            reconstruction_needs_eur_bn: war.damage_eur_bn,
            ukraine_callup: war.ukraine_callup,
            ukraine_callup_capacity: war.ukraine_callup_capacity,
            ukraine_demobilised: war.ukraine_demobilised,
            kyiv_held_km2: front.sectors.clone().map(|s| s.kyiv_held_km2),
            fortification: [0, 1, 2].map(|i| front.sectors[i].fortification),
            russian_effort: [0, 1, 2].map(|i| front.sectors[i].russian_effort),
            kremlin_main_axis: war.efforts.axis.map_or("none", |s| s.as_str()),
            kremlin_axis_concentration: if war.efforts.axis.is_some() {
                war.efforts.concentration
            } else {
                0.0
            },
            kyiv_offensive_sector: war.efforts.kyiv_sector.map_or("none", |s| s.as_str()),
            kyiv_offensive_commitment: if war.efforts.kyiv_sector.is_some() {
                war.efforts.kyiv_commitment
            } else {
                0.0
            },
            kyiv_retaken_km2: front.kyiv_gain_km2,
            russia_civil_economy: russia.war_economy.civil,
            russia_defence_spending_share: russia.war_economy.defence_spending,
            russia_energy_revenue_share: russia.war_economy.energy_revenue,
            russia_fiscal_reserve_share: russia.war_economy.fiscal_reserve,
            sanctions_evasion: russia.war_economy.evasion,
            russia_tanks: russia.materiel.in_service,
            russia_tanks_in_storage: russia.materiel.in_storage,
            russia_tanks_lost: russia.materiel.lost,
            russia_tanks_added: russia.materiel.added,
            russia_equipment_factor: russia.materiel.factor(&params.0.battle, russia.forces),
            russian_reserve: front.sectors.clone().map(|s| s.russian_reserve),
        });
    }
    if let Ok(state) = kyiv.get(roster.kyiv) {
        out.posture.push(PostureRow {
            tick,
            date,
            actor: roster.kyiv_id,
            unit: roster.kyiv_id,
            location: Location::UkraineFront.as_str(),
            troops: state.forces,
            article5_covered: membership.member(),
        });
    }
    for &entity in &roster.units {
        if let Ok((actor, unit)) = units.get(entity) {
            out.posture.push(PostureRow {
                tick,
                date,
                actor: roster.capital_ids[unit.owner],
                unit: actor.id,
                location: unit.location.as_str(),
                troops: unit.troops,
                article5_covered: unit.transit.is_none()
                    && unit.location.covered(membership.member()),
            });
        }
    }
}
