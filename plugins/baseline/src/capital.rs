//! The default capital: pledges in proportion to its resolve, more when the front is going
//! badly, no more than its stockpile above the readiness floor can cover, and answers a
//! test of resolve with a strength that its resolve and its escalation aversion set.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    CHANNEL_BILATERAL, CHANNEL_NATO, CHANNEL_RAMSTEIN, Capital, CapitalAction, CapitalObservation,
};
use sgsim_sdk::allied::{Conduct, ConductParams};

/// Parameters of [`CapitalDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Share of the annual defence budget pledged as military aid per year at resolve 1.
    pub military_share_of_budget: f64,
    /// Share of GDP pledged as financial aid per year at resolve 1.
    pub financial_share_of_gdp: f64,
    /// Share of GDP pledged as humanitarian aid per year at resolve 1.
    pub humanitarian_share_of_gdp: f64,
    /// Extra pledging per percentage point of Ukrainian territory lost in 4 weeks.
    pub urgency_per_point_lost: f64,
    /// Factor on pledges while a ceasefire holds.
    pub ceasefire_factor: f64,
    /// Channel: `auto` (Ramstein when resolve ≥ 0.5, else bilateral), `bilateral`,
    /// `ramstein` or `nato`.
    pub channel: String,
    /// Weeks it pledges bilaterally after the Council blocked a NATO package, when its
    /// channel is `nato` ("final decisions stay national", M03); 0 never reroutes.
    pub reroute_weeks: u32,
    /// Resolve below which it stops honouring a long-term aid commitment (M14: donor
    /// disillusionment).
    pub renege_below_resolve: f64,
    /// How much escalation aversion damps its answer to a test: the answer is
    /// `resolve · (1 − w · aversion)`, [0, 1].
    pub test_aversion_weight: f64,
    /// Council votes, ratification and sanctions (M04, M12, M22).
    pub conduct: ConductParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            military_share_of_budget: 0.07,
            financial_share_of_gdp: 0.0015,
            humanitarian_share_of_gdp: 0.0002,
            urgency_per_point_lost: 0.5,
            ceasefire_factor: 0.5,
            channel: "auto".to_owned(),
            renege_below_resolve: 0.2,
            reroute_weeks: 26,
            test_aversion_weight: 0.5,
            conduct: ConductParams::default(),
        }
    }
}

/// The default capital policy.
#[derive(Debug)]
pub struct CapitalDefault {
    params: Params,
    channel: Option<u32>,
    conduct: Conduct,
    reroute_until: u32,
}

