//! Faults inside policies stop the run with a message naming plugin, policy, actor and tick,
//! and leave nothing that looks like a complete output.

use std::path::Path;

use sgsim_tests::{scenario_text, sgsim, write_scenario};

/// Runs a 6-tick scenario in which `role` uses the faulty fixture with `params`.
fn run_with_fault(dir: &Path, role: &str, params: &str) -> sgsim_tests::Run {
    let faulty = sgsim_tests::plugin_path("policy-faulty");
    let text = scenario_text(
        "",
        &format!(
            "[policies.{role}]\nplugin = {:?}\npolicy = \"{role}\"\nparams = {{ {params} }}\n",
            faulty.display().to_string()
        ),
    );
    let scenario = write_scenario(dir, &text);
    let out = dir.join("out");
    sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

fn assert_failed_output(out: &Path, error_fragment: &str) {
    assert!(
        !out.join("resolve.csv").exists(),
        "a failed run must not leave final traces"
    );
    assert!(
        !out.join("summary.csv").exists(),
        "a failed run must not leave a summary"
    );
    assert!(
        out.join("resolve.csv.partial").exists(),
        "partial traces are kept for inspection"
    );
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("failed"));
    let error = manifest["error"].as_str().unwrap();
    assert!(error.contains(error_fragment), "{error}");
}

#[test]
fn a_panicking_plugin_is_named_with_policy_actor_and_tick() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_fault(dir.path(), "kremlin", "mode = \"panic\", at_tick = 3");
    assert_eq!(run.code, 6, "{}", run.stderr);
    for fragment in [
        "plugin `faulty`",
        "policy `kremlin`",
        "panicked: panic: faulty plugin panics on purpose at tick 3",
        "at tick 3 (2022-03-17)",
        "actor RUS (kremlin)",
    ] {
        assert!(
            run.stderr.contains(fragment),
            "missing {fragment:?} in {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("RUST_BACKTRACE"),
        "no backtrace hint from the host: {}",
        run.stderr
    );
    let out = dir.path().join("out");
    assert_failed_output(&out, "faulty plugin panics on purpose");
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["ticks_completed"].as_integer(), Some(3));
}

#[test]
fn a_nan_action_is_refused_with_the_field_name() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_fault(dir.path(), "capital", "mode = \"nan\", at_tick = 2");
    assert_eq!(run.code, 6, "{}", run.stderr);
    for fragment in [
        "invalid action at tick 2",
        "actor ALB (capital)",
        "`pledge_military_eur_bn` = NaN",
        "policy `capital`",
    ] {
        assert!(
            run.stderr.contains(fragment),
            "missing {fragment:?} in {}",
            run.stderr
        );
    }
    assert_failed_output(&dir.path().join("out"), "pledge_military_eur_bn");
}

#[test]
fn an_out_of_range_action_is_refused_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_fault(dir.path(), "kyiv", "mode = \"out_of_range\", at_tick = 0");
    assert_eq!(run.code, 6, "{}", run.stderr);
    for fragment in [
        "at tick 0 (2022-02-24)",
        "actor UKR (kyiv)",
        "`mobilisation` = 7.5",
        "[0, 1]",
    ] {
        assert!(
            run.stderr.contains(fragment),
            "missing {fragment:?} in {}",
            run.stderr
        );
    }
}

#[test]
fn a_coalition_unit_fault_names_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let faulty = sgsim_tests::plugin_path("policy-faulty");
    let text = scenario_text(
        "",
        &format!(
            "[[units]]\nname = \"u1\"\nowner = \"POL\"\nkind = \"trainers\"\ntroops = 100\nlocation = \"home\"\n\n\
             [actors.u1]\nplugin = {:?}\npolicy = \"coalition\"\nparams = {{ mode = \"nan\" }}\n",
            faulty.display().to_string()
        ),
    );
    let scenario = write_scenario(dir.path(), &text);
    let out = dir.path().join("out");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert!(
        run.stderr.contains("actor u1 (coalition)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("actors.u1"), "{}", run.stderr);
}

#[test]
fn a_plugin_that_refuses_its_parameters_stops_before_the_first_tick() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_fault(dir.path(), "capital", "mode = \"error_on_create\"");
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("key `policies.capital.params`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("faulty plugin refuses to be created on purpose"),
        "{}",
        run.stderr
    );
    assert!(
        !dir.path().join("out").exists(),
        "nothing is written before the policies are ready"
    );
}
