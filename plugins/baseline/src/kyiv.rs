//! The default Kyiv: mobilises to replace losses, softens its negotiating stance as its
//! public tires, the front worsens and allied support fades, and accepts a ceasefire on the
//! current line once its stance passes a threshold.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kyiv, KyivAction, KyivObservation};

/// Parameters of [`KyivDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort with no losses to replace.
    pub base_mobilisation: f64,
    /// Weekly call-up the policy assumes at full effort (match `model.belligerents`).
    pub callup_capacity_per_week: f64,
    /// Stance gained per percentage point of territory lost in 4 weeks.
    pub stance_per_point_lost: f64,
    /// Weight of allied support in holding the stance firm.
    pub allied_support_weight: f64,
    /// Stance at or above which Kyiv accepts a ceasefire.
    pub accept_at_stance: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_mobilisation: 0.3,
            callup_capacity_per_week: 7000.0,
            stance_per_point_lost: 0.3,
            allied_support_weight: 0.4,
            accept_at_stance: 0.6,
        }
    }
}

/// The default Kyiv policy.
#[derive(Debug)]
pub struct KyivDefault {
    params: Params,
}

impl Policy for KyivDefault {
    type Role = Kyiv;
    type Params = Params;
    const NAME: &'static str = "default";
    const DESCRIPTION: &'static str =
        "replaces losses; accepts a ceasefire when its public and allies tire";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        if params.callup_capacity_per_week.is_nan() || params.callup_capacity_per_week <= 0.0 {
            return Err("callup_capacity_per_week must be > 0".to_owned());
        }
        Ok(KyivDefault {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KyivObservation, act: &mut KyivAction) {
        let p = &self.params;
        let replace = obs.losses_last_4w / 4.0 / p.callup_capacity_per_week;
        act.mobilisation = (p.base_mobilisation + replace).clamp(0.0, 1.0);
        let points_lost = (-obs.territory_change_4w * 100.0).max(0.0);
        let stance = (1.0 - obs.public_resolve) + p.stance_per_point_lost * points_lost
            - p.allied_support_weight * (obs.allied_support_mean - 0.5);
        act.negotiating_stance = stance.clamp(0.0, 1.0);
        act.accept_ceasefire =
            u32::from(obs.ceasefire_in_force == 0 && act.negotiating_stance >= p.accept_at_stance);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn a_tired_public_and_lost_ground_lead_to_accepting_a_ceasefire() {
        let mut harness = Harness::<KyivDefault>::new("", 1).unwrap();
        let mut firm = KyivObservation::default();
        firm.header.actor_id = 34;
        firm.public_resolve = 0.9;
        firm.allied_support_mean = 0.7;
        let action = harness.decide(&firm).unwrap();
        assert_eq!(action.accept_ceasefire, 0);
        let tired = KyivObservation {
            public_resolve: 0.3,
            territory_change_4w: -0.01,
            ..firm
        };
        let action = harness.decide(&tired).unwrap();
        assert_eq!(action.accept_ceasefire, 1);
        assert!(action.negotiating_stance >= 0.6);
    }

    #[test]
    fn mobilisation_rises_with_losses() {
        let mut harness = Harness::<KyivDefault>::new("", 1).unwrap();
        let mut obs = KyivObservation::default();
        obs.header.actor_id = 34;
        let quiet = harness.decide(&obs).unwrap().mobilisation;
        obs.losses_last_4w = 20_000.0;
        assert!(harness.decide(&obs).unwrap().mobilisation > quiet);
    }
}
