//! `sgsim report` on a real sweep (two arms of the shipped scenarios, two design points)
//! and on a folder of single runs: its tables agree with runs.csv and ensemble.csv, it is
//! byte-for-byte deterministic, and arms with different horizons or start dates are
//! refused with the arms named.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sgsim_tests::{read_csv, sgsim, workspace_root};

/// The sweep of the tests: coalition_guarantee and korean_armistice (S06, S07), 180
/// weeks (past their assumed ceasefire of March 2025), two floors of public support,
/// five replications.
fn sweep_text() -> String {
    let scenarios = workspace_root().join("configs/scenarios");
    format!(
        r#"name = "report_test"
master_seed = 41
replications = 5

[[arms]]
name = "coalition_guarantee"
scenario = {:?}

[[arms]]
name = "korean_armistice"
scenario = {:?}

[factors]
ticks = 180
"model.fatigue.support_floor" = [0.3, 0.5]
"#,
        scenarios
            .join("coalition_guarantee.toml")
            .display()
            .to_string(),
        scenarios
            .join("korean_armistice.toml")
            .display()
            .to_string()
    )
}

/// The expected figure titles of that sweep's page: runs.csv decides whether the rung
/// and survival figures are there (their columns) and the PRIM ones (an outcome that
/// happens in no run has no trajectory).
pub fn expected_titles(runs_header: &[String], runs: &[Vec<String>]) -> Vec<String> {
    let has = |c: &str| runs_header.iter().any(|h| h == c);
    let mut titles = Vec::new();
    for (p, floor) in [(0, "0.3"), (1, "0.5")] {
        let at = format!(", design point {p} (model.fatigue.support_floor = {floor})");
        titles.push(format!("Outcome probabilities{at}"));
        let what = if has("peak_escalation_rung") {
            "rung"
        } else {
            "level"
        };
        titles.push(format!(
            "Escalation: probability of reaching each {what}{at}"
        ));
    }
    for (p, floor) in [(0, "0.3"), (1, "0.5")] {
        titles.push(format!(
            "Paired differences in outcome probabilities against coalition_guarantee, design point {p} (model.fatigue.support_floor = {floor})"
        ));
    }
    if has("ceasefire_weeks") && has("ceasefire_first_break_date") {
        for (p, floor) in [(0, "0.3"), (1, "0.5")] {
            titles.push(format!(
                "Kaplan–Meier survival of the first ceasefire, design point {p} (model.fatigue.support_floor = {floor})"
            ));
        }
    }
    for (p, floor) in [(0, "0.3"), (1, "0.5")] {
        for label in [
            "share of territory Kyiv holds",
            "escalation level (published scale)",
            "credibility of the guarantee",
            "aid delivered per week, EUR bn",
        ] {
            titles.push(format!(
                "Fan chart: {label}, design point {p} (model.fatigue.support_floor = {floor})"
            ));
        }
    }
    let ra = column(runs_header, "renewed_aggression");
    if runs.iter().any(|r| r[ra] == "true") {
        titles.push("PRIM peeling trajectory: renewed_aggression".into());
    }
    titles.push(format!(
        "PRIM peeling trajectory: {}",
        split_outcome(runs_header, runs).0
    ));
    titles
}

/// An outcome that splits korean_armistice's 10 runs: territory held at the end below
/// the fifth smallest value, and how many of them have it.
pub fn split_outcome(runs_header: &[String], runs: &[Vec<String>]) -> (String, usize) {
    let (arm, t) = (
        column(runs_header, "arm"),
        column(runs_header, "territory_held_end"),
    );
    let mut values: Vec<(f64, &str)> = runs
        .iter()
        .filter(|r| r[arm] == "korean_armistice")
        .map(|r| (r[t].parse::<f64>().unwrap(), r[t].as_str()))
        .collect();
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (threshold, text) = values[4];
    let hits = values.iter().filter(|v| v.0 < threshold).count();
    (format!("korean_armistice:territory_held_end<{text}"), hits)
}

