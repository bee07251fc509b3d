//! The output folder is a contract: exact columns, fixed formatting, a manifest that
//! matches the files, and no overwriting by accident.

use std::path::{Path, PathBuf};

use sgsim_tests::{read_csv, sgsim, sha256, workspace_root};

fn run_into(out: &Path, extra: &[&str]) -> sgsim_tests::Run {
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let mut args = vec![
        "run",
        scenario.to_str().unwrap(),
        "--ticks",
        "20",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    sgsim(&args)
}

fn complete_run() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let run = run_into(&out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, out)
}

#[test]
fn every_trace_has_its_documented_columns() {
    let (_dir, out) = complete_run();
    let expected: [(&str, &[&str]); 7] = [
        (
            "resolve.csv",
            &[
                "tick",
                "date",
                "actor",
                "role",
                "resolve",
                "public_support",
                "camp",
                "check_camp",
            ],
        ),
        (
            "aid_flows.csv",
            &[
                "tick",
                "date",
                "donor",
                "recipient",
                "channel",
                "category",
                "pledged",
                "delivered",
            ],
        ),
        (
            "force_posture.csv",
            &[
                "tick",
                "date",
                "actor",
                "unit",
                "location",
                "troops",
                "article5_covered",
            ],
        ),
        (
            "events.csv",
            &["tick", "date", "kind", "actor", "target", "detail"],
        ),
        (
            "beliefs.csv",
            &[
                "tick",
                "date",
                "guarantor",
                "belief",
                "is_guarantor",
                "credibility",
            ],
        ),
        (
            "war.csv",
            &[
                "tick",
                "date",
                "kyiv_territory",
                "offensive_intensity",
                "escalation_level",
                "ceasefire",
                "russia_losses",
                "ukraine_losses",
                "ukraine_equipment_eur_bn",
                "ukraine_quality",
                "aid_delivered_eur_bn",
                "credibility",
                "sanctions",
                "russia_economy",
                "guarantee_credibility",
                "guarantee_in_force",
                "membership_stage",
                "ukraine_trained_share",
                "ukraine_in_training",
                "ukraine_denial_eur_bn",
                "allied_combat_power",
                "nato_pool_eur_bn",
                "artillery_received_rounds",
                "artillery_fired_rounds",
                "artillery_sufficiency",
                "ukraine_artillery_stock_rounds",
                "artillery_due_eur_bn",
                "artillery_delivered_eur_bn",
                "air_defence_due_eur_bn",
                "air_defence_delivered_eur_bn",
                "equipment_due_eur_bn",
                "equipment_delivered_eur_bn",
                "reconstruction_needs_eur_bn",
                "ukraine_callup",
                "ukraine_callup_capacity",
                "ukraine_demobilised",
                "kyiv_held_north_km2",
                "kyiv_held_donbas_km2",
                "kyiv_held_south_km2",
                "kyiv_held_occupied_2014_km2",
                "fortification_north",
                "fortification_donbas",
                "fortification_south",
                "russian_effort_north",
                "russian_effort_donbas",
                "russian_effort_south",
                "kremlin_main_axis",
                "kremlin_axis_concentration",
                "kyiv_offensive_sector",
                "kyiv_offensive_commitment",
                "kyiv_retaken_km2",
                "russia_civil_economy",
                "russia_defence_spending_share",
                "russia_energy_revenue_share",
                "russia_fiscal_reserve_share",
                "sanctions_evasion",
                "russia_tanks",
                "russia_tanks_in_storage",
                "russia_tanks_lost",
                "russia_tanks_added",
                "russia_equipment_factor",
                "russian_reserve_north",
                "russian_reserve_donbas",
                "russian_reserve_south",
                "russian_reserve_occupied_2014",
            ],
        ),
        (
            "summary.csv",
            &[
                "scenario",
                "seed",
                "ticks",
                "start_date",
                "end_date",
                "config_sha256",
                "ceasefire_date",
                "ceasefire_at_end",
                "renewed_aggression",
                "ceasefire_violations",
                "ceasefire_first_break_date",
                "ceasefire_weeks",
                "durable_ceasefire",
                "peak_escalation",
                "peak_escalation_rung",
                "nuclear_signalling",
                "territory_held_end",
                "ukraine_forces_end",
                "russia_forces_end",
                "russia_forces_peak",
                "ukraine_losses",
                "russia_losses",
                "aid_pledged",
                "aid_delivered_us",
                "aid_delivered_europe",
                "aid_delivered_other",
                "aid_delivered_eu_members",
                "aid_delivered_other_europe",
                "aid_delivered_eu_institutions",
                "eu_vetoes",
                "credibility_end",
                "tests_of_resolve",
                "mean_test_response",
                "slices",
                "unanswered_slices",
                "strikes_on_allies",
                "failed_responses",
                "allied_losses",
                "guarantee_credibility_mean",
                "guarantee_credibility_end",
                "guarantee_in_force_date",
                "guarantee_invocations",
                "article5_invocations",
                "consensus_failures",
                "side_payments_eur_bn",
                "invitation_date",
                "accession_date",
                "membership_renounced",
                "mission_authorised",
                "reconstruction_paid_eur_bn",
                "reconstruction_needs_end_eur_bn",
                "artillery_rounds_received",
                "artillery_sufficiency_mean",
                "shell_hunger_weeks",
                "air_defence_delivered_eur_bn",
                "ukraine_forces_peak",
                "kyiv_offensive_weeks",
                "kyiv_retaken_km2",
                "russia_fiscal_reserve_end",
                "russia_tanks_end",
                "russia_tanks_lost_total",
                "premises_outside_horizon",
                "status",
            ],
        ),
    ];
    for (file, columns) in expected {
        let (header, _) = read_csv(&out.join(file));
        assert_eq!(header, columns, "{file}");
    }
}

