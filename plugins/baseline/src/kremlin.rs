//! The default Kremlin: an opportunist. It attacks harder the less it believes the
//! guarantors are resolved, escalates a rung when it loses ground, tests the capital it
//! believes weakest when that belief is low, offers a ceasefire when its own resolve is
//! spent, and breaks a ceasefire once the guarantee looks hollow again.

use serde::Deserialize;
use sgsim_sdk::abi::{
    CEASEFIRE_BREAK, CEASEFIRE_NO_CHANGE, CEASEFIRE_OFFER, Kremlin, KremlinAction,
    KremlinObservation,
};
use sgsim_sdk::rand::RngExt;
use sgsim_sdk::{Policy, decision_rng};

/// Parameters of [`KremlinDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Intensity at resolve 1 regardless of beliefs.
    pub base_intensity: f64,
    /// Extra intensity per unit of (1 − mean belief in the guarantors' resolve).
    pub opportunism: f64,
    /// Half-width of the uniform noise on intensity.
    pub intensity_noise: f64,
    /// Resolve below which the Kremlin offers a ceasefire.
    pub settle_below_resolve: f64,
    /// Mean belief below which the Kremlin breaks a ceasefire...
    pub break_below_belief: f64,
    /// ...once it has held this many weeks...
    pub break_after_weeks: f64,
    /// ...and its resolve is at least this.
    pub break_above_resolve: f64,
    /// Belief in the weakest guarantor below which the Kremlin tests it.
    pub test_below_belief: f64,
    /// Weeks between tests.
    pub test_interval_weeks: u32,
    /// Loss of occupied territory over 4 weeks (share) that triggers an escalation step.
    pub escalate_on_loss: f64,
    /// Highest escalation level (published scale) this policy climbs to.
    pub max_escalation_level: f64,
    /// Whether its ceasefire offers demand that Kyiv renounce NATO membership (M19).
    pub demand_no_membership: bool,
    /// Strikes an exposed allied unit inside Ukraine while its mean belief in the
    /// guarantors' resolve is below this (M09); 0 never strikes.
    pub strike_below_belief: f64,
    /// Weeks between strikes.
    pub strike_interval_weeks: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_intensity: 0.55,
            opportunism: 0.4,
            intensity_noise: 0.05,
            settle_below_resolve: 0.3,
            break_below_belief: 0.3,
            break_after_weeks: 26.0,
            break_above_resolve: 0.5,
            test_below_belief: 0.2,
            test_interval_weeks: 26,
            escalate_on_loss: 0.005,
            max_escalation_level: 12.0,
            demand_no_membership: true,
            strike_below_belief: 0.6,
            strike_interval_weeks: 26,
        }
    }
}

/// The default Kremlin policy.
#[derive(Debug)]
pub struct KremlinDefault {
    params: Params,
    last_test_tick: Option<u32>,
    last_strike_tick: Option<u32>,
}

