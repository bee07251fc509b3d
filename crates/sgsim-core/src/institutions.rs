//! The institutions of a scenario's security arrangement, held as world resources: the
//! North Atlantic Council (M04, M23), Ukraine's membership path (M12), and the guarantee
//! with its credibility (M13) and the long-term aid commitments (M14, M17).
//!
//! These are rules and state, not deciding agents: the capitals vote and ratify, the
//! Kremlin strikes or attacks, the units move and engage; these resources record what
//! follows from those choices.

use bevy_ecs::prelude::*;
use chrono::NaiveDate;
use sgsim_abi::{MEMBERSHIP_INVITED, MEMBERSHIP_MEMBER, MEMBERSHIP_NONE};

use crate::setup::{Arrangement, Bindingness, Trigger};

/// M04, M23 and S09: the North Atlantic Council.
#[derive(Resource, Clone, Debug)]
pub struct Nac {
    /// Items before the Council this tick (`AGENDA_*` bits).
    pub agenda: u32,
    /// NATO-channel pledges awaiting the Council's approval, per capital: military,
    /// financial, humanitarian, euro billions.
    pub pool: Vec<[f64; 3]>,
    /// First tick of the next package decision.
    pub next_package_tick: u32,
    /// Tick until which an approved package commits the allies: NATO-coordinated pledges
    /// enter the pipeline without a new decision (M23).
    pub committed_until: u32,
    /// Tick of the last blocked package decision.
    pub last_package_blocked: Option<u32>,
    /// First tick at which a blocked invitation returns to the agenda.
    pub next_invitation_tick: u32,
    /// First tick at which a blocked mission returns to the agenda.
    pub next_mission_tick: u32,
    /// Items blocked by an objection that stood (consensus failures).
    pub consensus_failures: u32,
    /// Side payments made to lift objections, euro billions.
    pub side_payments_eur_bn: f64,
    /// Per capital, the agenda items whose objections a side payment has bought off.
    pub opt_outs: Vec<u32>,
    /// Whether an Article 5 response awaits the Council's decision.
    pub response_pending: bool,
    /// Tick from which a NATO mission to defend Ukraine is authorised.
    pub mission_authorised: Option<u32>,
    /// Times Article 5 was invoked.
    pub article5_invocations: u32,
    /// Last tick of an agreed collective defence of Ukraine.
    pub collective_defence_until: Option<u32>,
    /// Date from which the Council considers a mission (S09).
    pub mission_from: Option<NaiveDate>,
    /// Whether NATO coordinates the Contact Group's aid (S03's premise): Ramstein-channel
    /// pledges go to the NATO channel.
    pub coordinates_aid: bool,
    /// Agenda items (`AGENDA_*` bits) the scenario records as already decided: the
    /// Council adopts them when they come up without asking for objections.
    pub agreed: u32,
}

impl Nac {
    /// An empty Council for `n` capitals.
    pub fn new(n: usize, mission_from: Option<NaiveDate>) -> Nac {
        Nac {
            agenda: 0,
            pool: vec![[0.0; 3]; n],
            next_package_tick: 0,
            committed_until: 0,
            last_package_blocked: None,
            next_invitation_tick: 0,
            next_mission_tick: 0,
            consensus_failures: 0,
            side_payments_eur_bn: 0.0,
            opt_outs: vec![0; n],
            response_pending: false,
            article5_invocations: 0,
            mission_authorised: None,
            collective_defence_until: None,
            mission_from,
            coordinates_aid: false,
            agreed: 0,
        }
    }

    /// Whether anything waits in the NATO-channel pool.
    pub fn pool_is_empty(&self) -> bool {
        self.pool.iter().flatten().all(|&x| x <= 0.0)
    }
}

