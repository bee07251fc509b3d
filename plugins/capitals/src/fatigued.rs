//! `fatigued`: pledges decay with the length of the war and with what it has already given.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{CHANNEL_RAMSTEIN, Capital, CapitalAction, CapitalObservation};
use sgsim_sdk::allied::{Conduct, ConductParams};

/// Parameters of [`Fatigued`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Share of the annual defence budget pledged per year at the start.
    pub start_share_of_budget: f64,
    /// Weeks after which its willingness has halved.
    pub half_life_weeks: f64,
    /// Cumulative aid, as a share of GDP, at which it stops pledging.
    pub tipping_point_share_of_gdp: f64,
    /// Council votes, ratification and sanctions (M04, M12, M22).
    pub conduct: ConductParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            start_share_of_budget: 0.08,
            half_life_weeks: 52.0,
            tipping_point_share_of_gdp: 0.005,
            conduct: ConductParams::default(),
        }
    }
}

/// Gives less every week, and nothing past its tipping point.
#[derive(Debug)]
pub struct Fatigued {
    params: Params,
    conduct: Conduct,
}

impl Policy for Fatigued {
    type Role = Capital;
    type Params = Params;
    const NAME: &'static str = "fatigued";
    const DESCRIPTION: &'static str =
        "pledges halve every half-life and stop at a tipping point of cumulative cost";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::non_negative(&[
            ("start_share_of_budget", params.start_share_of_budget),
            (
                "tipping_point_share_of_gdp",
                params.tipping_point_share_of_gdp,
            ),
        ])?;
        if !(params.half_life_weeks.is_finite() && params.half_life_weeks > 0.0) {
            return Err(format!(
                "half_life_weeks = {} must be > 0",
                params.half_life_weeks
            ));
        }
        params.conduct.check()?;
        Ok(Fatigued {
            params: params.clone(),
            conduct: Conduct::new(params.conduct.clone()),
        })
    }

    fn decide(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        self.conduct.act(obs, act);
        let p = &self.params;
        act.channel = CHANNEL_RAMSTEIN;
        if obs.cumulative_delivered_eur_bn >= p.tipping_point_share_of_gdp * obs.gdp_eur_bn {
            return;
        }
        // libm, not `powf`, so the result is the same bit for bit on every machine.
        let willingness = libm::pow(0.5, f64::from(obs.header.tick) / p.half_life_weeks);
        let wanted = p.start_share_of_budget * willingness * obs.defence_budget_eur_bn / 52.0;
        act.pledge_military_eur_bn = wanted.min(crate::deliverable(obs)).clamp(0.0, 50.0);
        if obs.under_test == 1 {
            act.test_response = (obs.resolve * willingness).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn halves_each_half_life_and_stops_at_the_tipping_point() {
        let mut h = Harness::<Fatigued>::new("", 1).unwrap();
        let start = h
            .decide(&crate::observation())
            .unwrap()
            .pledge_military_eur_bn;
        let mut later = crate::observation();
        later.header.tick = 52;
        assert!((h.decide(&later).unwrap().pledge_military_eur_bn - start / 2.0).abs() < 1e-12);
        later.cumulative_delivered_eur_bn = 20.0;
        assert_eq!(h.decide(&later).unwrap().pledge_military_eur_bn, 0.0);
    }
}
