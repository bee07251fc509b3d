//! `kyiv`: three alternative Kyiv policies from the security-guarantee debates.
//!
//! - `membership_or_nothing`: no ceasefire short of NATO membership (Zelensky at Vilnius:
//!   "nothing less than membership": coalition-guarantee-without-nato 2023): it never
//!   renounces membership, and accepts an offered ceasefire only while a membership path
//!   is open (M12).
//! - `pragmatic`: accepts a ceasefire on the current line, with a temporary cession of
//!   occupied land, once the Kremlin offers one and its allies still back it (Zelensky's
//!   2024 offer: boots-on-the-ground 2024; "Ukrainians should begin to at least consider
//!   alternatives": coalition-guarantee-without-nato 2023).
//! - `total_defence`: the porcupine: mobilises at full effort and never bargains (armed
//!   neutrality, "Israel on steroids": vilnius-conundrum 2023).

mod membership_or_nothing;
mod pragmatic;
mod total_defence;

pub use membership_or_nothing::MembershipOrNothing;
pub use pragmatic::Pragmatic;
pub use total_defence::TotalDefence;

use sgsim_sdk::abi::KyivObservation;

sgsim_sdk::export_plugin! {
    name: "kyiv",
    version: env!("CARGO_PKG_VERSION"),
    policies: [MembershipOrNothing, Pragmatic, TotalDefence],
}

/// Mobilisation effort that replaces the last four weeks' losses at `capacity` recruits a
/// week, plus a base effort.
/// `capacity` defaults to the call-up capacity the observation reports.
pub(crate) fn replace_losses(obs: &KyivObservation, base: f64, capacity: Option<f64>) -> f64 {
    let capacity = capacity.unwrap_or(obs.callup_capacity_per_week).max(1.0);
    (base + obs.losses_last_4w / 4.0 / capacity).clamp(0.0, 1.0)
}
