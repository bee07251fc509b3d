//! Assembling the page: provenance, then one section per question, each with its figures
//! and tables.

use std::collections::BTreeMap;

use crate::columns as c;
use crate::comparison::ComparisonRow;
use crate::discovery::Discovery;
use crate::error::ReportError;
use crate::fan::FanRow;
use crate::figures::{self, Band, Dot, Frame, Labelled};
use crate::format::{pvalue, short};
use crate::horizon::Horizon;
use crate::html::{Page, esc};
use crate::load::{Dataset, SourceKind};
use crate::measures::Measures;
use crate::morris::Effect;
use crate::paired::PairedRow;
use crate::seeds::{BOOTSTRAP_REPLICATES, CONFIDENCE, PAIRED_REPLICATES};
use crate::survival::Curve;

/// Everything the page shows.
pub struct Inputs<'a> {
    /// The runs.
    pub data: &'a Dataset,
    /// The horizon of each design point.
    pub horizons: &'a BTreeMap<u32, Horizon>,
    /// The measures.
    pub measures: &'a Measures,
    /// The control arm.
    pub control: &'a str,
    /// `comparison.csv`.
    pub comparison: &'a [ComparisonRow],
    /// `paired.csv`.
    pub paired: &'a [PairedRow],
    /// `survival.csv`, if the data allows it.
    pub survival: Option<&'a [Curve]>,
    /// `fan.csv`, if the data has weekly values.
    pub fans: Option<&'a [FanRow]>,
    /// `sensitivity.csv`, if present.
    pub effects: Option<&'a [Effect]>,
    /// `prim.csv`.
    pub discoveries: &'a [Discovery],
}

/// The page and its figure titles.
pub struct Rendered {
    /// The HTML document.
    pub html: String,
    /// The figure titles in order.
    pub figures: Vec<String>,
}

/// Renders the page.
pub fn render(inp: &Inputs) -> Result<Rendered, ReportError> {
    let mut page = Page::default();
    provenance(&mut page, inp);
    if !inp.measures.missing.is_empty() {
        page.section("missing", "Measures not available");
        let items: String = inp
            .measures
            .missing
            .iter()
            .map(|m| format!("<li>{}</li>", esc(m)))
            .collect();
        page.raw(&format!("<ul class=\"note\">{items}</ul>"));
    }
    outcomes(&mut page, inp)?;
    costs(&mut page, inp);
    paired(&mut page, inp)?;
    survival(&mut page, inp)?;
    fans(&mut page, inp)?;
    morris(&mut page, inp)?;
    discovery(&mut page, inp)?;
    let title = format!("sgsim report: {}", inp.data.provenance.name);
    Ok(Rendered {
        html: page.finish(&title),
        figures: page.figure_titles().to_vec(),
    })
}

/// ", design point P (factor = v, …)" with the factors that vary, or "" for one point.
fn at_point(data: &Dataset, point: u32) -> String {
    if data.points.len() <= 1 {
        return String::new();
    }
    let varying: Vec<String> = data
        .factor_values(point)
        .into_iter()
        .filter(|(key, _)| {
            let column = format!("{}{key}", c::FACTOR_PREFIX);
            let first = data.text(0, &column);
            (0..data.keys.len()).any(|i| data.text(i, &column) != first)
        })
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    if varying.is_empty() {
        format!(", design point {point}")
    } else {
        format!(", design point {point} ({})", varying.join(", "))
    }
}

fn arm_index(data: &Dataset, arm: &str) -> usize {
    data.arms.iter().position(|a| a == arm).unwrap_or(0)
}

