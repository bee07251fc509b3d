//! M08–M11, M13, M14, M19 and M24 as the Kremlin reads them: the balance of forces it
//! expects from renewed war, now and after the current trends have run on, with and without
//! an answer from the guarantors, and where a test of resolve would hurt the arrangement most.
//!
//! **Balance.** With Ukraine's combat power `U` (own forces times quality and training plus
//! allied units engaged) and Russia's full combat power `K = F_r · q_r · denial(D)` (all of
//! it committed), the expected weekly gain in the occupied share from an all-out offensive
//! is `g(K, U)`, the battle kernel at intensity 1 ([`super::battle::territory_change`])
//! summed over the sectors of the front as they stand, with their terrain and
//! fortifications ([`crate::front::Front::offensive_gain`]). The Kremlin reads three values of it:
//! `g₀ = g(K, U)` if no one answers, `g₁ = g(K, U + P)` if the guarantors answer with the
//! response power `P` (M13), and `g_p = g(K·ρ_K, U·ρ_U)` after `battle.projection_weeks`,
//! with `ρ = X_now / X_then` each side's power trend over the last `projection_weeks`
//! (clamped to [0.5, 2]). A balance shifting against Russia (`g_p < g₀`: Ukraine rearms,
//! denial grows, trainers arrive) is Fearon's commitment problem; a balance shifting toward
//! it (its own rebuild during a ceasefire) is what makes a ceasefire fragile.
//!
//! **Where to test (M09).** While a guarantee is declared, or Ukraine is invited or a
//! member, the test goes to the guarantor with the lowest answer probability `p_i`;
//! otherwise to the donor with the most aid at stake that the Kremlin doubts most, the
//! largest `(1 − b_i)·GDP_i`.
//!
//! **Slices (M11).** Each capital's record of tests left unanswered in a row, and the largest
//! of them, is kept here: the capital sees its own count (habituation raises its threshold),
//! the Kremlin sees its target's.

use std::collections::VecDeque;

use bevy_ecs::prelude::*;

use crate::components::{Beliefs, CapitalProfile, KremlinState, KyivState};
use crate::front::Sector;
use crate::institutions::{Guarantee, Membership, is_guarantor};
use crate::resources::{Params, Roster, War};
use crate::systems::battle::{denial_factor, recruitment_capacity, russian_power, ukrainian_power};

/// What the Kremlin reads about the balance and its tests, refreshed every tick.
#[derive(Resource, Clone, Debug, Default)]
pub struct Deterrence {
    /// Ukraine's combat power with allied units engaged, Ukrainian-soldier equivalents.
    pub ukraine_power: f64,
    /// Russia's full combat power, with denial.
    pub russia_power: f64,
    /// `g₀`: weekly gain in the occupied share from an all-out offensive, unanswered.
    pub gain_unanswered: f64,
    /// `g₁`: the same against the guarantors' answer.
    pub gain_answered: f64,
    /// `g_p`: `g₀` after the projection.
    pub gain_projected: f64,
    /// `g₀` with the whole effort on the north, the Donbas and the south.
    pub gain_axis: [f64; 3],
    /// The ratio of an offensive by all of Kyiv's reserves in each sector, [`Sector::ALL`]
    /// order ([`crate::front::Front::attack_ratio`]).
    pub attack_ratio: [f64; 4],
    /// Ground Russia holds in each sector, which Kyiv's offensive could retake, km².
    pub retakable_km2: [f64; 4],
    /// Russia's recruitment capacity this week, persons per week.
    pub recruitment_capacity: f64,
    /// Whether allied forces fight Russian forces this tick.
    pub engaged: bool,
    /// `(U, K)` of the last `projection_weeks` ticks, oldest first.
    history: VecDeque<(f64, f64)>,
    /// Size of the test each capital is under (0 when none), by roster index.
    pub test_size: Vec<f64>,
    /// Tests each capital left unanswered in a row.
    pub unanswered: Vec<u32>,
    /// Largest test each capital left unanswered in that run.
    pub largest_unanswered: Vec<f64>,
    /// Slices (tests during a ceasefire) so far.
    pub slices: u32,
    /// Slices left unanswered.
    pub unanswered_slices: u32,
    /// Scratch for `assess_balance`, kept so the weekly pass allocates nothing: whether
    /// each capital is a guarantor, and each capital's GDP.
    scratch: (Vec<bool>, Vec<f64>),
}