/// The sweep folder and its report, made once per test process.
pub fn reported_sweep() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sweep.toml");
        std::fs::write(&file, sweep_text()).unwrap();
        let out = dir.path().join("sweep");
        let run = sgsim(&[
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (header, runs) = read_csv(&out.join("runs.csv"));
        let run = sgsim(&[
            "report",
            out.to_str().unwrap(),
            "--outcome",
            "renewed_aggression",
            "--outcome",
            &split_outcome(&header, &runs).0,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let figures = expected_titles(&header, &runs).len();
        assert_eq!(
            run.stdout.trim(),
            format!(
                "wrote {} (20 runs, 2 arms, {figures} figures) and 5 tables",
                out.join("report.html").display()
            )
        );
        (dir, out)
    })
    .1
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn f6(x: f64) -> String {
    let s = format!("{x:.6}");
    if s == "-0.000000" {
        "0.000000".into()
    } else {
        s
    }
}

#[test]
fn comparison_shares_and_means_are_those_of_runs_csv() {
    let out = reported_sweep();
    let (rh, runs) = read_csv(&out.join("runs.csv"));
    let (ch, rows) = read_csv(&out.join("comparison.csv"));
    assert_eq!(
        ch,
        [
            "arm",
            "point",
            "factor.model.fatigue.support_floor",
            "factor.ticks",
            "measure",
            "statistic",
            "n",
            "count",
            "estimate",
            "lower",
            "upper",
            "method"
        ]
    );
    let (arm, point) = (column(&rh, "arm"), column(&rh, "point"));
    let get = |a: &str, p: &str, measure: &str, stat: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == a && r[1] == p && r[4] == measure && r[5] == stat)
            .unwrap_or_else(|| panic!("no row {a} {p} {measure} {stat}"))
            .clone()
    };
    let mut checked = 0;
    for a in ["coalition_guarantee", "korean_armistice"] {
        for p in ["0", "1"] {
            let cell: Vec<&Vec<String>> = runs
                .iter()
                .filter(|r| r[arm] == a && r[point] == p)
                .collect();
            assert_eq!(cell.len(), 5);
            for (measure, col, yes) in [
                ("renewed_aggression", "renewed_aggression", "true"),
                ("ceasefire_at_end", "ceasefire_at_end", "true"),
            ] {
                let c = column(&rh, col);
                let k = cell.iter().filter(|r| r[c] == yes).count() as u64;
                let row = get(a, p, measure, "share");
                let w = sgsim_stats::wilson(k, 5, 0.95);
                assert_eq!(
                    row[6..12],
                    [
                        "5".to_string(),
                        k.to_string(),
                        f6(k as f64 / 5.0),
                        f6(w.lower),
                        f6(w.upper),
                        "wilson".into()
                    ],
                    "{a} {p} {measure}"
                );
                checked += 1;
            }
            // A ceasefire started: ceasefire_date not empty.
            let c = column(&rh, "ceasefire_date");
            let k = cell.iter().filter(|r| !r[c].is_empty()).count();
            assert_eq!(get(a, p, "ceasefire", "share")[7], k.to_string());
            // The factor values of the point are repeated on its rows.
            let row = get(a, p, "territory_held_end", "mean");
            assert_eq!(row[2], if p == "0" { "0.3" } else { "0.5" });
            assert_eq!(row[3], "180");
            // The mean of territory is the mean of the runs.csv values; its bootstrap
            // interval lies within their range.
            let t = column(&rh, "territory_held_end");
            let values: Vec<f64> = cell.iter().map(|r| r[t].parse().unwrap()).collect();
            let mean = values.iter().sum::<f64>() / 5.0;
            assert_eq!(row[8], f6(mean));
            let (lo, hi): (f64, f64) = (row[9].parse().unwrap(), row[10].parse().unwrap());
            let min = values.iter().cloned().fold(f64::INFINITY, f64::min);
            let max = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            assert!(min - 1e-6 <= lo && lo <= mean + 1e-6 && mean - 1e-6 <= hi && hi <= max + 1e-6);
            assert_eq!(row[11], "bootstrap_percentile");
            for stat in ["p05", "p50", "p95"] {
                assert_eq!(get(a, p, "aid_delivered_europe", stat)[6], "5");
            }
        }
    }
    assert_eq!(checked, 8);
}

