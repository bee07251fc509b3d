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
//!   do not give back the areas held before 2022.
//! - **Choices** ([`Efforts`], docs/MODEL.md 7.3d). The Kremlin may put a share `κ` of its
//!   effort on a main axis. Kyiv may commit a share `I_k` of its reserves to an offensive in
//!   one sector (the areas held before 2022 included): the attacking force
//!   `A = (1 − c) · I_k · U` meets Russia's defence there ([`Front::russian_defence`]: its
//!   garrison spread over the ground it holds, and the uncommitted part of its manoeuvre
//!   forces where its effort goes), and gains `γ · I_k · (A − d·D_s)/(A + d·D_s)` of the country a week
//!   while it has the better of the ratio, up to the border. The committed reserves do not
//!   defend elsewhere, so an offensive weakens the rest of the line (overextension), and
//!   the attack's losses thin the force until it culminates.
//! - **Reserves.** Russia's uncommitted manoeuvre forces move toward the sector Kyiv
//!   attacks, `r_s ← r_s + ρ_r · ([s attacked] − r_s)` a week, and stand there
//!   ([`Front::russian_defence`]) until they drift back once the attack stops: an offensive
//!   meets a defence that grows, and culminates sooner.
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

    /// The sector with an ABI code (`SECTOR_NORTH` … `SECTOR_OCCUPIED_2014`); `None` for
    /// `SECTOR_NONE` and unknown codes.
    pub fn from_code(code: u32) -> Option<Sector> {
        match code {
            sgsim_abi::SECTOR_NORTH => Some(Sector::North),
            sgsim_abi::SECTOR_DONBAS => Some(Sector::Donbas),
            sgsim_abi::SECTOR_SOUTH => Some(Sector::South),
            sgsim_abi::SECTOR_OCCUPIED_2014 => Some(Sector::Occupied2014),
            _ => None,
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
    /// `r_s`: share of Russia's uncommitted manoeuvre forces drawn to the sector to meet
    /// Kyiv's offensive, [0, 1]; the shares of all sectors sum to at most 1.
    pub russian_reserve: f64,
}

/// The front this week.
#[derive(Resource, Clone, Debug)]
pub struct Front {
    /// The data.
    pub setup: FrontSetup,
    /// The sectors' state, in [`Sector::ALL`] order.
    pub sectors: [SectorState; 4],
    /// Ground Kyiv's offensive retook this week, km².
    pub kyiv_gain_km2: f64,
    /// Ground Kyiv's offensives retook over the run, km².
    pub kyiv_gain_total_km2: f64,
    /// Weeks in which Kyiv attacked.
    pub kyiv_offensive_weeks: u32,
}

/// This week's choices of both sides on the front (docs/MODEL.md 7.3d), from their actions.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Efforts {
    /// The Kremlin's main axis, if any.
    pub axis: Option<Sector>,
    /// Share of its committed effort on the main axis, [0, 1].
    pub concentration: f64,
    /// The sector of Kyiv's offensive, if any.
    pub kyiv_sector: Option<Sector>,
    /// Share of Kyiv's reserves committed to the offensive, [0, 1].
    pub kyiv_commitment: f64,
}

/// The week's movement of the line before noise and bounds, as shares of the country.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Changes {
    /// Change in each sector from Russia's offensive (negative: Kyiv loses ground; positive:
    /// a failed offensive gives ground back).
    pub russian: [f64; 4],
    /// Ground Kyiv's offensive takes in each sector (≥ 0).
    pub kyiv: [f64; 4],
    /// Russia's defence in the sector Kyiv attacks, `D_s` (0 without an offensive).
    pub kyiv_defence: f64,
    /// Power of Kyiv's attacking force, `A` (0 without an offensive).
    pub kyiv_attack: f64,
    /// Russia's allocation of effort the changes were computed with
    /// ([`Front::allocation_on`]); the week's slice is taken by it too.
    pub allocation: [f64; 4],
    /// The sector Kyiv attacked with some force (`None` without an offensive); Russia's
    /// reserves move toward it ([`Front::advance`]).
    pub kyiv_sector: Option<Sector>,
}

