//! Range checks for every action field. The host calls these after each `decide` and stops
//! the run on the first violation, naming the plugin, policy, actor and tick.

use sgsim_abi::{
    AGENDA_AID_PACKAGE, AGENDA_EU_FINANCIAL, AGENDA_EU_MILITARY, AGENDA_INVITATION, AGENDA_MISSION,
    AGENDA_RESPONSE, CEASEFIRE_BREAK, CapitalAction, CoalitionAction, KremlinAction, KyivAction,
    SECTOR_OCCUPIED_2014, SECTOR_SOUTH,
};

use crate::units::Location;

/// Largest pledge per category per week, euro billions.
pub const MAX_PLEDGE_EUR_BN: f64 = 50.0;

/// A field out of its range, with the reason.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("action field `{field}` = {value} is invalid: {reason}")]
pub struct InvalidAction {
    /// Field name.
    pub field: &'static str,
    /// The value as text.
    pub value: String,
    /// What was expected.
    pub reason: &'static str,
}

fn unit_interval(field: &'static str, value: f64) -> Result<(), InvalidAction> {
    in_range(field, value, 0.0, 1.0, "must be finite and in [0, 1]")
}

fn in_range(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
    reason: &'static str,
) -> Result<(), InvalidAction> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(InvalidAction {
            field,
            value: value.to_string(),
            reason,
        })
    }
}

fn code(
    field: &'static str,
    value: u32,
    max: u32,
    reason: &'static str,
) -> Result<(), InvalidAction> {
    if value <= max {
        Ok(())
    } else {
        Err(InvalidAction {
            field,
            value: value.to_string(),
            reason,
        })
    }
}

/// Checks a capital's action.
pub fn capital(action: &CapitalAction) -> Result<(), InvalidAction> {
    code(
        "channel",
        action.channel,
        sgsim_abi::CHANNEL_NATO,
        "must be 0 or a CHANNEL_* code (1-3)",
    )?;
    let pledge = "must be finite and in [0, 50] euro billions";
    in_range(
        "pledge_military_eur_bn",
        action.pledge_military_eur_bn,
        0.0,
        MAX_PLEDGE_EUR_BN,
        pledge,
    )?;
    in_range(
        "pledge_financial_eur_bn",
        action.pledge_financial_eur_bn,
        0.0,
        MAX_PLEDGE_EUR_BN,
        pledge,
    )?;
    in_range(
        "pledge_humanitarian_eur_bn",
        action.pledge_humanitarian_eur_bn,
        0.0,
        MAX_PLEDGE_EUR_BN,
        pledge,
    )?;
    unit_interval("test_response", action.test_response)?;
    let agenda = AGENDA_AID_PACKAGE
        | AGENDA_INVITATION
        | AGENDA_RESPONSE
        | AGENDA_MISSION
        | AGENDA_EU_MILITARY
        | AGENDA_EU_FINANCIAL;
    if action.nac_block & !agenda != 0 {
        return Err(InvalidAction {
            field: "nac_block",
            value: action.nac_block.to_string(),
            reason: "must be a bit set of AGENDA_* values (0-63)",
        });
    }
    code("ratify", action.ratify, 1, "must be 0 or 1")?;
    in_range(
        "side_payment_demand_eur_bn",
        action.side_payment_demand_eur_bn,
        0.0,
        MAX_PLEDGE_EUR_BN,
        "must be finite and in [0, 50] euro billions",
    )?;
    unit_interval("sanctions_effort", action.sanctions_effort)
}

