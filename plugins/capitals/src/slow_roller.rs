//! `slow_roller`: incremental steps and an explicit red line.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{CHANNEL_BILATERAL, Capital, CapitalAction, CapitalObservation};
use sgsim_sdk::allied::{Conduct, ConductParams};

/// Parameters of [`SlowRoller`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Share of the annual defence budget pledged per year at first.
    pub start_share_of_budget: f64,
    /// Share added every 13 weeks (one step at a time).
    pub step_share: f64,
    /// Most it ever pledges, as a share of the budget per year.
    pub max_share_of_budget: f64,
    /// Escalation level (published scale) at or above which it pledges no military aid.
    pub red_line_level: f64,
    /// Council votes, ratification and sanctions (M04, M12, M22).
    pub conduct: ConductParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            start_share_of_budget: 0.01,
            step_share: 0.01,
            max_share_of_budget: 0.08,
            red_line_level: 12.0,
            conduct: ConductParams {
                object_to_mission_above: 0.2,
                ratification_extra_weeks: 40.0,
                ..ConductParams::default()
            },
        }
    }
}

/// Starts small, steps up each quarter, stops at its red line.
#[derive(Debug)]
pub struct SlowRoller {
    params: Params,
    conduct: Conduct,
}

impl Policy for SlowRoller {
    type Role = Capital;
    type Params = Params;
    const NAME: &'static str = "slow_roller";
    const DESCRIPTION: &'static str =
        "incremental steps each quarter; no military aid above its escalation red line";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::non_negative(&[
            ("start_share_of_budget", params.start_share_of_budget),
            ("step_share", params.step_share),
            ("max_share_of_budget", params.max_share_of_budget),
            ("red_line_level", params.red_line_level),
        ])?;
        params.conduct.check()?;
        Ok(SlowRoller {
            params: params.clone(),
            conduct: Conduct::new(params.conduct.clone()),
        })
    }

    fn decide(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        self.conduct.act(obs, act);
        let p = &self.params;
        act.channel = CHANNEL_BILATERAL;
        let quarters = f64::from(obs.header.tick / 13);
        let share = (p.start_share_of_budget + quarters * p.step_share).min(p.max_share_of_budget);
        if obs.escalation_level < p.red_line_level {
            let wanted = share * obs.resolve * obs.defence_budget_eur_bn / 52.0;
            act.pledge_military_eur_bn = wanted.min(crate::deliverable(obs)).clamp(0.0, 50.0);
        }
        act.pledge_humanitarian_eur_bn =
            (0.0002 * obs.gdp_eur_bn * obs.resolve / 52.0).clamp(0.0, 50.0);
        if obs.under_test == 1 {
            act.test_response = (obs.resolve * (1.0 - obs.escalation_aversion)).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn steps_up_each_quarter_and_stops_at_the_red_line() {
        let mut h = Harness::<SlowRoller>::new("", 1).unwrap();
        let early = h
            .decide(&crate::observation())
            .unwrap()
            .pledge_military_eur_bn;
        let mut later = crate::observation();
        later.header.tick = 26;
        assert!(h.decide(&later).unwrap().pledge_military_eur_bn > early);
        later.escalation_level = 12.0;
        assert_eq!(h.decide(&later).unwrap().pledge_military_eur_bn, 0.0);
    }
}
