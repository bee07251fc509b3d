//! The trace writer's bytes are pinned to the writer it replaced: every CSV trace the real
//! `sgsim run --decisions` writes for the baseline and for the NATO-mission scenario (the
//! six traces and `decisions.csv`) is byte-identical to what the former writer (rows
//! through the `csv` crate, floats through `format!("{:.6}")` with negative zero printed as
//! `0.000000`) gives for the same run's rows. That reference writer is kept here, in test code only, and fed the rows of the
//! same scenario run in this process (runs are deterministic: same scenario, same seed).

use std::sync::Arc;

use sgsim_abi::{Capital, Coalition, FieldValue, Kremlin, Kyiv, Record, RoleRecords};
use sgsim_cli::engine::{PluginCache, TickSink, execute};
use sgsim_cli::output::{ActorTable, DECISIONS_HEADER};
use sgsim_cli::policies::PolicyLabels;
use sgsim_cli::run::prepare;
use sgsim_core::{Decisions, TickOutput};
use sgsim_tests::{sgsim, workspace_root};

/// The traces, in the order [`Reference`] keeps them.
const TRACES: [&str; 7] = [
    "resolve.csv",
    "aid_flows.csv",
    "force_posture.csv",
    "events.csv",
    "beliefs.csv",
    "war.csv",
    "decisions.csv",
];

/// The former trace writer, into memory.
struct Reference {
    actors: ActorTable,
    labels: PolicyLabels,
    files: [csv::Writer<Vec<u8>>; 7],
}

/// `{value:.6}`, but never `-0.000000` (the former `csvfmt::float`).
fn float(value: f64) -> String {
    let text = format!("{value:.6}");
    if text == "-0.000000" {
        "0.000000".to_owned()
    } else {
        text
    }
}

fn boolean(value: bool) -> String {
    value.to_string()
}

impl Reference {
    fn new(actors: ActorTable, labels: PolicyLabels) -> Reference {
        use sgsim_cli::output::{
            AID_HEADER, BELIEFS_HEADER, EVENTS_HEADER, POSTURE_HEADER, RESOLVE_HEADER, WAR_HEADER,
        };
        let headers: [&[&str]; 7] = [
            &RESOLVE_HEADER,
            &AID_HEADER,
            &POSTURE_HEADER,
            &EVENTS_HEADER,
            &BELIEFS_HEADER,
            &WAR_HEADER,
            &DECISIONS_HEADER,
        ];
        let files = headers.map(|header| {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            writer.write_record(header).unwrap();
            writer
        });
        Reference {
            actors,
            labels,
            files,
        }
    }

    /// The former `decisions.csv` rows of one role.
    fn role<R: RoleRecords>(
        &mut self,
        observations: &[R::Observation],
        actions: &[R::Action],
        labels: &[(Arc<str>, Arc<str>)],
        tick: &str,
        date: &str,
    ) -> std::io::Result<()>
    where
        R::Observation: Record,
        R::Action: Record,
    {
        const SKIPPED: [&str; 5] = ["size", "actor_id", "tick", "date_ymd", "decision_seed"];
        for (position, (observation, action)) in observations.iter().zip(actions).enumerate() {
            let id = R::header(observation).actor_id;
            let (plugin, policy) = labels.get(position).map_or(("", ""), |(a, b)| (&**a, &**b));
            let mut fields = Vec::new();
            observation.visit(&mut |name, value| fields.push(("observation", name, value)));
            action.visit(&mut |name, value| fields.push(("action", name, value)));
            for (side, name, value) in fields {
                if SKIPPED.contains(&name) {
                    continue;
                }
                let value = match value {
                    FieldValue::Int(i) => i.to_string(),
                    FieldValue::Float(f) => float(f),
                };
                self.files[6].write_record([
                    tick,
                    date,
                    self.actors.code(id),
                    self.actors.role(id),
                    plugin,
                    policy,
                    side,
                    name,
                    &value,
                ])?;
            }
        }
        Ok(())
    }

    fn into_bytes(self) -> Vec<Vec<u8>> {
        self.files
            .into_iter()
            .map(|w| w.into_inner().unwrap())
            .collect()
    }
}

