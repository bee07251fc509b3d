//! `escalator`: salami slicing and nuclear signalling. At war it raises its offensive and
//! the ladder one small step at a time; in a ceasefire it takes slices (tests of growing
//! size, M11) of the guarantor the core names as the weakest, one step larger each time,
//! without ever breaking the ceasefire.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{Kremlin, KremlinAction, KremlinObservation};

/// Parameters of [`Escalator`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Offensive intensity at the start.
    pub start_intensity: f64,
    /// Intensity added each slice.
    pub slice: f64,
    /// Weeks between slices (and between escalation steps).
    pub slice_weeks: u32,
    /// Highest escalation level (published scale: 4, 12, 28, 60) it climbs to.
    pub max_escalation_level: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            start_intensity: 0.4,
            slice: 0.05,
            slice_weeks: 12,
            max_escalation_level: 28.0,
        }
    }
}

/// Raises intensity and escalation one small step at a time.
#[derive(Debug)]
pub struct Escalator {
    params: Params,
}

impl Policy for Escalator {
    type Role = Kremlin;
    type Params = Params;
    const NAME: &'static str = "escalator";
    const DESCRIPTION: &'static str =
        "salami slicing: small, regular steps up the offensive and the escalation ladder";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        sgsim_sdk::check::unit_interval(&[
            ("start_intensity", params.start_intensity),
            ("slice", params.slice),
        ])?;
        if params.slice_weeks == 0 {
            return Err("slice_weeks must be at least 1".to_owned());
        }
        Ok(Escalator {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KremlinObservation, act: &mut KremlinAction) {
        let p = &self.params;
        if obs.ceasefire_in_force == 1 {
            if obs.header.tick.is_multiple_of(p.slice_weeks) && obs.weakest_guarantor_id != 0 {
                act.test_target = obs.weakest_guarantor_id;
                act.test_size = (p.slice * f64::from(1 + obs.weakest_unanswered_tests)).min(1.0);
            }
            return;
        }
        let slices = f64::from(obs.header.tick / p.slice_weeks);
        act.offensive_intensity = (p.start_intensity + slices * p.slice).clamp(0.0, 1.0);
        if obs.header.tick > 0
            && obs.header.tick.is_multiple_of(p.slice_weeks)
            && obs.escalation_level < p.max_escalation_level
        {
            act.escalation_step = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn slices_the_offensive_and_climbs_up_to_its_ceiling() {
        let mut h = Harness::<Escalator>::new("", 1).unwrap();
        let mut obs = KremlinObservation {
            escalation_level: 4.0,
            ..Default::default()
        };
        obs.header.actor_id = 33;
        obs.header.tick = 24;
        let act = h.decide(&obs).unwrap();
        assert!((act.offensive_intensity - 0.5).abs() < 1e-12);
        assert_eq!(act.escalation_step, 1);
        obs.escalation_level = 28.0;
        assert_eq!(
            h.decide(&obs).unwrap().escalation_step,
            0,
            "stops at the ceiling"
        );
    }

    #[test]
    fn slices_a_ceasefire_in_growing_steps_while_they_go_unanswered() {
        let mut h = Harness::<Escalator>::new("", 1).unwrap();
        let mut obs = KremlinObservation {
            ceasefire_in_force: 1,
            weakest_guarantor_id: 4,
            ..Default::default()
        };
        obs.header.actor_id = 33;
        obs.header.tick = 24;
        let first = h.decide(&obs).unwrap();
        assert_eq!((first.test_target, first.test_size), (4, 0.05));
        obs.weakest_unanswered_tests = 2;
        let third = h.decide(&obs).unwrap();
        assert!((third.test_size - 0.15).abs() < 1e-12);
        assert_eq!(third.ceasefire, 0, "never breaks");
    }
}
