//! M12: ratification of Ukraine's accession protocol, ally by ally, and accession.
//!
//! After the Council's invitation (see [`super::nac`]) each capital sees
//! `ratification_pending` and deposits its ratification when its policy says so
//! (`ratify = 1`): national procedures, delays and holdouts are the policies' business.
//! Each deposit is a `ratification` event. When every ally has ratified, Ukraine accedes
//! (an `accession` event) and Article 5 covers it from that tick.

use bevy_ecs::prelude::*;

use crate::institutions::Membership;
use crate::resources::{Clock, Decisions, Output, Roster};
use crate::rows::EventRow;

/// Advance schedule: records ratifications and accession.
pub fn ratification(
    clock: Res<Clock>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut membership: ResMut<Membership>,
    mut output: ResMut<Output>,
) {
    let Some(invited) = membership.invited else {
        return;
    };
    if membership.member() || membership.renounced || clock.tick <= invited {
        return;
    }
    let (tick, date) = (clock.tick, clock.date());
    for (index, action) in decisions.capital_act.iter().enumerate() {
        if action.ratify == 1
            && let Some(done) = membership.ratified.get_mut(index)
            && !*done
        {
            *done = true;
            output.0.events.push(EventRow {
                tick,
                date,
                kind: "ratification",
                actor: roster.capital_ids[index],
                target: roster.kyiv_id,
                detail: format!("weeks_after_invitation={}", tick - invited),
            });
        }
    }
    if membership.ratified.iter().all(|&r| r) {
        membership.accession = Some(tick);
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "accession",
            actor: roster.kyiv_id,
            target: 0,
            detail: format!("weeks_after_invitation={}", tick - invited),
        });
    }
}
