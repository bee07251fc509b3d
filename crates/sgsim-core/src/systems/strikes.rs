//! M09: the Kremlin strikes allied personnel to test resolve.
//!
//! A strike (`strike_unit`) kills `strikes.casualty_share` of the unit's troops, puts its
//! owner under test (the owner answers next tick with `test_response`, and the answer
//! moves the Kremlin's belief, M24), and lifts the escalation ladder to at least its
//! violent rung (28 on the published scale, M08).
//! If Article 5 covers the unit where it stands, the strike invokes it: a collective
//! response goes to the North Atlantic Council (M04). A unit inside Ukraine is not
//! covered while Ukraine is not a member (M16), so a strike there is answered, or not,
//! by its owner alone.

use bevy_ecs::prelude::*;

use crate::components::{Actor, UnderTest, Unit};
use crate::escalation;
use crate::institutions::{Guarantee, Membership, Nac};
use crate::resources::{Clock, Decisions, Output, Params, Roster, War};
use crate::rows::EventRow;

/// Advance schedule: applies this tick's strike, if any.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn strikes(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut war: ResMut<War>,
    mut nac: ResMut<Nac>,
    mut guarantee: ResMut<Guarantee>,
    membership: Res<Membership>,
    mut output: ResMut<Output>,
    mut units: Query<(&Actor, &mut Unit)>,
    mut tested: Query<&mut UnderTest>,
) {
    for &entity in &roster.units {
        if let Ok((_, mut unit)) = units.get_mut(entity) {
            unit.struck = false;
        }
    }
    let Some(target) = decisions
        .kremlin_act
        .first()
        .map(|a| a.strike_unit)
        .filter(|&id| id != 0)
    else {
        return;
    };
    let Some(entity) = roster
        .units
        .iter()
        .copied()
        .find(|&e| units.get(e).is_ok_and(|(actor, _)| actor.id == target))
    else {
        return;
    };
    let Ok((actor, mut unit)) = units.get_mut(entity) else {
        return;
    };
    let (tick, date) = (clock.tick, clock.date());
    let casualties = unit.troops * params.0.strikes.casualty_share;
    unit.troops -= casualties;
    unit.losses += casualties;
    unit.struck = true;
    let covered = unit.transit.is_none() && unit.location.covered(membership.member());
    war.strikes += 1;
    war.tests += 1;
    war.allied_losses += casualties;
    let owner = unit.owner;
    guarantee.strike_answers.push((tick + 1, owner));
    if let Some(mut under_test) = roster
        .capitals
        .get(owner)
        .and_then(|&e| tested.get_mut(e).ok())
    {
        under_test.0 = true;
    }
    output.0.events.push(EventRow {
        tick,
        date,
        kind: "strike",
        actor: roster.kremlin_id,
        target: actor.id,
        detail: format!(
            "at={};casualties={casualties:.6};article5_covered={}",
            unit.location.as_str(),
            u8::from(covered)
        ),
    });
    // Force against allied personnel is violent escalation on the published scale.
    let old = war.escalation_rung;
    let new = old.max(escalation::VIOLENT_RUNG);
    if new != old {
        war.escalation_rung = new;
        war.peak_rung = war.peak_rung.max(new);
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "escalation",
            actor: roster.kremlin_id,
            target: actor.id,
            detail: format!(
                "rung={};level={:.6};cause=strike",
                escalation::RUNG_NAMES[new as usize],
                escalation::score(new)
            ),
        });
    }
    if covered && !nac.response_pending {
        nac.response_pending = true;
        nac.article5_invocations += 1;
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "article5_invoked",
            actor: roster.capital_ids[owner],
            target: roster.kremlin_id,
            detail: "cause=strike".to_owned(),
        });
    }
}
