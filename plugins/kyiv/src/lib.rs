//! `kyiv`: three alternative Kyiv policies from the security-guarantee debates.
//!
//! - `membership_or_nothing`: no ceasefire short of NATO membership (Zelensky at Vilnius:
//!   "nothing less than membership": coalition-guarantee-without-nato 2023). The membership
//!   path (M12) is not in the model yet, so in practice it never accepts a ceasefire.
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
pub(crate) fn replace_losses(obs: &KyivObservation, base: f64, capacity: f64) -> f64 {
    (base + obs.losses_last_4w / 4.0 / capacity.max(1.0)).clamp(0.0, 1.0)
}
