//! The default Kremlin: an expected-value bargainer (Fearon 1995; Schelling 1966).
//!
//! Every week it values war and peace in one currency, a week of war's cost:
//!
//! - **A week of war** at the balance it reads from the core is worth
//!   `w(g) = R · v · g − (1 − R) · c`, with `R` its resolve, `g` the expected weekly gain in
//!   Ukraine's territory share from an all-out offensive, `v` the value it puts on all of
//!   Ukraine and `c` the weekly cost of fighting.
//! - **Renewing war against a guarantee** over `H` weeks is worth
//!   `E_war(g) = H · [(1 − C) · w(g) + C · (w(g₁) − x · P/K)]`: with probability `C` (the
//!   arrangement's expected response, M13) the guarantors answer, the gain falls to `g₁`
//!   and the confrontation costs `x · P/K` a week, `P` the power they bring and `K` its own.
//! - **Waiting** keeps the option to renew later at the projected balance:
//!   `E_wait = δ · max(0, E_war(g_p))`, so a balance shifting toward Kyiv (rearmament,
//!   denial, trainers) makes it strike sooner and its own rebuild makes it wait (the
//!   commitment problem).
//!
//! In a ceasefire it breaks with weekly probability `h · σ((E_war(g₀) − E_wait)/τ)`, a
//! logistic choice that makes every term move the odds continuously. At war it offers (or
//! accepts) a ceasefire once a week of war is worth less than peace with the option to
//! renew, `w(g₀) < δ · max(0, E_war(g_p)) / H`, demanding that Kyiv renounce membership.
//!
//! Tests of resolve (M09) go where the core says a failure would hurt the arrangement most.
//! During a ceasefire they are slices (M11): it starts small and, while its target leaves
//! them unanswered, takes each next slice a step above the largest one that went
//! unanswered, backing off after an answer. It escalates a rung when it loses ground, up to
//! `max_escalation_level`, and up to `max_escalation_against_nato` (nuclear signalling, M08,
//! M15) while allied forces fight its own. Its war-time intensity presses harder the less it
//! believes the donors are resolved, and falls to `hold_share` of that while an all-out
//! offensive would lose ground (the culmination of an offensive). It puts
//! `axis_concentration` of its effort on the axis where a concentrated offensive would gain
//! most (`gain_north`, `gain_donbas`, `gain_south`), when that beats spreading it by the
//! axis weights.

use serde::Deserialize;
use sgsim_sdk::abi::{
    CEASEFIRE_BREAK, CEASEFIRE_NO_CHANGE, CEASEFIRE_OFFER, Kremlin, KremlinAction,
    KremlinObservation, SECTOR_DONBAS, SECTOR_NORTH, SECTOR_SOUTH,
};
use sgsim_sdk::rand::RngExt;
use sgsim_sdk::{Policy, decision_rng};

