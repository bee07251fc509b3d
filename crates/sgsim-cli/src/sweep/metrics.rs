//! Per-tick metrics of one run, for `ensemble.csv`, kept in a small binary file per run so
//! that a sweep can be resumed or sharded without holding results in memory.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use sgsim_core::{ActorInfo, DonorGroup, TickOutput};

use crate::engine::TickSink;

/// Metric names, in file and output order.
pub const METRICS: [&str; 9] = [
    "territory",
    "offensive_intensity",
    "escalation_level",
    "ceasefire",
    "aid_delivered_eur_bn",
    "credibility",
    "resolve_us",
    "resolve_europe",
    "resolve_other",
];

const MAGIC: &[u8; 8] = b"SGSMET01";

/// Collects [`METRICS`] tick by tick.
#[derive(Debug)]
pub struct MetricSink {
    groups: Vec<Option<DonorGroup>>,
    /// `ticks × METRICS` values.
    pub values: Vec<f64>,
}

impl MetricSink {
    /// For a world with these actors.
    pub fn new(actors: &[ActorInfo], ticks: u32) -> Self {
        let max = actors.iter().map(|a| a.id as usize).max().unwrap_or(0);
        let mut groups = vec![None; max + 1];
        for actor in actors {
            groups[actor.id as usize] = actor.group;
        }
        MetricSink {
            groups,
            values: Vec::with_capacity(ticks as usize * METRICS.len()),
        }
    }
}

impl TickSink for MetricSink {
    fn write_tick(&mut self, rows: &TickOutput) -> std::io::Result<()> {
        let mut sums = [0.0_f64; 3];
        let mut counts = [0_u32; 3];
        for row in &rows.resolve {
            let slot = match self.groups.get(row.actor as usize).copied().flatten() {
                Some(DonorGroup::UnitedStates) => 0,
                Some(DonorGroup::Europe) => 1,
                Some(DonorGroup::Other) => 2,
                None => continue,
            };
            sums[slot] += row.resolve;
            counts[slot] += 1;
        }
        let mean = |i: usize| {
            if counts[i] > 0 {
                sums[i] / f64::from(counts[i])
            } else {
                f64::NAN
            }
        };
        if let Some(war) = rows.war.first() {
            self.values.extend_from_slice(&[
                war.kyiv_territory,
                war.offensive_intensity,
                war.escalation_level,
                if war.ceasefire { 1.0 } else { 0.0 },
                war.aid_delivered_eur_bn,
                war.credibility,
                mean(0),
                mean(1),
                mean(2),
            ]);
        }
        Ok(())
    }
}

/// A run's metrics as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMetrics {
    /// Date of tick 0.
    pub start_date: NaiveDate,
    /// Number of ticks.
    pub ticks: u32,
    /// `ticks × METRICS` values.
    pub values: Vec<f64>,
}

/// Encodes metrics: magic, ticks, metric count, start date (days from CE), then f64 LE.
pub fn encode(start_date: NaiveDate, values: &[f64]) -> Vec<u8> {
    use chrono::Datelike;
    let ticks = (values.len() / METRICS.len()) as u32;
    let mut bytes = Vec::with_capacity(20 + values.len() * 8);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&ticks.to_le_bytes());
    bytes.extend_from_slice(&(METRICS.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&start_date.num_days_from_ce().to_le_bytes());
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes
}

/// Reads a metrics file; `None` if it is missing, truncated or of another format.
pub fn read(path: &Path) -> Option<RunMetrics> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    decode(&bytes)
}

/// Decodes [`encode`]'s bytes.
pub fn decode(bytes: &[u8]) -> Option<RunMetrics> {
    let header = bytes.get(..20)?;
    if &header[..8] != MAGIC {
        return None;
    }
    let word = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (ticks, metrics) = (word(8), word(12));
    let days = i32::from_le_bytes([header[16], header[17], header[18], header[19]]);
    if metrics as usize != METRICS.len() || bytes.len() != 20 + ticks as usize * METRICS.len() * 8 {
        return None;
    }
    let values = bytes[20..]
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    Some(RunMetrics {
        start_date: NaiveDate::from_num_days_from_ce_opt(days)?,
        ticks,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_round_trip_and_truncation_is_detected() {
        let date = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap();
        let values: Vec<f64> = (0..2 * METRICS.len()).map(|i| i as f64 / 3.0).collect();
        let bytes = encode(date, &values);
        assert_eq!(
            decode(&bytes),
            Some(RunMetrics {
                start_date: date,
                ticks: 2,
                values
            })
        );
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
    }
}