#[test]
fn paired_counts_follow_the_replications_and_holm_never_lowers_a_p_value() {
    let out = reported_sweep();
    let (rh, runs) = read_csv(&out.join("runs.csv"));
    let (ph, rows) = read_csv(&out.join("paired.csv"));
    assert_eq!(
        ph,
        [
            "control",
            "arm",
            "point",
            "measure",
            "test",
            "pairs",
            "control_estimate",
            "arm_estimate",
            "difference",
            "lower",
            "upper",
            "arm_only",
            "control_only",
            "statistic",
            "p_value",
            "p_holm"
        ]
    );
    let (arm, point, rep, ra) = (
        column(&rh, "arm"),
        column(&rh, "point"),
        column(&rh, "replication"),
        column(&rh, "renewed_aggression"),
    );
    for p in ["0", "1"] {
        let by_rep = |a: &str| -> BTreeMap<String, String> {
            runs.iter()
                .filter(|r| r[arm] == a && r[point] == p)
                .map(|r| (r[rep].clone(), r[ra].clone()))
                .collect()
        };
        let (control, other) = (by_rep("coalition_guarantee"), by_rep("korean_armistice"));
        let b = control
            .keys()
            .filter(|k| other[*k] == "true" && control[*k] == "false")
            .count();
        let c = control
            .keys()
            .filter(|k| other[*k] == "false" && control[*k] == "true")
            .count();
        let row = rows
            .iter()
            .find(|r| r[2] == p && r[3] == "renewed_aggression")
            .expect("a renewed_aggression row");
        assert_eq!(row[0..2], ["coalition_guarantee", "korean_armistice"]);
        assert_eq!(row[4], "mcnemar_exact");
        assert_eq!(row[5], "5");
        assert_eq!(
            (row[11].clone(), row[12].clone()),
            (b.to_string(), c.to_string())
        );
        let expected = sgsim_stats::mcnemar(b as u64, c as u64);
        assert_eq!(row[14], f6(expected.p_value));
    }
    let mut territory = 0;
    for row in &rows {
        let (p, holm): (f64, f64) = (row[14].parse().unwrap(), row[15].parse().unwrap());
        assert!(holm >= p && holm <= 1.0, "{row:?}");
        if row[3] == "territory_held_end" {
            assert_eq!(row[4], "paired_bootstrap");
            let d: f64 = row[8].parse().unwrap();
            let (c, a): (f64, f64) = (row[6].parse().unwrap(), row[7].parse().unwrap());
            assert!((a - c - d).abs() < 2e-6, "{row:?}");
            territory += 1;
        }
    }
    assert_eq!(territory, 2);
}