#[test]
fn rows_are_well_formed_and_every_tick_has_every_actor() {
    let (_dir, out) = complete_run();
    let (_, rows) = read_csv(&out.join("resolve.csv"));
    assert_eq!(
        rows.len(),
        20 * 34,
        "32 capitals, the Kremlin and Kyiv in each of 20 ticks"
    );
    assert_eq!(&rows[0][..4], ["0", "2022-02-24", "ALB", "capital"]);
    assert_eq!(&rows[33][2..4], ["UKR", "kyiv"]);
    assert_eq!(
        rows.last().unwrap()[1],
        "2022-07-07",
        "tick 19 is 19 weeks after the start"
    );
    let camps = ["fast_mover", "slow_roller", "sceptic"];
    for row in &rows {
        // A capital's camps; none for the Kremlin and Kyiv; a check camp only with one.
        if row[3] == "capital" {
            assert!(camps.contains(&row[6].as_str()), "{row:?}");
            assert!(
                row[7].is_empty() || camps.contains(&row[7].as_str()),
                "{row:?}"
            );
        } else {
            assert_eq!(&row[6..], ["", ""], "{row:?}");
        }
        for value in &row[4..6] {
            let (whole, decimals) = value.split_once('.').expect("a decimal point");
            assert_eq!(decimals.len(), 6, "six decimals: {value}");
            assert!(!whole.starts_with('-') || value != "-0.000000");
            let number: f64 = value.parse().unwrap();
            assert!(
                (0.0..=1.0).contains(&number),
                "resolve and support are shares: {value}"
            );
        }
    }
    let (_, posture) = read_csv(&out.join("force_posture.csv"));
    let efp: Vec<&Vec<String>> = posture
        .iter()
        .filter(|r| r[0] == "0" && r[4] == "allied_territory")
        .collect();
    assert_eq!(efp.len(), 4, "the four eFP contingents");
    assert!(
        efp.iter().all(|r| r[6] == "true"),
        "units on allied territory are covered by Article 5"
    );
    assert!(
        posture
            .iter()
            .filter(|r| r[2] == "RUS" || r[2] == "UKR")
            .all(|r| r[6] == "false")
    );
    let (_, aid) = read_csv(&out.join("aid_flows.csv"));
    assert!(aid.iter().all(|r| r[3] == "UKR"));
    assert!(
        aid.iter().any(|r| r[7] != "0.000000"),
        "pledges are delivered within 20 weeks"
    );
    // Capitals' pledges go through the pipeline; the EU (channel `eu`) and the donors
    // outside the alliance pay what is recorded, allocated and delivered in the same week.
    let first_delivery: u32 = aid
        .iter()
        .find(|r| {
            r[7] != "0.000000"
                && r[4] != "eu"
                && !["JPN", "AUS", "KOR", "CHE", "AUT", "IRL", "NZL"].contains(&r[2].as_str())
        })
        .unwrap()[0]
        .parse()
        .unwrap();
    assert!(
        first_delivery >= 4,
        "nothing pledged by a capital arrives before the shortest channel delay"
    );
    assert!(
        aid.iter()
            .filter(|r| r[4] == "eu" || r[2] == "JPN")
            .all(|r| r[6] == r[7]),
        "what the EU and a donor outside the alliance pay is what they allocate"
    );
}

