//! `pragmatic`: accepts a ceasefire on the current line when offered, if its allies hold;
//! trades membership for a guarantee (M19) and trains all it can (M06).

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kyiv, KyivAction, KyivObservation, OFFER_GUARANTEE};

/// Parameters of [`Pragmatic`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort with no losses to replace.
    pub base_mobilisation: f64,
    /// Weekly call-up at full effort the policy assumes; by default the capacity it observes.
    pub callup_capacity_per_week: Option<f64>,
    /// Mean allied public support at or above which it trusts a ceasefire to hold.
    pub min_allied_support: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_mobilisation: 0.3,
            callup_capacity_per_week: None,
            min_allied_support: 0.3,
        }
    }
}

/// Accepts the Kremlin's offer of a ceasefire on the current line while its allies hold.
#[derive(Debug)]
pub struct Pragmatic {
    params: Params,
}

impl Policy for Pragmatic {
    type Role = Kyiv;
    type Params = Params;
    const NAME: &'static str = "pragmatic";
    const DESCRIPTION: &'static str =
        "accepts an offered ceasefire on the current line while its allies hold";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("base_mobilisation", params.base_mobilisation),
            ("min_allied_support", params.min_allied_support),
        ])?;
        Ok(Pragmatic {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KyivObservation, act: &mut KyivAction) {
        let p = &self.params;
        act.mobilisation =
            crate::replace_losses(obs, p.base_mobilisation, p.callup_capacity_per_week);
        act.training_share = 1.0;
        // Temporary cession and no membership, in exchange for a guarantee.
        act.renounce_membership = u32::from(obs.offers & OFFER_GUARANTEE != 0);
        act.negotiating_stance = 0.7;
        let allies_hold = obs.allied_support_mean >= p.min_allied_support;
        act.accept_ceasefire = u32::from(
            obs.ceasefire_in_force == 0 && obs.kremlin_ceasefire_offer == 1 && allies_hold,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn accepts_an_offer_while_allies_hold() {
        let mut h = Harness::<Pragmatic>::new("", 1).unwrap();
        let mut obs = KyivObservation {
            allied_support_mean: 0.6,
            ..Default::default()
        };
        obs.header.actor_id = 34;
        assert_eq!(
            h.decide(&obs).unwrap().accept_ceasefire,
            0,
            "no offer, nothing to accept"
        );
        obs.kremlin_ceasefire_offer = 1;
        assert_eq!(h.decide(&obs).unwrap().accept_ceasefire, 1);
        obs.allied_support_mean = 0.1;
        assert_eq!(h.decide(&obs).unwrap().accept_ceasefire, 0);
    }
}
