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
    for file in sgsim_cli::config::DATA_FILES
        .iter()
        .filter(|f| **f != "allies.toml")
    {
        std::fs::copy(root.join(file), data.join(file)).unwrap();
    }
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

/// Aid delivered in ticks `from..to` by `donor`, or by everyone else when `others`.
fn delivered(out: &std::path::Path, donor: &str, others: bool, from: u32, to: u32) -> f64 {
    let (_, rows) = sgsim_tests::read_csv(&out.join("aid_flows.csv"));
    rows.iter()
        .filter(|r| (r[2] == donor) != others && (from..to).contains(&r[0].parse::<u32>().unwrap()))
        .map(|r| r[7].parse::<f64>().unwrap())
        .sum()
}

#[test]
fn us_withdrawal_cuts_us_aid_after_the_election_and_the_kremlin_reads_it() {
    // S02's signature: after the 2024 US election (tick 140, the week of 2024-11-05, a
    // recorded outcome) US pledges fall to about zero and deliveries fall as the pipeline empties, and the
    // Kremlin's belief about US resolve falls below its counterfactual's (us_stays, the
    // incumbent camp wins) on the same seed, and it attacks harder.
    let dir = tempfile::tempdir().unwrap();
    let root = workspace_root().join("configs/scenarios");
    let mut intensities = (0.0, 0.0);
    for seed in ["1", "2", "3"] {
        let run = |name: &str| {
            let out = dir.path().join(format!("{name}-{seed}"));
            let scenario = root.join(format!("{name}.toml"));
            let result = sgsim(&[
                "run",
                scenario.to_str().unwrap(),
                "--ticks",
                "200",
                "--seed",
                seed,
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_eq!(result.code, 0, "{}", result.stderr);
            out
        };
        let (base, cut) = (run("us_stays"), run("us_withdrawal"));
        // New pledges stop; what was pledged before still arrives as the lines of
        // materiel that wait for production deliver it (MODEL.md 7.2).
        let pledged = |from: u32, to: u32| -> f64 {
            let (_, rows) = sgsim_tests::read_csv(&cut.join("aid_flows.csv"));
            rows.iter()
                .filter(|r| r[2] == "USA" && (from..to).contains(&r[0].parse::<u32>().unwrap()))
                .map(|r| r[6].parse::<f64>().unwrap())
                .sum()
        };
        let (before, after) = (pledged(100, 140), pledged(160, 200));
        assert!(
            after < 0.1 * before,
            "US pledges {before} before and {after} after (seed {seed})"
        );
        let (before, after) = (
            delivered(&cut, "USA", false, 100, 140),
            delivered(&cut, "USA", false, 160, 200),
        );
        assert!(
            after < 0.5 * before,
            "US deliveries {before} before and {after} after (seed {seed})"
        );
        let (_, events) = sgsim_tests::read_csv(&cut.join("events.csv"));
        assert!(events.iter().any(|e| e[2] == "election"
            && e[3] == "USA"
            && e[5].contains("polling_day=2024-11-05;offices=executive+check;outcome=new_government;source=recorded;camp=sceptic;check_camp=sceptic")));
        let belief_in_us = |out: &std::path::Path| -> f64 {
            let (_, rows) = sgsim_tests::read_csv(&out.join("beliefs.csv"));
            rows.iter().rev().find(|r| r[2] == "USA").unwrap()[3]
                .parse()
                .unwrap()
        };
        assert!(
            belief_in_us(&cut) < belief_in_us(&base) - 0.1,
            "the Kremlin reads the cut (seed {seed})"
        );
        let intensity = |out: &std::path::Path| -> f64 {
            let (_, war) = sgsim_tests::read_csv(&out.join("war.csv"));
            war[160..200]
                .iter()
                .map(|r| r[3].parse::<f64>().unwrap())
                .sum()
        };
        intensities.0 += intensity(&base);
        intensities.1 += intensity(&cut);
    }
    // Over the three seeds together the Kremlin attacks harder after the cut; on one seed
    // (1) the two are within 2% of each other, as Kyiv's own offensives hold the initiative
    // in both worlds.
    assert!(
        intensities.1 > intensities.0,
        "and attacks harder: {intensities:?}"
    );
}

#[test]
fn an_assumed_election_must_be_in_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let text = sgsim_tests::scenario_text(
        "",
        "[[election_outcomes]]\ncapital = \"USA\"\ndate = 2024-11-06\ncamp = \"sceptic\"\n",
    );
    let scenario = sgsim_tests::write_scenario(dir.path(), &text);
    let run = sgsim(&["validate", scenario.to_str().unwrap()]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("key `election_outcomes[0].date`: USA holds no election on 2024-11-06; its elections: 2022-11-08, 2024-11-05"), "{}", run.stderr);
}

#[test]
fn a_reassurance_force_deploys_europeans_into_ukraine_after_a_ceasefire_and_no_us_ground_troops() {
    // S08's signature, over a handful of seeds.
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/reassurance_force.toml");
    for seed in ["1", "2", "3"] {
        let out = dir.path().join(seed);
        let run = sgsim(&[
            "run",
            scenario.to_str().unwrap(),
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (_, events) = sgsim_tests::read_csv(&out.join("events.csv"));
        let agreed: u32 = events
            .iter()
            .find(|e| e[2] == "ceasefire_agreed")
            .expect("a ceasefire comes")[0]
            .parse()
            .unwrap();
        let (_, posture) = sgsim_tests::read_csv(&out.join("force_posture.csv"));
        let in_ukraine = |unit: &str, tick: u32| {
            posture
                .iter()
                .any(|r| r[3] == unit && r[0] == tick.to_string() && r[4].starts_with("ukraine"))
        };
        for unit in ["GBR-reassurance", "FRA-reassurance"] {
            assert!(
                !(0..agreed).any(|t| in_ukraine(unit, t)),
                "{unit} stays out of Ukraine during the war (seed {seed})"
            );
            assert!(
                in_ukraine(unit, agreed + 3),
                "{unit} is in Ukraine after the ceasefire (seed {seed})"
            );
        }
        assert!(
            !posture
                .iter()
                .any(|r| r[2] == "USA" && r[4].starts_with("ukraine")),
            "no US troops in Ukraine (seed {seed})"
        );
    }
}

#[test]
fn a_premise_outside_the_horizon_is_reported_by_run_and_validate() {
    // S08's ceasefire is assumed from 2025-03-01; a run of 100 weeks ends in January 2024.
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/reassurance_force.toml");
    let expected = "warning: the assumed ceasefire ([ceasefire] assumed_from) is dated \
                    2025-03-01, after the run's last week (ending 2024-01-24), so it never \
                    applies; the run needs at least 158 ticks to reach it (the run goes on \
                    without it)";
    let out = dir.path().join("short");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--ticks",
        "100",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    let validate = sgsim(&["validate", scenario.to_str().unwrap(), "--set", "ticks=100"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(validate.stderr.contains(expected), "{}", validate.stderr);
    // Every shipped scenario reaches all of its own premises.
    for entry in std::fs::read_dir(workspace_root().join("configs/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        let check = sgsim(&["validate", path.to_str().unwrap()]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        assert!(
            !check.stderr.contains("warning"),
            "{}: {}",
            path.display(),
            check.stderr
        );
    }
}
