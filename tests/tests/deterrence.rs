//! Deterrence decides (M08–M11, M13, M14, M19, M24): the shipped comparison sweeps, run
//! with the real binary, read as paired experiments on common random numbers.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use sgsim_tests::{read_csv, sgsim, workspace_root};

/// A finished sweep's `runs.csv`.
struct Runs {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Runs {
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("runs.csv has no column {name}"))
    }

    /// The boolean `outcome` of `arm` at the design point where `factor` (if any) has
    /// `level`, in replication order.
    fn flags(&self, arm: &str, factor: Option<(&str, f64)>, outcome: &str) -> Vec<bool> {
        let (a, o, r) = (self.col("arm"), self.col(outcome), self.col("replication"));
        let f = factor.map(|(name, level)| (self.col(&format!("factor.{name}")), level));
        let mut cells: Vec<(u64, bool)> = self
            .rows
            .iter()
            .filter(|row| row[a] == arm)
            .filter(|row| f.is_none_or(|(i, level)| row[i].parse::<f64>().unwrap() == level))
            .map(|row| (row[r].parse().unwrap(), row[o] == "true"))
            .collect();
        cells.sort_unstable_by_key(|c| c.0);
        assert!(!cells.is_empty(), "no runs of {arm} at {factor:?}");
        cells.into_iter().map(|c| c.1).collect()
    }

    fn values(&self, arm: &str, outcome: &str) -> Vec<f64> {
        let (a, o) = (self.col("arm"), self.col(outcome));
        self.rows
            .iter()
            .filter(|row| row[a] == arm)
            .map(|row| row[o].parse().unwrap())
            .collect()
    }
}

fn share(flags: &[bool]) -> f64 {
    flags.iter().filter(|&&f| f).count() as f64 / flags.len() as f64
}

/// McNemar's test on paired flags (`sgsim_stats::mcnemar`: exact below 25 discordant
/// pairs, chi-square with continuity correction above): `(b, c, p)` with `b` the pairs
/// true in `x` only and `c` those true in `y` only.
fn mcnemar(x: &[bool], y: &[bool]) -> (u32, u32, f64) {
    assert_eq!(x.len(), y.len(), "paired samples");
    let b = x.iter().zip(y).filter(|(x, y)| **x && !**y).count() as u32;
    let c = x.iter().zip(y).filter(|(x, y)| !**x && **y).count() as u32;
    (
        b,
        c,
        sgsim_stats::mcnemar(u64::from(b), u64::from(c)).p_value,
    )
}

fn run_shipped_sweep(name: &str) -> Runs {
    let (header, rows) = sgsim_tests::run_shipped_sweep(name);
    Runs { header, rows }
}

fn war_termination() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(|| run_shipped_sweep("war_termination"))
}

fn screen() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(|| run_shipped_sweep("deterrence_screen"))
}

fn durability() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(|| run_shipped_sweep("durability"))
}

fn strength() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(|| run_shipped_sweep("guarantee_strength"))
}

const POWER: &str = "model.intervention.collective_defence_power";
const LEVELS: [f64; 3] = [150_000.0, 300_000.0, 600_000.0];
/// Sampling slack for "does not rise": two runs in sixty.
const SLACK: f64 = 2.0 / 60.0;

#[test]
fn renewed_aggression_does_not_rise_with_bindingness_tripwire_or_capability() {
    let runs = strength();
    let renewed =
        |arm: &str, level: f64| share(&runs.flags(arm, Some((POWER, level)), "renewed_aggression"));
    for level in LEVELS {
        assert!(
            renewed("treaty", level) <= renewed("declaration", level) + SLACK,
            "a treaty against a declaration at {level}: {} vs {}",
            renewed("treaty", level),
            renewed("declaration", level)
        );
        assert!(
            renewed("force_in_ukraine", level) <= renewed("force_at_home", level) + SLACK,
            "a tripwire against a force at home at {level}"
        );
    }
    for arm in ["declaration", "treaty", "force_at_home", "force_in_ukraine"] {
        for pair in LEVELS.windows(2) {
            assert!(
                renewed(arm, pair[1]) <= renewed(arm, pair[0]) + SLACK,
                "{arm}: more capability ({} over {}) gives {} over {}",
                pair[1],
                pair[0],
                renewed(arm, pair[1]),
                renewed(arm, pair[0])
            );
        }
    }
    // From the weakest setting to the strongest, paired by replication.
    let weakest = runs.flags(
        "declaration",
        Some((POWER, LEVELS[0])),
        "renewed_aggression",
    );
    let strongest = runs.flags("treaty", Some((POWER, LEVELS[2])), "renewed_aggression");
    let (b, c, p) = mcnemar(&weakest, &strongest);
    assert!(
        share(&strongest) + 0.15 <= share(&weakest) && p < 0.01,
        "weakest {} vs strongest {}: discordant {b}/{c}, p = {p}",
        share(&weakest),
        share(&strongest)
    );
}

