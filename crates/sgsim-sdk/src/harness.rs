//! Unit-test a policy against hand-made observations, without the simulation or the FFI.
//!
//! ```ignore
//! let mut harness = sgsim_sdk::harness::Harness::<MyPolicy>::new("share = 0.2", 7).unwrap();
//! let mut obs = sgsim_sdk::abi::CapitalObservation::default();
//! obs.header.actor_id = 1;
//! obs.defence_budget_eur_bn = 52.0;
//! let action = harness.decide(&obs).unwrap();
//! assert!(action.pledge_military_eur_bn > 0.0);
//! ```

use sgsim_abi::RoleRecords;

use crate::Policy;
use crate::shim::Instance;

/// Drives one policy the way the host does: same parameter parsing, same per-actor seeds,
/// same zeroed actions; only the C boundary is left out.
pub struct Harness<P: Policy> {
    instance: Instance<P>,
}

impl<P: Policy> Harness<P> {
    /// Parses `params_toml` as the host would hand it over; `seed` plays the instance seed.
    pub fn new(params_toml: &str, seed: u64) -> Result<Self, String> {
        Ok(Harness {
            instance: Instance::new(params_toml, seed)?,
        })
    }

    /// One decision for the actor named in `observation.header.actor_id`. The harness sets
    /// `header.size` as the host does, so hand-made observations can leave it at 0.
    pub fn decide(
        &mut self,
        observation: &<P::Role as RoleRecords>::Observation,
    ) -> Result<<P::Role as RoleRecords>::Action, String> {
        let mut observation = *observation;
        <P::Role as RoleRecords>::header_mut(&mut observation).size =
            size_of::<<P::Role as RoleRecords>::Observation>() as u32;
        let mut action = <P::Role as RoleRecords>::Action::default();
        <P::Role as RoleRecords>::init_action(&mut action);
        self.instance.decide_slice(
            std::slice::from_ref(&observation),
            std::slice::from_mut(&mut action),
        )?;
        Ok(action)
    }
}
