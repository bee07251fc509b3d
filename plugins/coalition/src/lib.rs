//! `coalition`: three alternative policies for coalition force units. Each is a posture:
//! where the unit stands while the war is hot, where it stands once a ceasefire holds, and
//! at what readiness.
//!
//! - `tripwire`: a small force placed where an attack on it would draw its owner in:
//!   forward on allied territory during the war, inside Ukraine (away from the line) once a
//!   ceasefire holds, at modest readiness (reassurance-force debate 2025; Korean model:
//!   vilnius-conundrum 2023).
//! - `robust_denial`: a force postured to hold ground: on allied territory during the war,
//!   up to the line once a ceasefire holds, at full readiness (the "full NATO mission" end of
//!   the options: reassurance-force debate 2025).
//! - `observer`: a monitoring mission: at home during the war, in Ukraine's rear only while
//!   a ceasefire holds, home as soon as it breaks (the light end of post-ceasefire presence:
//!   boots-on-the-ground 2024).
//!
//! - `defender`: a force committed to fight for Ukraine: on allied territory until it is
//!   called, then to the line, where it engages (S09 full NATO mission; the coalition
//!   guarantee's promise to defend: coalition-guarantee-without-nato 2023).
//!
//! A unit is *called* when the North Atlantic Council authorises a mission to defend
//! Ukraine, or when the guarantee its owner gives is in force and the Kremlin has renewed
//! its aggression. Called, a `tripwire` holds its ground inside Ukraine (it does not leave
//! just when it is tested), `robust_denial` and `defender` go to the line and engage, and an
//! `observer` keeps to its rule. What an attack on such a unit triggers (Article 5 only on
//! allied soil; coalition responses) is the model's business (M09, M16, M18).

use std::marker::PhantomData;

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Coalition, CoalitionAction, CoalitionObservation, LOCATION_ALLIED_TERRITORY, LOCATION_HOME,
    LOCATION_UKRAINE_FRONT, LOCATION_UKRAINE_REAR,
};

/// A posture: a name, two stations and a default readiness.
pub trait Station: 'static {
    /// Policy name.
    const NAME: &'static str;
    /// One-line description.
    const DESCRIPTION: &'static str;
    /// Where the unit stands while the war is hot (`LOCATION_*`).
    const IN_WAR: u32;
    /// Where it stands while a ceasefire holds.
    const IN_CEASEFIRE: u32;
    /// Default readiness.
    const READINESS: f64;
    /// Where to stand once called (0: keep to the war/ceasefire rule).
    const ON_CALL: u32;
    /// Whether it fights once called and at the line.
    const ENGAGES: bool;
}

/// Parameters of every posture.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Readiness, [0, 1]; default: the posture's.
    #[serde(default)]
    pub readiness: Option<f64>,
}

/// A unit holding posture `S`.
#[derive(Debug)]
pub struct Posture<S: Station> {
    readiness: f64,
    station: PhantomData<S>,
}

impl<S: Station> Policy for Posture<S> {
    type Role = Coalition;
    type Params = Params;
    const NAME: &'static str = S::NAME;
    const DESCRIPTION: &'static str = S::DESCRIPTION;

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        let readiness = params.readiness.unwrap_or(S::READINESS);
        if !(0.0..=1.0).contains(&readiness) {
            return Err(format!("readiness = {readiness} must be in [0, 1]"));
        }
        Ok(Posture {
            readiness,
            station: PhantomData,
        })
    }

    fn decide(&mut self, obs: &CoalitionObservation, act: &mut CoalitionAction) {
        act.readiness = self.readiness;
        let called = obs.mission_authorised == 1
            || (obs.guarantee_in_force == 1 && obs.renewed_aggression == 1);
        let target = if called && S::ON_CALL != 0 {
            S::ON_CALL
        } else if obs.ceasefire_in_force == 1 {
            S::IN_CEASEFIRE
        } else {
            S::IN_WAR
        };
        act.engage = u32::from(
            S::ENGAGES && called && obs.location == LOCATION_UKRAINE_FRONT && obs.in_transit == 0,
        );
        if obs.location != target && obs.in_transit == 0 {
            act.move_to = target;
        }
    }
}

/// The tripwire posture.
#[derive(Debug)]
pub struct TripwireStation;
impl Station for TripwireStation {
    const NAME: &'static str = "tripwire";
    const DESCRIPTION: &'static str =
        "allied territory in war; Ukraine's rear once a ceasefire holds";
    const IN_WAR: u32 = LOCATION_ALLIED_TERRITORY;
    const IN_CEASEFIRE: u32 = LOCATION_UKRAINE_REAR;
    const READINESS: f64 = 0.6;
    const ON_CALL: u32 = LOCATION_UKRAINE_REAR;
    const ENGAGES: bool = false;
}

