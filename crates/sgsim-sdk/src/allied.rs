//! How an allied capital behaves in the institutions: North Atlantic Council votes (M04),
//! ratification of Ukraine's accession protocol (M12), sanctions (M22) and the threshold
//! below which it leaves a small test of resolve (a slice, M11) unanswered.
//!
//! Capital policies embed a [`Conduct`] and call [`Conduct::act`] after they have set their
//! pledges; its rules are parameters ([`ConductParams`], a `conduct = { ... }` table in a
//! policy's params), so a scenario can make any capital a holdout without a new plugin.

use serde::Deserialize;
use sgsim_abi::{
    AGENDA_AID_PACKAGE, AGENDA_EU_FINANCIAL, AGENDA_EU_MILITARY, AGENDA_INVITATION, AGENDA_MISSION,
    AGENDA_RESPONSE, CapitalAction, CapitalObservation,
};

/// The rules of [`Conduct`].
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ConductParams {
    /// Objects to a NATO aid package while its resolve is below this (above 1: always).
    pub object_to_aid_below_resolve: f64,
    /// Objects to inviting Ukraine while its resolve is below this (above 1: always).
    pub object_to_invitation_below_resolve: f64,
    /// Objects to a collective response while its resolve is below this (above 1: always).
    pub object_to_response_below_resolve: f64,
    /// Objects to a NATO mission in Ukraine while `aversion · (1 − resolve)` is above this.
    pub object_to_mission_above: f64,
    /// Vetoes a European Union instrument for Ukraine in the Council of the EU while its
    /// resolve is below this (EU members only; above 1: always).
    pub object_to_eu_below_resolve: f64,
    /// Side payment it asks for lifting an objection, euro billions; 0 means not for sale.
    pub price_eur_bn: f64,
    /// Weeks its parliament needs to ratify at full resolve.
    pub ratification_weeks: f64,
    /// Extra weeks at zero resolve (the delay grows linearly as resolve falls).
    pub ratification_extra_weeks: f64,
    /// Weeks it holds out before ratifying regardless of resolve (a holdout: 0 for none).
    pub holdout_weeks: f64,
    /// Sanctions effort as a multiple of its resolve, [0, 1] after clamping.
    pub sanctions_factor: f64,
    /// Size of a test of resolve below which it is not answered (M11: a slice below the
    /// response threshold), [0, 1].
    pub slice_threshold: f64,
    /// Rise of that threshold per test left unanswered in a row (habituation), capped so
    /// that a decisive move (size 1) is still answered.
    pub habituation: f64,
}

impl Default for ConductParams {
    fn default() -> Self {
        ConductParams {
            object_to_aid_below_resolve: 0.1,
            object_to_invitation_below_resolve: 0.2,
            object_to_response_below_resolve: 0.1,
            object_to_mission_above: 0.4,
            object_to_eu_below_resolve: 0.1,
            price_eur_bn: 0.0,
            ratification_weeks: 8.0,
            ratification_extra_weeks: 26.0,
            holdout_weeks: 0.0,
            sanctions_factor: 1.0,
            slice_threshold: 0.3,
            habituation: 0.15,
        }
    }
}

impl ConductParams {
    /// Checks ranges; the error names the field.
    pub fn check(&self) -> Result<(), String> {
        crate::check::non_negative(&[
            (
                "conduct.object_to_aid_below_resolve",
                self.object_to_aid_below_resolve,
            ),
            (
                "conduct.object_to_invitation_below_resolve",
                self.object_to_invitation_below_resolve,
            ),
            (
                "conduct.object_to_response_below_resolve",
                self.object_to_response_below_resolve,
            ),
            (
                "conduct.object_to_mission_above",
                self.object_to_mission_above,
            ),
            (
                "conduct.object_to_eu_below_resolve",
                self.object_to_eu_below_resolve,
            ),
            ("conduct.price_eur_bn", self.price_eur_bn),
            ("conduct.ratification_weeks", self.ratification_weeks),
            (
                "conduct.ratification_extra_weeks",
                self.ratification_extra_weeks,
            ),
            ("conduct.holdout_weeks", self.holdout_weeks),
            ("conduct.sanctions_factor", self.sanctions_factor),
            ("conduct.habituation", self.habituation),
        ])?;
        crate::check::unit_interval(&[("conduct.slice_threshold", self.slice_threshold)])?;
        if self.price_eur_bn > 50.0 {
            return Err(format!(
                "conduct.price_eur_bn = {} is above 50 euro billions",
                self.price_eur_bn
            ));
        }
        Ok(())
    }
}

/// One capital's institutional conduct, with the state it needs (how long ratification has
/// been pending).
#[derive(Clone, Debug, Default)]
pub struct Conduct {
    params: ConductParams,
    pending_weeks: f64,
}

