//! The Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998,
//! method 3), which keeps its coverage near the nominal level for small samples and for
//! proportions near 0 or 1, where the normal (Wald) interval fails.

use crate::interval::{Estimate, z_two_sided};

/// The proportion `successes / n` with its Wilson score interval at `confidence`:
///
/// ```text
/// centre = (p̂ + z²/2n) / (1 + z²/n),  half = z·sqrt(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)
/// ```
///
/// # Panics
/// If `n` is 0 or `successes > n`.
pub fn wilson(successes: u64, n: u64, confidence: f64) -> Estimate {
    assert!(n > 0, "Wilson interval of no observations");
    assert!(successes <= n, "{successes} successes out of {n}");
    let z = z_two_sided(confidence);
    let n_f = n as f64;
    let p = successes as f64 / n_f;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denominator;
    Estimate {
        estimate: p,
        lower: if successes == 0 {
            0.0
        } else {
            (centre - half).max(0.0)
        },
        upper: if successes == n {
            1.0
        } else {
            (centre + half).min(1.0)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn newcombe_1998_table_i_examples() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score).
        for (r, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let w = wilson(r, n, 0.95);
            assert!(
                close(w.lower, lo) && close(w.upper, hi),
                "{r}/{n}: got ({:.4}, {:.4}), want ({lo}, {hi})",
                w.lower,
                w.upper
            );
            assert_eq!(w.estimate, r as f64 / n as f64);
        }
    }

    #[test]
    fn by_hand_for_7_of_10() {
        // p̂ = 0.7, z = 1.959964: centre = (0.7 + 0.192073)/1.384146 = 0.644493,
        // half = 1.959964·sqrt(0.021 + 0.009604)/1.384146 = 0.247701.
        let w = wilson(7, 10, 0.95);
        assert!(close(w.lower, 0.396_792), "{}", w.lower);
        assert!(close(w.upper, 0.892_194), "{}", w.upper);
        let all = wilson(10, 10, 0.95);
        assert_eq!(all.upper, 1.0);
        assert!(close(all.lower, 0.722_467), "{}", all.lower);
    }
}