/// Parameters of [`KremlinDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Intensity at resolve 1 regardless of beliefs.
    pub base_intensity: f64,
    /// Extra intensity per unit of (1 − mean belief in the donors' resolve).
    pub opportunism: f64,
    /// Share of that intensity it keeps while an all-out offensive would lose ground
    /// (`gain_unanswered ≤ 0`): it holds the line rather than attack at a loss.
    pub hold_share: f64,
    /// Half-width of the uniform noise on intensity.
    pub intensity_noise: f64,
    /// `v`: value of all of Ukraine's territory, in weeks of war's cost.
    pub territory_value: f64,
    /// `c`: weekly cost of fighting at zero resolve (the unit of value).
    pub war_cost: f64,
    /// `x`: weekly cost of a confrontation with guarantors whose answer matches its own power.
    pub confrontation_cost: f64,
    /// `H`: weeks over which it values renewed war.
    pub horizon_weeks: f64,
    /// `δ`: weight of the option to renew later at the projected balance, [0, 1].
    pub patience: f64,
    /// `h`: the largest weekly probability of breaking a ceasefire, [0, 1].
    pub break_hazard: f64,
    /// `τ`: the scale of its uncertainty in the comparison (the logistic's width).
    pub decision_noise: f64,
    /// Answer probability of the target below which it tests a guarantor at war, or belief
    /// below which it tests a donor when there is no guarantor.
    pub test_below_belief: f64,
    /// Weeks between tests at war.
    pub test_interval_weeks: u32,
    /// Size of the first slice during a ceasefire, (0, 1]; 0 never slices (M11).
    pub slice_start: f64,
    /// Step above the largest unanswered slice for the next one.
    pub slice_step: f64,
    /// Largest slice it takes; above it, the next move would be a break.
    pub slice_max: f64,
    /// Weeks between slices.
    pub slice_interval_weeks: u32,
    /// Loss of occupied territory over 4 weeks (share) that triggers an escalation step.
    pub escalate_on_loss: f64,
    /// Highest escalation level (published scale) it climbs to against Ukraine alone.
    pub max_escalation_level: f64,
    /// Highest level it climbs to while allied forces fight its own (60: nuclear signalling).
    pub max_escalation_against_nato: f64,
    /// Whether its ceasefire offers demand that Kyiv renounce NATO membership (M19).
    pub demand_no_membership: bool,
    /// Strikes an exposed allied unit inside Ukraine while its mean belief in the
    /// donors' resolve is below this (M09); 0 never strikes.
    pub strike_below_belief: f64,
    /// Weeks between strikes.
    pub strike_interval_weeks: u32,
    /// Share of its effort it puts on its best axis when concentrating pays, [0, 1]; 0
    /// always spreads it by the axis weights.
    pub axis_concentration: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_intensity: 0.55,
            opportunism: 0.4,
            hold_share: 0.25,
            intensity_noise: 0.05,
            territory_value: 150.0,
            war_cost: 1.0,
            confrontation_cost: 3.0,
            horizon_weeks: 52.0,
            patience: 0.8,
            break_hazard: 0.02,
            decision_noise: 5.0,
            test_below_belief: 0.2,
            test_interval_weeks: 26,
            slice_start: 0.15,
            slice_step: 0.1,
            slice_max: 0.85,
            slice_interval_weeks: 8,
            escalate_on_loss: 0.005,
            max_escalation_level: 12.0,
            max_escalation_against_nato: 60.0,
            demand_no_membership: true,
            strike_below_belief: 0.6,
            strike_interval_weeks: 26,
            axis_concentration: 0.0,
        }
    }
}

impl Params {
    /// `w(g)`: the value of a week of war at weekly gain `g`.
    pub fn week_of_war(&self, resolve: f64, gain: f64) -> f64 {
        resolve * self.territory_value * gain - (1.0 - resolve) * self.war_cost
    }

    /// `E_war(g)` over the horizon against the arrangement's expected response.
    pub fn renewed_war(&self, obs: &KremlinObservation, gain: f64) -> f64 {
        let c = obs.response_probability.clamp(0.0, 1.0);
        let power = obs.forces_in_theatre.max(1.0);
        let confrontation = self.confrontation_cost * obs.response_power / power;
        let unanswered = self.week_of_war(obs.resolve, gain);
        let answered = self.week_of_war(obs.resolve, obs.gain_answered.min(gain)) - confrontation;
        self.horizon_weeks * ((1.0 - c) * unanswered + c * answered)
    }

    /// `E_wait`: the option to renew at the projected balance.
    pub fn waiting(&self, obs: &KremlinObservation) -> f64 {
        self.patience * self.renewed_war(obs, obs.gain_projected).max(0.0)
    }

    /// Weekly probability of breaking a ceasefire.
    pub fn break_probability(&self, obs: &KremlinObservation) -> f64 {
        let margin = self.renewed_war(obs, obs.gain_unanswered) - self.waiting(obs);
        let z = if self.decision_noise > 0.0 {
            margin / self.decision_noise
        } else if margin > 0.0 {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        };
        self.break_hazard / (1.0 + libm::exp(-z))
    }

    /// The axis where concentrating pays: the one whose concentrated offensive gains most,
    /// if that beats spreading the effort by the axis weights (`None` otherwise, or with
    /// `axis_concentration` 0).
    pub fn main_axis(&self, obs: &KremlinObservation) -> Option<u32> {
        if self.axis_concentration <= 0.0 {
            return None;
        }
        [
            (SECTOR_NORTH, obs.gain_north),
            (SECTOR_DONBAS, obs.gain_donbas),
            (SECTOR_SOUTH, obs.gain_south),
        ]
        .into_iter()
        .filter(|&(_, gain)| gain > obs.gain_unanswered && gain > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(axis, _)| axis)
    }

