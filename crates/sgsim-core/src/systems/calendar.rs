//! The calendar: scheduled elections (M02) and the clock.
//!
//! At each election the government falls with probability
//! `p = clamp(turnover_base + turnover_per_discontent · (0.5 − P))`, where `P` is public
//! support for aid: governments that keep aiding an unwilling public are more likely to go.
//! A new government's camp (M25) is drawn from public support: fast mover with probability
//! `P²`, sceptic with `(1 − P)²`, slow-roller otherwise. When the scenario assumes an
//! outcome for an election (its `election_outcomes`), that camp wins instead. Either way two
//! draws are taken from the run's election stream, so assuming one outcome leaves every other
//! election's draws as they were. A change of camp moves resolve at once to the new camp's
//! target; the weekly dynamics (M01) take it from there.

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{Actor, CapitalProfile, ElectionCalendar, Government, Opinion};
use crate::resources::{Clock, Output, Params, Roster, WorldRng};
use crate::rows::EventRow;
use crate::setup::Camp;

/// The camp a new government comes from, for uniform draw `u` and public support `support`.
pub fn new_camp(support: f64, u: f64) -> Camp {
    let fast = support * support;
    let sceptic = (1.0 - support) * (1.0 - support);
    if u < fast {
        Camp::FastMover
    } else if u < fast + sceptic {
        Camp::Sceptic
    } else {
        Camp::SlowRoller
    }
}

/// Holds every election whose polling day falls in this tick's week.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn hold_elections(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut rng: ResMut<WorldRng>,
    mut output: ResMut<Output>,
    mut capitals: Query<(
        &Actor,
        &CapitalProfile,
        &mut ElectionCalendar,
        &mut Government,
        &mut Opinion,
    )>,
) {
    let week_end = clock.date_of(clock.tick + 1);
    let fatigue = &params.0.fatigue;
    let camps = &params.0.elections;
    for &entity in &roster.capitals {
        let Ok((actor, profile, mut calendar, mut government, mut opinion)) =
            capitals.get_mut(entity)
        else {
            continue;
        };
        while calendar
            .upcoming
            .front()
            .is_some_and(|(day, _, _)| *day < week_end)
        {
            let Some((day, kind, assumed)) = calendar.upcoming.pop_front() else {
                break;
            };
            let (fall, pick) = (rng.elections.random::<f64>(), rng.elections.random::<f64>());
            let support = opinion.public_support;
            let (outcome, camp) = match assumed {
                Some(camp) => ("assumed", camp),
                None if fall < camps.turnover(support) => {
                    ("new_government", new_camp(support, pick))
                }
                None => ("re_elected", government.camp),
            };
            let before = opinion.resolve;
            if camp != government.camp {
                government.camp = camp;
                let target = (1.0 - fatigue.threat_weight) * support
                    + fatigue.threat_weight * profile.threat;
                opinion.resolve = camps.camp_target(camp, target).clamp(0.0, 1.0);
            }
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "election",
                actor: actor.id,
                target: 0,
                detail: format!(
                    "kind={kind};polling_day={day};outcome={outcome};camp={};resolve_before={before:.6};resolve_after={:.6}",
                    camp.as_str(),
                    opinion.resolve
                ),
            });
        }
    }
}

/// Moves the clock to the next week; the last system of every tick.
pub fn advance_clock(mut clock: ResMut<Clock>) {
    clock.tick += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_camps_follow_public_support() {
        assert_eq!(new_camp(0.9, 0.5), Camp::FastMover, "0.5 < 0.81");
        assert_eq!(
            new_camp(0.1, 0.5),
            Camp::Sceptic,
            "0.01 <= 0.5 < 0.01 + 0.81"
        );
        assert_eq!(
            new_camp(0.5, 0.3),
            Camp::Sceptic,
            "fast below 0.25, sceptic below 0.5"
        );
        assert_eq!(new_camp(0.5, 0.6), Camp::SlowRoller);
    }

    #[test]
    fn discontent_raises_turnover() {
        let p = crate::ElectionParams::default();
        assert!(p.turnover(0.2) > p.turnover(0.8));
        assert_eq!(p.turnover(-10.0), 1.0);
    }
}
