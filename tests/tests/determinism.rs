//! Same scenario, seed and plugins give byte-identical traces; another seed gives others.

use std::path::Path;

use sgsim_tests::{sgsim, workspace_root};

const TRACES: [&str; 7] = [
    "resolve.csv",
    "aid_flows.csv",
    "force_posture.csv",
    "events.csv",
    "beliefs.csv",
    "war.csv",
    "summary.csv",
];

fn run_baseline(out: &Path, seed: &str) {
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--ticks",
        "60",
        "--seed",
        seed,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_same_seed_gives_byte_identical_traces_and_another_seed_differs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    run_baseline(&a, "11");
    run_baseline(&b, "11");
    run_baseline(&c, "12");
    for file in TRACES {
        let (x, y) = (
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
        );
        assert!(x == y, "{file} differs between two runs with the same seed");
    }
    for file in ["resolve.csv", "war.csv", "force_posture.csv", "summary.csv"] {
        let (x, z) = (
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(c.join(file)).unwrap(),
        );
        assert!(x != z, "{file} is the same for seeds 11 and 12");
    }
}

#[test]
fn splitting_a_policy_group_does_not_change_the_results() {
    // The same policy, given to Hungary on its own, makes a separate instance and a separate
    // batch: call order and batching must not change a single byte.
    let dir = tempfile::tempdir().unwrap();
    let base = workspace_root().join("configs/scenarios/baseline.toml");
    let text = std::fs::read_to_string(&base).unwrap().replace(
        "[policies.kremlin]",
        "[actors.HUN]\nplugin = \"baseline\"\npolicy = \"default\"\n\n[policies.kremlin]",
    );
    let split = dir.path().join("split.toml");
    std::fs::write(
        &split,
        text.replace(
            "name = \"baseline\"",
            "name = \"baseline\"\ndata_dir = \"DATA\"",
        )
        .replace(
            "DATA",
            workspace_root().join("configs/data").to_str().unwrap(),
        ),
    )
    .unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run_baseline(&a, "5");
    let run = sgsim(&[
        "run",
        split.to_str().unwrap(),
        "--ticks",
        "60",
        "--seed",
        "5",
        "--out",
        b.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["resolve.csv", "aid_flows.csv", "events.csv", "war.csv"] {
        assert!(
            std::fs::read(a.join(file)).unwrap() == std::fs::read(b.join(file)).unwrap(),
            "{file} changed"
        );
    }
}

#[test]
fn every_arrangement_scenario_is_byte_identical_for_a_seed() {
    // The institutions, strikes, training, declaratory noise and assumed ceasefires draw
    // only from the run's seeded streams.
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "natoized_aid",
        "armed_neutrality",
        "nato_membership",
        "coalition_guarantee",
        "korean_armistice",
        "reassurance_force",
        "full_nato_mission",
        "trainers_in_ukraine",
    ] {
        let scenario = workspace_root().join(format!("configs/scenarios/{name}.toml"));
        let runs: Vec<_> = ["a", "b"]
            .iter()
            .map(|tag| {
                let out = dir.path().join(format!("{name}-{tag}"));
                let run = sgsim(&[
                    "run",
                    scenario.to_str().unwrap(),
                    "--seed",
                    "5",
                    "--out",
                    out.to_str().unwrap(),
                ]);
                assert_eq!(run.code, 0, "{name}: {}", run.stderr);
                out
            })
            .collect();
        for file in TRACES {
            assert!(
                std::fs::read(runs[0].join(file)).unwrap()
                    == std::fs::read(runs[1].join(file)).unwrap(),
                "{name}: {file} differs between two runs with the same seed"
            );
        }
    }
}
