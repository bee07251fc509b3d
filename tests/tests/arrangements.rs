//! The signature of each security arrangement (S03–S07, S09, S10) in the traces of its
//! shipped scenario, over a handful of seeds. Each test checks what distinguishes the
//! arrangement (which institutions act, who stands where, what is recorded), not an
//! outcome a source article predicts.

use std::path::{Path, PathBuf};

use sgsim_tests::{read_csv, sgsim, workspace_root};

const SEEDS: [&str; 3] = ["1", "2", "3"];

/// A CSV file with its columns by name.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(dir: &Path, file: &str) -> Table {
        let (header, rows) = read_csv(&dir.join(file));
        Table { header, rows }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        &row[self.col(name)]
    }

    fn num(&self, row: &[String], name: &str) -> f64 {
        self.get(row, name).parse().unwrap()
    }

    fn tick(&self, row: &[String]) -> u32 {
        self.get(row, "tick").parse().unwrap()
    }

    /// Rows whose `column` equals `value`.
    fn rows_where<'a>(
        &'a self,
        column: &'a str,
        value: &'a str,
    ) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        self.rows
            .iter()
            .filter(move |r| self.get(r, column) == value)
    }
}

/// Runs a shipped scenario for a seed (optionally fewer ticks, extra flags) and returns
/// the output folder.
fn run(dir: &Path, name: &str, seed: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("{name}-{seed}"));
    let scenario = workspace_root().join(format!("configs/scenarios/{name}.toml"));
    let mut args = vec![
        "run",
        scenario.to_str().unwrap(),
        "--seed",
        seed,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let result = sgsim(&args);
    assert_eq!(result.code, 0, "{name} seed {seed}: {}", result.stderr);
    out
}

fn summary(out: &Path, column: &str) -> String {
    let t = Table::read(out, "summary.csv");
    t.get(&t.rows[0], column).to_owned()
}

#[test]
fn natoized_aid_moves_aid_through_the_council_with_vetoes_side_payments_and_longer_delays() {
    // S03: every default capital pledges through NATO; packages wait for the Council.
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "natoized_aid", seed, &["--ticks", "160"]);
        let base = run(dir.path(), "baseline", seed, &["--ticks", "160"]);
        let aid = Table::read(&out, "aid_flows.csv");
        let nato_delivered = |t: &Table| -> f64 {
            t.rows_where("channel", "nato")
                .map(|r| t.num(r, "delivered"))
                .sum()
        };
        assert!(nato_delivered(&aid) > 0.0, "seed {seed}");
        assert!(
            !aid.rows.iter().any(|r| aid.get(r, "channel") == "ramstein"),
            "nothing goes through Ramstein (seed {seed})"
        );
        // The NATO channel's first deliveries come after the first package decision plus its
        // 10-week delay; the baseline's Ramstein aid arrives after 6 weeks.
        let first = |t: &Table, channel: &str| {
            t.rows_where("channel", channel)
                .filter(|r| t.num(r, "delivered") > 0.0)
                .map(|r| t.tick(r))
                .min()
                .unwrap()
        };
        let base_aid = Table::read(&base, "aid_flows.csv");
        assert_eq!(first(&aid, "nato"), 11, "seed {seed}");
        assert_eq!(first(&base_aid, "ramstein"), 6, "seed {seed}");
        let events = Table::read(&out, "events.csv");
        let payments: Vec<_> = events.rows_where("kind", "side_payment").collect();
        assert_eq!(payments.len(), 1, "one standing deal (seed {seed})");
        assert_eq!(events.get(payments[0], "actor"), "HUN");
        assert_eq!(
            events.get(payments[0], "detail"),
            "item=aid_package;eur_bn=1.000000"
        );
        let vetoes: Vec<_> = events.rows_where("kind", "veto").collect();
        assert!(
            vetoes.iter().any(|v| events.get(v, "actor") == "SVK"),
            "the sceptic Slovak government objects without a price (seed {seed})"
        );
        assert!(
            vetoes
                .iter()
                .all(|v| events.get(v, "detail") == "item=aid_package"
                    && events.get(v, "actor") != "HUN"),
            "Hungary's objection was bought (seed {seed})"
        );
        let failures: usize = summary(&out, "consensus_failures").parse().unwrap();
        let mut blocked: Vec<u32> = vetoes.iter().map(|v| events.tick(v)).collect();
        blocked.dedup();
        assert_eq!(
            failures,
            blocked.len(),
            "one failure per blocked package (seed {seed})"
        );
        // After a blocked package, capitals pledge bilaterally for a while (M03).
        let first_block = blocked[0];
        assert!(
            aid.rows_where("channel", "bilateral")
                .filter(|r| aid.get(r, "donor") != "HUN")
                .any(|r| aid.tick(r) > first_block && aid.num(r, "pledged") > 0.0),
            "rerouted (seed {seed})"
        );
        // A blocked package stays in the pool.
        let war = Table::read(&out, "war.csv");
        let last_veto = events.tick(vetoes.last().unwrap()) as usize;
        assert!(war.num(&war.rows[last_veto], "nato_pool_eur_bn") > 0.0);
        assert_eq!(summary(&base, "consensus_failures"), "0");
    }
}

