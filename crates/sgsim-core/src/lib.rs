//! The sgsim world: actors as `bevy_ecs` entities, mechanisms as systems, and a weekly
//! schedule run in an explicit order.
//!
//! ```ignore
//! let mut sim = sgsim_core::Simulation::new(&setup)?;
//! while !sim.finished() {
//!     let decisions = sim.observe();
//!     // ... fill decisions.capital_act etc. from the policies ...
//!     let rows = sim.advance();
//!     // ... write rows ...
//! }
//! let summary = sim.summary();
//! ```
//!
//! Invariant: no file or network IO, no dynamic loading, no wall-clock time, no OS entropy.
//! Every iteration that reaches the output follows actor ids.

mod components;
mod escalation;
pub mod front;
mod geo;
mod institutions;
pub mod materiel;
mod params;
mod resources;
mod rows;
pub mod russian_materiel;
mod setup;
mod simulation;
mod summary;
mod systems;
mod units;
pub mod validate;
pub mod war_economy;
mod window;

pub use components::{Category, Channel};
pub use escalation::{RUNG_NAMES, RUNG_SCORES, TOP_RUNG};
pub use geo::{distance_km, threat_perception};
pub mod premises;
pub use params::*;
pub use resources::Decisions;
pub use rows::{AidRow, BeliefRow, EventRow, PostureRow, ResolveRow, TickOutput, WarRow};
pub use russian_materiel::{RussianMateriel, RussianMaterielSetup};
pub use setup::{
    Arrangement, Bindingness, Camp, CapitalSetup, CheckOffice, CommitmentSetup, Declaratory,
    DonorGroup, DonorSetup, Election, ElectionOutcome, EuInstrumentSetup, GuaranteeSetup,
    KremlinSetup, KyivSetup, MembershipSetup, OutcomeSource, RecordedDecision, Setup, SetupError,
    Trigger, UnitSetup,
};
pub use simulation::{ActorInfo, Role, Simulation};
pub use summary::Summary;
pub use systems::{
    CapitalDrivers, Credibility, DecisionRule, Deterrence, GuarantorView, apportion,
    capital_opinion, credibility, denial_factor, exposure_weight, incident_probability,
    resolve_signal, sanctions_step, territory_change, test_target, training_places, trend,
    ukrainian_quality, western_resolve,
};
pub use units::Location;
pub use war_economy::{WarEconomy, WarEconomySetup};

/// A date as the `YYYYMMDD` integer used in observation headers.
pub fn date_ymd(date: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    let year = u32::try_from(date.year()).unwrap_or(0);
    year * 10_000 + date.month() * 100 + date.day()
}
