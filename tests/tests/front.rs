//! The front's sectors (docs/MODEL.md 7.3c, 7.3d) in the real binary's traces: no shipped
//! scenario ends with Kyiv holding more than on 2022-02-24 unless its own offensives retook
//! it, the areas held before 2022 change hands only by such an offensive, the sectors and the
//! rear sum to the total every week, a paired run without the allies' help holds less, and a
//! Kyiv that attacks where the ratio favours it parts ways with one that never attacks.

use std::path::{Path, PathBuf};

use sgsim_tests::{read_csv, sgsim, workspace_root};

/// The front data: (total area, rear, Kyiv's share on 2022-02-24).
fn front_data() -> (f64, f64, f64) {
    let text = std::fs::read_to_string(workspace_root().join("configs/data/front.toml")).unwrap();
    let data: toml::Table = text.parse().unwrap();
    let total = data["total_area_km2"].as_float().unwrap();
    let sectors = data["sector"].as_table().unwrap();
    let area: f64 = sectors
        .values()
        .map(|s| s["area_km2"].as_float().unwrap())
        .sum();
    let held: f64 = sectors
        .values()
        .map(|s| s["kyiv_held_km2"].as_float().unwrap())
        .sum();
    let rear = total - area;
    (total, rear, (rear + held) / total)
}

