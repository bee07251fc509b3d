//! A seeded paired bootstrap of the mean difference between two arms observed on the same
//! units (here: the same replication seeds, the common random numbers of a sweep).
//!
//! The differences `d_i = treated_i − control_i` are resampled as pairs, `replicates`
//! times, with indices drawn from a ChaCha8 generator seeded with `seed`. The interval is
//! the percentile interval of the replicate means. The two-sided p-value of "no mean
//! difference" is that of the centred bootstrap test (Hall and Wilson 1991):
//!
//! ```text
//! p = (1 + #{ b : |d̄*_b − d̄| ≥ |d̄| }) / (B + 1)
//! ```
//!
//! so it is never 0, and it is 1 when every difference is 0.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use crate::bootstrap::{mean, percentile_interval};

/// The result of a paired bootstrap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairedDifference {
    /// Number of pairs.
    pub n: usize,
    /// Mean of the control values.
    pub control_mean: f64,
    /// Mean of the treated values.
    pub treated_mean: f64,
    /// Mean difference, treated − control.
    pub difference: f64,
    /// Lower end of the percentile interval of the mean difference.
    pub lower: f64,
    /// Upper end of the percentile interval of the mean difference.
    pub upper: f64,
    /// Two-sided p-value of the centred bootstrap test.
    pub p_value: f64,
}

/// The paired bootstrap of `mean(treated − control)`.
///
/// # Panics
/// If the slices differ in length or are empty, `replicates` is 0, or `confidence` is
/// not in (0, 1).
pub fn paired_bootstrap(
    control: &[f64],
    treated: &[f64],
    replicates: usize,
    confidence: f64,
    seed: u64,
) -> PairedDifference {
    assert_eq!(control.len(), treated.len(), "unpaired samples");
    assert!(!control.is_empty(), "paired bootstrap of no pairs");
    assert!(replicates > 0, "bootstrap with no replicates");
    let d: Vec<f64> = treated.iter().zip(control).map(|(t, c)| t - c).collect();
    let n = d.len();
    let observed = mean(&d);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut stats: Vec<f64> = (0..replicates)
        .map(|_| (0..n).map(|_| d[rng.random_range(0..n)]).sum::<f64>() / n as f64)
        .collect();
    let extreme = if d.iter().all(|x| *x == 0.0) {
        replicates
    } else {
        stats
            .iter()
            .filter(|s| (**s - observed).abs() >= observed.abs())
            .count()
    };
    let (lower, upper) = percentile_interval(&mut stats, confidence);
    PairedDifference {
        n,
        control_mean: mean(control),
        treated_mean: mean(treated),
        difference: observed,
        lower,
        upper,
        p_value: (1 + extreme) as f64 / (replicates + 1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_shift_is_found_exactly_with_a_small_p_value() {
        let control: Vec<f64> = (0..30).map(|i| f64::from(i * i % 11)).collect();
        let treated: Vec<f64> = control.iter().map(|c| c + 2.5).collect();
        let r = paired_bootstrap(&control, &treated, 999, 0.95, 5);
        assert_eq!(r.difference, 2.5);
        assert_eq!((r.lower, r.upper), (2.5, 2.5));
        // Every replicate mean equals the observed one: none is as far from it as 2.5.
        assert_eq!(r.p_value, 1.0 / 1000.0);
        assert_eq!(r.n, 30);
    }

    #[test]
    fn no_difference_gives_p_one() {
        let x = [1.0, 4.0, 2.0];
        let r = paired_bootstrap(&x, &x, 200, 0.95, 1);
        assert_eq!((r.difference, r.p_value), (0.0, 1.0));
    }

    #[test]
    fn pairing_removes_the_noise_shared_by_both_arms() {
        // Large common noise, small consistent effect: the paired interval excludes 0.
        let control: Vec<f64> = (0..40).map(|i| f64::from((i * 7919) % 100)).collect();
        let treated: Vec<f64> = control
            .iter()
            .enumerate()
            .map(|(i, c)| c + 1.0 + if i % 2 == 0 { 0.5 } else { -0.5 })
            .collect();
        let r = paired_bootstrap(&control, &treated, 4000, 0.95, 9);
        assert!((r.difference - 1.0).abs() < 1e-12);
        assert!(r.lower > 0.8 && r.upper < 1.2, "({}, {})", r.lower, r.upper);
        assert!(r.p_value < 0.001, "{}", r.p_value);
    }
}