#[test]
fn fans_are_the_ensemble_rows_and_prim_starts_from_all_runs() {
    let out = reported_sweep();
    let (fh, fans) = read_csv(&out.join("fan.csv"));
    assert_eq!(
        fh,
        [
            "arm", "point", "metric", "tick", "date", "n", "p05", "p50", "p95"
        ]
    );
    let (_, ensemble) = read_csv(&out.join("ensemble.csv"));
    let metrics = [
        "territory",
        "escalation_level",
        "guarantee_credibility",
        "aid_delivered_eur_bn",
    ];
    let expected: Vec<Vec<String>> = ensemble
        .iter()
        .filter(|r| metrics.contains(&r[4].as_str()))
        .map(|r| {
            vec![
                r[0].clone(),
                r[1].clone(),
                r[4].clone(),
                r[2].clone(),
                r[3].clone(),
                r[5].clone(),
                r[8].clone(),
                r[9].clone(),
                r[10].clone(),
            ]
        })
        .collect();
    assert_eq!(fans.len(), 2 * 2 * 4 * 180);
    let mut sorted_expected = expected.clone();
    let rank = |m: &str| metrics.iter().position(|x| *x == m).unwrap();
    sorted_expected.sort_by_key(|r| {
        (
            r[0] != "coalition_guarantee",
            r[1].clone(),
            rank(&r[2]),
            r[3].parse::<u32>().unwrap(),
        )
    });
    assert_eq!(fans, sorted_expected);

    let (ph, prim) = read_csv(&out.join("prim.csv"));
    assert_eq!(
        ph,
        [
            "outcome",
            "step",
            "kind",
            "n",
            "hits",
            "coverage",
            "density",
            "support",
            "factor",
            "lower",
            "upper",
            "restricted"
        ]
    );
    let (rh, runs) = read_csv(&out.join("runs.csv"));
    let ra = column(&rh, "renewed_aggression");
    let hits = runs.iter().filter(|r| r[ra] == "true").count();
    let start_box = |outcome: &str, n: usize, hits: usize| {
        let start = prim
            .iter()
            .find(|r| r[0] == outcome && r[1] == "0")
            .unwrap_or_else(|| panic!("no start box for {outcome}"));
        assert_eq!(
            start[2..],
            [
                "start".to_string(),
                n.to_string(),
                hits.to_string(),
                "1.000000".into(),
                f6(hits as f64 / n as f64),
                "1.000000".into(),
                "model.fatigue.support_floor".into(),
                "0.300000".into(),
                "0.500000".into(),
                "false".into()
            ]
        );
    };
    if hits > 0 {
        start_box("renewed_aggression", 20, hits);
    } else {
        // An outcome that never happens has no trajectory, and the page says so.
        assert!(prim.iter().all(|r| r[0] != "renewed_aggression"));
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains("Nothing to discover: the outcome happens in no selected run."));
    }
    // The arm-restricted outcome counts only that arm's 10 runs (factor.ticks is fixed,
    // so the only input is the support floor).
    let (split, split_hits) = split_outcome(&rh, &runs);
    assert_eq!(split_hits, 4, "{split}");
    start_box(&split, 10, split_hits);
    let last = prim.iter().rev().find(|r| r[0] == split).unwrap();
    assert!(last[6].parse::<f64>().unwrap() >= 0.4, "{last:?}");
    assert!(prim.iter().all(|r| r[8] == "model.fatigue.support_floor"));

    let (sh, survival) = read_csv(&out.join("survival.csv"));
    assert_eq!(
        sh,
        [
            "arm",
            "point",
            "weeks",
            "at_risk",
            "events",
            "censored",
            "survival",
            "std_error",
            "lower",
            "upper"
        ]
    );
    if rh.iter().any(|h| h == "ceasefire_weeks") {
        let cd = column(&rh, "ceasefire_date");
        for (a, p) in [("coalition_guarantee", "0"), ("korean_armistice", "1")] {
            let with = runs
                .iter()
                .filter(|r| r[column(&rh, "arm")] == a && r[column(&rh, "point")] == p)
                .filter(|r| !r[cd].is_empty())
                .count();
            let first = survival.iter().find(|r| r[0] == a && r[1] == p);
            assert_eq!(
                first.map(|r| r[3].clone()),
                (with > 0).then(|| with.to_string())
            );
        }
    } else {
        assert!(survival.is_empty());
    }
}

#[test]
fn the_page_is_self_contained_and_the_report_is_deterministic() {
    let out = reported_sweep();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let (rh, runs) = read_csv(&out.join("runs.csv"));
    let titles = expected_titles(&rh, &runs);
    for title in &titles {
        assert!(
            html.contains(&format!(
                "</strong> {}</figcaption>",
                title.replace('<', "&lt;")
            )),
            "no figure {title}"
        );
    }
    assert_eq!(html.matches("<figure ").count(), titles.len());
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(forbidden), "the page has {forbidden}");
    }
    // Every figure carries the provenance line: the sweep, its plan and master seed.
    let manifest = std::fs::read_to_string(out.join("manifest.toml")).unwrap();
    let plan = manifest
        .lines()
        .find_map(|l| l.strip_prefix("plan_sha256 = \""))
        .unwrap()
        .trim_end_matches('"');
    let provenance = format!("sgsim 0.1.0 · sweep report_test · plan {}", &plan[..16]);
    assert_eq!(
        html.matches(&provenance).count(),
        titles.len() + 1,
        "{provenance}"
    );
    assert!(html.contains("master seed 41"));

    // Again, into another file: the same bytes, tables included.
    let again = out.join("again");
    let run = sgsim(&[
        "report",
        out.to_str().unwrap(),
        "--outcome",
        "renewed_aggression",
        "--outcome",
        &split_outcome(&rh, &runs).0,
        "--out",
        again.join("page.html").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(again.join("page.html")).unwrap(),
        html.as_bytes()
    );
    for table in [
        "comparison.csv",
        "paired.csv",
        "survival.csv",
        "fan.csv",
        "prim.csv",
    ] {
        assert_eq!(
            std::fs::read(again.join(table)).unwrap(),
            std::fs::read(out.join(table)).unwrap(),
            "{table} differs"
        );
    }
}

