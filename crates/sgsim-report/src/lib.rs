//! `sgsim report`: from a finished sweep folder (or a folder of single runs), the answer
//! to the question a sweep asks, as one offline HTML page and the tidy tables behind it.
//!
//! - `comparison.csv` ([`comparison`]): per arm and design point, outcome probabilities
//!   with Wilson intervals, territory and costs with bootstrap intervals;
//! - `paired.csv` ([`paired`]): every arm against the control arm on the common random
//!   numbers, McNemar or paired bootstrap, Holm-adjusted;
//! - `survival.csv` ([`survival`]): Kaplan–Meier curves of the first ceasefire;
//! - `fan.csv` ([`fan`]): per-week percentiles of territory, escalation, the guarantee's
//!   credibility and aid;
//! - `prim.csv` ([`discovery`]): PRIM boxes over the factors for each `--outcome`;
//! - `report.html` ([`render`]): all of it with figures, and the Morris screen when the
//!   sweep has `sensitivity.csv`.
//!
//! The statistics are in `sgsim-stats`; this crate reads, checks, tabulates and draws.
//! Everything is deterministic: the same folder and options give the same bytes.

pub mod columns;
pub mod comparison;
pub mod csvout;
pub mod discovery;
pub mod error;
pub mod fan;
pub mod figures;
pub mod format;
pub mod horizon;
pub mod html;
pub mod load;
pub mod measures;
pub mod morris;
pub mod outcome;
pub mod paired;
pub mod render;
pub mod seeds;
pub mod survival;
pub mod table;

use std::path::PathBuf;

pub use error::ReportError;

/// What `sgsim report` was asked.
#[derive(Clone, Debug)]
pub struct ReportRequest {
    /// The sweep folder, or a folder of run folders.
    pub dir: PathBuf,
    /// The control arm [default: the first arm].
    pub control: Option<String>,
    /// Outcome expressions for scenario discovery [default: `renewed_aggression`].
    pub outcomes: Vec<String>,
    /// The HTML file [default: `DIR/report.html`]; the tables go next to it.
    pub out: Option<PathBuf>,
}

/// What `sgsim report` wrote.
#[derive(Clone, Debug)]
pub struct ReportSummary {
    /// The HTML file.
    pub html: PathBuf,
    /// The tables, in the order written.
    pub tables: Vec<PathBuf>,
    /// Runs read.
    pub runs: usize,
    /// Arms.
    pub arms: usize,
    /// The titles of the page's figures, in order.
    pub figures: Vec<String>,
    /// The measures the data lacked.
    pub missing: Vec<String>,
}

/// The default outcome of scenario discovery.
pub const DEFAULT_OUTCOME: &str = columns::RENEWED_AGGRESSION;

/// Reads the folder, computes every table, writes them and the page.
pub fn report(request: &ReportRequest) -> Result<ReportSummary, ReportError> {
    let data = load::load(&request.dir)?;
    let horizons = horizon::check(&data)?;
    let measures = measures::measures(&data);
    let control = match &request.control {
        Some(arm) if data.arms.contains(arm) => arm.clone(),
        Some(arm) => {
            return Err(ReportError::Usage(format!(
                "--control `{arm}`: no such arm (the arms are {})",
                data.arms.join(", ")
            )));
        }
        None => data.arms[0].clone(),
    };
    let outcome_texts: Vec<String> = if request.outcomes.is_empty() {
        if data.has(DEFAULT_OUTCOME) {
            vec![DEFAULT_OUTCOME.to_string()]
        } else {
            Vec::new()
        }
    } else {
        request.outcomes.clone()
    };
    let outcomes = outcome_texts
        .iter()
        .map(|t| outcome::Outcome::parse(t, &data, &measures))
        .collect::<Result<Vec<_>, _>>()?;

    let base_seed = data.provenance.master_seed.unwrap_or(0);
    let comparison = comparison::comparison(&data, &measures, base_seed);
    let paired = paired::paired(&data, &measures, &control, base_seed)?;
    let survival = survival::survival(&data);
    let fans = fan::fans(&data)?;
    let effects = data.sensitivity.as_ref().map(morris::effects);
    let discoveries: Vec<discovery::Discovery> = outcomes
        .iter()
        .map(|o| discovery::discover(&data, &measures, o))
        .collect();

    let html_path = request
        .out
        .clone()
        .unwrap_or_else(|| request.dir.join("report.html"));
    let folder = match html_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(|e| ReportError::io(&folder, e))?;
    let tables = vec![
        (
            "comparison.csv",
            comparison::header(&data),
            comparison::records(&data, &comparison),
        ),
        (
            "paired.csv",
            paired::header(),
            paired::records(&control, &paired),
        ),
        (
            "survival.csv",
            survival::header(),
            survival::records(survival.as_deref().unwrap_or_default()),
        ),
        (
            "fan.csv",
            fan::header(),
            fan::records(&data, fans.as_deref().unwrap_or_default()),
        ),
        (
            "prim.csv",
            discovery::header(),
            discovery::records(&discoveries),
        ),
    ];
    let mut written = Vec::new();
    for (name, header, rows) in &tables {
        let path = folder.join(name);
        csvout::write(&path, header, rows)?;
        written.push(path);
    }
    let page = render::render(&render::Inputs {
        data: &data,
        horizons: &horizons,
        measures: &measures,
        control: &control,
        comparison: &comparison,
        paired: &paired,
        survival: survival.as_deref(),
        fans: fans.as_deref(),
        effects: effects.as_deref(),
        discoveries: &discoveries,
    })?;
    csvout::write_atomic(&html_path, page.html.as_bytes())?;
    Ok(ReportSummary {
        html: html_path,
        tables: written,
        runs: data.keys.len(),
        arms: data.arms.len(),
        figures: page.figures,
        missing: measures.missing.clone(),
    })
}
