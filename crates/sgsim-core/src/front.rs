//! M07, space: the front split into sectors, with terrain, fortifications and the areas
//! Russia held before 2022 as a separate objective.
//!
//! Ukraine's internationally recognised territory (`total_area_km2`) is a rear that is not
//! contested plus four sectors ([`Sector`]): the northern axes (Kyiv, Chernihiv, Sumy and
//! Kharkiv oblasts), Donbas (the parts of Donetsk and Luhansk oblasts Kyiv held on
//! 2022-02-24), the south (Zaporizhzhia, Kherson and Mykolaiv oblasts), and the areas
//! Russia held before 2022 (Crimea and parts of Donetsk and Luhansk). Each week:
//!
//! - **Allocation.** Russia's committed combat power `K` goes to the contested sectors in
//!   proportion to `w_s · h_s`, the sector's axis weight (from the data: the axes of the
//!   invasion) times the share of it Kyiv still holds, so a sector taken whole draws no
//!   more effort. Ukraine's power `U` (allied units included) is split in two: the share
//!   `front.garrison_share` holds ground in proportion to the area Kyiv holds in each
//!   sector, the rest (the reserves) follows Russia's allocation, so concentrating effort
//!   on one axis wins a local superiority there.
//! - **Ratio.** In sector `s` the defence is `d · τ_s · (1 + φ · f_s) · U_s`, with
//!   `U_s = U · ((1 − c) · a_s + c · H_s / ΣH)` (`c` the garrison share, `H` the area Kyiv
//!   holds), `d` the
//!   defender's advantage, `τ_s` the sector's terrain and `f_s ∈ [0, 1]` its Ukrainian
//!   fortifications; the battle kernel ([`crate::systems::territory_change`]) gives the
//!   week's change as a share of the country, times the sector's allocation `a_s`.
//! - **Recapture.** Where Russia's offensive fails the line moves back at the kernel's
//!   recapture pace divided by `1 + φ · g_s`, `g_s` the fortifications Russia has built on
//!   what it took in the sector, and never beyond the line of 2022-02-24: failed offensives
//!   do not give back the areas held before 2022. Those can be regained only by Kyiv's own
//!   offensives, which are not modelled yet (docs/MODEL.md, M07), so they never change.
//! - **Fortification.** Each side's works in a sector grow towards 1 at
//!   `front.fortification_rate` a week; ground lost takes its works with it (`f_s` scales
//!   with the ground held, and newly taken ground starts unfortified).

use bevy_ecs::prelude::*;

use crate::params::{BattleParams, FrontParams};
use crate::systems::territory_change;

/// A sector of the front.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sector {
    /// The northern axes: Kyiv, Chernihiv, Sumy and Kharkiv oblasts.
    North = 0,
    /// The parts of Donetsk and Luhansk oblasts Kyiv held on 2022-02-24.
    Donbas = 1,
    /// Zaporizhzhia, Kherson and Mykolaiv oblasts.
    South = 2,
    /// Crimea and the parts of Donetsk and Luhansk oblasts Russia held before 2022.
    Occupied2014 = 3,
}

impl Sector {
    /// Every sector, in output order.
    pub const ALL: [Sector; 4] = [
        Sector::North,
        Sector::Donbas,
        Sector::South,
        Sector::Occupied2014,
    ];

    /// The name in the data file and in output columns.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::North => "north",
            Sector::Donbas => "donbas",
            Sector::South => "south",
            Sector::Occupied2014 => "occupied_2014",
        }
    }

    /// Whether failed Russian offensives can give ground back here (not the areas held
    /// before 2022).
    pub fn recapturable(self) -> bool {
        self != Sector::Occupied2014
    }
}