impl Changes {
    /// Every change scaled by `factor` (the week's noise on the line).
    pub fn scaled(mut self, factor: f64) -> Changes {
        self.russian = self.russian.map(|c| c * factor);
        self.kyiv = self.kyiv.map(|c| c * factor);
        self
    }
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
                russian_reserve: 0.0,
            }),
            setup: setup.clone(),
            kyiv_gain_km2: 0.0,
            kyiv_gain_total_km2: 0.0,
            kyiv_offensive_weeks: 0,
        }
    }

    /// Share of the country Kyiv holds.
    pub fn kyiv_share(&self) -> f64 {
        let held: f64 = self.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        ((self.setup.rear_km2() + held) / self.setup.total_area_km2).clamp(0.0, 1.0)
    }

    /// Each sector's share of Russia's effort by the data's axis weights, `w_s·h_s / Σ w·h`
    /// (all 0 when nothing is left to take).
    pub fn allocation(&self) -> [f64; 4] {
        self.allocation_on(None, 0.0)
    }

    /// Each sector's share of Russia's effort with `concentration` of it on `axis`:
    /// `(1 − κ) · w_s·h_s / Σ w·h + κ · [s = axis]`; an axis where Kyiv holds nothing
    /// draws no effort, and the whole effort then follows the weights.
    pub fn allocation_on(&self, axis: Option<Sector>, concentration: f64) -> [f64; 4] {
        let mut weights = [0.0; 4];
        for (i, (setup, state)) in self.setup.sectors.iter().zip(&self.sectors).enumerate() {
            if setup.area_km2 > 0.0 {
                weights[i] = setup.axis_weight.max(0.0) * state.kyiv_held_km2 / setup.area_km2;
            }
        }
        let total: f64 = weights.iter().sum();
        let mut out = if total > 0.0 {
            weights.map(|w| w / total)
        } else {
            [0.0; 4]
        };
        if let Some(axis) = axis
            && self.sectors[axis as usize].kyiv_held_km2 > 0.0
        {
            let kappa = concentration.clamp(0.0, 1.0);
            for (i, a) in out.iter_mut().enumerate() {
                *a = (1.0 - kappa) * *a + if i == axis as usize { kappa } else { 0.0 };
            }
        }
        out
    }

    /// Ground Russia holds in a sector that Kyiv's offensive could retake, km²: everything
    /// up to the border, the areas held before 2022 included.
    pub fn retakable_km2(&self, sector: Sector) -> f64 {
        let i = sector as usize;
        (self.setup.sectors[i].area_km2 - self.sectors[i].kyiv_held_km2).max(0.0)
    }

    /// Russia's defence in each sector against Kyiv's offensive,
    /// `D_s = K · (c · O_s/ΣO + (1 − c)(1 − I) · m_s) · τ_s · (1 + φ · g_s)`, the mirror of
    /// Ukraine's: of Russia's full power `K`, the garrison share `c` holds the ground it
    /// occupies (`O_s`, the areas held before 2022 included) in proportion to its area, and
    /// the share `1 − I` of the rest that its offensive at `intensity` does not commit stands
    /// where its effort goes (`allocation` `a_s`, [`Front::allocation_on`]) or where it has
    /// moved to meet Kyiv's offensive: `m_s = (1 − Σr)·a_s + r_s`, with the sector's terrain
    /// and Russia's works there.
    pub fn russian_defence(
        &self,
        front: &FrontParams,
        k_full: f64,
        intensity: f64,
        allocation: &[f64; 4],
    ) -> [f64; 4] {
        let garrison = front.garrison_share.clamp(0.0, 1.0);
        let manoeuvre = (1.0 - garrison) * (1.0 - intensity.clamp(0.0, 1.0));
        let occupied =
            |i: usize| (self.setup.sectors[i].area_km2 - self.sectors[i].kyiv_held_km2).max(0.0);
        let total: f64 = (0..4).map(occupied).sum();
        let mut out = [0.0; 4];
        if total <= 0.0 {
            return out;
        }
        let drawn: f64 = self.sectors.iter().map(|s| s.russian_reserve).sum();
        for (i, d) in out.iter_mut().enumerate() {
            if occupied(i) <= 0.0 {
                continue;
            }
            let stands = (1.0 - drawn).max(0.0) * allocation[i] + self.sectors[i].russian_reserve;
            let share = garrison * occupied(i) / total + manoeuvre * stands;
            *d = k_full.max(0.0)
                * share
                * self.setup.sectors[i].terrain
                * (1.0 + front.fortification_effect * self.sectors[i].russian_fortification);
        }
        out
    }

    /// The ratio an offensive in `sector` with all of Kyiv's reserves would have: their power
    /// `(1 − c) · u` over `d · D_s`; 0 where Russia holds nothing.
    pub fn attack_ratio(
        &self,
        battle: &BattleParams,
        front: &FrontParams,
        sector: Sector,
        defence: &[f64; 4],
        u: f64,
    ) -> f64 {
        let d = battle.defender_advantage * defence[sector as usize];
        if self.retakable_km2(sector) <= 0.0 || d <= 0.0 {
            return 0.0;
        }
        (1.0 - front.garrison_share.clamp(0.0, 1.0)) * u.max(0.0) / d
    }

    /// The week's change in each sector before noise and bounds, for committed Russian
    /// power `k` at `intensity` (Russia's full power `k_full`) and Ukrainian power `u`,
    /// with both sides' `efforts`. Kyiv's reserves committed to its own offensive do not
    /// defend elsewhere.
    #[allow(
        clippy::too_many_arguments,
        reason = "the kernel's inputs: both sides' powers, the tempo and the choices"
    )]
    pub fn changes(
        &self,
        battle: &BattleParams,
        front: &FrontParams,
        intensity: f64,
        k: f64,
        k_full: f64,
        u: f64,
        efforts: &Efforts,
    ) -> Changes {
        let allocation = self.allocation_on(efforts.axis, efforts.concentration);
        let held: f64 = self.sectors.iter().map(|s| s.kyiv_held_km2).sum();
        let garrison = front.garrison_share.clamp(0.0, 1.0);
        let commitment = match efforts.kyiv_sector {
            Some(s) if self.retakable_km2(s) > 0.0 => efforts.kyiv_commitment.clamp(0.0, 1.0),
            _ => 0.0,
        };
        let mut out = Changes {
            allocation,
            ..Changes::default()
        };
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
            let share = (1.0 - garrison) * (1.0 - commitment) * a + garrison * holding;
            let defence = u
                * share
                * setup.terrain
                * (1.0 + front.fortification_effect * state.fortification);
            let change = territory_change(battle, intensity, k * a, defence);
            out.russian[i] = if change > 0.0 {
                a * change / (1.0 + front.fortification_effect * state.russian_fortification)
            } else {
                a * change
            };
        }
        if commitment > 0.0
            && let Some(sector) = efforts.kyiv_sector
        {
            let defence =
                self.russian_defence(front, k_full, intensity, &allocation)[sector as usize];
            let attack = (1.0 - garrison) * commitment * u.max(0.0);
            out.kyiv[sector as usize] = kyiv_offensive_gain(battle, commitment, attack, defence);
            out.kyiv_defence = defence;
            out.kyiv_attack = attack;
            out.kyiv_sector = (attack > 0.0).then_some(sector);
        }
        out
    }

    /// `g(K, U)`: the weekly gain in the occupied share Russia can expect from an all-out
    /// offensive (intensity 1, Kyiv on the defensive) against the front as it stands, with
    /// `concentration` of the effort on `axis`.
    pub fn offensive_gain(
        &self,
        battle: &BattleParams,
        front: &FrontParams,
        k: f64,
        u: f64,
        axis: Option<Sector>,
        concentration: f64,
    ) -> f64 {
        let efforts = Efforts {
            axis,
            concentration,
            ..Efforts::default()
        };
        -self
            .changes(battle, front, 1.0, k, k, u, &efforts)
            .russian
            .iter()
            .sum::<f64>()
    }

    /// Applies a week: `changes` (after noise) and the salami `slice` taken this week, then
    /// the fortifications. Returns the change in Kyiv's share.
    pub fn advance(&mut self, front: &FrontParams, changes: &Changes, slice: f64) -> f64 {
        let before = self.kyiv_share();
        let allocation = changes.allocation;
        let total = self.setup.total_area_km2;
        let mut kyiv_gain = 0.0;
        for (i, sector) in Sector::ALL.into_iter().enumerate() {
            let setup = &self.setup.sectors[i];
            let state = &mut self.sectors[i];
            let held = state.kyiv_held_km2;
            // A failed Russian offensive gives ground back up to the line of the start, never
            // the areas held before it; Kyiv's own offensive can retake up to the border.
            let ceiling = if sector.recapturable() {
                setup.kyiv_held_km2.min(setup.area_km2).max(held)
            } else {
                held
            };
            let russian = (changes.russian[i] - slice * allocation[i]) * total;
            let without_kyiv = (held + russian).clamp(0.0, ceiling);
            let after = (without_kyiv + changes.kyiv[i].max(0.0) * total)
                .min(setup.area_km2)
                .max(without_kyiv);
            kyiv_gain += after - without_kyiv;
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
            let target = if changes.kyiv_sector == Some(sector) {
                1.0
            } else {
                0.0
            };
            state.russian_reserve +=
                front.reserve_response_rate.clamp(0.0, 1.0) * (target - state.russian_reserve);
        }
        self.kyiv_gain_km2 = kyiv_gain;
        self.kyiv_gain_total_km2 += kyiv_gain;
        if changes.kyiv_attack > 0.0 {
            self.kyiv_offensive_weeks += 1;
        }
        self.kyiv_share() - before
    }
}

