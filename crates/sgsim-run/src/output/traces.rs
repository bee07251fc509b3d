//! The per-tick CSV traces, written row by row as the run goes (memory does not grow with
//! the number of ticks).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sgsim_core::{ActorInfo, TickOutput};

use super::Format;
use super::rowfile::RowFile;

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
    name: String,
    partial: PathBuf,
    csv: RowFile,
}

impl Trace {
    /// `csv_name` is the trace's CSV name; the file is named for `format` ([`Format::file`]).
    fn create(
        dir: &Path,
        csv_name: &str,
        header: &[&str],
        format: Format,
    ) -> std::io::Result<Trace> {
        let name = format.file(csv_name);
        let partial = dir.join(format!("{name}.partial"));
        let csv = RowFile::create(&partial, header, format)?;
        Ok(Trace { name, partial, csv })
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
pub const WAR_HEADER: [&str; 65] = [
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
];

impl TraceWriter {
    /// Opens the `.partial` files in `dir` and writes the headers; with `decisions`, also
    /// `decisions.csv`, labelled with the plugin and policy of each actor.
    pub fn create(
        dir: &Path,
        actors: ActorTable,
        decisions: Option<crate::policies::PolicyLabels>,
    ) -> std::io::Result<TraceWriter> {
        Self::create_as(dir, actors, decisions, Format::Csv)
    }

    /// As [`TraceWriter::create`], with the six traces in `format` (`decisions.csv` is
    /// always CSV).
    pub fn create_as(
        dir: &Path,
        actors: ActorTable,
        decisions: Option<crate::policies::PolicyLabels>,
        format: Format,
    ) -> std::io::Result<TraceWriter> {
        let decisions = decisions
            .map(|labels| super::decisions::DecisionWriter::create(dir, labels))
            .transpose()?;
        Ok(TraceWriter {
            dir: dir.to_owned(),
            traces: [
                Trace::create(dir, "resolve.csv", &RESOLVE_HEADER, format)?,
                Trace::create(dir, "aid_flows.csv", &AID_HEADER, format)?,
                Trace::create(dir, "force_posture.csv", &POSTURE_HEADER, format)?,
                Trace::create(dir, "events.csv", &EVENTS_HEADER, format)?,
                Trace::create(dir, "beliefs.csv", &BELIEFS_HEADER, format)?,
                Trace::create(dir, "war.csv", &WAR_HEADER, format)?,
            ],
            actors,
            counts: RowCounts::default(),
            date: (NaiveDate::MIN, String::new()),
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
        let TraceWriter {
            traces,
            actors,
            counts,
            date,
            ..
        } = self;
        let [resolve, aid, posture, events, beliefs, war] = traces;
        let resolve = &mut resolve.csv;
        for row in &out.resolve {
            resolve.uint(u64::from(row.tick));
            resolve.text(Self::date_str(date, row.date));
            resolve.text(actors.code(row.actor));
            resolve.text(actors.role(row.actor));
            resolve.float(row.resolve);
            resolve.float(row.public_support);
            resolve.text(row.camp.unwrap_or(""));
            resolve.text(row.check_camp.unwrap_or(""));
            resolve.end_row()?;
        }
        counts.resolve += out.resolve.len() as u64;
        let aid = &mut aid.csv;
        for row in &out.aid {
            aid.uint(u64::from(row.tick));
            aid.text(Self::date_str(date, row.date));
            aid.text(actors.code(row.donor));
            aid.text(actors.code(row.recipient));
            aid.text(row.channel);
            aid.text(row.category);
            aid.float(row.pledged);
            aid.float(row.delivered);
            aid.end_row()?;
        }
        counts.aid_flows += out.aid.len() as u64;
        let posture = &mut posture.csv;
        for row in &out.posture {
            posture.uint(u64::from(row.tick));
            posture.text(Self::date_str(date, row.date));
            posture.text(actors.code(row.actor));
            posture.text(actors.code(row.unit));
            posture.text(row.location);
            posture.float(row.troops);
            posture.boolean(row.article5_covered);
            posture.end_row()?;
        }
        counts.force_posture += out.posture.len() as u64;
        let events = &mut events.csv;
        for row in &out.events {
            events.uint(u64::from(row.tick));
            events.text(Self::date_str(date, row.date));
            events.text(row.kind);
            events.text(actors.code(row.actor));
            events.text(actors.code(row.target));
            events.text(row.detail.as_str());
            events.end_row()?;
        }
        counts.events += out.events.len() as u64;
        let beliefs = &mut beliefs.csv;
        for row in &out.beliefs {
            beliefs.uint(u64::from(row.tick));
            beliefs.text(Self::date_str(date, row.date));
            beliefs.text(actors.code(row.guarantor));
            beliefs.float(row.belief);
            beliefs.boolean(row.is_guarantor);
            beliefs.float(row.credibility);
            beliefs.end_row()?;
        }
        counts.beliefs += out.beliefs.len() as u64;
        let war = &mut war.csv;
        for row in &out.war {
            war.uint(u64::from(row.tick));
            war.text(Self::date_str(date, row.date));
            war.float(row.kyiv_territory);
            war.float(row.offensive_intensity);
            war.float(row.escalation_level);
            war.boolean(row.ceasefire);
            war.float(row.russia_losses);
            war.float(row.ukraine_losses);
            war.float(row.ukraine_equipment_eur_bn);
            war.float(row.ukraine_quality);
            war.float(row.aid_delivered_eur_bn);
            war.float(row.credibility);
            war.float(row.sanctions);
            war.float(row.russia_economy);
            war.float(row.guarantee_credibility);
            war.boolean(row.guarantee_in_force);
            war.uint(u64::from(row.membership_stage));
            war.float(row.ukraine_trained_share);
            war.float(row.ukraine_in_training);
            war.float(row.ukraine_denial_eur_bn);
            war.float(row.allied_combat_power);
            war.float(row.nato_pool_eur_bn);
            war.float(row.artillery_received_rounds);
            war.float(row.artillery_fired_rounds);
            war.float(row.artillery_sufficiency);
            war.float(row.ukraine_artillery_stock_rounds);
            for (due, delivered) in row.military_lines_eur_bn {
                war.float(due);
                war.float(delivered);
            }
            war.float(row.reconstruction_needs_eur_bn);
            war.float(row.ukraine_callup);
            war.float(row.ukraine_callup_capacity);
            war.float(row.ukraine_demobilised);
            for held in row.kyiv_held_km2 {
                war.float(held);
            }
            for works in row.fortification {
                war.float(works);
            }
            for effort in row.russian_effort {
                war.float(effort);
            }
            war.text(row.kremlin_main_axis);
            war.float(row.kremlin_axis_concentration);
            war.text(row.kyiv_offensive_sector);
            war.float(row.kyiv_offensive_commitment);
            war.float(row.kyiv_retaken_km2);
            war.float(row.russia_civil_economy);
            war.float(row.russia_defence_spending_share);
            war.float(row.russia_energy_revenue_share);
            war.float(row.russia_fiscal_reserve_share);
            war.float(row.sanctions_evasion);
            war.float(row.russia_tanks);
            war.float(row.russia_tanks_in_storage);
            war.float(row.russia_tanks_lost);
            war.float(row.russia_tanks_added);
            war.float(row.russia_equipment_factor);
            for reserve in row.russian_reserve {
                war.float(reserve);
            }
            war.end_row()?;
        }
        counts.war += out.war.len() as u64;
        Ok(())
    }

    fn date_str(date_cache: &mut (NaiveDate, String), date: NaiveDate) -> &str {
        if date_cache.0 != date {
            *date_cache = (date, date.format("%Y-%m-%d").to_string());
        }
        &date_cache.1
    }

    /// Flushes every trace and renames it to its final name.
    pub fn finish(self) -> std::io::Result<RowCounts> {
        let mut counts = self.counts();
        if let Some(decisions) = self.decisions {
            counts.decisions = Some(decisions.finish()?);
        }
        for trace in self.traces {
            let file = trace.csv.into_file()?;
            super::folder::commit_file(&file, &trace.partial, &self.dir.join(&trace.name))?;
        }
        Ok(counts)
    }

    /// Flushes what was written and leaves the traces as `.partial` files.
    pub fn abandon(self) -> RowCounts {
        let counts = self.counts();
        for mut trace in self.traces {
            let _ = trace.csv.flush();
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