/// Checks the Kremlin's action; `capital_ids` are the valid test targets.
pub fn kremlin(
    action: &KremlinAction,
    capital_ids: &[u32],
    unit_ids: &[u32],
) -> Result<(), InvalidAction> {
    code(
        "ceasefire",
        action.ceasefire,
        CEASEFIRE_BREAK,
        "must be a CEASEFIRE_* code (0-2)",
    )?;
    if !(-1..=1).contains(&action.escalation_step) {
        return Err(InvalidAction {
            field: "escalation_step",
            value: action.escalation_step.to_string(),
            reason: "must be -1, 0 or 1",
        });
    }
    if action.test_target != 0 && !capital_ids.contains(&action.test_target) {
        return Err(InvalidAction {
            field: "test_target",
            value: action.test_target.to_string(),
            reason: "must be 0 or the actor id of a capital",
        });
    }
    if action.strike_unit != 0 && !unit_ids.contains(&action.strike_unit) {
        return Err(InvalidAction {
            field: "strike_unit",
            value: action.strike_unit.to_string(),
            reason: "must be 0 or the actor id of a coalition unit",
        });
    }
    code(
        "demand_no_membership",
        action.demand_no_membership,
        1,
        "must be 0 or 1",
    )?;
    unit_interval("offensive_intensity", action.offensive_intensity)?;
    code(
        "main_axis",
        action.main_axis,
        SECTOR_SOUTH,
        "must be a SECTOR_* code (0-3)",
    )?;
    code("reserved", action.reserved, 0, "must be 0")?;
    unit_interval("axis_concentration", action.axis_concentration)
}

/// Checks Kyiv's action.
pub fn kyiv(action: &KyivAction) -> Result<(), InvalidAction> {
    code(
        "accept_ceasefire",
        action.accept_ceasefire,
        1,
        "must be 0 or 1",
    )?;
    code(
        "renounce_membership",
        action.renounce_membership,
        1,
        "must be 0 or 1",
    )?;
    code(
        "offensive_sector",
        action.offensive_sector,
        SECTOR_OCCUPIED_2014,
        "must be a SECTOR_* code (0-4)",
    )?;
    unit_interval("mobilisation", action.mobilisation)?;
    unit_interval("negotiating_stance", action.negotiating_stance)?;
    unit_interval("training_share", action.training_share)?;
    unit_interval("offensive_intensity", action.offensive_intensity)
}

/// Checks a coalition unit's action.
pub fn coalition(action: &CoalitionAction) -> Result<(), InvalidAction> {
    if action.move_to != 0 && Location::from_code(action.move_to).is_none() {
        return Err(InvalidAction {
            field: "move_to",
            value: action.move_to.to_string(),
            reason: "must be 0 or a LOCATION_* code (1-4)",
        });
    }
    code("engage", action.engage, 1, "must be 0 or 1")?;
    code("reserved", action.reserved, 0, "must be 0")?;
    unit_interval("readiness", action.readiness)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_and_out_of_range_values_are_refused_with_the_field_name() {
        let nan = CapitalAction {
            pledge_military_eur_bn: f64::NAN,
            ..Default::default()
        };
        let err = capital(&nan).unwrap_err();
        assert_eq!(err.field, "pledge_military_eur_bn");
        let high = KremlinAction {
            offensive_intensity: 1.5,
            ..Default::default()
        };
        assert_eq!(
            kremlin(&high, &[1], &[]).unwrap_err().field,
            "offensive_intensity"
        );
        let stranger = KremlinAction {
            test_target: 99,
            ..Default::default()
        };
        assert_eq!(
            kremlin(&stranger, &[1, 2], &[]).unwrap_err().field,
            "test_target"
        );
        let phantom = KremlinAction {
            strike_unit: 7,
            ..Default::default()
        };
        assert_eq!(
            kremlin(&phantom, &[1, 2], &[5, 6]).unwrap_err().field,
            "strike_unit"
        );
        assert!(
            capital(&CapitalAction {
                nac_block: 64,
                ..Default::default()
            })
            .is_err(),
            "unknown agenda bits are refused"
        );
        assert!(
            kyiv(&KyivAction {
                accept_ceasefire: 2,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            coalition(&CoalitionAction {
                move_to: 9,
                ..Default::default()
            })
            .is_err()
        );
        let own_ground = KremlinAction {
            main_axis: 4,
            ..Default::default()
        };
        assert_eq!(
            kremlin(&own_ground, &[1, 2], &[]).unwrap_err().field,
            "main_axis"
        );
        let nowhere = KyivAction {
            offensive_sector: 5,
            ..Default::default()
        };
        assert_eq!(kyiv(&nowhere).unwrap_err().field, "offensive_sector");
        let overcommitted = KyivAction {
            offensive_sector: 3,
            offensive_intensity: 1.5,
            ..Default::default()
        };
        assert_eq!(
            kyiv(&overcommitted).unwrap_err().field,
            "offensive_intensity"
        );
        assert!(
            capital(&CapitalAction::default()).is_ok(),
            "zero means default and is valid"
        );
    }
}
