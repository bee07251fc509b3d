//! The behaviour library: swapping one plugin changes the traces in the direction its
//! argument predicts, on the same seeds.

use std::path::{Path, PathBuf};

use sgsim_tests::read_csv;

const SEEDS: [u64; 3] = [1, 2, 3];

/// Runs a scenario made of `tables` for `ticks` weeks with `seed`; returns the folder.
fn run(dir: &Path, label: &str, tables: &str, ticks: u32, seed: u64) -> PathBuf {
    sgsim_tests::run_made_scenario(dir, label, "", tables, ticks, seed)
}

fn summary(out: &Path, column: &str) -> String {
    let (header, rows) = read_csv(&out.join("summary.csv"));
    let index = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("{column}"));
    rows[0][index].clone()
}

fn number(out: &Path, column: &str) -> f64 {
    summary(out, column).parse().unwrap()
}

fn policy(role: &str, plugin: &str, name: &str) -> String {
    format!("[policies.{role}]\nplugin = \"{plugin}\"\npolicy = \"{name}\"\n")
}

/// Aid delivered by `donor` (all donors if empty) in ticks `from..to`.
fn delivered(out: &Path, donor: &str, from: u32, to: u32) -> f64 {
    let (_, rows) = read_csv(&out.join("aid_flows.csv"));
    rows.iter()
        .filter(|r| {
            (donor.is_empty() || r[2] == donor)
                && (from..to).contains(&r[0].parse::<u32>().unwrap())
        })
        .map(|r| r[7].parse::<f64>().unwrap())
        .sum()
}

#[test]
fn an_escalator_kremlin_raises_peak_escalation() {
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let base = run(dir.path(), "base", "", 104, seed);
        let escalator = run(
            dir.path(),
            "escalator",
            &policy("kremlin", "kremlin", "escalator"),
            104,
            seed,
        );
        assert!(
            number(&escalator, "peak_escalation") > number(&base, "peak_escalation"),
            "seed {seed}"
        );
    }
}

#[test]
fn an_opportunist_kremlin_tests_resolve_more_often() {
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let base = run(dir.path(), "base", "", 104, seed);
        let opportunist = run(
            dir.path(),
            "opportunist",
            &policy("kremlin", "kremlin", "opportunist"),
            104,
            seed,
        );
        assert!(
            number(&opportunist, "tests_of_resolve") > number(&base, "tests_of_resolve"),
            "seed {seed}"
        );
    }
}

#[test]
fn a_negotiator_settles_with_a_pragmatic_kyiv_but_not_with_membership_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let negotiator = policy("kremlin", "kremlin", "negotiator");
    for seed in SEEDS {
        let base = run(
            dir.path(),
            "base",
            &policy("kyiv", "kyiv", "pragmatic"),
            156,
            seed,
        );
        let pragmatic = run(
            dir.path(),
            "pragmatic",
            &format!("{negotiator}{}", policy("kyiv", "kyiv", "pragmatic")),
            156,
            seed,
        );
        let firm = run(
            dir.path(),
            "firm",
            &format!(
                "{negotiator}{}",
                policy("kyiv", "kyiv", "membership_or_nothing")
            ),
            156,
            seed,
        );
        assert_eq!(
            summary(&base, "ceasefire_date"),
            "",
            "the baseline Kremlin never offers here (seed {seed})"
        );
        assert_ne!(summary(&pragmatic, "ceasefire_date"), "", "seed {seed}");
        assert_eq!(summary(&firm, "ceasefire_date"), "", "seed {seed}");
    }
}

#[test]
fn total_defence_keeps_more_troops_in_the_line() {
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let base = run(dir.path(), "base", "", 104, seed);
        let porcupine = run(
            dir.path(),
            "porcupine",
            &policy("kyiv", "kyiv", "total_defence"),
            104,
            seed,
        );
        assert!(
            number(&porcupine, "ukraine_forces_end")
                > number(&base, "ukraine_forces_end") + 10_000.0,
            "seed {seed}"
        );
    }
}

#[test]
fn fast_movers_front_load_aid_and_slow_rollers_hold_it_back() {
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let base = run(dir.path(), "base", "", 52, seed);
        let fast = run(
            dir.path(),
            "fast",
            &policy("capital", "capitals", "fast_mover"),
            52,
            seed,
        );
        let slow = run(
            dir.path(),
            "slow",
            &policy("capital", "capitals", "slow_roller"),
            52,
            seed,
        );
        let (b, f, s) = (
            delivered(&base, "", 0, 26),
            delivered(&fast, "", 0, 26),
            delivered(&slow, "", 0, 26),
        );
        assert!(
            f > b && b > s,
            "first half-year deliveries: fast {f}, baseline {b}, slow {s} (seed {seed})"
        );
    }
}

