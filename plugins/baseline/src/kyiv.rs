//! The default Kyiv: mobilises to replace losses, softens its negotiating stance as its
//! public tires, the front worsens and allied support fades, and accepts a ceasefire on the
//! current line once its stance passes a threshold. It renounces NATO membership as a
//! ceasefire term (M19) only if a guarantee is offered in its place, or once its stance is
//! desperate; it sends recruits to allied training as far as places allow (M06).

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kyiv, KyivAction, KyivObservation, OFFER_GUARANTEE};

/// Parameters of [`KyivDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort with no losses to replace.
    pub base_mobilisation: f64,
    /// Weekly call-up the policy assumes at full effort; by default the capacity it
    /// observes (`callup_capacity_per_week`, MODEL.md 7.3b).
    pub callup_capacity_per_week: Option<f64>,
    /// Stance gained per percentage point of territory lost in 4 weeks.
    pub stance_per_point_lost: f64,
    /// Weight of allied support in holding the stance firm.
    pub allied_support_weight: f64,
    /// Stance at or above which Kyiv accepts a ceasefire.
    pub accept_at_stance: f64,
    /// Stance at or above which it renounces membership even without a guarantee.
    pub renounce_at_stance: f64,
    /// Share of recruits it sends to allied training, [0, 1] (capped by the places).
    pub training_share: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_mobilisation: 0.3,
            callup_capacity_per_week: None,
            stance_per_point_lost: 0.3,
            allied_support_weight: 0.4,
            accept_at_stance: 0.6,
            renounce_at_stance: 0.85,
            training_share: 1.0,
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
        if let Some(c) = params.callup_capacity_per_week
            && (c.is_nan() || c <= 0.0)
        {
            return Err("callup_capacity_per_week must be > 0".to_owned());
        }
        sgsim_sdk::check::unit_interval(&[
            ("renounce_at_stance", params.renounce_at_stance),
            ("training_share", params.training_share),
        ])?;
        Ok(KyivDefault {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KyivObservation, act: &mut KyivAction) {
        let p = &self.params;
        let capacity = p
            .callup_capacity_per_week
            .unwrap_or(obs.callup_capacity_per_week)
            .max(1.0);
        let replace = obs.losses_last_4w / 4.0 / capacity;
        act.mobilisation = (p.base_mobilisation + replace).clamp(0.0, 1.0);
        let points_lost = (-obs.territory_change_4w * 100.0).max(0.0);
        let stance = (1.0 - obs.public_resolve) + p.stance_per_point_lost * points_lost
            - p.allied_support_weight * (obs.allied_support_mean - 0.5);
        act.negotiating_stance = stance.clamp(0.0, 1.0);
        act.accept_ceasefire =
            u32::from(obs.ceasefire_in_force == 0 && act.negotiating_stance >= p.accept_at_stance);
        act.renounce_membership = u32::from(
            obs.offers & OFFER_GUARANTEE != 0 || act.negotiating_stance >= p.renounce_at_stance,
        );
        act.training_share = p.training_share;
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
