//! M05's lines of materiel: artillery ammunition and air defence are their own lines of
//! military aid, each with the donors' stocks, readiness floors and production that ramps
//! up over years (`configs/data/supply.toml`); the rest of military aid is one line of
//! other equipment, sized from the defence budgets (`[model.supply]`).
//!
//! A military pledge is split over the lines by the composition of military aid at the
//! moment it is pledged; each part waits for its own line's stock above the donor's floor.

use chrono::NaiveDate;

/// A line of military materiel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Line {
    /// 155 mm-equivalent artillery rounds.
    Artillery = 0,
    /// Air-defence systems and their interceptors.
    AirDefence = 1,
    /// Every other weapon, vehicle and piece of equipment.
    Equipment = 2,
}

impl Line {
    /// All lines in output order.
    pub const ALL: [Line; 3] = [Line::Artillery, Line::AirDefence, Line::Equipment];

    /// Name used in the output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Line::Artillery => "artillery",
            Line::AirDefence => "air_defence",
            Line::Equipment => "equipment",
        }
    }
}

/// A producer group: the United States, or every other ally (each capital's part of its
/// group's stock and output is its share of the group's defence budgets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Producer {
    /// The United States.
    UnitedStates = 0,
    /// Every other allied capital.
    OtherAllies = 1,
}

/// A rate that changes over the years: values at dated points, linear between them and
/// flat before the first and after the last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ramp {
    /// (date, value), dates strictly increasing.
    pub points: Vec<(NaiveDate, f64)>,
}

impl Ramp {
    /// The value on `date`.
    pub fn at(&self, date: NaiveDate) -> f64 {
        let Some(&(first_date, first)) = self.points.first() else {
            return 0.0;
        };
        if date <= first_date {
            return first;
        }
        for pair in self.points.windows(2) {
            let ((d0, v0), (d1, v1)) = (pair[0], pair[1]);
            if date <= d1 {
                let span = (d1 - d0).num_days() as f64;
                let into = (date - d0).num_days() as f64;
                return v0 + (v1 - v0) * into / span;
            }
        }
        self.points.last().map_or(0.0, |p| p.1)
    }

    /// How much a cumulative series grows in the week from `date`: the slope of the
    /// segment `date` falls in, the first segment's before it and the last segment's after
    /// it (a series that keeps growing at its last assessed pace), per week.
    pub fn growth_per_week(&self, date: NaiveDate) -> f64 {
        let n = self.points.len();
        if n < 2 {
            return 0.0;
        }
        let index = self
            .points
            .windows(2)
            .position(|pair| date < pair[1].0)
            .unwrap_or(n - 2);
        let ((d0, v0), (d1, v1)) = (self.points[index], self.points[index + 1]);
        let days = (d1 - d0).num_days() as f64;
        if days > 0.0 {
            (v1 - v0) / days * 7.0
        } else {
            0.0
        }
    }
}

/// One producer group's data for a line, in the line's units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProducerSetup {
    /// Output, units per year.
    pub production_per_year: Ramp,
    /// Stock at the start of the full-scale invasion, units.
    pub stock_start: f64,
    /// Stock the group keeps for its own readiness, units.
    pub readiness_floor: f64,
}

/// A line's data (artillery ammunition or air defence).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineSetup {
    /// Euro per unit.
    pub price_eur: f64,
    /// Share of military aid that goes to this line, by pledge date, [0, 1].
    pub share_of_military_aid: Ramp,
    /// The United States and the other allies, in [`Producer`] order.
    pub producers: [ProducerSetup; 2],
}

impl LineSetup {
    /// Euro billions per unit.
    pub fn eur_bn_per_unit(&self) -> f64 {
        self.price_eur / 1e9
    }
}

/// Kyiv's artillery: what it fires when the war is hot and what it has and makes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KyivArtillerySetup {
    /// Rounds a week that sustain full-intensity fighting.
    pub need_per_week: f64,
    /// Rounds in stock at the start of the full-scale invasion.
    pub stock_start: f64,
    /// Ukraine's own output, rounds per year.
    pub production_per_year: Ramp,
}

/// The supply data of a run. The default has no lines of their own (all military aid is
/// equipment) and a Kyiv that needs no rounds: a neutral world for system tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SupplySetup {
    /// Artillery ammunition (units: 155 mm-equivalent rounds).
    pub artillery: LineSetup,
    /// Air defence (units: interceptors of the Patriot class).
    pub air_defence: LineSetup,
    /// Kyiv's artillery.
    pub kyiv_artillery: KyivArtillerySetup,
}

impl SupplySetup {
    /// The data of a line with its own stocks (not [`Line::Equipment`]).
    pub fn line(&self, line: Line) -> Option<&LineSetup> {
        match line {
            Line::Artillery => Some(&self.artillery),
            Line::AirDefence => Some(&self.air_defence),
            Line::Equipment => None,
        }
    }

    /// How a military pledge made on `date` is split over the lines (sums to 1).
    pub fn composition(&self, date: NaiveDate) -> [f64; 3] {
        let artillery = self
            .artillery
            .share_of_military_aid
            .at(date)
            .clamp(0.0, 1.0);
        let air = self
            .air_defence
            .share_of_military_aid
            .at(date)
            .clamp(0.0, 1.0 - artillery);
        [artillery, air, 1.0 - artillery - air]
    }
}

/// Splits `amount` by `composition`.
pub fn split(amount: f64, composition: &[f64; 3]) -> [f64; 3] {
    composition.map(|share| amount * share)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_ramp_is_flat_outside_its_points_and_linear_between() {
        let ramp = Ramp {
            points: vec![(day(2022, 1, 1), 100.0), (day(2022, 1, 11), 200.0)],
        };
        assert_eq!(ramp.at(day(2021, 6, 1)), 100.0);
        assert!((ramp.at(day(2022, 1, 6)) - 150.0).abs() < 1e-12);
        assert_eq!(ramp.at(day(2030, 1, 1)), 200.0);
        assert_eq!(Ramp::default().at(day(2022, 1, 1)), 0.0);
        // 100 over 10 days is 70 a week, inside the segment and after it.
        assert!((ramp.growth_per_week(day(2022, 1, 3)) - 70.0).abs() < 1e-9);
        assert!((ramp.growth_per_week(day(2025, 1, 3)) - 70.0).abs() < 1e-9);
    }

    #[test]
    fn a_composition_sums_to_one_and_never_goes_negative() {
        let producer = ProducerSetup {
            production_per_year: Ramp::default(),
            stock_start: 0.0,
            readiness_floor: 0.0,
        };
        let line = |share: f64| LineSetup {
            price_eur: 1.0,
            share_of_military_aid: Ramp {
                points: vec![(day(2022, 1, 1), share)],
            },
            producers: [producer.clone(), producer.clone()],
        };
        let supply = SupplySetup {
            artillery: line(0.7),
            air_defence: line(0.6),
            kyiv_artillery: KyivArtillerySetup {
                need_per_week: 1.0,
                stock_start: 0.0,
                production_per_year: Ramp::default(),
            },
        };
        let c = supply.composition(day(2023, 1, 1));
        assert!((c.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((c[1] - 0.3).abs() < 1e-12 && c[2].abs() < 1e-12, "{c:?}");
    }
}
