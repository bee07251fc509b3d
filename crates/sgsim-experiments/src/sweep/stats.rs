//! Order-independent summary statistics: results depend only on the set of values, never
//! on the order runs finished in.

/// Mean, sample standard deviation and the 5th, 50th and 95th percentiles (R's type 7, the
/// default of R and NumPy: linear interpolation between order statistics).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1); 0 for a single value.
    pub sd: f64,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Statistics of `values` (NaN values are left out). Sorts `values` in place.
pub fn stats(values: &mut Vec<f64>) -> Option<Stats> {
    values.retain(|v| !v.is_nan());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    // Summing sorted values makes the result independent of the input order.
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    Some(Stats {
        n,
        mean,
        sd,
        p05: quantile(values, 0.05),
        p50: quantile(values, 0.5),
        p95: quantile(values, 0.95),
    })
}

/// Type-7 quantile of sorted values.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_r_type_7_and_ignores_order() {
        let mut a = vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let mut b = a.clone();
        b.reverse();
        let s = stats(&mut a).unwrap();
        assert_eq!(stats(&mut b).unwrap(), s);
        // R: quantile(c(3,1,4,1,5,9,2,6), c(.05,.5,.95)) = 1.00 3.50 7.95
        assert!((s.p05 - 1.0).abs() < 1e-12);
        assert!((s.p50 - 3.5).abs() < 1e-12);
        assert!((s.p95 - 7.95).abs() < 1e-12);
        assert!((s.mean - 3.875).abs() < 1e-12);
        assert!((s.sd - 2.748376).abs() < 1e-6);
        assert_eq!(stats(&mut vec![f64::NAN]), None);
    }
}