impl Policy for CapitalDefault {
    type Role = Capital;
    type Params = Params;
    const NAME: &'static str = "default";
    const DESCRIPTION: &'static str =
        "pledges in proportion to resolve and urgency, within its stockpile";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        let channel = match params.channel.as_str() {
            "auto" => None,
            "bilateral" => Some(CHANNEL_BILATERAL),
            "ramstein" => Some(CHANNEL_RAMSTEIN),
            "nato" => Some(CHANNEL_NATO),
            other => {
                return Err(format!(
                    "channel = \"{other}\" is not one of auto, bilateral, ramstein, nato"
                ));
            }
        };
        sgsim_sdk::check::non_negative(&[
            ("military_share_of_budget", params.military_share_of_budget),
            ("financial_share_of_gdp", params.financial_share_of_gdp),
            (
                "humanitarian_share_of_gdp",
                params.humanitarian_share_of_gdp,
            ),
            ("urgency_per_point_lost", params.urgency_per_point_lost),
            ("ceasefire_factor", params.ceasefire_factor),
        ])?;
        params.conduct.check()?;
        sgsim_sdk::check::unit_interval(&[
            ("renege_below_resolve", params.renege_below_resolve),
            ("test_aversion_weight", params.test_aversion_weight),
        ])?;
        Ok(CapitalDefault {
            params: params.clone(),
            channel,
            conduct: Conduct::new(params.conduct.clone()),
            reroute_until: 0,
        })
    }

    fn decide(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        let p = &self.params;
        let points_lost = (-obs.ukraine_territory_change_4w * 100.0).max(0.0);
        let urgency = 1.0 + p.urgency_per_point_lost * points_lost;
        let calm = if obs.ceasefire_in_force == 1 {
            p.ceasefire_factor
        } else {
            1.0
        };
        let scale = obs.resolve * urgency * calm / 52.0;

        let wanted = p.military_share_of_budget * obs.defence_budget_eur_bn * scale;
        let spare =
            (obs.stockpile_eur_bn - obs.readiness_floor_eur_bn - obs.military_backlog_eur_bn)
                .max(0.0);
        let deliverable = spare / 4.0 + obs.industrial_output_eur_bn;
        let committed = if obs.resolve >= p.renege_below_resolve {
            obs.commitment_eur_bn_per_week
        } else {
            0.0
        };
        act.pledge_military_eur_bn = wanted.min(deliverable).max(committed).clamp(0.0, 50.0);
        act.pledge_financial_eur_bn =
            (p.financial_share_of_gdp * obs.gdp_eur_bn * scale).clamp(0.0, 50.0);
        act.pledge_humanitarian_eur_bn =
            (p.humanitarian_share_of_gdp * obs.gdp_eur_bn * scale).clamp(0.0, 50.0);
        act.channel = self.channel.unwrap_or(if obs.resolve >= 0.5 {
            CHANNEL_RAMSTEIN
        } else {
            CHANNEL_BILATERAL
        });
        if obs.nato_package_blocked == 1 && p.reroute_weeks > 0 {
            self.reroute_until = obs.header.tick + p.reroute_weeks;
        }
        if act.channel == CHANNEL_NATO && obs.header.tick < self.reroute_until {
            act.channel = CHANNEL_BILATERAL;
        }
        if obs.under_test == 1 {
            act.test_response = (obs.resolve
                * (1.0 - p.test_aversion_weight * obs.escalation_aversion))
                .clamp(0.0, 1.0);
        }
        self.conduct.act(obs, act);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    fn observation() -> CapitalObservation {
        let mut obs = CapitalObservation::default();
        obs.header.actor_id = 1;
        obs.resolve = 0.6;
        obs.gdp_eur_bn = 4000.0;
        obs.defence_budget_eur_bn = 80.0;
        obs.stockpile_eur_bn = 20.0;
        obs.readiness_floor_eur_bn = 12.0;
        obs.industrial_output_eur_bn = 0.15;
        obs
    }

    #[test]
    fn pledges_grow_with_resolve_and_bad_news_and_stop_at_the_floor() {
        let mut harness = Harness::<CapitalDefault>::new("", 1).unwrap();
        let calm = harness.decide(&observation()).unwrap();
        let bad_news = harness
            .decide(&CapitalObservation {
                ukraine_territory_change_4w: -0.01,
                ..observation()
            })
            .unwrap();
        assert!(calm.pledge_military_eur_bn > 0.0);
        assert!(bad_news.pledge_military_eur_bn > calm.pledge_military_eur_bn);
        let empty = harness
            .decide(&CapitalObservation {
                stockpile_eur_bn: 12.0,
                industrial_output_eur_bn: 0.0,
                ..observation()
            })
            .unwrap();
        assert_eq!(empty.pledge_military_eur_bn, 0.0);
        assert!(
            empty.pledge_financial_eur_bn > 0.0,
            "money is not limited by the stockpile"
        );
    }

    #[test]
    fn a_bad_channel_name_is_refused() {
        let err = Harness::<CapitalDefault>::new("channel = \"carrier-pigeon\"", 1)
            .and_then(|mut h| h.decide(&observation()))
            .unwrap_err();
        assert!(err.contains("carrier-pigeon"), "{err}");
        let unknown = Harness::<CapitalDefault>::new("militray_share_of_budget = 0.1", 1)
            .err()
            .unwrap();
        assert!(unknown.contains("militray_share_of_budget"), "{unknown}");
    }
}
