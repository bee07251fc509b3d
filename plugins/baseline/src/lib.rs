//! `baseline`: the default policy for every role.
//!
//! Each policy is a transparent rule of thumb with its parameters in the scenario's
//! `params` table; `docs/PLUGINS.md` lists them with their defaults. The rules are
//! deliberately simple so that differences between scenarios come from the model's
//! mechanisms, not from clever behaviour.

mod capital;
mod coalition;
mod kremlin;
mod kyiv;

pub use capital::CapitalDefault;
pub use coalition::CoalitionDefault;
pub use kremlin::KremlinDefault;
pub use kyiv::KyivDefault;

sgsim_sdk::export_plugin! {
    name: "baseline",
    version: env!("CARGO_PKG_VERSION"),
    policies: [CapitalDefault, KremlinDefault, KyivDefault, CoalitionDefault],
}
