//! M13 (credibility of a guarantee) with M16, M17 and M18 (who guarantees, how binding,
//! with whose troops), Article 5 for a member Ukraine (M12), and long-term aid
//! commitments (M14, M17).
//!
//! **In force and invoked.** A declared guarantee takes effect at its trigger (the start,
//! a date, or some weeks into a ceasefire) and stays in force. Ukraine's accession brings
//! Article 5. If the Kremlin breaks a ceasefire while a guarantee or Article 5 covers
//! Ukraine, or attacks a member Ukraine, the guarantee is invoked (`guarantee_invoked` or
//! `article5_invoked`): every guarantor is put to the test and answers next tick with its
//! `test_response`; for a member, a collective response also goes to the Council.
//!
//! **Failed responses.** If the guarantors' GDP-weighted mean answer to an invocation, or
//! a guarantor's answer to a strike on its troops, falls below `strikes.failed_response_below`,
//! or the Council blocks a collective response, the response has failed: the Kremlin's
//! belief about every guarantor loses the share `strikes.collapse_share` (M09).
//!
//! **Credibility.** `C = B · (w_r·R + w_k·K + w_t·T + w_u·U)`, with `B` the bindingness
//! (declaration, treaty, or Article 5 for a member; times `credibility.promised_factor`
//! while promised but not in force; 0 with no guarantee), `R` the GDP-weighted mean belief
//! about the guarantors, `K = min(1, Σ defence budgets / capability_reference)`,
//! `T = min(1, guarantor troops in Ukraine / tripwire_reference)` and `U` the belief about
//! the United States times 1 if it guarantees, `us_enabler_factor` if it only enables, 0
//! otherwise. Each guarantor's own `c_i` uses its own belief, budget and troops.

use bevy_ecs::prelude::*;

use crate::components::{Beliefs, CapitalProfile, UnderTest, Unit};
use crate::institutions::{Guarantee, Membership, Nac, is_guarantor, trigger_start};
use crate::params::CredibilityParams;
use crate::resources::{Clock, Output, Params, Roster, War};
use crate::rows::EventRow;
use crate::setup::Bindingness;
use crate::systems::AidTick;

/// Advance schedule, after the ceasefire rule: brings the guarantee into force, starts
/// commitments, and invokes the guarantee when Ukraine is attacked.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn invocation(
    clock: Res<Clock>,
    roster: Res<Roster>,
    war: Res<War>,
    membership: Res<Membership>,
    mut guarantee: ResMut<Guarantee>,
    mut nac: ResMut<Nac>,
    mut output: ResMut<Output>,
    mut tested: Query<&mut UnderTest>,
) {
    let (tick, date) = (clock.tick, clock.date());
    if guarantee.declared
        && guarantee.since.is_none()
        && let Some(start) = trigger_start(guarantee.from, tick, date, war.ceasefire_since)
    {
        guarantee.since = Some(start.max(tick));
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "guarantee_in_force",
            actor: 0,
            target: roster.kyiv_id,
            detail: format!(
                "bindingness={};guarantors={}",
                guarantee.bindingness.map_or("none", Bindingness::as_str),
                guarantee.guarantor.iter().filter(|&&g| g).count()
            ),
        });
    }
    if let Some(from) = guarantee.nuclear_from
        && !guarantee.nuclear
        && date >= from
    {
        guarantee.nuclear = true;
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "nuclear_deterrent",
            actor: roster.kyiv_id,
            target: roster.kremlin_id,
            detail: String::new(),
        });
    }
    for commitment in &mut guarantee.commitments {
        if commitment.started.is_none() {
            commitment.started = trigger_start(commitment.from, tick, date, war.ceasefire_since)
                .map(|start| start.max(tick));
        }
    }

    let member = membership.member();
    if war.ceasefire_since == Some(tick) {
        // A new ceasefire: a later attack on a member Ukraine is a new case for Article 5.
        guarantee.attack_answered = false;
    }
    let covered = guarantee.in_force() || member;
    let broken_now = war.last_break == Some(tick);
    let attacked_member = member && war.ceasefire_since.is_none() && war.intensity > 0.0;
    if !covered || !(broken_now || (attacked_member && !guarantee.attack_answered)) {
        return;
    }
    guarantee.invoked = true;
    guarantee.attack_answered = true;
    guarantee.invocations += 1;
    guarantee.answers_due = Some(tick + 1);
    output.0.events.push(EventRow {
        tick,
        date,
        kind: if member {
            "article5_invoked"
        } else {
            "guarantee_invoked"
        },
        actor: roster.kyiv_id,
        target: roster.kremlin_id,
        detail: format!(
            "cause={}",
            if broken_now {
                "ceasefire_broken"
            } else {
                "attack"
            }
        ),
    });
    if member {
        nac.response_pending = true;
        nac.article5_invocations += 1;
    }
    for (index, &entity) in roster.capitals.iter().enumerate() {
        let is_guarantor = member || guarantee.guarantor.get(index).copied().unwrap_or(false);
        if is_guarantor && let Ok(mut under_test) = tested.get_mut(entity) {
            under_test.0 = true;
        }
    }
}

