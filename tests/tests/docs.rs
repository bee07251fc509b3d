//! The docs cannot drift: every output sample, table excerpt and figure in docs/ that comes
//! from the binary is a generated block (`<!-- generated:NAME begin -->` …
//! `<!-- generated:NAME end -->`), which a test here regenerates by running the real `sgsim`
//! with the command the doc shows, and compares with the committed text
//! (`sgsim_tests::docs::check_block`). `SGSIM_BLESS=1` rewrites the blocks instead:
//! `SGSIM_BLESS=1 cargo test --workspace --release` refreshes them all, and
//! `SGSIM_BLESS=1 cargo test --release -p sgsim-tests --test e2e docs` only these.
//!
//! The tidy tests find output in docs/ that is not in a generated block, and check that the
//! scenario and sweep files the docs show are valid.
//!
//! What varies from machine to machine or from run to run is normalised by the generators,
//! and the docs say so where it appears: the checkout's path is shown as `/path/to/sgsim`,
//! the temporary output folders the tests write as the `output/...` folder the doc's command
//! would write, timings, rates and job counts as `…`, and the SHA-256 of plugin files (and
//! of the sweep plans that cover them), which change with every build, as `…`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use sgsim_tests::docs::{Table, blocks, check_block, csv_lines, fenced};
use sgsim_tests::{Run, sgsim_in, workspace_root};

// ---------------------------------------------------------------------------------------
// Running the commands the docs show

/// A finished command: its output, with the folder it wrote.
struct Done {
    run: Run,
    dir: PathBuf,
}

/// A fresh scratch folder for `key` under target/docs-runs (removed first if it exists).
fn scratch(key: &str) -> PathBuf {
    let dir = workspace_root().join("target").join("docs-runs").join(key);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `make` once per `key` for the whole test binary and keeps its result.
fn once(key: &str, make: impl FnOnce() -> Done) -> &'static Done {
    type Cells = Mutex<HashMap<String, Arc<OnceLock<&'static Done>>>>;
    static CELLS: OnceLock<Cells> = OnceLock::new();
    let cell = CELLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key.to_owned())
        .or_default()
        .clone();
    cell.get_or_init(|| Box::leak(Box::new(make())))
}

/// `sgsim run ARGS --out DIR` from the workspace root, once per `key`, DIR a scratch folder.
fn run(key: &str, args: &[&str]) -> &'static Done {
    once(key, || {
        let dir = scratch(key).join("out");
        let mut all: Vec<&str> = vec!["run"];
        all.extend_from_slice(args);
        let out = dir.to_str().unwrap();
        all.extend_from_slice(&["--out", out]);
        let run = sgsim_in(&workspace_root(), &all);
        assert_eq!(run.code, 0, "sgsim {all:?}: {}", run.stderr);
        Done { run, dir }
    })
}

/// `sgsim run` of a scenario the doc shows as TOML (the fenced block of `doc` whose first
/// line is `first_line`), written to a scratch folder as `file` with `/path/to/sgsim`
/// replaced by the checkout, with `extra` arguments.
fn run_doc_scenario(
    key: &str,
    doc: &str,
    first_line: &str,
    file: &str,
    extra: &[&str],
) -> &'static Done {
    once(key, || {
        let folder = scratch(key);
        let text = doc_toml(doc, first_line).replace("/path/to/sgsim", &root_str());
        std::fs::write(folder.join(file), text).unwrap();
        let mut all = vec!["run", file, "--out", "out"];
        all.extend_from_slice(extra);
        let run = sgsim_in(&folder, &all);
        assert_eq!(run.code, 0, "sgsim {all:?} for {doc}: {}", run.stderr);
        Done {
            run,
            dir: folder.join("out"),
        }
    })
}

fn root_str() -> String {
    workspace_root().display().to_string()
}

/// `text` with the checkout's path shown as `/path/to/sgsim` and each `(path, shown)` pair's
/// path as `shown`.
fn shown(text: &str, paths: &[(&Path, &str)]) -> String {
    let mut text = text.to_owned();
    for (path, as_) in paths {
        text = text.replace(&path.display().to_string(), as_);
    }
    text.replace(&root_str(), "/path/to/sgsim")
}

/// Replaces the token after each `prefix` (up to the next space, `;` or `,`) with `…`:
/// timings, rates and hashes that change from run to run.
fn mask(line: &str, prefixes: &[&str]) -> String {
    let mut line = line.to_owned();
    for prefix in prefixes {
        let mut from = 0;
        while let Some(at) = line[from..].find(prefix) {
            let start = from + at + prefix.len();
            let len = line[start..]
                .find([' ', ';', ',', '"'])
                .unwrap_or(line.len() - start);
            if len > 0 {
                line.replace_range(start..start + len, "…");
            }
            from = start + line[start..].chars().next().map_or(0, char::len_utf8);
        }
    }
    line
}

/// `text` with the value of every line that starts with one of `keys` (`started_at = `)
/// shown as `"…"`: timestamps and the SHA-256 of plugin files.
fn mask_values(text: &str, keys: &[&str]) -> String {
    text.lines()
        .map(|l| match keys.iter().find(|k| l.starts_with(*k)) {
            Some(key) => format!("{key}\"…\"\n"),
            None => format!("{l}\n"),
        })
        .collect()
}

/// Lines of the trace `file` of a finished run.
fn table(done: &Done, file: &str) -> Table {
    Table::read(&done.dir.join(file))
}

/// A fenced CSV block of `lines`.
fn csv_block(lines: &[String]) -> String {
    fenced("csv", &(lines.join("\n") + "\n"))
}

/// The fenced TOML block of `doc` whose first line is `first_line`.
fn doc_toml(doc: &str, first_line: &str) -> String {
    let text = std::fs::read_to_string(workspace_root().join(doc)).unwrap();
    let start = text
        .find(&format!("```toml\n{first_line}\n"))
        .unwrap_or_else(|| panic!("{doc} has no ```toml block starting with {first_line}"))
        + "```toml\n".len();
    let len = text[start..].find("```\n").unwrap();
    text[start..start + len].to_owned()
}

// ---------------------------------------------------------------------------------------
// docs/OUTPUT.md

const OUTPUT: &str = "docs/OUTPUT.md";

/// The run most of OUTPUT.md's excerpts come from.
fn docrun() -> &'static Done {
    run(
        "docrun",
        &[
            "configs/scenarios/baseline.toml",
            "--ticks",
            "30",
            "--decisions",
        ],
    )
}

fn shipped(name: &str, extra: &[&str]) -> &'static Done {
    // A short, stable folder name for the arguments.
    let hash = extra
        .join(" ")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let key = if extra.is_empty() {
        name.to_owned()
    } else {
        format!("{name}-{hash:016x}")
    };
    let scenario = format!("configs/scenarios/{name}.toml");
    let mut args = vec![scenario.as_str()];
    args.extend_from_slice(extra);
    run(&key, &args)
}

