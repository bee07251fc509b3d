//! Donors outside the alliance (Japan, Australia, South Korea, Switzerland, ...): their
//! decisions are not modelled. Each gives, evenly, what it is recorded to have given over
//! its recorded period, by category, and after the period continues at the same weekly
//! rate times `donors.continuation_factor` (an assumption a sweep varies).

use bevy_ecs::prelude::*;

use crate::resources::{Clock, Params};
use crate::setup::DonorSetup;

/// The donors and what each gives this week.
#[derive(Resource, Clone, Debug, Default)]
pub struct Donors {
    /// The donors, in data order.
    pub setups: Vec<DonorSetup>,
    /// Their actor ids.
    pub ids: Vec<u32>,
    /// This week's aid by donor and category (military, financial, humanitarian).
    pub week: Vec<[f64; 3]>,
}

/// A donor's aid in a week starting on `date`, by category.
pub fn weekly(donor: &DonorSetup, date: chrono::NaiveDate, continuation: f64) -> [f64; 3] {
    if date < donor.recorded_from {
        return [0.0; 3];
    }
    let days = (donor.recorded_until - donor.recorded_from)
        .num_days()
        .max(1) as f64;
    let factor = if date <= donor.recorded_until {
        1.0
    } else {
        continuation
    };
    donor.amounts_eur_bn.map(|a| a * 7.0 / days * factor)
}

/// Sets this week's aid of every donor.
pub fn give(clock: Res<Clock>, params: Res<Params>, mut donors: ResMut<Donors>) {
    let date = clock.date();
    let continuation = params.0.donors.continuation_factor;
    let donors = &mut *donors;
    for (slot, donor) in donors.week.iter_mut().zip(&donors.setups) {
        *slot = weekly(donor, date, continuation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_donor_gives_its_record_evenly_then_continues_at_the_factor() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let donor = DonorSetup {
            code: "JPN".to_owned(),
            group: crate::DonorGroup::Other,
            recorded_from: d(2022, 1, 1),
            recorded_until: d(2023, 1, 1),
            amounts_eur_bn: [0.0, 36.5, 3.65],
        };
        assert_eq!(weekly(&donor, d(2021, 12, 1), 1.0), [0.0; 3]);
        let week = weekly(&donor, d(2022, 6, 1), 0.5);
        assert!((week[1] - 0.7).abs() < 1e-12 && (week[2] - 0.07).abs() < 1e-12);
        let later = weekly(&donor, d(2024, 6, 1), 0.5);
        assert!((later[1] - 0.35).abs() < 1e-12);
    }
}
