//! Premises that fall outside a run: a dated premise (an assumed ceasefire, an election
//! outcome, a guarantee, a membership path, a mission, a nuclear deterrent, a commitment)
//! after the run's last week never applies. The run is still valid (a sweep may vary the
//! horizon), so these are warnings, said by `sgsim run` and `sgsim validate`.

use chrono::NaiveDate;

use crate::setup::{OutcomeSource, Setup, Trigger};

/// One sentence per dated premise after the last week of the run, in a fixed order.
pub fn outside_horizon(setup: &Setup) -> Vec<String> {
    let last = setup.start_date + chrono::Duration::weeks(i64::from(setup.ticks.max(1)))
        - chrono::Duration::days(1);
    let weeks_to = |date: NaiveDate| ((date - setup.start_date).num_days() / 7 + 1).max(1);
    let mut out = Vec::new();
    let mut check = |what: String, date: NaiveDate| {
        if date > last {
            out.push(format!(
                "{what} is dated {date}, after the run's last week (ending {last}), so it never \
                 applies; the run needs at least {} ticks to reach it",
                weeks_to(date)
            ));
        }
    };
    let a = &setup.arrangement;
    if let Some(date) = a.ceasefire_from {
        check(
            "the assumed ceasefire ([ceasefire] assumed_from)".to_owned(),
            date,
        );
    }
    if let Some(Trigger::Date(date)) = a.guarantee.as_ref().map(|g| g.from) {
        check("the guarantee ([guarantee] from)".to_owned(), date);
    }
    if let Some(m) = &a.membership {
        check(
            "the membership path ([membership] invitation_from)".to_owned(),
            m.invitation_from,
        );
    }
    if let Some(date) = a.mission_from {
        check("the NATO mission ([mission] from)".to_owned(), date);
    }
    if let Some(date) = a.nuclear_from {
        check(
            "the nuclear deterrent ([nuclear] ukraine_deterrent_from)".to_owned(),
            date,
        );
    }
    for (index, c) in a.commitments.iter().enumerate() {
        if let Trigger::Date(date) = c.from {
            check(format!("commitment {index} ([[commitments]] from)"), date);
        }
    }
    let mut capitals: Vec<_> = setup.capitals.iter().collect();
    capitals.sort_by(|x, y| x.code.cmp(&y.code));
    for capital in capitals {
        for election in &capital.elections {
            if election
                .outcome
                .is_some_and(|o| o.source == OutcomeSource::Assumed)
            {
                check(
                    format!(
                        "the assumed outcome of {}'s election ([[election_outcomes]])",
                        capital.code
                    ),
                    election.date,
                );
            }
        }
    }
    out
}
