//! The names of every input column the report reads, in one place, so that a renamed
//! column of `summary.csv`, `runs.csv` or `ensemble.csv` is changed here only.

/// Run keys of `runs.csv`.
pub const ARM: &str = "arm";
/// Design point.
pub const POINT: &str = "point";
/// Replication.
pub const REPLICATION: &str = "replication";
/// Prefix of the factor columns of `runs.csv`.
pub const FACTOR_PREFIX: &str = "factor.";

/// `summary.csv`: scenario name (the arm of a folder of single runs).
pub const SCENARIO: &str = "scenario";
/// Run seed (the pairing key of a folder of single runs).
pub const SEED: &str = "seed";
/// Ticks run.
pub const TICKS: &str = "ticks";
/// Date of tick 0.
pub const START_DATE: &str = "start_date";
/// Dated premises after the horizon (format 4; absent in older folders).
pub const PREMISES_OUTSIDE_HORIZON: &str = "premises_outside_horizon";
/// Date of the last tick.
pub const END_DATE: &str = "end_date";
/// SHA-256 of the resolved scenario.
pub const CONFIG_SHA256: &str = "config_sha256";

/// Date the first ceasefire started, or empty.
pub const CEASEFIRE_DATE: &str = "ceasefire_date";
/// Date the first ceasefire first broke, or empty.
pub const CEASEFIRE_FIRST_BREAK_DATE: &str = "ceasefire_first_break_date";
/// Weeks from the first ceasefire's start to its first break, or to the end of the run.
pub const CEASEFIRE_WEEKS: &str = "ceasefire_weeks";
/// A ceasefire in force at the end and the first one never broken (defined in the core).
pub const DURABLE_CEASEFIRE: &str = "durable_ceasefire";
/// A ceasefire in force at the end.
pub const CEASEFIRE_AT_END: &str = "ceasefire_at_end";
/// A ceasefire was ever broken.
pub const RENEWED_AGGRESSION: &str = "renewed_aggression";
/// Highest rung of the escalation ladder reached, 0-8.
pub const PEAK_ESCALATION_RUNG: &str = "peak_escalation_rung";
/// Highest escalation level on the published scale (0, 4, 12, 28, 60).
pub const PEAK_ESCALATION: &str = "peak_escalation";
/// The nuclear rung was reached.
pub const NUCLEAR_SIGNALLING: &str = "nuclear_signalling";
/// Highest rung of the ladder `peak_escalation_rung` can take.
pub const TOP_RUNG: u32 = 8;
/// Levels of the published escalation scale, the rungs `peak_escalation` can take.
pub const ESCALATION_LEVELS: [f64; 4] = [4.0, 12.0, 28.0, 60.0];

/// The numeric outcomes summarised with bootstrap intervals: territory and costs.
pub const NUMERIC_OUTCOMES: [&str; 12] = [
    "territory_held_end",
    "ceasefire_weeks",
    "aid_pledged",
    "aid_delivered_us",
    "aid_delivered_europe",
    "aid_delivered_other",
    "reconstruction_paid_eur_bn",
    "side_payments_eur_bn",
    "allied_losses",
    "ukraine_losses",
    "russia_losses",
    "guarantee_credibility_mean",
];

/// The numeric outcomes compared pair by pair against the control arm.
pub const PAIRED_NUMERIC: [&str; 8] = [
    "territory_held_end",
    "peak_escalation_rung",
    "aid_delivered_us",
    "aid_delivered_europe",
    "aid_delivered_other",
    "reconstruction_paid_eur_bn",
    "allied_losses",
    "guarantee_credibility_mean",
];

/// The `ensemble.csv` metrics drawn as fan charts, with the `war.csv` column each comes
/// from in a run's traces and the axis label.
pub const FAN_METRICS: [(&str, &str, &str); 4] = [
    (
        "territory",
        "kyiv_territory",
        "share of territory Kyiv holds",
    ),
    (
        "escalation_level",
        "escalation_level",
        "escalation level (published scale)",
    ),
    (
        "guarantee_credibility",
        "guarantee_credibility",
        "credibility of the guarantee",
    ),
    (
        "aid_delivered_eur_bn",
        "aid_delivered_eur_bn",
        "aid delivered per week, EUR bn",
    ),
];

/// `ensemble.csv` columns.
pub mod ensemble {
    /// Arm.
    pub const ARM: &str = "arm";
    /// Design point.
    pub const POINT: &str = "point";
    /// Tick.
    pub const TICK: &str = "tick";
    /// Date.
    pub const DATE: &str = "date";
    /// Metric name.
    pub const METRIC: &str = "metric";
    /// Replications with a value.
    pub const N: &str = "n";
    /// 5th percentile.
    pub const P05: &str = "p05";
    /// Median.
    pub const P50: &str = "p50";
    /// 95th percentile.
    pub const P95: &str = "p95";
}

/// `sensitivity.csv` columns.
pub mod sensitivity {
    /// Arm.
    pub const ARM: &str = "arm";
    /// Factor key path.
    pub const FACTOR: &str = "factor";
    /// Outcome column.
    pub const OUTCOME: &str = "outcome";
    /// Number of elementary effects.
    pub const N: &str = "n";
    /// μ*.
    pub const MU_STAR: &str = "mu_star";
    /// σ.
    pub const SIGMA: &str = "sigma";
}

/// The Morris outcomes drawn as μ*–σ charts when `sensitivity.csv` has them.
pub const MORRIS_OUTCOMES: [&str; 4] = [
    DURABLE_CEASEFIRE,
    RENEWED_AGGRESSION,
    CEASEFIRE_AT_END,
    "territory_held_end",
];

/// Metrics of a run's `war.csv`.
pub mod war {
    /// Tick.
    pub const TICK: &str = "tick";
    /// Date.
    pub const DATE: &str = "date";
}
