//! `membership_or_nothing`: no ceasefire without NATO membership.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kyiv, KyivAction, KyivObservation, OFFER_MEMBERSHIP};

/// Parameters of [`MembershipOrNothing`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort with no losses to replace.
    pub base_mobilisation: f64,
    /// Weekly call-up at full effort the policy assumes; by default the capacity it observes.
    pub callup_capacity_per_week: Option<f64>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_mobilisation: 0.3,
            callup_capacity_per_week: None,
        }
    }
}

/// Replaces losses; states the maximal stance; accepts a ceasefire only on a path to
/// membership.
#[derive(Debug)]
pub struct MembershipOrNothing {
    params: Params,
}

impl Policy for MembershipOrNothing {
    type Role = Kyiv;
    type Params = Params;
    const NAME: &'static str = "membership_or_nothing";
    const DESCRIPTION: &'static str = "no ceasefire short of NATO membership; replaces its losses";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[("base_mobilisation", params.base_mobilisation)])?;
        Ok(MembershipOrNothing {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KyivObservation, act: &mut KyivAction) {
        act.mobilisation = crate::replace_losses(
            obs,
            self.params.base_mobilisation,
            self.params.callup_capacity_per_week,
        );
        act.negotiating_stance = 0.0;
        act.training_share = 1.0;
        act.renounce_membership = 0;
        let path_open = obs.offers & OFFER_MEMBERSHIP != 0;
        act.accept_ceasefire = u32::from(
            obs.ceasefire_in_force == 0
                && obs.kremlin_ceasefire_offer == 1
                && obs.kremlin_demands_no_membership == 0
                && path_open,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn accepts_only_on_a_path_to_membership_and_never_renounces() {
        let mut h = Harness::<MembershipOrNothing>::new("", 1).unwrap();
        let mut obs = KyivObservation {
            kremlin_ceasefire_offer: 1,
            public_resolve: 0.05,
            ..Default::default()
        };
        obs.header.actor_id = 34;
        let act = h.decide(&obs).unwrap();
        assert_eq!((act.accept_ceasefire, act.negotiating_stance), (0, 0.0));
        obs.offers = OFFER_MEMBERSHIP;
        let act = h.decide(&obs).unwrap();
        assert_eq!((act.accept_ceasefire, act.renounce_membership), (1, 0));
        obs.kremlin_demands_no_membership = 1;
        assert_eq!(
            h.decide(&obs).unwrap().accept_ceasefire,
            0,
            "no deal on that clause"
        );
    }
}
