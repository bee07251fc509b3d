//! Applies the policies' actions to the world. The host has already checked every action
//! against its range, so these systems only interpret them.

use bevy_ecs::prelude::*;

use crate::components::{
    Actor, AidHistory, Category, Channel, Government, HeldPledges, Pipeline, Pledge,
    SanctionsEffort, UnderTest, Unit,
};
use crate::escalation;
use crate::institutions::Nac;
use crate::params::PipelineParams;
use crate::resources::Output;
use crate::resources::{Clock, Decisions, Params, Roster, Totals, War};
use crate::rows::EventRow;
use crate::systems::pipeline::Supply;
use crate::systems::{AidTick, Deterrence};
use crate::units::Location;

/// A pledge enters the pipeline now: a NATO-coordinated pledge waits in the Council's
/// `pool` for its package decision (M04) unless the allies' coordinated commitment is in
/// force (`pool` is `None`: the Council has already committed them, M23); the others are
/// due after their channel's delay (M03).
#[allow(
    clippy::too_many_arguments,
    reason = "a pledge's fields and where it goes"
)]
pub(crate) fn enter_pipeline(
    tick: u32,
    delays: &PipelineParams,
    channel: Channel,
    category: Category,
    amount: f64,
    composition: &[f64; 3],
    pipeline: &mut Pipeline,
    pool: Option<&mut [f64; 3]>,
) {
    let delay = match channel {
        Channel::Bilateral => delays.delay_bilateral_weeks,
        Channel::Ramstein => delays.delay_ramstein_weeks,
        Channel::Nato => delays.delay_nato_weeks,
    };
    if channel == Channel::Nato
        && let Some(pool) = pool
    {
        pool[category as usize] += amount;
    } else {
        pipeline.pledges.push(Pledge::new(
            tick + delay,
            channel,
            category,
            amount,
            composition,
        ));
    }
}

