//! M03 and M05: pledges become deliveries once their channel's delay has passed, and
//! military deliveries come out of the donor's stocks, line by line (artillery ammunition,
//! air defence, other equipment, [`crate::materiel`]): the part of a pledge for a line waits
//! until the donor's stock of that line is above its readiness floor. What cannot be
//! delivered stays in the pipeline; production refills each line every week, at the rate
//! its producer group reaches on that date. The European Union's payments
//! (`systems::eu`) and the donors outside the alliance (`systems::donors`) reach Kyiv here
//! too.

use bevy_ecs::prelude::*;
use chrono::NaiveDate;

use crate::components::{
    Actor, AidHistory, Arsenal, CapitalProfile, Category, KyivState, Pipeline, Pledge,
};
use crate::materiel::{Line, SupplySetup};
use crate::resources::{Clock, Output, Roster, Totals};
use crate::rows::EventRow;
use crate::setup::DonorGroup;
use crate::systems::AidTick;
use crate::systems::donors::Donors;
use crate::systems::eu::Eu;
use crate::window::Window4;

/// The run's supply data (`configs/data/supply.toml`).
#[derive(Resource, Clone, Debug)]
pub struct Supply(pub SupplySetup);

/// Each producer group's whole output on `date` of the lines with their own data
/// (artillery, air defence), euro billions per week: `[line][producer]`.
pub fn group_output(supply: &SupplySetup, date: NaiveDate) -> [[f64; 2]; 2] {
    let mut out = [[0.0; 2]; 2];
    for line in [Line::Artillery, Line::AirDefence] {
        if let Some(data) = supply.line(line) {
            for (slot, group) in out[line as usize].iter_mut().zip(&data.producers) {
                *slot = group.production_per_year.at(date) * data.eur_bn_per_unit() / 52.0;
            }
        }
    }
    out
}

/// Sets this week's output of a capital's artillery and air defence: its share of its
/// producer group's output (`group_output`).
pub fn refresh_output(arsenal: &mut Arsenal, group: &[[f64; 2]; 2]) {
    let (producer, share) = arsenal.producer;
    for line in [Line::Artillery, Line::AirDefence] {
        arsenal.output_per_week[line as usize] = group[line as usize][producer as usize] * share;
    }
}

/// Aid Kyiv received this tick, by category, for the battle and home-front systems.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct Delivered {
    /// Military deliveries, euro billions.
    pub military: f64,
    /// Military aid due this tick (allocated to delivery), per line, euro billions: the
    /// capitals' pledges past their delay (what a readiness floor held back is due again
    /// the next week) and the military aid of the EU and the donors.
    pub due_lines: [f64; 3],
    /// Military deliveries per line (capitals, the EU and the donors), euro billions.
    pub lines: [f64; 3],
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

/// Delivers what is due of one pledge: a military pledge's parts line by line, each as far
/// as the stock above the readiness floor (`available`) allows; any other pledge in full.
/// The delivery is booked to the pledge's channel and category (the capital's `cells`).
///
/// A line with nothing available (its stock at or below the floor) only adds the part to
/// what is due and what is held back: that is what the general step does with nothing
/// given, to the bit (`x - 0.0 == x`, and the sums it skips adding `0.0` to are never
/// `-0.0`), without its arithmetic. Most parts that wait are in such lines.
fn deliver_pledge(
    pledge: &mut Pledge,
    available: &mut [f64; 3],
    held_back: &mut [f64; 3],
    delivered_total: &mut f64,
    delivered_now: &mut Delivered,
    cells: &mut [[f64; 2]; 9],
    arsenal: &mut Arsenal,
) {
    let amount = if pledge.category == Category::Military {
        let mut amount = 0.0;
        for line in 0..3 {
            let want = pledge.lines[line];
            delivered_now.due_lines[line] += want;
            if available[line] > 0.0 {
                let given = want.min(available[line]);
                available[line] -= given;
                held_back[line] += want - given;
                pledge.lines[line] -= given;
                arsenal.stock[line] -= given;
                delivered_now.lines[line] += given;
                amount += given;
            } else {
                held_back[line] += want;
            }
        }
        amount
    } else {
        pledge.remaining
    };
    if amount <= 0.0 {
        return;
    }
    pledge.remaining -= amount;
    *delivered_total += amount;
    cells[AidTick::cell_index(pledge.channel, pledge.category)][1] += amount;
    match pledge.category {
        Category::Military => delivered_now.military += amount,
        Category::Financial => delivered_now.financial += amount,
        Category::Humanitarian => delivered_now.humanitarian += amount,
    }
}

