//! Elections as history and as premises (M02): the outcomes recorded in `allies.toml`,
//! replayed up to the scenario's `history_until` (by default the latest recorded polling
//! day); the outcomes the scenario assumes (`[[election_outcomes]]`, which win over the
//! record, so a counterfactual is one table); and the camps on the start date, after every
//! election before it.

use chrono::NaiveDate;
use sgsim_core::{Camp, CapitalSetup, CheckOffice, Election, ElectionOutcome, OutcomeSource};

use super::data::{AlliesFile, AllyRecord, CheckOfficeName, Office};
use super::document::Document;
use super::error::ConfigError;
use super::resolve::date_only;
use super::scenario::Scenario;

/// The latest polling day with a recorded outcome in the data, if any.
pub fn latest_recorded(
    allies: &AlliesFile,
    allies_doc: &Document,
) -> Result<Option<NaiveDate>, ConfigError> {
    let mut latest = None;
    for (index, ally) in allies.ally.iter().enumerate() {
        for (j, election) in ally.election.iter().enumerate() {
            if election.incumbent_won.is_some() {
                let key = format!("ally[{index}].election[{j}].date");
                latest = latest.max(Some(date_only(allies_doc, &key, &election.date)?));
            }
        }
    }
    Ok(latest)
}

/// The day up to which recorded history (election outcomes, EU decisions) is replayed:
/// the scenario's `history_until`, or `latest`, the latest recorded day in the data.
pub fn replay_until(
    doc: &Document,
    scenario: &Scenario,
    latest: Option<NaiveDate>,
    start: NaiveDate,
) -> Result<NaiveDate, ConfigError> {
    let until = match &scenario.history_until {
        Some(value) => date_only(doc, "history_until", value)?,
        None => match latest {
            Some(date) => date,
            None => return Ok(start),
        },
    };
    if until < start && scenario.history_until.is_some() {
        return Err(doc.error_at(
            "history_until",
            format!(
                "{until} is before start_date {start}: elections before the start are history \
                 the run starts from, so their recorded outcomes always apply"
            ),
        ));
    }
    Ok(until.max(start))
}

/// The check office of an ally and its camp on 2022-02-24.
pub fn check_of(
    allies_doc: &Document,
    index: usize,
    ally: &AllyRecord,
) -> Result<Option<(CheckOffice, Camp)>, ConfigError> {
    let office = match ally.check_office {
        CheckOfficeName::None => None,
        CheckOfficeName::Legislature => Some(CheckOffice::Legislature),
        CheckOfficeName::President => Some(CheckOffice::President),
    };
    match (office, ally.check_initial_camp) {
        (Some(office), Some(camp)) => Ok(Some((office, camp))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(allies_doc.error_at(
            &format!("ally[{index}].check_office"),
            format!(
                "{} has a check office but no `check_initial_camp`",
                ally.code
            ),
        )),
        (None, Some(_)) => Err(allies_doc.error_at(
            &format!("ally[{index}].check_initial_camp"),
            format!(
                "{} has `check_office = \"none\"`, so it has no check camp",
                ally.code
            ),
        )),
    }
}

/// An ally's elections, each with its recorded outcome if held on or before `until`.
pub fn elections_of(
    allies_doc: &Document,
    index: usize,
    ally: &AllyRecord,
    until: NaiveDate,
) -> Result<Vec<Election>, ConfigError> {
    let check = ally.check_office.office();
    let mut elections: Vec<Election> = Vec::new();
    let mut camps = (Some(ally.initial_camp), ally.check_initial_camp);
    for (j, record) in ally.election.iter().enumerate() {
        let key = |field: &str| format!("ally[{index}].election[{j}].{field}");
        let date = date_only(allies_doc, &key("date"), &record.date)?;
        if let Some(last) = elections.last()
            && last.date >= date
        {
            return Err(allies_doc.error_at(
                &key("date"),
                format!(
                    "{}'s elections must be in date order with one table per polling day \
                     ({date} follows {}); list every office a day fills in one `offices`",
                    ally.code, last.date
                ),
            ));
        }
        if record.offices.is_empty() {
            return Err(
                allies_doc.error_at(&key("offices"), "an election fills at least one office")
            );
        }
        let mut fills_executive = false;
        let mut fills_check = false;
        for office in &record.offices {
            if *office == ally.foreign_policy_office {
                fills_executive = true;
            } else if Some(*office) == check {
                fills_check = true;
            } else {
                return Err(allies_doc.error_at(
                    &key("offices"),
                    format!(
                        "{} elects no {} that the model knows: its foreign-policy office is \
                         the {} and its check office {}",
                        ally.code,
                        office_name(*office),
                        office_name(ally.foreign_policy_office),
                        check.map_or("none", office_name)
                    ),
                ));
            }
        }
        let outcome = recorded(allies_doc, &key, ally, record, fills_executive, fills_check)?;
        if let Some(outcome) = outcome {
            let after = (outcome.camp.or(camps.0), outcome.check_camp.or(camps.1));
            let kept = if fills_executive {
                after.0 == camps.0
            } else {
                after.1 == camps.1
            };
            if outcome.incumbent_won && !kept {
                return Err(allies_doc.error_at(
                    &key("incumbent_won"),
                    format!(
                        "{}'s election of {date} is recorded as won by the incumbent, yet the \
                         camp of the office changes: record `incumbent_won = false` or the \
                         incumbent's camp",
                        ally.code
                    ),
                ));
            }
            camps = after;
        }
        elections.push(Election {
            date,
            kind: record.kind.as_str().to_owned(),
            fills_executive,
            fills_check,
            outcome: outcome.filter(|_| date <= until),
        });
    }
    Ok(elections)
}

fn office_name(office: Office) -> &'static str {
    match office {
        Office::President => "president",
        Office::Legislature => "legislature",
    }
}

