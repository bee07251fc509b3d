//! The calendar: elections (M02) and the clock.
//!
//! An election fills one or both of a capital's elected offices: the office that holds
//! foreign and defence policy (the executive: a president, or the government a
//! parliament's majority supports) and the check office (a legislature that is not the
//! executive, or a president with a veto in a parliamentary system). Only the executive's
//! camp (M25) sets resolve; a sceptic legislature holds a non-sceptic executive's pledges
//! (the appropriations brake, `systems::appropriations`).
//!
//! An election already held is history: its recorded outcome (data) applies, and so does
//! an outcome the scenario assumes (a premise). Otherwise it is drawn. Either way two draws
//! are taken from the run's election stream, one pair per polling day whatever the
//! offices, so recording or assuming one outcome leaves every other election's draws as
//! they were. A drawn election keeps the incumbents with probability
//! `1 − p`, `p = clamp(turnover_base + turnover_per_discontent · (0.5 − P))`, where `P` is
//! public support for aid: governments that keep aiding an unwilling public are more likely
//! to go. A new office-holder's camp is drawn from public support: fast mover with
//! probability `P²`, sceptic with `(1 − P)²`, slow-roller otherwise; on a day that fills
//! both offices the same draws fill both (one wave). A change of the executive's camp moves
//! resolve at once to the new camp's target; the weekly dynamics (M01) take it from there.

use bevy_ecs::prelude::*;
use rand::RngExt;

use crate::components::{Actor, CapitalProfile, ElectionCalendar, Government, Opinion};
use crate::resources::{Clock, Output, Params, Roster, WorldRng};
use crate::rows::EventRow;
use crate::setup::{Camp, CheckOffice, Election};

/// The camp a new government comes from, for uniform draw `u` and public support `support`.
pub fn new_camp(support: f64, u: f64) -> Camp {
    let fast = support * support;
    let sceptic = (1.0 - support) * (1.0 - support);
    if u < fast {
        Camp::FastMover
    } else if u < fast + sceptic {
        Camp::Sceptic
    } else {
        Camp::SlowRoller
    }
}

/// What an election did: its outcome's label and source, and the camps after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ElectionResult {
    /// `re_elected`, `new_government` or `assumed`.
    pub outcome: &'static str,
    /// `recorded`, `assumed` or `drawn`.
    pub source: &'static str,
    /// The government after the election.
    pub government: Government,
}

/// Decides one election for a government, with the day's two uniform draws `fall` and
/// `pick` and public support `support`.
pub fn decide(
    election: &Election,
    government: Government,
    turnover: f64,
    support: f64,
    (fall, pick): (f64, f64),
) -> ElectionResult {
    let mut after = government;
    let check_office = government.check.map(|(office, _)| office);
    let (outcome, source) = match election.outcome {
        Some(recorded) => {
            if let Some(camp) = recorded.camp.filter(|_| election.fills_executive) {
                after.camp = camp;
            }
            if let (true, Some(office), Some(camp)) =
                (election.fills_check, check_office, recorded.check_camp)
            {
                after.check = Some((office, camp));
            }
            let outcome = match recorded.source {
                crate::setup::OutcomeSource::Assumed => "assumed",
                crate::setup::OutcomeSource::Recorded if recorded.incumbent_won => "re_elected",
                crate::setup::OutcomeSource::Recorded => "new_government",
            };
            (outcome, recorded.source.as_str())
        }
        None if fall < turnover => {
            let camp = new_camp(support, pick);
            if election.fills_executive {
                after.camp = camp;
            }
            if let (true, Some(office)) = (election.fills_check, check_office) {
                after.check = Some((office, camp));
            }
            ("new_government", "drawn")
        }
        None => ("re_elected", "drawn"),
    };
    ElectionResult {
        outcome,
        source,
        government: after,
    }
}

fn offices(election: &Election, check: Option<CheckOffice>) -> &'static str {
    match (election.fills_executive, election.fills_check, check) {
        (true, true, _) => "executive+check",
        (true, false, _) => "executive",
        (false, true, Some(CheckOffice::Legislature)) => "check_legislature",
        (false, true, _) => "check_president",
        (false, false, _) => "none",
    }
}

fn camp_name(check: Option<(CheckOffice, Camp)>) -> &'static str {
    check.map_or("none", |(_, camp)| camp.as_str())
}

