//! M02: the appropriations brake. A capital whose legislature is not its executive needs
//! that legislature to fund new aid. While the legislature's camp is sceptic and the
//! executive's is not (`Government::braked`), the executive's new pledges wait in
//! `HeldPledges` instead of entering the pipeline (as the US supplemental of October 2023
//! waited in the House until April 2024). Each week the legislature appropriates everything
//! it holds with probability `elections.appropriations_release_per_week` (one draw per
//! braked capital with pledges held, from the run's appropriations stream); when an
//! election lifts the brake, everything held enters the pipeline at once. Released pledges
//! enter as if pledged that week, so their channel's delay starts then.

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{Actor, Government, HeldPledges, Pipeline};
use crate::institutions::Nac;
use crate::resources::{Clock, Output, Params, Roster, WorldRng};
use crate::rows::EventRow;
use crate::systems::apply::enter_pipeline;
use crate::systems::pipeline::Supply;

/// Releases the held pledges the legislature appropriates this week.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn appropriate(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut rng: ResMut<WorldRng>,
    mut nac: ResMut<Nac>,
    mut output: ResMut<Output>,
    supply: Res<Supply>,
    mut capitals: Query<(&Actor, &Government, &mut HeldPledges, &mut Pipeline)>,
) {
    let composition = supply.0.composition(clock.date());
    let release = params.0.elections.appropriations_release_per_week;
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let Ok((actor, government, mut held, mut pipeline)) = capitals.get_mut(entity) else {
            continue;
        };
        if held.pledges.is_empty() {
            continue;
        }
        let lifted = !government.braked();
        if !lifted && rng.appropriations.random::<f64>() >= release {
            continue;
        }
        let amount = held.total();
        for (channel, category, amount) in held.pledges.drain(..) {
            enter_pipeline(
                clock.tick,
                &params.0.pipeline,
                channel,
                category,
                amount,
                &composition,
                &mut pipeline,
                if nac.committed_until > clock.tick {
                    None
                } else {
                    nac.pool.get_mut(index)
                },
            );
        }
        output.0.events.push(EventRow {
            tick: clock.tick,
            date: clock.date(),
            kind: "appropriation",
            actor: actor.id,
            target: roster.kyiv_id,
            detail: format!(
                "amount_eur_bn={amount:.6};reason={}",
                if lifted {
                    "brake_lifted"
                } else {
                    "appropriated"
                }
            ),
        });
    }
}
