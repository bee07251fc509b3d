//! M03 and M05: pledges become deliveries once their channel's delay has passed, and
//! military deliveries come out of a stockpile the donor will not draw below its readiness
//! floor. What cannot be delivered stays in the pipeline; industrial output refills the
//! stockpile every week.

use bevy_ecs::prelude::*;

use crate::components::{
    Actor, AidHistory, Arsenal, CapitalProfile, Category, KyivState, Pipeline,
};
use crate::resources::{Clock, Output, Roster, Totals};
use crate::rows::EventRow;
use crate::setup::DonorGroup;
use crate::systems::AidTick;

/// Aid Kyiv received this tick, by category, for the battle and home-front systems.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct Delivered {
    /// Military deliveries, euro billions.
    pub military: f64,
    /// Financial deliveries, euro billions.
    pub financial: f64,
    /// Humanitarian deliveries, euro billions.
    pub humanitarian: f64,
}

/// Delivers what is due, in pledge order, and refills stockpiles.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn deliver_aid(
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut totals: ResMut<Totals>,
    mut aid: ResMut<AidTick>,
    mut delivered_now: ResMut<Delivered>,
    mut output: ResMut<Output>,
    mut capitals: Query<(
        &Actor,
        &CapitalProfile,
        &mut Arsenal,
        &mut Pipeline,
        &mut AidHistory,
    )>,
    mut kyiv: Query<&mut KyivState>,
) {
    *delivered_now = Delivered::default();
    let kyiv_id = roster.kyiv_id;
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let Ok((actor, profile, mut arsenal, mut pipeline, mut history)) = capitals.get_mut(entity)
        else {
            continue;
        };
        let mut available = (arsenal.stockpile - arsenal.floor).max(0.0);
        let mut held_back = 0.0;
        let mut delivered_total = 0.0;
        for pledge in pipeline
            .pledges
            .iter_mut()
            .filter(|p| p.due_tick <= clock.tick)
        {
            let amount = if pledge.category == Category::Military {
                let amount = pledge.remaining.min(available);
                available -= amount;
                held_back += pledge.remaining - amount;
                amount
            } else {
                pledge.remaining
            };
            if amount <= 0.0 {
                continue;
            }
            pledge.remaining -= amount;
            delivered_total += amount;
            aid.cell(index, pledge.channel, pledge.category)[1] += amount;
            match pledge.category {
                Category::Military => {
                    arsenal.stockpile -= amount;
                    delivered_now.military += amount;
                }
                Category::Financial => delivered_now.financial += amount,
                Category::Humanitarian => delivered_now.humanitarian += amount,
            }
        }
        pipeline.pledges.retain(|p| p.remaining > 1e-12);
        arsenal.stockpile += arsenal.output_per_week;
        history.delivered.push(delivered_total);
        history.cumulative_delivered += delivered_total;
        match profile.group {
            DonorGroup::UnitedStates => totals.delivered_us += delivered_total,
            DonorGroup::Europe => totals.delivered_europe += delivered_total,
            DonorGroup::Other => totals.delivered_other += delivered_total,
        }
        totals.floor_shortfall += held_back;
        let was_short = aid.short[index];
        aid.short[index] = held_back > 0.0;
        if held_back > 0.0 && !was_short {
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "readiness_floor",
                actor: actor.id,
                target: kyiv_id,
                detail: format!(
                    "held_back={held_back:.6};stockpile={:.6}",
                    arsenal.stockpile
                ),
            });
        }
    }
    if let Ok(mut state) = kyiv.get_mut(roster.kyiv) {
        let total = delivered_now.military + delivered_now.financial + delivered_now.humanitarian;
        state.aid_received.push(total);
    }
}
