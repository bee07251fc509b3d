//! The systems and the two schedules they run in.
//!
//! A tick is one week. The host runs the **observe** schedule, asks the policies for their
//! actions, then runs the **advance** schedule. Both are chained (every system runs in the
//! order listed) on the single-threaded executor, and are built with ambiguity detection
//! at error level, so two systems that could run in either order fail the build.

mod apply;
pub(crate) mod battle;
mod belief;
mod calendar;
mod ceasefire;
mod home_front;
mod observe;
pub(crate) mod pipeline;
mod record;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{
    LogLevel, ScheduleBuildError, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor,
};

use crate::components::{Category, Channel};

pub use battle::{territory_change, ukrainian_quality};
pub use belief::resolve_signal;
pub use home_front::{CapitalDrivers, capital_opinion};
pub use pipeline::Delivered;

/// Label of the schedule that builds observations.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Observe;

/// Label of the schedule that applies actions and advances the world a week.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Advance;

/// The Kremlin's requested intensity and ceasefire choice this tick.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct KremlinChoice {
    /// Requested offensive intensity, [0, 1].
    pub intensity: f64,
    /// `CEASEFIRE_*` choice.
    pub ceasefire: u32,
}

/// This tick's aid by donor, channel and category (`[pledged, delivered]`), answers to
/// tests, and which donors are held back by their readiness floor.
#[derive(Resource, Clone, Debug, Default)]
pub struct AidTick {
    cells: Vec<[[f64; 2]; 9]>,
    /// `(capital index, response)` for each answer to a test this tick.
    pub test_responses: Vec<(usize, f64)>,
    /// Whether each capital's military deliveries were held back last tick.
    pub short: Vec<bool>,
}

impl AidTick {
    /// Sized for `n` capitals.
    pub fn new(n: usize) -> Self {
        AidTick {
            cells: vec![[[0.0; 2]; 9]; n],
            test_responses: Vec::new(),
            short: vec![false; n],
        }
    }

    /// The `[pledged, delivered]` cell of a donor, channel and category.
    pub fn cell(&mut self, capital: usize, channel: Channel, category: Category) -> &mut [f64; 2] {
        &mut self.cells[capital][channel.index() * 3 + category as usize]
    }

    /// Clears the tick's flows and answers.
    pub fn clear(&mut self) {
        for cell in &mut self.cells {
            *cell = [[0.0; 2]; 9];
        }
        self.test_responses.clear();
    }
}

fn settings() -> ScheduleBuildSettings {
    ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..ScheduleBuildSettings::default()
    }
}

/// Builds and initialises both schedules against `world`.
pub fn build_schedules(world: &mut World) -> Result<(Schedule, Schedule), ScheduleBuildError> {
    let mut observe = Schedule::new(Observe);
    observe.set_build_settings(settings());
    observe.set_executor(SingleThreadedExecutor::new());
    observe.add_systems(observe::observe);
    observe.initialize(world)?;

    let mut advance = Schedule::new(Advance);
    advance.set_build_settings(settings());
    advance.set_executor(SingleThreadedExecutor::new());
    advance.add_systems(
        (
            apply::apply_capital_actions,
            apply::apply_kremlin_action,
            apply::apply_kyiv_action,
            apply::apply_coalition_actions,
            ceasefire::ceasefire_rule,
            pipeline::deliver_aid,
            battle::battle,
            home_front::capital_home_fronts,
            home_front::belligerent_home_fronts,
            belief::update_beliefs,
            calendar::hold_elections,
            record::record,
            calendar::advance_clock,
        )
            .chain(),
    );
    advance.initialize(world)?;
    Ok((observe, advance))
}