fn provenance(page: &mut Page, inp: &Inputs) {
    let d = inp.data;
    let p = &d.provenance;
    page.section("provenance", "Provenance");
    let kind = match p.kind {
        SourceKind::Sweep => "sweep folder (runs.csv)",
        SourceKind::Runs => "folder of single runs (summary.csv of each)",
    };
    let mut rows = vec![
        vec!["source".to_string(), format!("{kind}: {}", p.folder)],
        vec!["written by".into(), format!("sgsim {}", p.sgsim_version)],
        vec![
            "report by".into(),
            format!("sgsim-report {}", env!("CARGO_PKG_VERSION")),
        ],
    ];
    if let Some(plan) = &p.plan_sha256 {
        rows.push(vec!["plan_sha256 (manifest.toml)".into(), plan.clone()]);
    }
    let data_file = match p.kind {
        SourceKind::Sweep => "SHA-256 of runs.csv",
        SourceKind::Runs => "SHA-256 of the summary.csv files",
    };
    rows.push(vec![data_file.into(), p.data_sha256.clone()]);
    if let Some(seed) = p.master_seed {
        rows.push(vec!["master seed".into(), seed.to_string()]);
    }
    rows.push(vec![
        format!("run seeds ({})", p.seeds.len()),
        p.seeds
            .iter()
            .enumerate()
            .map(|(r, s)| format!("r{r} = {s}"))
            .collect::<Vec<_>>()
            .join(", "),
    ]);
    rows.push(vec![
        "runs".into(),
        format!(
            "{} ({} arms × {} design points)",
            d.keys.len(),
            d.arms.len(),
            d.points.len()
        ),
    ]);
    rows.push(vec!["arms".into(), d.arms.join(", ")]);
    for (point, h) in inp.horizons {
        let factors: Vec<String> = d
            .factor_values(*point)
            .into_iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        rows.push(vec![
            format!("design point {point}"),
            format!(
                "{h}{}",
                if factors.is_empty() {
                    String::new()
                } else {
                    format!("; {}", factors.join(", "))
                }
            ),
        ]);
    }
    rows.push(vec!["control arm".into(), inp.control.to_string()]);
    rows.push(vec![
        "intervals".into(),
        format!(
            "{:.0} %: Wilson for proportions, percentile bootstrap ({BOOTSTRAP_REPLICATES} resamples) for means and quantiles, paired bootstrap ({PAIRED_REPLICATES} resamples) for paired differences; every resampling stream seeded from the master seed",
            CONFIDENCE * 100.0
        ),
    ]);
    page.table(&["", ""], &rows, &[]);
    page.para(&format!(
        "Every figure carries this line at its foot: {}",
        p.line()
    ));
}