    /// Whether a week of war is now worth less than peace with the option to renew.
    pub fn prefers_peace(&self, obs: &KremlinObservation) -> bool {
        let option = self.waiting(obs) / self.horizon_weeks.max(1.0);
        self.week_of_war(obs.resolve, obs.gain_unanswered) < option
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
        "expected-value bargainer: renews war when it pays against the expected response";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("base_intensity", params.base_intensity),
            ("opportunism", params.opportunism),
            ("hold_share", params.hold_share),
            ("intensity_noise", params.intensity_noise),
            ("patience", params.patience),
            ("break_hazard", params.break_hazard),
            ("test_below_belief", params.test_below_belief),
            ("slice_start", params.slice_start),
            ("slice_step", params.slice_step),
            ("slice_max", params.slice_max),
            ("escalate_on_loss", params.escalate_on_loss),
            ("strike_below_belief", params.strike_below_belief),
            ("axis_concentration", params.axis_concentration),
        ])?;
        sgsim_sdk::check::non_negative(&[
            ("territory_value", params.territory_value),
            ("war_cost", params.war_cost),
            ("confrontation_cost", params.confrontation_cost),
            ("horizon_weeks", params.horizon_weeks),
            ("decision_noise", params.decision_noise),
            ("max_escalation_level", params.max_escalation_level),
            (
                "max_escalation_against_nato",
                params.max_escalation_against_nato,
            ),
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
        let draw: f64 = rng.random();
        let pressing = p.base_intensity * obs.resolve
            + p.opportunism * (1.0 - obs.belief_mean_resolve)
            + noise;
        let intensity = if obs.gain_unanswered > 0.0 {
            pressing
        } else {
            pressing * p.hold_share
        };
        act.offensive_intensity = intensity.clamp(0.0, 1.0);
        if let Some(axis) = p.main_axis(obs) {
            act.main_axis = axis;
            act.axis_concentration = p.axis_concentration;
        }

        let in_ceasefire = obs.ceasefire_in_force == 1;
        act.ceasefire = if in_ceasefire {
            if draw < p.break_probability(obs) {
                CEASEFIRE_BREAK
            } else {
                act.offensive_intensity = 0.0;
                CEASEFIRE_NO_CHANGE
            }
        } else if p.prefers_peace(obs) {
            act.demand_no_membership = u32::from(p.demand_no_membership);
            CEASEFIRE_OFFER
        } else {
            CEASEFIRE_NO_CHANGE
        };

        let ceiling = if obs.allied_forces_engaged == 1 {
            p.max_escalation_level.max(p.max_escalation_against_nato)
        } else {
            p.max_escalation_level
        };
        if !in_ceasefire && obs.territory_change_4w < -p.escalate_on_loss {
            if obs.escalation_level < ceiling {
                act.escalation_step = 1;
            }
        } else if in_ceasefire && obs.escalation_level > 4.0 {
            act.escalation_step = -1;
        }

        test(p, &mut self.last_test_tick, obs, act, in_ceasefire);

        let strike_due = self
            .last_strike_tick
            .is_none_or(|last| obs.header.tick >= last.saturating_add(p.strike_interval_weeks));
        if strike_due
            && !in_ceasefire
            && obs.exposed_unit_id != 0
            && obs.belief_mean_resolve < p.strike_below_belief
        {
            act.strike_unit = obs.exposed_unit_id;
            self.last_strike_tick = Some(obs.header.tick);
        }
    }
}

