//! The model quantities a calibration target can name, and the sink that computes every one
//! of them for every tick of a run from the rows the traces are written from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sgsim_core::{ActorInfo, DonorGroup, Role, TickOutput};

use sgsim_run::engine::TickSink;

/// A model quantity, read at the model week of a target's date. Each is defined by the CSV
/// traces a plain `sgsim run` of the same scenario and seed writes; "at the week" means the
/// row of that week's tick, "up to the week" the sum over ticks 0 to that tick inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Share of Ukraine's territory Kyiv holds, [0, 1]: `war.csv` `kyiv_territory` at the week.
    KyivTerritory,
    /// Russian forces in theatre, persons: `force_posture.csv` `troops` of actor `RUS` at the
    /// week.
    RussiaForces,
    /// Ukrainian forces in the line, persons: `force_posture.csv` `troops` of actor `UKR` at
    /// the week.
    UkraineForces,
    /// Russian losses (killed and wounded), persons: `war.csv` `russia_losses` summed up to the
    /// week.
    RussiaLossesCumulative,
    /// Ukrainian losses (killed and wounded), persons: `war.csv` `ukraine_losses` summed up to
    /// the week.
    UkraineLossesCumulative,
    /// Aid delivered by the United States, euro billions: `aid_flows.csv` `delivered` of the
    /// donors in the US donor group, summed up to the week.
    AidDeliveredUsCumulative,
    /// Aid delivered by European donors, euro billions: `aid_flows.csv` `delivered` of the
    /// donors in the European donor group (`sgsim_core::DonorGroup::Europe`), summed up to the
    /// week.
    AidDeliveredEuropeCumulative,
    /// Aid pledged by the United States, euro billions: `aid_flows.csv` `pledged` of the
    /// donors in the US donor group, summed up to the week.
    AidPledgedUsCumulative,
    /// Aid pledged by European donors, euro billions: `aid_flows.csv` `pledged` of the donors
    /// in the European donor group, summed up to the week.
    AidPledgedEuropeCumulative,
    /// Change of US public support for aid, [-1, 1]: `resolve.csv` `public_support` of the
    /// capital in the US donor group at the week minus at tick 0.
    UsSupportChange,
    /// The Russian economy, an index (1 before the war): `war.csv` `russia_economy` at the week.
    RussiaEconomy,
    /// Area Kyiv holds in the northern sector, km²: `war.csv` `kyiv_held_north_km2` at the
    /// week.
    KyivHeldNorthKm2,
    /// Area Kyiv holds in the Donbas sector, km²: `war.csv` `kyiv_held_donbas_km2` at the
    /// week.
    KyivHeldDonbasKm2,
    /// Area Kyiv holds in the southern sector, km²: `war.csv` `kyiv_held_south_km2` at the
    /// week.
    KyivHeldSouthKm2,
    /// Russian main battle tanks lost: `war.csv` `russia_tanks_lost` summed up to the week.
    RussiaTanksLostCumulative,
    /// Ground Kyiv's offensives retook, km²: `war.csv` `kyiv_retaken_km2` summed up to the
    /// week.
    KyivRetakenCumulativeKm2,
}

impl Metric {
    /// Every metric, in the order of their values in [`MetricSink`].
    pub const ALL: [Metric; 16] = [
        Metric::KyivTerritory,
        Metric::RussiaForces,
        Metric::UkraineForces,
        Metric::RussiaLossesCumulative,
        Metric::UkraineLossesCumulative,
        Metric::AidDeliveredUsCumulative,
        Metric::AidDeliveredEuropeCumulative,
        Metric::AidPledgedUsCumulative,
        Metric::AidPledgedEuropeCumulative,
        Metric::UsSupportChange,
        Metric::RussiaEconomy,
        Metric::KyivHeldNorthKm2,
        Metric::KyivHeldDonbasKm2,
        Metric::KyivHeldSouthKm2,
        Metric::RussiaTanksLostCumulative,
        Metric::KyivRetakenCumulativeKm2,
    ];

    /// The name used in targets files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::KyivTerritory => "kyiv_territory",
            Metric::RussiaForces => "russia_forces",
            Metric::UkraineForces => "ukraine_forces",
            Metric::RussiaLossesCumulative => "russia_losses_cumulative",
            Metric::UkraineLossesCumulative => "ukraine_losses_cumulative",
            Metric::AidDeliveredUsCumulative => "aid_delivered_us_cumulative",
            Metric::AidDeliveredEuropeCumulative => "aid_delivered_europe_cumulative",
            Metric::AidPledgedUsCumulative => "aid_pledged_us_cumulative",
            Metric::AidPledgedEuropeCumulative => "aid_pledged_europe_cumulative",
            Metric::UsSupportChange => "us_support_change",
            Metric::RussiaEconomy => "russia_economy",
            Metric::KyivHeldNorthKm2 => "kyiv_held_north_km2",
            Metric::KyivHeldDonbasKm2 => "kyiv_held_donbas_km2",
            Metric::KyivHeldSouthKm2 => "kyiv_held_south_km2",
            Metric::RussiaTanksLostCumulative => "russia_tanks_lost_cumulative",
            Metric::KyivRetakenCumulativeKm2 => "kyiv_retaken_cumulative_km2",
        }
    }

    /// The unit of the metric's values (and of a target's `observed` and `tolerance`).
    pub fn unit(self) -> &'static str {
        match self {
            Metric::KyivTerritory => "share",
            Metric::RussiaForces
            | Metric::UkraineForces
            | Metric::RussiaLossesCumulative
            | Metric::UkraineLossesCumulative => "persons",
            Metric::AidDeliveredUsCumulative
            | Metric::AidDeliveredEuropeCumulative
            | Metric::AidPledgedUsCumulative
            | Metric::AidPledgedEuropeCumulative => "EUR bn",
            Metric::UsSupportChange => "change",
            Metric::RussiaEconomy => "index",
            Metric::KyivHeldNorthKm2
            | Metric::KyivHeldDonbasKm2
            | Metric::KyivHeldSouthKm2
            | Metric::KyivRetakenCumulativeKm2 => "km2",
            Metric::RussiaTanksLostCumulative => "tanks",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Running sums over the ticks so far.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    russia_losses: f64,
    russia_tanks_lost: f64,
    kyiv_retaken: f64,
    ukraine_losses: f64,
    delivered_us: f64,
    delivered_europe: f64,
    pledged_us: f64,
    pledged_europe: f64,
}

