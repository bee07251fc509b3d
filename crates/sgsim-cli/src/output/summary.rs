//! `summary.csv`: one row of outcome measures per run.

use std::path::Path;

use sgsim_core::Summary;

use super::{csvfmt, write_atomic};

/// Columns of `summary.csv`: part of the output contract (`docs/OUTPUT.md`).
pub const SUMMARY_HEADER: [&str; 24] = [
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
    "peak_escalation",
    "territory_held_end",
    "ukraine_forces_end",
    "russia_forces_end",
    "ukraine_losses",
    "russia_losses",
    "aid_pledged",
    "aid_delivered_us",
    "aid_delivered_europe",
    "aid_delivered_other",
    "credibility_end",
    "tests_of_resolve",
    "mean_test_response",
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
    vec![
        summary.scenario.clone(),
        summary.seed.to_string(),
        summary.ticks.to_string(),
        start_date.to_string(),
        summary.end_date.to_string(),
        config_sha256.to_owned(),
        summary
            .ceasefire_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        csvfmt::boolean(summary.ceasefire_at_end).to_owned(),
        csvfmt::boolean(summary.renewed_aggression).to_owned(),
        summary.ceasefire_violations.to_string(),
        f(summary.peak_escalation),
        f(summary.territory_held_end),
        f(summary.ukraine_forces_end),
        f(summary.russia_forces_end),
        f(summary.ukraine_losses),
        f(summary.russia_losses),
        f(summary.aid_pledged),
        f(summary.aid_delivered_us),
        f(summary.aid_delivered_europe),
        f(summary.aid_delivered_other),
        f(summary.credibility_end),
        summary.tests_of_resolve.to_string(),
        summary.mean_test_response.map(&mut f).unwrap_or_default(),
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