fn run(dir: &Path, scenario: &Path, seed: u64, extra: &[&str]) -> PathBuf {
    let name = scenario.file_stem().unwrap().to_str().unwrap();
    let out = dir.join(format!("{name}-{seed}-{}", extra.len()));
    let seed = seed.to_string();
    let mut args = vec![
        "run",
        scenario.to_str().unwrap(),
        "--seed",
        &seed,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let result = sgsim(&args);
    assert_eq!(result.code, 0, "{name}: {}", result.stderr);
    out
}

fn summary(out: &Path, column: &str) -> f64 {
    let (header, rows) = read_csv(&out.join("summary.csv"));
    let at = header.iter().position(|h| h == column).unwrap();
    rows[0][at].parse().unwrap()
}

#[test]
fn no_shipped_scenario_ends_with_more_than_kyiv_held_on_the_eve_of_the_invasion() {
    let (total, rear, start) = front_data();
    assert!((start - 0.929).abs() < 5e-4, "{start}");
    let dir = tempfile::tempdir().unwrap();
    let mut scenarios: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("configs/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 10);
    for scenario in &scenarios {
        for seed in [1, 2] {
            let out = run(dir.path(), scenario, seed, &[]);
            let name = scenario.display();
            let end = summary(&out, "territory_held_end");
            let retaken = summary(&out, "kyiv_retaken_km2") / total;
            assert!(
                end <= start + retaken + 1e-6,
                "{name} seed {seed}: {end} above {start} and more than its offensives retook ({retaken})"
            );
            let (header, rows) = read_csv(&out.join("war.csv"));
            let col = |c: &str| header.iter().position(|h| h == c).unwrap();
            let sectors = [
                col("kyiv_held_north_km2"),
                col("kyiv_held_donbas_km2"),
                col("kyiv_held_south_km2"),
                col("kyiv_held_occupied_2014_km2"),
            ];
            let share = col("kyiv_territory");
            let sector = col("kyiv_offensive_sector");
            let mut attacked_2014 = false;
            for row in &rows {
                attacked_2014 |= row[sector] == "occupied_2014";
                let held: f64 = sectors
                    .iter()
                    .map(|&c| row[c].parse::<f64>().unwrap())
                    .sum();
                let total_share: f64 = row[share].parse().unwrap();
                assert!(
                    ((rear + held) / total - total_share).abs() < 2e-6,
                    "{name} seed {seed} tick {}: sectors {held} and rear {rear} against {total_share}",
                    row[0]
                );
                if !attacked_2014 {
                    assert_eq!(
                        row[sectors[3]], "0.000000",
                        "{name} seed {seed} tick {}: the areas held before 2022 change hands only by Kyiv's offensive",
                        row[0]
                    );
                }
            }
        }
    }
}

#[test]
fn a_paired_run_without_allied_help_holds_less_and_never_more_than_the_start() {
    // S09, the most favourable shipped scenario for Kyiv, against the same world in which
    // no capital gives more than token aid (every capital `capitals/transactional`, which
    // gives nothing unpaid unless its public's support reaches its price) and allied
    // soldiers add no combat power.
    let (_, _, start) = front_data();
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/full_nato_mission.toml");
    let alone = [
        "--set",
        "policies.capital.plugin=capitals",
        "--set",
        "policies.capital.policy=transactional",
        "--set",
        "model.intervention.allied_quality=0",
    ];
    for seed in [1, 2, 3] {
        let helped = run(dir.path(), &scenario, seed, &[]);
        let unhelped = run(dir.path(), &scenario, seed, &alone);
        let (with, without) = (
            summary(&helped, "territory_held_end"),
            summary(&unhelped, "territory_held_end"),
        );
        // A transactional US gives only the financial aid its public pays for (3.5-4.3% of
        // the helped run's US deliveries on these seeds).
        assert!(
            summary(&unhelped, "aid_delivered_us") < 0.1 * summary(&helped, "aid_delivered_us"),
            "seed {seed}: token aid at most"
        );
        assert!(without <= start + 1e-6 && with <= start + 1e-6);
        assert!(
            without < with - 0.05,
            "seed {seed}: {without} alone against {with} with help"
        );
    }
}

#[test]
fn a_kyiv_that_attacks_where_the_ratio_favours_it_and_one_that_never_attacks_part_ways() {
    // The baseline on common seeds with the default Kyiv (it attacks with 0.6 of its reserves
    // where the ratio at that commitment reaches 1.2) and the same Kyiv that never attacks.
    let (total, _, start) = front_data();
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let never = ["--set", "policies.kyiv.params.offensive_share=0"];
    let mut attacks = 0.0;
    for seed in [1, 2, 3] {
        let attacking = run(dir.path(), &scenario, seed, &[]);
        let defending = run(dir.path(), &scenario, seed, &never);
        assert_eq!(summary(&defending, "kyiv_offensive_weeks"), 0.0);
        assert_eq!(summary(&defending, "kyiv_retaken_km2"), 0.0);
        attacks += summary(&attacking, "kyiv_offensive_weeks");
        let paths: Vec<Vec<f64>> = [&attacking, &defending]
            .iter()
            .map(|out| {
                let (header, rows) = read_csv(&out.join("war.csv"));
                let col = |c: &str| header.iter().position(|h| h == c).unwrap();
                let (share, sector, commitment, retaken) = (
                    col("kyiv_territory"),
                    col("kyiv_offensive_sector"),
                    col("kyiv_offensive_commitment"),
                    col("kyiv_retaken_km2"),
                );
                let mut retaken_sum = 0.0;
                for row in &rows {
                    let commitment: f64 = row[commitment].parse().unwrap();
                    let retaken: f64 = row[retaken].parse().unwrap();
                    retaken_sum += retaken;
                    if row[sector] == "none" {
                        assert_eq!(commitment, 0.0);
                        assert_eq!(retaken, 0.0, "ground is retaken only by an offensive");
                    } else {
                        assert!((commitment - 0.6).abs() < 1e-9, "{commitment}");
                        assert_eq!(row[col("ceasefire")], "false", "never in a ceasefire");
                    }
                }
                assert!(
                    (retaken_sum - summary(out, "kyiv_retaken_km2")).abs() < 1e-3 * total.max(1.0),
                    "the summary's total is the sum of the weeks"
                );
                rows.iter().map(|r| r[share].parse().unwrap()).collect()
            })
            .collect();
        for path in &paths {
            assert!(
                path.iter().all(|&t| (0.0..=start + 1e-6).contains(&t)),
                "seed {seed}: a path leaves [0, {start}]"
            );
        }
        let apart = paths[0]
            .iter()
            .zip(&paths[1])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(
            apart > 1e-3,
            "seed {seed}: the paths differ by at most {apart}"
        );
    }
    assert!(
        attacks >= 3.0,
        "the attacking Kyiv attacked {attacks} weeks"
    );
}

#[test]
fn offensive_choices_are_sweep_arms_paired_on_common_seeds() {
    // configs/sweeps/offensives.toml (docs/MODEL.md 9.8): the default Kyiv against one that
    // never attacks, and the default Kremlin against one that concentrates half its effort on
    // its best axis, in S01 and S09, paired by replication.
    let (header, rows) = sgsim_tests::run_shipped_sweep("offensives");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let pick = |arm: &str, column: &str| -> Vec<f64> {
        let mut values: Vec<(u32, f64)> = rows
            .iter()
            .filter(|r| r[col("arm")] == arm)
            .map(|r| {
                (
                    r[col("replication")].parse().unwrap(),
                    r[col(column)].parse().unwrap(),
                )
            })
            .collect();
        values.sort_by_key(|v| v.0);
        values.into_iter().map(|v| v.1).collect()
    };
    let mut table = String::from(
        "| arm | territory held at the end | change against the default (95% CI) | Kyiv's offensive weeks | km² retaken | Ukrainian losses |\n\
         |---|---|---|---|---|---|\n",
    );
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    // Kyiv's share on the eve of the invasion: the most any run can end with (7.3d).
    let (_, _, start) = front_data();
    for scenario in ["baseline", "mission"] {
        let control = format!("{scenario}_default");
        let weeks = pick(&control, "kyiv_offensive_weeks");
        assert_eq!(weeks.len(), 20);
        assert!(
            weeks.iter().all(|&w| w >= 1.0),
            "{control}: the default Kyiv attacks in every replication: {weeks:?}"
        );
        let never = format!("{scenario}_never");
        assert!(
            pick(&never, "kyiv_offensive_weeks")
                .iter()
                .all(|&w| w == 0.0)
        );
        assert!(pick(&never, "kyiv_retaken_km2").iter().all(|&k| k == 0.0));
        for arm in [control.clone(), never, format!("{scenario}_concentrated")] {
            let held = pick(&arm, "territory_held_end");
            let change = if arm == control {
                "–".to_owned()
            } else {
                let d = sgsim_stats::paired_bootstrap(
                    &pick(&control, "territory_held_end"),
                    &held,
                    2000,
                    0.95,
                    7,
                );
                // Two arms may end identically only where both push Russia back to the
                // lines of 23 February 2022, the most Kyiv can retake.
                let at_start = |v: &[f64]| v.iter().all(|&t| (t - start).abs() < 1e-6);
                assert!(
                    d.lower < d.upper
                        || d.difference != 0.0
                        || (at_start(&held) && at_start(&pick(&control, "territory_held_end"))),
                    "{arm}: no difference at all"
                );
                format!("{:+.4} ({:+.4} to {:+.4})", d.difference, d.lower, d.upper)
            };
            table.push_str(&format!(
                "| {arm} | {:.4} | {change} | {:.1} | {:.0} | {:.0} |\n",
                mean(&held),
                mean(&pick(&arm, "kyiv_offensive_weeks")),
                mean(&pick(&arm, "kyiv_retaken_km2")),
                mean(&pick(&arm, "ukraine_losses")),
            ));
        }
    }
    // Against a mission fighting beside Kyiv, a concentrated Russian effort takes more in
    // every replication.
    let concentrated = sgsim_stats::paired_bootstrap(
        &pick("mission_default", "territory_held_end"),
        &pick("mission_concentrated", "territory_held_end"),
        2000,
        0.95,
        7,
    );
    assert!(concentrated.upper < 0.0, "{concentrated:?}");
    sgsim_tests::docs::check_block("docs/MODEL.md", "offensives", &table);
}
