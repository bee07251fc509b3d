//! The default capital: military aid as a joint product (Olson and Zeckhauser 1966;
//! Sandler 1993). Ukraine's defence is a public good to every ally, worth more to a larger
//! economy, and a private good that rises with the ally's own exposure to Russia. Each
//! capital gives its best response to what the others give: with public value
//! `v = R·u·a·Y` and private value `π = R·u·b·θ·Y` (resolve `R`, urgency `u`, GDP `Y`,
//! threat perception `θ`), it maximises `v·ln(O + g) + π·ln(g) − g` over its own annual
//! aid `g`, with `O` the others' annual aid, so
//! `g = ((v + π − O) + √((v + π − O)² + 4·π·O)) / 2`.
//! The public part is crowded out by the others' aid (free riding, and the exploitation of
//! the large by the small); the private part is not, so exposed allies give more of their
//! GDP. It pledges no more than its stockpile above the readiness floor can cover and no
//! more than its fiscal space, financial and humanitarian aid in proportion to resolve,
//! and answers a test of resolve with a strength that its resolve and its escalation
//! aversion set.

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
    /// Value of Ukraine's defence as a public good, per unit of GDP, at resolve 1 (`a`):
    /// the annual aid, as a share of GDP, a capital would give if nobody else gave.
    pub public_value_share_of_gdp: f64,
    /// Private value per unit of GDP and of threat perception, at resolve 1 (`b`): the
    /// exposed ally's own security from Ukraine's defence, not crowded out by others.
    pub private_value_share_of_gdp: f64,
    /// Most military aid a capital pledges per year, as a share of GDP (fiscal space).
    pub fiscal_space_share_of_gdp: f64,
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
    /// Weeks it pledges bilaterally after the Council blocked a NATO package ("final
    /// decisions stay national", M03); 0 never reroutes.
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
            public_value_share_of_gdp: 0.0055,
            private_value_share_of_gdp: 0.001,
            fiscal_space_share_of_gdp: 0.01,
            financial_share_of_gdp: 0.001,
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
    const DESCRIPTION: &'static str = "military aid as its best response to the others' aid (a joint product), within its stockpile";

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
            (
                "public_value_share_of_gdp",
                params.public_value_share_of_gdp,
            ),
            (
                "private_value_share_of_gdp",
                params.private_value_share_of_gdp,
            ),
            (
                "fiscal_space_share_of_gdp",
                params.fiscal_space_share_of_gdp,
            ),
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

        let weight = obs.resolve * urgency * calm * obs.gdp_eur_bn;
        let wanted = best_response(
            p.public_value_share_of_gdp * weight,
            p.private_value_share_of_gdp * obs.threat_perception * weight,
            obs.others_delivered_last_4w_eur_bn * 13.0,
        )
        .min(p.fiscal_space_share_of_gdp * obs.gdp_eur_bn)
            / 52.0;
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
        // After a blocked package it pledges bilaterally, whatever channel it chose: under
        // NATO coordination (S03's premise) a Ramstein pledge goes to the NATO channel too.
        if act.channel != CHANNEL_BILATERAL && obs.header.tick < self.reroute_until {
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

/// Annual aid `g` that maximises `v·ln(others + g) + π·ln(g) − g`: the best response of
/// a capital with public value `v` and private value `π` to the others' annual aid.
pub fn best_response(public: f64, private: f64, others: f64) -> f64 {
    let b = public + private - others;
    let g = (b + (b * b + 4.0 * private * others).sqrt()) / 2.0;
    if g.is_finite() { g.max(0.0) } else { 0.0 }
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
    fn the_best_response_crowds_out_the_public_part_but_not_the_private_part() {
        // Alone, a capital gives its whole valuation.
        assert!((best_response(10.0, 2.0, 0.0) - 12.0).abs() < 1e-12);
        // Others' aid lowers it, by less than one for one (the FOC holds at the answer).
        let (v, pi, o) = (10.0, 2.0, 30.0);
        let g = best_response(v, pi, o);
        assert!((v / (o + g) + pi / g - 1.0).abs() < 1e-9, "{g}");
        assert!(g < 12.0 && g > pi, "{g}");
        // When the others give far more than its public value, the private part remains.
        let crowded = best_response(10.0, 2.0, 1e4);
        assert!((crowded - 2.0).abs() < 0.01, "{crowded}");
        // A cut by the others raises it (the gap is partly filled, never by rule).
        assert!(best_response(v, pi, 20.0) > g);
        assert!(g - best_response(v, pi, 40.0) < 10.0);
        // No valuation, no aid.
        assert_eq!(best_response(0.0, 0.0, 5.0), 0.0);
    }

    #[test]
    fn a_bad_channel_name_is_refused() {
        let err = Harness::<CapitalDefault>::new("channel = \"carrier-pigeon\"", 1)
            .and_then(|mut h| h.decide(&observation()))
            .unwrap_err();
        assert!(err.contains("carrier-pigeon"), "{err}");
        let unknown = Harness::<CapitalDefault>::new("public_value_share_of_gpd = 0.1", 1)
            .err()
            .unwrap();
        assert!(unknown.contains("public_value_share_of_gpd"), "{unknown}");
    }
}