/// Computes every [`Metric`] at every tick of one run, from the same rows the trace writer
/// formats (so a value printed with six decimals is the one in the traces).
#[derive(Debug)]
pub struct MetricSink {
    groups: Vec<Option<DonorGroup>>,
    russia: Option<u32>,
    ukraine: Option<u32>,
    sums: Sums,
    us_support_start: Option<f64>,
    ticks: Vec<(NaiveDate, [f64; Metric::ALL.len()])>,
}

impl MetricSink {
    /// For a world with these actors.
    pub fn new(actors: &[ActorInfo]) -> MetricSink {
        let max = actors.iter().map(|a| a.id as usize).max().unwrap_or(0);
        let mut groups = vec![None; max + 1];
        for actor in actors {
            groups[actor.id as usize] = actor.group;
        }
        let find = |role: Role| actors.iter().find(|a| a.role == role).map(|a| a.id);
        MetricSink {
            groups,
            russia: find(Role::Kremlin),
            ukraine: find(Role::Kyiv),
            sums: Sums::default(),
            us_support_start: None,
            ticks: Vec::new(),
        }
    }

    fn group(&self, actor: u32) -> Option<DonorGroup> {
        self.groups.get(actor as usize).copied().flatten()
    }

    /// The value of `metric` at `tick` and that tick's date; `None` if the run did not reach
    /// the tick. A metric the scenario has no actor for (US support without a US capital)
    /// is NaN.
    pub fn value(&self, metric: Metric, tick: u32) -> Option<(NaiveDate, f64)> {
        self.ticks
            .get(tick as usize)
            .map(|(date, values)| (*date, values[metric.index()]))
    }
}

impl TickSink for MetricSink {
    fn write_tick(&mut self, rows: &TickOutput) -> std::io::Result<()> {
        let Some(war) = rows.war.first() else {
            return Ok(());
        };
        if war.tick as usize != self.ticks.len() {
            return Err(std::io::Error::other(format!(
                "calibration expected tick {}, got tick {}",
                self.ticks.len(),
                war.tick
            )));
        }
        self.sums.russia_losses += war.russia_losses;
        self.sums.russia_tanks_lost += war.russia_tanks_lost;
        self.sums.kyiv_retaken += war.kyiv_retaken_km2;
        self.sums.ukraine_losses += war.ukraine_losses;
        for row in &rows.aid {
            match self.group(row.donor) {
                Some(DonorGroup::UnitedStates) => {
                    self.sums.delivered_us += row.delivered;
                    self.sums.pledged_us += row.pledged;
                }
                Some(group) if group.european() => {
                    self.sums.delivered_europe += row.delivered;
                    self.sums.pledged_europe += row.pledged;
                }
                Some(_) | None => {}
            }
        }
        let troops = |actor: Option<u32>| {
            rows.posture
                .iter()
                .filter(|row| Some(row.actor) == actor)
                .map(|row| row.troops)
                .sum::<f64>()
        };
        let us_support = rows
            .resolve
            .iter()
            .find(|row| self.group(row.actor) == Some(DonorGroup::UnitedStates))
            .map_or(f64::NAN, |row| row.public_support);
        let start = *self.us_support_start.get_or_insert(us_support);

        let mut values = [0.0; Metric::ALL.len()];
        for metric in Metric::ALL {
            values[metric.index()] = match metric {
                Metric::KyivTerritory => war.kyiv_territory,
                Metric::RussiaForces => troops(self.russia),
                Metric::UkraineForces => troops(self.ukraine),
                Metric::RussiaLossesCumulative => self.sums.russia_losses,
                Metric::UkraineLossesCumulative => self.sums.ukraine_losses,
                Metric::AidDeliveredUsCumulative => self.sums.delivered_us,
                Metric::AidDeliveredEuropeCumulative => self.sums.delivered_europe,
                Metric::AidPledgedUsCumulative => self.sums.pledged_us,
                Metric::AidPledgedEuropeCumulative => self.sums.pledged_europe,
                Metric::UsSupportChange => us_support - start,
                Metric::RussiaEconomy => war.russia_economy,
                Metric::KyivHeldNorthKm2 => war.kyiv_held_km2[0],
                Metric::KyivHeldDonbasKm2 => war.kyiv_held_km2[1],
                Metric::KyivHeldSouthKm2 => war.kyiv_held_km2[2],
                Metric::RussiaTanksLostCumulative => self.sums.russia_tanks_lost,
                Metric::KyivRetakenCumulativeKm2 => self.sums.kyiv_retaken,
            };
        }
        self.ticks.push((war.date, values));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_serde_names_and_the_order_of_all() {
        for (index, metric) in Metric::ALL.into_iter().enumerate() {
            assert_eq!(metric.index(), index);
            let value = toml::Value::String(metric.as_str().to_owned());
            assert_eq!(value.try_into::<Metric>().unwrap(), metric);
        }
    }
}