#[test]
fn output_md_run_excerpts() {
    let done = docrun();
    check_block(
        OUTPUT,
        "output-docrun",
        &fenced(
            "text",
            &format!(
                "$ cargo build --release\n$ ./target/release/sgsim run configs/scenarios/baseline.toml --out output/docrun --ticks 30 --decisions\n{}",
                shown(&done.run.stdout, &[(&done.dir, "output/docrun")])
            ),
        ),
    );

    let resolve = table(done, "resolve.csv");
    let mut lines = vec![resolve.header.clone()];
    lines.extend(resolve.lines_where(|r| {
        r[0] == "0" && ["ALB", "BEL", "USA", "RUS", "UKR"].contains(&r[2].as_str())
    }));
    check_block(OUTPUT, "output-resolve", &csv_block(&lines));

    let aid = table(done, "aid_flows.csv");
    let mut lines = vec![aid.header.clone()];
    lines.extend(aid.first_where(3, |_| true));
    check_block(OUTPUT, "output-aid-first", &csv_block(&lines));
    let delivered = aid.col("delivered");
    let first_delivery = aid
        .rows
        .iter()
        .find(|(_, r)| r[delivered] != "0.000000")
        .map(|(_, r)| r[0].clone())
        .unwrap();
    check_block(
        OUTPUT,
        "output-aid-deliveries",
        &csv_block(&aid.lines_where(|r| {
            r[0] == first_delivery
                && r[4] == "bilateral"
                && [
                    ("CAN", "military"),
                    ("USA", "military"),
                    ("USA", "financial"),
                ]
                .contains(&(r[2].as_str(), r[5].as_str()))
        })),
    );

    let posture = table(done, "force_posture.csv");
    let mut lines = vec![posture.header.clone()];
    lines.extend(posture.lines_where(|r| r[0] == "0"));
    check_block(OUTPUT, "output-force-posture", &csv_block(&lines));

    let events = table(done, "events.csv");
    let mut lines = vec![events.header.clone()];
    lines.extend(events.first_where(3, |_| true));
    check_block(OUTPUT, "output-events-first", &csv_block(&lines));

    let beliefs = table(done, "beliefs.csv");
    let mut lines = vec![beliefs.header.clone()];
    lines.extend(beliefs.first_where(2, |_| true));
    // S06, one week after its guarantee came into force.
    let s06 = shipped("coalition_guarantee", &[]);
    let s06_events = table(s06, "events.csv");
    let in_force: u32 = s06_events
        .rows
        .iter()
        .find(|(_, r)| r[2] == "guarantee_in_force")
        .map(|(_, r)| r[0].parse().unwrap())
        .expect("S06 has its guarantee come into force");
    let week_after = (in_force + 1).to_string();
    lines.extend(table(s06, "beliefs.csv").lines_where(|r| {
        r[0] == week_after && ["DEU", "FRA", "GBR", "USA"].contains(&r[2].as_str())
    }));
    check_block(OUTPUT, "output-beliefs", &csv_block(&lines));

    let war = table(done, "war.csv");
    let mut lines = vec![war.header.clone()];
    lines.extend(war.lines_where(|r| ["0", "1", "29"].contains(&r[0].as_str())));
    let s08 = shipped("reassurance_force", &["--seed", "11"]);
    let first_strike = table(s08, "events.csv")
        .rows
        .iter()
        .find(|(_, r)| r[2] == "strike")
        .map(|(_, r)| r[0].clone())
        .expect("S08 has a strike");
    lines.extend(table(s08, "war.csv").lines_where(|r| r[0] == first_strike));
    check_block(OUTPUT, "output-war", &csv_block(&lines));

    let decisions = table(done, "decisions.csv");
    let wanted: &[(&str, &[&str])] = &[
        (
            "DEU",
            &[
                "nac_agenda",
                "guarantor",
                "nato_package_blocked",
                "resolve",
                "military_backlog_eur_bn",
                "sanctions_pressure",
                "channel",
                "nac_block",
                "ratify",
                "pledge_military_eur_bn",
                "pledge_financial_eur_bn",
                "pledge_humanitarian_eur_bn",
                "test_response",
                "side_payment_demand_eur_bn",
                "sanctions_effort",
            ],
        ),
        (
            "RUS",
            &[
                "weakest_guarantor_id",
                "exposed_unit_id",
                "belief_mean_resolve",
                "test_target",
                "strike_unit",
                "offensive_intensity",
            ],
        ),
        (
            "UKR",
            &[
                "callup_capacity_per_week",
                "renounce_membership",
                "training_share",
            ],
        ),
        (
            "USA-eFP-Poland",
            &["owner_id", "article5_covered", "engage", "readiness"],
        ),
    ];
    let picked = |r: &[String]| {
        r[0] == "5"
            && wanted
                .iter()
                .any(|(actor, fields)| r[2] == *actor && fields.contains(&r[7].as_str()))
    };
    let mut lines = vec![decisions.header.clone()];
    lines.extend(decisions.lines_where(picked));
    check_block(OUTPUT, "output-decisions", &csv_block(&lines));
    // Rows per tick by role, from tick 0 of the run.
    let per_role = |role: &str| -> (usize, usize, usize) {
        let first = decisions
            .rows
            .iter()
            .find(|(_, r)| r[3] == role)
            .map(|(_, r)| r[2].clone())
            .unwrap();
        let count = |side: &str| {
            decisions
                .rows
                .iter()
                .filter(|(_, r)| r[0] == "0" && r[2] == first && r[6] == side)
                .count()
        };
        let (o, a) = (count("observation"), count("action"));
        (o + a, o, a)
    };
    let actors_of = |role: &str| {
        decisions
            .rows
            .iter()
            .filter(|(_, r)| r[0] == "0" && r[3] == role)
            .map(|(_, r)| r[2].as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let (c, k, y, u) = (
        per_role("capital"),
        per_role("kremlin"),
        per_role("kyiv"),
        per_role("coalition"),
    );
    let (capitals, units) = (actors_of("capital"), actors_of("coalition"));
    assert_eq!(
        c.0 * capitals + k.0 + y.0 + u.0 * units,
        decisions.rows.len() / 30,
        "the row count formula of OUTPUT.md"
    );
    check_block(
        OUTPUT,
        "output-decisions-rows",
        &format!(
            "That leaves, per tick, {} rows for a capital ({} observation and {} action fields), {} for the Kremlin ({} and {}), {} for Kyiv ({} and {}) and {} for a coalition unit ({} and {}).\n\
             Row count: `ticks × ({} × capitals + {} + {} + {} × units)`; {} a tick for the baseline scenario's {capitals} capitals and {units} units.\n",
            c.0,
            c.1,
            c.2,
            k.0,
            k.1,
            k.2,
            y.0,
            y.1,
            y.2,
            u.0,
            u.1,
            u.2,
            c.0,
            k.0,
            y.0,
            u.0,
            thousands(decisions.rows.len() / 30),
        ),
    );
    let value = |actor: &str, field: &str| -> String {
        decisions
            .rows
            .iter()
            .find(|(_, r)| r[0] == "5" && r[2] == actor && r[7] == field)
            .map(|(_, r)| r[8].clone())
            .unwrap_or_else(|| panic!("no decision {actor} {field} at tick 5"))
    };
    let war4 = &war.rows[4].1;
    let (belief, pressure) = (
        value("RUS", "belief_mean_resolve"),
        value("DEU", "sanctions_pressure"),
    );
    assert_eq!(
        belief,
        war4[war.col("credibility")],
        "belief_mean_resolve is tick 4's credibility"
    );
    assert_eq!(
        pressure,
        war4[war.col("sanctions")],
        "sanctions_pressure is tick 4's sanctions"
    );
    let name_of = |id: &str| -> String {
        // Actor ids count the capitals from 1 in the order of resolve.csv, then RUS, UKR,
        // then the units.
        let capitals: Vec<String> = resolve
            .lines_where(|r| r[0] == "0" && r[3] == "capital")
            .iter()
            .map(|l| l.split(',').nth(2).unwrap().to_owned())
            .collect();
        let i: usize = id.parse().unwrap();
        capitals
            .get(i - 1)
            .cloned()
            .unwrap_or_else(|| format!("actor {i}"))
    };
    let weakest = value("RUS", "weakest_guarantor_id");
    let exposed = value("RUS", "exposed_unit_id");
    let owner = value("USA-eFP-Poland", "owner_id");
    let rows = decisions.rows.len();
    let bytes = std::fs::metadata(done.dir.join("decisions.csv"))
        .unwrap()
        .len() as f64;
    let mut text = format!(
        "The Kremlin observed a mean belief of {belief} in the capitals' resolve, the `credibility` of tick 4 in `war.csv`, and Germany a sanctions pressure of {pressure}, tick 4's `sanctions`; the Kremlin's weakest guarantor is actor {weakest} (`{}`), it sees {}, and the unit's owner is actor {owner} (`{}`).\n",
        name_of(&weakest),
        if exposed == "0" {
            "no exposed unit".to_owned()
        } else {
            format!("exposed unit {exposed}")
        },
        name_of(&owner),
    );
    if value("DEU", "sanctions_effort") == value("DEU", "resolve") {
        text += "Germany's `sanctions_effort` equals its resolve, the baseline capital's rule.\n";
    }
    text += &format!(
        "Decision traces are large ({} rows for these 30 ticks, about {:.0} MB; {} rows, about {:.0} MB, for the full 208 ticks); filter them by `actor`, `field` or `side` when you read them.\n",
        thousands(rows),
        bytes / 1e6,
        thousands(rows / 30 * 208),
        bytes / 1e6 / 30.0 * 208.0,
    );
    check_block(OUTPUT, "output-decisions-reading", &text);

    check_block(
        OUTPUT,
        "output-summary",
        &csv_block(&csv_lines(&done.dir.join("summary.csv"))),
    );

    let manifest = std::fs::read_to_string(done.dir.join("manifest.toml")).unwrap();
    let manifest = mask_values(&manifest, &["started_at = ", "finished_at = ", "sha256 = "]);
    check_block(
        OUTPUT,
        "output-manifest",
        &fenced("toml", &shown(&manifest, &[])),
    );

    let resolved = std::fs::read_to_string(done.dir.join("scenario.resolved.toml")).unwrap();
    let resolved: Vec<&str> = resolved.lines().collect();
    let params = resolved
        .iter()
        .position(|l| *l == "[policies.capital.params]")
        .unwrap();
    let reconstruction = resolved
        .iter()
        .position(|l| *l == "[model.nuclear]")
        .unwrap();
    let text =
        resolved[..=params].join("\n") + "\n...\n" + &resolved[reconstruction..].join("\n") + "\n";
    check_block(OUTPUT, "output-resolved", &fenced("toml", &text));

    let s07 = shipped("korean_armistice", &[]);
    let resolved = std::fs::read_to_string(s07.dir.join("scenario.resolved.toml")).unwrap();
    let mut arrangement = String::new();
    let mut keep = false;
    for line in resolved.lines() {
        if line.starts_with('[') {
            keep = line == "[guarantee]" || line == "[[commitments]]";
        }
        if keep {
            arrangement += line;
            arrangement.push('\n');
        }
    }
    check_block(
        OUTPUT,
        "output-resolved-s07",
        &fenced("toml", arrangement.trim_end()),
    );
}

/// The line of the `n`-th (from 0) event of `kind` in `events.csv` (of `actor`, if given).
fn nth_event(events: &Table, kind: &str, actor: Option<&str>, n: usize) -> String {
    events
        .lines_where(|r| r[2] == kind && actor.is_none_or(|a| r[3] == a))
        .into_iter()
        .nth(n)
        .unwrap_or_else(|| panic!("no event {kind} {actor:?} number {n}"))
}

fn tick_of(line: &str) -> u32 {
    line.split(',').next().unwrap().parse().unwrap()
}

#[test]
fn output_md_shipped_scenario_excerpts() {
    // aid_flows.csv in S03: the first NATO deliveries.
    let s03 = shipped("natoized_aid", &[]);
    let aid = table(s03, "aid_flows.csv");
    let delivered = aid.col("delivered");
    let first = aid
        .rows
        .iter()
        .find(|(_, r)| r[4] == "nato" && r[delivered] != "0.000000")
        .map(|(_, r)| r[0].clone())
        .unwrap();
    check_block(
        OUTPUT,
        "output-aid-s03",
        &csv_block(&aid.lines_where(|r| {
            r[0] == first
                && r[4] == "nato"
                && r[5] == "military"
                && ["DEU", "HUN", "USA"].contains(&r[2].as_str())
        })),
    );

    // force_posture.csv: a unit struck in S10, Article 5 over UKR in S05.
    let s10 = shipped("trainers_in_ukraine", &[]);
    let strike = table(s10, "events.csv")
        .first_where(1, |r| r[2] == "strike" && r[0] != "0")
        .pop()
        .expect("S10 has a strike after the first week");
    let unit = strike.split(',').nth(4).unwrap().to_owned();
    let t = tick_of(&strike);
    let mut lines = table(s10, "force_posture.csv")
        .lines_where(|r| r[3] == unit && [t - 1, t].contains(&r[0].parse::<u32>().unwrap()));
    let s05 = shipped("nato_membership", &[]);
    let accession = tick_of(&nth_event(&table(s05, "events.csv"), "accession", None, 0));
    lines.extend(table(s05, "force_posture.csv").lines_where(|r| {
        r[2] == "UKR" && [accession - 1, accession].contains(&r[0].parse::<u32>().unwrap())
    }));
    check_block(OUTPUT, "output-force-posture-s10-s05", &csv_block(&lines));

    // war.csv of S03: its last two weeks, four columns.
    let war = table(s03, "war.csv");
    let (a, p) = (war.col("aid_delivered_eur_bn"), war.col("nato_pool_eur_bn"));
    let n = war.rows.len();
    let lines: Vec<String> = war.rows[n - 2..]
        .iter()
        .map(|(_, r)| format!("{},{},{},{}", r[0], r[1], r[a], r[p]))
        .collect();
    check_block(OUTPUT, "output-war-s03", &csv_block(&lines));

    // events.csv.
    let full = shipped("baseline", &[]);
    let events = table(full, "events.csv");
    let test = nth_event(&events, "test_of_resolve", None, 0);
    let target = test.split(',').nth(4).unwrap().to_owned();
    let response = events
        .lines_where(|r| r[2] == "test_response" && r[3] == target)
        .into_iter()
        .find(|l| tick_of(l) > tick_of(&test))
        .unwrap();
    check_block(
        OUTPUT,
        "output-events-full-baseline",
        &csv_block(&[test, response]),
    );

    let s02 = table(shipped("us_withdrawal", &[]), "events.csv");
    let s08 = table(shipped("reassurance_force", &["--seed", "3"]), "events.csv");
    let mut lines = s02.first_where(1, |r| {
        r[2] == "election" && r[5].contains("outcome=assumed")
    });
    lines.extend(s08.first_where(1, |r| r[2] == "incident" && r[4].is_empty()));
    lines.extend(s08.first_where(1, |r| r[2] == "incident" && !r[4].is_empty()));
    check_block(OUTPUT, "output-events-s02-s08", &csv_block(&lines));

    let s03_events = table(s03, "events.csv");
    let mut lines = s03_events.first_where(1, |r| r[2] == "side_payment");
    lines.extend(s03_events.first_where(2, |r| r[2] == "nac_decision"));
    lines.extend(s03_events.first_where(2, |r| r[2] == "veto"));
    check_block(OUTPUT, "output-events-s03", &csv_block(&lines));

    let s05_events = table(s05, "events.csv");
    let invitation = tick_of(&nth_event(&s05_events, "invitation", None, 0));
    let mut lines = Vec::new();
    for (line, r) in &s05_events.rows {
        let t: u32 = r[0].parse().unwrap();
        let kind = r[2].as_str();
        let keep = match kind {
            "ceasefire_agreed" | "ceasefire_broken" | "accession" | "article5_invoked" => true,
            "side_payment" | "nac_decision" | "invitation" => t == invitation || t == accession + 1,
            "ratification" => t == accession,
            "veto" | "credibility_collapse" => t == accession + 1,
            _ => false,
        };
        if keep {
            lines.push(line.clone());
        }
    }
    // The first ratification too, in its place.
    let first_ratification = nth_event(&s05_events, "ratification", None, 0);
    if !lines.contains(&first_ratification) {
        let at = lines
            .iter()
            .position(|l| tick_of(l) > tick_of(&first_ratification))
            .unwrap_or(lines.len());
        lines.insert(at, first_ratification);
    }
    check_block(OUTPUT, "output-events-s05", &csv_block(&lines));

    let s05_no_object = table(
        shipped(
            "nato_membership",
            &[
                "--seed",
                "3",
                "--set",
                "policies.capital.params.conduct.object_to_response_below_resolve=0.0",
            ],
        ),
        "events.csv",
    );
    let invoked = nth_event(&s05_no_object, "article5_invoked", None, 0);
    let t = tick_of(&invoked);
    let mut lines = vec![invoked];
    lines.extend(s05_no_object.lines_where(|r| {
        r[0].parse::<u32>().unwrap() == t + 1
            && (r[2] == "collective_response"
                || (r[2] == "nac_decision" && r[5] == "item=response"))
    }));
    check_block(OUTPUT, "output-events-s05-no-objection", &csv_block(&lines));

    let s06 = table(
        shipped("coalition_guarantee", &["--seed", "11"]),
        "events.csv",
    );
    let mut lines = vec![
        nth_event(&s06, "ceasefire_agreed", None, 0),
        nth_event(&s06, "guarantee_in_force", None, 0),
        nth_event(&s06, "ceasefire_broken", None, 0),
        nth_event(&s06, "guarantee_invoked", None, 0),
    ];
    let broken = tick_of(&lines[2]);
    lines.extend(s06.first_where(1, |r| {
        r[2] == "unit_departed" && r[0].parse::<u32>().unwrap() > broken
    }));
    let collapses: Vec<String> = s06
        .lines_where(|r| r[2] == "credibility_collapse" && r[0].parse::<u32>().unwrap() > broken);
    lines.extend(collapses.first().cloned());
    // The Kremlin strikes a guarantor's brigade only in some runs; none in this one.
    let strikes = s06.lines_where(|r| r[2] == "strike");
    if let Some(strike) = strikes.first().cloned() {
        let strike_tick = tick_of(&strike);
        lines.push(strike);
        lines.extend(s06.first_where(1, |r| {
            r[2] == "escalation" && r[5].ends_with("cause=strike")
        }));
        lines.extend(collapses.iter().find(|l| tick_of(l) > strike_tick).cloned());
    }
    lines.sort_by_key(|l| tick_of(l));
    lines.dedup();
    check_block(OUTPUT, "output-events-s06", &csv_block(&lines));

    let s07 = table(shipped("korean_armistice", &[]), "events.csv");
    let s05 = table(shipped("nato_membership", &[]), "events.csv");
    let lines = vec![
        nth_event(&s07, "ceasefire_agreed", None, 0),
        nth_event(&s07, "guarantee_in_force", None, 0),
        s05.first_where(1, |r| {
            r[2] == "ceasefire_agreed" && r[5].ends_with("assumed=1")
        })
        .pop()
        .expect("S05 has its assumed ceasefire"),
    ];
    check_block(OUTPUT, "output-events-s07-s08", &csv_block(&lines));

    let s09 = table(shipped("full_nato_mission", &[]), "events.csv");
    let authorised = tick_of(&nth_event(&s09, "mission_authorised", None, 0));
    let mut lines = s09.lines_where(|r| {
        r[0].parse::<u32>().unwrap() == authorised && r[5].contains("item=mission")
            || r[2] == "mission_authorised"
    });
    lines.extend(s09.first_where(1, |r| {
        r[2] == "unit_departed" && r[0].parse::<u32>().unwrap() > authorised
    }));
    check_block(OUTPUT, "output-events-s09", &csv_block(&lines));

    let protest = table(
        shipped(
            "baseline",
            &["--set", "model.belligerents.protest_below_support=0.75"],
        ),
        "events.csv",
    );
    let nuclear = table(
        run_doc_scenario("nuclear", OUTPUT, "name = \"nuclear\"", "nuclear.toml", &[]),
        "events.csv",
    );
    let lines = vec![
        nth_event(&nuclear, "nuclear_deterrent", None, 0),
        nth_event(&protest, "protest", None, 0),
    ];
    check_block(OUTPUT, "output-events-nuclear-protest", &csv_block(&lines));

    let escalate = table(
        run_doc_scenario(
            "escalate",
            OUTPUT,
            "name = \"escalate\"",
            "escalate.toml",
            &[],
        ),
        "events.csv",
    );
    check_block(
        OUTPUT,
        "output-events-escalate",
        &csv_block(&escalate.lines_where(|r| r[2] != "election")),
    );
    let renounce = table(
        run_doc_scenario(
            "escalate-renounce",
            OUTPUT,
            "name = \"escalate\"",
            "escalate.toml",
            &["--set", "policies.kyiv.params.renounce_at_stance=0.0"],
        ),
        "events.csv",
    );
    check_block(
        OUTPUT,
        "output-events-escalate-renounce",
        &csv_block(
            &renounce.lines_where(|r| r[2] == "ceasefire_agreed" || r[2] == "de_escalation"),
        ),
    );

    let breaks = table(
        run_doc_scenario("breaks", OUTPUT, "name = \"breaks\"", "breaks.toml", &[]),
        "events.csv",
    );
    check_block(
        OUTPUT,
        "output-events-breaks",
        &csv_block(&breaks.lines_where(|r| r[2] != "election")),
    );
}

#[test]
fn output_md_a_failed_run() {
    let folder = scratch("faulty");
    let text = doc_toml(OUTPUT, "name = \"faulty\"").replace("/path/to/sgsim", &root_str());
    std::fs::write(folder.join("faulty.toml"), text).unwrap();
    let failed = sgsim_in(&folder, &["run", "faulty.toml", "--out", "out-failed"]);
    assert_eq!(failed.code, 6, "{}", failed.stderr);
    let mut names: Vec<String> = std::fs::read_dir(folder.join("out-failed"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".sgsim.lock")
        .collect();
    names.sort();
    let manifest = std::fs::read_to_string(folder.join("out-failed/manifest.toml")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    let abi = lines
        .iter()
        .position(|l| l.starts_with("abi_version"))
        .unwrap();
    let ticks = lines
        .iter()
        .position(|l| l.starts_with("ticks_requested"))
        .unwrap();
    let excerpt = format!(
        "{}\n...\n{}\n",
        lines[..=abi].join("\n"),
        lines[ticks..ticks + 2].join("\n")
    );
    check_block(
        OUTPUT,
        "output-failed-run",
        &format!(
            "{}\n{}",
            fenced("text", &(names.join("\n") + "\n")),
            fenced("toml", &shown(&excerpt, &[]))
        ),
    );
    let error: String = failed
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.to_owned() + "\n")
        .collect();
    check_block(
        PLUGINS,
        "plugins-faulty-error",
        &fenced("text", &shown(&error, &[])),
    );
}

// ---------------------------------------------------------------------------------------
// docs/SWEEPS.md

const SWEEPS: &str = "docs/SWEEPS.md";

/// Progress lines on stderr, without what varies (rates, timings, the number of jobs) and
/// without the note of a plugin test-loaded for the first time.
fn progress(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| l.starts_with("sweep: "))
        .map(|l| mask(l, &["runs, ", "ETA ", " on ", "first took ", "so about "]) + "\n")
        .collect()
}

/// `sgsim sweep ARGS` from the workspace root, with `--out` into a scratch folder.
fn sweep(out: &Path, args: &[&str]) -> Run {
    let mut all = vec!["sweep"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let run = sgsim_in(&workspace_root(), &all);
    assert_eq!(run.code, 0, "sgsim {all:?}: {}", run.stderr);
    run
}

/// The worked example: `configs/sweeps/fatigue_grid.toml`, as the doc runs it.
fn fatigue_grid() -> &'static Done {
    once("fatigue_grid", || {
        let folder = scratch("fatigue_grid");
        let out = folder.join("fatigue_grid");
        let run = sweep(&out, &["configs/sweeps/fatigue_grid.toml"]);
        Done { run, dir: out }
    })
}

#[test]
fn sweeps_md_worked_example() {
    let first = fatigue_grid();
    let out = &first.dir;
    let folder = out.parent().unwrap();
    let name = |p: &Path| {
        let shown_as = format!("output/{}", p.strip_prefix(folder).unwrap().display());
        (p.to_path_buf(), shown_as)
    };
    let show = |run: &Run, dirs: &[(PathBuf, String)]| {
        let pairs: Vec<(&Path, &str)> = dirs
            .iter()
            .map(|(p, s)| (p.as_path(), s.as_str()))
            .collect();
        shown(&run.stdout, &pairs)
    };
    let me = [name(out)];
    check_block(
        SWEEPS,
        "sweeps-first-run",
        &fenced(
            "text",
            &format!(
                "$ cargo build --release\n$ ./target/release/sgsim sweep configs/sweeps/fatigue_grid.toml\n{}{}",
                progress(&first.run.stderr),
                show(&first.run, &me)
            ),
        ),
    );

    let (header, rows) = sgsim_tests::read_csv(&out.join("runs.csv"));
    let ensemble = csv_lines(&out.join("ensemble.csv"));
    let sweep_file =
        std::fs::read_to_string(workspace_root().join("configs/sweeps/fatigue_grid.toml")).unwrap();
    let ticks = first_value(&sweep_file, "ticks");
    let replications = first_value(&sweep_file, "replications");
    let points: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    let metrics: std::collections::BTreeSet<&str> = ensemble[1..]
        .iter()
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    check_block(
        SWEEPS,
        "sweeps-folder",
        &fenced(
            "text",
            &format!(
                "output/fatigue_grid/\n\
                 ├── runs.csv        {} rows: one per run, its factor values and its summary outcomes\n\
                 ├── ensemble.csv    {} rows: {} points × {ticks} weeks × {} metrics, with mean, sd and quantiles over the {replications} replications\n\
                 ├── manifest.toml   what ran, with which plugins, and whether the sweep is complete\n\
                 └── .state/         the sweep's working state (do not edit)\n",
                rows.len(),
                thousands(ensemble.len() - 1),
                points.len(),
                metrics.len(),
            ),
        ),
    );

    let again = sweep(out, &["configs/sweeps/fatigue_grid.toml"]);
    check_block(
        SWEEPS,
        "sweeps-resume",
        &fenced(
            "text",
            &format!(
                "$ ./target/release/sgsim sweep configs/sweeps/fatigue_grid.toml\n{}{}",
                progress(&again.stderr),
                show(&again, &me)
            ),
        ),
    );

    let one_job = folder.join("fatigue_grid-1job");
    let sharded = folder.join("fatigue_grid-sharded");
    let mut text = String::new();
    let dirs = [name(out), name(&one_job), name(&sharded)];
    let r = sweep(
        &one_job,
        &["configs/sweeps/fatigue_grid.toml", "--jobs", "1"],
    );
    text += "$ ./target/release/sgsim sweep configs/sweeps/fatigue_grid.toml --out output/fatigue_grid-1job --jobs 1\n";
    text += &show(&r, &dirs);
    for shard in ["0/2", "1/2"] {
        let r = sweep(
            &sharded,
            &["configs/sweeps/fatigue_grid.toml", "--shard", shard],
        );
        text += &format!(
            "$ ./target/release/sgsim sweep configs/sweeps/fatigue_grid.toml --out output/fatigue_grid-sharded --shard {shard}\n"
        );
        text += &show(&r, &dirs);
    }
    let merged = sgsim_in(&workspace_root(), &["merge", sharded.to_str().unwrap()]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    text += "$ ./target/release/sgsim merge output/fatigue_grid-sharded\n";
    text += &show(&merged, &dirs);
    let same = |a: &Path, b: &Path| std::fs::read(a).unwrap() == std::fs::read(b).unwrap();
    let identical = same(&out.join("runs.csv"), &one_job.join("runs.csv"))
        && same(&out.join("runs.csv"), &sharded.join("runs.csv"))
        && same(&out.join("ensemble.csv"), &sharded.join("ensemble.csv"));
    text += "$ cmp output/fatigue_grid/runs.csv output/fatigue_grid-1job/runs.csv && cmp output/fatigue_grid/runs.csv output/fatigue_grid-sharded/runs.csv && cmp output/fatigue_grid/ensemble.csv output/fatigue_grid-sharded/ensemble.csv && echo identical\n";
    if identical {
        text += "identical\n";
    }
    check_block(SWEEPS, "sweeps-same-bytes", &fenced("text", &text));

    let runs_lines = csv_lines(&out.join("runs.csv"));
    check_block(SWEEPS, "sweeps-runs-csv", &csv_block(&runs_lines[..3]));
    check_block(SWEEPS, "sweeps-ensemble-csv", &csv_block(&ensemble[..4]));

    let manifest = std::fs::read_to_string(out.join("manifest.toml")).unwrap();
    let manifest = mask_values(
        &manifest,
        &[
            "started_at = ",
            "finished_at = ",
            "sha256 = ",
            "plan_sha256 = ",
        ],
    );
    check_block(
        SWEEPS,
        "sweeps-manifest",
        &fenced("toml", &shown(&manifest, &[])),
    );

    // Run 0 again with `sgsim run`.
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = &rows[0];
    let factors: Vec<(String, &str)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            h.strip_prefix("factor.")
                .map(|k| (k.to_owned(), row[i].as_str()))
        })
        .collect();
    let mut command = String::from("sgsim run configs/scenarios/baseline.toml");
    let mut args = vec!["configs/scenarios/baseline.toml".to_owned()];
    for (key, value) in &factors {
        command += &format!(" --set {key}={value}");
        args.extend(["--set".to_owned(), format!("{key}={value}")]);
    }
    let seed = &row[col("seed")];
    command += &format!(" --seed {seed}");
    args.extend(["--seed".to_owned(), seed.clone()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let alone = run("fatigue_grid-run0", &args);
    let (_, summary) = sgsim_tests::read_csv(&alone.dir.join("summary.csv"));
    let run_id = &row[col("run_id")];
    assert!(
        summary[0][5].starts_with(run_id.as_str()),
        "run 0 alone has config_sha256 {}, not starting with its run_id {run_id}",
        summary[0][5]
    );
    check_block(
        SWEEPS,
        "sweeps-reproduce-run0",
        &format!(
            "For run 0 of the example, `{command}` writes a folder whose `config_sha256` starts with that run's `run_id`, `{run_id}`.\n"
        ),
    );

    fatigue_analysis(&header, &rows, &ensemble);
}

/// The value of the first `key = value` line of a TOML text.
fn first_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key}"))
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

fn sd(x: &[f64]) -> f64 {
    let m = mean(x);
    (x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)).sqrt()
}

/// pandas' shortest representation of a float column: as few decimals (up to 6) as show
/// every value of the column exactly as its 6-decimal text.
fn pandas_column(values: &[f64]) -> Vec<String> {
    let decimals = (0..=6)
        .find(|&d| {
            values.iter().all(|v| {
                format!("{v:.d$}").parse::<f64>().unwrap()
                    == format!("{v:.6}").parse::<f64>().unwrap()
            })
        })
        .unwrap_or(6);
    values.iter().map(|v| format!("{v:.decimals$}")).collect()
}

/// R's default print of a tibble column of doubles: three significant digits.
fn r_signif(v: f64) -> String {
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (2 - magnitude).max(0) as usize;
    format!("{v:.decimals$}")
}

/// The outputs of the pandas and R scripts of "Reading the results", computed here with the
/// same arithmetic and laid out as those libraries print them.
fn fatigue_analysis(header: &[String], rows: &[Vec<String>], ensemble: &[String]) {
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (decay, cost, aid, point, rep) = (
        col("factor.model.fatigue.duration_decay_per_year"),
        col("factor.model.fatigue.cost_sensitivity"),
        col("aid_pledged"),
        col("point"),
        col("replication"),
    );
    let f = |s: &str| s.parse::<f64>().unwrap();
    let mut by: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for r in rows {
        by.entry((r[decay].clone(), r[cost].clone()))
            .or_default()
            .push(f(&r[aid]));
    }
    let decays: Vec<String> = dedup_sorted(rows.iter().map(|r| r[decay].clone()));
    let costs: Vec<String> = dedup_sorted(rows.iter().map(|r| r[cost].clone()));
    // pandas prints the index with the decimals its values need (0.05, 0.10, 0.20).
    let decay_labels = pandas_column(&decays.iter().map(|d| f(d)).collect::<Vec<_>>());
    let mut text = String::new();
    let index_width = "factor.model.fatigue.duration_decay_per_year".len();
    let cells: Vec<Vec<String>> = decays
        .iter()
        .map(|d| {
            costs
                .iter()
                .map(|c| format!("{:.1}", mean(&by[&(d.clone(), c.clone())])))
                .collect()
        })
        .collect();
    let width = cells
        .iter()
        .flatten()
        .map(String::len)
        .chain(costs.iter().map(String::len))
        .max()
        .unwrap();
    text += &format!("{:<index_width$}", "factor.model.fatigue.cost_sensitivity");
    for c in &costs {
        text += &format!("  {c:>width$}");
    }
    text += "\n";
    text += &format!(
        "{:<index_width$}",
        "factor.model.fatigue.duration_decay_per_year"
    );
    text += &" ".repeat(costs.len() * (width + 2));
    text += "\n";
    for (label, row) in decay_labels.iter().zip(&cells) {
        text += &format!("{label:<index_width$}");
        for cell in row {
            text += &format!("  {cell:>width$}");
        }
        text += "\n";
    }
    let points = rows.iter().map(|r| f(&r[point])).fold(0.0, f64::max) as usize;
    let by_point = |p: usize| -> Vec<f64> {
        let mut cells: Vec<(usize, f64)> = rows
            .iter()
            .filter(|r| r[point] == p.to_string())
            .map(|r| (r[rep].parse().unwrap(), f(&r[aid])))
            .collect();
        cells.sort_by_key(|c| c.0);
        cells.into_iter().map(|c| c.1).collect()
    };
    let (last, zero) = (by_point(points), by_point(0));
    let diff: Vec<f64> = last.iter().zip(&zero).map(|(a, b)| a - b).collect();
    text += &format!(
        "point {points} - point 0: {:.2} (sd of paired differences {:.2}, sd within point 0 {:.2})\n",
        mean(&diff),
        sd(&diff),
        sd(&zero)
    );
    let cred: Vec<Vec<&str>> = ensemble[1..]
        .iter()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[4] == "credibility" && r[1] == "0")
        .collect();
    let tail = &cred[cred.len() - 2..];
    let columns: Vec<(&str, Vec<String>)> = vec![
        ("date", tail.iter().map(|r| r[3].to_owned()).collect()),
        ("n", tail.iter().map(|r| r[5].to_owned()).collect()),
        (
            "mean",
            pandas_column(&tail.iter().map(|r| f(r[6])).collect::<Vec<_>>()),
        ),
        (
            "p05",
            pandas_column(&tail.iter().map(|r| f(r[8])).collect::<Vec<_>>()),
        ),
        (
            "p95",
            pandas_column(&tail.iter().map(|r| f(r[10])).collect::<Vec<_>>()),
        ),
    ];
    let widths: Vec<usize> = columns
        .iter()
        .map(|(h, v)| v.iter().map(String::len).chain([h.len()]).max().unwrap())
        .collect();
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect::<Vec<_>>()
            .join(" ")
            + "\n"
    };
    text += &line(columns.iter().map(|(h, _)| *h).collect());
    for i in 0..tail.len() {
        text += &line(columns.iter().map(|(_, v)| v[i].as_str()).collect());
    }
    check_block(SWEEPS, "sweeps-pandas-output", &fenced("text", &text));

    let total = mean(&zero);
    check_block(
        SWEEPS,
        "sweeps-pandas-summary",
        &format!(
            "Aid pledged over two years changes by {:+.1} EUR bn ({:+.0} %) from the slowest to the fastest fatigue (point 0 to point {points}), and the paired comparison measures that difference {:.1} times more precisely than the spread of the outcome itself (the standard deviation of the paired differences is {:.2}, that of the outcome within point 0 {:.2}).\n",
            mean(&diff),
            100.0 * mean(&diff) / total,
            sd(&zero) / sd(&diff),
            sd(&diff),
            sd(&zero),
        ),
    );

    let mut r = String::from("# A tibble: 2 × 5\n");
    let cols: Vec<(&str, &str, Vec<String>)> = vec![
        (
            "date",
            "<date>",
            tail.iter().map(|r| r[3].to_owned()).collect(),
        ),
        ("n", "<dbl>", tail.iter().map(|r| r[5].to_owned()).collect()),
        (
            "mean",
            "<dbl>",
            tail.iter().map(|r| r_signif(f(r[6]))).collect(),
        ),
        (
            "p05",
            "<dbl>",
            tail.iter().map(|r| r_signif(f(r[8]))).collect(),
        ),
        (
            "p95",
            "<dbl>",
            tail.iter().map(|r| r_signif(f(r[10]))).collect(),
        ),
    ];
    let widths: Vec<usize> = cols
        .iter()
        .map(|(h, t, v)| {
            v.iter()
                .map(String::len)
                .chain([h.len(), t.len()])
                .max()
                .unwrap()
        })
        .collect();
    let line = |prefix: &str, cells: Vec<&str>| -> String {
        let mut s = prefix.to_owned();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i == 0 {
                s += &format!(" {c:<w$}");
            } else {
                s += &format!(" {c:>w$}");
            }
        }
        s + "\n"
    };
    r += &line(" ", cols.iter().map(|c| c.0).collect());
    r += &line(" ", cols.iter().map(|c| c.1).collect());
    for i in 0..tail.len() {
        r += &line(
            &(i + 1).to_string(),
            cols.iter().map(|c| c.2[i].as_str()).collect(),
        );
    }
    check_block(SWEEPS, "sweeps-r-output", &fenced("text", &r));
}