/// Capitals: new pledges enter the pipeline (M03), or wait for a sceptic legislature's
/// appropriation (M02, `systems::appropriations`), and answers to tests of resolve are
/// recorded (M09, belief part). Runs before the Kremlin picks this tick's test.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn apply_capital_actions(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    war: ResMut<War>,
    totals: ResMut<Totals>,
    aid: ResMut<AidTick>,
    nac: ResMut<Nac>,
    deterrence: ResMut<Deterrence>,
    output: ResMut<Output>,
    supply: Res<Supply>,
    mut capitals: Query<(
        &Actor,
        &Government,
        &mut Pipeline,
        &mut HeldPledges,
        &mut AidHistory,
        &mut UnderTest,
        &mut SanctionsEffort,
    )>,
) {
    // Borrowed once: a write through `DerefMut` records a change tick each time, and
    // nothing reads change detection (see `pipeline::deliver_aid`).
    let (war, totals, aid, nac, deterrence, output) = (
        war.into_inner(),
        totals.into_inner(),
        aid.into_inner(),
        nac.into_inner(),
        deterrence.into_inner(),
        output.into_inner(),
    );
    let delays = &params.0.pipeline;
    let composition = supply.0.composition(clock.date());
    let nato_coordination = nac.coordinates_aid;
    let kremlin_id = roster.kremlin_id;
    for (index, (&entity, action)) in roster
        .capitals
        .iter()
        .zip(&decisions.capital_act)
        .enumerate()
    {
        let Ok((actor, government, pipeline, held, history, under_test, sanctions)) =
            capitals.get_mut(entity)
        else {
            continue;
        };
        let (pipeline, held, history, under_test, sanctions) = (
            pipeline.into_inner(),
            held.into_inner(),
            history.into_inner(),
            under_test.into_inner(),
            sanctions.into_inner(),
        );
        sanctions.0 = action.sanctions_effort;
        let channel = match Channel::from_code(action.channel).unwrap_or(Channel::Bilateral) {
            Channel::Ramstein if nato_coordination => Channel::Nato,
            other => other,
        };
        let braked = government.braked();
        let pledging = action.pledge_military_eur_bn > 0.0
            || action.pledge_financial_eur_bn > 0.0
            || action.pledge_humanitarian_eur_bn > 0.0;
        if channel != Channel::Nato
            && pledging
            && let Some(pool) = nac.pool.get_mut(index)
            && pool.iter().any(|&x| x > 0.0)
        {
            // Rerouting: what waits in the NATO pool goes into the capital's own pipeline,
            // so it is delivered once, through the channel it now uses.
            let taken = std::mem::take(pool);
            for (category, amount) in Category::ALL.into_iter().zip(taken) {
                if amount > 0.0 {
                    enter_pipeline(
                        clock.tick,
                        delays,
                        channel,
                        category,
                        amount,
                        &composition,
                        pipeline,
                        None,
                    );
                }
            }
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "pool_withdrawn",
                actor: actor.id,
                target: roster.kyiv_id,
                detail: format!(
                    "amount_eur_bn={:.6};channel={}",
                    taken.iter().sum::<f64>(),
                    channel.as_str()
                ),
            });
        }
        let amounts = [
            (Category::Military, action.pledge_military_eur_bn),
            (Category::Financial, action.pledge_financial_eur_bn),
            (Category::Humanitarian, action.pledge_humanitarian_eur_bn),
        ];
        for (category, amount) in amounts {
            if amount > 0.0 {
                // Humanitarian aid is not held: it comes from existing budget lines.
                if braked && category != Category::Humanitarian {
                    if held.pledges.is_empty() {
                        output.0.events.push(EventRow {
                            tick: clock.tick,
                            date: clock.date(),
                            kind: "appropriation_held",
                            actor: actor.id,
                            target: roster.kyiv_id,
                            detail: format!(
                                "check_camp={}",
                                government.check.map_or("none", |c| c.1.as_str())
                            ),
                        });
                    }
                    held.pledges.push((channel, category, amount));
                } else {
                    let committed = nac.committed_until > clock.tick;
                    enter_pipeline(
                        clock.tick,
                        delays,
                        channel,
                        category,
                        amount,
                        &composition,
                        pipeline,
                        if committed {
                            None
                        } else {
                            nac.pool.get_mut(index)
                        },
                    );
                }
                history.cumulative_pledged += amount;
                totals.pledged += amount;
                aid.cell(index, channel, category)[0] += amount;
            }
        }
        if under_test.0 {
            under_test.0 = false;
            let slice = deterrence.test_size.get(index).is_some_and(|&s| s > 0.0)
                && war.ceasefire_since.is_some();
            let threshold = params.0.strikes.failed_response_below;
            if slice && action.test_response < threshold {
                deterrence.unanswered_slices += 1;
            }
            deterrence.record_answer(index, action.test_response, threshold);
            war.test_response_sum += action.test_response;
            war.test_responses += 1;
            aid.test_responses.push((index, action.test_response));
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "test_response",
                actor: actor.id,
                target: kremlin_id,
                detail: format!("response={:.6}", action.test_response),
            });
        }
    }
}

