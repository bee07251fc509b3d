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

/// The composite credibility and each guarantor's part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Credibility {
    /// `C`.
    pub overall: f64,
    /// `c_i` per capital (0 for a capital that is not a guarantor).
    pub per_capital: Vec<f64>,
}

/// What the composite is computed from, per capital.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GuarantorView {
    /// Whether the capital guarantees.
    pub guarantor: bool,
    /// The Kremlin's belief about its resolve.
    pub belief: f64,
    /// GDP, euro billions per year.
    pub gdp: f64,
    /// Defence budget, euro billions per year.
    pub defence_budget: f64,
    /// Its troops inside Ukraine, persons.
    pub troops_in_ukraine: f64,
}

/// `C = B · (w_r·R + w_k·K + w_t·T + w_u·U)` and its per-guarantor parts.
pub fn credibility(p: &CredibilityParams, b: f64, u: f64, views: &[GuarantorView]) -> Credibility {
    let capability = |budget: f64| {
        if p.capability_reference_eur_bn > 0.0 {
            (budget / p.capability_reference_eur_bn).min(1.0)
        } else {
            1.0
        }
    };
    let tripwire = |troops: f64| {
        if p.tripwire_reference_troops > 0.0 {
            (troops / p.tripwire_reference_troops).min(1.0)
        } else {
            1.0
        }
    };
    let composite = |r: f64, k: f64, t: f64| {
        (b * (p.weight_resolve * r
            + p.weight_capability * k
            + p.weight_tripwire * t
            + p.weight_us * u))
            .clamp(0.0, 1.0)
    };
    let (mut gdp, mut weighted, mut budget, mut troops) = (0.0, 0.0, 0.0, 0.0);
    for v in views.iter().filter(|v| v.guarantor) {
        gdp += v.gdp;
        weighted += v.belief * v.gdp;
        budget += v.defence_budget;
        troops += v.troops_in_ukraine;
    }
    let r = if gdp > 0.0 { weighted / gdp } else { 0.0 };
    let overall = if gdp > 0.0 {
        composite(r, capability(budget), tripwire(troops))
    } else {
        0.0
    };
    let per_capital = views
        .iter()
        .map(|v| {
            if v.guarantor {
                composite(
                    v.belief,
                    capability(v.defence_budget),
                    tripwire(v.troops_in_ukraine),
                )
            } else {
                0.0
            }
        })
        .collect();
    Credibility {
        overall,
        per_capital,
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

    // Failed responses (M09).
    let threshold = p.strikes.failed_response_below;
    let answers: Vec<(usize, f64)> = aid
        .test_responses
        .iter()
        .copied()
        .filter(|&(i, _)| is_guarantor(&guarantee, i))
        .collect();
    let mut failed = aid.collapse;
    if guarantee.answers_due == Some(tick) {
        guarantee.answers_due = None;
        let (w, g) = answers
            .iter()
            .fold((0.0, 0.0), |(w, g), &(i, r)| (w + r * gdp[i], g + gdp[i]));
        if g > 0.0 && w / g < threshold {
            failed = true;
        }
    }
    let struck_owners: Vec<usize> = guarantee
        .strike_answers
        .iter()
        .filter(|&&(due, _)| due == tick)
        .map(|&(_, owner)| owner)
        .collect();
    guarantee.strike_answers.retain(|&(due, _)| due > tick);
    failed |= answers
        .iter()
        .any(|&(i, r)| r < threshold && struck_owners.contains(&i));
    if failed {
        guarantee.failed_responses += 1;
        for (index, belief) in beliefs.values.iter_mut().enumerate() {
            if is_guarantor(&guarantee, index) {
                *belief *= 1.0 - p.strikes.collapse_share;
            }
        }
        output.0.events.push(EventRow {
            tick,
            date,
            kind: "credibility_collapse",
            actor: roster.kremlin_id,
            target: 0,
            detail: format!("share={:.6}", p.strikes.collapse_share),
        });
    }

    // The composite (M13).
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
        Bindingness::Declaration => promised(c.bindingness_declaration, guarantee.in_force()),
        Bindingness::Treaty => promised(c.bindingness_treaty, guarantee.in_force()),
    });
    let article5 = if member {
        c.bindingness_article5
    } else if invited {
        c.bindingness_article5 * c.promised_factor
    } else {
        0.0
    };
    let b = declared.max(article5);
    let us_belief = roster
        .us_index
        .and_then(|i| beliefs.values.get(i).copied())
        .unwrap_or(0.0);
    let u = match roster.us_index {
        Some(i) if is_guarantor(&guarantee, i) => us_belief,
        Some(i) if guarantee.enabler.get(i) == Some(&true) => us_belief * c.us_enabler_factor,
        _ => 0.0,
    };
    let views: Vec<GuarantorView> = roster
        .capitals
        .iter()
        .enumerate()
        .map(|(i, &e)| GuarantorView {
            guarantor: is_guarantor(&guarantee, i),
            belief: beliefs.values.get(i).copied().unwrap_or(0.0),
            gdp: gdp[i],
            defence_budget: capitals.get(e).map_or(0.0, |c| c.defence_budget_eur_bn),
            troops_in_ukraine: troops[i],
        })
        .collect();
    let result = credibility(c, b, u, &views);
    // M15: a Ukrainian deterrent sets a floor under deterrence, whatever the guarantors do.
    guarantee.credibility = if guarantee.nuclear {
        result.overall.max(p.nuclear.deterrence_floor)
    } else {
        result.overall
    };
    guarantee.per_capital = result.per_capital;
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
            belief,
            gdp: 1000.0,
            defence_budget: 30.0,
            troops_in_ukraine: troops,
        }
    }

    #[test]
    fn no_bindingness_means_no_credibility() {
        let p = CredibilityParams::default();
        let c = credibility(&p, 0.0, 1.0, &[view(true, 1.0, 1e6)]);
        assert_eq!(c.overall, 0.0);
    }

    #[test]
    fn the_composite_weighs_resolve_capability_tripwire_and_the_us() {
        let p = CredibilityParams::default();
        let views = [
            view(true, 0.8, 15000.0),
            view(true, 0.4, 0.0),
            view(false, 0.0, 0.0),
        ];
        let c = credibility(&p, 0.5, 0.6, &views);
        let r = 0.6; // GDP-weighted mean of 0.8 and 0.4
        let k = 60.0 / p.capability_reference_eur_bn;
        let t = 15000.0 / p.tripwire_reference_troops;
        let expected = 0.5
            * (p.weight_resolve * r
                + p.weight_capability * k
                + p.weight_tripwire * t
                + p.weight_us * 0.6);
        assert!((c.overall - expected).abs() < 1e-12);
        assert_eq!(c.per_capital[2], 0.0, "not a guarantor");
        assert!(
            c.per_capital[0] > c.per_capital[1],
            "more resolve and troops"
        );
        let binding = credibility(&p, 1.0, 0.6, &views);
        assert!(binding.overall > c.overall, "a treaty counts for more");
    }
}