fn dedup_sorted(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = values.collect();
    v.sort_by(|a, b| {
        a.parse::<f64>()
            .unwrap()
            .total_cmp(&b.parse::<f64>().unwrap())
    });
    v.dedup();
    v
}

#[test]
fn sweeps_md_morris_screening() {
    let done = once("screening", || {
        let folder = scratch("screening");
        let scenario = workspace_root().join("configs/scenarios/baseline.toml");
        let text = doc_toml(SWEEPS, "name = \"screening\"").replace(
            "\"../scenarios/baseline.toml\"",
            &format!("{:?}", scenario.display().to_string()),
        );
        std::fs::write(folder.join("screening.toml"), text).unwrap();
        let out = folder.join("out");
        let run = sweep(&out, &[folder.join("screening.toml").to_str().unwrap()]);
        Done { run, dir: out }
    });
    let sensitivity = Table::read(&done.dir.join("sensitivity.csv"));
    let outcomes = ["territory_held_end", "aid_pledged", "credibility_end"];
    let mut lines = vec![sensitivity.header.clone()];
    lines.extend(sensitivity.lines_where(|r| outcomes.contains(&r[2].as_str())));
    check_block(SWEEPS, "sweeps-sensitivity", &csv_block(&lines));
    let territory = |factor: &str| -> (f64, f64) {
        let row = sensitivity
            .rows
            .iter()
            .find(|(_, r)| r[1] == factor && r[2] == "territory_held_end")
            .map(|(_, r)| r)
            .unwrap();
        (row[4].parse().unwrap(), row[5].parse().unwrap())
    };
    let (mu_o, star_o) = territory("policies.kremlin.params.opportunism");
    let (_, star_f) = territory("model.fatigue.duration_decay_per_year");
    let direction = if (mu_o.abs() - star_o).abs() < 1e-9 {
        if mu_o < 0.0 {
            ", always downward"
        } else {
            ", always upward"
        }
    } else {
        ", in both directions"
    };
    check_block(
        SWEEPS,
        "sweeps-sensitivity-reading",
        &format!(
            "Over their ranges, the Kremlin's opportunism moves the territory Kyiv holds after a year by about {star_o:.3} ({:.1} percentage points{direction}), the fatigue rate by about {star_f:.3} (μ* of `territory_held_end`).\n",
            100.0 * star_o
        ),
    );
}