/// One sector as the data gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct SectorSetup {
    /// Area within Ukraine's internationally recognised borders, km².
    pub area_km2: f64,
    /// Area Kyiv held at the start, km².
    pub kyiv_held_km2: f64,
    /// Weight of the sector in Russia's allocation of effort, ≥ 0 (0: not attacked).
    pub axis_weight: f64,
    /// Terrain factor on the defence, > 0 (1: open ground).
    pub terrain: f64,
    /// Ukrainian fortifications at the start, [0, 1].
    pub fortification: f64,
    /// Russian fortifications on the ground Russia holds in the sector at the start, [0, 1].
    pub russian_fortification: f64,
}

/// The front as the data gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontSetup {
    /// Ukraine's internationally recognised territory, km².
    pub total_area_km2: f64,
    /// The sectors, in [`Sector::ALL`] order.
    pub sectors: [SectorSetup; 4],
}

impl FrontSetup {
    /// A front for studies without the data: the share `held` of the country held by Kyiv
    /// and one northern sector, the rest held by Russia before the start.
    pub fn whole(held: f64) -> FrontSetup {
        let held = held.clamp(0.0, 1.0);
        let sector = |area: f64, kyiv: f64, weight: f64| SectorSetup {
            area_km2: area,
            kyiv_held_km2: kyiv,
            axis_weight: weight,
            terrain: 1.0,
            fortification: 0.0,
            russian_fortification: 0.0,
        };
        FrontSetup {
            total_area_km2: 1.0,
            sectors: [
                sector(held, held, 1.0),
                sector(0.0, 0.0, 0.0),
                sector(0.0, 0.0, 0.0),
                sector(1.0 - held, 0.0, 0.0),
            ],
        }
    }

    /// Area not in any sector (Kyiv's uncontested rear), km².
    pub fn rear_km2(&self) -> f64 {
        (self.total_area_km2 - self.sectors.iter().map(|s| s.area_km2).sum::<f64>()).max(0.0)
    }

    /// Share of the country Kyiv holds at the start.
    pub fn kyiv_share(&self) -> f64 {
        let held: f64 = self.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        ((self.rear_km2() + held) / self.total_area_km2).clamp(0.0, 1.0)
    }
}

/// The state of one sector.
#[derive(Clone, Debug, PartialEq)]
pub struct SectorState {
    /// Area Kyiv holds, km².
    pub kyiv_held_km2: f64,
    /// Ukrainian fortifications, [0, 1].
    pub fortification: f64,
    /// Russian fortifications on the ground Russia holds in the sector, [0, 1].
    pub russian_fortification: f64,
    /// Share of Russia's committed power in the sector this week, [0, 1].
    pub russian_effort: f64,
}

/// The front this week.
#[derive(Resource, Clone, Debug)]
pub struct Front {
    /// The data.
    pub setup: FrontSetup,
    /// The sectors' state, in [`Sector::ALL`] order.
    pub sectors: [SectorState; 4],
}

impl Front {
    /// The front at the start.
    pub fn new(setup: &FrontSetup) -> Front {
        Front {
            sectors: setup.sectors.clone().map(|s| SectorState {
                kyiv_held_km2: s.kyiv_held_km2.clamp(0.0, s.area_km2),
                fortification: s.fortification.clamp(0.0, 1.0),
                russian_fortification: s.russian_fortification.clamp(0.0, 1.0),
                russian_effort: 0.0,
            }),
            setup: setup.clone(),
        }
    }

    /// Share of the country Kyiv holds.
    pub fn kyiv_share(&self) -> f64 {
        let held: f64 = self.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        ((self.setup.rear_km2() + held) / self.setup.total_area_km2).clamp(0.0, 1.0)
    }

