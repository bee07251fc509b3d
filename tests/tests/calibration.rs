//! `sgsim calibrate`: the shipped targets file runs and writes the documented CSV, model
//! values are those of a plain `sgsim run` with the same seed, bad targets files are refused
//! at their file, line, column and key, and `--set` reaches the scenario.

use std::path::Path;

use sgsim_tests::{read_csv, sgsim, workspace_root};

/// The CSV columns documented in `sgsim calibrate --help` and `docs/CALIBRATION.md`.
const COLUMNS: [&str; 16] = [
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

/// The baseline scenario as a TOML string value.
fn baseline_toml() -> String {
    let path = workspace_root().join("configs/scenarios/baseline.toml");
    format!("{:?}", path.display().to_string())
}

/// A targets file on the baseline with `seeds` and the given `[[target]]` tables.
fn targets_text(seeds: &str, targets: &[(&str, &str, &str)]) -> String {
    let mut text = format!("scenario = {}\nseeds = {seeds}\n", baseline_toml());
    for (name, metric, date) in targets {
        text.push_str(&format!(
            "\n[[target]]\nname = \"{name}\"\nmetric = \"{metric}\"\ndate = {date}\nobserved = 1.0\ntolerance = 0.5\nsource = \"test\"\n"
        ));
    }
    text
}

/// Writes `text` as `targets.toml` in `dir` and returns its path as a string.
fn write_targets(dir: &Path, text: &str) -> String {
    let path = dir.join("targets.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Runs `sgsim calibrate` with `args` and an `--out` file in `dir`; returns the CSV rows.
fn calibrate(dir: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let out = dir.join("calibration.csv");
    let mut all = vec!["calibrate"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let run = sgsim(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&out);
    assert_eq!(header, COLUMNS);
    rows
}

/// The row of `rows` whose first column is `name`.
fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn the_shipped_targets_give_one_row_per_target_with_the_documented_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = workspace_root().join("configs/calibration/targets.toml");
    let targets: toml::Table = std::fs::read_to_string(&file).unwrap().parse().unwrap();
    let names: Vec<&str> = targets["target"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    let seeds = targets["seeds"].as_array().unwrap().len().to_string();

    let out = dir.path().join("c.csv");
    let run = sgsim(&[
        "calibrate",
        "configs/calibration/targets.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&out);
    assert_eq!(header, COLUMNS);
    let in_csv: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(in_csv, names, "one row per target, in file order");
    for row in &rows {
        assert_eq!(row[14], seeds, "runs: {row:?}");
        assert!(["true", "false"].contains(&row[13].as_str()), "{row:?}");
        let [mean, min, max]: [f64; 3] = [7, 9, 10].map(|c| row[c].parse().unwrap());
        assert!(min <= mean && mean <= max, "{row:?}");
    }
    for name in &names {
        assert!(run.stdout.contains(name), "{}", run.stdout);
    }
    let within = rows.iter().filter(|r| r[13] == "true").count();
    assert!(
        run.stdout.contains(&format!(
            "{within} of {} targets within tolerance; relative RMSE ",
            names.len()
        )),
        "{}",
        run.stdout
    );

    let again = dir.path().join("again.csv");
    let run = sgsim(&[
        "calibrate",
        "configs/calibration/targets.toml",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&again).unwrap(),
        "the same targets give byte-identical results"
    );
}

#[test]
fn a_model_value_is_the_one_in_the_traces_of_a_plain_run_with_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let targets = write_targets(
        dir.path(),
        &targets_text(
            "[2]",
            &[
                ("territory", "kyiv_territory", "2023-06-29"),
                ("forces", "russia_forces", "2024-01-15"),
            ],
        ),
    );
    let rows = calibrate(dir.path(), &[&targets]);

    let traces = dir.path().join("run");
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--seed",
        "2",
        "--out",
        traces.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The week containing 2023-06-29: the last row dated on or before it.
    let (war_header, war) = read_csv(&traces.join("war.csv"));
    let territory = war_header
        .iter()
        .position(|c| c == "kyiv_territory")
        .unwrap();
    let week = war.iter().rfind(|r| r[1].as_str() <= "2023-06-29").unwrap();
    let territory_row = row(&rows, "territory");
    assert_eq!(territory_row[4], week[1], "model_date");
    assert_eq!(territory_row[7], week[territory], "model_mean");
    assert_eq!(territory_row[8], "0.000000", "one seed: no spread");

    let (_, posture) = read_csv(&traces.join("force_posture.csv"));
    let forces_row = row(&rows, "forces");
    let russia = posture
        .iter()
        .find(|r| r[1] == forces_row[4] && r[2] == "RUS")
        .unwrap();
    assert_eq!(forces_row[7], russia[5], "RUS troops at {}", forces_row[4]);
}

#[test]
fn a_bad_targets_file_is_refused_with_file_line_column_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.csv");
    let cases = [
        (
            targets_text("[1]", &[("a", "kyiv_teritory", "2023-06-29")]),
            "metric = \"kyiv_teritory\"",
            10,
            "target[0].metric",
            "unknown variant `kyiv_teritory`, expected one of `kyiv_territory`",
        ),
        (
            targets_text("[1]", &[("a", "kyiv_territory", "2023-06-29")])
                .replace("tolerance = 0.5", "tolerance = 0.5\ntolerence = 0.1"),
            "tolerence",
            1,
            "target[0].tolerence",
            "unknown field `tolerence`",
        ),
        (
            targets_text("[1]", &[("a", "kyiv_territory", "2031-01-01")]),
            "2031-01-01",
            8,
            "target[0].date",
            "is after the last model week",
        ),
    ];
    for (text, needle, column, key, message) in cases {
        let path = write_targets(dir.path(), &text);
        let run = sgsim(&["calibrate", &path, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 3, "{needle}: {}", run.stderr);
        let line = text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        assert!(
            run.stderr.starts_with(&format!(
                "error: invalid configuration: {path}:{line}:{column}: key `{key}`: "
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn set_reaches_the_scenario_and_seed_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let targets = write_targets(
        dir.path(),
        &targets_text("[1, 2]", &[("territory", "kyiv_territory", "2024-12-31")]),
    );
    let moved = calibrate(dir.path(), &[&targets]);
    assert_ne!(moved[0][7], "0.928755", "the front moves in the baseline");
    let frozen = calibrate(
        dir.path(),
        &[&targets, "--set", "model.battle.territory_rate=0"],
    );
    assert_eq!(frozen[0][7], "0.928755", "no territory changes hands");
    assert_eq!(frozen[0][8], "0.000000");

    let run = sgsim(&["calibrate", &targets, "--set", "seed=4"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("the seeds come from `seeds`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_fitted_defaults_reach_the_fit_docs_calibration_reports() {
    // docs/CALIBRATION.md: 16 of 20 targets within tolerance; the misfits are the opening
    // phase of 2022, the ground Kyiv retook in 2022 (its offensives come a year late) and
    // the held-out Donbas and southern sectors of mid-2023.
    // A change to the dynamics that breaks this must come with a refit and an updated
    // document.
    let dir = tempfile::tempdir().unwrap();
    let rows = calibrate(
        dir.path(),
        &[workspace_root()
            .join("configs/calibration/targets.toml")
            .to_str()
            .unwrap()],
    );
    let misfits: Vec<&str> = rows
        .iter()
        .filter(|r| r[13] == "false")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(
        misfits,
        [
            "territory_2022",
            "retaken_2022",
            "donbas_2023",
            "south_2023"
        ]
    );
}
