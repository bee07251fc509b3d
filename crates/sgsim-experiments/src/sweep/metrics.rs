//! Per-tick metrics of one run, for `ensemble.csv`, kept in a small binary file per run so
//! that a sweep can be resumed or sharded without holding results in memory.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use sgsim_core::{ActorInfo, DonorGroup, TickOutput};

use sgsim_run::engine::TickSink;

/// Metric names, in file and output order.
pub const METRICS: [&str; 10] = [
    "territory",
    "offensive_intensity",
    "escalation_level",
    "ceasefire",
    "aid_delivered_eur_bn",
    "credibility",
    "guarantee_credibility",
    "resolve_us",
    "resolve_europe",
    "resolve_other",
];

const MAGIC: &[u8; 8] = b"SGSMET02";

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
                Some(group) if group.european() => 1,
                Some(_) => 2,
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
                war.guarantee_credibility,
                mean(0),
                mean(1),
                mean(2),
            ]);
        }
        Ok(())
    }
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

/// Date of tick 0 and number of ticks of a metrics file, checking its size.
pub fn read_header(path: &Path) -> Option<(NaiveDate, u32)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut header = [0u8; 20];
    file.read_exact(&mut header).ok()?;
    if &header[..8] != MAGIC {
        return None;
    }
    let ticks = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
    let metrics = u32::from_le_bytes([header[12], header[13], header[14], header[15]]);
    let days = i32::from_le_bytes([header[16], header[17], header[18], header[19]]);
    let expected = 20 + u64::from(ticks) * METRICS.len() as u64 * 8;
    if metrics as usize != METRICS.len() || file.metadata().ok()?.len() != expected {
        return None;
    }
    Some((NaiveDate::from_num_days_from_ce_opt(days)?, ticks))
}

/// The values of ticks `from..to` of a metrics file (`(to − from) × METRICS` values).
pub fn read_ticks(path: &Path, from: u32, to: u32) -> Option<Vec<f64>> {
    use std::io::{Seek, SeekFrom};
    let row = METRICS.len() as u64 * 8;
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(20 + u64::from(from) * row))
        .ok()?;
    let mut bytes = vec![0u8; (u64::from(to.saturating_sub(from)) * row) as usize];
    file.read_exact(&mut bytes).ok()?;
    Some(
        bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_round_trip_by_tick_ranges_and_truncation_is_detected() {
        let dir = std::env::temp_dir().join(format!("sgsim-metrics-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("run.bin");
        let date = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap();
        let values: Vec<f64> = (0..3 * METRICS.len()).map(|i| i as f64 / 3.0).collect();
        std::fs::write(&path, encode(date, &values)).unwrap();
        assert_eq!(read_header(&path), Some((date, 3)));
        assert_eq!(
            read_ticks(&path, 1, 3).unwrap(),
            values[METRICS.len()..].to_vec()
        );
        let bytes = encode(date, &values);
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(read_header(&path), None, "a torn file is refused");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