#[test]
fn the_manifest_matches_the_files() {
    let (_dir, out) = complete_run();
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("complete"));
    assert_eq!(manifest["seed"].as_integer(), Some(1));
    assert_eq!(manifest["ticks_completed"].as_integer(), Some(20));
    assert_eq!(
        manifest["abi_version"].as_integer(),
        Some(i64::from(sgsim_abi::ABI_VERSION))
    );
    assert_eq!(
        manifest["config_sha256"].as_str().unwrap(),
        sha256(&out.join("scenario.resolved.toml"))
    );
    let rows = manifest["rows"].as_table().unwrap();
    for (file, count) in rows {
        let (_, data) = read_csv(&out.join(file));
        assert_eq!(data.len() as i64, count.as_integer().unwrap(), "{file}");
    }
    let plugins = manifest["plugins"].as_array().unwrap();
    assert_eq!(plugins.len(), 1);
    let plugin = plugins[0].as_table().unwrap();
    assert_eq!(plugin["name"].as_str(), Some("baseline"));
    assert_eq!(
        plugin["sha256"].as_str().unwrap(),
        sha256(Path::new(plugin["path"].as_str().unwrap()))
    );
    let (_, summary) = read_csv(&out.join("summary.csv"));
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0][5], manifest["config_sha256"].as_str().unwrap());
    assert!(!out.read_dir().unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")
    }));
}

#[test]
fn a_non_empty_folder_is_refused_without_overwrite() {
    let (_dir, out) = complete_run();
    let before = sha256(&out.join("resolve.csv"));
    let run = run_into(&out, &["--seed", "2"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not empty; pass --overwrite"),
        "{}",
        run.stderr
    );
    assert_eq!(
        sha256(&out.join("resolve.csv")),
        before,
        "nothing was touched"
    );
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let run = run_into(&out, &["--seed", "2", "--overwrite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(sha256(&out.join("resolve.csv")), before);
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine",
        "--overwrite only replaces sgsim's files"
    );
}

#[test]
fn the_default_output_folder_is_named_after_scenario_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let run = sgsim_tests::sgsim_in(
        dir.path(),
        &[
            "run",
            scenario.to_str().unwrap(),
            "--ticks",
            "3",
            "--seed",
            "9",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        dir.path()
            .join("output/baseline-seed9/summary.csv")
            .is_file()
    );
    assert!(
        run.stdout
            .starts_with("wrote output/baseline-seed9 (3 ticks;"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_decision_trace_shows_what_each_policy_saw_and_chose() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, traced) = (dir.path().join("plain"), dir.path().join("traced"));
    assert_eq!(run_into(&plain, &[]).code, 0);
    assert!(
        !plain.join("decisions.csv").exists(),
        "decisions.csv is opt-in"
    );
    let run = run_into(&traced, &["--decisions"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&traced.join("decisions.csv"));
    assert_eq!(
        header,
        [
            "tick", "date", "actor", "role", "plugin", "policy", "side", "field", "value"
        ]
    );
    let value = |tick: &str, actor: &str, side: &str, field: &str| -> String {
        rows.iter()
            .find(|r| r[0] == tick && r[2] == actor && r[6] == side && r[7] == field)
            .unwrap_or_else(|| panic!("{tick} {actor} {side} {field}"))[8]
            .clone()
    };
    // The Kremlin's chosen intensity is what the war trace shows for that tick.
    let (_, war) = read_csv(&traced.join("war.csv"));
    assert_eq!(
        value("5", "RUS", "action", "offensive_intensity"),
        war[5][3]
    );
    // What a capital saw is its own state: its resolve as recorded at the end of the last tick.
    let (_, resolve) = read_csv(&traced.join("resolve.csv"));
    let deu_before = resolve
        .iter()
        .find(|r| r[0] == "4" && r[2] == "DEU")
        .unwrap();
    assert_eq!(value("5", "DEU", "observation", "resolve"), deu_before[4]);
    assert!(rows.iter().all(|r| r[4] == "baseline" && r[5] == "default"));
    assert!(
        !rows
            .iter()
            .any(|r| r[7] == "size" || r[7] == "decision_seed"),
        "bookkeeping fields are left out"
    );
    let manifest: toml::Table = std::fs::read_to_string(traced.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        manifest["rows"]["decisions.csv"].as_integer(),
        Some(rows.len() as i64)
    );
    // The traces themselves are the same with or without the decision trace.
    assert_eq!(
        std::fs::read(plain.join("war.csv")).unwrap(),
        std::fs::read(traced.join("war.csv")).unwrap()
    );
}

#[test]
fn a_terminated_run_says_interrupted_and_leaves_nothing_final() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let mut child = std::process::Command::new(sgsim_tests::sgsim_exe())
        .args([
            "run",
            scenario.to_str().unwrap(),
            "--ticks",
            "5200",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::fs::metadata(out.join("war.csv.partial"))
        .map(|m| m.len())
        .unwrap_or(0)
        < 20_000
    {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be stopped"
        );
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("interrupted"));
    assert!(!out.join("war.csv").exists() && !out.join("summary.csv").exists());
}
