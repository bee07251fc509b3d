//! M04 and M23 (and the NATO channel of M03): the North Atlantic Council decides by
//! consensus.
//!
//! Each tick, [`table_agenda`] (observe schedule) puts on the agenda what is due: a
//! package of NATO-coordinated aid every `nac.package_interval_weeks` while pledges wait
//! in the pool; Ukraine's invitation once its date has come (and a ceasefire holds, if the
//! scenario makes that a precondition); a collective response after Article 5 has been
//! invoked; a mission to defend Ukraine from the scenario's date. Capitals see the agenda
//! and may object to any item (`nac_block`). [`council`] (advance schedule) then decides:
//! an objection whose side-payment demand is positive and at most
//! `nac.max_side_payment_eur_bn` is bought off (a `side_payment` event). The deal is a
//! standing opt-out, like Hungary's from NSATU in 2024: that capital's objections to that
//! kind of item are lifted for the rest of the run. An objection that stands blocks the
//! item (a `veto` event per objector, one consensus failure) and the item returns after
//! `nac.package_interval_weeks`.
//!
//! An item the scenario records as decided (`[membership] agreed`, `[mission] agreed`:
//! the allies' decision is the premise) is adopted when it comes up, without asking for
//! objections; its `nac_decision` event says `by=premise`.
//!
//! An approved package enters the donors' pipelines with the NATO channel's delay, as a
//! delivery schedule: each ally's share is due in equal parts over the
//! `nac.package_interval_weeks` weeks until the next package (a coordinated, multi-year
//! commitment delivers a steady stream, not a lump). With common-funding share `s`, each
//! ally `i` delivers `(1 − s)·p_i + s·P·Y_i/ΣY` of each category, where `p_i` is what it
//! pledged, `P` the package total and `Y` GDP: burden sharing over all allies (M23).
//! Because the package needs every ally, it is not proof against one government's turn,
//! the United States' included. An approved package also commits the allies for
//! `nac.commitment_weeks` (the Washington summit's annual pledge): in that time
//! NATO-coordinated pledges enter the pipeline with the NATO delay without a new decision,
//! so the channel's vetoes come once a year, not with every package. A capital that pledges through another channel while its
//! NATO pledges still wait in the pool takes them back into its own pipeline (a
//! `pool_withdrawn` event): final decisions stay national, and a pledge is delivered once.

use bevy_ecs::prelude::*;
use sgsim_abi::{AGENDA_AID_PACKAGE, AGENDA_INVITATION, AGENDA_MISSION, AGENDA_RESPONSE};

use crate::components::{Actor, CapitalProfile, Category, Channel, Pipeline, Pledge};
use crate::institutions::{Membership, Nac};
use crate::resources::{Clock, Decisions, Output, Params, Roster, War};
use crate::rows::EventRow;
use crate::systems::AidTick;

/// The agenda items in the order the Council takes them, with their names in events.
pub const ITEMS: [(u32, &str); 4] = [
    (AGENDA_AID_PACKAGE, "aid_package"),
    (AGENDA_INVITATION, "invitation"),
    (AGENDA_RESPONSE, "response"),
    (AGENDA_MISSION, "mission"),
];

/// Observe schedule: sets this tick's agenda.
pub fn table_agenda(
    clock: Res<Clock>,
    war: Res<War>,
    membership: Res<Membership>,
    mut nac: ResMut<Nac>,
) {
    let tick = clock.tick;
    let date = clock.date();
    let mut agenda = 0;
    if tick >= nac.next_package_tick && !nac.pool_is_empty() {
        agenda |= AGENDA_AID_PACKAGE;
    }
    if let Some((from, requires_ceasefire)) = membership.path
        && membership.invited.is_none()
        && !membership.renounced
        && date >= from
        && (!requires_ceasefire || war.ceasefire_since.is_some())
        && tick >= nac.next_invitation_tick
    {
        agenda |= AGENDA_INVITATION;
    }
    if nac.response_pending {
        agenda |= AGENDA_RESPONSE;
    }
    if let Some(from) = nac.mission_from
        && nac.mission_authorised.is_none()
        && date >= from
        && tick >= nac.next_mission_tick
    {
        agenda |= AGENDA_MISSION;
    }
    nac.agenda = agenda;
}

