//! `transactional`: gives only what its price buys, and never answers a test.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{CHANNEL_BILATERAL, Capital, CapitalAction, CapitalObservation};
use sgsim_sdk::allied::{Conduct, ConductParams};

/// Parameters of [`Transactional`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Public support at or above which its price is met and it gives a token amount.
    pub price_support: f64,
    /// Token aid, as a share of GDP per year, once the price is met.
    pub token_share_of_gdp: f64,
    /// Council votes, ratification and sanctions (M04, M12, M22).
    pub conduct: ConductParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            price_support: 0.8,
            token_share_of_gdp: 0.0002,
            conduct: ConductParams {
                object_to_aid_below_resolve: 1.01,
                object_to_invitation_below_resolve: 1.01,
                object_to_response_below_resolve: 1.01,
                object_to_mission_above: 0.0,
                price_eur_bn: 1.0,
                holdout_weeks: 80.0,
                sanctions_factor: 0.5,
                ..ConductParams::default()
            },
        }
    }
}

/// A veto player: token bilateral aid at its price, no answer to tests.
#[derive(Debug)]
pub struct Transactional {
    params: Params,
    conduct: Conduct,
}

impl Policy for Transactional {
    type Role = Capital;
    type Params = Params;
    const NAME: &'static str = "transactional";
    const DESCRIPTION: &'static str =
        "veto player: token bilateral aid only at its price; never answers a test";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::non_negative(&[
            ("price_support", params.price_support),
            ("token_share_of_gdp", params.token_share_of_gdp),
        ])?;
        params.conduct.check()?;
        Ok(Transactional {
            params: params.clone(),
            conduct: Conduct::new(params.conduct.clone()),
        })
    }

    fn decide(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        self.conduct.act(obs, act);
        let p = &self.params;
        act.channel = CHANNEL_BILATERAL;
        if obs.public_support >= p.price_support {
            act.pledge_financial_eur_bn =
                (p.token_share_of_gdp * obs.gdp_eur_bn / 52.0).clamp(0.0, 50.0);
        }
        // A test of resolve gets no answer: `test_response` stays 0.
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn gives_nothing_below_its_price_and_never_answers() {
        let mut h = Harness::<Transactional>::new("", 1).unwrap();
        let act = h
            .decide(&CapitalObservation {
                under_test: 1,
                ..crate::observation()
            })
            .unwrap();
        assert_eq!(
            (
                act.pledge_military_eur_bn,
                act.pledge_financial_eur_bn,
                act.test_response
            ),
            (0.0, 0.0, 0.0)
        );
        let paid = h
            .decide(&CapitalObservation {
                public_support: 0.9,
                ..crate::observation()
            })
            .unwrap();
        assert!(paid.pledge_financial_eur_bn > 0.0);
    }
}
