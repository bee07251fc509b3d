//! M08, inadvertent escalation: incidents from the fog of war.
//!
//! Each week an incident happens with probability
//! `p = clamp((b + r · E) · (I + f))`, where `I` is the effective offensive intensity,
//! `f = incidents.ceasefire_floor` keeps a small risk when the guns are quiet, `b` is the
//! base rate and `E = Σ troops/1000 · w(location)` is Western exposure: the coalition troops
//! inside Ukraine, weighted `front_weight` near the line and `rear_weight` in the rear. An
//! incident raises the escalation ladder one rung, up to `incidents.max_rung` (violent)
//! while no allied force fights Russia's, and up to `incidents.max_rung_engaged` (nuclear
//! signalling) while allied forces are in combat with Russian forces, and involves an exposed unit with probability `r·E / (b + r·E)`,
//! picked in proportion to its exposure (the event's target). Two draws are taken every week from the run's
//! incident stream, incident or not. Deliberate escalation stays the Kremlin's choice.
//!
//! Declaratory policy (M10): a unit's exposure is multiplied by
//! `declaratory.ambiguity_incident_factor` if its owner keeps strategic ambiguity and by
//! `declaratory.red_line_incident_factor` if it has declared red lines (clear lines make
//! accidents less likely to be misread).

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{Actor, CapitalProfile, Unit};
use crate::escalation;
use crate::params::IncidentParams;
use crate::resources::{Clock, Output, Params, Roster, War, WorldRng};
use crate::rows::EventRow;
use crate::setup::Declaratory;
use crate::units::Location;

/// Exposure weight of a unit at `location`.
pub fn exposure_weight(p: &IncidentParams, location: Location) -> f64 {
    match location {
        Location::UkraineFront => p.front_weight,
        Location::UkraineRear => p.rear_weight,
        Location::Home | Location::AlliedTerritory => 0.0,
    }
}

/// Weekly incident probability at exposure `exposure` (thousands of weighted troops) and
/// effective intensity `intensity`.
pub fn incident_probability(p: &IncidentParams, exposure: f64, intensity: f64) -> f64 {
    ((p.base_per_week + p.per_1000_exposed * exposure) * (intensity + p.ceasefire_floor))
        .clamp(0.0, 1.0)
}

/// Draws this week's incident, if any.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn incidents(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut rng: ResMut<WorldRng>,
    mut war: ResMut<War>,
    mut output: ResMut<Output>,
    units: Query<(&Actor, &Unit)>,
    owners: Query<&CapitalProfile>,
) {
    let p = &params.0.incidents;
    let d = &params.0.declaratory;
    let factor = |owner: usize| match roster
        .capitals
        .get(owner)
        .and_then(|&e| owners.get(e).ok())
        .map(|c| c.declaratory)
    {
        Some(Declaratory::Ambiguity) => d.ambiguity_incident_factor,
        Some(Declaratory::RedLines) => d.red_line_incident_factor,
        _ => 1.0,
    };
    let exposed: Vec<(u32, f64)> = roster
        .units
        .iter()
        .filter_map(|&e| units.get(e).ok())
        .map(|(actor, unit)| {
            (
                actor.id,
                unit.troops / 1000.0 * exposure_weight(p, unit.location) * factor(unit.owner),
            )
        })
        .filter(|(_, w)| *w > 0.0)
        .collect();
    let exposure: f64 = exposed.iter().map(|(_, w)| w).sum();
    let (happen, which) = (rng.incidents.random::<f64>(), rng.incidents.random::<f64>());
    if happen >= incident_probability(p, exposure, war.intensity) {
        return;
    }
    let unit_share = if exposure > 0.0 {
        p.per_1000_exposed * exposure / (p.base_per_week + p.per_1000_exposed * exposure)
    } else {
        0.0
    };
    let involved = (which < unit_share).then(|| {
        let mut point = which / unit_share * exposure;
        exposed.iter().find(|(_, w)| {
            point -= w;
            point < 0.0
        })
    });
    let unit = involved.flatten().map_or(0, |&(unit, _)| unit);
    let before = war.escalation_rung;
    // Proximity: while allied forces fight Russia's, an accident can climb to the top.
    let cap = if war.allied_power > 0.0 {
        p.max_rung_engaged
    } else {
        p.max_rung
    };
    war.escalation_rung = (before + 1).min(cap.max(before));
    war.peak_rung = war.peak_rung.max(war.escalation_rung);
    output.0.events.push(EventRow {
        tick: clock.tick,
        date: clock.date(),
        kind: "incident",
        actor: roster.kremlin_id,
        target: unit,
        detail: format!(
            "rung={};level={:.6}",
            escalation::RUNG_NAMES[war.escalation_rung as usize],
            escalation::score(war.escalation_rung)
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposure_near_the_line_and_fighting_raise_the_risk() {
        let p = IncidentParams::default();
        let calm = incident_probability(&p, 0.0, 0.0);
        assert!(calm > 0.0, "a small risk even in a ceasefire");
        assert!(incident_probability(&p, 0.0, 0.8) > calm);
        assert!(incident_probability(&p, 3.0, 0.8) > incident_probability(&p, 0.0, 0.8));
        assert!(
            exposure_weight(&p, Location::UkraineFront)
                > exposure_weight(&p, Location::UkraineRear)
        );
        assert_eq!(exposure_weight(&p, Location::AlliedTerritory), 0.0);
    }
}