/// M12: Ukraine's path to membership.
#[derive(Resource, Clone, Debug)]
pub struct Membership {
    /// First date of an invitation, and whether it waits for a ceasefire; `None` when the
    /// scenario has no membership path.
    pub path: Option<(NaiveDate, bool)>,
    /// Tick of the invitation.
    pub invited: Option<u32>,
    /// Whether each capital has ratified the accession protocol.
    pub ratified: Vec<bool>,
    /// Tick of accession (Article 5 in force for Ukraine).
    pub accession: Option<u32>,
    /// Whether Kyiv renounced membership as a term of a ceasefire (M19).
    pub renounced: bool,
}

impl Membership {
    /// The `MEMBERSHIP_*` stage.
    pub fn stage(&self) -> u32 {
        match (self.invited, self.accession) {
            (_, Some(_)) => MEMBERSHIP_MEMBER,
            (Some(_), None) => MEMBERSHIP_INVITED,
            (None, None) => MEMBERSHIP_NONE,
        }
    }

    /// Whether Article 5 covers Ukraine.
    pub fn member(&self) -> bool {
        self.accession.is_some()
    }

    /// Whether Ukraine has been invited and has not renounced membership since.
    pub fn invited_and_open(&self) -> bool {
        self.invited.is_some() && !self.renounced
    }
}

/// Whether capital `index` guarantees Ukraine: every ally once Ukraine is invited (Article 5
/// promised or in force), otherwise the guarantors of a declared guarantee.
pub fn is_guarantor(guarantee: &Guarantee, membership: &Membership, index: usize) -> bool {
    membership.member()
        || membership.invited_and_open()
        || guarantee.guarantor.get(index) == Some(&true)
}

/// A long-term aid commitment, resolved to capital indices.
#[derive(Clone, Debug)]
pub struct Commitment {
    /// Committed capitals, by index.
    pub capitals: Vec<usize>,
    /// Share of GDP per year.
    pub share_of_gdp: f64,
    /// Start.
    pub from: Trigger,
    /// Duration in weeks.
    pub weeks: u32,
    /// Tick it started, once its trigger has fired.
    pub started: Option<u32>,
}

/// M13, M16, M17, M18: the guarantee and its credibility.
#[derive(Resource, Clone, Debug)]
pub struct Guarantee {
    /// Whether the scenario has a guarantee (outside NATO membership).
    pub declared: bool,
    /// Its bindingness, if declared.
    pub bindingness: Option<Bindingness>,
    /// When it takes effect.
    pub from: Trigger,
    /// Whether each capital is a guarantor.
    pub guarantor: Vec<bool>,
    /// Whether each capital is an enabler only.
    pub enabler: Vec<bool>,
    /// Tick from which the guarantee is in force.
    pub since: Option<u32>,
    /// Whether the guarantee (or Article 5 for a member Ukraine) has been invoked.
    pub invoked: bool,
    /// Number of invocations.
    pub invocations: u32,
    /// Whether the current war episode (since the last ceasefire) has invoked it already.
    pub attack_answered: bool,
    /// Tick at which the guarantors' answers to an invocation are read.
    pub answers_due: Option<u32>,
    /// Responses that failed (below `strikes.failed_response_below`).
    pub failed_responses: u32,
    /// Owners of struck units whose answers are due: (tick, capital index).
    pub strike_answers: Vec<(u32, usize)>,
    /// The expected response `C`: the probability the arrangement answers a renewed
    /// attack (M13), [0, 1].
    pub credibility: f64,
    /// Each capital's answer probability `p_i` (0 for a capital that is not a guarantor).
    pub per_capital: Vec<f64>,
    /// Combat power the answer would bring, Ukrainian-soldier equivalents.
    pub response_power: f64,
    /// Sum of `C` over ticks, for the run's mean.
    pub credibility_sum: f64,
    /// Number of ticks summed.
    pub ticks: u32,
    /// Long-term aid commitments.
    pub commitments: Vec<Commitment>,
    /// This tick's committed aid per capital, euro billions per week.
    pub committed_per_week: Vec<f64>,
    /// Date from which Ukraine has a nuclear deterrent (M15).
    pub nuclear_from: Option<NaiveDate>,
    /// Whether it has one now.
    pub nuclear: bool,
}