#[test]
fn armed_neutrality_brings_committed_aid_and_denial_but_no_guarantee() {
    // S04: from 2024-07-10 (tick 124) every ally commits 0.25% of GDP a year.
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "armed_neutrality", seed, &["--ticks", "200"]);
        let base = run(dir.path(), "baseline", seed, &["--ticks", "200"]);
        let pledged = |dir: &Path, from: u32, to: u32| -> f64 {
            let t = Table::read(dir, "aid_flows.csv");
            t.rows_where("category", "military")
                .filter(|r| (from..to).contains(&t.tick(r)))
                .map(|r| t.num(r, "pledged"))
                .sum()
        };
        // Before the commitment the two runs pledge about the same; after it, far more.
        let (before, before_base) = (pledged(&out, 0, 124), pledged(&base, 0, 124));
        assert!(
            (before / before_base - 1.0).abs() < 0.25,
            "{before} vs {before_base}"
        );
        let (after, after_base) = (pledged(&out, 126, 200), pledged(&base, 126, 200));
        assert!(
            after > 1.5 * after_base,
            "{after} vs {after_base} (seed {seed})"
        );
        let war = Table::read(&out, "war.csv");
        let denial: Vec<f64> = war
            .rows
            .iter()
            .map(|r| war.num(r, "ukraine_denial_eur_bn"))
            .collect();
        assert!(denial[10] > 0.0 && denial[199] > denial[100], "seed {seed}");
        assert!(
            war.rows
                .iter()
                .all(|r| war.num(r, "guarantee_credibility") == 0.0),
            "no guarantee, no credibility (seed {seed})"
        );
        // The baseline's denial is its air defence alone; armed neutrality adds long-range
        // strike from a third of the equipment and its committed aid.
        let base_war = Table::read(&base, "war.csv");
        let base_denial = base_war.num(&base_war.rows[199], "ukraine_denial_eur_bn");
        assert!(
            denial[199] > 1.5 * base_denial,
            "{} vs {base_denial} (seed {seed})",
            denial[199]
        );
    }
}

#[test]
fn nato_membership_has_one_ratification_per_ally_before_accession_and_article5_only_after() {
    // S05, with Hungary and Türkiye as transactional holdouts (the `membership_holdouts`
    // arm of configs/sweeps/membership_politics.toml).
    let dir = tempfile::tempdir().unwrap();
    let holdouts = [
        "--set",
        "actors.HUN.plugin=capitals",
        "--set",
        "actors.HUN.policy=transactional",
        "--set",
        "actors.TUR.plugin=capitals",
        "--set",
        "actors.TUR.policy=transactional",
    ];
    for seed in SEEDS {
        let out = run(dir.path(), "nato_membership", seed, &holdouts);
        let events = Table::read(&out, "events.csv");
        assert!(
            events
                .rows_where("kind", "nac_decision")
                .any(|r| events.get(r, "detail") == "item=invitation;by=premise"),
            "the allies' decision to invite is the premise (seed {seed})"
        );
        let at = |kind: &str| -> Vec<u32> {
            events
                .rows_where("kind", kind)
                .map(|r| events.tick(r))
                .collect()
        };
        let ceasefire = at("ceasefire_agreed")[0];
        let invitation = at("invitation");
        assert_eq!(invitation.len(), 1, "seed {seed}");
        assert!(
            invitation[0] > ceasefire,
            "the war-over precondition (seed {seed})"
        );
        let ratifications: Vec<(&str, u32)> = events
            .rows_where("kind", "ratification")
            .map(|r| (events.get(r, "actor"), events.tick(r)))
            .collect();
        let mut allies: Vec<&str> = ratifications.iter().map(|r| r.0).collect();
        allies.sort_unstable();
        allies.dedup();
        assert_eq!(ratifications.len(), 32, "one per ally (seed {seed})");
        assert_eq!(allies.len(), 32, "seed {seed}");
        let accession = at("accession");
        assert_eq!(accession.len(), 1, "seed {seed}");
        let last = ratifications.iter().map(|r| r.1).max().unwrap();
        assert_eq!(accession[0], last, "accession with the last ratification");
        assert!(ratifications.iter().all(|r| r.1 > invitation[0]));
        let holdouts: Vec<&str> = ratifications
            .iter()
            .filter(|r| r.1 == last)
            .map(|r| r.0)
            .collect();
        assert_eq!(
            holdouts,
            ["HUN", "TUR"],
            "the transactional allies hold out (seed {seed})"
        );
        // Article 5 covers Ukraine from accession on, never before.
        let posture = Table::read(&out, "force_posture.csv");
        for row in posture.rows_where("actor", "UKR") {
            let covered = posture.get(row, "article5_covered") == "true";
            assert_eq!(covered, posture.tick(row) >= accession[0], "seed {seed}");
        }
        assert!(summary(&out, "accession_date") > summary(&out, "invitation_date"));
    }
}