/// The robust-denial posture.
#[derive(Debug)]
pub struct RobustDenialStation;
impl Station for RobustDenialStation {
    const NAME: &'static str = "robust_denial";
    const DESCRIPTION: &'static str = "to the line once a ceasefire holds, at full readiness";
    const IN_WAR: u32 = LOCATION_ALLIED_TERRITORY;
    const IN_CEASEFIRE: u32 = LOCATION_UKRAINE_FRONT;
    const READINESS: f64 = 1.0;
    const ON_CALL: u32 = LOCATION_UKRAINE_FRONT;
    const ENGAGES: bool = true;
}

/// The observer posture.
#[derive(Debug)]
pub struct ObserverStation;
impl Station for ObserverStation {
    const NAME: &'static str = "observer";
    const DESCRIPTION: &'static str =
        "monitors a ceasefire from Ukraine's rear; home when it breaks";
    const IN_WAR: u32 = LOCATION_HOME;
    const IN_CEASEFIRE: u32 = LOCATION_UKRAINE_REAR;
    const READINESS: f64 = 0.3;
    const ON_CALL: u32 = 0;
    const ENGAGES: bool = false;
}

/// The defender posture.
#[derive(Debug)]
pub struct DefenderStation;
impl Station for DefenderStation {
    const NAME: &'static str = "defender";
    const DESCRIPTION: &'static str =
        "waits on allied territory; once called, goes to the line and fights";
    const IN_WAR: u32 = LOCATION_ALLIED_TERRITORY;
    const IN_CEASEFIRE: u32 = LOCATION_ALLIED_TERRITORY;
    const READINESS: f64 = 1.0;
    const ON_CALL: u32 = LOCATION_UKRAINE_FRONT;
    const ENGAGES: bool = true;
}

/// `tripwire`.
pub type Tripwire = Posture<TripwireStation>;
/// `robust_denial`.
pub type RobustDenial = Posture<RobustDenialStation>;
/// `observer`.
pub type Observer = Posture<ObserverStation>;
/// `defender`.
pub type Defender = Posture<DefenderStation>;

sgsim_sdk::export_plugin! {
    name: "coalition",
    version: env!("CARGO_PKG_VERSION"),
    policies: [Tripwire, RobustDenial, Observer, Defender],
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    fn unit(location: u32, ceasefire: u32) -> CoalitionObservation {
        let mut obs = CoalitionObservation {
            location,
            ceasefire_in_force: ceasefire,
            ..Default::default()
        };
        obs.header.actor_id = 40;
        obs
    }

    #[test]
    fn a_tripwire_moves_into_ukraine_only_under_a_ceasefire() {
        let mut h = Harness::<Tripwire>::new("", 1).unwrap();
        assert_eq!(
            h.decide(&unit(LOCATION_HOME, 0)).unwrap().move_to,
            LOCATION_ALLIED_TERRITORY
        );
        assert_eq!(
            h.decide(&unit(LOCATION_HOME, 1)).unwrap().move_to,
            LOCATION_UKRAINE_REAR
        );
        assert_eq!(
            h.decide(&unit(LOCATION_UKRAINE_REAR, 1)).unwrap().move_to,
            0,
            "already there"
        );
    }

    #[test]
    fn a_called_tripwire_holds_and_a_called_defender_fights() {
        let mut tripwire = Harness::<Tripwire>::new("", 1).unwrap();
        let mut broken = unit(LOCATION_UKRAINE_REAR, 0);
        broken.guarantee_in_force = 1;
        broken.renewed_aggression = 1;
        assert_eq!(
            tripwire.decide(&broken).unwrap().move_to,
            0,
            "stays when tested"
        );
        let mut defender = Harness::<Defender>::new("", 1).unwrap();
        let mut waiting = unit(LOCATION_ALLIED_TERRITORY, 0);
        assert_eq!(defender.decide(&waiting).unwrap().move_to, 0);
        waiting.mission_authorised = 1;
        assert_eq!(
            defender.decide(&waiting).unwrap().move_to,
            LOCATION_UKRAINE_FRONT
        );
        let mut at_line = unit(LOCATION_UKRAINE_FRONT, 0);
        at_line.mission_authorised = 1;
        let act = defender.decide(&at_line).unwrap();
        assert_eq!((act.move_to, act.engage), (0, 1));
        at_line.mission_authorised = 0;
        assert_eq!(defender.decide(&at_line).unwrap().engage, 0, "not called");
    }

    #[test]
    fn robust_denial_holds_the_line_at_full_readiness() {
        let mut h = Harness::<RobustDenial>::new("", 1).unwrap();
        let act = h.decide(&unit(LOCATION_ALLIED_TERRITORY, 1)).unwrap();
        assert_eq!((act.move_to, act.readiness), (LOCATION_UKRAINE_FRONT, 1.0));
    }

    #[test]
    fn observers_leave_when_the_ceasefire_ends_and_readiness_can_be_set() {
        let mut h = Harness::<Observer>::new("readiness = 0.5", 1).unwrap();
        let act = h.decide(&unit(LOCATION_UKRAINE_REAR, 0)).unwrap();
        assert_eq!((act.move_to, act.readiness), (LOCATION_HOME, 0.5));
        assert!(Harness::<Observer>::new("readiness = 1.5", 1).is_err());
    }
}
