//! How big a sweep is before anything is built: its number of design points and runs,
//! computed from the sweep file alone (a design is only materialised once it is known to
//! fit), the limit above which a sweep is refused unless the user raises it, and the
//! estimate of time and disk printed before the runs start.

use std::time::Duration;

use super::spec::{Combine, DesignKind, Factor, Sweep};

/// Runs a sweep may have unless `--max-runs` says otherwise.
pub const DEFAULT_MAX_RUNS: u64 = 1_000_000;

/// A sweep's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Arms.
    pub arms: u128,
    /// Design points.
    pub points: u128,
    /// Replications.
    pub replications: u128,
}

impl Size {
    /// The size of `sweep`, from its file alone.
    pub fn of(sweep: &Sweep) -> Size {
        let lists = || {
            sweep.factors.iter().filter_map(|(_, f)| match f {
                Factor::Levels(values) => Some(values.len() as u128),
                _ => None,
            })
        };
        let points = match sweep.design.kind {
            DesignKind::Grid => match sweep.design.combine {
                Combine::Product => lists().fold(1u128, u128::saturating_mul),
                Combine::Zip => lists().max().unwrap_or(1),
            },
            DesignKind::Random | DesignKind::Lhs => u128::from(sweep.design.samples.unwrap_or(1)),
            DesignKind::Morris => {
                let ranges = sweep
                    .factors
                    .iter()
                    .filter(|(_, f)| matches!(f, Factor::Range { .. }))
                    .count() as u128;
                u128::from(sweep.design.trajectories.unwrap_or(10)).saturating_mul(ranges + 1)
            }
        };
        Size {
            arms: sweep.arms.len() as u128,
            points,
            replications: u128::from(sweep.replications),
        }
    }

    /// Runs: arms × points × replications.
    pub fn runs(&self) -> u128 {
        self.arms
            .saturating_mul(self.points)
            .saturating_mul(self.replications)
    }

    /// "1000 runs (2 arms × 5 design points × 100 replications)".
    pub fn describe(&self) -> String {
        format!(
            "{} runs ({} arm{} × {} design point{} × {} replication{})",
            self.runs(),
            self.arms,
            plural(self.arms),
            self.points,
            plural(self.points),
            self.replications,
            plural(self.replications)
        )
    }
}

fn plural(n: u128) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Refuses a sweep above `max_runs`, saying its size and how to run it anyway.
pub fn check_limit(sweep: &Sweep, size: &Size, max_runs: u64) -> Result<(), String> {
    if size.runs() <= u128::from(max_runs) {
        return Ok(());
    }
    Err(format!(
        "sweep `{}` ({}) has {}, more than the limit of {max_runs}; at about {} of metrics per \
         run of {} ticks it would need about {} of disk. Reduce replications or the design, or \
         pass --max-runs {} to run it anyway",
        sweep.name,
        sweep.path.display(),
        size.describe(),
        bytes_text(u128::from(metrics_bytes_per_run(sweep))),
        ticks_of(sweep),
        bytes_text(
            size.runs()
                .saturating_mul(u128::from(metrics_bytes_per_run(sweep)))
        ),
        size.runs()
    ))
}

/// The estimate printed once the first run is timed.
pub fn estimate(
    size: &Size,
    pending: u64,
    jobs: usize,
    first_run: Duration,
    bytes_per_run: u64,
) -> String {
    let seconds = first_run.as_secs_f64() * pending as f64 / jobs.max(1) as f64;
    format!(
        "sweep: {}; {} to run on {jobs} job{}; the first took {:.2} s, so about {} in all; \
         disk about {} ({} per run)",
        size.describe(),
        pending,
        if jobs == 1 { "" } else { "s" },
        first_run.as_secs_f64(),
        duration_text(seconds),
        bytes_text(u128::from(bytes_per_run) * u128::from(pending)),
        bytes_text(u128::from(bytes_per_run))
    )
}

/// The scenario's `ticks` as fixed by the sweep's factors, else 208 (the baseline's).
fn ticks_of(sweep: &Sweep) -> u64 {
    sweep
        .factors
        .iter()
        .find_map(|(key, factor)| match (key.as_str(), factor) {
            ("ticks", Factor::Fixed(toml::Value::Integer(t))) => u64::try_from(*t).ok(),
            _ => None,
        })
        .unwrap_or(208)
}

/// Bytes of one run's metrics record for `sweep`'s ticks (header and one f64 per metric and
/// tick), plus about 400 bytes of journal line and the run's two index records.
fn metrics_bytes_per_run(sweep: &Sweep) -> u64 {
    super::metrics::RECORD_HEADER + ticks_of(sweep) * super::METRICS.len() as u64 * 8 + 400 + 32
}

/// "1.5 GB".
pub fn bytes_text(bytes: u128) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

/// "3 min 20 s", "2.5 h", "4.1 days".
pub fn duration_text(seconds: f64) -> String {
    if seconds < 60.0 {
        format!("{seconds:.0} s")
    } else if seconds < 3600.0 {
        format!(
            "{:.0} min {:.0} s",
            (seconds / 60.0).floor(),
            seconds % 60.0
        )
    } else if seconds < 86400.0 * 2.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.1} days", seconds / 86400.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_units_read_as_they_should() {
        let size = Size {
            arms: 2,
            points: 5,
            replications: 100,
        };
        assert_eq!(size.runs(), 1000);
        assert_eq!(
            size.describe(),
            "1000 runs (2 arms × 5 design points × 100 replications)"
        );
        assert_eq!(bytes_text(999), "999 B");
        assert_eq!(bytes_text(15_500_000_000), "15.5 GB");
        assert_eq!(duration_text(200.0), "3 min 20 s");
        assert_eq!(duration_text(9000.0), "2.5 h");
    }
}