#[test]
fn a_coalition_guarantee_binds_europeans_only_and_is_invoked_when_the_ceasefire_breaks() {
    // S06.
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "coalition_guarantee", seed, &[]);
        let events = Table::read(&out, "events.csv");
        let first = |kind: &str| {
            events
                .rows_where("kind", kind)
                .map(|r| events.tick(r))
                .next()
        };
        let ceasefire = first("ceasefire_agreed").expect("a ceasefire comes");
        assert_eq!(first("guarantee_in_force"), Some(ceasefire), "seed {seed}");
        let beliefs = Table::read(&out, "beliefs.csv");
        let guarantor = |code: &str| {
            beliefs
                .rows_where("guarantor", code)
                .all(|r| beliefs.get(r, "is_guarantor") == "true")
        };
        assert!(guarantor("GBR") && guarantor("FRA") && guarantor("POL"));
        assert!(
            beliefs
                .rows_where("guarantor", "USA")
                .all(|r| beliefs.get(r, "is_guarantor") == "false"
                    && beliefs.num(r, "credibility") == 0.0),
            "no US commitment (seed {seed})"
        );
        let war = Table::read(&out, "war.csv");
        let credibility = |tick: u32| war.num(&war.rows[tick as usize], "guarantee_credibility");
        assert!(
            credibility(ceasefire) > credibility(ceasefire - 1),
            "seed {seed}"
        );
        // Each break of a ceasefire under the guarantee invokes it in the same week, and the
        // guarantors' defender brigades go to the line.
        let breaks: Vec<u32> = events
            .rows_where("kind", "ceasefire_broken")
            .map(|r| events.tick(r))
            .collect();
        let invoked: Vec<u32> = events
            .rows_where("kind", "guarantee_invoked")
            .map(|r| events.tick(r))
            .collect();
        assert_eq!(breaks, invoked, "seed {seed}");
        if let Some(&first_break) = breaks.first() {
            let posture = Table::read(&out, "force_posture.csv");
            assert!(
                posture
                    .rows_where("unit", "GBR-guarantee-brigade")
                    .any(|r| {
                        posture.tick(r) > first_break
                            && posture.get(r, "location") == "ukraine_front"
                    }),
                "seed {seed}"
            );
            assert!(
                posture
                    .rows_where("unit", "GBR-guarantee-brigade")
                    .filter(|r| posture.tick(r) < first_break)
                    .all(|r| !posture.get(r, "location").starts_with("ukraine")),
                "out of Ukraine until called (seed {seed})"
            );
        }
        assert_eq!(summary(&out, "article5_invocations"), "0", "outside NATO");
    }
}

#[test]
fn a_korean_armistice_brings_a_treaty_weeks_later_stationed_us_troops_and_commitments() {
    // S07.
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "korean_armistice", seed, &["--decisions"]);
        let events = Table::read(&out, "events.csv");
        let first = |kind: &str| {
            events
                .rows_where("kind", kind)
                .map(|r| events.tick(r))
                .next()
        };
        let armistice = first("ceasefire_agreed").expect("an armistice comes");
        assert_eq!(
            first("guarantee_in_force"),
            Some(armistice + 13),
            "the treaty 13 weeks in (seed {seed})"
        );
        let posture = Table::read(&out, "force_posture.csv");
        let brigade: Vec<_> = posture
            .rows_where("unit", "USA-stationed-brigade")
            .collect();
        assert!(
            brigade
                .iter()
                .filter(|r| posture.tick(r) < armistice)
                .all(|r| posture.get(r, "location") == "allied_territory")
        );
        assert!(
            brigade.iter().any(
                |r| posture.tick(r) > armistice && posture.get(r, "location") == "ukraine_rear"
            ),
            "US troops stationed in Ukraine (seed {seed})"
        );
        // Commitments reach the capitals' observations only after the armistice.
        let decisions = Table::read(&out, "decisions.csv");
        let committed: Vec<u32> = decisions
            .rows_where("field", "commitment_eur_bn_per_week")
            .filter(|r| decisions.num(r, "value") > 0.0)
            .map(|r| decisions.tick(r))
            .collect();
        assert!(!committed.is_empty(), "seed {seed}");
        assert!(committed.iter().all(|&t| t > armistice), "seed {seed}");
    }
}