/// The expected response (M13): `C` and each guarantor's answer probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Credibility {
    /// `C`, the probability the arrangement answers a renewed attack, [0, 1].
    pub overall: f64,
    /// `p_i` per capital (0 for a capital that is not a guarantor).
    pub per_capital: Vec<f64>,
    /// Combat power the answer brings if it comes, Ukrainian-soldier equivalents.
    pub response_power: f64,
}

/// What the expected response is computed from, per capital.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GuarantorView {
    /// Whether the capital guarantees.
    pub guarantor: bool,
    /// Whether it enables (air, ISR, intelligence) without guaranteeing.
    pub enabler: bool,
    /// The Kremlin's belief about its resolve.
    pub belief: f64,
    /// Defence budget, euro billions per year.
    pub defence_budget: f64,
    /// Its troops inside Ukraine, persons.
    pub troops_in_ukraine: f64,
}

/// How the arrangement decides to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionRule {
    /// Each guarantor answers for itself (a coalition that can act alone, a bilateral treaty).
    Coalition,
    /// The answer needs the consensus of every member (Article 5 through the Council).
    Consensus,
}

/// `q_i = base · (β + (1 − β) · b_i)`, `p_i = q_i + (1 − q_i) · pull · T_i`; `C = Σ w_i p_i`
/// with `w_i` the guarantor's share of the guarantors' defence budgets, times
/// `Π (1 − block_i)`, `block_i = κ · max(0, 1 − b_i/θ)`, under consensus. The response power, what the answer brings if it
/// comes, is `P · (Σ guarantors' budgets + us_enabler_factor · enablers' budgets) / Σ
/// budgets of all capitals`, with `P` the Alliance's full collective defence power.
pub fn credibility(
    p: &CredibilityParams,
    base: f64,
    rule: DecisionRule,
    collective_power: f64,
    views: &[GuarantorView],
) -> Credibility {
    let tripwire = |troops: f64| {
        if p.tripwire_reference_troops > 0.0 {
            (troops / p.tripwire_reference_troops).min(1.0)
        } else {
            1.0
        }
    };
    let per_capital: Vec<f64> = views
        .iter()
        .map(|v| {
            if v.guarantor {
                let b = v.belief.clamp(0.0, 1.0);
                let beta = p.institutional_share;
                let q = (base * (beta + (1.0 - beta) * b)).clamp(0.0, 1.0);
                (q + (1.0 - q) * p.tripwire_pull * tripwire(v.troops_in_ukraine)).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let all_budgets: f64 = views.iter().map(|v| v.defence_budget).sum();
    let (mut budget, mut weighted) = (0.0, 0.0);
    for (v, p_i) in views.iter().zip(&per_capital) {
        if v.guarantor {
            budget += v.defence_budget;
            weighted += p_i * v.defence_budget;
        }
    }
    if base <= 0.0 {
        return Credibility {
            overall: 0.0,
            per_capital: vec![0.0; views.len()],
            response_power: 0.0,
        };
    }
    let consensus = match rule {
        DecisionRule::Coalition => 1.0,
        DecisionRule::Consensus => views
            .iter()
            .filter(|v| v.guarantor)
            .map(|v| {
                if p.consensus_block_below > 0.0 {
                    1.0 - p.veto_propensity
                        * (1.0 - v.belief / p.consensus_block_below).clamp(0.0, 1.0)
                } else {
                    1.0
                }
            })
            .product(),
    };
    let overall = if budget > 0.0 {
        (weighted / budget * consensus).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let enabled: f64 = views
        .iter()
        .filter(|v| v.enabler && !v.guarantor)
        .map(|v| p.us_enabler_factor * v.defence_budget)
        .sum();
    let response_power = if all_budgets > 0.0 && budget > 0.0 {
        collective_power * (budget + enabled) / all_budgets
    } else {
        0.0
    };
    Credibility {
        overall,
        per_capital,
        response_power,
    }
}

/// Advance schedule, after the beliefs: failed responses, the credibility composite, and
/// the commitments due next tick.
#[allow(
    clippy::too_many_arguments,
    reason = "a system's parameters are its data access"
)]
pub fn assess(
    clock: Res<Clock>,
    params: Res<Params>,
    roster: Res<Roster>,
    membership: Res<Membership>,
    aid: Res<AidTick>,
    mut guarantee: ResMut<Guarantee>,
    mut output: ResMut<Output>,
    capitals: Query<&CapitalProfile>,
    units: Query<&Unit>,
    mut beliefs: Query<&mut Beliefs>,
) {
    let p = &params.0;
    let (tick, date) = (clock.tick, clock.date());
    let member = membership.member();
    let invited = membership.invited_and_open();
    let is_guarantor = |g: &Guarantee, index: usize| is_guarantor(g, &membership, index);
    let Ok(mut beliefs) = beliefs.get_mut(roster.kremlin) else {
        return;
    };
    let gdp: Vec<f64> = roster
        .capitals
        .iter()
        .map(|&e| capitals.get(e).map_or(0.0, |c| c.gdp_eur_bn))
        .collect();

    // Failed responses (M09): beliefs fall about those who failed, not about everyone.
    let threshold = p.strikes.failed_response_below;
    let answers: Vec<(usize, f64)> = aid
        .test_responses
        .iter()
        .copied()
        .filter(|&(i, _)| is_guarantor(&guarantee, i))
        .collect();
    let mut failed_by = vec![false; gdp.len()];
    let mut failed = false;
    if aid.collapse {
        // The Council blocked a collective response: the Alliance as a whole failed.
        failed = true;
        for (index, slot) in failed_by.iter_mut().enumerate() {
            *slot = is_guarantor(&guarantee, index);
        }
    }
    if guarantee.answers_due == Some(tick) {
        guarantee.answers_due = None;
        let (w, g) = answers
            .iter()
            .fold((0.0, 0.0), |(w, g), &(i, r)| (w + r * gdp[i], g + gdp[i]));
        if g > 0.0 && w / g < threshold {
            failed = true;
            for &(i, r) in &answers {
                failed_by[i] |= r < threshold;
            }
        }
    }
    let struck_owners: Vec<usize> = guarantee
        .strike_answers
        .iter()
        .filter(|&&(due, _)| due == tick)
        .map(|&(_, owner)| owner)
        .collect();
    guarantee.strike_answers.retain(|&(due, _)| due > tick);
    for &(i, r) in &answers {
        if r < threshold && struck_owners.contains(&i) {
            failed = true;
            failed_by[i] = true;
        }
    }
    if failed {
        guarantee.failed_responses += 1;
        for (belief, _) in beliefs
            .values
            .iter_mut()
            .zip(&failed_by)
            .filter(|(_, failed)| **failed)
        {
            *belief *= 1.0 - p.strikes.collapse_share;
        }
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "credibility_collapse",
            actor: roster.kremlin_id,
            target: 0,
            detail: format!(
                "share={:.6};failed={}",
                p.strikes.collapse_share,
                failed_by.iter().filter(|&&f| f).count()
            ),
        });
    }

    // The expected response (M13).
    let c = &p.credibility;
    let mut troops = vec![0.0; roster.capitals.len()];
    for unit in roster.units.iter().filter_map(|&e| units.get(e).ok()) {
        if unit.in_ukraine()
            && let Some(slot) = troops.get_mut(unit.owner)
        {
            *slot += unit.troops;
        }
    }
    let promised = |b: f64, in_force: bool| if in_force { b } else { b * c.promised_factor };
    let declared = guarantee.bindingness.map_or(0.0, |kind| match kind {
        Bindingness::Declaration => promised(c.base_declaration, guarantee.in_force()),
        Bindingness::Treaty => promised(c.base_treaty, guarantee.in_force()),
    });
    let article5 = if member {
        c.base_article5
    } else if invited {
        c.base_article5 * c.promised_factor
    } else {
        0.0
    };
    let (base, rule) = if article5 > declared {
        (article5, DecisionRule::Consensus)
    } else {
        (declared, DecisionRule::Coalition)
    };
    let views: Vec<GuarantorView> = roster
        .capitals
        .iter()
        .enumerate()
        .map(|(i, &e)| GuarantorView {
            guarantor: is_guarantor(&guarantee, i),
            enabler: guarantee.enabler.get(i) == Some(&true),
            belief: beliefs.values.get(i).copied().unwrap_or(0.0),
            defence_budget: capitals.get(e).map_or(0.0, |c| c.defence_budget_eur_bn),
            troops_in_ukraine: troops[i],
        })
        .collect();
    let result = credibility(
        c,
        base,
        rule,
        p.intervention.collective_defence_power,
        &views,
    );
    // M15: a Ukrainian deterrent sets a floor under deterrence, whatever the guarantors do.
    guarantee.credibility = if guarantee.nuclear {
        result.overall.max(p.nuclear.deterrence_floor)
    } else {
        result.overall
    };
    guarantee.per_capital = result.per_capital;
    guarantee.response_power = result.response_power;
    guarantee.credibility_sum += guarantee.credibility;
    guarantee.ticks += 1;

    // Commitments for the next tick (M14, M17).
    let next = tick + 1;
    let mut committed = vec![0.0; gdp.len()];
    for commitment in &guarantee.commitments {
        if let Some(start) = commitment.started
            && next >= start
            && next < start + commitment.weeks
        {
            for &i in &commitment.capitals {
                committed[i] += commitment.share_of_gdp * gdp[i] / 52.0;
            }
        }
    }
    guarantee.committed_per_week = committed;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(guarantor: bool, belief: f64, troops: f64) -> GuarantorView {
        GuarantorView {
            guarantor,
            enabler: false,
            belief,
            defence_budget: 30.0,
            troops_in_ukraine: troops,
        }
    }

    #[test]
    fn no_base_rate_means_no_response() {
        let p = CredibilityParams::default();
        let c = credibility(
            &p,
            0.0,
            DecisionRule::Coalition,
            1e5,
            &[view(true, 1.0, 1e6)],
        );
        assert_eq!(c.overall, 0.0);
        assert_eq!(c.response_power, 0.0);
    }

    #[test]
    fn a_tripwire_closes_part_of_the_gap_to_a_certain_answer() {
        let p = CredibilityParams::default();
        let views = [
            view(true, 0.5, p.tripwire_reference_troops),
            view(true, 0.5, 0.0),
            view(false, 0.9, 0.0),
        ];
        let c = credibility(&p, 0.8, DecisionRule::Coalition, 1e5, &views);
        let beta = p.institutional_share;
        let without = 0.8 * (beta + (1.0 - beta) * 0.5);
        let with = without + (1.0 - without) * p.tripwire_pull;
        assert!((c.per_capital[0] - with).abs() < 1e-12);
        assert!((c.per_capital[1] - without).abs() < 1e-12);
        assert_eq!(c.per_capital[2], 0.0, "not a guarantor");
        assert!(
            (c.overall - (with + without) / 2.0).abs() < 1e-12,
            "equal budgets"
        );
        // Two of three equal budgets guarantee: the answer brings that share of the power.
        assert!((c.response_power - 1e5 * 60.0 / 90.0).abs() < 1e-6);
    }

    #[test]
    fn a_treaty_answers_more_often_than_a_declaration_and_consensus_can_be_blocked() {
        let p = CredibilityParams::default();
        let views = [view(true, 0.6, 0.0), view(true, 0.6, 0.0)];
        let declaration = credibility(&p, p.base_declaration, DecisionRule::Coalition, 1e5, &views);
        let treaty = credibility(&p, p.base_treaty, DecisionRule::Coalition, 1e5, &views);
        assert!(treaty.overall > declaration.overall);
        let sceptic = [view(true, 0.6, 0.0), view(true, 0.05, 0.0)];
        // A doubtful member can block; a sure one cannot.
        let coalition = credibility(&p, p.base_treaty, DecisionRule::Coalition, 1e5, &sceptic);
        let consensus = credibility(&p, p.base_treaty, DecisionRule::Consensus, 1e5, &sceptic);
        assert!(
            consensus.overall < coalition.overall,
            "one doubtful member can block a consensus answer"
        );
        let block = p.veto_propensity * (1.0 - 0.05 / p.consensus_block_below).max(0.0);
        assert!((consensus.overall - coalition.overall * (1.0 - block)).abs() < 1e-12);
    }
}