/// The agenda items the scenario records as decided: the invitation under
/// `[membership] agreed` and the mission under `[mission] agreed`.
pub fn agreed_items(arrangement: &crate::setup::Arrangement) -> u32 {
    let mut items = 0;
    if arrangement.membership.as_ref().is_some_and(|m| m.agreed) {
        items |= AGENDA_INVITATION;
    }
    if arrangement.mission_agreed {
        items |= AGENDA_MISSION;
    }
    items
}

/// Splits an approved package over the allies: `(1 − s)·p_i + s·P·Y_i/ΣY`.
pub fn apportion(pool: &[[f64; 3]], gdp: &[f64], common_share: f64) -> Vec<[f64; 3]> {
    let total_gdp: f64 = gdp.iter().sum();
    let mut totals = [0.0; 3];
    for row in pool {
        for (t, x) in totals.iter_mut().zip(row) {
            *t += x;
        }
    }
    pool.iter()
        .zip(gdp)
        .map(|(row, &y)| {
            let key = if total_gdp > 0.0 { y / total_gdp } else { 0.0 };
            let mut out = [0.0; 3];
            for c in 0..3 {
                out[c] = (1.0 - common_share) * row[c] + common_share * totals[c] * key;
            }
            out
        })
        .collect()
}

/// Advance schedule: the Council decides every item on this tick's agenda.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn council(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut nac: ResMut<Nac>,
    mut membership: ResMut<Membership>,
    mut aid: ResMut<AidTick>,
    mut output: ResMut<Output>,
    supply: Res<crate::systems::pipeline::Supply>,
    mut capitals: Query<(&Actor, &CapitalProfile, &mut Pipeline)>,
) {
    let p = &params.0.nac;
    let tick = clock.tick;
    let date = clock.date();
    let agenda = nac.agenda;
    if agenda == 0 {
        return;
    }
    let ids = &roster.capital_ids;
    for (bit, name) in ITEMS {
        if agenda & bit == 0 {
            continue;
        }
        let agreed = nac.agreed & bit != 0;
        let mut standing = Vec::new();
        for (index, action) in decisions.capital_act.iter().enumerate() {
            let bought = nac.opt_outs.get(index).copied().unwrap_or(0);
            if agreed || action.nac_block & bit == 0 || bought & bit != 0 {
                continue;
            }
            let demand = action.side_payment_demand_eur_bn;
            if demand > 0.0 && demand <= p.max_side_payment_eur_bn {
                nac.side_payments_eur_bn += demand;
                if let Some(slot) = nac.opt_outs.get_mut(index) {
                    *slot |= bit;
                }
                output.0.events.push(EventRow {
                    tick,
                    date,
                    kind: "side_payment",
                    actor: ids[index],
                    target: 0,
                    detail: format!("item={name};eur_bn={demand:.6}"),
                });
            } else {
                standing.push(index);
            }
        }
        let retry = tick + p.package_interval_weeks.max(1);
        if !standing.is_empty() {
            nac.consensus_failures += 1;
            for &index in &standing {
                output.0.events.push(EventRow {
                    tick,
                    date,
                    kind: "veto",
                    actor: ids[index],
                    target: 0,
                    detail: format!("item={name}"),
                });
            }
            match bit {
                AGENDA_AID_PACKAGE => {
                    nac.next_package_tick = retry;
                    nac.last_package_blocked = Some(tick);
                }
                AGENDA_INVITATION => nac.next_invitation_tick = retry,
                AGENDA_MISSION => nac.next_mission_tick = retry,
                _ => {
                    // A blocked collective response is a failed response (M09).
                    nac.response_pending = false;
                    aid.collapse = true;
                }
            }
            continue;
        }
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "nac_decision",
            actor: 0,
            target: 0,
            detail: if agreed {
                format!("item={name};by=premise")
            } else {
                format!("item={name}")
            },
        });
        match bit {
            AGENDA_AID_PACKAGE => {
                release_package(
                    &mut nac,
                    &roster,
                    &mut capitals,
                    p.common_funding_share,
                    tick + params.0.pipeline.delay_nato_weeks,
                    p.package_interval_weeks,
                    &supply.0.composition(date),
                );
                nac.next_package_tick = retry;
                nac.committed_until = tick + p.commitment_weeks;
            }
            AGENDA_INVITATION => {
                membership.invited = Some(tick);
                output.0.events.push(EventRow {
                    tick,
                    date,
                    kind: "invitation",
                    actor: 0,
                    target: roster.kyiv_id,
                    detail: String::new(),
                });
            }
            AGENDA_RESPONSE => {
                nac.response_pending = false;
                // For a member Ukraine the response is its collective defence; for a strike
                // on allied soil it is the Alliance's answer to the test (M09).
                if membership.member() {
                    nac.collective_defence_until =
                        Some(tick + params.0.intervention.response_weeks.max(1));
                }
                for index in 0..ids.len() {
                    aid.test_responses.push((index, 1.0));
                }
                output.0.events.push(EventRow {
                    tick,
                    date,
                    kind: "collective_response",
                    actor: 0,
                    target: roster.kremlin_id,
                    detail: format!("weeks={}", params.0.intervention.response_weeks.max(1)),
                });
            }
            _ => {
                nac.mission_authorised = Some(tick);
                output.0.events.push(EventRow {
                    tick,
                    date,
                    kind: "mission_authorised",
                    actor: 0,
                    target: roster.kyiv_id,
                    detail: String::new(),
                });
            }
        }
    }
}