impl Deterrence {
    /// For `n` capitals.
    pub fn new(n: usize) -> Self {
        Deterrence {
            test_size: vec![0.0; n],
            unanswered: vec![0; n],
            largest_unanswered: vec![0.0; n],
            ..Deterrence::default()
        }
    }

    /// Records capital `index`'s answer `response` to its pending test: below `threshold`
    /// it counts as unanswered.
    pub fn record_answer(&mut self, index: usize, response: f64, threshold: f64) {
        let size = self.test_size.get(index).copied().unwrap_or(0.0);
        if let (Some(count), Some(largest)) = (
            self.unanswered.get_mut(index),
            self.largest_unanswered.get_mut(index),
        ) {
            if response < threshold {
                *count += 1;
                *largest = largest.max(size);
            } else {
                *count = 0;
                *largest = 0.0;
            }
        }
        if let Some(slot) = self.test_size.get_mut(index) {
            *slot = 0.0;
        }
    }
}

/// A power trend `now / then`, clamped to [0.5, 2] (1 without history).
pub fn trend(now: f64, then: f64) -> f64 {
    if then > 0.0 {
        (now / then).clamp(0.5, 2.0)
    } else {
        1.0
    }
}

/// The capital a test would hurt most: the guarantor with the lowest answer probability
/// while there are guarantors, else the largest `(1 − b_i)·GDP_i`; ties go to the lowest index.
pub fn test_target(
    guarantors: &[bool],
    answer: &[f64],
    belief: &[f64],
    gdp: &[f64],
) -> Option<usize> {
    if guarantors.iter().any(|&g| g) {
        answer
            .iter()
            .enumerate()
            .filter(|&(i, _)| guarantors.get(i) == Some(&true))
            .min_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
    } else {
        belief
            .iter()
            .zip(gdp)
            .map(|(b, g)| (1.0 - b) * g)
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    }
}

