//! `robust_denial`: up to the line under a ceasefire, at full readiness.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Coalition, CoalitionAction, CoalitionObservation, LOCATION_ALLIED_TERRITORY,
    LOCATION_UKRAINE_FRONT,
};

/// Parameters of [`RobustDenial`] (none beyond its readiness).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Readiness, [0, 1].
    pub readiness: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { readiness: 1.0 }
    }
}

/// A force postured to hold ground.
#[derive(Debug)]
pub struct RobustDenial {
    params: Params,
}

impl Policy for RobustDenial {
    type Role = Coalition;
    type Params = Params;
    const NAME: &'static str = "robust_denial";
    const DESCRIPTION: &'static str = "to the line once a ceasefire holds, at full readiness";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        crate::unit_interval(&[("readiness", params.readiness)])?;
        Ok(RobustDenial {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &CoalitionObservation, act: &mut CoalitionAction) {
        act.readiness = self.params.readiness;
        let target = if obs.ceasefire_in_force == 1 {
            LOCATION_UKRAINE_FRONT
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
    fn holds_the_line_under_a_ceasefire() {
        let mut h = Harness::<RobustDenial>::new("", 1).unwrap();
        let mut obs = CoalitionObservation {
            ceasefire_in_force: 1,
            location: LOCATION_ALLIED_TERRITORY,
            ..Default::default()
        };
        obs.header.actor_id = 40;
        let act = h.decide(&obs).unwrap();
        assert_eq!((act.move_to, act.readiness), (LOCATION_UKRAINE_FRONT, 1.0));
    }
}