/// Delivers what is due, in pledge order, and refills stockpiles.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn deliver_aid(
    clock: Res<Clock>,
    roster: Res<Roster>,
    totals: ResMut<Totals>,
    aid: ResMut<AidTick>,
    delivered_now: ResMut<Delivered>,
    output: ResMut<Output>,
    mut capitals: Query<(
        &Actor,
        &CapitalProfile,
        &mut Arsenal,
        &mut Pipeline,
        &mut AidHistory,
    )>,
    mut kyiv: Query<&mut KyivState>,
    external: (Res<Eu>, Res<Donors>, ResMut<ExternalAid>, Res<Supply>),
) {
    // Each resource and component is borrowed once (`into_inner`) rather than through
    // `DerefMut` at every write: nothing in the simulation reads change detection, and a
    // write through `DerefMut` records a change tick each time, in the innermost loop here.
    let (totals, aid, delivered_now, output) = (
        totals.into_inner(),
        aid.into_inner(),
        delivered_now.into_inner(),
        output.into_inner(),
    );
    *delivered_now = Delivered::default();
    let (eu, donors, external_aid, supply) = external;
    let external_aid = external_aid.into_inner();
    let date = clock.date();
    // Military aid from outside the capitals is bought on the market in the composition
    // of the day; it draws on no ally's stock.
    let composition = supply.0.composition(date);
    let group = group_output(&supply.0, date);
    let mut external_week = eu.paid[0] + eu.paid[1];
    delivered_now.military += eu.paid[0];
    delivered_now.financial += eu.paid[1];
    let mut external_military = eu.paid[0];
    totals.delivered_by_group[DonorGroup::EuInstitutions as usize] += eu.paid[0] + eu.paid[1];
    for (week, donor) in donors.week.iter().zip(&donors.setups) {
        delivered_now.military += week[0];
        external_military += week[0];
        delivered_now.financial += week[1];
        delivered_now.humanitarian += week[2];
        let sum = week[0] + week[1] + week[2];
        external_week += sum;
        totals.pledged += sum;
        totals.delivered_by_group[donor.group as usize] += sum;
    }
    external_aid.last_4w.push(external_week);
    for (line, share) in Line::ALL.into_iter().zip(composition) {
        delivered_now.lines[line as usize] += external_military * share;
        delivered_now.due_lines[line as usize] += external_military * share;
    }
    let kyiv_id = roster.kyiv_id;
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let Ok((actor, profile, arsenal, pipeline, history)) = capitals.get_mut(entity) else {
            continue;
        };
        let (arsenal, pipeline, history) = (
            arsenal.into_inner(),
            pipeline.into_inner(),
            history.into_inner(),
        );
        let mut available = [0.0; 3];
        for (slot, (stock, floor)) in available
            .iter_mut()
            .zip(arsenal.stock.iter().zip(&arsenal.floor))
        {
            *slot = (stock - floor).max(0.0);
        }
        let mut held_back = [0.0; 3];
        let mut delivered_total = 0.0;
        // One pass delivers what is due, in pledge order, and keeps what is left (a pledge
        // delivered in full leaves the queue), in the same order.
        let pledges = &mut pipeline.pledges;
        // A pledge is moved only once one before it has left.
        let cells = aid.cells_of(index);
        let mut kept = 0;
        for at in 0..pledges.len() {
            let pledge = &mut pledges[at];
            if pledge.due_tick <= clock.tick {
                deliver_pledge(
                    pledge,
                    &mut available,
                    &mut held_back,
                    &mut delivered_total,
                    delivered_now,
                    cells,
                    arsenal,
                );
            }
            if pledge.remaining > 1e-12 {
                if kept != at {
                    pledges[kept] = pledges[at];
                }
                kept += 1;
            }
        }
        pledges.truncate(kept);
        refresh_output(arsenal, &group);
        let made = arsenal.output_per_week;
        for (stock, made) in arsenal.stock.iter_mut().zip(made) {
            *stock += made;
        }
        history.delivered.push(delivered_total);
        history.cumulative_delivered += delivered_total;
        totals.delivered_by_group[profile.group as usize] += delivered_total;
        totals.floor_shortfall += held_back.iter().sum::<f64>();
        for line in Line::ALL {
            let short = held_back[line as usize] > 1e-12;
            let was_short = aid.short[index][line as usize];
            aid.short[index][line as usize] = short;
            if short && !was_short {
                output.0.events.push(EventRow {
                    tick: clock.tick,
                    date,
                    kind: "readiness_floor",
                    actor: actor.id,
                    target: kyiv_id,
                    detail: format!(
                        "line={};held_back={:.6};stock={:.6};floor={:.6}",
                        line.as_str(),
                        held_back[line as usize],
                        arsenal.stock[line as usize],
                        arsenal.floor[line as usize],
                    ),
                });
            }
        }
    }
    totals.air_defence_delivered += delivered_now.lines[Line::AirDefence as usize];
    if let Ok(mut state) = kyiv.get_mut(roster.kyiv) {
        let total = delivered_now.military + delivered_now.financial + delivered_now.humanitarian;
        state.aid_received.push(total);
    }
}
