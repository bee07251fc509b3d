//! Allied politics (M01–M05, M23, M25): elections fill only the office they elect, history
//! replays as recorded, the European Union decides by unanimity, and burden sharing answers
//! a US cut, all read from the real binary's traces.

use std::collections::BTreeMap;
use std::path::Path;

use sgsim_tests::{read_csv, run_made_scenario as run, sgsim, workspace_root};

/// `detail` fields of an event as a map.
fn fields(detail: &str) -> BTreeMap<&str, &str> {
    detail
        .split(';')
        .filter_map(|kv| kv.split_once('='))
        .collect()
}

/// Election events: (tick, capital, fields).
fn elections(out: &Path) -> Vec<(u32, String, BTreeMap<String, String>)> {
    let (_, rows) = read_csv(&out.join("events.csv"));
    rows.iter()
        .filter(|r| r[2] == "election")
        .map(|r| {
            let f = fields(&r[5])
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            (r[0].parse().unwrap(), r[3].clone(), f)
        })
        .collect()
}

/// Each capital's camp by tick, from resolve.csv: (camp, check_camp).
fn camps(out: &Path) -> BTreeMap<(String, u32), (String, String)> {
    let (header, rows) = read_csv(&out.join("resolve.csv"));
    assert_eq!(&header[6..], ["camp", "check_camp"]);
    rows.iter()
        .filter(|r| r[3] == "capital")
        .map(|r| {
            (
                (r[2].clone(), r[0].parse().unwrap()),
                (r[6].clone(), r[7].clone()),
            )
        })
        .collect()
}

#[test]
fn midterms_french_legislative_and_polish_presidential_elections_never_change_the_camp() {
    // Every election drawn (history_until at the start), to 2030, over several seeds: an
    // election of a check office changes at most the check office's camp.
    let dir = tempfile::tempdir().unwrap();
    let mut check_elections = 0;
    let mut check_turnovers = 0;
    for seed in 1..=6 {
        let out = run(
            dir.path(),
            "drawn",
            "history_until = 2022-02-24",
            "",
            450,
            seed,
        );
        let camps = camps(&out);
        for (tick, capital, f) in elections(&out) {
            assert_eq!(f["source"], "drawn", "{capital} {f:?}");
            let before = if tick == 0 {
                continue;
            } else {
                &camps[&(capital.clone(), tick - 1)]
            };
            let after = &camps[&(capital.clone(), tick)];
            let watched = matches!(
                (capital.as_str(), f["kind"].as_str()),
                ("USA", "midterm") | ("FRA", "parliamentary") | ("POL", "presidential")
            );
            if watched {
                assert!(f["offices"].starts_with("check_"), "{capital} {f:?}");
            }
            if f["offices"].starts_with("check_") {
                check_elections += 1;
                assert_eq!(
                    before.0, after.0,
                    "{capital}'s {} election of {} changed its camp (seed {seed})",
                    f["kind"], f["polling_day"]
                );
                assert_eq!(f["resolve_before"], f["resolve_after"]);
                if before.1 != after.1 {
                    check_turnovers += 1;
                }
            }
            if f["outcome"] == "re_elected" {
                assert_eq!(
                    before, after,
                    "{capital} re-elected yet changed (seed {seed})"
                );
            }
        }
    }
    assert!(
        check_elections >= 6 * 8,
        "{check_elections} check-office elections"
    );
    assert!(
        check_turnovers > 0,
        "check offices do change hands, so the test can fail"
    );
}