#[test]
fn a_treaty_and_a_declaration_give_different_runs() {
    let runs = strength();
    let (a, r, power, weeks, territory, credibility) = (
        runs.col("arm"),
        runs.col("replication"),
        runs.col(&format!("factor.{POWER}")),
        runs.col("ceasefire_weeks"),
        runs.col("territory_held_end"),
        runs.col("guarantee_credibility_mean"),
    );
    let key = |row: &Vec<String>| (row[r].clone(), row[power].clone());
    let declaration: BTreeMap<_, _> = runs
        .rows
        .iter()
        .filter(|row| row[a] == "declaration")
        .map(|row| (key(row), row))
        .collect();
    let mut differ = 0;
    let mut pairs = 0;
    for treaty in runs.rows.iter().filter(|row| row[a] == "treaty") {
        let other = declaration[&key(treaty)];
        pairs += 1;
        assert!(
            treaty[credibility].parse::<f64>().unwrap()
                > other[credibility].parse::<f64>().unwrap(),
            "a treaty is more credible than a declaration in every pair"
        );
        if treaty[weeks] != other[weeks] || treaty[territory] != other[territory] {
            differ += 1;
        }
    }
    assert!(
        differ * 4 >= pairs,
        "the ceasefire's length or the line differs in {differ} of {pairs} pairs"
    );
}

#[test]
fn every_durability_arm_starts_the_same_ceasefire_on_the_same_day() {
    // `ceasefire.no_earlier` (MODEL.md 9.2): no arm gets an earlier, bargained ceasefire,
    // so every run's first ceasefire is the assumed one, in the week of 2025-03-01.
    let runs = durability();
    let (arm, date) = (runs.col("arm"), runs.col("ceasefire_date"));
    let arms: std::collections::BTreeSet<&str> =
        runs.rows.iter().map(|r| r[arm].as_str()).collect();
    assert_eq!(arms.len(), 8);
    for row in &runs.rows {
        assert_eq!(row[date], "2025-03-06", "{}", row[arm]);
    }
}

#[test]
fn removing_denial_under_armed_neutrality_never_lowers_renewed_aggression() {
    // With the air defence delivered building denial in every arm and artillery its own
    // line (MODEL.md 7.2), removing denial no longer makes a significant difference; it
    // must still not make a ceasefire safer.
    let runs = durability();
    let with = runs.flags("armed_neutrality", None, "renewed_aggression");
    let without = runs.flags("neutrality_no_denial", None, "renewed_aggression");
    let (b, c, p) = mcnemar(&without, &with);
    assert!(
        share(&without) >= share(&with),
        "without denial {} vs with {}: discordant {b}/{c}, p = {p}",
        share(&without),
        share(&with)
    );
}

#[test]
fn russian_forces_stay_within_the_documented_capacity_through_a_long_ceasefire() {
    let data =
        std::fs::read_to_string(workspace_root().join("configs/data/belligerents.toml")).unwrap();
    let data: toml::Table = data.parse().unwrap();
    let cap = data["kremlin"]["theatre_forces_cap"].as_float().unwrap();
    let runs = durability();
    let durable = runs.flags("korean_armistice", None, "durable_ceasefire");
    assert!(
        share(&durable) > 0.8,
        "long ceasefires happen under a Korean-style armistice"
    );
    for arm in ["armed_neutrality", "bare_ceasefire", "korean_armistice"] {
        for peak in runs.values(arm, "russia_forces_peak") {
            assert!(peak <= cap + 1e-6, "{arm}: peak {peak} above the cap {cap}");
        }
    }
    // The rebuild is real: some long ceasefires bring Russia to the cap.
    let peaks = runs.values("korean_armistice", "russia_forces_peak");
    assert!(
        peaks.iter().any(|&p| p > 0.95 * cap),
        "the cap binds in some runs"
    );
}

