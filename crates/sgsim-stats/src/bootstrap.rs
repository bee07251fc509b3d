//! Seeded percentile-bootstrap intervals (Efron and Tibshirani 1993, ch. 13) of a mean or
//! a quantile of one sample.
//!
//! Each of `replicates` resamples draws `n` indices uniformly with replacement from a
//! ChaCha8 generator seeded with the caller's `seed`; the statistic of each resample is
//! computed, and the interval is the type-7 `(1 − c)/2` and `(1 + c)/2` quantiles of the
//! replicate statistics. The point estimate is the statistic of the sample itself.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use crate::interval::Estimate;
use crate::quantile::{quantile_sorted, sorted};

/// The mean of `values` with a percentile-bootstrap interval.
///
/// # Panics
/// If `values` is empty, `replicates` is 0 or `confidence` is not in (0, 1).
pub fn bootstrap_mean(values: &[f64], replicates: usize, confidence: f64, seed: u64) -> Estimate {
    bootstrap(values, replicates, confidence, seed, mean)
}

/// The type-7 `p`-quantile of `values` with a percentile-bootstrap interval.
///
/// # Panics
/// As [`bootstrap_mean`], and if `p` is outside [0, 1].
pub fn bootstrap_quantile(
    values: &[f64],
    p: f64,
    replicates: usize,
    confidence: f64,
    seed: u64,
) -> Estimate {
    bootstrap(values, replicates, confidence, seed, |s| {
        quantile_sorted(&sorted(s), p)
    })
}

/// The arithmetic mean, summed in the order given.
pub(crate) fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn bootstrap(
    values: &[f64],
    replicates: usize,
    confidence: f64,
    seed: u64,
    statistic: impl Fn(&[f64]) -> f64,
) -> Estimate {
    assert!(!values.is_empty(), "bootstrap of no values");
    assert!(replicates > 0, "bootstrap with no replicates");
    assert!(
        confidence > 0.0 && confidence < 1.0,
        "confidence {confidence} must be in (0, 1)"
    );
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = values.len();
    let mut resample = vec![0.0; n];
    let mut stats: Vec<f64> = (0..replicates)
        .map(|_| {
            for slot in resample.iter_mut() {
                *slot = values[rng.random_range(0..n)];
            }
            statistic(&resample)
        })
        .collect();
    stats.sort_by(f64::total_cmp);
    Estimate {
        estimate: statistic(values),
        lower: quantile_sorted(&stats, (1.0 - confidence) / 2.0),
        upper: quantile_sorted(&stats, (1.0 + confidence) / 2.0),
    }
}

/// The percentile interval of replicate statistics, shared with the paired bootstrap.
pub(crate) fn percentile_interval(stats: &mut [f64], confidence: f64) -> (f64, f64) {
    stats.sort_by(f64::total_cmp);
    (
        quantile_sorted(stats, (1.0 - confidence) / 2.0),
        quantile_sorted(stats, (1.0 + confidence) / 2.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_interval_and_another_seed_differs() {
        let x: Vec<f64> = (0..40).map(|i| ((i * 37) % 17) as f64).collect();
        let a = bootstrap_mean(&x, 2000, 0.95, 7);
        assert_eq!(a, bootstrap_mean(&x, 2000, 0.95, 7));
        assert_ne!(a, bootstrap_mean(&x, 2000, 0.95, 8));
        assert_eq!(a.estimate, mean(&x));
        assert!(a.lower < a.estimate && a.estimate < a.upper);
    }

    #[test]
    fn the_mean_interval_is_close_to_the_normal_theory_interval() {
        // 0, 1, ..., 99: mean 49.5, sd 29.011, standard error 2.9011; the normal-theory
        // 95 % interval is 49.5 ± 5.686 (the bootstrap's se uses n, not n − 1: ± 5.658).
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let e = bootstrap_mean(&x, 20_000, 0.95, 2026);
        assert!((e.lower - 43.84).abs() < 0.35, "lower {}", e.lower);
        assert!((e.upper - 55.16).abs() < 0.35, "upper {}", e.upper);
    }

    #[test]
    fn a_constant_sample_has_a_degenerate_interval() {
        let e = bootstrap_quantile(&[3.0; 12], 0.95, 500, 0.95, 1);
        assert_eq!((e.estimate, e.lower, e.upper), (3.0, 3.0, 3.0));
    }

    #[test]
    fn the_median_interval_brackets_the_median_by_order_statistics() {
        // For n = 51 the bootstrap distribution of the median is concentrated on the
        // order statistics near the middle: the 95 % interval lies within x(18)..x(34).
        let x: Vec<f64> = (0..51).map(|i| f64::from(i) * 2.0).collect();
        let e = bootstrap_quantile(&x, 0.5, 5000, 0.95, 3);
        assert_eq!(e.estimate, 50.0);
        assert!(e.lower >= 36.0 && e.lower < 50.0, "{}", e.lower);
        assert!(e.upper <= 68.0 && e.upper > 50.0, "{}", e.upper);
    }
}