#[test]
fn one_draw_per_polling_day_and_recorded_incumbents_are_re_elected() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "history", "", "", 330, 1);
    let all = elections(&out);
    let turkey: Vec<_> = all
        .iter()
        .filter(|(_, c, f)| c == "TUR" && f["polling_day"] == "2028-05-14")
        .collect();
    assert_eq!(
        turkey.len(),
        1,
        "one election on one polling day: {turkey:?}"
    );
    assert_eq!(turkey[0].2["offices"], "executive+check");
    assert_eq!(turkey[0].2["source"], "drawn");
    let hungary = all
        .iter()
        .find(|(_, c, f)| c == "HUN" && f["polling_day"] == "2022-04-03")
        .unwrap();
    assert_eq!(
        (
            hungary.2["outcome"].as_str(),
            hungary.2["source"].as_str(),
            hungary.2["camp"].as_str()
        ),
        ("re_elected", "recorded", "sceptic")
    );
}

#[test]
fn the_replayed_history_gives_the_recorded_camps_in_every_seed() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 1..=5 {
        let out = run(dir.path(), "history", "", "", 240, seed);
        let camps = camps(&out);
        let camp = |code: &str, tick: u32| camps[&(code.to_owned(), tick)].clone();
        // Hungary sceptic from the start; Slovakia from its election of 2023-09-30 (tick 83).
        assert_eq!(camp("HUN", 0).0, "sceptic");
        assert_eq!(camp("SVK", 82).0, "fast_mover");
        assert_eq!(camp("SVK", 84).0, "sceptic");
        // A sceptic House from the 2022 midterm; a sceptic presidency from 2024-11-05.
        assert_eq!(
            camp("USA", 30),
            ("slow_roller".into(), "slow_roller".into())
        );
        assert_eq!(camp("USA", 40), ("slow_roller".into(), "sceptic".into()));
        assert_eq!(camp("USA", 141), ("sceptic".into(), "sceptic".into()));
        // Poland's presidential election of 2025 changes its president, not its camp.
        assert_eq!(
            camp("POL", 171),
            ("fast_mover".into(), "slow_roller".into())
        );
        assert_eq!(camp("HRV", 0).1, "sceptic");
    }
    // Without history the same elections are drawn.
    let out = run(dir.path(), "drawn", "history_until = 2022-02-24", "", 10, 1);
    let hungary = elections(&out)
        .into_iter()
        .find(|(_, c, _)| c == "HUN")
        .unwrap();
    assert_eq!(hungary.2["source"], "drawn");
}

#[test]
fn a_sceptic_house_holds_us_pledges_until_it_appropriates_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "history", "", "", 140, 1);
    let (_, events) = read_csv(&out.join("events.csv"));
    let first_held = events
        .iter()
        .find(|e| e[2] == "appropriation_held" && e[3] == "USA")
        .expect("held");
    assert!(first_held[5].contains("check_camp=sceptic"));
    // The brake begins with the sceptic House of the 2022 midterm (tick 36) ...
    assert!(first_held[0].parse::<u32>().unwrap() >= 36);
    // ... and what it held arrives in lumps, each named with its amount.
    let releases: Vec<f64> = events
        .iter()
        .filter(|e| e[2] == "appropriation" && e[3] == "USA")
        .map(|e| fields(&e[5])["amount_eur_bn"].parse().unwrap())
        .collect();
    assert!(
        !releases.is_empty() && releases.iter().all(|&a| a > 0.0),
        "{releases:?}"
    );
}

