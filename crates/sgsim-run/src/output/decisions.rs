//! `decisions.csv` (opt-in with `sgsim run --decisions`): every field of every observation
//! and action, per tick and actor, with the plugin and policy that decided, so a researcher
//! can see why an actor did what it did. Long format: one row per field.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sgsim_abi::{Capital, Coalition, FieldValue, Kremlin, Kyiv, Record, RoleRecords};
use sgsim_core::Decisions;

use super::csvfmt;
use super::csvrow::{CsvFile, push_text};
use super::traces::ActorTable;
use crate::policies::PolicyLabels;

/// Columns of `decisions.csv`.
pub const DECISIONS_HEADER: [&str; 9] = [
    "tick", "date", "actor", "role", "plugin", "policy", "side", "field", "value",
];

/// Fields left out: the header's bookkeeping (the row has tick and actor) and `size`.
const SKIPPED: [&str; 5] = ["size", "actor_id", "tick", "date_ymd", "decision_seed"];

/// Writes `decisions.csv`.
pub struct DecisionWriter {
    partial: PathBuf,
    csv: CsvFile,
    labels: PolicyLabels,
    rows: u64,
    fields: Vec<(&'static str, &'static str, FieldValue)>,
    /// The first six fields of an actor's rows (tick to policy), formatted once per actor.
    prefix: Vec<u8>,
}

impl DecisionWriter {
    /// Opens `decisions.csv.partial` in `dir`.
    pub fn create(dir: &Path, labels: PolicyLabels) -> std::io::Result<DecisionWriter> {
        let partial = dir.join("decisions.csv.partial");
        let csv = CsvFile::create(&partial, &DECISIONS_HEADER)?;
        Ok(DecisionWriter {
            partial,
            csv,
            labels,
            rows: 0,
            fields: Vec::with_capacity(64),
            prefix: Vec::with_capacity(128),
        })
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Writes one tick's decisions.
    pub fn write(
        &mut self,
        decisions: &Decisions,
        actors: &ActorTable,
        tick: u32,
        date: NaiveDate,
    ) -> std::io::Result<()> {
        let date = date.format("%Y-%m-%d").to_string();
        let labels = std::mem::take(&mut self.labels);
        let result = (|| {
            self.role::<Capital>(
                &decisions.capital_obs,
                &decisions.capital_act,
                &labels.capital,
                actors,
                tick,
                &date,
            )?;
            self.role::<Kremlin>(
                &decisions.kremlin_obs,
                &decisions.kremlin_act,
                &labels.kremlin,
                actors,
                tick,
                &date,
            )?;
            self.role::<Kyiv>(
                &decisions.kyiv_obs,
                &decisions.kyiv_act,
                &labels.kyiv,
                actors,
                tick,
                &date,
            )?;
            self.role::<Coalition>(
                &decisions.unit_obs,
                &decisions.unit_act,
                &labels.coalition,
                actors,
                tick,
                &date,
            )
        })();
        self.labels = labels;
        result
    }

    fn role<R: RoleRecords>(
        &mut self,
        observations: &[R::Observation],
        actions: &[R::Action],
        labels: &[(std::sync::Arc<str>, std::sync::Arc<str>)],
        actors: &ActorTable,
        tick: u32,
        date: &str,
    ) -> std::io::Result<()>
    where
        R::Observation: Record,
        R::Action: Record,
    {
        for (position, (observation, action)) in observations.iter().zip(actions).enumerate() {
            let id = R::header(observation).actor_id;
            let (plugin, policy) = labels.get(position).map_or(("", ""), |(a, b)| (&**a, &**b));
            let prefix = &mut self.prefix;
            prefix.clear();
            csvfmt::push_uint(prefix, u64::from(tick));
            for field in [date, actors.code(id), actors.role(id), plugin, policy] {
                prefix.push(b',');
                push_text(prefix, field.as_bytes());
            }
            let fields = &mut self.fields;
            fields.clear();
            observation.visit(&mut |name, value| fields.push(("observation", name, value)));
            action.visit(&mut |name, value| fields.push(("action", name, value)));
            let csv = &mut self.csv;
            for &(side, name, value) in fields.iter() {
                if SKIPPED.contains(&name) {
                    continue;
                }
                csv.formatted(prefix);
                csv.text(side);
                csv.text(name);
                match value {
                    FieldValue::Int(i) => csv.int(i),
                    FieldValue::Float(f) => csv.float(f),
                }
                csv.end_row()?;
                self.rows += 1;
            }
        }
        Ok(())
    }

    /// Flushes and renames to `decisions.csv`.
    pub fn finish(self) -> std::io::Result<u64> {
        let final_path = self.partial.with_extension("");
        let file = self.csv.into_file()?;
        super::folder::commit_file(&file, &self.partial, &final_path)?;
        Ok(self.rows)
    }

    /// Flushes and leaves the `.partial` file.
    pub fn abandon(mut self) -> u64 {
        let _ = self.csv.flush();
        self.rows
    }
}