impl Policy for KremlinDefault {
    type Role = Kremlin;
    type Params = Params;
    const NAME: &'static str = "default";
    const DESCRIPTION: &'static str =
        "opportunist: presses when it doubts the guarantors, settles when spent";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("base_intensity", params.base_intensity),
            ("opportunism", params.opportunism),
            ("intensity_noise", params.intensity_noise),
            ("settle_below_resolve", params.settle_below_resolve),
            ("break_below_belief", params.break_below_belief),
            ("break_above_resolve", params.break_above_resolve),
            ("test_below_belief", params.test_below_belief),
            ("escalate_on_loss", params.escalate_on_loss),
            ("strike_below_belief", params.strike_below_belief),
        ])?;
        sgsim_sdk::check::non_negative(&[
            ("break_after_weeks", params.break_after_weeks),
            ("max_escalation_level", params.max_escalation_level),
        ])?;
        Ok(KremlinDefault {
            params: params.clone(),
            last_test_tick: None,
            last_strike_tick: None,
        })
    }

    fn decide(&mut self, obs: &KremlinObservation, act: &mut KremlinAction) {
        let p = &self.params;
        let mut rng = decision_rng(&obs.header);
        let noise = if p.intensity_noise > 0.0 {
            rng.random_range(-p.intensity_noise..p.intensity_noise)
        } else {
            0.0
        };
        let intensity = p.base_intensity * obs.resolve
            + p.opportunism * (1.0 - obs.belief_mean_resolve)
            + noise;
        act.offensive_intensity = intensity.clamp(0.0, 1.0);

        act.ceasefire = if obs.ceasefire_in_force == 1 {
            // Schelling: renewed war is worth it only if the resolve to fight on, discounted
            // by the chance the guarantee is honoured, clears the bar (M13, M19).
            let hollow = obs.belief_mean_resolve < p.break_below_belief
                && obs.weeks_in_ceasefire >= p.break_after_weeks
                && obs.resolve * (1.0 - obs.guarantee_credibility) >= p.break_above_resolve;
            if hollow {
                CEASEFIRE_BREAK
            } else {
                act.offensive_intensity = 0.0;
                CEASEFIRE_NO_CHANGE
            }
        } else if obs.resolve < p.settle_below_resolve {
            act.demand_no_membership = u32::from(p.demand_no_membership);
            CEASEFIRE_OFFER
        } else {
            CEASEFIRE_NO_CHANGE
        };

        if obs.ceasefire_in_force == 0 && obs.territory_change_4w < -p.escalate_on_loss {
            if obs.escalation_level < p.max_escalation_level {
                act.escalation_step = 1;
            }
        } else if obs.ceasefire_in_force == 1 && obs.escalation_level > 4.0 {
            act.escalation_step = -1;
        }

        let due = self
            .last_test_tick
            .is_none_or(|last| obs.header.tick >= last.saturating_add(p.test_interval_weeks));
        if due
            && obs.ceasefire_in_force == 0
            && obs.belief_min_resolve < p.test_below_belief
            && obs.weakest_guarantor_id != 0
        {
            act.test_target = obs.weakest_guarantor_id;
            self.last_test_tick = Some(obs.header.tick);
        }

        let strike_due = self
            .last_strike_tick
            .is_none_or(|last| obs.header.tick >= last.saturating_add(p.strike_interval_weeks));
        if strike_due
            && obs.ceasefire_in_force == 0
            && obs.exposed_unit_id != 0
            && obs.belief_mean_resolve < p.strike_below_belief
        {
            act.strike_unit = obs.exposed_unit_id;
            self.last_strike_tick = Some(obs.header.tick);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    fn observation() -> KremlinObservation {
        let mut obs = KremlinObservation::default();
        obs.header.actor_id = 33;
        obs.header.decision_seed = 42;
        obs.resolve = 0.8;
        obs.belief_mean_resolve = 0.5;
        obs.belief_min_resolve = 0.5;
        obs.weakest_guarantor_id = 3;
        obs
    }

    #[test]
    fn doubts_about_the_guarantors_raise_intensity() {
        let mut harness = Harness::<KremlinDefault>::new("intensity_noise = 0.0", 1).unwrap();
        let confident = harness
            .decide(&KremlinObservation {
                belief_mean_resolve: 0.9,
                ..observation()
            })
            .unwrap();
        let doubtful = harness
            .decide(&KremlinObservation {
                belief_mean_resolve: 0.1,
                ..observation()
            })
            .unwrap();
        assert!(doubtful.offensive_intensity > confident.offensive_intensity);
    }

    #[test]
    fn settles_when_spent_and_breaks_a_hollow_ceasefire() {
        let mut harness = Harness::<KremlinDefault>::new("", 1).unwrap();
        let spent = harness
            .decide(&KremlinObservation {
                resolve: 0.1,
                ..observation()
            })
            .unwrap();
        assert_eq!(spent.ceasefire, CEASEFIRE_OFFER);
        let hollow = KremlinObservation {
            ceasefire_in_force: 1,
            weeks_in_ceasefire: 30.0,
            belief_mean_resolve: 0.1,
            ..observation()
        };
        assert_eq!(harness.decide(&hollow).unwrap().ceasefire, CEASEFIRE_BREAK);
    }

    #[test]
    fn tests_the_weakest_guarantor_at_most_once_per_interval() {
        let mut harness = Harness::<KremlinDefault>::new("", 1).unwrap();
        let weak = KremlinObservation {
            belief_min_resolve: 0.1,
            ..observation()
        };
        assert_eq!(harness.decide(&weak).unwrap().test_target, 3);
        let mut later = weak;
        later.header.tick = 5;
        assert_eq!(harness.decide(&later).unwrap().test_target, 0);
        later.header.tick = 26;
        assert_eq!(harness.decide(&later).unwrap().test_target, 3);
    }
}
