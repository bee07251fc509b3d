//! The per-tick CSV traces, written row by row as the run goes (memory does not grow with
//! the number of ticks).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sgsim_core::{ActorInfo, TickOutput};

use super::csvfmt;

/// Actor codes and roles by actor id, for the writer.
#[derive(Clone, Debug)]
pub struct ActorTable {
    codes: Vec<String>,
    roles: Vec<&'static str>,
}

impl ActorTable {
    /// From the simulation's actor list.
    pub fn new(actors: &[ActorInfo]) -> Self {
        let max = actors.iter().map(|a| a.id as usize).max().unwrap_or(0);
        let mut codes = vec![String::new(); max + 1];
        let mut roles = vec![""; max + 1];
        for actor in actors {
            codes[actor.id as usize] = actor.code.clone();
            roles[actor.id as usize] = actor.role.as_str();
        }
        ActorTable { codes, roles }
    }

    /// The code of an actor id, or "" for 0 (no actor).
    pub fn code(&self, id: u32) -> &str {
        self.codes.get(id as usize).map_or("", String::as_str)
    }

    /// The role name of an actor id.
    pub fn role(&self, id: u32) -> &'static str {
        self.roles.get(id as usize).copied().unwrap_or("")
    }
}

/// Rows written to each trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// `resolve.csv`.
    pub resolve: u64,
    /// `aid_flows.csv`.
    pub aid_flows: u64,
    /// `force_posture.csv`.
    pub force_posture: u64,
    /// `events.csv`.
    pub events: u64,
    /// `beliefs.csv`.
    pub beliefs: u64,
    /// `war.csv`.
    pub war: u64,
    /// `decisions.csv`, when written.
    pub decisions: Option<u64>,
}

struct Trace {
    name: &'static str,
    partial: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl Trace {
    fn create(dir: &Path, name: &'static str, header: &[&str]) -> std::io::Result<Trace> {
        let partial = dir.join(format!("{name}.partial"));
        let file = File::create(&partial)?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(BufWriter::with_capacity(1 << 16, file));
        writer.write_record(header).map_err(std::io::Error::other)?;
        Ok(Trace {
            name,
            partial,
            writer,
        })
    }
}

/// Writes `resolve.csv`, `aid_flows.csv`, `force_posture.csv`, `events.csv`,
/// `beliefs.csv` and `war.csv`.
pub struct TraceWriter {
    dir: PathBuf,
    traces: [Trace; 6],
    actors: ActorTable,
    counts: RowCounts,
    date: (NaiveDate, String),
    num: [String; 3],
    decisions: Option<super::decisions::DecisionWriter>,
}

/// Column headers: part of the output contract (`docs/OUTPUT.md`).
pub const RESOLVE_HEADER: [&str; 8] = [
    "tick",
    "date",
    "actor",
    "role",
    "resolve",
    "public_support",
    "camp",
    "check_camp",
];
/// `aid_flows.csv` header.
pub const AID_HEADER: [&str; 8] = [
    "tick",
    "date",
    "donor",
    "recipient",
    "channel",
    "category",
    "pledged",
    "delivered",
];
/// `force_posture.csv` header.
pub const POSTURE_HEADER: [&str; 7] = [
    "tick",
    "date",
    "actor",
    "unit",
    "location",
    "troops",
    "article5_covered",
];
/// `events.csv` header.
pub const EVENTS_HEADER: [&str; 6] = ["tick", "date", "kind", "actor", "target", "detail"];
/// `beliefs.csv` header.
pub const BELIEFS_HEADER: [&str; 6] = [
    "tick",
    "date",
    "guarantor",
    "belief",
    "is_guarantor",
    "credibility",
];
/// `war.csv` header.
pub const WAR_HEADER: [&str; 46] = [
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
];

impl TraceWriter {
    /// Opens the `.partial` files in `dir` and writes the headers; with `decisions`, also
    /// `decisions.csv`, labelled with the plugin and policy of each actor.
    pub fn create(
        dir: &Path,
        actors: ActorTable,
        decisions: Option<crate::policies::PolicyLabels>,
    ) -> std::io::Result<TraceWriter> {
        let decisions = decisions
            .map(|labels| super::decisions::DecisionWriter::create(dir, labels))
            .transpose()?;
        Ok(TraceWriter {
            dir: dir.to_owned(),
            traces: [
                Trace::create(dir, "resolve.csv", &RESOLVE_HEADER)?,
                Trace::create(dir, "aid_flows.csv", &AID_HEADER)?,
                Trace::create(dir, "force_posture.csv", &POSTURE_HEADER)?,
                Trace::create(dir, "events.csv", &EVENTS_HEADER)?,
                Trace::create(dir, "beliefs.csv", &BELIEFS_HEADER)?,
                Trace::create(dir, "war.csv", &WAR_HEADER)?,
            ],
            actors,
            counts: RowCounts::default(),
            date: (NaiveDate::MIN, String::new()),
            num: [String::new(), String::new(), String::new()],
            decisions,
        })
    }

