//! `coalition`: three alternative policies for coalition force units.
//!
//! - `tripwire`: a small force placed where an attack on it would draw its owner in:
//!   forward on allied territory during the war, inside Ukraine (away from the line) once a
//!   ceasefire holds, at modest readiness (reassurance-force debate 2025; Korean model:
//!   vilnius-conundrum 2023).
//! - `robust_denial`: a force sized and postured to hold ground: it moves up to the line
//!   once a ceasefire holds and keeps full readiness (the "full NATO mission" end of the
//!   options: reassurance-force debate 2025).
//! - `observer`: a monitoring mission: in Ukraine's rear only while a ceasefire holds, home
//!   as soon as it breaks (the light end of post-ceasefire presence: boots-on-the-ground
//!   2024).
//!
//! What an attack on such a unit triggers (Article 5 only on allied soil; coalition
//! responses) is the model's business (M16, M18); these policies decide where to stand.

mod observer;
mod robust_denial;
mod tripwire;

pub use observer::Observer;
pub use robust_denial::RobustDenial;
pub use tripwire::Tripwire;

use sgsim_sdk::abi::{CoalitionAction, CoalitionObservation};

sgsim_sdk::export_plugin! {
    name: "coalition",
    version: env!("CARGO_PKG_VERSION"),
    policies: [Tripwire, RobustDenial, Observer],
}

/// Orders a move to `target` unless the unit is there or already moving.
pub(crate) fn go(obs: &CoalitionObservation, act: &mut CoalitionAction, target: u32) {
    if obs.location != target && obs.in_transit == 0 {
        act.move_to = target;
    }
}

/// Checks that each named value lies in [0, 1].
pub(crate) fn unit_interval(values: &[(&str, f64)]) -> Result<(), String> {
    match values.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
        Some((name, value)) => Err(format!("{name} = {value} must be in [0, 1]")),
        None => Ok(()),
    }
}
