//! M06: mobilisation and allied training.
//!
//! Each week Kyiv calls up `mobilisation · ukraine_max_callup_per_week` men from its pool.
//! It sends the share `training_share` of them to allied courses, up to the places there
//! are: `training.places_abroad_per_week` abroad, plus
//! `training.trainees_per_trainer_per_week` for every allied trainer inside Ukraine (units
//! of kind `trainers` in the Ukrainian rear or at the front). Courses abroad take
//! `training.weeks_abroad` weeks from call-up to the line, courses in Ukraine
//! `training.weeks_in_ukraine`. The others join the line at once, untrained. Graduates
//! join the line as trained soldiers; losses fall on trained and untrained alike. The
//! trained share raises combat power in the battle (M07).

use bevy_ecs::prelude::*;

use crate::components::{KyivState, Unit};
use crate::params::TrainingParams;
use crate::resources::{Clock, Params, Roster, War};

/// The unit kind whose troops train Ukrainian recruits inside Ukraine.
pub const TRAINERS: &str = "trainers";

/// Places this week, abroad and inside Ukraine, for `trainers` allied trainers in Ukraine.
pub fn training_places(p: &TrainingParams, trainers: f64) -> (f64, f64) {
    (
        p.places_abroad_per_week.max(0.0),
        (trainers * p.trainees_per_trainer_per_week).max(0.0),
    )
}

/// Advance schedule, after the battle: call-up, courses and graduation.
pub fn train(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    war: Res<War>,
    units: Query<&Unit>,
    mut kyiv: Query<&mut KyivState>,
) {
    let p = &params.0.training;
    let Ok(mut ukraine) = kyiv.get_mut(roster.kyiv) else {
        return;
    };
    let trainers = trainers_in_ukraine(roster.units.iter().filter_map(|&e| units.get(e).ok()));
    let (abroad_places, inside_places) = training_places(p, trainers);
    let callup = (war.mobilisation * params.0.belligerents.ukraine_max_callup_per_week)
        .min(ukraine.manpower_pool)
        .max(0.0);
    ukraine.manpower_pool -= callup;
    let to_train = (callup * war.training_share).min(abroad_places + inside_places);
    let abroad = to_train.min(abroad_places);
    let inside = to_train - abroad;
    let tick = clock.tick;
    if abroad > 0.0 {
        ukraine
            .in_training
            .push_back((tick + p.weeks_abroad.max(1), abroad));
    }
    if inside > 0.0 {
        ukraine
            .in_training
            .push_back((tick + p.weeks_in_ukraine.max(1), inside));
    }
    let graduates: f64 = ukraine
        .in_training
        .iter()
        .filter(|&&(due, _)| due <= tick)
        .map(|&(_, n)| n)
        .sum();
    ukraine.in_training.retain(|&(due, _)| due > tick);
    ukraine.forces += callup - to_train + graduates;
    ukraine.trained += graduates;
}

/// Allied trainers inside Ukraine among `units`, persons.
pub fn trainers_in_ukraine<'a>(units: impl Iterator<Item = &'a Unit>) -> f64 {
    units
        .filter(|u| u.kind == TRAINERS && u.in_ukraine())
        .map(|u| u.troops)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trainers_in_ukraine_add_places() {
        let p = TrainingParams::default();
        let (abroad, inside) = training_places(&p, 0.0);
        assert_eq!(abroad, p.places_abroad_per_week);
        assert_eq!(inside, 0.0);
        let (_, inside) = training_places(&p, 500.0);
        assert_eq!(inside, 500.0 * p.trainees_per_trainer_per_week);
    }
}
