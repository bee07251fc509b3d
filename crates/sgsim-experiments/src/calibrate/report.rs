//! What `sgsim calibrate` prints and writes: the table with its final line, and the CSV file.

use std::path::Path;

use super::Calibration;
use crate::error::ExperimentError;
use sgsim_run::output::csvfmt;

/// Columns of the `--out` CSV file.
pub const CSV_HEADER: [&str; 16] = [
    "target",
    "metric",
    "unit",
    "date",
    "model_date",
    "observed",
    "tolerance",
    "model_mean",
    "model_sd",
    "model_min",
    "model_max",
    "error",
    "relative_error",
    "within_tolerance",
    "runs",
    "source",
];

/// The printed report: a heading, the table and the final line.
pub fn table(calibration: &Calibration) -> String {
    let header = [
        "target",
        "unit",
        "date",
        "observed",
        "model mean",
        "model sd",
        "model min–max",
        "error",
        "fit",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
    for result in &calibration.results {
        let decimals = decimals(result.target.observed);
        let num = |v: f64| number(v, decimals);
        rows.push(vec![
            result.target.name.clone(),
            result.target.metric.unit().to_owned(),
            result.target.date.to_string(),
            num(result.target.observed),
            num(result.mean),
            num(result.sd),
            format!("{} to {}", num(result.min), num(result.max)),
            format!(
                "{}{}",
                if result.error() >= 0.0 { "+" } else { "" },
                num(result.error())
            ),
            if result.within() { "yes" } else { "no" }.to_owned(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let seeds: Vec<String> = calibration.seeds.iter().map(u64::to_string).collect();
    let mut out = format!(
        "calibration of scenario `{}` ({}) over {} seed{} ({})\n",
        calibration.scenario,
        calibration.scenario_file.display(),
        seeds.len(),
        if seeds.len() == 1 { "" } else { "s" },
        seeds.join(", ")
    );
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, &width))| {
                let pad = " ".repeat(width - cell.chars().count());
                if (3..=7).contains(&c) {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "{} of {} targets within tolerance; relative RMSE {:.3} (root mean square of (model mean − observed) / observed)\n",
        calibration.within(),
        calibration.results.len(),
        calibration.relative_rmse()
    ));
    out
}

/// Decimals shown for a target's numbers, from the size of its observed value.
fn decimals(observed: f64) -> usize {
    match observed.abs() {
        a if a >= 1000.0 => 0,
        a if a >= 10.0 => 1,
        _ => 3,
    }
}

/// A number with `decimals` decimals and thousands separated by commas.
fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// The `--out` CSV file's contents ([`CSV_HEADER`], one row per target).
pub fn csv_bytes(calibration: &Calibration) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    let mut buf = String::new();
    let runs = calibration.seeds.len().to_string();
    for result in &calibration.results {
        let mut f = |v: f64| csvfmt::float(&mut buf, v).to_owned();
        let target = &result.target;
        writer.write_record([
            target.name.clone(),
            target.metric.as_str().to_owned(),
            target.metric.unit().to_owned(),
            target.date.to_string(),
            result.model_date.to_string(),
            f(target.observed),
            f(target.tolerance),
            f(result.mean),
            f(result.sd),
            f(result.min),
            f(result.max),
            f(result.error()),
            f(result.relative_error()),
            csvfmt::boolean(result.within()).to_owned(),
            runs.clone(),
            target.source.clone(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Writes the CSV file, creating its folder if needed.
pub fn write_csv(calibration: &Calibration, path: &Path) -> Result<(), ExperimentError> {
    let fail = |e: std::io::Error| {
        ExperimentError::Output(format!("cannot write {}: {e}", path.display()))
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let bytes = csv_bytes(calibration).map_err(fail)?;
    sgsim_run::output::write_atomic(path, &bytes).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_signed() {
        assert_eq!(number(470000.0, 0), "470,000");
        assert_eq!(number(-1234567.4, 0), "-1,234,567");
        assert_eq!(number(114.04, 1), "114.0");
        assert_eq!(number(-0.24, 3), "-0.240");
        assert_eq!(number(-0.0001, 3), "0.000");
        assert_eq!(number(999.96, 1), "1,000.0");
    }
}
