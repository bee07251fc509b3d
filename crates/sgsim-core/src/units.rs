//! Where coalition units can be, and whether Article 5 covers an attack on them there.

use serde::{Deserialize, Serialize};

/// A coalition unit's location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// The owner's home country.
    Home,
    /// Another allied country, forward toward Russia (for example the Baltic states).
    AlliedTerritory,
    /// Ukraine, away from the line of contact.
    UkraineRear,
    /// Ukraine, near the line of contact.
    UkraineFront,
}

impl Location {
    /// Name used in the output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Location::Home => "home",
            Location::AlliedTerritory => "allied_territory",
            Location::UkraineRear => "ukraine_rear",
            Location::UkraineFront => "ukraine_front",
        }
    }

    /// The ABI's `LOCATION_*` code.
    pub const fn code(self) -> u32 {
        match self {
            Location::Home => sgsim_abi::LOCATION_HOME,
            Location::AlliedTerritory => sgsim_abi::LOCATION_ALLIED_TERRITORY,
            Location::UkraineRear => sgsim_abi::LOCATION_UKRAINE_REAR,
            Location::UkraineFront => sgsim_abi::LOCATION_UKRAINE_FRONT,
        }
    }

    /// The location for an ABI code, if it is one.
    pub const fn from_code(code: u32) -> Option<Location> {
        match code {
            sgsim_abi::LOCATION_HOME => Some(Location::Home),
            sgsim_abi::LOCATION_ALLIED_TERRITORY => Some(Location::AlliedTerritory),
            sgsim_abi::LOCATION_UKRAINE_REAR => Some(Location::UkraineRear),
            sgsim_abi::LOCATION_UKRAINE_FRONT => Some(Location::UkraineFront),
            _ => None,
        }
    }

    /// Article 5 covers an attack on a unit on allied territory, and not in Ukraine while
    /// Ukraine is not a member.
    pub const fn article5_covered(self) -> bool {
        matches!(self, Location::Home | Location::AlliedTerritory)
    }

    /// Whether Article 5 covers an attack on a unit here, given whether Ukraine is a member.
    pub const fn covered(self, ukraine_member: bool) -> bool {
        ukraine_member || self.article5_covered()
    }

    /// How strongly a unit here signals its owner's commitment to Ukraine, [0, 1] (M24).
    pub const fn commitment_signal(self) -> f64 {
        match self {
            Location::Home => 0.0,
            Location::AlliedTerritory => 0.5,
            Location::UkraineRear => 0.8,
            Location::UkraineFront => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_only_allied_ground_is_covered() {
        for location in [
            Location::Home,
            Location::AlliedTerritory,
            Location::UkraineRear,
            Location::UkraineFront,
        ] {
            assert_eq!(Location::from_code(location.code()), Some(location));
        }
        assert_eq!(Location::from_code(0), None);
        assert!(Location::AlliedTerritory.article5_covered());
        assert!(!Location::UkraineRear.article5_covered());
        assert!(!Location::UkraineFront.article5_covered());
    }
}
