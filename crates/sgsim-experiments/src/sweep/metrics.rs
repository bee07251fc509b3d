//! Per-tick metrics of one run, for `ensemble.csv`, kept as one record per run in the
//! state's append-only `metrics.bin` ([`super::store`]) so that a sweep can be resumed or
//! sharded without holding results in memory.
//!
//! A record is a 28-byte header (magic, run index, ticks, metric count, the date of tick 0
//! in days from the common era, all little-endian) and then the values, `f64` LE, tick by
//! tick. Sweeps before this format kept one file per run (`metrics/NNNNNNNN.bin`, a 20-byte
//! header without the run index); [`read_header`] and [`read_ticks`] read those, so that
//! the state of such a sweep is carried over when it is opened.

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

/// Magic of a per-run metrics file of the earlier format.
const MAGIC: &[u8; 8] = b"SGSMET02";

/// Magic of a record of `metrics.bin`.
const RECORD_MAGIC: &[u8; 8] = b"SGSMET03";

/// Bytes of a record's header.
pub const RECORD_HEADER: u64 = 28;

/// What a record's header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordHeader {
    /// The run's index in the plan.
    pub run: usize,
    /// The date of tick 0.
    pub start_date: NaiveDate,
    /// Ticks of values.
    pub ticks: u32,
}

impl RecordHeader {
    /// Bytes of the whole record, header included.
    pub fn record_len(&self) -> u64 {
        RECORD_HEADER + u64::from(self.ticks) * METRICS.len() as u64 * 8
    }
}

/// Encodes run `run`'s metrics as a record of `metrics.bin`.
pub fn encode_record(run: usize, start_date: NaiveDate, values: &[f64]) -> Vec<u8> {
    use chrono::Datelike;
    let ticks = (values.len() / METRICS.len()) as u32;
    let mut bytes = Vec::with_capacity(RECORD_HEADER as usize + values.len() * 8);
    bytes.extend_from_slice(RECORD_MAGIC);
    bytes.extend_from_slice(&(run as u64).to_le_bytes());
    bytes.extend_from_slice(&ticks.to_le_bytes());
    bytes.extend_from_slice(&(METRICS.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&start_date.num_days_from_ce().to_le_bytes());
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes
}

/// The header of a record, if `bytes` start one (the right magic, metric count and date).
pub fn decode_header(bytes: &[u8]) -> Option<RecordHeader> {
    let field = |at: usize, n: usize| bytes.get(at..at + n);
    if field(0, 8)? != RECORD_MAGIC {
        return None;
    }
    let run = u64::from_le_bytes(field(8, 8)?.try_into().ok()?);
    let ticks = u32::from_le_bytes(field(16, 4)?.try_into().ok()?);
    let metrics = u32::from_le_bytes(field(20, 4)?.try_into().ok()?);
    let days = i32::from_le_bytes(field(24, 4)?.try_into().ok()?);
    if metrics as usize != METRICS.len() {
        return None;
    }
    Some(RecordHeader {
        run: usize::try_from(run).ok()?,
        start_date: NaiveDate::from_num_days_from_ce_opt(days)?,
        ticks,
    })
}

/// The values of a whole record (`bytes`, header included), if its header is whole and its
/// length is the one the header gives.
pub fn decode_record(bytes: &[u8]) -> Option<(RecordHeader, Vec<f64>)> {
    let header = decode_header(bytes)?;
    if bytes.len() as u64 != header.record_len() {
        return None;
    }
    let values = bytes[RECORD_HEADER as usize..]
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect();
    Some((header, values))
}

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

/// Encodes metrics as a per-run file of the earlier format: magic, ticks, metric count,
/// start date (days from CE), then f64 LE.
#[cfg(test)]
pub fn encode(start_date: NaiveDate, values: &[f64]) -> Vec<u8> {
    // A record without its run index, under the earlier magic.
    let record = encode_record(0, start_date, values);
    [&MAGIC[..], &record[16..]].concat()
}

/// Date of tick 0 and number of ticks of a per-run metrics file of the earlier format,
/// checking its size.
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

/// The values of ticks `from..to` of a per-run metrics file of the earlier format
/// (`(to − from) × METRICS` values).
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

    #[test]
    fn a_record_round_trips_and_a_torn_or_foreign_one_is_refused() {
        let date = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap();
        let values: Vec<f64> = (0..3 * METRICS.len()).map(|i| i as f64 / 3.0).collect();
        let record = encode_record(41, date, &values);
        let header = RecordHeader {
            run: 41,
            start_date: date,
            ticks: 3,
        };
        assert_eq!(record.len() as u64, header.record_len());
        assert_eq!(decode_header(&record), Some(header));
        assert_eq!(decode_record(&record), Some((header, values.clone())));
        assert_eq!(decode_record(&record[..record.len() - 1]), None, "torn");
        assert_eq!(decode_header(&record[..27]), None, "a torn header");
        assert_eq!(
            decode_header(&encode(date, &values)),
            None,
            "the earlier format"
        );
        let mut zeros = record.clone();
        zeros[..8].fill(0);
        assert_eq!(decode_header(&zeros), None, "a record a power cut zeroed");
    }
}