#[test]
fn a_member_veto_blocks_a_military_instrument_and_delays_a_financial_one_in_events() {
    // Every EU decision left to the run, and Hungary vetoing whatever its resolve: the
    // European Peace Facility's tranches never pass (no route around unanimity there);
    // macro-financial assistance passes without Hungary after eu.bypass_weeks.
    let dir = tempfile::tempdir().unwrap();
    let veto = "[actors.HUN]\nplugin = \"baseline\"\npolicy = \"default\"\n\
                params = { conduct = { object_to_eu_below_resolve = 2.0 } }\n";
    let blocked = run(
        dir.path(),
        "veto",
        "history_until = 2022-02-24",
        veto,
        40,
        1,
    );
    // The control: the same, with Hungary never objecting (a sceptic Hungary otherwise
    // objects below its resolve of 0.1 too, whenever its drawn 2022 election keeps it).
    let never = "[actors.HUN]\nplugin = \"baseline\"\npolicy = \"default\"\n\
                 params = { conduct = { object_to_eu_below_resolve = 0.0 } }\n";
    let free = run(
        dir.path(),
        "free",
        "history_until = 2022-02-24",
        never,
        40,
        1,
    );
    let decisions = |out: &Path| -> Vec<(u32, String, BTreeMap<String, String>)> {
        let (_, rows) = read_csv(&out.join("events.csv"));
        rows.iter()
            .filter(|r| r[2] == "eu_instrument" || r[2] == "eu_veto")
            .map(|r| {
                let f = fields(&r[5])
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                (r[0].parse().unwrap(), r[2].clone(), f)
            })
            .collect()
    };
    let (vetoed, control) = (decisions(&blocked), decisions(&free));
    let adopted = |events: &[(u32, String, BTreeMap<String, String>)], name: &str| {
        events
            .iter()
            .find(|(_, kind, f)| kind == "eu_instrument" && f["instrument"] == name)
            .map(|(tick, _, f)| (*tick, f["decision"].clone(), f["contributors"].clone()))
    };
    assert!(vetoed.iter().any(|(_, kind, f)| kind == "eu_veto"
        && f["instrument"] == "epf_2022_tranche_1"
        && f["source"] == "decided"));
    assert_eq!(
        adopted(&vetoed, "epf_2022_tranche_1"),
        None,
        "blocked for good"
    );
    assert!(adopted(&control, "epf_2022_tranche_1").is_some());
    let (tick, how, contributors) = adopted(&vetoed, "mfa_exceptional_2022_1").unwrap();
    let (free_tick, free_how, _) = adopted(&control, "mfa_exceptional_2022_1").unwrap();
    assert_eq!((how.as_str(), contributors.as_str()), ("bypassed", "22"));
    assert_eq!(free_how, "unanimous");
    assert_eq!(tick, free_tick + 9, "delayed by eu.bypass_weeks");
    let summary = |out: &Path| -> u32 {
        let (header, rows) = read_csv(&out.join("summary.csv"));
        let i = header.iter().position(|h| h == "eu_vetoes").unwrap();
        rows[0][i].parse().unwrap()
    };
    assert!(summary(&blocked) > summary(&free));
}

