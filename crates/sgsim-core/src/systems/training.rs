//! M06: mobilisation and allied training, within Ukraine's capacity to generate forces.
//!
//! Each week Kyiv calls up `mobilisation · C` men from its pool, where the capacity
//! `C = C_data · min(1, P/P₀)` is the data's call-up capacity (`[kyiv]
//! callup_capacity_per_week`, at full effort and pre-war public resolve) scaled by public
//! resolve `P` against its starting level `P₀`, times `ceasefire.recruitment_share` while
//! a ceasefire holds; the call-up never takes the force beyond its cap (`[kyiv]
//! forces_cap`, counting recruits still in training). While a ceasefire holds, the share
//! `ceasefire.demobilisation_per_week` of the force above its pre-war strength goes home
//! each week, as on the Russian side.
//! It sends the share `training_share` of them to allied courses, up to the places there
//! are: `training.places_abroad_per_week` abroad, plus
//! `training.trainees_per_trainer_per_week` for every allied trainer inside Ukraine (units
//! of kind `trainers` in the Ukrainian rear or at the front). Courses abroad take
//! `training.weeks_abroad` weeks from call-up to the line, courses in Ukraine
//! `training.weeks_in_ukraine`. The others join the line at once, untrained. Graduates
//! join the line as trained soldiers; losses fall on trained and untrained alike. The
//! trained share raises combat power in the battle (M07).

use bevy_ecs::prelude::*;

use crate::components::{KyivState, Opinion, Unit};
use crate::params::{ModelParams, TrainingParams};
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

/// This week's call-up capacity at full effort, persons: `C_data · min(1, P/P₀)`, times
/// `ceasefire.recruitment_share` in a ceasefire (what Kyiv observes as
/// `callup_capacity_per_week`).
pub fn callup_capacity(
    params: &ModelParams,
    ukraine: &KyivState,
    public_resolve: f64,
    ceasefire: bool,
) -> f64 {
    let support = if ukraine.support_baseline > 0.0 {
        (public_resolve / ukraine.support_baseline).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let share = if ceasefire {
        params.ceasefire.recruitment_share
    } else {
        1.0
    };
    (ukraine.callup_capacity * support * share).max(0.0)
}

/// Room for recruits this week, persons: what is left under the force cap (recruits in
/// training count) and in the manpower pool.
pub fn callup_room(ukraine: &KyivState) -> f64 {
    let in_training: f64 = ukraine.in_training.iter().map(|&(_, n)| n).sum();
    (ukraine.forces_cap - ukraine.forces - in_training)
        .min(ukraine.manpower_pool)
        .max(0.0)
}

/// Advance schedule, after the battle: demobilisation in a ceasefire, call-up, courses and
/// graduation.
pub fn train(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut war: ResMut<War>,
    units: Query<&Unit>,
    mut kyiv: Query<(&mut KyivState, &Opinion)>,
) {
    let p = &params.0.training;
    let Ok((mut ukraine, opinion)) = kyiv.get_mut(roster.kyiv) else {
        return;
    };
    let ceasefire = war.ceasefire_since.is_some();
    let demobilised = if ceasefire {
        params.0.ceasefire.demobilisation_per_week
            * (ukraine.forces - ukraine.forces_initial).max(0.0)
    } else {
        0.0
    };
    if demobilised > 0.0 {
        let before = ukraine.forces;
        ukraine.forces -= demobilised;
        ukraine.trained *= ukraine.forces / before;
    }
    let trainers = trainers_in_ukraine(roster.units.iter().filter_map(|&e| units.get(e).ok()));
    let (abroad_places, inside_places) = training_places(p, trainers);
    let capacity = callup_capacity(&params.0, &ukraine, opinion.public_support, ceasefire);
    let callup = (war.mobilisation.clamp(0.0, 1.0) * capacity)
        .min(callup_room(&ukraine))
        .max(0.0);
    war.ukraine_callup = callup;
    war.ukraine_callup_capacity = capacity;
    war.ukraine_demobilised = demobilised;
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
    ukraine.forces_peak = ukraine.forces_peak.max(ukraine.forces);
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