/// The Kremlin: requested offensive intensity, escalation step, ceasefire choice and a test
/// of resolve.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn apply_kremlin_action(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut deterrence: ResMut<Deterrence>,
    decisions: Res<Decisions>,
    mut war: ResMut<War>,
    mut kremlin_choice: ResMut<crate::systems::KremlinChoice>,
    mut output: ResMut<Output>,
    mut tested: Query<&mut UnderTest>,
) {
    let Some(action) = decisions.kremlin_act.first() else {
        *kremlin_choice = crate::systems::KremlinChoice::default();
        return;
    };
    let kremlin_id = roster.kremlin_id;
    let date = clock.date();
    let old = war.escalation_rung;
    let new = escalation::step(old, action.escalation_step);
    if new != old {
        war.escalation_rung = new;
        war.peak_rung = war.peak_rung.max(new);
        output.0.events.push(EventRow {
            tick: clock.tick,
            date,
            kind: if new > old {
                "escalation"
            } else {
                "de_escalation"
            },
            actor: kremlin_id,
            target: 0,
            detail: format!(
                "rung={};level={:.6}",
                escalation::RUNG_NAMES[new as usize],
                escalation::score(new)
            ),
        });
    }
    if action.test_target != 0 {
        let target = roster
            .capital_ids
            .iter()
            .position(|&id| id == action.test_target);
        if let Some(index) = target {
            war.tests += 1;
            if let Ok(mut under_test) = tested.get_mut(roster.capitals[index]) {
                under_test.0 = true;
            }
            let size = if action.test_size > 0.0 {
                action.test_size.min(1.0)
            } else {
                1.0
            };
            if let Some(slot) = deterrence.test_size.get_mut(index) {
                *slot = size;
            }
            // During a ceasefire a test is a slice: a limited grab below a break (M11).
            let slice = war.ceasefire_since.is_some();
            if slice {
                deterrence.slices += 1;
                war.pending_slice += size * params.0.ceasefire.gain_per_slice;
            }
            output.0.events.push(EventRow {
                tick: clock.tick,
                date,
                kind: "test_of_resolve",
                actor: kremlin_id,
                target: action.test_target,
                detail: format!("size={size:.6};slice={}", u8::from(slice)),
            });
        }
    }
    war.kremlin_demands_no_membership = action.demand_no_membership == 1;
    war.efforts.axis = crate::front::Sector::from_code(action.main_axis);
    war.efforts.concentration = action.axis_concentration;
    *kremlin_choice = crate::systems::KremlinChoice {
        intensity: action.offensive_intensity,
        ceasefire: action.ceasefire,
    };
}

/// Kyiv: mobilisation effort, negotiating stance and its ceasefire offer.
pub fn apply_kyiv_action(decisions: Res<Decisions>, mut war: ResMut<War>) {
    let Some(action) = decisions.kyiv_act.first() else {
        return;
    };
    war.mobilisation = action.mobilisation;
    war.kyiv_stance = action.negotiating_stance;
    war.kyiv_offer_pending = action.accept_ceasefire == 1;
    war.kyiv_renounces = action.renounce_membership == 1;
    war.training_share = action.training_share;
    war.efforts.kyiv_sector = crate::front::Sector::from_code(action.offensive_sector);
    war.efforts.kyiv_commitment = action.offensive_intensity;
}

/// Coalition units: readiness and movement orders. A unit ordered to move departs in that
/// tick and arrives `coalition.transit_weeks` ticks later; until then it counts as where it
/// was, and orders given while it is in transit are ignored.
pub fn apply_coalition_actions(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut output: ResMut<Output>,
    mut units: Query<(&Actor, &mut Unit)>,
) {
    let transit_weeks = params.0.coalition.transit_weeks;
    for (&entity, action) in roster.units.iter().zip(&decisions.unit_act) {
        let Ok((actor, mut unit)) = units.get_mut(entity) else {
            continue;
        };
        unit.readiness = action.readiness;
        unit.engaged = action.engage == 1
            && unit.transit.is_none()
            && unit.location == Location::UkraineFront
            && unit.troops > 0.0;
        let owner_id = roster.capital_ids[unit.owner];
        if let Some((destination, weeks)) = unit.transit {
            if weeks <= 1 {
                unit.transit = None;
                unit.location = destination;
                output.0.events.push(EventRow {
                    tick: clock.tick,
                    date: clock.date(),
                    kind: "unit_arrived",
                    actor: owner_id,
                    target: actor.id,
                    detail: format!("at={}", destination.as_str()),
                });
            } else {
                unit.transit = Some((destination, weeks - 1));
            }
        } else if let Some(destination) = Location::from_code(action.move_to)
            && destination != unit.location
        {
            unit.transit = Some((destination, transit_weeks.max(1)));
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "unit_departed",
                actor: owner_id,
                target: actor.id,
                detail: format!(
                    "kind={};from={};to={}",
                    unit.kind,
                    unit.location.as_str(),
                    destination.as_str()
                ),
            });
        }
    }
}