#[test]
fn europe_fills_part_of_a_us_gap_by_an_amount_that_emerges() {
    // S02 against its counterfactual (configs/sweeps/us_gap.toml), paired on common random
    // numbers at each of nine values of the two unidentified valuations: Europe's
    // deliveries rise when the US cuts, by less than the cut, except where the war ends in a
    // ceasefire after the cut and aid falls with it. The table
    // in docs/MODEL.md (9.6) is this test's output.
    let (header, rows) = sgsim_tests::run_shipped_sweep("us_gap");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (arm, rep, point) = (col("arm"), col("replication"), col("point"));
    let (public, private) = (
        col("factor.policies.capital.params.public_value_share_of_gdp"),
        col("factor.policies.capital.params.private_value_share_of_gdp"),
    );
    let points: std::collections::BTreeSet<u32> =
        rows.iter().map(|r| r[point].parse().unwrap()).collect();
    assert_eq!(points.len(), 9);
    let mut table = String::from(
        "| a (public) | b (private) | US deliveries, change | Europe's deliveries, change (95% CI) | share of the US cut Europe fills | weeks of ceasefire, change |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut fitted = 0;
    for p in points {
        let in_point: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[point].parse::<u32>().unwrap() == p)
            .collect();
        let pick = |which: &str, column: &str| -> Vec<f64> {
            let mut values: Vec<(u32, f64)> = in_point
                .iter()
                .filter(|r| r[arm] == which)
                .map(|r| {
                    let value = &r[col(column)];
                    let value = if value.is_empty() {
                        0.0
                    } else {
                        value.parse().unwrap()
                    };
                    (r[rep].parse().unwrap(), value)
                })
                .collect();
            values.sort_by_key(|v| v.0);
            values.into_iter().map(|v| v.1).collect()
        };
        let paired = |column: &str| {
            sgsim_stats::paired_bootstrap(
                &pick("us_stays", column),
                &pick("us_withdraws", column),
                2000,
                0.95,
                7,
            )
        };
        let (europe, us) = (paired("aid_delivered_europe"), paired("aid_delivered_us"));
        let ceasefire = paired("ceasefire_weeks");
        assert_eq!(europe.n, 20);
        assert!(us.upper < -10.0, "the US cuts at point {p}: {us:?}");
        // Europe does not give less, unless the war ends in a ceasefire after the cut, sooner
        // than without it or for half a year and more on average (aid falls in a ceasefire,
        // 7.13): then its deliveries over the run may fall. Where its public and private
        // values are low its response may be within the noise of the paired runs.
        assert!(
            europe.upper > 0.0
                || (europe.difference < 0.0
                    && (ceasefire.lower > 0.0 || ceasefire.treated_mean >= 26.0)),
            "Europe gives more at point {p}, or the war ends in a ceasefire after the cut: {europe:?}, ceasefire weeks {ceasefire:?}"
        );
        assert!(
            europe.difference < -us.difference,
            "and fills only part of the gap at point {p}: {europe:?} against {us:?}"
        );
        let (a, b) = (&in_point[0][public], &in_point[0][private]);
        if a.parse::<f64>().unwrap() == 0.0055 && b.parse::<f64>().unwrap() == 0.001 {
            assert!(europe.lower > 0.0, "at the fitted defaults: {europe:?}");
            fitted += 1;
        }
        table.push_str(&format!(
            "| {a} | {b} | {:+.1} EUR bn | {:+.2} EUR bn ({:+.2} to {:+.2}) | {:.1}% | {:+.1} |\n",
            us.difference,
            europe.difference,
            europe.lower,
            europe.upper,
            100.0 * europe.difference / -us.difference,
            ceasefire.difference,
        ));
    }
    assert_eq!(fitted, 1, "the grid holds the fitted defaults");
    sgsim_tests::docs::check_block("docs/MODEL.md", "us-gap", &table);
}

#[test]
fn frontline_allies_give_more_of_their_gdp_than_distant_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "history", "", "", 156, 1);
    let allies: toml::Table =
        std::fs::read_to_string(workspace_root().join("configs/data/allies.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let mut gdp = BTreeMap::new();
    let mut border = BTreeMap::new();
    for ally in allies["ally"].as_array().unwrap() {
        let code = ally["code"].as_str().unwrap().to_owned();
        gdp.insert(code.clone(), ally["gdp_usd_bn"].as_float().unwrap());
        border.insert(code, ally["borders_russia"].as_bool().unwrap());
    }
    let (_, rows) = read_csv(&out.join("aid_flows.csv"));
    let mut given: BTreeMap<String, f64> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| r[6] != "0.000000" || r[7] != "0.000000")
    {
        *given.entry(row[2].clone()).or_default() += row[7].parse::<f64>().unwrap();
    }
    let share = |frontline: bool| -> f64 {
        let codes: Vec<&String> = border
            .iter()
            .filter(|(c, b)| **b == frontline && c.as_str() != "ISL")
            .map(|(c, _)| c)
            .collect();
        codes.iter().map(|c| given[*c] / gdp[*c]).sum::<f64>() / codes.len() as f64
    };
    let (front, distant) = (share(true), share(false));
    assert!(
        front > 1.5 * distant,
        "frontline {front:.5} against distant {distant:.5} of GDP"
    );
}

/// Runs a shipped scenario with `--ticks 260` and `--seed`.
fn shipped(dir: &Path, name: &str, seed: u64) -> std::path::PathBuf {
    let out = dir.join(format!("{name}-{seed}"));
    let scenario = workspace_root().join(format!("configs/scenarios/{name}.toml"));
    let seed = seed.to_string();
    let result = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--ticks",
        "260",
        "--seed",
        &seed,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.code, 0, "{name}: {}", result.stderr);
    out
}