/// Holds every election whose polling day falls in this tick's week.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn hold_elections(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    mut rng: ResMut<WorldRng>,
    mut output: ResMut<Output>,
    mut capitals: Query<(
        &Actor,
        &CapitalProfile,
        &mut ElectionCalendar,
        &mut Government,
        &mut Opinion,
    )>,
) {
    let week_end = clock.date_of(clock.tick + 1);
    let fatigue = &params.0.fatigue;
    let camps = &params.0.elections;
    for &entity in &roster.capitals {
        let Ok((actor, profile, mut calendar, mut government, mut opinion)) =
            capitals.get_mut(entity)
        else {
            continue;
        };
        while calendar
            .upcoming
            .front()
            .is_some_and(|election| election.date < week_end)
        {
            let Some(election) = calendar.upcoming.pop_front() else {
                break;
            };
            let draws = (rng.elections.random::<f64>(), rng.elections.random::<f64>());
            let support = opinion.public_support;
            let result = decide(
                &election,
                *government,
                camps.turnover(support),
                support,
                draws,
            );
            let before = opinion.resolve;
            if result.government.camp != government.camp {
                let target = (1.0 - fatigue.threat_weight) * support
                    + fatigue.threat_weight * profile.threat;
                opinion.resolve = camps
                    .camp_target(result.government.camp, target)
                    .clamp(0.0, 1.0);
            }
            let offices = offices(&election, government.check.map(|(office, _)| office));
            *government = result.government;
            output.0.events.push(EventRow {
                tick: clock.tick,
                date: clock.date(),
                kind: "election",
                actor: actor.id,
                target: 0,
                detail: format!(
                    "kind={};polling_day={};offices={offices};outcome={};source={};camp={};check_camp={};resolve_before={before:.6};resolve_after={:.6}",
                    election.kind,
                    election.date,
                    result.outcome,
                    result.source,
                    government.camp.as_str(),
                    camp_name(government.check),
                    opinion.resolve
                ),
            });
        }
    }
}

/// Moves the clock to the next week; the last system of every tick.
pub fn advance_clock(mut clock: ResMut<Clock>) {
    clock.tick += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_camps_follow_public_support() {
        assert_eq!(new_camp(0.9, 0.5), Camp::FastMover, "0.5 < 0.81");
        assert_eq!(
            new_camp(0.1, 0.5),
            Camp::Sceptic,
            "0.01 <= 0.5 < 0.01 + 0.81"
        );
        assert_eq!(
            new_camp(0.5, 0.3),
            Camp::Sceptic,
            "fast below 0.25, sceptic below 0.5"
        );
        assert_eq!(new_camp(0.5, 0.6), Camp::SlowRoller);
    }

    fn election(fills_executive: bool, fills_check: bool) -> Election {
        Election {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            kind: "midterm".to_owned(),
            fills_executive,
            fills_check,
            outcome: None,
        }
    }

    const US: Government = Government {
        camp: Camp::SlowRoller,
        check: Some((CheckOffice::Legislature, Camp::SlowRoller)),
    };

    #[test]
    fn an_election_of_the_check_office_never_changes_the_executive_camp() {
        for u in [0.0, 0.1, 0.5, 0.9, 0.999] {
            // Certain turnover, every camp draw.
            let result = decide(&election(false, true), US, 1.0, 0.2, (0.0, u));
            assert_eq!(result.government.camp, Camp::SlowRoller, "u = {u}");
            assert_eq!(result.outcome, "new_government");
            assert_eq!(result.government.check.map(|c| c.1), Some(new_camp(0.2, u)));
        }
        // A parliamentary capital's directly elected president (POL, HRV) likewise.
        let poland = Government {
            camp: Camp::FastMover,
            check: Some((CheckOffice::President, Camp::FastMover)),
        };
        let result = decide(&election(false, true), poland, 1.0, 0.1, (0.0, 0.5));
        assert_eq!(result.government.camp, Camp::FastMover);
        assert_eq!(
            result.government.check,
            Some((CheckOffice::President, Camp::Sceptic))
        );
    }

    #[test]
    fn one_day_filling_both_offices_is_one_draw_and_one_wave() {
        let result = decide(&election(true, true), US, 1.0, 0.1, (0.0, 0.5));
        assert_eq!(result.government.camp, Camp::Sceptic);
        assert_eq!(
            result.government.check,
            Some((CheckOffice::Legislature, Camp::Sceptic))
        );
        let kept = decide(&election(true, true), US, 0.3, 0.1, (0.5, 0.5));
        assert_eq!((kept.outcome, kept.government), ("re_elected", US));
    }

    #[test]
    fn a_recorded_outcome_applies_whatever_the_draws() {
        let mut held = election(true, false);
        held.outcome = Some(crate::setup::ElectionOutcome {
            source: crate::setup::OutcomeSource::Recorded,
            incumbent_won: true,
            camp: Some(Camp::SlowRoller),
            check_camp: None,
        });
        for draws in [(0.0, 0.0), (0.99, 0.99)] {
            let result = decide(&held, US, 1.0, 0.0, draws);
            assert_eq!(
                (result.outcome, result.source, result.government),
                ("re_elected", "recorded", US)
            );
        }
        held.outcome = Some(crate::setup::ElectionOutcome {
            source: crate::setup::OutcomeSource::Recorded,
            incumbent_won: false,
            camp: Some(Camp::Sceptic),
            check_camp: None,
        });
        let result = decide(&held, US, 0.0, 1.0, (0.99, 0.99));
        assert_eq!(
            (result.outcome, result.government.camp),
            ("new_government", Camp::Sceptic)
        );
        assert!(
            !result.government.braked(),
            "a sceptic executive is not braked"
        );
    }

    #[test]
    fn discontent_raises_turnover() {
        let p = crate::ElectionParams::default();
        assert!(p.turnover(0.2) > p.turnover(0.8));
        assert_eq!(p.turnover(-10.0), 1.0);
    }
}
