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

/// The statistics [`stats`] gives, from `n` values (no NaN) that `ascending` yields in
/// ascending order (`f64::total_cmp`) on each of its two calls: the first pass sums them
/// (in that order, as [`stats`] does) and picks the order statistics of the quantiles, the
/// second sums the squared deviations. This is how values that do not fit in memory get
/// exactly the statistics [`stats`] would give them.
pub fn sorted_stats<I: Iterator<Item = f64>>(
    n: usize,
    mut ascending: impl FnMut() -> I,
) -> Option<Stats> {
    if n == 0 {
        return None;
    }
    let probabilities = [0.05, 0.5, 0.95];
    let positions = probabilities.map(|p| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        (h, lo, (lo + 1).min(n - 1))
    });
    let mut picked = [[0.0_f64; 2]; 3];
    let mut at = 0usize;
    let sum = ascending()
        .inspect(|&v| {
            for (pick, &(_, lo, hi)) in picked.iter_mut().zip(&positions) {
                if at == lo {
                    pick[0] = v;
                }
                if at == hi {
                    pick[1] = v;
                }
            }
            at += 1;
        })
        .sum::<f64>();
    let mean = sum / n as f64;
    let sd = if n > 1 {
        (ascending().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    let quantile = |q: usize| {
        let (h, lo, _) = positions[q];
        let [low, high] = picked[q];
        low + (h - lo as f64) * (high - low)
    };
    Some(Stats {
        n,
        mean,
        sd,
        p05: quantile(0),
        p50: quantile(1),
        p95: quantile(2),
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

    #[test]
    fn sorted_stats_give_the_same_bits_as_stats() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in [1, 2, 3, 7, 20, 21, 100, 1001] {
            let mut values: Vec<f64> = (0..n)
                .map(|i| match next() % 9 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => 1.0 / 3.0,
                    _ => (next() as f64 / u64::MAX as f64 - 0.3) * 10f64.powi(i % 7 - 3),
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let streamed = sorted_stats(n as usize, || sorted.iter().copied()).unwrap();
            let reference = stats(&mut values).unwrap();
            for (a, b) in [
                (streamed.mean, reference.mean),
                (streamed.sd, reference.sd),
                (streamed.p05, reference.p05),
                (streamed.p50, reference.p50),
                (streamed.p95, reference.p95),
            ] {
                assert_eq!(a.to_bits(), b.to_bits(), "n = {n}");
            }
            assert_eq!(streamed.n, reference.n);
        }
        assert_eq!(sorted_stats(0, std::iter::empty), None);
    }
}
