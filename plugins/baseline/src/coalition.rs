//! The default coalition unit: keeps readiness in line with its owner's resolve and, if a
//! station is given, moves there once.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Coalition, CoalitionAction, CoalitionObservation, LOCATION_ALLIED_TERRITORY, LOCATION_HOME,
    LOCATION_UKRAINE_FRONT, LOCATION_UKRAINE_REAR,
};

/// Parameters of [`CoalitionDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Readiness with an owner of resolve 0 (it rises linearly to 1 at resolve 1).
    pub base_readiness: f64,
    /// Where to station the unit: `stay`, `home`, `allied_territory`, `ukraine_rear` or
    /// `ukraine_front`.
    pub station: String,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_readiness: 0.5,
            station: "stay".to_owned(),
        }
    }
}

/// The default coalition-unit policy.
#[derive(Debug)]
pub struct CoalitionDefault {
    base_readiness: f64,
    station: u32,
}

impl Policy for CoalitionDefault {
    type Role = Coalition;
    type Params = Params;
    const NAME: &'static str = "default";
    const DESCRIPTION: &'static str =
        "readiness follows the owner's resolve; optional fixed station";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        let station = match params.station.as_str() {
            "stay" => 0,
            "home" => LOCATION_HOME,
            "allied_territory" => LOCATION_ALLIED_TERRITORY,
            "ukraine_rear" => LOCATION_UKRAINE_REAR,
            "ukraine_front" => LOCATION_UKRAINE_FRONT,
            other => {
                return Err(format!(
                    "station = \"{other}\" is not one of stay, home, allied_territory, ukraine_rear, ukraine_front"
                ));
            }
        };
        if !(0.0..=1.0).contains(&params.base_readiness) {
            return Err(format!(
                "base_readiness = {} must be in [0, 1]",
                params.base_readiness
            ));
        }
        Ok(CoalitionDefault {
            base_readiness: params.base_readiness,
            station,
        })
    }

    fn decide(&mut self, obs: &CoalitionObservation, act: &mut CoalitionAction) {
        act.readiness =
            (self.base_readiness + (1.0 - self.base_readiness) * obs.owner_resolve).clamp(0.0, 1.0);
        if self.station != 0 && obs.location != self.station && obs.in_transit == 0 {
            act.move_to = self.station;
        }
    }
}