fn release_package(
    nac: &mut Nac,
    roster: &Roster,
    capitals: &mut Query<(&Actor, &CapitalProfile, &mut Pipeline)>,
    common_share: f64,
    due_tick: u32,
    spread_weeks: u32,
    composition: &[f64; 3],
) {
    let gdp: Vec<f64> = roster
        .capitals
        .iter()
        .map(|&e| capitals.get(e).map_or(0.0, |(_, p, _)| p.gdp_eur_bn))
        .collect();
    let shares = apportion(&nac.pool, &gdp, common_share);
    let weeks = spread_weeks.max(1);
    for (&entity, row) in roster.capitals.iter().zip(&shares) {
        let Ok((_, _, mut pipeline)) = capitals.get_mut(entity) else {
            continue;
        };
        for category in Category::ALL {
            let amount = row[category as usize];
            if amount > 1e-12 {
                for week in 0..weeks {
                    pipeline.pledges.push(Pledge::new(
                        due_tick + week,
                        Channel::Nato,
                        category,
                        amount / f64::from(weeks),
                        composition,
                    ));
                }
            }
        }
    }
    for row in &mut nac.pool {
        *row = [0.0; 3];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_funding_moves_a_share_of_the_package_onto_gdp_keys() {
        let pool = [[10.0, 0.0, 0.0], [0.0, 0.0, 2.0]];
        let gdp = [1.0, 3.0];
        let shares = apportion(&pool, &gdp, 0.5);
        // Military: 5 stays with the first; 5 is split 1:3.
        assert!((shares[0][0] - (5.0 + 1.25)).abs() < 1e-12);
        assert!((shares[1][0] - 3.75).abs() < 1e-12);
        // Humanitarian: 1 stays with the second; 1 is split 1:3.
        assert!((shares[0][2] - 0.25).abs() < 1e-12);
        assert!((shares[1][2] - 1.75).abs() < 1e-12);
        // Nothing is created or lost.
        let total: f64 = shares.iter().flatten().sum();
        assert!((total - 12.0).abs() < 1e-12);
        assert_eq!(apportion(&pool, &gdp, 0.0), pool.to_vec());
    }
}
