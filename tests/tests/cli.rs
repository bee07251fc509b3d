//! Help, usage errors and overrides.

use sgsim_tests::{read_csv, sgsim, workspace_root};

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["validate", "--help"],
        &["plugins", "--help"],
        &["calibrate", "--help"],
    ] {
        let run = sgsim(args);
        assert_eq!(run.code, 0, "{args:?}");
        assert!(
            run.stdout.contains("Usage: sgsim"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("Exit codes:"), "{args:?}");
    }
}

#[test]
fn a_usage_error_exits_2_without_a_backtrace() {
    let run = sgsim(&["run", "--no-such-flag", "x.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unexpected argument '--no-such-flag'"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn set_seed_and_ticks_override_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let scenario = scenario.to_str().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let run = sgsim(&[
        "run",
        scenario,
        "--seed",
        "4",
        "--ticks",
        "8",
        "--out",
        a.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sgsim(&[
        "run",
        scenario,
        "--set",
        "seed=4",
        "--set",
        "ticks=8",
        "--out",
        b.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(a.join("war.csv")).unwrap(),
        std::fs::read(b.join("war.csv")).unwrap()
    );
    let (_, summary) = read_csv(&a.join("summary.csv"));
    assert_eq!(&summary[0][1..3], ["4", "8"]);
    let manifest = std::fs::read_to_string(b.join("manifest.toml")).unwrap();
    assert!(
        manifest.contains("overrides = [\"seed=4\", \"ticks=8\"]"),
        "{manifest}"
    );
}

#[test]
fn a_model_parameter_set_on_the_command_line_changes_the_dynamics() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let scenario = scenario.to_str().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(
        sgsim(&[
            "run",
            scenario,
            "--ticks",
            "30",
            "--out",
            a.to_str().unwrap()
        ])
        .code,
        0
    );
    let run = sgsim(&[
        "run",
        scenario,
        "--ticks",
        "30",
        "--set",
        "model.fatigue.duration_decay_per_year=2.0",
        "--out",
        b.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let support = |dir: &std::path::Path| -> f64 {
        let (_, rows) = read_csv(&dir.join("resolve.csv"));
        rows.iter()
            .filter(|r| r[0] == "29" && r[3] == "capital")
            .map(|r| r[5].parse::<f64>().unwrap())
            .sum()
    };
    assert!(
        support(&b) < support(&a),
        "faster fatigue lowers public support"
    );
}