impl Conduct {
    /// Conduct by these rules.
    pub fn new(params: ConductParams) -> Conduct {
        Conduct {
            params,
            pending_weeks: 0.0,
        }
    }

    /// The rules.
    pub fn params(&self) -> &ConductParams {
        &self.params
    }

    /// Weeks this capital takes to ratify at its current resolve.
    pub fn ratification_delay(&self, resolve: f64) -> f64 {
        let p = &self.params;
        (p.ratification_weeks + p.ratification_extra_weeks * (1.0 - resolve.clamp(0.0, 1.0)))
            .max(p.holdout_weeks)
    }

    /// The size below which this capital leaves a test unanswered now:
    /// `min(0.95, slice_threshold + habituation · unanswered_tests)`.
    pub fn response_threshold(&self, unanswered_tests: u32) -> f64 {
        let p = &self.params;
        (p.slice_threshold + p.habituation * f64::from(unanswered_tests)).min(0.95)
    }

    /// Sets `nac_block`, `side_payment_demand_eur_bn`, `ratify` and `sanctions_effort`, and
    /// leaves a test smaller than [`Conduct::response_threshold`] unanswered
    /// (`test_response = 0`; a size of 0 counts as a full test).
    pub fn act(&mut self, obs: &CapitalObservation, act: &mut CapitalAction) {
        if obs.under_test == 1 {
            let size = if obs.test_size > 0.0 {
                obs.test_size
            } else {
                1.0
            };
            if size < self.response_threshold(obs.unanswered_tests) {
                act.test_response = 0.0;
            }
        }
        let p = &self.params;
        let r = obs.resolve;
        let mut block = 0;
        if r < p.object_to_aid_below_resolve {
            block |= AGENDA_AID_PACKAGE;
        }
        if r < p.object_to_invitation_below_resolve {
            block |= AGENDA_INVITATION;
        }
        if r < p.object_to_response_below_resolve {
            block |= AGENDA_RESPONSE;
        }
        if obs.escalation_aversion * (1.0 - r) > p.object_to_mission_above {
            block |= AGENDA_MISSION;
        }
        if r < p.object_to_eu_below_resolve {
            block |= AGENDA_EU_MILITARY | AGENDA_EU_FINANCIAL;
        }
        act.nac_block = block & obs.nac_agenda;
        if act.nac_block != 0 {
            act.side_payment_demand_eur_bn = p.price_eur_bn;
        }
        if obs.ratification_pending == 1 {
            self.pending_weeks += 1.0;
            if self.pending_weeks >= self.ratification_delay(r) {
                act.ratify = 1;
            }
        } else {
            self.pending_weeks = 0.0;
        }
        act.sanctions_effort = (p.sanctions_factor * r).clamp(0.0, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(resolve: f64, agenda: u32) -> CapitalObservation {
        CapitalObservation {
            resolve,
            escalation_aversion: 0.5,
            nac_agenda: agenda,
            ..Default::default()
        }
    }

    #[test]
    fn objects_only_to_items_on_the_agenda_and_names_its_price() {
        let mut c = Conduct::new(ConductParams {
            price_eur_bn: 1.5,
            ..ConductParams::default()
        });
        let mut act = CapitalAction::default();
        c.act(&obs(0.05, AGENDA_AID_PACKAGE), &mut act);
        assert_eq!(act.nac_block, AGENDA_AID_PACKAGE);
        assert_eq!(act.side_payment_demand_eur_bn, 1.5);
        let mut act = CapitalAction::default();
        c.act(&obs(0.05, 0), &mut act);
        assert_eq!(act.nac_block, 0, "nothing on the agenda, nothing to block");
        let mut act = CapitalAction::default();
        c.act(&obs(0.9, AGENDA_AID_PACKAGE | AGENDA_MISSION), &mut act);
        assert_eq!(act.nac_block, 0);
        assert_eq!(act.sanctions_effort, 0.9);
    }

    #[test]
    fn ratifies_after_its_delay_and_holdouts_wait_longer() {
        let mut c = Conduct::new(ConductParams::default());
        let pending = CapitalObservation {
            ratification_pending: 1,
            ..obs(1.0, 0)
        };
        let mut weeks = 0;
        loop {
            let mut act = CapitalAction::default();
            c.act(&pending, &mut act);
            weeks += 1;
            if act.ratify == 1 {
                break;
            }
        }
        assert_eq!(weeks, 8);
        let holdout = Conduct::new(ConductParams {
            holdout_weeks: 80.0,
            ..ConductParams::default()
        });
        assert_eq!(holdout.ratification_delay(1.0), 80.0);
        assert_eq!(c.ratification_delay(0.0), 34.0);
    }
}
