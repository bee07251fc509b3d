//! `tripwire`: forward on allied soil in war, inside Ukraine's rear under a ceasefire.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Coalition, CoalitionAction, CoalitionObservation, LOCATION_ALLIED_TERRITORY,
    LOCATION_UKRAINE_REAR,
};

/// Parameters of [`Tripwire`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Readiness, [0, 1].
    pub readiness: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { readiness: 0.6 }
    }
}

/// A small force where an attack on it would draw its owner in.
#[derive(Debug)]
pub struct Tripwire {
    params: Params,
}

impl Policy for Tripwire {
    type Role = Coalition;
    type Params = Params;
    const NAME: &'static str = "tripwire";
    const DESCRIPTION: &'static str =
        "allied territory in war; Ukraine's rear once a ceasefire holds";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        crate::unit_interval(&[("readiness", params.readiness)])?;
        Ok(Tripwire {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &CoalitionObservation, act: &mut CoalitionAction) {
        act.readiness = self.params.readiness;
        let target = if obs.ceasefire_in_force == 1 {
            LOCATION_UKRAINE_REAR
        } else {
            LOCATION_ALLIED_TERRITORY
        };
        crate::go(obs, act, target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn moves_into_ukraine_only_under_a_ceasefire() {
        let mut h = Harness::<Tripwire>::new("", 1).unwrap();
        let mut obs = CoalitionObservation {
            location: sgsim_sdk::abi::LOCATION_HOME,
            ..Default::default()
        };
        obs.header.actor_id = 40;
        assert_eq!(h.decide(&obs).unwrap().move_to, LOCATION_ALLIED_TERRITORY);
        obs.ceasefire_in_force = 1;
        assert_eq!(h.decide(&obs).unwrap().move_to, LOCATION_UKRAINE_REAR);
        obs.location = LOCATION_UKRAINE_REAR;
        assert_eq!(h.decide(&obs).unwrap().move_to, 0);
    }
}