fn shares<'a>(
    inp: &'a Inputs,
    point: u32,
    rung: bool,
) -> impl Iterator<Item = (&'a ComparisonRow, usize)> + 'a {
    inp.comparison.iter().filter_map(move |r| {
        let p = inp
            .measures
            .proportions
            .iter()
            .find(|p| p.name == r.measure)?;
        (r.point == point && r.statistic == "share" && p.is_rung() == rung)
            .then(|| (r, arm_index(inp.data, &r.arm)))
    })
}

fn interval(v: &sgsim_stats::Estimate) -> String {
    format!(
        "{} [{}, {}]",
        short(v.estimate),
        short(v.lower),
        short(v.upper)
    )
}

fn outcomes(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let d = inp.data;
    let prov = d.provenance.line();
    page.section("odds", "Outcome probabilities");
    page.para("Share of runs with each outcome, with its 95 % Wilson score interval; the count of runs is in brackets in the table.");
    for &point in &d.points {
        let rows: Vec<String> = inp
            .measures
            .proportions
            .iter()
            .filter(|p| !p.is_rung())
            .map(|p| p.name.clone())
            .collect();
        let dots: Vec<Dot> = shares(inp, point, false)
            .map(|(r, s)| Dot {
                row: r.measure.clone(),
                series: s,
                value: r.value.estimate,
                lower: r.value.lower,
                upper: r.value.upper,
            })
            .collect();
        if !rows.is_empty() {
            let title = format!("Outcome probabilities{}", at_point(d, point));
            let frame = Frame {
                title: &title,
                provenance: &prov,
                x_desc: "probability (share of runs, 95 % Wilson interval)",
                y_desc: "",
            };
            let legend: Vec<(String, usize)> = d
                .arms
                .iter()
                .enumerate()
                .map(|(i, a)| (a.clone(), i))
                .collect();
            let svg = figures::dots(&frame, (0.0, 1.0), &rows, &legend, &dots, false)?;
            page.figure(&title, &svg);
        }
        let bands: Vec<Band> = d
            .arms
            .iter()
            .enumerate()
            .map(|(s, arm)| Band {
                label: arm.clone(),
                series: s,
                points: shares(inp, point, true)
                    .filter(|(r, _)| r.arm == *arm)
                    .filter_map(|(r, _)| {
                        let p = inp
                            .measures
                            .proportions
                            .iter()
                            .find(|p| p.name == r.measure)?;
                        Some((
                            p.threshold()?,
                            r.value.lower,
                            r.value.estimate,
                            r.value.upper,
                        ))
                    })
                    .collect(),
                steps: false,
            })
            .filter(|b| !b.points.is_empty())
            .collect();
        if !bands.is_empty() {
            let rung = d.has(c::PEAK_ESCALATION_RUNG);
            let title = format!(
                "Escalation: probability of reaching each {}{}",
                if rung { "rung" } else { "level" },
                at_point(d, point)
            );
            let x_desc = if rung {
                "rung k of the escalation ladder (peak_escalation_rung ≥ k)"
            } else {
                "level L of the published scale (peak_escalation ≥ L)"
            };
            let frame = Frame {
                title: &title,
                provenance: &prov,
                x_desc,
                y_desc: "probability (95 % Wilson band)",
            };
            let svg = figures::curves(&frame, Some((0.0, 1.0)), &bands)?;
            page.figure(&title, &svg);
        }
        page.subsection(&format!("Shares{}", at_point(d, point)));
        let mut header = vec!["measure"];
        header.extend(d.arms.iter().map(String::as_str));
        let table: Vec<Vec<String>> = inp
            .measures
            .proportions
            .iter()
            .map(|p| {
                let mut row = vec![p.label.clone()];
                for arm in &d.arms {
                    row.push(
                        inp.comparison
                            .iter()
                            .find(|r| r.arm == *arm && r.point == point && r.measure == p.name)
                            .map(|r| {
                                format!("{} ({}/{})", interval(&r.value), r.count.unwrap_or(0), r.n)
                            })
                            .unwrap_or_else(|| "–".into()),
                    );
                }
                row
            })
            .collect();
        let numeric: Vec<bool> = std::iter::once(false)
            .chain(d.arms.iter().map(|_| true))
            .collect();
        page.table(&header, &table, &numeric);
    }
    Ok(())
}

fn costs(page: &mut Page, inp: &Inputs) {
    let d = inp.data;
    page.section("costs", "Territory and costs");
    page.para("Per arm: the mean and the median across runs, each with its 95 % percentile-bootstrap interval, then the 5th–95th percentile range (runs with an empty value left out: ceasefire_weeks counts only runs with a ceasefire). Aid and reconstruction in EUR bn, losses in persons.");
    for &point in &d.points {
        page.subsection(&format!("Territory and costs{}", at_point(d, point)));
        let mut header = vec!["measure"];
        header.extend(d.arms.iter().map(String::as_str));
        let mut rows = Vec::new();
        for column in &inp.measures.numeric {
            let mut row = vec![column.to_string()];
            let mut any = false;
            for arm in &d.arms {
                let get = |statistic: &str| {
                    inp.comparison.iter().find(|r| {
                        r.arm == *arm
                            && r.point == point
                            && r.measure == *column
                            && r.statistic == statistic
                    })
                };
                row.push(match (get("mean"), get("p50"), get("p05"), get("p95")) {
                    (Some(mean), Some(p50), Some(p05), Some(p95)) => {
                        any = true;
                        format!(
                            "mean {}\nmedian {}\n90 % of runs {} – {}",
                            interval(&mean.value),
                            interval(&p50.value),
                            short(p05.value.estimate),
                            short(p95.value.estimate)
                        )
                    }
                    _ => "–".into(),
                });
            }
            if any {
                rows.push(row);
            }
        }
        let numeric: Vec<bool> = std::iter::once(false)
            .chain(d.arms.iter().map(|_| true))
            .collect();
        page.table(&header, &rows, &numeric);
    }
}

fn paired(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let d = inp.data;
    let prov = d.provenance.line();
    page.section(
        "paired",
        &format!("Paired differences against {}", inp.control),
    );
    if d.arms.len() < 2 {
        page.note("Only one arm: there is nothing to compare with a control arm.");
        return Ok(());
    }
    page.para(&format!(
        "Each arm minus the control arm `{}`, run by run on the common random numbers (replication r of every arm has the same seed). Yes/no outcomes: McNemar's test (exact binomial below 25 discordant pairs, chi-square with continuity correction otherwise); numeric outcomes: the paired bootstrap's centred test. Intervals: 95 % paired percentile bootstrap. p_holm: Holm's adjustment over all {} comparisons of the table.",
        inp.control,
        inp.paired.len()
    ));
    let others: Vec<String> = d
        .arms
        .iter()
        .filter(|a| *a != inp.control)
        .cloned()
        .collect();
    for &point in &d.points {
        let rows: Vec<String> = inp
            .measures
            .proportions
            .iter()
            .filter(|p| !p.is_rung())
            .map(|p| p.name.clone())
            .collect();
        let dots: Vec<Dot> = inp
            .paired
            .iter()
            .filter(|r| r.point == point && r.test.starts_with("mcnemar"))
            .filter_map(|r| {
                Some(Dot {
                    row: r.measure.clone(),
                    series: d.arms.iter().position(|a| *a == r.arm)?,
                    value: r.difference,
                    lower: r.lower,
                    upper: r.upper,
                })
            })
            .collect();
        if !dots.is_empty() {
            let title = format!(
                "Paired differences in outcome probabilities against {}{}",
                inp.control,
                at_point(d, point)
            );
            let frame = Frame {
                title: &title,
                provenance: &prov,
                x_desc: "difference in probability, arm − control (95 % paired bootstrap interval)",
                y_desc: "",
            };
            let legend: Vec<(String, usize)> = others
                .iter()
                .map(|a| (a.clone(), arm_index(d, a)))
                .collect();
            let svg = figures::dots(&frame, (-1.0, 1.0), &rows, &legend, &dots, true)?;
            page.figure(&title, &svg);
        }
    }
    let table: Vec<Vec<String>> = inp
        .paired
        .iter()
        .map(|r| {
            vec![
                r.arm.clone(),
                r.point.to_string(),
                r.measure.clone(),
                r.test.clone(),
                r.pairs.to_string(),
                short(r.control),
                short(r.value),
                format!(
                    "{} [{}, {}]",
                    short(r.difference),
                    short(r.lower),
                    short(r.upper)
                ),
                match (r.arm_only, r.control_only) {
                    (Some(b), Some(c)) => format!("{b} / {c}"),
                    _ => "–".into(),
                },
                pvalue(r.p_value),
                pvalue(r.p_holm),
            ]
        })
        .collect();
    page.table(
        &[
            "arm",
            "point",
            "measure",
            "test",
            "pairs",
            "control value",
            "arm value",
            "difference [95 %]",
            "arm only / control only",
            "p",
            "p (Holm)",
        ],
        &table,
        &[
            false, true, false, false, true, true, true, true, true, true, true,
        ],
    );
    Ok(())
}

fn survival(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let d = inp.data;
    let prov = d.provenance.line();
    page.section("survival", "Durability of the first ceasefire");
    let Some(curves) = inp.survival else {
        page.note(&format!(
            "Not available: runs.csv has no `{}` and `{}` columns.",
            c::CEASEFIRE_WEEKS,
            c::CEASEFIRE_FIRST_BREAK_DATE
        ));
        return Ok(());
    };
    page.para("Kaplan–Meier estimate of the probability that the first ceasefire still holds, by weeks since it started, with 95 % Greenwood bands; a ceasefire unbroken at the end of the run is censored at the horizon. Runs without a ceasefire are not at risk.");
    for &point in &d.points {
        let bands: Vec<Band> = curves
            .iter()
            .filter(|cv| cv.point == point)
            .map(|cv| {
                let mut points = vec![(0.0, 1.0, 1.0, 1.0)];
                points.extend(
                    cv.steps
                        .iter()
                        .map(|s| (s.time, s.lower, s.survival, s.upper)),
                );
                Band {
                    label: format!("{} (n = {})", cv.arm, cv.n),
                    series: arm_index(d, &cv.arm),
                    points,
                    steps: true,
                }
            })
            .collect();
        if bands.is_empty() {
            page.note(&format!("No run had a ceasefire{}.", at_point(d, point)));
            continue;
        }
        let title = format!(
            "Kaplan–Meier survival of the first ceasefire{}",
            at_point(d, point)
        );
        let frame = Frame {
            title: &title,
            provenance: &prov,
            x_desc: "weeks since the first ceasefire started",
            y_desc: "probability the ceasefire still holds",
        };
        let svg = figures::curves(&frame, Some((0.0, 1.02)), &bands)?;
        page.figure(&title, &svg);
    }
    Ok(())
}

fn fans(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let d = inp.data;
    let prov = d.provenance.line();
    page.section("fans", "Fan charts over time");
    let Some(rows) = inp.fans else {
        page.note("Not available: the sweep has no ensemble.csv (or a run folder has no war.csv).");
        return Ok(());
    };
    page.para("Median (line) and 5th–95th percentile band across replications, week by week, per arm. Aid is the total delivered per week: ensemble.csv has no weekly series per donor group (the totals per group over the run are in the table of costs).");
    for &point in &d.points {
        for (metric, _, label) in c::FAN_METRICS {
            let bands: Vec<Band> = d
                .arms
                .iter()
                .enumerate()
                .map(|(s, arm)| Band {
                    label: arm.clone(),
                    series: s,
                    points: rows
                        .iter()
                        .filter(|r| r.arm == *arm && r.point == point && r.metric == metric)
                        .map(|r| (f64::from(r.tick), r.p05, r.p50, r.p95))
                        .collect(),
                    steps: false,
                })
                .filter(|b| !b.points.is_empty())
                .collect();
            if bands.is_empty() {
                continue;
            }
            let title = format!("Fan chart: {label}{}", at_point(d, point));
            let frame = Frame {
                title: &title,
                provenance: &prov,
                x_desc: "week",
                y_desc: label,
            };
            let svg = figures::panels(&frame, &bands)?;
            page.figure(&title, &svg);
        }
    }
    Ok(())
}

fn morris(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let Some(effects) = inp.effects else {
        return Ok(());
    };
    let d = inp.data;
    let prov = d.provenance.line();
    page.section("morris", "Sensitivity screen (Morris)");
    page.para("From sensitivity.csv: μ* ranks the factors by their overall influence on an outcome; σ large against μ* means the effect depends on the other factors (non-linearity or interactions).");
    let mut table = Vec::new();
    for arm in &d.arms {
        for outcome in c::MORRIS_OUTCOMES {
            let mut of: Vec<&Effect> = effects
                .iter()
                .filter(|e| e.arm == *arm && e.outcome == outcome)
                .collect();
            if of.is_empty() {
                continue;
            }
            let points: Vec<Labelled> = of
                .iter()
                .enumerate()
                .map(|(i, e)| Labelled {
                    x: e.mu_star,
                    y: e.sigma,
                    label: e.factor.clone(),
                    series: i,
                })
                .collect();
            let title = format!("Morris screen: {outcome}, arm {arm}");
            let frame = Frame {
                title: &title,
                provenance: &prov,
                x_desc: "μ*",
                y_desc: "σ",
            };
            let svg = figures::scatter(&frame, None, &points, false, &[])?;
            page.figure(&title, &svg);
            of.sort_by(|a, b| b.mu_star.total_cmp(&a.mu_star));
            for e in of {
                table.push(vec![
                    arm.clone(),
                    outcome.to_string(),
                    e.factor.clone(),
                    e.n.to_string(),
                    short(e.mu_star),
                    short(e.sigma),
                ]);
            }
        }
    }
    if table.is_empty() {
        page.note(&format!(
            "sensitivity.csv has none of the outcomes {}.",
            c::MORRIS_OUTCOMES.join(", ")
        ));
    } else {
        page.table(
            &["arm", "outcome", "factor", "effects", "μ*", "σ"],
            &table,
            &[false, false, false, true, true, true],
        );
    }
    Ok(())
}

fn discovery(page: &mut Page, inp: &Inputs) -> Result<(), ReportError> {
    let d = inp.data;
    let prov = d.provenance.line();
    page.section("discovery", "Scenario discovery (PRIM)");
    if inp.discoveries.is_empty() {
        page.note("No outcome to discover: name one with --outcome (runs.csv has no renewed_aggression column for the default).");
        return Ok(());
    }
    page.para("For each outcome, PRIM peels the factor space (α = 0.05 per peel, minimum support 0.05) towards the boxes where the outcome is most likely, then pastes back what raises the density. Coverage: share of the runs with the outcome that fall in the box; density: share of the box's runs with the outcome; support: share of all runs in the box. Pick a box along the trajectory by trading coverage against density.");
    for disc in inp.discoveries {
        let scope = disc
            .outcome
            .arm
            .as_ref()
            .map(|a| format!("arm {a}"))
            .unwrap_or_else(|| "all arms".into());
        page.subsection(&format!("Outcome `{}` ({scope})", disc.outcome.text));
        page.para(&format!(
            "{} runs, {} with the outcome; factors searched: {}{}.",
            disc.n,
            disc.positives,
            if disc.inputs.is_empty() {
                "none".to_string()
            } else {
                disc.inputs.join(", ")
            },
            if disc.skipped.is_empty() {
                String::new()
            } else {
                format!("; left out: {}", disc.skipped.join(", "))
            }
        ));
        if let Some(note) = &disc.note {
            page.note(&format!("Nothing to discover: {note}."));
            continue;
        }
        let last = disc.steps.len() - 1;
        let points: Vec<Labelled> = disc
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| Labelled {
                x: s.coverage,
                y: s.density,
                label: if i % 5 == 0 || i == last {
                    i.to_string()
                } else {
                    String::new()
                },
                series: match s.kind {
                    sgsim_stats::StepKind::Paste => 1,
                    _ => 0,
                },
            })
            .collect();
        let title = format!("PRIM peeling trajectory: {}", disc.outcome.text);
        let frame = Frame {
            title: &title,
            provenance: &prov,
            x_desc: "coverage",
            y_desc: "density",
        };
        let svg = figures::scatter(
            &frame,
            Some(((0.0, 1.05), (0.0, 1.05))),
            &points,
            true,
            &[("peel".to_string(), 0), ("paste".to_string(), 1)],
        )?;
        page.figure(&title, &svg);
        let rows: Vec<Vec<String>> = disc
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let limits: Vec<String> = disc
                    .inputs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| s.restricted[*j])
                    .map(|(j, f)| {
                        format!(
                            "{f} ∈ [{}, {}]",
                            short(s.bounds.lower[j]),
                            short(s.bounds.upper[j])
                        )
                    })
                    .collect();
                vec![
                    i.to_string(),
                    s.kind.name().to_string(),
                    short(s.coverage),
                    short(s.density),
                    short(s.support),
                    s.n.to_string(),
                    if limits.is_empty() {
                        "(all runs)".into()
                    } else {
                        limits.join("; ")
                    },
                ]
            })
            .collect();
        page.table(
            &[
                "box", "kind", "coverage", "density", "support", "runs", "limits",
            ],
            &rows,
            &[true, false, true, true, true, true, false],
        );
    }
    Ok(())
}
