//! `capitals`: four alternative capital policies from the security-guarantee debates.
//!
//! - `fast_mover` (the "zoomers"): large, early commitments; answers every test in full;
//!   fait accompli over incrementalism (natoization-of-support 2024, boots-on-the-ground
//!   2024).
//! - `slow_roller`: incremental steps that grow slowly, and an explicit red line: it stops
//!   new military aid while escalation is above its line (natoization-of-support 2024).
//! - `transactional`: a veto player that gives only what its price buys: bilateral aid
//!   only while it is paid (here: while its own public support stays above a price), and
//!   no answer to tests of resolve (natoization-of-support 2024 on Hungary and Turkey). In
//!   the North Atlantic Council (M04) it objects to every item and sells its consent for a
//!   side payment (a standing opt-out), and it holds back its ratification of Ukraine's
//!   accession for about 80 weeks (M12).
//! - `fatigued`: a donor whose pledges decay with the war's length and its cumulative
//!   cost ("many allies are starting to reach a tipping point": natoization-of-support 2024;
//!   waning public support: coalition-guarantee-without-nato 2023).

mod fast_mover;
mod fatigued;
mod slow_roller;
mod transactional;

pub use fast_mover::FastMover;
pub use fatigued::Fatigued;
pub use slow_roller::SlowRoller;
pub use transactional::Transactional;

use sgsim_sdk::abi::CapitalObservation;

sgsim_sdk::export_plugin! {
    name: "capitals",
    version: env!("CARGO_PKG_VERSION"),
    policies: [FastMover, SlowRoller, Transactional, Fatigued],
}

/// The military aid a capital can still deliver soon: its stockpile above the readiness
/// floor not yet promised as military aid, spread over four weeks, plus this week's output.
pub(crate) fn deliverable(obs: &CapitalObservation) -> f64 {
    let spare =
        (obs.stockpile_eur_bn - obs.readiness_floor_eur_bn - obs.military_backlog_eur_bn).max(0.0);
    spare / 4.0 + obs.industrial_output_eur_bn
}

#[cfg(test)]
pub(crate) fn observation() -> CapitalObservation {
    let mut obs = CapitalObservation {
        resolve: 0.6,
        public_support: 0.6,
        gdp_eur_bn: 4000.0,
        defence_budget_eur_bn: 80.0,
        stockpile_eur_bn: 20.0,
        readiness_floor_eur_bn: 12.0,
        industrial_output_eur_bn: 0.15,
        ..Default::default()
    };
    obs.header.actor_id = 1;
    obs
}
