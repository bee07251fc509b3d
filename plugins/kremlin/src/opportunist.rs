//! `opportunist`: probes and tests resolve when it believes credibility is low.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kremlin, KremlinAction, KremlinObservation};

/// Parameters of [`Opportunist`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Offensive intensity while the guarantors look resolved.
    pub probe_intensity: f64,
    /// Offensive intensity once the mean belief falls below `surge_below_belief`.
    pub surge_intensity: f64,
    /// Mean belief below which it surges.
    pub surge_below_belief: f64,
    /// Answer probability of the weakest guarantor (with a guarantee) or lowest belief in a
    /// donor (without) below which it tests that capital.
    pub test_below_belief: f64,
    /// Weeks between tests.
    pub test_interval_weeks: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            probe_intensity: 0.35,
            surge_intensity: 0.9,
            surge_below_belief: 0.35,
            test_below_belief: 0.45,
            test_interval_weeks: 8,
        }
    }
}

/// Probes, tests the weakest guarantor, surges when credibility is low.
#[derive(Debug)]
pub struct Opportunist {
    params: Params,
    last_test: Option<u32>,
}

impl Policy for Opportunist {
    type Role = Kremlin;
    type Params = Params;
    const NAME: &'static str = "opportunist";
    const DESCRIPTION: &'static str =
        "probes; tests the weakest guarantor; surges when credibility is low";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("probe_intensity", params.probe_intensity),
            ("surge_intensity", params.surge_intensity),
            ("surge_below_belief", params.surge_below_belief),
            ("test_below_belief", params.test_below_belief),
        ])?;
        Ok(Opportunist {
            params: params.clone(),
            last_test: None,
        })
    }

    fn decide(&mut self, obs: &KremlinObservation, act: &mut KremlinAction) {
        let p = &self.params;
        if obs.ceasefire_in_force == 1 {
            return;
        }
        act.offensive_intensity = if obs.belief_mean_resolve < p.surge_below_belief {
            p.surge_intensity
        } else {
            p.probe_intensity
        };
        let due = self
            .last_test
            .is_none_or(|last| obs.header.tick >= last.saturating_add(p.test_interval_weeks));
        // With a guarantee, the doubt that matters is the weakest guarantor's answer.
        let doubt = if obs.response_probability > 0.0 {
            obs.weakest_response_probability
        } else {
            obs.belief_min_resolve
        };
        if due && doubt < p.test_below_belief && obs.weakest_guarantor_id != 0 {
            act.test_target = obs.weakest_guarantor_id;
            self.last_test = Some(obs.header.tick);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn surges_on_low_credibility_and_tests_at_intervals() {
        let mut h = Harness::<Opportunist>::new("", 1).unwrap();
        let mut obs = KremlinObservation {
            belief_mean_resolve: 0.8,
            belief_min_resolve: 0.3,
            weakest_guarantor_id: 5,
            ..Default::default()
        };
        obs.header.actor_id = 33;
        let first = h.decide(&obs).unwrap();
        assert_eq!((first.offensive_intensity, first.test_target), (0.35, 5));
        obs.header.tick = 3;
        assert_eq!(
            h.decide(&obs).unwrap().test_target,
            0,
            "not again before the interval"
        );
        obs.belief_mean_resolve = 0.2;
        assert_eq!(h.decide(&obs).unwrap().offensive_intensity, 0.9);
    }
}
