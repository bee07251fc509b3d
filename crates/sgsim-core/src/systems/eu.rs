//! M03, M04, M23: the European Union as a donor. Its instruments for Ukraine (the European
//! Peace Facility, macro-financial assistance, the Ukraine Facility, loans) are decided by
//! unanimity of its member states and paid from a common budget to which each member
//! contributes in proportion to its GDP.
//!
//! An instrument the scenario replays from history (`RecordedDecision`) is adopted on its
//! recorded day, with its recorded vetoes logged as `eu_veto` events (`source=recorded`).
//! Any other instrument is on the agenda of every EU member (`AGENDA_EU_MILITARY` or
//! `AGENDA_EU_FINANCIAL` in `nac_agenda`) from the day it is proposed; it is adopted in the
//! first week no member objects (`nac_block`). A member's objection is an `eu_veto` event
//! when its block begins. A financial instrument blocked for `eu.bypass_weeks` is adopted
//! by the others without the blockers (the opt-out route of enhanced cooperation that the
//! 2026 Ukraine Support Loan took); a military one has no such route (the European Peace
//! Facility's package blocked from 2023 to 2026). Once adopted it pays
//! `amount / disburse_weeks` a week from `lag_weeks` after adoption, as military or
//! financial aid to Kyiv, and each member that takes part pays its GDP share of it, which
//! its public feels as a cost of aid (M01). A payment counts as allocated (pledged) in the
//! week it is paid, as the Kiel Institute counts allocations.

use bevy_ecs::prelude::*;
use chrono::NaiveDate;

use crate::resources::{Clock, Decisions, Output, Params, Roster, Totals};
use crate::rows::EventRow;
use crate::setup::EuInstrumentSetup;
use sgsim_abi::{AGENDA_EU_FINANCIAL, AGENDA_EU_MILITARY};

/// One instrument and where it stands.
#[derive(Clone, Debug)]
pub struct Instrument {
    /// What it is.
    pub setup: EuInstrumentSetup,
    /// Tick of adoption, once adopted.
    pub adopted_tick: Option<u32>,
    /// Each capital's share of its payments (roster order; 0 for those that do not take
    /// part), its GDP share among the members that take part, fixed at adoption.
    pub shares: Vec<f64>,
    /// Members blocking it last week (capital indices).
    pub blocking: Vec<usize>,
    /// Tick its current block began.
    pub blocked_since: Option<u32>,
}

impl Instrument {
    /// Its agenda bit.
    pub fn bit(&self) -> u32 {
        if self.setup.military {
            AGENDA_EU_MILITARY
        } else {
            AGENDA_EU_FINANCIAL
        }
    }

    /// Whether it is decided in the run and before the members now.
    pub fn on_agenda(&self, date: NaiveDate) -> bool {
        self.setup.recorded.is_none() && self.adopted_tick.is_none() && self.setup.proposed <= date
    }

    /// Its payment this week, euro billions.
    pub fn payment(&self, tick: u32) -> f64 {
        let Some(adopted) = self.adopted_tick else {
            return 0.0;
        };
        let first = adopted + self.setup.lag_weeks;
        let weeks = self.setup.disburse_weeks.max(1);
        if (first..first + weeks).contains(&tick) {
            self.setup.amount_eur_bn / f64::from(weeks)
        } else {
            0.0
        }
    }
}

/// The Union: its members among the capitals and its instruments.
#[derive(Resource, Clone, Debug, Default)]
pub struct Eu {
    /// Whether each capital (roster order) is a member.
    pub members: Vec<bool>,
    /// Each capital's GDP, euro billions (the key of the members' contributions).
    pub gdp: Vec<f64>,
    /// The instruments, in data order.
    pub instruments: Vec<Instrument>,
    /// Agenda bits before the Council of the EU this tick.
    pub agenda: u32,
    /// This week's payments to Kyiv: military, financial.
    pub paid: [f64; 2],
    /// Each capital's contribution this week, euro billions.
    pub contributions: Vec<f64>,
    /// Weeks in which a member's objection blocked an instrument.
    pub vetoes: u32,
}

impl Eu {
    /// The Union of these members with these instruments.
    pub fn new(members: Vec<bool>, gdp: Vec<f64>, instruments: &[EuInstrumentSetup]) -> Eu {
        let n = members.len();
        Eu {
            contributions: vec![0.0; n],
            instruments: instruments
                .iter()
                .map(|setup| Instrument {
                    setup: setup.clone(),
                    adopted_tick: None,
                    shares: Vec::new(),
                    blocking: Vec::new(),
                    blocked_since: None,
                })
                .collect(),
            members,
            gdp,
            agenda: 0,
            paid: [0.0; 2],
            vetoes: 0,
        }
    }
}

