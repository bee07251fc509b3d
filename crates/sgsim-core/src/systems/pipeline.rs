//! M03 and M05: pledges become deliveries once their channel's delay has passed, and
//! military deliveries come out of a stockpile the donor will not draw below its readiness
//! floor. What cannot be delivered stays in the pipeline; industrial output refills the
//! stockpile every week. The European Union's payments (`systems::eu`) and the donors
//! outside the alliance (`systems::donors`) reach Kyiv here too.

use bevy_ecs::prelude::*;

use crate::components::{
    Actor, AidHistory, Arsenal, CapitalProfile, Category, KyivState, Pipeline,
};
use crate::resources::{Clock, Output, Roster, Totals};
use crate::rows::EventRow;
use crate::setup::DonorGroup;
use crate::systems::AidTick;
use crate::systems::donors::Donors;
use crate::systems::eu::Eu;
use crate::window::Window4;

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

/// Aid from donors that are not capitals (the EU and the donors outside the alliance).
#[derive(Resource, Clone, Debug, Default)]
pub struct ExternalAid {
    /// Their deliveries over the last 4 weeks, euro billions.
    pub last_4w: Window4,
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
    external: (Res<Eu>, Res<Donors>, ResMut<ExternalAid>),
) {
    *delivered_now = Delivered::default();
    let (eu, donors, mut external_aid) = external;
    let mut external_week = eu.paid[0] + eu.paid[1];
    delivered_now.military += eu.paid[0];
    delivered_now.financial += eu.paid[1];
    totals.delivered_by_group[DonorGroup::EuInstitutions as usize] += eu.paid[0] + eu.paid[1];
    for (week, donor) in donors.week.iter().zip(&donors.setups) {
        delivered_now.military += week[0];
        delivered_now.financial += week[1];
        delivered_now.humanitarian += week[2];
        let sum = week[0] + week[1] + week[2];
        external_week += sum;
        totals.pledged += sum;
        totals.delivered_by_group[donor.group as usize] += sum;
    }
    external_aid.last_4w.push(external_week);
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
        totals.delivered_by_group[profile.group as usize] += delivered_total;
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