/// Weekly military deliveries by channel ("" for all channels) from aid_flows.csv.
fn weekly_military(out: &Path, channel: &str, ticks: usize) -> Vec<f64> {
    let (header, rows) = read_csv(&out.join("aid_flows.csv"));
    assert_eq!(
        header,
        [
            "tick",
            "date",
            "donor",
            "recipient",
            "channel",
            "category",
            "pledged",
            "delivered"
        ]
    );
    let mut weekly = vec![0.0; ticks];
    for row in rows
        .iter()
        .filter(|r| r[5] == "military" && (channel.is_empty() || r[4] == channel))
    {
        weekly[row[0].parse::<usize>().unwrap()] += row[7].parse::<f64>().unwrap();
    }
    weekly
}

/// Coefficient of variation of `series` over `weeks`.
fn variation(series: &[f64], weeks: &[usize]) -> f64 {
    let values: Vec<f64> = weeks.iter().map(|&w| series[w]).collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let var = values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / values.len() as f64;
    var.sqrt() / mean
}

fn summary_value(out: &Path, column: &str) -> f64 {
    let (header, rows) = read_csv(&out.join("summary.csv"));
    let at = header.iter().position(|h| h == column).unwrap();
    rows[0][at].parse().unwrap()
}

#[test]
fn nato_coordinated_aid_is_no_less_predictable_once_committed_and_never_pledged_twice() {
    // S03 against S01, paired by seed. An approved package commits the allies for a year
    // (`nac.commitment_weeks` 52): pledges made from the end of the package's release
    // (4 weeks) to the end of the commitment are delivered, after the NATO channel's 10
    // weeks, in weeks [t + 14, t + 62) of an approval at t. In those weeks the NATO
    // channel's deliveries vary less than bilateral aid in the paired baseline, and all
    // military deliveries vary about as much as without coordination.
    let dir = tempfile::tempdir().unwrap();
    for seed in 1..=3 {
        let s03 = shipped(dir.path(), "natoized_aid", seed);
        let s01 = shipped(dir.path(), "baseline", seed);
        let (_, events) = read_csv(&s03.join("events.csv"));
        let approvals: Vec<usize> = events
            .iter()
            .filter(|e| e[2] == "nac_decision" && e[5] == "item=aid_package")
            .map(|e| e[0].parse().unwrap())
            .collect();
        assert!(!approvals.is_empty(), "seed {seed}: a package passes");
        let mut weeks: Vec<usize> = approvals
            .iter()
            .flat_map(|&t| (t + 14)..(t + 62).min(260))
            .collect();
        weeks.sort_unstable();
        weeks.dedup();
        assert!(
            weeks.len() >= 52,
            "seed {seed}: {} committed weeks",
            weeks.len()
        );
        let nato = variation(&weekly_military(&s03, "nato", 260), &weeks);
        let bilateral = variation(&weekly_military(&s01, "bilateral", 260), &weeks);
        assert!(
            nato < bilateral,
            "seed {seed}: NATO {nato:.3} against bilateral {bilateral:.3}"
        );
        // Coordination adds no lumps of its own to all military aid: its variation stays
        // within a quarter of the uncoordinated one (released in one lump, NATO packages
        // used to make it several times larger; the two worlds' wars part ways, which
        // moves the ratio by up to a fifth on these seeds).
        let coordinated = variation(&weekly_military(&s03, "", 260), &weeks);
        let uncoordinated = variation(&weekly_military(&s01, "", 260), &weeks);
        assert!(
            coordinated <= 1.25 * uncoordinated,
            "seed {seed}: all military aid {coordinated:.3} with NATO coordination, {uncoordinated:.3} without"
        );

        // Each pledge is counted once: the summary's total is the sum of the pledges in
        // aid_flows.csv, and pooled pledges a capital takes back into its own pipeline
        // (pool_withdrawn) are not pledged again.
        let (_, flows) = read_csv(&s03.join("aid_flows.csv"));
        let pledged: f64 = flows.iter().map(|r| r[6].parse::<f64>().unwrap()).sum();
        let delivered: f64 = flows.iter().map(|r| r[7].parse::<f64>().unwrap()).sum();
        let total = summary_value(&s03, "aid_pledged");
        assert!(
            (pledged - total).abs() < 1e-6 * flows.len() as f64,
            "seed {seed}: {pledged} in aid_flows.csv, {total} in summary.csv"
        );
        assert!(delivered <= pledged, "seed {seed}");
        let withdrawn: f64 = events
            .iter()
            .filter(|e| e[2] == "pool_withdrawn")
            .map(|e| fields(&e[5])["amount_eur_bn"].parse::<f64>().unwrap())
            .sum();
        assert!(
            withdrawn > 1.0,
            "seed {seed}: pledges are taken back ({withdrawn})"
        );
        // A pooled pledge taken back is delivered once, through the capital's own pipeline:
        // all deliveries stay within all pledges (checked above; a package's common-funded
        // share moves deliveries between allies, so the check is over all of them). The
        // difference of the totals from S01's measures the two worlds' wars, not the
        // counting (-12.8 to +10.3 EUR bn over seeds 1-5, against 4.6-4.8 taken back).
    }
}

