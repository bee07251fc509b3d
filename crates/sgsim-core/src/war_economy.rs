//! M20 and M22: Russia's war economy (docs/MODEL.md 7.6c).
//!
//! Four stocks and flows, weekly, with `S` the sanctions pressure (7.6b):
//!
//! - **Evasion** `v` of the sanctions through third countries and the shadow fleet grows
//!   toward `v_max` at `ρ_v` a week while sanctions press, so the effective pressure is
//!   `S_e = S · (1 − v)`.
//! - **The civil economy** `C` (an index, 1 before the war) erodes under the effective
//!   pressure and recovers toward its trend `T_t = (1 + g)^t`:
//!   `C ← C + r·(T_t − C) − e·S_e·C` (`r`, `e` from `[model.sanctions]`).
//! - **Energy revenue** `o = o₀ · (1 − b·S_e)`, a share of GDP: the embargo and the price cap
//!   take the share `b` of it at full effective pressure.
//! - **Defence spending** `m` (a share of GDP) moves at `α` a week toward its target: the
//!   war level `m_w` while the war is hot, `m₀ + κ·(m_w − m₀)` in a ceasefire (rearming).
//!   Spending above the pre-war level `m₀` that the energy revenue above its pre-war level
//!   and domestic borrowing `β` do not cover is paid from the fiscal reserve `F` (a share
//!   of a year's pre-war GDP); once `F` is spent the target cannot exceed
//!   `m₀ + max(0, o − o₀) + β`.
//! - **Output** `Y = C · (1 + μ·(m − m₀))`: defence spending above the pre-war level adds to
//!   output with the multiplier `μ` (military Keynesianism). `Y` is the economy index the
//!   rest of the model reads (recruitment, 7.3; the Kremlin's observation), and the civil
//!   economy's shortfall `1 − C` is what costs domestic support.

use crate::params::{SanctionsParams, WarEconomyParams};

/// Russia's war economy at the start, from the data (`configs/data/belligerents.toml`).
#[derive(Clone, Debug, PartialEq)]
pub struct WarEconomySetup {
    /// `m₀`: military expenditure before the war, share of GDP.
    pub defence_spending_share: f64,
    /// `m_w`: military expenditure the war economy reaches, share of GDP.
    pub defence_spending_share_war: f64,
    /// `o₀`: oil and gas budget revenue before the war, share of GDP.
    pub energy_revenue_share: f64,
    /// `F₀`: liquid reserves at the start, share of a year's pre-war GDP.
    pub fiscal_reserve_share: f64,
    /// `g`: real growth without the war, per year.
    pub trend_growth_per_year: f64,
}

/// The state of the war economy.
#[derive(Clone, Debug, PartialEq)]
pub struct WarEconomy {
    /// The data.
    pub setup: WarEconomySetup,
    /// `C`: the civil economy, an index (1 before the war).
    pub civil: f64,
    /// `v`: the share of the sanctions' bite evaded, [0, 1].
    pub evasion: f64,
    /// `o`: energy revenue, share of GDP.
    pub energy_revenue: f64,
    /// `m`: defence spending, share of GDP.
    pub defence_spending: f64,
    /// `F`: the fiscal reserve left, share of a year's pre-war GDP.
    pub fiscal_reserve: f64,
    /// `Y`: output, an index (1 before the war).
    pub output: f64,
}

impl WarEconomy {
    /// The economy on the eve of the war.
    pub fn new(setup: &WarEconomySetup) -> WarEconomy {
        WarEconomy {
            civil: 1.0,
            evasion: 0.0,
            energy_revenue: setup.energy_revenue_share,
            defence_spending: setup.defence_spending_share,
            fiscal_reserve: setup.fiscal_reserve_share,
            output: 1.0,
            setup: setup.clone(),
        }
    }

