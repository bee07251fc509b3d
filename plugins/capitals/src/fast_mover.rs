//! `fast_mover`: large, early commitments and full answers to tests.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{CHANNEL_RAMSTEIN, Capital, CapitalAction, CapitalObservation};
use sgsim_sdk::allied::{Conduct, ConductParams};

/// Parameters of [`FastMover`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Share of the annual defence budget pledged per year, whatever the resolve.
    pub military_share_of_budget: f64,
    /// Share of GDP pledged per year as financial aid.
    pub financial_share_of_gdp: f64,
    /// Council votes, ratification and sanctions (M04, M12, M22).
    pub conduct: ConductParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            military_share_of_budget: 0.15,
            financial_share_of_gdp: 0.002,
            conduct: ConductParams {
                object_to_aid_below_resolve: 0.0,
                object_to_invitation_below_resolve: 0.0,
                object_to_response_below_resolve: 0.0,
                object_to_mission_above: 1.0,
                ratification_weeks: 4.0,
                ratification_extra_weeks: 0.0,
                ..ConductParams::default()
            },
        }
    }
}

/// Commits big and early; answers every test in full.
#[derive(Debug)]
pub struct FastMover {
    params: Params,
    conduct: Conduct,
}

impl Policy for FastMover {
    type Role = Capital;
    type Params = Params;
    const NAME: &'static str = "fast_mover";
    const DESCRIPTION: &'static str =
        "commits big and early, regardless of fatigue; answers every test in full";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::non_negative(&[
            ("military_share_of_budget", params.military_share_of_budget),
            ("financial_share_of_gdp", params.financial_share_of_gdp),
        ])?;
        params.conduct.check()?;
        Ok(FastMover {
            params: params.clone(),
            conduct: Conduct::new(params.conduct.clone()),
        })
    }

    fn decide(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        self.conduct.act(obs, act);
        let p = &self.params;
        act.channel = CHANNEL_RAMSTEIN;
        let wanted = p.military_share_of_budget * obs.defence_budget_eur_bn / 52.0;
        act.pledge_military_eur_bn = wanted.min(crate::deliverable(obs)).clamp(0.0, 50.0);
        act.pledge_financial_eur_bn =
            (p.financial_share_of_gdp * obs.gdp_eur_bn / 52.0).clamp(0.0, 50.0);
        if obs.under_test == 1 {
            act.test_response = 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn pledges_do_not_wait_for_resolve_and_tests_get_a_full_answer() {
        let mut h = Harness::<FastMover>::new("", 1).unwrap();
        let tired = CapitalObservation {
            resolve: 0.1,
            under_test: 1,
            ..crate::observation()
        };
        let act = h.decide(&tired).unwrap();
        assert!((act.pledge_military_eur_bn - 0.15 * 80.0 / 52.0).abs() < 1e-12);
        assert_eq!(act.test_response, 1.0);
    }
}
