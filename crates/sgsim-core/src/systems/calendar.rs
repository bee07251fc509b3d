//! The calendar: scheduled elections fall due (recorded as events; their effect on a
//! capital's camp and policy is M02, not yet modelled), and the clock advances a week.

use bevy_ecs::prelude::*;

use crate::components::{Actor, ElectionCalendar};
use crate::resources::{Clock, Output, Roster};
use crate::rows::EventRow;

/// Records every election whose polling day falls in this tick's week.
pub fn hold_elections(
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut output: ResMut<Output>,
    mut capitals: Query<(&Actor, &mut ElectionCalendar)>,
) {
    let week_end = clock.date_of(clock.tick + 1);
    for &entity in &roster.capitals {
        let Ok((actor, mut calendar)) = capitals.get_mut(entity) else {
            continue;
        };
        while calendar
            .upcoming
            .front()
            .is_some_and(|(day, _)| *day < week_end)
        {
            let Some((day, kind)) = calendar.upcoming.pop_front() else {
                break;
            };
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "election",
                actor: actor.id,
                target: 0,
                detail: format!("kind={kind};polling_day={day}"),
            });
        }
    }
}

/// Moves the clock to the next week; the last system of every tick.
pub fn advance_clock(mut clock: ResMut<Clock>) {
    clock.tick += 1;
}