    /// Each sector's share of Russia's effort, `w_s·h_s / Σ w·h` (all 0 when nothing is
    /// left to take).
    pub fn allocation(&self) -> [f64; 4] {
        let mut weights = [0.0; 4];
        for (i, (setup, state)) in self.setup.sectors.iter().zip(&self.sectors).enumerate() {
            if setup.area_km2 > 0.0 {
                weights[i] = setup.axis_weight.max(0.0) * state.kyiv_held_km2 / setup.area_km2;
            }
        }
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            weights.map(|w| w / total)
        } else {
            [0.0; 4]
        }
    }

    /// The week's change in each sector before noise and bounds, as a share of the
    /// country (negative: Kyiv loses ground), for committed Russian power `k` and
    /// Ukrainian power `u` at `intensity`.
    pub fn changes(
        &self,
        battle: &BattleParams,
        front: &FrontParams,
        intensity: f64,
        k: f64,
        u: f64,
    ) -> [f64; 4] {
        let allocation = self.allocation();
        let held: f64 = self.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        let garrison = front.garrison_share.clamp(0.0, 1.0);
        let mut out = [0.0; 4];
        for (i, a) in allocation.into_iter().enumerate() {
            if a <= 0.0 {
                continue;
            }
            let setup = &self.setup.sectors[i];
            let state = &self.sectors[i];
            let holding = if held > 0.0 {
                state.kyiv_held_km2 / held
            } else {
                0.0
            };
            let share = (1.0 - garrison) * a + garrison * holding;
            let defence = u
                * share
                * setup.terrain
                * (1.0 + front.fortification_effect * state.fortification);
            let change = territory_change(battle, intensity, k * a, defence);
            out[i] = if change > 0.0 {
                a * change / (1.0 + front.fortification_effect * state.russian_fortification)
            } else {
                a * change
            };
        }
        out
    }

    /// `g(K, U)`: the weekly gain in the occupied share Russia can expect from an all-out
    /// offensive (intensity 1) against the front as it stands.
    pub fn offensive_gain(
        &self,
        battle: &BattleParams,
        front: &FrontParams,
        k: f64,
        u: f64,
    ) -> f64 {
        -self.changes(battle, front, 1.0, k, u).iter().sum::<f64>()
    }

    /// Applies a week: `changes` (shares of the country, after noise) and the salami
    /// `slice` taken this week, then the fortifications. Returns the change in Kyiv's share.
    pub fn advance(&mut self, front: &FrontParams, changes: [f64; 4], slice: f64) -> f64 {
        let before = self.kyiv_share();
        let allocation = self.allocation();
        let total = self.setup.total_area_km2;
        for (i, sector) in Sector::ALL.into_iter().enumerate() {
            let setup = &self.setup.sectors[i];
            let state = &mut self.sectors[i];
            let held = state.kyiv_held_km2;
            // Failed offensives give ground back up to the line of the start, never the
            // areas held before it.
            let ceiling = if sector.recapturable() {
                setup.kyiv_held_km2.min(setup.area_km2).max(held)
            } else {
                held
            };
            let moved = (changes[i] - slice * allocation[i]) * total;
            let after = (held + moved).clamp(0.0, ceiling);
            let occupied = (setup.area_km2 - held).max(0.0);
            let occupied_after = (setup.area_km2 - after).max(0.0);
            if after < held && held > 0.0 {
                state.fortification *= after / held;
            }
            if occupied_after > occupied && occupied_after > 0.0 {
                state.russian_fortification *= occupied / occupied_after;
            }
            state.kyiv_held_km2 = after;
            if after > 0.0 {
                state.fortification += front.fortification_rate * (1.0 - state.fortification);
            }
            if occupied_after > 0.0 {
                state.russian_fortification +=
                    front.fortification_rate * (1.0 - state.russian_fortification);
            }
            state.russian_effort = allocation[i];
        }
        self.kyiv_share() - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A front of 1,000 km² with a rear of 400, an open and a fortified sector of 200
    /// each, one sector of 100 not attacked, and 100 held by Russia before the start.
    fn front() -> FrontSetup {
        let sector = |area: f64, kyiv: f64, weight: f64, fortification: f64| SectorSetup {
            area_km2: area,
            kyiv_held_km2: kyiv,
            axis_weight: weight,
            terrain: 1.0,
            fortification,
            russian_fortification: 0.0,
        };
        FrontSetup {
            total_area_km2: 1000.0,
            sectors: [
                sector(200.0, 200.0, 0.5, 0.0),
                sector(200.0, 200.0, 0.5, 1.0),
                sector(100.0, 100.0, 0.0, 0.0),
                sector(100.0, 0.0, 0.0, 0.0),
            ],
        }
    }

    #[test]
    fn sectors_and_the_rear_sum_to_kyivs_share() {
        let setup = front();
        assert_eq!(setup.rear_km2(), 400.0);
        assert!((setup.kyiv_share() - 0.9).abs() < 1e-12);
        assert!((FrontSetup::whole(0.929).kyiv_share() - 0.929).abs() < 1e-12);
        let mut f = Front::new(&setup);
        let params = FrontParams::default();
        let change = f.advance(&params, [-0.02, -0.01, 0.0, 0.0], 0.0);
        let held: f64 = f.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        assert!((held - 470.0).abs() < 1e-9, "{held}");
        assert!((f.kyiv_share() - 0.87).abs() < 1e-12);
        assert!((change + 0.03).abs() < 1e-12);
    }

    #[test]
    fn effort_goes_where_there_is_ground_to_take_and_fortifications_hold_it() {
        let f = Front::new(&front());
        assert_eq!(f.allocation(), [0.5, 0.5, 0.0, 0.0]);
        let battle = BattleParams::default();
        let params = FrontParams::default();
        let k = 3.0 * battle.defender_advantage * 1000.0;
        let changes = f.changes(&battle, &params, 1.0, k, 1000.0);
        assert!(changes[0] < 0.0 && changes[1] < 0.0, "{changes:?}");
        assert!(
            changes[1] > changes[0],
            "the fortified sector loses less: {changes:?}"
        );
        assert_eq!(changes[2], 0.0, "no effort, no change");
        assert_eq!(changes[3], 0.0, "nothing to take before the start line");
        assert!(f.offensive_gain(&battle, &params, k, 1000.0) > 0.0);
        // A sector taken whole draws no more effort.
        let mut taken = Front::new(&front());
        taken.sectors[0].kyiv_held_km2 = 0.0;
        assert_eq!(taken.allocation(), [0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn failed_offensives_give_back_ground_only_up_to_the_start_line() {
        let mut f = Front::new(&front());
        let params = FrontParams::default();
        f.advance(&params, [-0.05, 0.0, 0.0, 0.0], 0.0);
        assert!((f.sectors[0].kyiv_held_km2 - 150.0).abs() < 1e-9);
        // A large recapture stops at the 200 km² of the start; the areas held before the
        // start are never given back.
        f.advance(&params, [0.5, 0.5, 0.5, 0.5], 0.0);
        assert_eq!(f.sectors[0].kyiv_held_km2, 200.0);
        assert_eq!(f.sectors[3].kyiv_held_km2, 0.0);
        assert!(f.kyiv_share() <= front().kyiv_share() + 1e-12);
    }

    #[test]
    fn works_grow_each_week_and_are_lost_with_the_ground() {
        let mut f = Front::new(&front());
        let params = FrontParams::default();
        f.advance(&params, [0.0; 4], 0.0);
        assert!((f.sectors[0].fortification - params.fortification_rate).abs() < 1e-12);
        assert_eq!(
            f.sectors[1].fortification, 1.0,
            "complete works stay complete"
        );
        // Losing half the sector loses half its works (before the week's growth).
        let before = f.sectors[1].fortification;
        f.advance(&params, [0.0, -0.1, 0.0, 0.0], 0.0);
        let expected = before * 0.5 + params.fortification_rate * (1.0 - before * 0.5);
        assert!((f.sectors[1].fortification - expected).abs() < 1e-12);
        // Russia's works on what it took start from nothing.
        assert!(f.sectors[1].russian_fortification < 2.0 * params.fortification_rate);
    }
}