#[test]
fn one_transactional_and_one_fatigued_capital_change_only_their_own_behaviour() {
    // Hungary transactional, the United States fatigued, everyone else baseline.
    let dir = tempfile::tempdir().unwrap();
    let mixed = "[actors.HUN]\nplugin = \"capitals\"\npolicy = \"transactional\"\n\n\
                 [actors.USA]\nplugin = \"capitals\"\npolicy = \"fatigued\"\n";
    for seed in SEEDS {
        let base = run(dir.path(), "base", "", 156, seed);
        let swapped = run(dir.path(), "mixed", mixed, 156, seed);
        let (hun_base, hun_paid) = (
            delivered(&base, "HUN", 0, 156),
            delivered(&swapped, "HUN", 0, 156),
        );
        assert!(
            hun_paid < 0.1 * hun_base,
            "only token aid, and only when its price is met: {hun_paid} vs {hun_base} (seed {seed})"
        );
        // The fatigued US halves its willingness every year. Its deliveries are lumpy in
        // these years (a sceptic House holds its pledges until it appropriates them), so its
        // pledges are compared with its own first year's.
        let pledged = |out: &Path, from: u32, to: u32| -> f64 {
            let (_, rows) = read_csv(&out.join("aid_flows.csv"));
            rows.iter()
                .filter(|r| r[2] == "USA" && (from..to).contains(&r[0].parse::<u32>().unwrap()))
                .map(|r| r[6].parse::<f64>().unwrap())
                .sum()
        };
        let (us_first, us_tired) = (pledged(&swapped, 0, 52), pledged(&swapped, 104, 156));
        assert!(
            us_tired < 0.5 * us_first,
            "fatigued US pledges in year three: {us_tired} vs {us_first} in year one (seed {seed})"
        );
        let belief = |out: &Path, who: &str| -> f64 {
            let (_, rows) = read_csv(&out.join("beliefs.csv"));
            rows.iter().rev().find(|r| r[2] == who).unwrap()[3]
                .parse()
                .unwrap()
        };
        assert!(
            belief(&swapped, "HUN") < belief(&base, "HUN"),
            "the Kremlin reads Hungary as less resolved (seed {seed})"
        );
    }
}

#[test]
fn coalition_postures_decide_where_units_stand_after_a_ceasefire() {
    let dir = tempfile::tempdir().unwrap();
    let settle = format!(
        "{}{}",
        policy("kremlin", "kremlin", "negotiator"),
        policy("kyiv", "kyiv", "pragmatic")
    );
    let unit = "[[units]]\nname = \"u1\"\nowner = \"POL\"\nkind = \"brigade\"\ntroops = 3000\nlocation = \"home\"\n";
    let where_at_end = |out: &Path| -> (String, String) {
        let (_, rows) = read_csv(&out.join("force_posture.csv"));
        let last = rows.iter().rev().find(|r| r[3] == "u1").unwrap();
        (last[4].clone(), last[6].clone())
    };
    let belief_in_pol = |out: &Path| -> f64 {
        let (_, rows) = read_csv(&out.join("beliefs.csv"));
        rows.iter().rev().find(|r| r[2] == "POL").unwrap()[3]
            .parse()
            .unwrap()
    };
    for seed in SEEDS {
        let runs: Vec<(PathBuf, &str)> = [
            ("tripwire", "ukraine_rear"),
            ("robust_denial", "ukraine_front"),
            ("observer", "ukraine_rear"),
        ]
        .iter()
        .map(|(name, place)| {
            (
                run(
                    dir.path(),
                    name,
                    &format!("{settle}{}{unit}", policy("coalition", "coalition", name)),
                    156,
                    seed,
                ),
                *place,
            )
        })
        .collect();
        for (out, place) in &runs {
            assert_ne!(
                summary(out, "ceasefire_date"),
                "",
                "a ceasefire came (seed {seed})"
            );
            assert_eq!(
                where_at_end(out),
                ((*place).to_owned(), "false".to_owned()),
                "seed {seed}"
            );
        }
        assert!(
            belief_in_pol(&runs[1].0) > belief_in_pol(&runs[2].0),
            "a force on the line signals more than observers (seed {seed})"
        );
    }
}