// ---------------------------------------------------------------------------------------
// docs/PLUGINS.md

const PLUGINS: &str = "docs/PLUGINS.md";

/// `sgsim plugins` output with the SHA-256 of each file shown as `…`.
fn plugins_listing(stdout: &str) -> String {
    stdout
        .lines()
        .map(|l| mask(l, &["sha256: "]) + "\n")
        .collect()
}

#[test]
fn plugins_md_listings() {
    let listed = sgsim_in(&workspace_root(), &["plugins"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    check_block(
        PLUGINS,
        "plugins-list",
        &fenced(
            "text",
            &format!(
                "$ ./target/release/sgsim plugins\n{}",
                plugins_listing(&shown(&listed.stdout, &[]))
            ),
        ),
    );
    let fixtures = sgsim_in(
        &workspace_root(),
        &["plugins", "--dir", "target/fixtures/release"],
    );
    assert_eq!(fixtures.code, 4, "{}", fixtures.stderr);
    let stderr: String = fixtures
        .stderr
        .lines()
        .filter(|l| !l.starts_with("sgsim: plugin"))
        .map(|l| l.to_owned() + "\n")
        .collect();
    check_block(
        PLUGINS,
        "plugins-list-fixtures",
        &fenced(
            "text",
            &format!(
                "$ ./target/release/sgsim plugins --dir target/fixtures/release\n{}{}",
                plugins_listing(&shown(&fixtures.stdout, &[])),
                shown(&stderr, &[])
            ),
        ),
    );
    let decisions = table(docrun(), "decisions.csv");
    let wanted = [
        ("observation", "belief_mean_resolve"),
        ("action", "strike_unit"),
        ("action", "offensive_intensity"),
    ];
    let mut lines = vec![decisions.header.clone()];
    lines.extend(decisions.lines_where(|r| {
        r[0] == "5" && r[2] == "RUS" && wanted.contains(&(r[6].as_str(), r[7].as_str()))
    }));
    check_block(PLUGINS, "plugins-decisions", &csv_block(&lines));
}

/// Builds plugins/c-example/policy.c as the walkthrough does, in `dir`.
fn build_c_example(dir: &Path) {
    std::fs::copy(
        workspace_root().join("plugins/c-example/policy.c"),
        dir.join("policy.c"),
    )
    .unwrap();
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let include = workspace_root().join("crates/sgsim-abi/include");
    let status = std::process::Command::new(&compiler)
        .current_dir(dir)
        .args([
            "-std=c11", "-O2", "-Wall", "-Wextra", "-shared", "-fPIC", "-I",
        ])
        .arg(include)
        .args(["policy.c", "-o", "libpolicy_c_example.so"])
        .status()
        .unwrap_or_else(|e| panic!("run the C compiler {compiler} (set CC): {e}"));
    assert!(
        status.success(),
        "plugins/c-example/policy.c does not build"
    );
}

#[test]
fn plugins_md_c_walkthrough() {
    let dir = scratch("c-kyiv");
    build_c_example(&dir);
    let listed = sgsim_in(&dir, &["plugins", "--dir", "."]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    check_block(
        PLUGINS,
        "plugins-c-build",
        &fenced(
            "text",
            &format!(
                "$ mkdir c-kyiv && cd c-kyiv\n\
                 $ cp /path/to/sgsim/plugins/c-example/policy.c .\n\
                 $ cc -std=c11 -O2 -Wall -Wextra -shared -fPIC -I /path/to/sgsim/crates/sgsim-abi/include policy.c -o libpolicy_c_example.so\n\
                 $ /path/to/sgsim/target/release/sgsim plugins --dir .\n{}",
                plugins_listing(&listed.stdout)
            ),
        ),
    );
    let scenario = doc_toml(PLUGINS, "name = \"c-kyiv\"").replace("/path/to/sgsim", &root_str());
    std::fs::write(dir.join("scenario.toml"), &scenario).unwrap();
    let run = sgsim_in(
        &dir,
        &["run", "scenario.toml", "--out", "out", "--decisions"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_block(
        PLUGINS,
        "plugins-c-run",
        &fenced(
            "text",
            &format!(
                "$ /path/to/sgsim/target/release/sgsim run scenario.toml --out out --decisions\n{}",
                run.stdout
            ),
        ),
    );
    let decisions = Table::read(&dir.join("out/decisions.csv"));
    let last = decisions.rows.last().unwrap().1[0].clone();
    check_block(
        PLUGINS,
        "plugins-c-decisions",
        &csv_block(&decisions.lines_where(|r| r[0] == last && r[2] == "UKR" && r[6] == "action")),
    );
    std::fs::write(
        dir.join("scenario.toml"),
        scenario.replace("accept_at_stance = 0.8 }", "speed = 0.8 }"),
    )
    .unwrap();
    let refused = sgsim_in(&dir, &["validate", "scenario.toml"]);
    assert_eq!(refused.code, 4, "{}", refused.stderr);
    check_block(
        PLUGINS,
        "plugins-c-bad-param",
        &fenced(
            "text",
            &format!(
                "$ sgsim validate scenario.toml\n{}",
                shown(&refused.stderr, &[(&dir, "/path/to/c-kyiv")])
            ),
        ),
    );
}

/// A scratch copy of the layout of `configs/`: `data/` and `scenarios/` link to the real
/// folders, `sweeps/` and `own/` are empty folders for the files a doc shows, so that their
/// relative paths (`../scenarios/baseline.toml`, the default `data_dir = "../data"`) and the
/// paths in messages read as in the doc.
fn configs_layout(key: &str) -> PathBuf {
    let configs = scratch(key).join("configs");
    std::fs::create_dir_all(configs.join("sweeps")).unwrap();
    std::fs::create_dir_all(configs.join("own")).unwrap();
    for linked in ["data", "scenarios"] {
        std::os::unix::fs::symlink(
            workspace_root().join("configs").join(linked),
            configs.join(linked),
        )
        .unwrap();
    }
    configs
}

/// `configs/scenarios/baseline.toml` with `extra` appended.
fn baseline_plus(extra: &str) -> String {
    let text =
        std::fs::read_to_string(workspace_root().join("configs/scenarios/baseline.toml")).unwrap();
    format!("{text}\n{extra}")
}

/// Delivered aid of `donor` over a run, EUR bn.
fn delivered_by(done: &Done, donor: &str) -> f64 {
    let aid = table(done, "aid_flows.csv");
    let col = aid.col("delivered");
    aid.rows
        .iter()
        .filter(|(_, r)| r[2] == donor)
        .map(|(_, r)| r[col].parse::<f64>().unwrap())
        .sum()
}

#[test]
fn plugins_md_mixing_pinning_and_conduct() {
    let configs = configs_layout("mixed");
    let own = configs.join("own");
    let mixed = baseline_plus(&doc_toml(
        PLUGINS,
        "# Hungary as a transactional veto player, the United States as a fatigued donor;",
    ));
    std::fs::write(own.join("mixed.toml"), mixed).unwrap();
    let validated = sgsim_in(&own, &["validate", "mixed.toml"]);
    assert_eq!(validated.code, 0, "{}", validated.stderr);
    check_block(
        PLUGINS,
        "plugins-mixed-validate",
        &fenced(
            "text",
            &format!(
                "$ sgsim validate mixed.toml\n{}",
                shown(&validated.stdout, &[])
            ),
        ),
    );
    let ran = sgsim_in(&own, &["run", "mixed.toml", "--out", "out"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let done = Done {
        run: ran,
        dir: own.join("out"),
    };
    let manifest = std::fs::read_to_string(done.dir.join("manifest.toml")).unwrap();
    let plugins = &manifest[manifest.find("[[plugins]]").unwrap()..];
    check_block(
        PLUGINS,
        "plugins-mixed-manifest",
        &fenced("toml", &shown(&mask_values(plugins, &["sha256 = "]), &[])),
    );
    let by_set = run(
        "mixed-by-set",
        &[
            "configs/scenarios/baseline.toml",
            "--set",
            "actors.HUN.plugin=capitals",
            "--set",
            "actors.HUN.policy=transactional",
            "--set",
            "actors.USA.plugin=capitals",
            "--set",
            "actors.USA.policy=fatigued",
            "--set",
            "actors.USA.params.half_life_weeks=78.0",
        ],
    );
    let sha = |d: &Done| sgsim_tests::read_csv(&d.dir.join("summary.csv")).1[0][5].clone();
    assert_eq!(
        sha(&done),
        sha(by_set),
        "PLUGINS.md: the --set form gives the same config_sha256 as mixed.toml"
    );
    let baseline = shipped("baseline", &[]);
    let (hun, hun_base) = (delivered_by(&done, "HUN"), delivered_by(baseline, "HUN"));
    let (usa, usa_base) = (delivered_by(&done, "USA"), delivered_by(baseline, "USA"));
    let hungary = if hun == 0.0 {
        "delivers nothing (its public support never reaches its price)".to_owned()
    } else {
        format!("delivers {hun:.2} EUR bn")
    };
    check_block(
        PLUGINS,
        "plugins-mixed-reading",
        &format!(
            "Over the four years (`sgsim run mixed.toml`), Hungary {hungary} instead of the baseline's {hun_base:.2} EUR bn, and the United States {usa:.1} EUR bn instead of {usa_base:.1}.\n"
        ),
    );

    // A pin that does not match.
    let pin = baseline_plus("").replace(
        "[policies.kremlin]\nplugin = \"baseline\"\npolicy = \"default\"\n",
        &format!(
            "[policies.kremlin]\nplugin = \"baseline\"\npolicy = \"default\"\nsha256 = \"{}\"\n",
            "0".repeat(64)
        ),
    );
    assert!(
        pin.contains(&"0".repeat(64)),
        "baseline.toml's [policies.kremlin] table changed"
    );
    std::fs::write(own.join("pin.toml"), pin).unwrap();
    let refused = sgsim_in(&own, &["validate", "pin.toml"]);
    assert_eq!(refused.code, 4, "{}", refused.stderr);
    check_block(
        PLUGINS,
        "plugins-pin-refused",
        &fenced(
            "text",
            &format!(
                "$ sgsim validate pin.toml\n{}",
                mask(&shown(&refused.stderr, &[]), &["has SHA-256 "])
            ),
        ),
    );

    // A holdout, and a misspelt conduct key.
    let holdout = table(
        shipped(
            "nato_membership",
            &[
                "--set",
                "actors.HUN.plugin=baseline",
                "--set",
                "actors.HUN.policy=default",
                "--set",
                "actors.HUN.params.conduct.holdout_weeks=120",
            ],
        ),
        "events.csv",
    );
    let mut lines = holdout.lines_where(|r| {
        (r[2] == "nac_decision" && r[5].starts_with("item=invitation"))
            || r[2] == "invitation"
            || r[2] == "accession"
            || (r[2] == "ratification" && ["HUN", "TUR"].contains(&r[3].as_str()))
    });
    lines.sort_by_key(|l| tick_of(l));
    check_block(PLUGINS, "plugins-holdout", &csv_block(&lines));
    let misspelt = sgsim_in(
        &workspace_root(),
        &[
            "validate",
            "configs/scenarios/baseline.toml",
            "--set",
            "actors.HUN.plugin=baseline",
            "--set",
            "actors.HUN.params.conduct.holdout=80",
        ],
    );
    assert_eq!(misspelt.code, 4, "{}", misspelt.stderr);
    check_block(
        PLUGINS,
        "plugins-conduct-misspelt",
        &fenced(
            "text",
            &format!(
                "$ sgsim validate configs/scenarios/baseline.toml --set actors.HUN.plugin=baseline --set actors.HUN.params.conduct.holdout=80\n{}",
                shown(&misspelt.stderr, &[])
            ),
        ),
    );
}

#[test]
fn sweeps_md_refused_sweeps() {
    let configs = configs_layout("refused-sweeps");
    let folder = configs.parent().unwrap();
    let grid =
        std::fs::read_to_string(workspace_root().join("configs/sweeps/fatigue_grid.toml")).unwrap();
    let mut text = String::new();
    for (i, sweep) in [
        grid.replace("name = \"fatigue_grid\"", "name = \"typo\"")
            .replace(
                "\"model.fatigue.cost_sensitivity\"",
                "\"model.fatigue.cost_sensitivty\"",
            ),
        grid.replace("name = \"fatigue_grid\"", "name = \"typo\"")
            + "\"policies.kremlin.params.opportunism\" = [0.4, 1.5]\n",
    ]
    .iter()
    .enumerate()
    {
        assert!(sweep.contains("typo"), "fatigue_grid.toml changed");
        std::fs::write(configs.join("sweeps/typo.toml"), sweep).unwrap();
        let refused = sgsim_in(
            folder,
            &["sweep", "configs/sweeps/typo.toml", "--out", "out"],
        );
        assert_eq!(refused.code, [3, 4][i], "{}", refused.stderr);
        text += &shown(&refused.stderr, &[]);
    }
    check_block(SWEEPS, "sweeps-typo", &fenced("text", &text));

    let faulty = doc_toml(OUTPUT, "name = \"faulty\"").replace("/path/to/sgsim", &root_str());
    std::fs::write(configs.join("own/faulty.toml"), faulty).unwrap();
    std::fs::write(
        configs.join("sweeps/faulty.toml"),
        doc_toml(SWEEPS, "name = \"faulty\""),
    )
    .unwrap();
    let failed = sgsim_in(
        folder,
        &[
            "sweep",
            "configs/sweeps/faulty.toml",
            "--jobs",
            "1",
            "--out",
            "out-faulty",
        ],
    );
    assert_eq!(failed.code, 6, "{}", failed.stderr);
    let error: String = failed
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.to_owned() + "\n")
        .collect();
    check_block(
        SWEEPS,
        "sweeps-failed-run",
        &fenced("text", &shown(&error, &[])),
    );

    let huge = doc_toml(SWEEPS, "name = \"huge\"");
    std::fs::write(configs.join("sweeps/huge.toml"), huge).unwrap();
    let refused = sgsim_in(
        &configs.join("sweeps"),
        &["sweep", "huge.toml", "--out", "out"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    check_block(
        SWEEPS,
        "sweeps-huge",
        &fenced(
            "text",
            &format!("$ sgsim sweep huge.toml\n{}", shown(&refused.stderr, &[])),
        ),
    );
}

#[test]
fn plugins_md_new_plugin() {
    let dir = scratch("new-plugin");
    let made = sgsim_in(&dir, &["new-plugin", "steady", "--role", "capital"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    check_block(
        PLUGINS,
        "plugins-rust-new",
        &fenced(
            "text",
            &format!("$ sgsim new-plugin steady --role capital\n{}", made.stdout),
        ),
    );
    let lib = std::fs::read_to_string(dir.join("policy-steady/src/lib.rs")).unwrap();
    check_block(PLUGINS, "plugins-rust-lib", &fenced("rust", &lib));
}

#[test]
fn plugins_md_behaviours_table() {
    let configs = configs_layout("behaviours");
    std::fs::write(
        configs.join("sweeps/behaviours.toml"),
        doc_toml(PLUGINS, "name = \"behaviours\""),
    )
    .unwrap();
    let out = configs.join("sweeps/out");
    let ran = sgsim_in(
        &configs.join("sweeps"),
        &["sweep", "behaviours.toml", "--out", "out"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let (header, rows) = sgsim_tests::read_csv(&out.join("runs.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut arms: Vec<String> = Vec::new();
    for r in &rows {
        if !arms.contains(&r[col("arm")]) {
            arms.push(r[col("arm")].clone());
        }
    }
    let mut table = String::from(
        "| Arm | Peak escalation | Tests of resolve | Runs with a ceasefire | Territory held at end | Ukrainian troops at end | US aid delivered (EUR bn) | European aid delivered (EUR bn) | Credibility at end |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for arm in &arms {
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| &r[col("arm")] == arm).collect();
        let m = |name: &str| {
            mean(
                &mine
                    .iter()
                    .map(|r| r[col(name)].parse::<f64>().unwrap())
                    .collect::<Vec<_>>(),
            )
        };
        let ceasefires = mine
            .iter()
            .filter(|r| !r[col("ceasefire_date")].is_empty())
            .count();
        table += &format!(
            "| {arm} | {:.1} | {:.1} | {ceasefires} of {} | {:.3} | {} | {:.1} | {:.1} | {:.3} |\n",
            m("peak_escalation"),
            m("tests_of_resolve"),
            mine.len(),
            m("territory_held_end"),
            thousands(m("ukraine_forces_end").round() as usize),
            m("aid_delivered_us"),
            m("aid_delivered_europe"),
            m("credibility_end"),
        );
    }
    check_block(PLUGINS, "plugins-behaviours", &table);
    let total = |name: &str| -> f64 {
        rows.iter()
            .map(|r| r[col(name)].parse::<f64>().unwrap_or(0.0))
            .sum()
    };
    let (council, strikes, invoked) = (
        total("consensus_failures") + total("side_payments_eur_bn"),
        total("strikes_on_allies"),
        total("guarantee_invocations") + total("article5_invocations"),
    );
    let sentence = if council == 0.0 && strikes == 0.0 && invoked == 0.0 {
        "so in none of these arms is an objection raised in the Council, a unit struck or a guarantee invoked.".to_owned()
    } else {
        format!(
            "yet across these arms the Council saw {council} consensus failures and side payments (EUR bn, summed), {strikes} strikes on allied units and {invoked} invocations of a guarantee or of Article 5."
        )
    };
    check_block(
        PLUGINS,
        "plugins-behaviours-institutions",
        &format!(
            "The baseline scenario has no guarantee, membership path or mission, its capitals do not pledge through NATO, and its units stay on allied territory, {sentence}\n"
        ),
    );
}

// ---------------------------------------------------------------------------------------
// docs/REPORT.md

const REPORT: &str = "docs/REPORT.md";

#[test]
fn report_md_examples() {
    let folder = scratch("report");
    let out = folder.join("durability");
    sweep(&out, &["configs/sweeps/durability.toml"]);
    let made = sgsim_in(&workspace_root(), &["report", out.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    check_block(
        REPORT,
        "report-durability",
        &fenced(
            "text",
            &format!(
                "$ sgsim sweep configs/sweeps/durability.toml\n$ sgsim report output/durability\n{}",
                shown(&made.stdout, &[(&out, "output/durability")])
            ),
        ),
    );
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    let at = page
        .find(" · sweep durability · ")
        .expect("a provenance line in report.html");
    let start = page[..at].rfind("sgsim ").unwrap();
    let line = &page[start..];
    let line = &line[..line.find('<').unwrap()];
    check_block(
        REPORT,
        "report-provenance",
        &fenced("text", &(mask(line, &["plan "]) + "\n")),
    );

    let configs = configs_layout("report-horizons");
    let horizons = doc_toml(REPORT, "name = \"horizons\"");
    std::fs::write(configs.join("sweeps/horizons.toml"), horizons).unwrap();
    let sweeps = configs.join("sweeps");
    let ran = sgsim_in(&sweeps, &["sweep", "horizons.toml", "--out", "horizons"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let refused = sgsim_in(&sweeps, &["report", "horizons"]);
    assert_eq!(refused.code, 7, "{}", refused.stderr);
    check_block(
        REPORT,
        "report-horizons",
        &fenced(
            "text",
            &format!(
                "$ sgsim sweep horizons.toml --out horizons\n$ sgsim report horizons\n{}",
                refused.stderr
            ),
        ),
    );
}

// ---------------------------------------------------------------------------------------
// docs/CALIBRATION.md

#[test]
fn calibration_md_output_today() {
    let run = sgsim_in(
        &workspace_root(),
        &["calibrate", "configs/calibration/targets.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_block(
        "docs/CALIBRATION.md",
        "calibration-output",
        &fenced(
            "console",
            &format!(
                "$ cargo run --release -p sgsim-cli -- calibrate configs/calibration/targets.toml\n{}",
                run.stdout
            ),
        ),
    );
}

#[test]
fn calibration_md_russian_gdp_series() {
    let run = sgsim_in(
        &workspace_root(),
        &["calibrate", "configs/calibration/russia_gdp.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_block(
        "docs/CALIBRATION.md",
        "calibration-russia-gdp",
        &fenced(
            "console",
            &format!(
                "$ cargo run --release -p sgsim-cli -- calibrate configs/calibration/russia_gdp.toml\n{}",
                run.stdout
            ),
        ),
    );
}

#[test]
fn calibration_md_area_control_series() {
    let run = sgsim_in(
        &workspace_root(),
        &["calibrate", "configs/calibration/area_control.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_block(
        "docs/CALIBRATION.md",
        "calibration-area-control",
        &fenced(
            "console",
            &format!(
                "$ cargo run --release -p sgsim-cli -- calibrate configs/calibration/area_control.toml\n{}",
                run.stdout
            ),
        ),
    );
}

// ---------------------------------------------------------------------------------------
// Tidy: output outside generated blocks, and the TOML the docs show

/// Fenced blocks that look like sgsim output but are written by hand, or that no test can
/// produce cheaply; each `(doc, first line of the block, why)`.
const HAND_WRITTEN: &[(&str, &str, &str)] = &[
    (
        "docs/CLUSTER.md",
        "error: missing shard folders:",
        "two messages of `sgsim merge` from two different situations (a missing shard, a shard \
         still running), to illustrate what it checks",
    ),
    (
        "docs/OUTPUT.md",
        "0,2022-02-24,ceasefire_agreed,RUS,UKR,",
        "from the `probe` plugin written for the doc and not shipped (a Kremlin that violates \
         ceasefires, a Polish policy that hits its readiness floor); building it would mean \
         building a plugin crate in the docs tests",
    ),
    (
        "docs/OUTPUT.md",
        "2,2022-03-10,strike,RUS,GBR-eFP-Estonia,",
        "from the `probe` plugin written for the doc and not shipped (a strike on a covered \
         unit); see the entry above",
    ),
    (
        "docs/PLUGINS.md",
        "error: run failed: plugin `probe` 0.1.0 (policy `big_pledger`",
        "history: a plugin built against the first release of ABI version 2, which no current \
         SDK can build",
    ),
    (
        "docs/SWEEPS.md",
        "sweep: 1371 of 4000 runs already complete, resuming",
        "illustrates the line a resumed sweep prints; the counts depend on when it was \
         interrupted",
    ),
];

/// Whether a fenced block's lines look like what sgsim prints or writes.
fn looks_like_output(lang: &str, lines: &[&str]) -> bool {
    let output_headers = [
        "tick,date,",
        "run_id,run_index,",
        "arm,point,tick,",
        "arm,factor,outcome,",
        "scenario,seed,ticks,",
        "run_index,arm,point,",
    ];
    let first = lines.first().copied().unwrap_or("");
    if lang == "csv" {
        return true;
    }
    lines.iter().any(|l| {
        let l = l.trim_start();
        l.starts_with("$ sgsim")
            || l.starts_with("$ ./target/release/sgsim")
            || l.starts_with("$ /path/to/sgsim/target/release/sgsim")
            || l.starts_with("$ cargo run --release -p sgsim-cli")
            || l.starts_with("wrote ")
            || l.starts_with("merged ")
            || l.starts_with("sweep: ")
            || l.starts_with("error: ")
            || l.starts_with("ok: ")
            || l.starts_with("calibration of scenario")
            || l.starts_with("format_version = ")
            || l.starts_with("# Resolved sgsim scenario")
    }) || output_headers.iter().any(|h| first.starts_with(h))
}

struct Fence {
    line: usize,
    lang: String,
    lines: Vec<String>,
}

fn fences(text: &str) -> Vec<Fence> {
    let mut found = Vec::new();
    let mut open: Option<Fence> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("```") {
            match open.take() {
                None => {
                    open = Some(Fence {
                        line: i + 1,
                        lang: rest.trim().to_owned(),
                        lines: Vec::new(),
                    })
                }
                Some(fence) => found.push(fence),
            }
        } else if let Some(fence) = &mut open {
            fence.lines.push(line.to_owned());
        }
    }
    found
}

fn docs_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(workspace_root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                format!("docs/{}", p.file_name().unwrap().to_str().unwrap()),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.push((
        "README.md".to_owned(),
        std::fs::read_to_string(workspace_root().join("README.md")).unwrap(),
    ));
    files.sort();
    files
}

#[test]
fn tidy_every_output_sample_in_the_docs_is_generated() {
    let mut unexplained = Vec::new();
    let mut allowed_used = vec![false; HAND_WRITTEN.len()];
    for (doc, text) in docs_files() {
        let generated = blocks(&text);
        for fence in fences(&text) {
            let inside = generated
                .iter()
                .any(|b| b.begin_line < fence.line && fence.line < b.end_line);
            let lines: Vec<&str> = fence.lines.iter().map(String::as_str).collect();
            if inside || !looks_like_output(&fence.lang, &lines) {
                continue;
            }
            let first = lines.first().copied().unwrap_or("");
            match HAND_WRITTEN
                .iter()
                .position(|(d, start, _)| *d == doc && first.starts_with(start))
            {
                Some(i) => allowed_used[i] = true,
                None => {
                    unexplained.push(format!("{doc}:{}: ```{} {first}", fence.line, fence.lang))
                }
            }
        }
    }
    let stale: Vec<String> = HAND_WRITTEN
        .iter()
        .zip(&allowed_used)
        .filter(|(_, used)| !**used)
        .map(|((doc, start, _), _)| format!("{doc}: {start}"))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "output samples in the docs that no test regenerates (wrap each in \
         `<!-- generated:NAME begin -->` … `<!-- generated:NAME end -->` and generate it in \
         tests/tests/docs.rs, or add it to HAND_WRITTEN there with the reason):\n{}\n\
         HAND_WRITTEN entries that match no block any more:\n{}",
        unexplained.join("\n"),
        stale.join("\n")
    );
}

/// TOML blocks in the docs that a generator above writes to a file and runs: `(doc, first
/// line)`.
const TOML_RUN_BY_GENERATORS: &[(&str, &str)] = &[
    (OUTPUT, "name = \"faulty\""),
    (OUTPUT, "name = \"nuclear\""),
    (OUTPUT, "name = \"escalate\""),
    (OUTPUT, "name = \"breaks\""),
    (
        PLUGINS,
        "# Hungary as a transactional veto player, the United States as a fatigued donor;",
    ),
    (PLUGINS, "name = \"behaviours\""),
    (PLUGINS, "name = \"steady-hungary\""),
    (PLUGINS, "name = \"c-kyiv\""),
    (REPORT, "name = \"horizons\""),
    (SWEEPS, "name = \"screening\""),
    (SWEEPS, "name = \"huge\""),
    (SWEEPS, "name = \"faulty\""),
];

/// TOML blocks that are only parsed: `(doc, first line, why)`.
const TOML_PARSED_ONLY: &[(&str, &str, &str)] = &[
    (
        PLUGINS,
        "# Every capital uses the baseline capital policy, pledging through NATO.",
        "names plugins that are not shipped (`steady`, a `hawk` by path)",
    ),
    (
        PLUGINS,
        "[policies.kremlin]",
        "pins the SHA-256 of one build of the kremlin plugin, which every build changes",
    ),
    (
        SWEEPS,
        "status = \"interrupted\"",
        "an excerpt of an interrupted sweep's manifest",
    ),
];

/// A scenario header for a TOML fragment: the fragment's tables follow it.
const FRAGMENT_HEADER: &str = "name = \"fragment\"\nstart_date = 2022-02-24\nticks = 4\nseed = 1\n";

#[test]
fn tidy_the_toml_the_docs_show_is_valid() {
    let configs = configs_layout("toml-check");
    let mut problems = Vec::new();
    let mut checked = 0;
    for (doc, text) in docs_files() {
        let generated = blocks(&text);
        for (n, fence) in fences(&text).iter().enumerate() {
            let inside = generated
                .iter()
                .any(|b| b.begin_line < fence.line && fence.line < b.end_line);
            if fence.lang != "toml" || inside {
                continue;
            }
            let body = fence.lines.join("\n") + "\n";
            let first = fence.lines.first().map_or("", String::as_str);
            let place = format!("{doc}:{}", fence.line);
            if let Err(e) = body.parse::<toml::Table>() {
                problems.push(format!("{place}: not TOML: {e}"));
                continue;
            }
            checked += 1;
            if TOML_RUN_BY_GENERATORS.contains(&(doc.as_str(), first))
                || TOML_PARSED_ONLY
                    .iter()
                    .any(|(d, f, _)| *d == doc && *f == first)
            {
                continue;
            }
            let body = body.replace("/path/to/sgsim", &root_str());
            let file = configs.join("own").join(format!("block-{n}.toml"));
            let (cwd, args): (&Path, Vec<String>) = if body.contains("[[target]]") {
                std::fs::write(&file, &body).unwrap();
                (
                    &configs,
                    vec!["calibrate".into(), file.display().to_string()],
                )
            } else if let Some(name) = first
                .strip_prefix("name = \"")
                .and_then(|r| r.strip_suffix('"'))
                && body.contains("master_seed")
            {
                // A shipped sweep file shown in full: the same TOML as the file.
                let shipped = workspace_root().join(format!("configs/sweeps/{name}.toml"));
                let shipped = std::fs::read_to_string(&shipped).unwrap_or_default();
                match shipped.parse::<toml::Table>() {
                    Ok(t) if t == body.parse::<toml::Table>().unwrap() => {}
                    _ => problems.push(format!(
                        "{place}: the sweep `{name}` differs from configs/sweeps/{name}.toml"
                    )),
                }
                continue;
            } else if first == "[[arms]]" {
                let sweep = format!(
                    "name = \"fragment\"\nmaster_seed = 1\nreplications = 1\n\n{body}\n[factors]\nticks = 4\n"
                );
                let file = configs.join("sweeps").join(format!("block-{n}.toml"));
                std::fs::write(&file, sweep).unwrap();
                let out = configs.join("sweeps").join(format!("out-{n}"));
                (
                    &configs,
                    vec![
                        "sweep".into(),
                        file.display().to_string(),
                        "--out".into(),
                        out.display().to_string(),
                    ],
                )
            } else {
                let scenario = if body.contains("start_date") {
                    body.clone()
                } else {
                    format!("{FRAGMENT_HEADER}{body}")
                };
                std::fs::write(&file, scenario).unwrap();
                (
                    &configs,
                    vec!["validate".into(), file.display().to_string()],
                )
            };
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = sgsim_in(cwd, &args);
            if run.code != 0 {
                problems.push(format!(
                    "{place}: `sgsim {}` refuses it: {}",
                    args[0],
                    run.stderr.trim()
                ));
            }
        }
    }
    assert!(checked > 10, "found only {checked} TOML blocks in the docs");
    assert!(
        problems.is_empty(),
        "TOML in the docs that sgsim refuses (fix the doc, or list the block in \
         TOML_PARSED_ONLY of tests/tests/docs.rs with the reason):\n{}",
        problems.join("\n")
    );
}

/// Every generated block in the docs, as `doc:name`; a block no test checks would drift.
const BLOCKS_CHECKED_ELSEWHERE: &[&str] = &[
    "docs/MODEL.md:durability",
    "docs/MODEL.md:guarantee-strength",
    "docs/MODEL.md:war-termination",
    "docs/MODEL.md:robustness",
];

#[test]
fn tidy_every_generated_block_has_a_generator() {
    let source: String = std::fs::read_dir(workspace_root().join("tests/tests"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let mut orphans = Vec::new();
    for (doc, text) in docs_files() {
        for block in blocks(&text) {
            let key = format!("{doc}:{}", block.name);
            if !BLOCKS_CHECKED_ELSEWHERE.contains(&key.as_str())
                && !source.contains(&format!("\"{}\"", block.name))
            {
                orphans.push(format!("{doc}:{}: {}", block.begin_line, block.name));
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "generated blocks that no test in tests/tests/ produces:\n{}",
        orphans.join("\n")
    );
}