/// Kyiv's offensive kernel: with `commitment` of its reserves attacking with power `attack`
/// against Russia's defence `defence` in the sector, the week's gain as a share of the
/// country is `γ · I_k · (A − d·D)/(A + d·D)` while the attack has the better of the ratio,
/// and 0 otherwise (a failed attack costs men, not ground).
pub fn kyiv_offensive_gain(
    battle: &BattleParams,
    commitment: f64,
    attack: f64,
    defence: f64,
) -> f64 {
    if commitment <= 0.0 || attack <= 0.0 {
        return 0.0;
    }
    let defended = battle.defender_advantage * defence.max(0.0);
    let advantage = (attack - defended) / (attack + defended);
    if advantage <= 0.0 {
        0.0
    } else {
        battle.territory_rate * commitment * advantage
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn russian(changes: [f64; 4]) -> Changes {
        Changes {
            russian: changes,
            ..Changes::default()
        }
    }

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
        let change = f.advance(&params, &russian([-0.02, -0.01, 0.0, 0.0]), 0.0);
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
        let changes = f
            .changes(&battle, &params, 1.0, k, k, 1000.0, &Efforts::default())
            .russian;
        assert!(changes[0] < 0.0 && changes[1] < 0.0, "{changes:?}");
        assert!(
            changes[1] > changes[0],
            "the fortified sector loses less: {changes:?}"
        );
        assert_eq!(changes[2], 0.0, "no effort, no change");
        assert_eq!(changes[3], 0.0, "nothing to take before the start line");
        assert!(f.offensive_gain(&battle, &params, k, 1000.0, None, 0.0) > 0.0);
        // A sector taken whole draws no more effort.
        let mut taken = Front::new(&front());
        taken.sectors[0].kyiv_held_km2 = 0.0;
        assert_eq!(taken.allocation(), [0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn failed_offensives_give_back_ground_only_up_to_the_start_line() {
        let mut f = Front::new(&front());
        let params = FrontParams::default();
        f.advance(&params, &russian([-0.05, 0.0, 0.0, 0.0]), 0.0);
        assert!((f.sectors[0].kyiv_held_km2 - 150.0).abs() < 1e-9);
        // A large recapture stops at the 200 km² of the start; the areas held before the
        // start are never given back.
        f.advance(&params, &russian([0.5, 0.5, 0.5, 0.5]), 0.0);
        assert_eq!(f.sectors[0].kyiv_held_km2, 200.0);
        assert_eq!(f.sectors[3].kyiv_held_km2, 0.0);
        assert!(f.kyiv_share() <= front().kyiv_share() + 1e-12);
    }

    #[test]
    fn works_grow_each_week_and_are_lost_with_the_ground() {
        let mut f = Front::new(&front());
        let params = FrontParams::default();
        f.advance(&params, &russian([0.0; 4]), 0.0);
        assert!((f.sectors[0].fortification - params.fortification_rate).abs() < 1e-12);
        assert_eq!(
            f.sectors[1].fortification, 1.0,
            "complete works stay complete"
        );
        // Losing half the sector loses half its works (before the week's growth).
        let before = f.sectors[1].fortification;
        f.advance(&params, &russian([0.0, -0.1, 0.0, 0.0]), 0.0);
        let expected = before * 0.5 + params.fortification_rate * (1.0 - before * 0.5);
        assert!((f.sectors[1].fortification - expected).abs() < 1e-12);
        // Russia's works on what it took start from nothing.
        assert!(f.sectors[1].russian_fortification < 2.0 * params.fortification_rate);
    }

    /// The test front after Russia took half of the open sector and all of the fortified one's
    /// fortifications but none of its ground.
    fn half_taken() -> Front {
        let mut f = Front::new(&front());
        f.sectors[0].kyiv_held_km2 = 100.0;
        f
    }

    #[test]
    fn russias_reserves_move_to_meet_kyivs_offensive_and_drift_back_when_it_stops() {
        let battle = BattleParams::default();
        let params = FrontParams::default();
        let mut f = half_taken();
        // Russia's effort goes to the north by the weights, so its manoeuvre forces stand
        // there; Kyiv attacks the areas held before 2022, where only the garrison stands.
        let k = 1000.0;
        let efforts = Efforts {
            kyiv_sector: Some(Sector::Occupied2014),
            kyiv_commitment: 1.0,
            ..Efforts::default()
        };
        let before = f.russian_defence(&params, k, 0.0, &f.allocation())[3];
        let mut defence = vec![before];
        // Three weeks: at most 25 km² a week of the 100 Russia holds there is retaken.
        for _ in 0..3 {
            let changes = f.changes(&battle, &params, 0.0, 0.0, k, 4000.0, &efforts);
            assert_eq!(changes.kyiv_sector, Some(Sector::Occupied2014));
            f.advance(&params, &changes, 0.0);
            defence.push(f.russian_defence(&params, k, 0.0, &f.allocation())[3]);
        }
        assert!(
            defence.windows(2).all(|w| w[1] > w[0]),
            "the defence grows week by week: {defence:?}"
        );
        let rho = params.reserve_response_rate;
        let drawn = 1.0 - (1.0 - rho).powi(3);
        assert!((f.sectors[3].russian_reserve - drawn).abs() < 1e-12);
        // The reserves stay within the whole manoeuvre force, and go back once the attack
        // stops.
        let total: f64 = f.sectors.iter().map(|s| s.russian_reserve).sum();
        assert!(total <= 1.0 + 1e-12);
        let quiet = f.changes(&battle, &params, 0.0, 0.0, k, 4000.0, &Efforts::default());
        assert_eq!(quiet.kyiv_sector, None);
        f.advance(&params, &quiet, 0.0);
        assert!((f.sectors[3].russian_reserve - drawn * (1.0 - rho)).abs() < 1e-12);
    }

    #[test]
    fn a_main_axis_draws_its_share_of_the_effort_where_kyiv_holds_ground() {
        let f = Front::new(&front());
        let a = f.allocation_on(Some(Sector::Donbas), 0.5);
        assert!(
            (a[0] - 0.25).abs() < 1e-12 && (a[1] - 0.75).abs() < 1e-12,
            "{a:?}"
        );
        // An axis where Kyiv holds nothing changes nothing.
        assert_eq!(
            f.allocation_on(Some(Sector::Occupied2014), 1.0),
            f.allocation()
        );
        let battle = BattleParams::default();
        let params = FrontParams::default();
        let k = 3.0 * battle.defender_advantage * 1000.0;
        let on_open = f.offensive_gain(&battle, &params, k, 1000.0, Some(Sector::North), 1.0);
        let on_works = f.offensive_gain(&battle, &params, k, 1000.0, Some(Sector::Donbas), 1.0);
        assert!(on_open > on_works, "{on_open} against {on_works}");
        // The week records the effort where it went.
        let efforts = Efforts {
            axis: Some(Sector::Donbas),
            concentration: 0.5,
            ..Efforts::default()
        };
        let mut g = Front::new(&front());
        let changes = g.changes(&battle, &params, 1.0, k, k, 1000.0, &efforts);
        g.advance(&params, &changes, 0.0);
        assert_eq!(g.sectors.clone().map(|s| s.russian_effort), a);
    }

    #[test]
    fn kyivs_offensive_takes_ground_only_with_the_better_of_the_ratio_and_up_to_the_border() {
        let battle = BattleParams::default();
        let params = FrontParams::default();
        let f = half_taken();
        assert_eq!(f.retakable_km2(Sector::North), 100.0);
        assert_eq!(f.retakable_km2(Sector::Occupied2014), 100.0);
        assert_eq!(f.retakable_km2(Sector::Donbas), 0.0);
        let k = 1000.0;
        let defence = f.russian_defence(&params, k, 0.0, &f.allocation());
        // Half of Russia's occupied ground is in the north: half the garrison, and the
        // manoeuvre forces where its effort goes (all of it in the north, by the weights).
        let c = params.garrison_share;
        let expected = k * (c * 0.5 + (1.0 - c) * f.allocation()[0]);
        assert!((defence[0] - expected).abs() < 1e-9, "{defence:?}");
        assert_eq!(defence[1], 0.0, "Russia holds nothing in the Donbas");
        let ratio = f.attack_ratio(&battle, &params, Sector::North, &defence, 4000.0);
        assert!((ratio - (1.0 - c) * 4000.0 / (battle.defender_advantage * expected)).abs() < 1e-9);
        let attack = |u: f64, commitment: f64| {
            let efforts = Efforts {
                kyiv_sector: Some(Sector::North),
                kyiv_commitment: commitment,
                ..Efforts::default()
            };
            f.changes(&battle, &params, 0.0, 0.0, k, u, &efforts)
        };
        let strong = attack(10_000.0, 1.0);
        assert!(strong.kyiv[0] > 0.0, "{strong:?}");
        assert_eq!(strong.kyiv[1..], [0.0; 3]);
        assert!(
            attack(10_000.0, 0.5).kyiv[0] < strong.kyiv[0],
            "half the commitment, less"
        );
        assert_eq!(
            attack(100.0, 1.0).kyiv[0],
            0.0,
            "a failed attack takes nothing"
        );
        // Up to the border and no further, and only what the offensive took counts.
        let mut g = half_taken();
        let huge = Changes {
            kyiv: [1.0, 0.0, 0.0, 0.0],
            kyiv_attack: 1.0,
            ..Changes::default()
        };
        g.advance(&params, &huge, 0.0);
        assert_eq!(g.sectors[0].kyiv_held_km2, 200.0);
        assert_eq!(g.kyiv_gain_km2, 100.0);
        assert_eq!(g.kyiv_offensive_weeks, 1);
        // The areas held before 2022 can be retaken only by an offensive.
        let mut h = half_taken();
        h.advance(&params, &russian([0.0, 0.0, 0.0, 0.5]), 0.0);
        assert_eq!(h.sectors[3].kyiv_held_km2, 0.0);
        let crimea = Changes {
            kyiv: [0.0, 0.0, 0.0, 0.05],
            kyiv_attack: 1.0,
            ..Changes::default()
        };
        h.advance(&params, &crimea, 0.0);
        assert!((h.sectors[3].kyiv_held_km2 - 50.0).abs() < 1e-9);
    }

    #[test]
    fn reserves_committed_to_an_offensive_do_not_defend_elsewhere() {
        let battle = BattleParams::default();
        let params = FrontParams::default();
        let mut f = half_taken();
        f.sectors[1].fortification = 0.0;
        let k = 2.0 * battle.defender_advantage * 1000.0;
        let defending = f.changes(&battle, &params, 1.0, k, k, 1000.0, &Efforts::default());
        let attacking = f.changes(
            &battle,
            &params,
            1.0,
            k,
            k,
            1000.0,
            &Efforts {
                kyiv_sector: Some(Sector::North),
                kyiv_commitment: 0.8,
                ..Efforts::default()
            },
        );
        assert!(
            attacking.russian[1] < defending.russian[1],
            "the Donbas loses more while the reserves attack in the north: {:?} against {:?}",
            attacking.russian,
            defending.russian
        );
    }
}
