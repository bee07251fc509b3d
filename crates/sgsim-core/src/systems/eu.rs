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

use crate::components::CapitalProfile;
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
    /// Members (capital indices) that take part and pay, fixed at adoption.
    pub contributors: Vec<bool>,
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
    pub fn new(members: Vec<bool>, instruments: &[EuInstrumentSetup]) -> Eu {
        let n = members.len();
        Eu {
            contributions: vec![0.0; n],
            instruments: instruments
                .iter()
                .map(|setup| Instrument {
                    setup: setup.clone(),
                    adopted_tick: None,
                    contributors: Vec::new(),
                    blocking: Vec::new(),
                    blocked_since: None,
                })
                .collect(),
            members,
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
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn eu_council(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    decisions: Res<Decisions>,
    mut eu: ResMut<Eu>,
    mut totals: ResMut<Totals>,
    mut output: ResMut<Output>,
    capitals: Query<&CapitalProfile>,
) {
    let (tick, date) = (clock.tick, clock.date());
    let week_end = clock.date_of(tick + 1);
    let bypass = params.0.eu.bypass_weeks;
    let ids = &roster.capital_ids;
    let codes = &roster.capital_codes;
    let eu = &mut *eu;
    let members = eu.members.clone();
    let mut vetoes = 0;
    for instrument in &mut eu.instruments {
        let name = instrument.setup.name.clone();
        if let Some(recorded) = instrument.setup.recorded.clone() {
            for (by, from, until) in &recorded.blocks {
                if (date..week_end).contains(from) {
                    let actor = codes.iter().position(|c| c == by).map_or(0, |i| ids[i]);
                    output.0.events.push(EventRow {
                        tick,
                        date,
                        kind: "eu_veto",
                        actor,
                        target: roster.eu_id,
                        detail: format!("instrument={name};source=recorded;until={until}"),
                    });
                }
            }
            if instrument.adopted_tick.is_none() && recorded.adopted < week_end {
                let contributors: Vec<bool> = members
                    .iter()
                    .zip(codes)
                    .map(|(&member, code)| member && !recorded.opt_outs.contains(code))
                    .collect();
                adopt(
                    instrument,
                    (tick, date),
                    contributors,
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
            adopt(
                instrument,
                (tick, date),
                members.clone(),
                "unanimous",
                &mut output,
                &roster,
            );
            continue;
        }
        vetoes += 1;
        let since = *instrument.blocked_since.get_or_insert(tick);
        for &index in blocking.iter().filter(|i| !instrument.blocking.contains(i)) {
            output.0.events.push(EventRow {
                tick,
                date,
                kind: "eu_veto",
                actor: ids[index],
                target: roster.eu_id,
                detail: format!("instrument={name};source=decided"),
            });
        }
        instrument.blocking = blocking;
        if !instrument.setup.military && tick - since >= bypass {
            let contributors: Vec<bool> = members
                .iter()
                .enumerate()
                .map(|(i, &m)| m && !instrument.blocking.contains(&i))
                .collect();
            adopt(
                instrument,
                (tick, date),
                contributors,
                "bypassed",
                &mut output,
                &roster,
            );
        }
    }
    eu.vetoes += vetoes;

    // Payments, and each contributor's GDP share of them.
    eu.paid = [0.0; 2];
    eu.contributions.iter_mut().for_each(|c| *c = 0.0);
    let gdp: Vec<f64> = roster
        .capitals
        .iter()
        .map(|&e| capitals.get(e).map_or(0.0, |p| p.gdp_eur_bn))
        .collect();
    for instrument in &eu.instruments {
        let amount = instrument.payment(tick);
        if amount <= 0.0 {
            continue;
        }
        eu.paid[usize::from(!instrument.setup.military)] += amount;
        totals.pledged += amount;
        let total: f64 = gdp
            .iter()
            .zip(&instrument.contributors)
            .filter(|(_, c)| **c)
            .map(|(g, _)| g)
            .sum();
        if total > 0.0 {
            for ((slot, g), c) in eu
                .contributions
                .iter_mut()
                .zip(&gdp)
                .zip(&instrument.contributors)
            {
                if *c {
                    *slot += amount * g / total;
                }
            }
        }
    }
}

fn adopt(
    instrument: &mut Instrument,
    (tick, date): (u32, NaiveDate),
    contributors: Vec<bool>,
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
            contributors.iter().filter(|c| **c).count()
        ),
    });
    instrument.adopted_tick = Some(tick);
    instrument.contributors = contributors;
    instrument.blocking.clear();
    instrument.blocked_since = None;
}