/// Tests at war, slices in a ceasefire.
fn test(
    p: &Params,
    last_test_tick: &mut Option<u32>,
    obs: &KremlinObservation,
    act: &mut KremlinAction,
    in_ceasefire: bool,
) {
    if obs.weakest_guarantor_id == 0 || act.ceasefire == CEASEFIRE_BREAK {
        return;
    }
    let tick = obs.header.tick;
    let since = |weeks: u32| last_test_tick.is_none_or(|last| tick >= last.saturating_add(weeks));
    if in_ceasefire {
        if p.slice_start <= 0.0 || !since(p.slice_interval_weeks) {
            return;
        }
        let size = if obs.weakest_unanswered_tests > 0 {
            (obs.weakest_largest_unanswered + p.slice_step).max(p.slice_start)
        } else {
            p.slice_start
        };
        if size <= p.slice_max {
            act.test_target = obs.weakest_guarantor_id;
            act.test_size = size;
            *last_test_tick = Some(tick);
        }
    } else {
        let doubted = if obs.guarantee_in_force == 1 || obs.response_probability > 0.0 {
            obs.weakest_response_probability
        } else {
            obs.belief_min_resolve
        };
        if since(p.test_interval_weeks) && doubted < p.test_below_belief {
            act.test_target = obs.weakest_guarantor_id;
            act.test_size = 1.0;
            *last_test_tick = Some(tick);
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
        obs.forces_in_theatre = 600_000.0;
        obs.belief_mean_resolve = 0.5;
        obs.belief_min_resolve = 0.5;
        obs.weakest_guarantor_id = 3;
        obs.gain_unanswered = 0.004;
        obs.gain_answered = -0.002;
        obs.gain_projected = 0.004;
        obs
    }

    #[test]
    fn it_concentrates_on_the_axis_that_gains_most_only_when_that_beats_spreading() {
        let mut harness = Harness::<KremlinDefault>::new("axis_concentration = 0.5", 1).unwrap();
        let mut obs = observation();
        obs.gain_unanswered = 0.001;
        obs.gain_north = 0.0005;
        obs.gain_donbas = 0.003;
        obs.gain_south = 0.002;
        let act = harness.decide(&obs).unwrap();
        assert_eq!(act.main_axis, SECTOR_DONBAS);
        assert_eq!(act.axis_concentration, 0.5);
        obs.gain_donbas = 0.0008;
        obs.gain_south = 0.0009;
        let spread = harness.decide(&obs).unwrap();
        assert_eq!(spread.main_axis, 0, "no axis beats the spread effort");
        assert_eq!(spread.axis_concentration, 0.0);
        let mut never = Harness::<KremlinDefault>::new("", 1).unwrap();
        obs.gain_donbas = 0.003;
        assert_eq!(never.decide(&obs).unwrap().main_axis, 0);
    }

    #[test]
    fn doubts_about_the_donors_raise_intensity() {
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
    fn the_break_probability_falls_continuously_as_the_expected_response_grows() {
        let p = Params::default();
        let mut obs = KremlinObservation {
            ceasefire_in_force: 1,
            response_power: 200_000.0,
            ..observation()
        };
        let mut last = f64::INFINITY;
        for step in 0..=10 {
            obs.response_probability = f64::from(step) / 10.0;
            let probability = p.break_probability(&obs);
            assert!(
                probability < last,
                "C = {}: {probability}",
                obs.response_probability
            );
            assert!((0.0..=p.break_hazard).contains(&probability));
            last = probability;
        }
    }

    #[test]
    fn a_balance_shifting_toward_kyiv_makes_it_break_sooner() {
        let p = Params::default();
        let obs = KremlinObservation {
            ceasefire_in_force: 1,
            ..observation()
        };
        let closing = KremlinObservation {
            gain_projected: -0.004,
            ..obs
        };
        assert!(p.break_probability(&closing) > p.break_probability(&obs));
    }

    #[test]
    fn it_offers_a_ceasefire_when_a_week_of_war_no_longer_pays() {
        let mut harness = Harness::<KremlinDefault>::new("", 1).unwrap();
        let winning = harness.decide(&observation()).unwrap();
        assert_eq!(winning.ceasefire, CEASEFIRE_NO_CHANGE);
        let stalemate = harness
            .decide(&KremlinObservation {
                resolve: 0.5,
                gain_unanswered: 0.0005,
                gain_projected: 0.0005,
                ..observation()
            })
            .unwrap();
        assert_eq!(stalemate.ceasefire, CEASEFIRE_OFFER);
        assert_eq!(stalemate.demand_no_membership, 1);
    }

    #[test]
    fn slices_step_up_while_unanswered_and_stop_below_a_break() {
        let mut harness = Harness::<KremlinDefault>::new("break_hazard = 0.0", 1).unwrap();
        let quiet = KremlinObservation {
            ceasefire_in_force: 1,
            ..observation()
        };
        let first = harness.decide(&quiet).unwrap();
        assert_eq!((first.test_target, first.test_size), (3, 0.15));
        let mut later = KremlinObservation {
            weakest_unanswered_tests: 1,
            weakest_largest_unanswered: 0.15,
            ..quiet
        };
        later.header.tick = 8;
        let second = harness.decide(&later).unwrap();
        assert!((second.test_size - 0.25).abs() < 1e-12);
        later.header.tick = 16;
        later.weakest_largest_unanswered = 0.8;
        assert_eq!(
            harness.decide(&later).unwrap().test_target,
            0,
            "the next step is a break"
        );
    }

    #[test]
    fn it_climbs_to_nuclear_signalling_only_against_allied_forces() {
        let mut harness = Harness::<KremlinDefault>::new("", 1).unwrap();
        let losing = KremlinObservation {
            territory_change_4w: -0.02,
            escalation_level: 28.0,
            ..observation()
        };
        assert_eq!(harness.decide(&losing).unwrap().escalation_step, 0);
        let against_nato = KremlinObservation {
            allied_forces_engaged: 1,
            ..losing
        };
        assert_eq!(harness.decide(&against_nato).unwrap().escalation_step, 1);
    }
}
