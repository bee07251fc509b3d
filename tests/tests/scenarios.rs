//! Every scenario shipped in `configs/scenarios/` validates and runs a few ticks.

use sgsim_tests::{sgsim, workspace_root};

#[test]
fn every_shipped_scenario_validates_and_runs() {
    let dir = workspace_root().join("configs/scenarios");
    let mut scenarios: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    scenarios.sort();
    assert!(
        scenarios.iter().any(|p| p.ends_with("baseline.toml")),
        "S01 ships"
    );
    let out = tempfile::tempdir().unwrap();
    for scenario in scenarios {
        let path = scenario.to_str().unwrap();
        let run = sgsim(&["validate", path]);
        assert_eq!(run.code, 0, "{path}: {}", run.stderr);
        assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
        let folder = out.path().join(scenario.file_stem().unwrap());
        let run = sgsim(&[
            "run",
            path,
            "--ticks",
            "5",
            "--out",
            folder.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{path}: {}", run.stderr);
        assert!(folder.join("summary.csv").is_file());
    }
}

#[test]
fn the_data_files_give_every_value_a_source() {
    // `resolve` refuses a data file with a missing source; the shipped files pass, and a
    // copy with one source removed is refused at that key.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let root = workspace_root().join("configs/data");
    let allies = std::fs::read_to_string(root.join("allies.toml")).unwrap();
    let stripped = allies.replacen("\ngdp_usd_bn = \"", "\ngdp_source_was = \"", 1);
    assert_ne!(stripped, allies);
    std::fs::write(data.join("allies.toml"), stripped).unwrap();
    std::fs::copy(
        root.join("belligerents.toml"),
        data.join("belligerents.toml"),
    )
    .unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "start_date = 2022-02-24\nticks = 2\nseed = 1\ndata_dir = \"data\"\n",
    )
    .unwrap();
    let run = sgsim(&["validate", scenario.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("allies.toml"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("key `ally[0].sources`: ALB has no source for `gdp_usd_bn`"),
        "{}",
        run.stderr
    );
}