/// Writes a two-arm sweep of `arms` (name, scenario file, extra `set`) and runs it.
fn small_sweep(dir: &Path, arms: &[(&str, &str, &str)], factors: &str) -> PathBuf {
    let mut text = String::from("name = \"h\"\nmaster_seed = 3\nreplications = 1\n");
    for (name, scenario, set) in arms {
        let path = workspace_root().join("configs/scenarios").join(scenario);
        text.push_str(&format!(
            "\n[[arms]]\nname = \"{name}\"\nscenario = {:?}\n{set}\n",
            path.display().to_string()
        ));
    }
    text.push_str(factors);
    let file = dir.join("sweep.toml");
    std::fs::write(&file, text).unwrap();
    let out = dir.join("out");
    let run = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

#[test]
fn arms_with_different_horizons_are_refused_with_the_arms_named() {
    let dir = tempfile::tempdir().unwrap();
    // S01 runs 208 weeks, S02 260: no `ticks` factor makes them equal.
    let out = small_sweep(
        dir.path(),
        &[
            ("status_quo", "baseline.toml", ""),
            ("withdrawal", "us_withdrawal.toml", ""),
        ],
        "",
    );
    let run = sgsim(&["report", out.to_str().unwrap()]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "error: cannot compare arms `status_quo` (208 weeks from 2022-02-24 to 2026-02-12) and \
         `withdrawal` (260 weeks from 2022-02-24 to 2027-02-11): they have different horizons; \
         give every arm the same `ticks` and `start_date` (a `ticks` factor in the sweep file sets it for all arms)"
    );
    assert!(!out.join("report.html").exists());
    assert!(!out.join("comparison.csv").exists());
}

#[test]
fn arms_with_different_start_dates_are_refused_with_the_arms_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = small_sweep(
        dir.path(),
        &[
            ("early", "baseline.toml", ""),
            ("late", "baseline.toml", "set = { start_date = 2022-03-03 }"),
        ],
        "[factors]\nticks = 8\n",
    );
    let run = sgsim(&["report", out.to_str().unwrap()]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "cannot compare arms `early` (8 weeks from 2022-02-24 to 2022-04-14) and `late` (8 weeks from 2022-03-03 to 2022-04-21): they have different start dates"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_of_runs_is_reported_with_runs_paired_by_seed() {
    let dir = tempfile::tempdir().unwrap();
    let runs = dir.path().join("runs");
    for (scenario, seed) in [
        ("baseline", "1"),
        ("baseline", "2"),
        ("baseline", "3"),
        ("trainers_in_ukraine", "1"),
        ("trainers_in_ukraine", "2"),
        ("trainers_in_ukraine", "3"),
    ] {
        let file = workspace_root().join(format!("configs/scenarios/{scenario}.toml"));
        let out = runs.join(format!("{scenario}-{seed}"));
        let run = sgsim(&[
            "run",
            file.to_str().unwrap(),
            "--ticks",
            "12",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = sgsim(&[
        "report",
        runs.to_str().unwrap(),
        "--control",
        "trainers_in_ukraine",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(6 runs, 2 arms, "), "{}", run.stdout);
    let (_, paired) = read_csv(&runs.join("paired.csv"));
    let territory = paired
        .iter()
        .find(|r| r[3] == "territory_held_end")
        .expect("a territory row");
    assert_eq!(territory[0..3], ["trainers_in_ukraine", "baseline", "0"]);
    assert_eq!(territory[5], "3");
    // The fan of territory at tick 0 is the median of the three runs' war.csv.
    let mut first: Vec<f64> = ["1", "2", "3"]
        .iter()
        .map(|seed| {
            let (h, rows) = read_csv(&runs.join(format!("baseline-{seed}/war.csv")));
            rows[0][column(&h, "kyiv_territory")].parse().unwrap()
        })
        .collect();
    first.sort_by(f64::total_cmp);
    let (_, fans) = read_csv(&runs.join("fan.csv"));
    let row = fans
        .iter()
        .find(|r| r[0] == "baseline" && r[2] == "territory" && r[3] == "0")
        .expect("a fan row");
    assert_eq!(row[5], "3");
    assert_eq!(row[7], f6(first[1]));
    let html = std::fs::read_to_string(runs.join("report.html")).unwrap();
    assert!(html.contains("folder of single runs"));
    assert!(html.contains("r0 = 1, r1 = 2, r2 = 3"));
}

#[test]
fn bad_options_and_folders_are_refused_with_what_to_do() {
    let out = reported_sweep();
    let dir = out.to_str().unwrap();
    let run = sgsim(&[
        "report",
        dir,
        "--control",
        "nope",
        "--out",
        "/nonexistent/x.html",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "error: --control `nope`: no such arm (the arms are coalition_guarantee, korean_armistice)"
    );
    let run = sgsim(&[
        "report",
        dir,
        "--outcome",
        "korean_armistice:territory_held_end<lots",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`lots` is not a number"),
        "{}",
        run.stderr
    );
    let run = sgsim(&["report", dir, "--outcome", "ukraine:renewed_aggression"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no arm `ukraine` (the arms are coalition_guarantee, korean_armistice)"),
        "{}",
        run.stderr
    );
    let empty = tempfile::tempdir().unwrap();
    let run = sgsim(&["report", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 5);
    assert!(
        run.stderr.contains(
            "is neither a finished sweep (no runs.csv) nor a folder of finished runs (no subfolder with a summary.csv)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_morris_sweep_gets_its_screen_and_prim_over_its_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let out = small_sweep(
        dir.path(),
        &[("base", "baseline.toml", "")],
        "[design]\nkind = \"morris\"\ntrajectories = 3\nlevels = 4\n\n[factors]\nticks = 10\n\
         \"model.fatigue.support_floor\" = { min = 0.2, max = 0.5 }\n\
         \"policies.kremlin.params.opportunism\" = { min = 0.0, max = 1.0 }\n",
    );
    let run = sgsim(&[
        "report",
        out.to_str().unwrap(),
        "--outcome",
        "territory_held_end>=0",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let (_, sensitivity) = read_csv(&out.join("sensitivity.csv"));
    let mut screened = 0;
    for outcome in [
        "durable_ceasefire",
        "renewed_aggression",
        "ceasefire_at_end",
        "territory_held_end",
    ] {
        let has = sensitivity.iter().any(|r| r[2] == outcome);
        let title = format!("</strong> Morris screen: {outcome}, arm base</figcaption>");
        assert_eq!(html.contains(&title), has, "{outcome}");
        screened += usize::from(has);
    }
    assert!(screened >= 2, "{sensitivity:?}");
    assert!(html.contains("<h2 id=\"morris\">Sensitivity screen (Morris)</h2>"));
    // Every run satisfies territory_held_end >= 0: PRIM starts at density 1 and the two
    // ranges are its inputs (ticks is fixed).
    let (_, prim) = read_csv(&out.join("prim.csv"));
    let start: Vec<&Vec<String>> = prim.iter().filter(|r| r[1] == "0").collect();
    assert_eq!(start.len(), 2);
    assert_eq!(
        start[0][3..8],
        ["9", "9", "1.000000", "1.000000", "1.000000"]
    );
    assert_eq!(
        [start[0][8].as_str(), start[1][8].as_str()],
        [
            "model.fatigue.support_floor",
            "policies.kremlin.params.opportunism"
        ]
    );
}

#[test]
fn an_arm_whose_premise_never_applied_is_refused_with_the_arm_named() {
    // S06 assumes a ceasefire from 2025-03-01; over 8 weeks it never applies.
    let dir = tempfile::tempdir().unwrap();
    let out = small_sweep(
        dir.path(),
        &[
            ("status_quo", "baseline.toml", ""),
            ("guarantee", "coalition_guarantee.toml", ""),
        ],
        "[factors]\nticks = 8\n",
    );
    let (header, rows) = read_csv(&out.join("runs.csv"));
    let col = header
        .iter()
        .position(|h| h == "premises_outside_horizon")
        .unwrap();
    assert!(rows.iter().any(|r| r[col] == "0") && rows.iter().any(|r| r[col] != "0"));
    let run = sgsim(&["report", out.to_str().unwrap()]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "arm `guarantee` rests on 1 dated premise(s) after its horizon, which never applied \
             (`sgsim validate` on its scenario names them); lengthen the horizon or drop the premise"
        ),
        "{}",
        run.stderr
    );
    assert!(!out.join("report.html").exists());
}