    /// One week at sanctions pressure `pressure`, in week `week` of the run, with the war
    /// hot or in a ceasefire.
    pub fn step(
        &mut self,
        p: &WarEconomyParams,
        sanctions: &SanctionsParams,
        pressure: f64,
        week: u32,
        hot: bool,
    ) {
        let s = &self.setup;
        if pressure > 0.0 {
            self.evasion += p.evasion_rate * (p.evasion_max.clamp(0.0, 1.0) - self.evasion);
        }
        let effective = pressure.clamp(0.0, 1.0) * (1.0 - self.evasion.clamp(0.0, 1.0));
        let trend = libm::pow(1.0 + s.trend_growth_per_year, f64::from(week) / 52.0);
        self.civil = (self.civil + sanctions.recovery_per_week * (trend - self.civil)
            - sanctions.erosion_per_week * effective * self.civil)
            .max(0.0);
        self.energy_revenue =
            s.energy_revenue_share * (1.0 - p.energy_bite.clamp(0.0, 1.0) * effective);
        let (m0, mw) = (s.defence_spending_share, s.defence_spending_share_war);
        let mut target = if hot {
            mw
        } else {
            m0 + p.ceasefire_spending_share * (mw - m0)
        };
        let windfall = self.energy_revenue - s.energy_revenue_share;
        if self.fiscal_reserve <= 0.0 {
            target = target.min(m0 + windfall.max(0.0) + p.borrowing_share);
        }
        self.defence_spending += p.spending_adjust * (target - self.defence_spending);
        let gap = (self.defence_spending - m0) - windfall - p.borrowing_share;
        self.fiscal_reserve = (self.fiscal_reserve - gap.max(0.0) / 52.0).max(0.0);
        self.output = self.civil * (1.0 + p.defence_multiplier * (self.defence_spending - m0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> WarEconomySetup {
        WarEconomySetup {
            defence_spending_share: 0.037,
            defence_spending_share_war: 0.071,
            energy_revenue_share: 0.067,
            fiscal_reserve_share: 0.062,
            trend_growth_per_year: 0.01,
        }
    }

    fn run(weeks: u32, pressure: f64, hot: bool, p: &WarEconomyParams) -> WarEconomy {
        let mut e = WarEconomy::new(&setup());
        for week in 0..weeks {
            e.step(p, &SanctionsParams::default(), pressure, week, hot);
        }
        e
    }

    #[test]
    fn war_spending_lifts_output_until_the_reserve_is_spent() {
        let p = WarEconomyParams::default();
        let e = run(104, 0.5, true, &p);
        assert!(e.defence_spending > 0.06, "{}", e.defence_spending);
        assert!(e.fiscal_reserve < 0.062);
        let no_war = {
            let mut q = p.clone();
            q.defence_multiplier = 0.0;
            run(104, 0.5, true, &q)
        };
        assert!(e.output > no_war.output, "spending adds to output");
        // A long war spends the reserve, and spending falls back toward what revenue and
        // borrowing pay for.
        let long = run(1000, 0.5, true, &p);
        assert_eq!(long.fiscal_reserve, 0.0);
        assert!(
            long.defence_spending
                <= 0.037 + (long.energy_revenue - 0.067).max(0.0) + p.borrowing_share + 1e-6
        );
    }

    #[test]
    fn evasion_blunts_the_sanctions_and_the_economy_returns_to_its_trend_without_them() {
        let p = WarEconomyParams::default();
        let evading = run(156, 0.6, false, &p);
        let mut none = p.clone();
        none.evasion_max = 0.0;
        let bitten = run(156, 0.6, false, &none);
        assert!(evading.evasion > 0.5 * p.evasion_max);
        assert!(
            evading.civil > bitten.civil,
            "{} {}",
            evading.civil,
            bitten.civil
        );
        assert!(evading.energy_revenue > bitten.energy_revenue);
        let free = run(520, 0.0, false, &p);
        let trend = libm::pow(1.01, 519.0 / 52.0);
        // It follows the trend with a lag of about g/r (2% here).
        assert!(
            free.civil < trend && free.civil > 0.97 * trend,
            "{} {trend}",
            free.civil
        );
        assert_eq!(free.evasion, 0.0, "nothing to evade");
    }
}