/// Observe schedule, before the observations: the balance the Kremlin reads this tick
/// (from last tick's battle and guarantee) and where its next test would go.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn assess_balance(
    params: Res<Params>,
    roster: Res<Roster>,
    guarantee: Res<Guarantee>,
    membership: Res<Membership>,
    mut war: ResMut<War>,
    mut deterrence: ResMut<Deterrence>,
    kremlin: Query<(&KremlinState, &crate::components::Opinion, &Beliefs)>,
    kyiv: Query<&KyivState>,
    capitals: Query<&CapitalProfile>,
    front: Res<crate::front::Front>,
) {
    let p = &params.0;
    let (Ok((russia, opinion, beliefs)), Ok(ukraine)) =
        (kremlin.get(roster.kremlin), kyiv.get(roster.kyiv))
    else {
        return;
    };
    let u = ukrainian_power(p, ukraine) + war.allied_power;
    let denial = denial_factor(&p.battle, ukraine.denial);
    let k = russian_power(&p.battle, russia, russia.forces, denial);
    let weeks = p.battle.projection_weeks as usize;
    let d = &mut *deterrence;
    d.history.push_back((u, k));
    while d.history.len() > weeks + 1 {
        d.history.pop_front();
    }
    let (u_then, k_then) = d.history.front().copied().unwrap_or((u, k));
    let k_cap = russian_power(&p.battle, russia, russia.forces_cap, denial);
    d.ukraine_power = u;
    d.russia_power = k;
    let (b, f) = (&p.battle, &p.front);
    d.gain_unanswered = front.offensive_gain(b, f, k, u, None, 0.0);
    d.gain_answered = front.offensive_gain(b, f, k, u + guarantee.response_power, None, 0.0);
    d.gain_projected = front.offensive_gain(
        b,
        f,
        (k * trend(k, k_then)).min(k_cap.max(k)),
        u * trend(u, u_then),
        None,
        0.0,
    );
    for (gain, axis) in d.gain_axis.iter_mut().zip(Sector::ALL) {
        *gain = front.offensive_gain(b, f, k, u, Some(axis), 1.0);
    }
    let allocation = front.allocation_on(war.efforts.axis, war.efforts.concentration);
    let defence = front.russian_defence(f, k, war.intensity, &allocation);
    for (i, sector) in Sector::ALL.into_iter().enumerate() {
        d.attack_ratio[i] = front.attack_ratio(b, f, sector, &defence, u);
        d.retakable_km2[i] = front.retakable_km2(sector);
    }
    d.recruitment_capacity = recruitment_capacity(russia, opinion.public_support);
    d.engaged = war.allied_power > 0.0;

    let n = roster.capitals.len();
    let (guarantors, gdp) = &mut d.scratch;
    guarantors.clear();
    guarantors.extend((0..n).map(|i| is_guarantor(&guarantee, &membership, i)));
    gdp.clear();
    gdp.extend(
        roster
            .capitals
            .iter()
            .map(|&e| capitals.get(e).map_or(0.0, |c| c.gdp_eur_bn)),
    );
    if let Some(index) = test_target(guarantors, &guarantee.per_capital, &beliefs.values, gdp) {
        war.weakest_guarantor = roster.capital_ids[index];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_takes_away_the_gain_and_a_shift_toward_ukraine_lowers_the_projection() {
        let p = crate::params::BattleParams::default();
        let f = crate::params::FrontParams::default();
        let front = crate::front::Front::new(&crate::front::FrontSetup::whole(0.9));
        let gain = |k: f64, u: f64| front.offensive_gain(&p, &f, k, u, None, 0.0);
        let k = 600_000.0 * p.russian_quality;
        let u = 800_000.0;
        let unanswered = gain(k, u);
        let answered = gain(k, u + 300_000.0);
        assert!(
            unanswered > 0.0,
            "Russia's full power outweighs Ukraine's defence"
        );
        assert!(answered < unanswered);
        let projected = gain(k, u * trend(u, u / 1.5));
        assert!(
            projected < unanswered,
            "Ukraine growing 1.5x closes the window"
        );
        assert_eq!(trend(10.0, 1.0), 2.0, "trends are clamped");
        assert_eq!(trend(1.0, 0.0), 1.0);
    }

    #[test]
    fn tests_go_to_the_least_reliable_guarantor_or_to_the_largest_doubted_donor() {
        let answer = [0.0, 0.6, 0.3, 0.0];
        let guarantors = [false, true, true, false];
        let belief = [0.9, 0.1, 0.1, 0.2];
        let gdp = [20_000.0, 3_000.0, 2_000.0, 10.0];
        assert_eq!(test_target(&guarantors, &answer, &belief, &gdp), Some(2));
        let none = [false; 4];
        // (1 − b)·GDP: 2,000, 2,700, 1,800, 8: the second donor.
        assert_eq!(test_target(&none, &answer, &belief, &gdp), Some(1));
    }

    #[test]
    fn unanswered_tests_count_up_and_an_answer_resets_them() {
        let mut d = Deterrence::new(2);
        d.test_size[0] = 0.2;
        d.record_answer(0, 0.0, 0.3);
        d.test_size[0] = 0.35;
        d.record_answer(0, 0.1, 0.3);
        assert_eq!(d.unanswered[0], 2);
        assert_eq!(d.largest_unanswered[0], 0.35);
        d.test_size[0] = 0.5;
        d.record_answer(0, 0.8, 0.3);
        assert_eq!((d.unanswered[0], d.largest_unanswered[0]), (0, 0.0));
        assert_eq!(d.test_size[0], 0.0);
    }
}