#[test]
fn ukrainian_forces_stay_within_the_documented_capacity_and_a_long_ceasefire_brings_none_above_its_start()
 {
    // MODEL.md 7.3b: the call-up never exceeds the data's capacity and the force never its
    // cap, in any arm; in a run whose ceasefire lasts, the force at the end is below the
    // cap and the weekly call-up in the ceasefire at most half the capacity.
    let data =
        std::fs::read_to_string(workspace_root().join("configs/data/belligerents.toml")).unwrap();
    let data: toml::Table = data.parse().unwrap();
    let cap = data["kyiv"]["forces_cap"].as_float().unwrap();
    let capacity = data["kyiv"]["callup_capacity_per_week"].as_float().unwrap();
    let runs = durability();
    for arm in [
        "armed_neutrality",
        "bare_ceasefire",
        "korean_armistice",
        "nato_membership",
    ] {
        for peak in runs.values(arm, "ukraine_forces_peak") {
            assert!(peak <= cap + 1e-6, "{arm}: peak {peak} above the cap {cap}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("korean");
    run_scenario("korean_armistice", 1, &out);
    let (header, rows) = read_csv(&out.join("war.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (callup, room, ceasefire, demobilised) = (
        col("ukraine_callup"),
        col("ukraine_callup_capacity"),
        col("ceasefire"),
        col("ukraine_demobilised"),
    );
    let value = |r: &Vec<String>, c: usize| r[c].parse::<f64>().unwrap();
    let mut in_ceasefire = 0;
    for r in &rows {
        assert!(value(r, callup) <= value(r, room) + 1e-6, "tick {}", r[0]);
        assert!(value(r, room) <= capacity + 1e-6, "tick {}", r[0]);
        if r[ceasefire] == "true" {
            in_ceasefire += 1;
            assert!(value(r, room) <= 0.5 * capacity + 1e-6, "tick {}", r[0]);
        } else {
            assert_eq!(value(r, demobilised), 0.0, "tick {}", r[0]);
        }
    }
    assert!(in_ceasefire > 52, "a long ceasefire ({in_ceasefire} weeks)");
    assert!(
        rows.iter().any(|r| value(r, demobilised) > 0.0),
        "the ceasefire demobilises"
    );
}

/// One run of a shipped scenario with `seed`, into `out`.
fn run_scenario(name: &str, seed: u64, out: &Path) {
    let file = workspace_root().join(format!("configs/scenarios/{name}.toml"));
    let run = sgsim(&[
        "run",
        file.to_str().unwrap(),
        "--seed",
        &seed.to_string(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn tests_of_resolve_after_a_guarantee_is_in_force_go_to_its_guarantors() {
    let guarantors = [
        "GBR", "FRA", "POL", "NLD", "DNK", "SWE", "FIN", "NOR", "EST", "LVA", "LTU",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut after = 0;
    for seed in 1..=6 {
        let out = dir.path().join(format!("s{seed}"));
        run_scenario("coalition_guarantee", seed, &out);
        let (header, rows) = read_csv(&out.join("events.csv"));
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (kind, target, tick) = (col("kind"), col("target"), col("tick"));
        let since = rows
            .iter()
            .find(|r| r[kind] == "guarantee_in_force")
            .map(|r| r[tick].parse::<u32>().unwrap())
            .expect("the guarantee comes into force after the assumed ceasefire");
        for row in rows
            .iter()
            .filter(|r| r[kind] == "test_of_resolve" && r[tick].parse::<u32>().unwrap() > since)
        {
            after += 1;
            assert!(
                guarantors.contains(&row[target].as_str()),
                "seed {seed}: a test at tick {} went to {}, not a guarantor",
                row[tick],
                row[target]
            );
        }
    }
    assert!(
        after > 0,
        "the Kremlin tests the guarantee once it is in force"
    );
}

#[test]
fn a_war_with_nato_reaches_nuclear_signalling_more_often_than_the_status_quo() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nuclear.toml");
    let scenarios = workspace_root().join("configs/scenarios");
    std::fs::write(
        &file,
        format!(
            "name = \"nuclear\"\nmaster_seed = 7\nreplications = 20\n\
             [[arms]]\nname = \"status_quo\"\nscenario = {:?}\n\
             [[arms]]\nname = \"nato_mission\"\nscenario = {:?}\n\
             [design]\nkind = \"grid\"\n[factors]\nticks = 260\n",
            scenarios.join("baseline.toml").display().to_string(),
            scenarios
                .join("full_nato_mission.toml")
                .display()
                .to_string()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&out.join("runs.csv"));
    let runs = Runs { header, rows };
    let s09 = share(&runs.flags("nato_mission", None, "nuclear_signalling"));
    let s01 = share(&runs.flags("status_quo", None, "nuclear_signalling"));
    assert!(
        s09 > 0.0,
        "some runs of a NATO-Russia war bring nuclear signalling"
    );
    assert!(s09 > s01, "S09 {s09} against S01 {s01}");
    let rungs = runs.values("nato_mission", "peak_escalation_rung");
    assert!(rungs.iter().all(|&r| (0.0..=4.0).contains(&r)));
}

/// The 95% Wilson score interval of `k` successes in `n` (`sgsim_stats::wilson`).
fn wilson(k: usize, n: usize) -> (f64, f64) {
    let e = sgsim_stats::wilson(k as u64, n as u64, 0.95);
    (e.lower, e.upper)
}

/// Rows of one arm (and factor level), keyed by replication.
fn cell<'a>(
    runs: &'a Runs,
    arm: &str,
    factor: Option<(usize, &str)>,
) -> BTreeMap<u64, &'a Vec<String>> {
    let (a, r) = (runs.col("arm"), runs.col("replication"));
    runs.rows
        .iter()
        .filter(|row| row[a] == arm && factor.is_none_or(|(i, level)| row[i] == level))
        .map(|row| (row[r].parse().unwrap(), row))
        .collect()
}

fn unique(runs: &Runs, col: usize) -> Vec<String> {
    let mut seen = Vec::new();
    for row in &runs.rows {
        if !seen.contains(&row[col]) {
            seen.push(row[col].clone());
        }
    }
    seen
}

/// The comparison table of docs/MODEL.md section 9: per arm (and factor level) the shares
/// of renewed aggression and durable ceasefires with Wilson intervals, the median weeks the
/// first ceasefire held, nuclear signalling, and the paired difference against `control`
/// with the McNemar p-value (exact below 25 discordant pairs, else chi-square).
fn comparison_table(runs: &Runs, control: &str, factor: Option<&str>) -> String {
    let f = factor.map(|name| runs.col(&format!("factor.{name}")));
    let levels = f.map_or(vec![String::new()], |i| unique(runs, i));
    let arms = unique(runs, runs.col("arm"));
    let (renewed, durable, nuclear, weeks, ceasefire) = (
        runs.col("renewed_aggression"),
        runs.col("durable_ceasefire"),
        runs.col("nuclear_signalling"),
        runs.col("ceasefire_weeks"),
        runs.col("ceasefire_date"),
    );
    let mut out = String::from("| arm |");
    if let Some(name) = factor {
        out += &format!(" `{name}` |");
    }
    out += &format!(
        " runs | a ceasefire | renewed aggression (95% CI) | durable ceasefire (95% CI) | median weeks held | nuclear signalling | paired Δ renewed vs `{control}` (McNemar p) |\n|"
    );
    out += &"---|".repeat(if factor.is_some() { 9 } else { 8 });
    out.push('\n');
    for level in &levels {
        let at = f.map(|i| (i, level.as_str()));
        let base = cell(runs, control, at);
        for arm in &arms {
            let rows = cell(runs, arm, at);
            if rows.is_empty() {
                continue;
            }
            let n = rows.len();
            let count = |c: usize| rows.values().filter(|r| r[c] == "true").count();
            let (k, d) = (count(renewed), count(durable));
            let (lo, hi) = wilson(k, n);
            let (dlo, dhi) = wilson(d, n);
            let mut held: Vec<u32> = rows
                .values()
                .filter(|r| !r[weeks].is_empty())
                .map(|r| r[weeks].parse().unwrap())
                .collect();
            held.sort_unstable();
            let median = match held.len() {
                0 => "–".to_owned(),
                m if m % 2 == 1 => held[m / 2].to_string(),
                m => format!("{}", f64::from(held[m / 2 - 1] + held[m / 2]) / 2.0),
            };
            let delta = if arm == control {
                "control".to_owned()
            } else {
                let pairs: Vec<(bool, bool)> = rows
                    .iter()
                    .filter_map(|(rep, r)| {
                        base.get(rep)
                            .map(|b| (r[renewed] == "true", b[renewed] == "true"))
                    })
                    .collect();
                let (x, y): (Vec<bool>, Vec<bool>) = pairs.iter().copied().unzip();
                let (b, c, p) = mcnemar(&x, &y);
                format!(
                    "{:+.3} (p = {})",
                    (f64::from(b) - f64::from(c)) / pairs.len() as f64,
                    sig(p)
                )
            };
            out += &format!("| {arm} |");
            if factor.is_some() {
                out += &format!(" {} |", level.parse::<f64>().unwrap());
            }
            out += &format!(
                " {n} | {:.3} | {:.3} ({lo:.3}–{hi:.3}) | {:.3} ({dlo:.3}–{dhi:.3}) | {median} | {:.3} | {delta} |\n",
                rows.values().filter(|r| !r[ceasefire].is_empty()).count() as f64 / n as f64,
                k as f64 / n as f64,
                d as f64 / n as f64,
                count(nuclear) as f64 / n as f64,
            );
        }
    }
    out
}

/// A p-value with three significant digits.
fn sig(p: f64) -> String {
    if p >= 0.001 {
        format!("{p:.3}")
    } else {
        format!("{p:.1e}")
    }
}

/// Average ranks (ties share their mean rank).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut rank = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            rank[k] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    rank
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx = rx.iter().map(|a| (a - mx).powi(2)).sum::<f64>().sqrt();
    let vy = ry.iter().map(|b| (b - my).powi(2)).sum::<f64>().sqrt();
    if vx > 0.0 && vy > 0.0 {
        cov / (vx * vy)
    } else {
        0.0
    }
}

/// Per arm: the sign of the paired difference in renewed aggression against `control` at
/// every design point, and its classification: `robust` (below the control at every
/// point), `robust-with-ties` (never above) or `uncertain`.
fn sign_robustness(runs: &Runs, control: &str) -> Vec<(String, String, String)> {
    let factors: Vec<usize> = (0..runs.header.len())
        .filter(|&i| runs.header[i].starts_with("factor.") && runs.header[i] != "factor.ticks")
        .collect();
    let (a, renewed) = (runs.col("arm"), runs.col("renewed_aggression"));
    let mut points: BTreeMap<Vec<String>, BTreeMap<String, (usize, usize)>> = BTreeMap::new();
    for row in &runs.rows {
        let key = factors.iter().map(|&i| row[i].clone()).collect();
        let cell = points
            .entry(key)
            .or_default()
            .entry(row[a].clone())
            .or_default();
        cell.0 += usize::from(row[renewed] == "true");
        cell.1 += 1;
    }
    let mut table = Vec::new();
    for arm in unique(runs, a).into_iter().filter(|arm| arm != control) {
        let mut diffs = Vec::new();
        let mut keys = Vec::new();
        for (key, arms) in &points {
            if let (Some(x), Some(c)) = (arms.get(&arm), arms.get(control)) {
                diffs.push(x.0 as f64 / x.1 as f64 - c.0 as f64 / c.1 as f64);
                keys.push(key.clone());
            }
        }
        let below = diffs.iter().filter(|&&d| d < 0.0).count();
        let above = diffs.iter().filter(|&&d| d > 0.0).count();
        let class = if below == diffs.len() {
            "robust"
        } else if above == 0 {
            "robust-with-ties"
        } else {
            "uncertain"
        };
        let (name, rho) = factors
            .iter()
            .enumerate()
            .map(|(j, &i)| {
                let x: Vec<f64> = keys.iter().map(|k| k[j].parse().unwrap()).collect();
                (
                    runs.header[i].trim_start_matches("factor.").to_owned(),
                    spearman(&x, &diffs),
                )
            })
            .max_by(|p, q| p.1.abs().total_cmp(&q.1.abs()))
            .unwrap();
        let row = format!(
            "| {arm} | {} | {below} | {} | {above} | {:+.3} | {class} | `{name}` ({rho:+.2}) |",
            diffs.len(),
            diffs.len() - below - above,
            diffs.iter().sum::<f64>() / diffs.len() as f64,
        );
        table.push((arm, class.to_owned(), row));
    }
    table
}

/// Compares the generated block `name` of docs/MODEL.md with `body` (see
/// `sgsim_tests::docs::check_block`; `SGSIM_BLESS=1` rewrites it).
fn check_doc(name: &str, body: &str) {
    sgsim_tests::docs::check_block("docs/MODEL.md", name, body);
}

#[test]
fn model_md_shows_the_comparisons_as_the_shipped_sweeps_give_them() {
    check_doc(
        "durability",
        &comparison_table(durability(), "bare_ceasefire", None),
    );
    check_doc(
        "guarantee-strength",
        &comparison_table(strength(), "declaration", Some(POWER)),
    );
    check_doc(
        "war-termination",
        &comparison_table(war_termination(), "status_quo", None),
    );
}

#[test]
fn the_robustness_screen_classifies_each_comparison_as_model_md_says() {
    let table = sign_robustness(screen(), "bare_ceasefire");
    let mut body = String::from(
        "| arm | design points | below the bare ceasefire | equal | above | mean Δ renewed aggression | sign | factor most correlated with Δ (Spearman ρ) |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (_, _, row) in &table {
        body += row;
        body.push('\n');
    }
    check_doc("robustness", &body);
    let class = |arm: &str| table.iter().find(|t| t.0 == arm).map(|t| t.1.as_str());
    // Never reversed: robust, or robust with design points where the two arms tie.
    assert!(
        class("korean_armistice").is_some_and(|c| c.starts_with("robust")),
        "{body}"
    );
}