impl Guarantee {
    /// Builds the guarantee from the scenario's arrangement; capital codes are resolved
    /// against `codes` (sorted as the roster is).
    pub fn new(arrangement: &Arrangement, codes: &[String]) -> Guarantee {
        let mask = |list: &[String]| -> Vec<bool> {
            codes.iter().map(|c| list.iter().any(|g| g == c)).collect()
        };
        let (declared, bindingness, from, guarantor, enabler) = match &arrangement.guarantee {
            Some(g) => (
                true,
                Some(g.bindingness),
                g.from,
                mask(&g.guarantors),
                mask(&g.enablers),
            ),
            None => (
                false,
                None,
                Trigger::Start,
                vec![false; codes.len()],
                vec![false; codes.len()],
            ),
        };
        let commitments = arrangement
            .commitments
            .iter()
            .map(|c| Commitment {
                capitals: codes
                    .iter()
                    .enumerate()
                    .filter(|(_, code)| c.capitals.iter().any(|x| x == *code))
                    .map(|(i, _)| i)
                    .collect(),
                share_of_gdp: c.share_of_gdp,
                from: c.from,
                weeks: (c.years * 52.0).round() as u32,
                started: None,
            })
            .collect();
        Guarantee {
            declared,
            bindingness,
            from,
            guarantor,
            enabler,
            since: None,
            invoked: false,
            invocations: 0,
            attack_answered: false,
            answers_due: None,
            failed_responses: 0,
            strike_answers: Vec::new(),
            credibility: 0.0,
            per_capital: vec![0.0; codes.len()],
            response_power: 0.0,
            credibility_sum: 0.0,
            ticks: 0,
            commitments,
            committed_per_week: vec![0.0; codes.len()],
            nuclear_from: arrangement.nuclear_from,
            nuclear: false,
        }
    }

    /// Whether the guarantee is in force now.
    pub fn in_force(&self) -> bool {
        self.since.is_some()
    }

    /// The run's mean credibility so far.
    pub fn mean_credibility(&self) -> f64 {
        if self.ticks == 0 {
            0.0
        } else {
            self.credibility_sum / f64::from(self.ticks)
        }
    }
}

/// The first tick at which a trigger fires, given the tick and date now and the tick the
/// current ceasefire began; `None` while it has not fired.
pub fn trigger_start(
    trigger: Trigger,
    tick: u32,
    date: NaiveDate,
    ceasefire_since: Option<u32>,
) -> Option<u32> {
    match trigger {
        Trigger::Start => Some(0),
        Trigger::Date(day) => (date >= day).then_some(tick),
        Trigger::Ceasefire { after_weeks } => ceasefire_since
            .map(|since| since + after_weeks)
            .filter(|&start| tick >= start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_fire_on_their_condition() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        let before = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default();
        assert_eq!(trigger_start(Trigger::Start, 9, day, None), Some(0));
        assert_eq!(trigger_start(Trigger::Date(day), 9, before, None), None);
        assert_eq!(trigger_start(Trigger::Date(day), 9, day, None), Some(9));
        let after = Trigger::Ceasefire { after_weeks: 4 };
        assert_eq!(trigger_start(after, 9, day, None), None);
        assert_eq!(
            trigger_start(after, 9, day, Some(7)),
            None,
            "4 weeks not passed"
        );
        assert_eq!(trigger_start(after, 11, day, Some(7)), Some(11));
    }

    #[test]
    fn the_stage_follows_invitation_and_accession() {
        let mut m = Membership {
            path: None,
            invited: None,
            ratified: vec![false; 2],
            accession: None,
            renounced: false,
        };
        assert_eq!(m.stage(), MEMBERSHIP_NONE);
        m.invited = Some(3);
        assert_eq!(m.stage(), MEMBERSHIP_INVITED);
        assert!(!m.member());
        m.accession = Some(40);
        assert_eq!(m.stage(), MEMBERSHIP_MEMBER);
        assert!(m.member());
    }
}