impl TickSink for Reference {
    fn write_tick(&mut self, out: &TickOutput) -> std::io::Result<()> {
        let a = &self.actors;
        let [resolve, aid, posture, events, beliefs, war, _] = &mut self.files;
        for r in &out.resolve {
            resolve.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                a.code(r.actor).to_owned(),
                a.role(r.actor).to_owned(),
                float(r.resolve),
                float(r.public_support),
                r.camp.unwrap_or("").to_owned(),
                r.check_camp.unwrap_or("").to_owned(),
            ])?;
        }
        for r in &out.aid {
            aid.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                a.code(r.donor).to_owned(),
                a.code(r.recipient).to_owned(),
                r.channel.to_owned(),
                r.category.to_owned(),
                float(r.pledged),
                float(r.delivered),
            ])?;
        }
        for r in &out.posture {
            posture.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                a.code(r.actor).to_owned(),
                a.code(r.unit).to_owned(),
                r.location.to_owned(),
                float(r.troops),
                boolean(r.article5_covered),
            ])?;
        }
        for r in &out.events {
            events.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                r.kind.to_owned(),
                a.code(r.actor).to_owned(),
                a.code(r.target).to_owned(),
                r.detail.clone(),
            ])?;
        }
        for r in &out.beliefs {
            beliefs.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                a.code(r.guarantor).to_owned(),
                float(r.belief),
                boolean(r.is_guarantor),
                float(r.credibility),
            ])?;
        }
        for r in &out.war {
            let lines = r.military_lines_eur_bn;
            war.write_record([
                r.tick.to_string(),
                r.date.format("%Y-%m-%d").to_string(),
                float(r.kyiv_territory),
                float(r.offensive_intensity),
                float(r.escalation_level),
                boolean(r.ceasefire),
                float(r.russia_losses),
                float(r.ukraine_losses),
                float(r.ukraine_equipment_eur_bn),
                float(r.ukraine_quality),
                float(r.aid_delivered_eur_bn),
                float(r.credibility),
                float(r.sanctions),
                float(r.russia_economy),
                float(r.guarantee_credibility),
                boolean(r.guarantee_in_force),
                r.membership_stage.to_string(),
                float(r.ukraine_trained_share),
                float(r.ukraine_in_training),
                float(r.ukraine_denial_eur_bn),
                float(r.allied_combat_power),
                float(r.nato_pool_eur_bn),
                float(r.artillery_received_rounds),
                float(r.artillery_fired_rounds),
                float(r.artillery_sufficiency),
                float(r.ukraine_artillery_stock_rounds),
                float(lines[0].0),
                float(lines[0].1),
                float(lines[1].0),
                float(lines[1].1),
                float(lines[2].0),
                float(lines[2].1),
                float(r.reconstruction_needs_eur_bn),
                float(r.ukraine_callup),
                float(r.ukraine_callup_capacity),
                float(r.ukraine_demobilised),
                float(r.kyiv_held_km2[0]),
                float(r.kyiv_held_km2[1]),
                float(r.kyiv_held_km2[2]),
                float(r.kyiv_held_km2[3]),
                float(r.fortification[0]),
                float(r.fortification[1]),
                float(r.fortification[2]),
                float(r.russian_effort[0]),
                float(r.russian_effort[1]),
                float(r.russian_effort[2]),
                r.kremlin_main_axis.to_owned(),
                float(r.kremlin_axis_concentration),
                r.kyiv_offensive_sector.to_owned(),
                float(r.kyiv_offensive_commitment),
                float(r.kyiv_retaken_km2),
                float(r.russia_civil_economy),
                float(r.russia_defence_spending_share),
                float(r.russia_energy_revenue_share),
                float(r.russia_fiscal_reserve_share),
                float(r.sanctions_evasion),
                float(r.russia_tanks),
                float(r.russia_tanks_in_storage),
                float(r.russia_tanks_lost),
                float(r.russia_tanks_added),
                float(r.russia_equipment_factor),
                float(r.russian_reserve[0]),
                float(r.russian_reserve[1]),
                float(r.russian_reserve[2]),
                float(r.russian_reserve[3]),
            ])?;
        }
        Ok(())
    }

    fn write_decisions(
        &mut self,
        d: &Decisions,
        tick: u32,
        date: chrono::NaiveDate,
    ) -> std::io::Result<()> {
        let (tick, date) = (tick.to_string(), date.format("%Y-%m-%d").to_string());
        let labels = std::mem::take(&mut self.labels);
        self.role::<Capital>(
            &d.capital_obs,
            &d.capital_act,
            &labels.capital,
            &tick,
            &date,
        )?;
        self.role::<Kremlin>(
            &d.kremlin_obs,
            &d.kremlin_act,
            &labels.kremlin,
            &tick,
            &date,
        )?;
        self.role::<Kyiv>(&d.kyiv_obs, &d.kyiv_act, &labels.kyiv, &tick, &date)?;
        self.role::<Coalition>(&d.unit_obs, &d.unit_act, &labels.coalition, &tick, &date)?;
        self.labels = labels;
        Ok(())
    }
}

/// The first line where two files differ, for the failure message.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    match a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
    {
        Some((n, (x, y))) => format!("line {}: written {x:?}, reference {y:?}", n + 1),
        None => format!(
            "one is a prefix of the other ({} and {} lines)",
            a.lines().count(),
            b.lines().count()
        ),
    }
}

fn check_scenario(relative: &str) {
    let scenario = workspace_root().join(relative);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--decisions",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let (_resolved, mut sim, mut policies) =
        prepare(&scenario, &[], &PluginCache::default()).expect("prepare the scenario");
    let mut reference = Reference::new(ActorTable::new(sim.actors()), policies.labels());
    execute(&mut sim, &mut policies, &mut reference, None).expect("the scenario runs");

    let mut floats = 0;
    for (name, expected) in TRACES.iter().zip(reference.into_bytes()) {
        let written = std::fs::read(out.join(name)).unwrap();
        assert!(
            written == expected,
            "{relative}: {name} differs from the reference writer: {}",
            first_difference(&written, &expected)
        );
        floats += count_floats(&written);
    }
    // The comparison covered real data, not near-empty files.
    assert!(floats > 50_000, "{relative}: only {floats} float fields");
}

/// Fields that look like six-decimal floats.
fn count_floats(csv: &[u8]) -> usize {
    String::from_utf8_lossy(csv)
        .split([',', '\n'])
        .filter(|f| {
            let f = f.trim_end_matches('\r');
            f.len() > 7 && f.as_bytes()[f.len() - 7] == b'.'
        })
        .count()
}

#[test]
fn baseline_traces_are_byte_identical_to_the_former_writer() {
    check_scenario("configs/scenarios/baseline.toml");
}

#[test]
fn nato_mission_traces_are_byte_identical_to_the_former_writer() {
    check_scenario("configs/scenarios/full_nato_mission.toml");
}
