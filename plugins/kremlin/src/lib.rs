//! `kremlin`: three alternative Kremlin policies from the security-guarantee debates.
//!
//! - `opportunist` probes: it keeps the offensive low while it believes the guarantors are
//!   resolved, and tests the weakest of them whenever its belief falls (the Kremlin "may
//!   strike allied personnel to test" resolve; a failed answer collapses credibility:
//!   natoization-of-support 2024).
//! - `escalator` climbs the escalation ladder in small steps and raises the offensive by
//!   slices (Schelling's salami slicing; nuclear signalling as escalation that stays short of
//!   use: natoization-of-support 2024, vilnius-conundrum 2023).
//! - `negotiator` is war-weary: it offers a ceasefire once losses or its own resolve say the
//!   war costs more than it gains, and keeps it (the Kremlin "settles when weariness,
//!   sanctions and stalemate bite": coalition-guarantee-without-nato 2023).

mod escalator;
mod negotiator;
mod opportunist;

pub use escalator::Escalator;
pub use negotiator::Negotiator;
pub use opportunist::Opportunist;

sgsim_sdk::export_plugin! {
    name: "kremlin",
    version: env!("CARGO_PKG_VERSION"),
    policies: [Opportunist, Escalator, Negotiator],
}