#[test]
fn a_full_nato_mission_goes_to_the_council_and_once_authorised_fights_at_the_line() {
    // S09: the mission is before the Council from 2023-01-01 (tick 45).
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "full_nato_mission", seed, &["--ticks", "150"]);
        let events = Table::read(&out, "events.csv");
        let mission_items: Vec<u32> = events
            .rows
            .iter()
            .filter(|r| {
                events.get(r, "detail") == "item=mission"
                    || events.get(r, "kind") == "mission_authorised"
            })
            .map(|r| events.tick(r))
            .collect();
        assert!(!mission_items.is_empty(), "seed {seed}");
        assert!(
            mission_items.iter().all(|&t| t >= 45),
            "not before its date"
        );
        let authorised = events
            .rows_where("kind", "mission_authorised")
            .map(|r| events.tick(r))
            .next()
            .expect("authorised in these runs");
        let posture = Table::read(&out, "force_posture.csv");
        let war = Table::read(&out, "war.csv");
        assert!(
            posture
                .rows_where("unit", "USA-mission")
                .filter(|r| posture.tick(r) <= authorised)
                .all(|r| posture.get(r, "location") == "home"
                    || posture.get(r, "location") == "allied_territory")
        );
        assert!(
            posture
                .rows_where("unit", "USA-mission")
                .any(|r| posture.tick(r) > authorised
                    && posture.get(r, "location") == "ukraine_front"),
            "seed {seed}"
        );
        let power = |tick: usize| war.num(&war.rows[tick], "allied_combat_power");
        assert_eq!(power(authorised as usize), 0.0);
        assert!(power(149) > 0.0, "allied units fight (seed {seed})");
        let losses: f64 = summary(&out, "allied_losses").parse().unwrap();
        assert!(losses > 0.0, "seed {seed}");
    }
}

#[test]
fn trainers_in_ukraine_raise_training_and_are_exposed_to_strikes_that_test_their_owners() {
    // S10.
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let out = run(dir.path(), "trainers_in_ukraine", seed, &[]);
        let base = run(dir.path(), "baseline", seed, &[]);
        let posture = Table::read(&out, "force_posture.csv");
        let war = Table::read(&out, "war.csv");
        let at_war = |tick: u32| war.get(&war.rows[tick as usize], "ceasefire") == "false";
        assert!(
            posture
                .rows
                .iter()
                .any(|r| posture.get(r, "unit").ends_with("-trainers")
                    && posture.get(r, "location") == "ukraine_rear"
                    && posture.get(r, "article5_covered") == "false"
                    && at_war(posture.tick(r))),
            "trainers inside Ukraine during the war, uncovered (seed {seed})"
        );
        let events = Table::read(&out, "events.csv");
        let strikes: Vec<_> = events.rows_where("kind", "strike").collect();
        assert!(!strikes.is_empty(), "tests can target them (seed {seed})");
        for strike in &strikes {
            assert!(events.get(strike, "target").ends_with("-trainers"));
            // The owner answers the following week.
            let owner_unit = events.get(strike, "target");
            let owner = owner_unit.trim_end_matches("-trainers");
            let tick = events.tick(strike);
            assert!(
                events
                    .rows_where("kind", "test_response")
                    .any(|r| events.tick(r) == tick + 1 && events.get(r, "actor") == owner),
                "{owner} answers the strike of tick {tick} (seed {seed})"
            );
        }
        let trained = |dir: &Path| {
            let t = Table::read(dir, "war.csv");
            t.num(t.rows.last().unwrap(), "ukraine_trained_share")
        };
        assert!(trained(&out) > trained(&base), "seed {seed}");
        assert_eq!(summary(&base, "strikes_on_allies"), "0");
    }
}
