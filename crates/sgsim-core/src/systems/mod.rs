//! The systems and the two schedules they run in.
//!
//! A tick is one week. The host runs the **observe** schedule, asks the policies for their
//! actions, then runs the **advance** schedule. Both are chained (every system runs in the
//! order listed) on the single-threaded executor, and are built with ambiguity detection
//! at error level, so two systems that could run in either order fail the build.

mod apply;
mod appropriations;
pub(crate) mod battle;
mod belief;
mod calendar;
mod ceasefire;
pub(crate) mod deterrence;
pub(crate) mod donors;
pub(crate) mod eu;
pub(crate) mod guarantee;
pub(crate) mod home_front;
mod incidents;
mod membership;
pub(crate) mod nac;
mod observe;
pub(crate) mod pipeline;
mod record;
mod sanctions;
mod strikes;
pub(crate) mod training;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{
    LogLevel, ScheduleBuildError, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor,
};

use crate::components::{Category, Channel};

pub use battle::{denial_factor, territory_change, ukrainian_quality};
pub use belief::resolve_signal;
pub use deterrence::{Deterrence, test_target, trend};
pub use donors::Donors;
pub use eu::Eu;
pub use guarantee::{Credibility, DecisionRule, GuarantorView, credibility};
pub use home_front::{CapitalDrivers, capital_opinion};
pub use incidents::{exposure_weight, incident_probability};
pub use nac::apportion;
pub use pipeline::{Delivered, ExternalAid};
pub use sanctions::{sanctions_step, western_resolve};
pub use training::training_places;

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
    /// Whether a response failed this tick in a way that collapses the guarantors'
    /// credibility (M09).
    pub collapse: bool,
    /// Whether each capital's military deliveries of each line of materiel were held back
    /// last tick.
    pub short: Vec<[bool; 3]>,
}

impl AidTick {
    /// Sized for `n` capitals.
    pub fn new(n: usize) -> Self {
        AidTick {
            cells: vec![[[0.0; 2]; 9]; n],
            test_responses: Vec::new(),
            collapse: false,
            short: vec![[false; 3]; n],
        }
    }

    /// The `[pledged, delivered]` cell of a donor, channel and category.
    pub fn cell(&mut self, capital: usize, channel: Channel, category: Category) -> &mut [f64; 2] {
        &mut self.cells[capital][Self::cell_index(channel, category)]
    }

    /// A capital's nine `[pledged, delivered]` cells, indexed by [`AidTick::cell_index`].
    pub fn cells_of(&mut self, capital: usize) -> &mut [[f64; 2]; 9] {
        &mut self.cells[capital]
    }

    /// Where a channel and category's cell is among a capital's nine.
    pub fn cell_index(channel: Channel, category: Category) -> usize {
        channel.index() * 3 + category as usize
    }

    /// Clears the tick's flows and answers.
    pub fn clear(&mut self) {
        for cell in &mut self.cells {
            *cell = [[0.0; 2]; 9];
        }
        self.test_responses.clear();
        self.collapse = false;
    }
}

/// A schedule on the single-threaded executor whose build fails if two systems with
/// conflicting access have no order between them.
fn checked_schedule(label: impl ScheduleLabel) -> Schedule {
    let mut schedule = Schedule::new(label);
    schedule.set_build_settings(settings());
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule
}

fn settings() -> ScheduleBuildSettings {
    ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..ScheduleBuildSettings::default()
    }
}

/// Builds and initialises both schedules against `world`.
pub fn build_schedules(world: &mut World) -> Result<(Schedule, Schedule), ScheduleBuildError> {
    let mut observe = checked_schedule(Observe);
    observe.add_systems(
        (
            nac::table_agenda,
            eu::table_eu_agenda,
            deterrence::assess_balance,
            observe::observe,
        )
            .chain(),
    );
    observe.initialize(world)?;

    let mut advance = checked_schedule(Advance);
    let decide_and_act = (
        apply::apply_capital_actions,
        appropriations::appropriate,
        eu::eu_council,
        apply::apply_kremlin_action,
        apply::apply_kyiv_action,
        apply::apply_coalition_actions,
        strikes::strikes,
        nac::council,
        membership::ratification,
        ceasefire::ceasefire_rule,
        guarantee::invocation,
    )
        .chain();
    let dynamics = (
        donors::give,
        pipeline::deliver_aid,
        battle::battle,
        training::train,
        incidents::incidents,
        home_front::capital_home_fronts,
        home_front::belligerent_home_fronts,
        sanctions::sanctions,
        belief::update_beliefs,
        guarantee::assess,
        calendar::hold_elections,
        record::record,
        calendar::advance_clock,
    )
        .chain();
    advance.add_systems((decide_and_act, dynamics).chain());
    advance.initialize(world)?;
    Ok((observe, advance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Resource, Default)]
    struct Counter(u32);

    fn add_one(mut counter: ResMut<Counter>) {
        counter.0 += 1;
    }

    fn double(mut counter: ResMut<Counter>) {
        counter.0 *= 2;
    }

    #[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
    struct Probe;

    #[test]
    fn two_unordered_writers_fail_the_build() {
        let mut world = World::new();
        world.init_resource::<Counter>();
        let mut schedule = checked_schedule(Probe);
        schedule.add_systems((add_one, double));
        assert!(
            schedule.initialize(&mut world).is_err(),
            "ambiguity must be an error"
        );
        let mut schedule = checked_schedule(Probe);
        schedule.add_systems((add_one, double).chain());
        assert!(schedule.initialize(&mut world).is_ok());
        schedule.run(&mut world);
        assert_eq!(world.resource::<Counter>().0, 2);
    }

    #[test]
    fn the_model_schedules_build() {
        // Building a real world initialises both schedules with ambiguity detection on.
        let setup = crate::Setup {
            scenario: "s".to_owned(),
            start_date: chrono::NaiveDate::from_ymd_opt(2022, 2, 24).unwrap_or_default(),
            ticks: 1,
            seed: 0,
            params: crate::ModelParams::default(),
            capitals: Vec::new(),
            kremlin: crate::KremlinSetup {
                forces_in_theatre: 1.0,
                domestic_support: 0.5,
                resolve: 0.5,
                recruitment_capacity_per_week: 1.0,
                theatre_forces_cap: 2.0,
                economy: crate::WarEconomySetup {
                    defence_spending_share: 0.037,
                    defence_spending_share_war: 0.071,
                    energy_revenue_share: 0.067,
                    fiscal_reserve_share: 0.062,
                    trend_growth_per_year: 0.01,
                },
                materiel: crate::RussianMaterielSetup {
                    tanks_in_service: 2900.0,
                    tanks_restorable: 5000.0,
                    new_tanks_per_year_war: 250.0,
                    refurbished_per_year_war: 1250.0,
                },
            },
            kyiv: crate::KyivSetup {
                forces: 1.0,
                manpower_pool: 0.0,
                equipment_eur_bn: 1.0,
                public_resolve: 0.5,
                resolve: 0.5,
                callup_capacity_per_week: 1.0,
                forces_cap: 2.0,
            },
            units: Vec::new(),
            initial_escalation_rung: 0,
            arrangement: crate::Arrangement::default(),
            eu: Vec::new(),
            donors: Vec::new(),
            supply: crate::materiel::SupplySetup::default(),
            reconstruction_needs: crate::materiel::Ramp::default(),
            front: crate::front::FrontSetup::whole(0.9),
        };
        assert!(crate::Simulation::new(&setup).is_ok());
    }
}
