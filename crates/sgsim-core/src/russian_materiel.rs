//! M20: Russia's heavy equipment, the link from its war economy to its combat power
//! (docs/MODEL.md 7.6d).
//!
//! Main battle tanks stand for the army's heavy equipment. Weekly:
//!
//! - **Losses** go with the men: a week's casualties `L_r` take `λ · L_r · A/F_r` tanks with
//!   them (`λ = model.battle.russian_tank_loss_ratio`), where `A` is the tanks in service and
//!   `F_r` the force in the theatre, so `λ = 1` loses equipment at the rate men are lost.
//! - **Supply** grows with the war economy: with the defence industry's mobilisation
//!   `s = clamp((m − m₀)/(m_w − m₀), 0, 1)` from defence spending `m` (7.6c), the plants
//!   add `s · P/52` new tanks and refurbish `s · R/52` from the restorable stock in storage
//!   `S` (never more than is left). Before the war (`s = 0`) the fleet does not grow; in a
//!   ceasefire spending stays at `κ` of the war's extra level, so Russia rearms.
//! - **Quality** of a Russian soldier is `q_r · g`, with the equipment factor
//!   `g = clamp(((A/F_r)/(A₀/F₀))^σ, q_min, q_max)`: the same power law in equipment per
//!   soldier as Ukraine's quality (7.3, `σ = equipment_exponent`, the same bounds), relative
//!   to the start, so that `q_r` is the invasion force's quality and a force that grows
//!   faster than its equipment fights with less of it.

use crate::params::BattleParams;

/// Russia's tanks at the start, from the data (`configs/data/belligerents.toml`).
#[derive(Clone, Debug, PartialEq)]
pub struct RussianMaterielSetup {
    /// `A₀`: main battle tanks in service.
    pub tanks_in_service: f64,
    /// `S₀`: tanks in storage that can be restored to service.
    pub tanks_restorable: f64,
    /// `P`: new tanks a year at the war level of defence spending.
    pub new_tanks_per_year_war: f64,
    /// `R`: tanks restored from storage a year at the war level of defence spending.
    pub refurbished_per_year_war: f64,
}

/// The state of Russia's tank fleet.
#[derive(Clone, Debug, PartialEq)]
pub struct RussianMateriel {
    /// `A`: tanks in service.
    pub in_service: f64,
    /// `S`: restorable tanks left in storage.
    pub in_storage: f64,
    /// `A₀/F₀`: tanks per soldier at the start, where `g = 1`.
    pub reference_per_soldier: f64,
    /// Tanks lost this week.
    pub lost: f64,
    /// Tanks added this week (new and restored).
    pub added: f64,
    /// Tanks lost over the run.
    pub lost_total: f64,
    /// `P`, `R`: the yearly supply at the war level of spending.
    new_per_year: f64,
    refurbished_per_year: f64,
}

impl RussianMateriel {
    /// The fleet on the eve of the war, for a force of `forces` in the theatre.
    pub fn new(setup: &RussianMaterielSetup, forces: f64) -> RussianMateriel {
        RussianMateriel {
            in_service: setup.tanks_in_service,
            in_storage: setup.tanks_restorable,
            reference_per_soldier: if forces > 0.0 {
                setup.tanks_in_service / forces
            } else {
                0.0
            },
            lost: 0.0,
            added: 0.0,
            lost_total: 0.0,
            new_per_year: setup.new_tanks_per_year_war,
            refurbished_per_year: setup.refurbished_per_year_war,
        }
    }

    /// The equipment factor `g` of a force of `forces` sharing the tanks in service.
    pub fn factor(&self, p: &BattleParams, forces: f64) -> f64 {
        if forces <= 0.0 || self.reference_per_soldier <= 0.0 {
            return 1.0;
        }
        let ratio = self.in_service / forces / self.reference_per_soldier;
        libm::pow(ratio.max(0.0), p.equipment_exponent).clamp(p.quality_min, p.quality_max)
    }

    /// One week: `casualties` from a force of `forces` (before the losses), with the defence
    /// industry mobilised to the share `mobilisation` of its war level, [0, 1].
    pub fn step(&mut self, p: &BattleParams, casualties: f64, forces: f64, mobilisation: f64) {
        let per_soldier = if forces > 0.0 {
            self.in_service / forces
        } else {
            0.0
        };
        self.lost =
            (p.russian_tank_loss_ratio * casualties * per_soldier).clamp(0.0, self.in_service);
        let s = mobilisation.clamp(0.0, 1.0);
        let refurbished = (s * self.refurbished_per_year / 52.0).min(self.in_storage);
        self.in_storage -= refurbished;
        self.added = s * self.new_per_year / 52.0 + refurbished;
        self.in_service += self.added - self.lost;
        self.lost_total += self.lost;
    }
}

/// The defence industry's mobilisation `s = clamp((m − m₀)/(m_w − m₀), 0, 1)` for defence
/// spending `m` between its pre-war level `m₀` and its war level `m_w` (shares of GDP).
pub fn mobilisation(spending: f64, prewar: f64, war: f64) -> f64 {
    if war > prewar {
        ((spending - prewar) / (war - prewar)).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> RussianMaterielSetup {
        RussianMaterielSetup {
            tanks_in_service: 2900.0,
            tanks_restorable: 5000.0,
            new_tanks_per_year_war: 250.0,
            refurbished_per_year_war: 1250.0,
        }
    }

    #[test]
    fn a_force_that_outgrows_its_equipment_fights_with_less_of_it() {
        let p = BattleParams::default();
        let fleet = RussianMateriel::new(&setup(), 190_000.0);
        assert!((fleet.factor(&p, 190_000.0) - 1.0).abs() < 1e-12);
        // Four times the men on the same tanks: (1/4)^σ.
        let spread = fleet.factor(&p, 760_000.0);
        assert!(
            (spread - libm::pow(0.25, p.equipment_exponent)).abs() < 1e-12,
            "{spread}"
        );
        assert_eq!(fleet.factor(&p, 1.0), p.quality_max);
    }

    #[test]
    fn losses_go_with_the_men_and_the_war_economy_replaces_them_from_storage() {
        let p = BattleParams::default();
        let mut fleet = RussianMateriel::new(&setup(), 190_000.0);
        // 1,900 casualties of 190,000 (1%) take 1% of the tanks at λ.
        fleet.step(&p, 1_900.0, 190_000.0, 0.0);
        assert!((fleet.lost - p.russian_tank_loss_ratio * 29.0).abs() < 1e-9);
        assert_eq!(fleet.added, 0.0, "no supply before the industry mobilises");
        // At the war level, a year adds P + R.
        let mut mobilised = RussianMateriel::new(&setup(), 190_000.0);
        for _ in 0..52 {
            mobilised.step(&p, 0.0, 190_000.0, 1.0);
        }
        assert!((mobilised.in_service - (2900.0 + 1500.0)).abs() < 1e-6);
        assert!((mobilised.in_storage - (5000.0 - 1250.0)).abs() < 1e-6);
        // Storage runs out; only new production goes on.
        for _ in 0..52 * 5 {
            mobilised.step(&p, 0.0, 190_000.0, 1.0);
        }
        assert_eq!(mobilised.in_storage, 0.0);
        assert!((mobilised.in_service - (2900.0 + 5000.0 + 6.0 * 250.0)).abs() < 1e-6);
        assert_eq!(mobilisation(0.071, 0.037, 0.071), 1.0);
        assert!((mobilisation(0.054, 0.037, 0.071) - 0.5).abs() < 1e-12);
        assert_eq!(mobilisation(0.03, 0.037, 0.071), 0.0);
    }
}