fn recorded(
    allies_doc: &Document,
    key: &dyn Fn(&str) -> String,
    ally: &AllyRecord,
    record: &super::data::ElectionRecord,
    fills_executive: bool,
    fills_check: bool,
) -> Result<Option<ElectionOutcome>, ConfigError> {
    let Some(incumbent_won) = record.incumbent_won else {
        for (field, given) in [
            ("camp", record.camp.is_some()),
            ("check_camp", record.check_camp.is_some()),
            ("source", record.source.is_some()),
        ] {
            if given {
                return Err(allies_doc.error_at(
                    &key(field),
                    format!(
                        "a recorded outcome needs `incumbent_won`; without it the election \
                         is drawn and `{field}` must go"
                    ),
                ));
            }
        }
        return Ok(None);
    };
    let pairs = [
        (
            "camp",
            record.camp,
            fills_executive,
            "the foreign-policy office",
        ),
        (
            "check_camp",
            record.check_camp,
            fills_check,
            "the check office",
        ),
    ];
    for (field, camp, filled, office) in pairs {
        match (camp.is_some(), filled) {
            (false, true) => {
                return Err(allies_doc.error_at(
                    &key("incumbent_won"),
                    format!(
                        "{}'s recorded election fills {office}, so it needs `{field}`",
                        ally.code
                    ),
                ));
            }
            (true, false) => {
                return Err(allies_doc.error_at(
                    &key(field),
                    format!("{}'s election does not fill {office}", ally.code),
                ));
            }
            _ => {}
        }
    }
    if record.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(allies_doc.error_at(
            &key("incumbent_won"),
            format!("{}'s recorded election has no `source`", ally.code),
        ));
    }
    Ok(Some(ElectionOutcome {
        source: OutcomeSource::Recorded,
        incumbent_won,
        camp: record.camp,
        check_camp: record.check_camp,
    }))
}

/// Applies the scenario's assumed outcomes; they win over the record.
pub fn assume(
    doc: &Document,
    scenario: &Scenario,
    capitals: &mut [CapitalSetup],
) -> Result<(), ConfigError> {
    for (index, assumed) in scenario.election_outcomes.iter().enumerate() {
        let key = |field: &str| format!("election_outcomes[{index}].{field}");
        let date = date_only(doc, &key("date"), &assumed.date)?;
        let capital = capitals
            .iter_mut()
            .find(|c| c.code == assumed.capital)
            .ok_or_else(|| {
                doc.error_at(
                    &key("capital"),
                    format!("`{}` is not a capital of this scenario", assumed.capital),
                )
            })?;
        let dates: Vec<String> = capital
            .elections
            .iter()
            .map(|e| e.date.to_string())
            .collect();
        let code = capital.code.clone();
        let election = capital
            .elections
            .iter_mut()
            .find(|e| e.date == date)
            .ok_or_else(|| {
                doc.error_at(
                    &key("date"),
                    format!(
                        "{code} holds no election on {date}; its elections: {}",
                        dates.join(", ")
                    ),
                )
            })?;
        let pairs = [
            (
                "camp",
                assumed.camp,
                election.fills_executive,
                "its foreign-policy office",
            ),
            (
                "check_camp",
                assumed.check_camp,
                election.fills_check,
                "its check office",
            ),
        ];
        for (field, camp, filled, office) in pairs {
            match (camp.is_some(), filled) {
                (false, true) => {
                    return Err(doc.error_at(
                        &key("camp"),
                        format!(
                            "{code}'s election on {date} fills {office}: give `{field}` too, \
                             so every office it fills has an assumed camp"
                        ),
                    ));
                }
                (true, false) => {
                    return Err(doc.error_at(
                        &key(field),
                        format!("{code}'s election on {date} does not fill {office}"),
                    ));
                }
                _ => {}
            }
        }
        election.outcome = Some(ElectionOutcome {
            source: OutcomeSource::Assumed,
            incumbent_won: false,
            camp: assumed.camp,
            check_camp: assumed.check_camp,
        });
    }
    Ok(())
}

/// Moves a capital's camps to the start date through every election before it; an
/// election before the start without an outcome (recorded or assumed) is refused.
pub fn replay_before_start(
    doc: &Document,
    start: NaiveDate,
    capital: &mut CapitalSetup,
) -> Result<(), ConfigError> {
    for election in capital.elections.iter().filter(|e| e.date < start) {
        let Some(outcome) = election.outcome else {
            return Err(doc.error_at(
                "start_date",
                format!(
                    "{}'s election of {} is before the start date {start} and has no recorded \
                     outcome: start earlier, or assume its outcome with [[election_outcomes]]",
                    capital.code, election.date
                ),
            ));
        };
        if let Some(camp) = outcome.camp.filter(|_| election.fills_executive) {
            capital.camp = camp;
        }
        if let (true, Some((office, _)), Some(camp)) =
            (election.fills_check, capital.check, outcome.check_camp)
        {
            capital.check = Some((office, camp));
        }
    }
    Ok(())
}