#[test]
fn membership_and_a_mission_put_to_consensus_are_the_sweep_arms_of_their_premises() {
    // configs/sweeps/membership_politics.toml, paired by replication: with the decision
    // as a premise every run invites Ukraine and authorises the mission by premise; put
    // to consensus, the same capitals' rules block what they object to; transactional
    // holdouts delay accession in every replication.
    let (header, rows) = sgsim_tests::run_shipped_sweep("membership_politics");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let arm = |name: &str| -> BTreeMap<u32, &Vec<String>> {
        rows.iter()
            .filter(|r| r[col("arm")] == name)
            .map(|r| (r[col("replication")].parse().unwrap(), r))
            .collect()
    };
    let (agreed, consensus, holdouts) = (
        arm("membership_agreed"),
        arm("membership_consensus"),
        arm("membership_holdouts"),
    );
    assert_eq!(agreed.len(), 20);
    let date = |r: &Vec<String>, column: &str| r[col(column)].clone();
    for (rep, run) in &agreed {
        assert!(!date(run, "accession_date").is_empty(), "replication {rep}");
        assert!(
            !date(run, "invitation_date").is_empty(),
            "replication {rep}"
        );
        let late = date(holdouts[rep], "accession_date");
        assert!(
            late > date(run, "accession_date"),
            "replication {rep}: holdouts delay accession ({late})"
        );
    }
    let failures: u32 = consensus
        .values()
        .map(|r| r[col("consensus_failures")].parse::<u32>().unwrap())
        .sum();
    let invited = consensus
        .values()
        .filter(|r| !date(r, "invitation_date").is_empty())
        .count();
    assert!(failures > 0, "objections under consensus");
    assert!(invited < 20, "{invited} of 20 invited under consensus");
    let (mission, mission_consensus) = (arm("mission_agreed"), arm("mission_consensus"));
    for (rep, run) in &mission {
        let losses: f64 = run[col("allied_losses")].parse().unwrap();
        let voted: f64 = mission_consensus[rep][col("allied_losses")]
            .parse()
            .unwrap();
        assert!(losses > 0.0, "replication {rep}: the mission fights");
        assert!(
            voted < losses,
            "replication {rep}: consensus delays or blocks it"
        );
    }
    let mut table = String::from(
        "| arm | runs with an invitation | runs with accession | median accession | consensus failures per run | renewed aggression | allied losses per run |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for name in [
        "membership_agreed",
        "membership_consensus",
        "membership_holdouts",
        "mission_agreed",
        "mission_consensus",
    ] {
        let runs = arm(name);
        let count = |column: &str| runs.values().filter(|r| !r[col(column)].is_empty()).count();
        let mean = |column: &str| {
            runs.values()
                .map(|r| match r[col(column)].as_str() {
                    "true" => 1.0,
                    "false" => 0.0,
                    v => v.parse::<f64>().unwrap(),
                })
                .sum::<f64>()
                / runs.len() as f64
        };
        let mut accessions: Vec<String> = runs
            .values()
            .map(|r| date(r, "accession_date"))
            .filter(|d| !d.is_empty())
            .collect();
        accessions.sort();
        let median = accessions
            .get(accessions.len() / 2)
            .cloned()
            .unwrap_or_else(|| "none".to_owned());
        table.push_str(&format!(
            "| {name} | {} of {} | {} | {median} | {:.2} | {:.2} | {:.0} |\n",
            count("invitation_date"),
            runs.len(),
            count("accession_date"),
            mean("consensus_failures"),
            mean("renewed_aggression"),
            mean("allied_losses"),
        ));
    }
    sgsim_tests::docs::check_block("docs/MODEL.md", "membership-politics", &table);
}

