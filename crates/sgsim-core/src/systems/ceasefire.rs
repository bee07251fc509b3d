//! M19, the ceasefire rule.
//!
//! A ceasefire starts when the Kremlin offers or accepts one (`CEASEFIRE_OFFER`) and Kyiv
//! offers or accepts one (`accept_ceasefire = 1`) in the same tick. An offer is recorded
//! as an event when it starts, not every week it stands. While it holds, the
//! effective offensive intensity is capped at `ceasefire.violation_intensity_cap`, and any
//! positive intensity is recorded as a violation. `CEASEFIRE_BREAK` ends it: the requested
//! intensity applies in full and the run records renewed aggression.
//!
//! The Kremlin may attach a clause to its offer (`demand_no_membership`): then Kyiv must
//! also accept it (`renounce_membership`), or there is no agreement. An agreement with the
//! clause closes Ukraine's membership path (M12) for the rest of the run.
//!
//! A scenario may assume a ceasefire from a date (`[ceasefire] assumed_from`): in the week
//! of that date, if no ceasefire is in force, one starts whatever the policies chose (a
//! `ceasefire_agreed` event with `assumed=1`); if one is already in force, the assumption
//! is met. It is assumed once; whether it holds, and any later ceasefire, are the
//! policies' business. With `[ceasefire] no_earlier` no ceasefire is agreed before that
//! date (the offers are recorded, none is taken): the war goes on until the assumed
//! ceasefire, as it did in history, so every arm of a comparison starts the same ceasefire
//! on the same day.

use bevy_ecs::prelude::*;
use sgsim_abi::{CEASEFIRE_BREAK, CEASEFIRE_OFFER};

use crate::institutions::Membership;
use crate::resources::{Clock, Output, Params, Roster, War};
use crate::rows::EventRow;
use crate::systems::KremlinChoice;

/// Applies the ceasefire rule and sets the effective intensity for the battle.
pub fn ceasefire_rule(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    choice: Res<KremlinChoice>,
    mut war: ResMut<War>,
    mut membership: ResMut<Membership>,
    mut output: ResMut<Output>,
) {
    let (kremlin, kyiv) = (roster.kremlin_id, roster.kyiv_id);
    let date = clock.date();
    let mut event = |kind: &'static str, actor: u32, target: u32, detail: String| {
        output.0.events.push(EventRow {
            tick: clock.tick,
            date,
            kind,
            actor,
            target,
            detail,
        });
    };
    let kremlin_offers = choice.ceasefire == CEASEFIRE_OFFER;
    let kyiv_offers = war.kyiv_offer_pending;
    let clause = kremlin_offers && war.kremlin_demands_no_membership;
    let terms_met = !clause || war.kyiv_renounces || membership.renounced;
    let (kremlin_before, kyiv_before) = (war.kremlin_offered, war.kyiv_offered);
    war.kremlin_offered = kremlin_offers;
    war.kyiv_offered = kyiv_offers;
    let due = war.assumed_ceasefire.is_some_and(|from| date >= from);
    if due {
        war.assumed_ceasefire = None;
    }
    match war.ceasefire_since {
        None => {
            let allowed = war.no_ceasefire_before.is_none_or(|from| date >= from);
            let agreed = kremlin_offers && kyiv_offers && terms_met && allowed;
            if due || agreed {
                // An assumed ceasefire carries no clause, whatever the offers were.
                let clause = clause && !due;
                if clause {
                    membership.renounced = true;
                }
                war.ceasefire_since = Some(clock.tick);
                war.first_ceasefire.get_or_insert(clock.tick);
                war.intensity = 0.0;
                event(
                    "ceasefire_agreed",
                    kremlin,
                    kyiv,
                    format!(
                        "kyiv_territory={:.6};kyiv_stance={:.6};no_membership={}{}",
                        war.kyiv_territory,
                        war.kyiv_stance,
                        u8::from(clause),
                        if due { ";assumed=1" } else { "" }
                    ),
                );
            } else {
                war.intensity = choice.intensity;
                if kremlin_offers && !kremlin_before {
                    event(
                        "ceasefire_offer",
                        kremlin,
                        kyiv,
                        format!("no_membership={}", u8::from(clause)),
                    );
                }
                if kyiv_offers && !kyiv_before {
                    event("ceasefire_offer", kyiv, kremlin, String::new());
                }
            }
        }
        Some(since) => {
            if choice.ceasefire == CEASEFIRE_BREAK {
                war.ceasefire_since = None;
                war.renewed_aggression = true;
                war.last_break = Some(clock.tick);
                war.first_break.get_or_insert(clock.tick);
                war.intensity = choice.intensity;
                event(
                    "ceasefire_broken",
                    kremlin,
                    kyiv,
                    format!(
                        "weeks_held={};intensity={:.6}",
                        clock.tick - since,
                        choice.intensity
                    ),
                );
            } else if choice.intensity > 0.0 {
                war.violations += 1;
                war.intensity = choice
                    .intensity
                    .min(params.0.ceasefire.violation_intensity_cap);
                event(
                    "ceasefire_violation",
                    kremlin,
                    kyiv,
                    format!("intensity={:.6}", war.intensity),
                );
            } else {
                war.intensity = 0.0;
            }
        }
    }
}
