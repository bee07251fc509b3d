//! `observer`: a monitoring mission, in Ukraine only while a ceasefire holds.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Coalition, CoalitionAction, CoalitionObservation, LOCATION_HOME, LOCATION_UKRAINE_REAR,
};

/// Parameters of [`Observer`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Readiness, [0, 1].
    pub readiness: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { readiness: 0.3 }
    }
}

/// Monitors a ceasefire from Ukraine's rear; goes home when it breaks.
#[derive(Debug)]
pub struct Observer {
    params: Params,
}

impl Policy for Observer {
    type Role = Coalition;
    type Params = Params;
    const NAME: &'static str = "observer";
    const DESCRIPTION: &'static str =
        "monitors a ceasefire from Ukraine's rear; home when it breaks";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        crate::unit_interval(&[("readiness", params.readiness)])?;
        Ok(Observer {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &CoalitionObservation, act: &mut CoalitionAction) {
        act.readiness = self.params.readiness;
        let target = if obs.ceasefire_in_force == 1 {
            LOCATION_UKRAINE_REAR
        } else {
            LOCATION_HOME
        };
        crate::go(obs, act, target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn leaves_when_the_ceasefire_ends() {
        let mut h = Harness::<Observer>::new("", 1).unwrap();
        let mut obs = CoalitionObservation {
            location: LOCATION_UKRAINE_REAR,
            ..Default::default()
        };
        obs.header.actor_id = 40;
        assert_eq!(h.decide(&obs).unwrap().move_to, LOCATION_HOME);
    }
}
