//! `negotiator`: war-weary; settles when the costs bite, and keeps the ceasefire.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{CEASEFIRE_OFFER, Kremlin, KremlinAction, KremlinObservation};

/// Parameters of [`Negotiator`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Offensive intensity while the war goes on.
    pub intensity: f64,
    /// Resolve below which it offers a ceasefire.
    pub settle_below_resolve: f64,
    /// Losses over four weeks (persons) above which it offers a ceasefire.
    pub settle_above_losses_4w: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            intensity: 0.5,
            settle_below_resolve: 0.75,
            settle_above_losses_4w: 20_000.0,
        }
    }
}

/// Offers a ceasefire when losses or weariness bite; never breaks one.
#[derive(Debug)]
pub struct Negotiator {
    params: Params,
}

impl Policy for Negotiator {
    type Role = Kremlin;
    type Params = Params;
    const NAME: &'static str = "negotiator";
    const DESCRIPTION: &'static str =
        "war-weary: offers a ceasefire when costs bite, then keeps it";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("intensity", params.intensity),
            ("settle_below_resolve", params.settle_below_resolve),
        ])?;
        Ok(Negotiator {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KremlinObservation, act: &mut KremlinAction) {
        let p = &self.params;
        if obs.ceasefire_in_force == 1 {
            return;
        }
        act.offensive_intensity = p.intensity;
        if obs.resolve < p.settle_below_resolve || obs.losses_last_4w > p.settle_above_losses_4w {
            act.ceasefire = CEASEFIRE_OFFER;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn offers_when_costs_bite_and_keeps_the_peace() {
        let mut h = Harness::<Negotiator>::new("", 1).unwrap();
        let mut obs = KremlinObservation {
            resolve: 0.9,
            ..Default::default()
        };
        obs.header.actor_id = 33;
        assert_eq!(h.decide(&obs).unwrap().ceasefire, 0);
        obs.losses_last_4w = 30_000.0;
        assert_eq!(h.decide(&obs).unwrap().ceasefire, CEASEFIRE_OFFER);
        obs.ceasefire_in_force = 1;
        let act = h.decide(&obs).unwrap();
        assert_eq!((act.ceasefire, act.offensive_intensity), (0, 0.0));
    }
}