/// Observe schedule: puts the instruments the members decide before them.
pub fn table_eu_agenda(clock: Res<Clock>, mut eu: ResMut<Eu>) {
    let date = clock.date();
    eu.agenda = eu
        .instruments
        .iter()
        .filter(|i| i.on_agenda(date))
        .fold(0, |bits, i| bits | i.bit());
}

/// Advance schedule: the Council of the EU decides (unanimity), recorded decisions apply,
/// and adopted instruments pay.
pub fn eu_council(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut eu: ResMut<Eu>,
    mut totals: ResMut<Totals>,
    mut output: ResMut<Output>,
) {
    let (tick, date) = (clock.tick, clock.date());
    let week_end = clock.date_of(tick + 1);
    let bypass = params.0.eu.bypass_weeks;
    let ids = &roster.capital_ids;
    let codes = &roster.capital_codes;
    let Eu {
        members,
        gdp,
        instruments,
        vetoes,
        paid,
        contributions,
        ..
    } = &mut *eu;
    let shares = |takes_part: &dyn Fn(usize) -> bool| -> Vec<f64> {
        let total: f64 = (0..gdp.len())
            .filter(|&i| takes_part(i))
            .map(|i| gdp[i])
            .sum();
        (0..gdp.len())
            .map(|i| {
                if takes_part(i) && total > 0.0 {
                    gdp[i] / total
                } else {
                    0.0
                }
            })
            .collect()
    };
    for instrument in instruments.iter_mut().filter(|i| i.adopted_tick.is_none()) {
        if let Some(recorded) = &instrument.setup.recorded {
            for (by, from, until) in &recorded.blocks {
                if (date..week_end).contains(from) {
                    let actor = codes.iter().position(|c| c == by).map_or(0, |i| ids[i]);
                    output.0.events.push(EventRow {
                        tick,
                        date,
                        kind: "eu_veto",
                        actor,
                        target: roster.eu_id,
                        detail: format!(
                            "instrument={};source=recorded;until={until}",
                            instrument.setup.name
                        ),
                    });
                }
            }
            if recorded.adopted < week_end {
                let share = shares(&|i| members[i] && !recorded.opt_outs.contains(&codes[i]));
                adopt(
                    instrument,
                    (tick, date),
                    share,
                    "recorded",
                    &mut output,
                    &roster,
                );
            }
            continue;
        }
        if !instrument.on_agenda(date) {
            continue;
        }
        let bit = instrument.bit();
        let blocking: Vec<usize> = decisions
            .capital_act
            .iter()
            .enumerate()
            .filter(|(i, a)| members.get(*i) == Some(&true) && a.nac_block & bit != 0)
            .map(|(i, _)| i)
            .collect();
        if blocking.is_empty() {
            let share = shares(&|i| members[i]);
            adopt(
                instrument,
                (tick, date),
                share,
                "unanimous",
                &mut output,
                &roster,
            );
            continue;
        }
        *vetoes += 1;
        let since = *instrument.blocked_since.get_or_insert(tick);
        for &index in blocking.iter().filter(|i| !instrument.blocking.contains(i)) {
            output.0.events.push(EventRow {
                tick,
                date,
                kind: "eu_veto",
                actor: ids[index],
                target: roster.eu_id,
                detail: format!("instrument={};source=decided", instrument.setup.name),
            });
        }
        instrument.blocking = blocking;
        if !instrument.setup.military && tick - since >= bypass {
            let share = shares(&|i| members[i] && !instrument.blocking.contains(&i));
            adopt(
                instrument,
                (tick, date),
                share,
                "bypassed",
                &mut output,
                &roster,
            );
        }
    }

    // Payments, and each contributor's GDP share of them.
    *paid = [0.0; 2];
    contributions.iter_mut().for_each(|c| *c = 0.0);
    for instrument in instruments.iter() {
        let amount = instrument.payment(tick);
        if amount <= 0.0 {
            continue;
        }
        paid[usize::from(!instrument.setup.military)] += amount;
        totals.pledged += amount;
        for (slot, share) in contributions.iter_mut().zip(&instrument.shares) {
            *slot += amount * share;
        }
    }
}

fn adopt(
    instrument: &mut Instrument,
    (tick, date): (u32, NaiveDate),
    shares: Vec<f64>,
    how: &str,
    output: &mut Output,
    roster: &Roster,
) {
    let kind = if instrument.setup.military {
        "military"
    } else {
        "financial"
    };
    output.0.events.push(EventRow {
        tick,
        date,
        kind: "eu_instrument",
        actor: roster.eu_id,
        target: roster.kyiv_id,
        detail: format!(
            "instrument={};category={kind};amount_eur_bn={:.6};decision={how};contributors={}",
            instrument.setup.name,
            instrument.setup.amount_eur_bn,
            shares.iter().filter(|s| **s > 0.0).count()
        ),
    });
    instrument.adopted_tick = Some(tick);
    instrument.shares = shares;
    instrument.blocking.clear();
    instrument.blocked_since = None;
}
