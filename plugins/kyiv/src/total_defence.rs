//! `total_defence`: the porcupine; full mobilisation, no bargaining.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kyiv, KyivAction, KyivObservation};

/// Parameters of [`TotalDefence`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort, [0, 1].
    pub mobilisation: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { mobilisation: 1.0 }
    }
}

/// Mobilises at full effort; never bargains.
#[derive(Debug)]
pub struct TotalDefence {
    params: Params,
}

impl Policy for TotalDefence {
    type Role = Kyiv;
    type Params = Params;
    const NAME: &'static str = "total_defence";
    const DESCRIPTION: &'static str = "porcupine: full mobilisation, no bargaining";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[("mobilisation", params.mobilisation)])?;
        Ok(TotalDefence {
            params: params.clone(),
        })
    }

    fn decide(&mut self, _obs: &KyivObservation, act: &mut KyivAction) {
        act.mobilisation = self.params.mobilisation;
        act.training_share = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn mobilises_in_full_and_never_bargains() {
        let mut h = Harness::<TotalDefence>::new("", 1).unwrap();
        let mut obs = KyivObservation {
            kremlin_ceasefire_offer: 1,
            ..Default::default()
        };
        obs.header.actor_id = 34;
        let act = h.decide(&obs).unwrap();
        assert_eq!((act.mobilisation, act.accept_ceasefire), (1.0, 0));
    }
}
