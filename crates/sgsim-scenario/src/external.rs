//! The donors that are not allied capitals: the European Union's instruments
//! (`eu.toml`), replayed from history up to the scenario's `history_until` and decided by
//! the members after it, and the donors outside the alliance (`donors.toml`).

use chrono::NaiveDate;
use sgsim_core::{DonorGroup, DonorSetup, EuInstrumentSetup, RecordedDecision};

use super::data::{AlliesFile, DonorGroupName, DonorsFile, EuFile, InstrumentCategory};
use super::document::Document;
use super::error::ConfigError;
use super::resolve::date_only;

/// The latest recorded adoption in `eu.toml`.
pub fn latest_adopted(eu: &EuFile, eu_doc: &Document) -> Result<Option<NaiveDate>, ConfigError> {
    let mut latest = None;
    for (index, instrument) in eu.instrument.iter().enumerate() {
        if let Some(value) = &instrument.adopted {
            let date = date_only(eu_doc, &format!("instrument[{index}].adopted"), value)?;
            latest = latest.max(Some(date));
        }
    }
    Ok(latest)
}

/// The instruments, each with its recorded decision if adopted on or before `until`.
pub fn instruments(
    eu: &EuFile,
    eu_doc: &Document,
    allies: &AlliesFile,
    until: NaiveDate,
) -> Result<Vec<EuInstrumentSetup>, ConfigError> {
    let members: Vec<&str> = allies
        .ally
        .iter()
        .filter(|a| a.eu_member)
        .map(|a| a.code.as_str())
        .collect();
    let member = |key: &str, code: &str| -> Result<String, ConfigError> {
        if members.contains(&code) {
            Ok(code.to_owned())
        } else {
            Err(eu_doc.error_at(
                key,
                format!(
                    "`{code}` is not an EU member among the allies; members: {}",
                    members.join(", ")
                ),
            ))
        }
    };
    let mut names = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (index, record) in eu.instrument.iter().enumerate() {
        let key = |field: &str| format!("instrument[{index}].{field}");
        if !super::resolve::valid_name(&record.name) || !names.insert(record.name.clone()) {
            return Err(eu_doc.error_at(
                &key("name"),
                format!(
                    "`{}` must be unique and use only letters, digits, `-` and `_`",
                    record.name
                ),
            ));
        }
        if !(record.amount_eur_bn.is_finite() && (0.0..=1000.0).contains(&record.amount_eur_bn)) {
            return Err(eu_doc.error_at(
                &key("amount_eur_bn"),
                super::resolve::range_message(record.amount_eur_bn, 0.0, 1000.0),
            ));
        }
        if record.disburse_weeks == 0 {
            return Err(eu_doc.error_at(
                &key("disburse_weeks"),
                "an instrument pays over at least one week",
            ));
        }
        if record.source.trim().is_empty() {
            return Err(eu_doc.error_at(&key("source"), format!("{} has no source", record.name)));
        }
        let proposed = date_only(eu_doc, &key("proposed"), &record.proposed)?;
        let adopted = match &record.adopted {
            Some(value) => Some(date_only(eu_doc, &key("adopted"), value)?),
            None => None,
        };
        if adopted.is_none() && (!record.blocks.is_empty() || !record.opt_outs.is_empty()) {
            return Err(eu_doc.error_at(
                &key("blocks"),
                format!(
                    "{}: recorded vetoes and opt-outs belong to an adopted instrument; give \
                     `adopted` or leave the decision to the run",
                    record.name
                ),
            ));
        }
        let mut opt_outs = Vec::new();
        for (j, code) in record.opt_outs.iter().enumerate() {
            opt_outs.push(member(&key(&format!("opt_outs[{j}]")), code)?);
        }
        let mut blocks = Vec::new();
        for (j, block) in record.blocks.iter().enumerate() {
            let by = member(&key(&format!("blocks[{j}].by")), &block.by)?;
            let from = date_only(eu_doc, &key(&format!("blocks[{j}].from")), &block.from)?;
            let to = date_only(eu_doc, &key(&format!("blocks[{j}].until")), &block.until)?;
            if to < from {
                return Err(eu_doc.error_at(
                    &key(&format!("blocks[{j}].until")),
                    format!("{to} is before the block began ({from})"),
                ));
            }
            blocks.push((by, from, to));
        }
        out.push(EuInstrumentSetup {
            name: record.name.clone(),
            military: record.category == InstrumentCategory::Military,
            amount_eur_bn: record.amount_eur_bn,
            proposed,
            lag_weeks: record.lag_weeks,
            disburse_weeks: record.disburse_weeks,
            recorded: adopted
                .filter(|d| *d <= until)
                .map(|adopted| RecordedDecision {
                    adopted,
                    opt_outs,
                    blocks,
                }),
        });
    }
    Ok(out)
}

/// The donors outside the alliance.
pub fn donors(file: &DonorsFile, doc: &Document) -> Result<Vec<DonorSetup>, ConfigError> {
    let mut out = Vec::new();
    for (index, record) in file.donor.iter().enumerate() {
        let key = |field: &str| format!("donor[{index}].{field}");
        let from = date_only(doc, &key("recorded_from"), &record.recorded_from)?;
        let until = date_only(doc, &key("recorded_until"), &record.recorded_until)?;
        if until <= from {
            return Err(doc.error_at(
                &key("recorded_until"),
                format!("{until} is not after recorded_from ({from})"),
            ));
        }
        if record.source.trim().is_empty() {
            return Err(doc.error_at(&key("source"), format!("{} has no source", record.code)));
        }
        let amounts = [
            ("military_eur_bn", record.military_eur_bn),
            ("financial_eur_bn", record.financial_eur_bn),
            ("humanitarian_eur_bn", record.humanitarian_eur_bn),
        ];
        for (field, value) in amounts {
            if !(value.is_finite() && (0.0..=1000.0).contains(&value)) {
                return Err(doc.error_at(
                    &key(field),
                    super::resolve::range_message(value, 0.0, 1000.0),
                ));
            }
        }
        out.push(DonorSetup {
            code: record.code.clone(),
            group: match record.group {
                DonorGroupName::EuMember => DonorGroup::EuMember,
                DonorGroupName::OtherEurope => DonorGroup::OtherEurope,
                DonorGroupName::Other => DonorGroup::Other,
            },
            recorded_from: from,
            recorded_until: until,
            amounts_eur_bn: amounts.map(|(_, v)| v),
        });
    }
    Ok(out)
}
