//! A point estimate with its confidence interval, and the normal quantile behind them.

use statrs::distribution::{ContinuousCDF, Normal};

/// A point estimate and a two-sided confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The point estimate.
    pub estimate: f64,
    /// Lower end of the interval.
    pub lower: f64,
    /// Upper end of the interval.
    pub upper: f64,
}

/// The standard normal quantile `z` with `P(|Z| ≤ z) = confidence` (1.959964 for 0.95).
///
/// # Panics
/// If `confidence` is not in (0, 1).
pub fn z_two_sided(confidence: f64) -> f64 {
    assert!(
        confidence > 0.0 && confidence < 1.0,
        "confidence {confidence} must be in (0, 1)"
    );
    let normal = Normal::standard();
    normal.inverse_cdf(0.5 + confidence / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_95_percent_normal_quantile_is_1_96() {
        assert!((z_two_sided(0.95) - 1.959_963_985).abs() < 1e-8);
        assert!((z_two_sided(0.90) - 1.644_853_627).abs() < 1e-8);
    }
}
