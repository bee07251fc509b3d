//! Every class of configuration error names the file, line, column and key path in one
//! readable message, and exits with code 3 (4 for plugin choices), writing nothing.

use sgsim_tests::{scenario_text, sgsim, write_scenario};

/// Runs `sgsim validate` on `text`; returns (exit code, stderr with the temp path replaced
/// by `SCENARIO`).
fn validate(text: &str, extra_args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_scenario(dir.path(), text);
    let mut args = vec!["validate", path.to_str().unwrap()];
    args.extend_from_slice(extra_args);
    let run = sgsim(&args);
    assert!(
        run.stdout.is_empty() || run.code == 0,
        "no success line on failure: {}",
        run.stdout
    );
    (
        run.code,
        run.stderr.replace(path.to_str().unwrap(), "SCENARIO"),
    )
}

/// Line number (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
        + 1
}

#[test]
fn a_toml_syntax_error_points_at_line_and_column() {
    let text = scenario_text("", "[model.fatigue\ncost_sensitivity = 1\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3, "{stderr}");
    let line = line_of(&text, "[model.fatigue");
    assert!(
        stderr.starts_with(&format!("error: invalid configuration: SCENARIO:{line}:")),
        "{stderr}"
    );
    assert!(stderr.contains("invalid TOML"), "{stderr}");
}

#[test]
fn an_unknown_top_level_key_is_an_error_at_its_line() {
    let text = scenario_text("tickz = 5", "");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    let line = line_of(&text, "tickz");
    assert!(stderr.contains(&format!("SCENARIO:{line}:1: ")), "{stderr}");
    assert!(stderr.contains("unknown field `tickz`"), "{stderr}");
}

#[test]
fn an_unknown_nested_key_names_the_full_key_path() {
    let text = scenario_text("", "[model.fatigue]\ncost_sensitivty = 1.0\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    let line = line_of(&text, "cost_sensitivty");
    assert!(
        stderr.contains(&format!(
            "SCENARIO:{line}:1: key `model.fatigue.cost_sensitivty`"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown field `cost_sensitivty`, expected one of"),
        "{stderr}"
    );
}

#[test]
fn a_value_of_the_wrong_type_names_key_and_expected_type() {
    let text = scenario_text("", "[model.battle]\nfog = \"thick\"\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    let line = line_of(&text, "fog =");
    assert!(
        stderr.contains(&format!("SCENARIO:{line}:7: key `model.battle.fog`")),
        "{stderr}"
    );
    assert!(stderr.contains("expected f64"), "{stderr}");
}

#[test]
fn a_missing_required_key_is_named() {
    let text = scenario_text("", "").replace("start_date = 2022-02-24\n", "");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    assert!(stderr.contains("missing field `start_date`"), "{stderr}");
}

#[test]
fn an_out_of_range_value_is_located() {
    let text = scenario_text("", "[capitals.DEU]\ninitial_support = 1.5\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    let line = line_of(&text, "initial_support = 1.5");
    assert!(
        stderr.contains(&format!(
            "SCENARIO:{line}:19: key `capitals.DEU.initial_support`: 1.5 is outside [0, 1]"
        )),
        "{stderr}"
    );
}

#[test]
fn an_unknown_capital_code_lists_the_known_ones() {
    let text = scenario_text("", "[capitals.XYZ]\ninitial_support = 0.5\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    assert!(
        stderr.contains(
            "key `capitals.XYZ`: `XYZ` is not an ally in the data file; known codes: ALB, BEL"
        ),
        "{stderr}"
    );
}

#[test]
fn a_unit_with_an_unknown_owner_is_located_in_the_array() {
    let text = scenario_text(
        "",
        "[[units]]\nname = \"a\"\nowner = \"POL\"\nkind = \"trainers\"\ntroops = 10\nlocation = \"home\"\n\n\
         [[units]]\nname = \"b\"\nowner = \"ZZZ\"\nkind = \"trainers\"\ntroops = 10\nlocation = \"home\"\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    let line = line_of(&text, "owner = \"ZZZ\"");
    assert!(
        stderr.contains(&format!(
            "SCENARIO:{line}:9: key `units[1].owner`: `ZZZ` is not a capital"
        )),
        "{stderr}"
    );
}

#[test]
fn an_unknown_location_is_named_with_the_choices() {
    let text = scenario_text(
        "",
        "[[units]]\nname = \"a\"\nowner = \"POL\"\nkind = \"x\"\ntroops = 10\nlocation = \"moon\"\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    assert!(stderr.contains("key `units[0].location`"), "{stderr}");
    assert!(
        stderr.contains("unknown variant `moon`, expected one of `home`, `allied_territory`"),
        "{stderr}"
    );
}

#[test]
fn a_date_with_a_time_is_refused() {
    let text = scenario_text("", "").replace(
        "start_date = 2022-02-24",
        "start_date = 2022-02-24T10:00:00",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    assert!(
        stderr.contains(
            "SCENARIO:2:14: key `start_date`: `2022-02-24T10:00:00` must be a plain date"
        ),
        "{stderr}"
    );
}

#[test]
fn an_actor_override_for_a_stranger_is_refused() {
    let text = scenario_text("", "[actors.ATLANTIS]\nplugin = \"baseline\"\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3);
    assert!(
        stderr.contains("key `actors.ATLANTIS`: `ATLANTIS` is not an actor of this scenario"),
        "{stderr}"
    );
}

#[test]
fn a_bad_set_value_is_traced_to_the_command_line() {
    let text = scenario_text("", "");
    let (code, stderr) = validate(&text, &["--set", "model.battle.fog=thick"]);
    assert_eq!(code, 3);
    assert!(stderr.contains("key `model.battle.fog`"), "{stderr}");
    assert!(
        stderr.contains("(value set on the command line: --set model.battle.fog=thick)"),
        "{stderr}"
    );
}

#[test]
fn a_set_without_equals_is_a_usage_error() {
    let (code, stderr) = validate(&scenario_text("", ""), &["--set", "model.battle.fog"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("expected KEY=VALUE"), "{stderr}");
}

#[test]
fn an_unknown_plugin_is_located_and_the_search_path_shown() {
    let text = scenario_text("", "[policies.kyiv]\nplugin = \"nonexistent\"\n");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4);
    let line = line_of(&text, "plugin = \"nonexistent\"");
    assert!(
        stderr.contains(&format!(
            "SCENARIO:{line}:10: key `policies.kyiv.plugin`: plugin `nonexistent` not found"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("libpolicy_nonexistent.so"), "{stderr}");
}

#[test]
fn an_unknown_policy_lists_the_plugins_policies_for_that_role() {
    let text = scenario_text(
        "",
        "[policies.kyiv]\nplugin = \"baseline\"\npolicy = \"stubborn\"\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4);
    assert!(
        stderr.contains("key `policies.kyiv.policy`: plugin `baseline` has no kyiv policy `stubborn`; its kyiv policies: default"),
        "{stderr}"
    );
}

#[test]
fn invalid_policy_params_are_reported_by_the_plugin_at_the_params_key() {
    let text = scenario_text(
        "",
        "[policies.capital]\nplugin = \"baseline\"\nparams = { militray_share_of_budget = 0.1 }\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("key `policies.capital.params`"), "{stderr}");
    assert!(
        stderr.contains("unknown field `militray_share_of_budget`"),
        "{stderr}"
    );
    let text = scenario_text(
        "",
        "[actors.HUN]\nplugin = \"baseline\"\nparams = { channel = \"pigeon\" }\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("key `actors.HUN.params`"), "{stderr}");
    assert!(
        stderr.contains("channel = \"pigeon\" is not one of auto, bilateral, ramstein, nato"),
        "{stderr}"
    );
}

#[test]
fn a_missing_scenario_file_is_a_config_error() {
    let run = sgsim(&["validate", "no/such/scenario.toml"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("no/such/scenario.toml: cannot read the file"),
        "{}",
        run.stderr
    );
}

#[test]
fn nan_and_infinity_are_named_without_a_309_digit_bound() {
    for (value, expected) in [
        (
            "nan",
            "nan is not a number: give a finite number of at least 0",
        ),
        (
            "inf",
            "inf is not finite: give a finite number of at least 0",
        ),
        ("-1.0", "-1 is below 0: give a finite number of at least 0"),
    ] {
        let text = scenario_text(
            "",
            &format!("[model.fatigue]\ncost_sensitivity = {value}\n"),
        );
        let (code, stderr) = validate(&text, &[]);
        assert_eq!(code, 3, "{stderr}");
        let line = line_of(&text, "cost_sensitivity");
        assert!(
            stderr.contains(&format!(
                "SCENARIO:{line}:20: key `model.fatigue.cost_sensitivity`: {expected}"
            )),
            "{value}: {stderr}"
        );
        assert!(!stderr.contains("179769313"), "{stderr}");
    }
}

#[test]
fn a_set_error_cites_the_command_line_not_a_line_the_file_does_not_have() {
    let text = scenario_text("", "");
    let lines = text.lines().count();
    let (code, stderr) = validate(&text, &["--set", "model.fatigue.cost_sensitivity=nan"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(
            "SCENARIO: key `model.fatigue.cost_sensitivity`: nan is not a number: give a finite number of at least 0 (value set on the command line: --set model.fatigue.cost_sensitivity=nan)"
        ),
        "{stderr}"
    );
    // An error elsewhere still points into the file as written, even with an override that
    // adds lines above it.
    assert!(
        !stderr.contains(&format!("SCENARIO:{}:", lines + 1)),
        "{stderr}"
    );
    let text = scenario_text(
        "",
        "[model.fatigue]\nduration_decay_per_year = 0.3\n\n[capitals.DEU]\ninitial_support = 1.5\n",
    );
    let (code, stderr) = validate(&text, &["--set", "model.fatigue.cost_sensitivity=0.5"]);
    assert_eq!(code, 3, "{stderr}");
    let line = line_of(&text, "initial_support = 1.5");
    assert!(
        stderr.contains(&format!(
            "SCENARIO:{line}:19: key `capitals.DEU.initial_support`: 1.5 is outside [0, 1]"
        )),
        "{stderr}"
    );
}

#[test]
fn a_start_date_before_the_full_scale_invasion_is_refused() {
    let text = scenario_text("", "").replace("start_date = 2022-02-24", "start_date = 1800-01-01");
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(
            "SCENARIO:2:14: key `start_date`: 1800-01-01 is outside 2022-02-24 to 2099-12-31: the data files describe the war from the full-scale invasion of 2022-02-24"
        ),
        "{stderr}"
    );
}

#[test]
fn a_malformed_sha256_pin_is_not_called_a_changed_plugin() {
    let text = scenario_text(
        "",
        "[policies.kremlin]\nplugin = \"baseline\"\nsha256 = \"xyz\"\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("key `policies.kremlin.sha256`: \"xyz\" is not a SHA-256: a pin is the 64 hexadecimal digits that `sha256sum FILE` or `sgsim plugins` prints"),
        "{stderr}"
    );
    assert!(!stderr.contains("the plugin changed"), "{stderr}");
}

#[test]
fn a_copied_scenario_without_its_data_names_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.toml");
    std::fs::copy(
        sgsim_tests::workspace_root().join("configs/scenarios/baseline.toml"),
        &copy,
    )
    .unwrap();
    let run = sgsim(&["validate", copy.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the scenario leaves data_dir unset, so it is the default data_dir = \"../data\", relative to the scenario's folder"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("which does not hold allies.toml and belligerents.toml; set data_dir"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_plugin_folders_are_reported() {
    // A scenario may list folders that only exist after some build (a template lists both
    // target/debug and target/release); when a plugin is not found they are marked.
    let text = scenario_text(
        "plugin_dirs = [\"no-such-folder\"]",
        "[policies.kyiv]\nplugin = \"nowhere\"\n",
    );
    let (code, stderr) = validate(&text, &[]);
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("plugin `nowhere` not found: no libpolicy_nowhere.so in ")
            && stderr.contains("no-such-folder (does not exist)"),
        "{stderr}"
    );
    let output = sgsim_tests::sgsim_command(&sgsim_tests::workspace_root())
        .env("SGSIM_PLUGIN_PATH", "/no/such/plugins")
        .args(["validate", "configs/scenarios/baseline.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "warning: SGSIM_PLUGIN_PATH lists /no/such/plugins, which is not a folder; no plugin is looked for there"
        ),
        "{stderr}"
    );
}

#[test]
fn the_front_and_war_economy_shares_are_range_checked() {
    // Shares outside [0, 1] used to be clamped silently inside the kernels; they are
    // refused with the key that holds them.
    let text = scenario_text("", "");
    for (key, value) in [
        ("model.front.garrison_share", "3"),
        ("model.front.reserve_response_rate", "-0.1"),
        ("model.war_economy.evasion_max", "1.5"),
    ] {
        let set = format!("{key}={value}");
        let (code, stderr) = validate(&text, &["--set", &set]);
        assert_eq!(code, 3, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "key `{key}`: {value} is outside [0, 1] (value set on the command line: --set {set})"
            )),
            "{stderr}"
        );
    }
}