#[test]
fn every_new_data_value_has_a_source() {
    // A copy of the data with one source removed is refused at that key.
    let root = workspace_root().join("configs/data");
    // (file, the line to change, what it becomes, the error).
    let cases = [
        (
            "allies.toml",
            "public_support = \"Flash Eurobarometer",
            "",
            "has no source for `public_support`",
        ),
        (
            "allies.toml",
            "source = \"Fidesz-KDNP (Orban) re-elected",
            "",
            "HUN's recorded election has no `source`",
        ),
        (
            "eu.toml",
            "source = \"Ukraine Facility, EUR 50bn",
            "source = \"\"",
            "ukraine_facility has no source",
        ),
        (
            "donors.toml",
            "source = \"AUD 1.7bn",
            "source = \" \"",
            "AUS has no source",
        ),
        (
            "allies.toml",
            "readiness_worry = \"INSA for Focus",
            "",
            "has no source for `readiness_worry`",
        ),
        (
            "supply.toml",
            "united_states_production = \"Pentagon",
            "",
            "[artillery] has no source for `united_states_production`",
        ),
        (
            "supply.toml",
            "need_per_week = \"Defence minister Umerov",
            "",
            "[kyiv_artillery] has no source for `need_per_week`",
        ),
        (
            "reconstruction.toml",
            "source = \"RDNA3",
            "source = \"\"",
            "assessment 4 has no source",
        ),
        (
            "front.toml",
            "axis_weight = \"(estimate: the Russian Ministry of Defence",
            "",
            "[sector.donbas] has no source for `axis_weight`",
        ),
        (
            "front.toml",
            "total_area_source = ",
            "total_area_source = \"\"",
            "the total area needs a source",
        ),
    ];
    for (file, line, replacement, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        for name in sgsim_cli::config::DATA_FILES {
            let text = std::fs::read_to_string(root.join(name)).unwrap();
            let text = if name == file {
                let mut hits = 0;
                let changed: String = text
                    .lines()
                    .map(|l| {
                        if l.starts_with(line) && hits == 0 {
                            hits += 1;
                            replacement.to_owned()
                        } else {
                            l.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                assert_eq!(hits, 1, "{line}");
                changed
            } else {
                text
            };
            std::fs::write(data.join(name), text).unwrap();
        }
        let scenario = dir.path().join("s.toml");
        std::fs::write(
            &scenario,
            "start_date = 2022-02-24\nticks = 2\nseed = 1\ndata_dir = \"data\"\n",
        )
        .unwrap();
        let run = sgsim(&["validate", scenario.to_str().unwrap()]);
        assert_eq!(run.code, 3, "{file}: {}", run.stderr);
        assert!(run.stderr.contains(file), "{}", run.stderr);
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
    }
}
