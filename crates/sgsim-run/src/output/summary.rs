//! `summary.csv`: one row of outcome measures per run.

use std::path::Path;

use sgsim_core::Summary;

use super::{csvfmt, write_atomic};

/// Columns of `summary.csv`: part of the output contract (`docs/OUTPUT.md`).
pub const SUMMARY_HEADER: [&str; 63] = [
    "scenario",
    "seed",
    "ticks",
    "start_date",
    "end_date",
    "config_sha256",
    "ceasefire_date",
    "ceasefire_at_end",
    "renewed_aggression",
    "ceasefire_violations",
    "ceasefire_first_break_date",
    "ceasefire_weeks",
    "durable_ceasefire",
    "peak_escalation",
    "peak_escalation_rung",
    "nuclear_signalling",
    "territory_held_end",
    "ukraine_forces_end",
    "russia_forces_end",
    "russia_forces_peak",
    "ukraine_losses",
    "russia_losses",
    "aid_pledged",
    "aid_delivered_us",
    "aid_delivered_europe",
    "aid_delivered_other",
    "aid_delivered_eu_members",
    "aid_delivered_other_europe",
    "aid_delivered_eu_institutions",
    "eu_vetoes",
    "credibility_end",
    "tests_of_resolve",
    "mean_test_response",
    "slices",
    "unanswered_slices",
    "strikes_on_allies",
    "failed_responses",
    "allied_losses",
    "guarantee_credibility_mean",
    "guarantee_credibility_end",
    "guarantee_in_force_date",
    "guarantee_invocations",
    "article5_invocations",
    "consensus_failures",
    "side_payments_eur_bn",
    "invitation_date",
    "accession_date",
    "membership_renounced",
    "mission_authorised",
    "reconstruction_paid_eur_bn",
    "reconstruction_needs_end_eur_bn",
    "artillery_rounds_received",
    "artillery_sufficiency_mean",
    "shell_hunger_weeks",
    "air_defence_delivered_eur_bn",
    "ukraine_forces_peak",
    "kyiv_offensive_weeks",
    "kyiv_retaken_km2",
    "russia_fiscal_reserve_end",
    "russia_tanks_end",
    "russia_tanks_lost_total",
    "premises_outside_horizon",
    "status",
];

/// The summary row as strings, in [`SUMMARY_HEADER`] order.
pub fn summary_record(
    summary: &Summary,
    start_date: chrono::NaiveDate,
    config_sha256: &str,
) -> Vec<String> {
    let mut buf = String::new();
    let mut f = |value: f64| csvfmt::float(&mut buf, value).to_owned();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        summary.scenario.clone(),
        summary.seed.to_string(),
        summary.ticks.to_string(),
        start_date.to_string(),
        summary.end_date.to_string(),
        config_sha256.to_owned(),
        date(summary.ceasefire_date),
        csvfmt::boolean(summary.ceasefire_at_end).to_owned(),
        csvfmt::boolean(summary.renewed_aggression).to_owned(),
        summary.ceasefire_violations.to_string(),
        date(summary.ceasefire_first_break_date),
        summary
            .ceasefire_weeks
            .map(|w| w.to_string())
            .unwrap_or_default(),
        csvfmt::boolean(summary.durable_ceasefire).to_owned(),
        f(summary.peak_escalation),
        summary.peak_escalation_rung.to_string(),
        csvfmt::boolean(summary.nuclear_signalling).to_owned(),
        f(summary.territory_held_end),
        f(summary.ukraine_forces_end),
        f(summary.russia_forces_end),
        f(summary.russia_forces_peak),
        f(summary.ukraine_losses),
        f(summary.russia_losses),
        f(summary.aid_pledged),
        f(summary.aid_delivered_us),
        f(summary.aid_delivered_europe),
        f(summary.aid_delivered_other),
        f(summary.aid_delivered_eu_members),
        f(summary.aid_delivered_other_europe),
        f(summary.aid_delivered_eu_institutions),
        summary.eu_vetoes.to_string(),
        f(summary.credibility_end),
        summary.tests_of_resolve.to_string(),
        summary.mean_test_response.map(&mut f).unwrap_or_default(),
        summary.slices.to_string(),
        summary.unanswered_slices.to_string(),
        summary.strikes_on_allies.to_string(),
        summary.failed_responses.to_string(),
        f(summary.allied_losses),
        f(summary.guarantee_credibility_mean),
        f(summary.guarantee_credibility_end),
        date(summary.guarantee_in_force_date),
        summary.guarantee_invocations.to_string(),
        summary.article5_invocations.to_string(),
        summary.consensus_failures.to_string(),
        f(summary.side_payments_eur_bn),
        date(summary.invitation_date),
        date(summary.accession_date),
        csvfmt::boolean(summary.membership_renounced).to_owned(),
        csvfmt::boolean(summary.mission_authorised).to_owned(),
        f(summary.reconstruction_paid_eur_bn),
        f(summary.reconstruction_needs_end_eur_bn),
        f(summary.artillery_rounds_received),
        f(summary.artillery_sufficiency_mean),
        summary.shell_hunger_weeks.to_string(),
        f(summary.air_defence_delivered_eur_bn),
        f(summary.ukraine_forces_peak),
        summary.kyiv_offensive_weeks.to_string(),
        f(summary.kyiv_retaken_km2),
        f(summary.russia_fiscal_reserve_end),
        f(summary.russia_tanks_end),
        f(summary.russia_tanks_lost_total),
        summary.premises_outside_horizon.to_string(),
        "complete".to_owned(),
    ]
}

/// Writes `summary.csv` atomically.
pub fn write_summary(
    path: &Path,
    summary: &Summary,
    start_date: chrono::NaiveDate,
    config_sha256: &str,
) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(SUMMARY_HEADER)
        .map_err(std::io::Error::other)?;
    writer
        .write_record(summary_record(summary, start_date, config_sha256))
        .map_err(std::io::Error::other)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomic(path, &bytes)
}