    /// Rows written so far.
    pub fn counts(&self) -> RowCounts {
        RowCounts {
            decisions: self.decisions.as_ref().map(|d| d.rows()),
            ..self.counts
        }
    }

    /// Appends one tick's rows.
    pub fn write_tick(&mut self, out: &TickOutput) -> std::io::Result<()> {
        let result = self.write_rows(out);
        result.map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            other => std::io::Error::other(format!("{other:?}")),
        })
    }

    fn date_str(date_cache: &mut (NaiveDate, String), date: NaiveDate) -> &str {
        if date_cache.0 != date {
            *date_cache = (date, date.format("%Y-%m-%d").to_string());
        }
        &date_cache.1
    }

    fn write_rows(&mut self, out: &TickOutput) -> csv::Result<()> {
        let TraceWriter {
            traces,
            actors,
            counts,
            date,
            num,
            ..
        } = self;
        let [a, b, c] = num;
        let [resolve, aid, posture, events, beliefs, war] = traces;
        for row in &out.resolve {
            let d = Self::date_str(date, row.date);
            resolve.writer.write_record([
                csvfmt::uint(a, u64::from(row.tick)),
                d,
                actors.code(row.actor),
                actors.role(row.actor),
                csvfmt::float(b, row.resolve),
                csvfmt::float(c, row.public_support),
                row.camp.unwrap_or(""),
                row.check_camp.unwrap_or(""),
            ])?;
        }
        counts.resolve += out.resolve.len() as u64;
        for row in &out.aid {
            let d = Self::date_str(date, row.date);
            aid.writer.write_record([
                csvfmt::uint(a, u64::from(row.tick)),
                d,
                actors.code(row.donor),
                actors.code(row.recipient),
                row.channel,
                row.category,
                csvfmt::float(b, row.pledged),
                csvfmt::float(c, row.delivered),
            ])?;
        }
        counts.aid_flows += out.aid.len() as u64;
        for row in &out.posture {
            let d = Self::date_str(date, row.date);
            posture.writer.write_record([
                csvfmt::uint(a, u64::from(row.tick)),
                d,
                actors.code(row.actor),
                actors.code(row.unit),
                row.location,
                csvfmt::float(b, row.troops),
                csvfmt::boolean(row.article5_covered),
            ])?;
        }
        counts.force_posture += out.posture.len() as u64;
        for row in &out.events {
            let d = Self::date_str(date, row.date);
            events.writer.write_record([
                csvfmt::uint(a, u64::from(row.tick)),
                d,
                row.kind,
                actors.code(row.actor),
                actors.code(row.target),
                row.detail.as_str(),
            ])?;
        }
        counts.events += out.events.len() as u64;
        for row in &out.beliefs {
            let d = Self::date_str(date, row.date);
            beliefs.writer.write_record([
                csvfmt::uint(a, u64::from(row.tick)),
                d,
                actors.code(row.guarantor),
                csvfmt::float(b, row.belief),
                csvfmt::boolean(row.is_guarantor),
                csvfmt::float(c, row.credibility),
            ])?;
        }
        counts.beliefs += out.beliefs.len() as u64;
        let mut f = String::new();
        for row in &out.war {
            let d = Self::date_str(date, row.date);
            let mut fields: [String; 46] = std::array::from_fn(|_| String::new());
            fields[0] = csvfmt::uint(a, u64::from(row.tick)).to_owned();
            fields[1] = d.to_owned();
            fields[5] = csvfmt::boolean(row.ceasefire).to_owned();
            fields[15] = csvfmt::boolean(row.guarantee_in_force).to_owned();
            fields[16] = row.membership_stage.to_string();
            let floats = [
                (2, row.kyiv_territory),
                (3, row.offensive_intensity),
                (4, row.escalation_level),
                (6, row.russia_losses),
                (7, row.ukraine_losses),
                (8, row.ukraine_equipment_eur_bn),
                (9, row.ukraine_quality),
                (10, row.aid_delivered_eur_bn),
                (11, row.credibility),
                (12, row.sanctions),
                (13, row.russia_economy),
                (14, row.guarantee_credibility),
                (17, row.ukraine_trained_share),
                (18, row.ukraine_in_training),
                (19, row.ukraine_denial_eur_bn),
                (20, row.allied_combat_power),
                (21, row.nato_pool_eur_bn),
                (22, row.artillery_received_rounds),
                (23, row.artillery_fired_rounds),
                (24, row.artillery_sufficiency),
                (25, row.ukraine_artillery_stock_rounds),
                (26, row.military_lines_eur_bn[0].0),
                (27, row.military_lines_eur_bn[0].1),
                (28, row.military_lines_eur_bn[1].0),
                (29, row.military_lines_eur_bn[1].1),
                (30, row.military_lines_eur_bn[2].0),
                (31, row.military_lines_eur_bn[2].1),
                (32, row.reconstruction_needs_eur_bn),
                (33, row.ukraine_callup),
                (34, row.ukraine_callup_capacity),
                (35, row.ukraine_demobilised),
                (36, row.kyiv_held_km2[0]),
                (37, row.kyiv_held_km2[1]),
                (38, row.kyiv_held_km2[2]),
                (39, row.kyiv_held_km2[3]),
                (40, row.fortification[0]),
                (41, row.fortification[1]),
                (42, row.fortification[2]),
                (43, row.russian_effort[0]),
                (44, row.russian_effort[1]),
                (45, row.russian_effort[2]),
            ];
            for (index, value) in floats {
                fields[index] = csvfmt::float(&mut f, value).to_owned();
            }
            war.writer.write_record(&fields)?;
        }
        counts.war += out.war.len() as u64;
        Ok(())
    }

    /// Flushes every trace and renames it to its final name.
    pub fn finish(self) -> std::io::Result<RowCounts> {
        let mut counts = self.counts();
        if let Some(decisions) = self.decisions {
            counts.decisions = Some(decisions.finish()?);
        }
        for trace in self.traces {
            super::commit_csv(trace.writer, &trace.partial, &self.dir.join(trace.name))?;
        }
        Ok(counts)
    }

    /// Flushes what was written and leaves the traces as `.partial` files.
    pub fn abandon(self) -> RowCounts {
        let counts = self.counts();
        for mut trace in self.traces {
            let _ = trace.writer.flush();
        }
        if let Some(decisions) = self.decisions {
            decisions.abandon();
        }
        counts
    }
}

impl crate::engine::TickSink for TraceWriter {
    fn write_tick(&mut self, rows: &TickOutput) -> std::io::Result<()> {
        TraceWriter::write_tick(self, rows)
    }

    fn write_decisions(
        &mut self,
        decisions: &sgsim_core::Decisions,
        tick: u32,
        date: NaiveDate,
    ) -> std::io::Result<()> {
        match &mut self.decisions {
            Some(writer) => writer.write(decisions, &self.actors, tick, date),
            None => Ok(()),
        }
    }
}
