//! McNemar's test (McNemar 1947) of paired yes/no outcomes: does the probability of "yes"
//! differ between two arms observed on the same units?
//!
//! Only the discordant pairs count: `b` pairs where the treated arm says yes and the
//! control no, `c` the other way round. Under the null hypothesis each discordant pair is
//! equally likely to fall either way, so `b ~ Binomial(b + c, 1/2)`.
//!
//! - When `b + c < 25` ([`EXACT_BELOW`]), the p-value is the **exact** two-sided binomial
//!   one, `min(1, 2·P(X ≤ min(b, c)))` with `X ~ Binomial(b + c, 1/2)`, and the reported
//!   statistic is `min(b, c)`.
//! - Otherwise it is the **chi-square** test with Edwards' continuity correction,
//!   `χ² = (|b − c| − 1)² / (b + c)` on one degree of freedom.
//!
//! With no discordant pair at all, the p-value is 1.

use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, DiscreteCDF};

/// Below this many discordant pairs the exact binomial test is used.
pub const EXACT_BELOW: u64 = 25;

/// Which form of the test gave the p-value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum McNemarMethod {
    /// Exact two-sided binomial test on the discordant pairs.
    Exact,
    /// Chi-square with continuity correction, one degree of freedom.
    ChiSquare,
}

impl McNemarMethod {
    /// The name written in reports: `exact` or `chi_square_cc`.
    pub fn name(self) -> &'static str {
        match self {
            McNemarMethod::Exact => "exact",
            McNemarMethod::ChiSquare => "chi_square_cc",
        }
    }
}

/// The result of McNemar's test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct McNemar {
    /// Pairs with the treated arm yes and the control arm no.
    pub b: u64,
    /// Pairs with the treated arm no and the control arm yes.
    pub c: u64,
    /// The statistic: `min(b, c)` for the exact test, χ² for the chi-square test.
    pub statistic: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Which test.
    pub method: McNemarMethod,
}

/// McNemar's test on `b` and `c` discordant pairs.
pub fn mcnemar(b: u64, c: u64) -> McNemar {
    let n = b + c;
    if n < EXACT_BELOW {
        let k = b.min(c);
        let p = if n == 0 {
            1.0
        } else {
            let binomial = Binomial::new(0.5, n).expect("p = 0.5 is valid");
            (2.0 * binomial.cdf(k)).min(1.0)
        };
        McNemar {
            b,
            c,
            statistic: k as f64,
            p_value: p,
            method: McNemarMethod::Exact,
        }
    } else {
        let diff = (b as f64 - c as f64).abs() - 1.0;
        let chi2 = diff.max(0.0).powi(2) / n as f64;
        let dist = ChiSquared::new(1.0).expect("one degree of freedom is valid");
        McNemar {
            b,
            c,
            statistic: chi2,
            p_value: dist.sf(chi2),
            method: McNemarMethod::ChiSquare,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agresti_presidential_approval_table() {
        // Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), Table 8.1:
        // approval of the President's performance in two surveys of the same 1600 people,
        // 794 yes-yes, 150 yes-no, 86 no-yes, 570 no-no. With continuity correction
        // chi2 = (|150 - 86| - 1)^2 / 236 = 16.82 (R: mcnemar.test gives 16.818,
        // p-value = 4.115e-05).
        let t = mcnemar(150, 86);
        assert_eq!(t.method, McNemarMethod::ChiSquare);
        assert!((t.statistic - 16.818).abs() < 5e-4, "{}", t.statistic);
        assert!((t.p_value - 4.115e-5).abs() < 5e-8, "{}", t.p_value);
    }

    #[test]
    fn small_counts_use_the_exact_binomial_test() {
        // b = 1, c = 9: 2·P(X ≤ 1), X ~ Bin(10, 1/2) = 2·11/1024 = 0.021484375.
        let t = mcnemar(1, 9);
        assert_eq!(t.method, McNemarMethod::Exact);
        assert!((t.p_value - 0.021_484_375).abs() < 1e-12, "{}", t.p_value);
        assert_eq!(t.statistic, 1.0);
        assert_eq!(mcnemar(5, 5).p_value, 1.0);
        assert_eq!(mcnemar(0, 0).p_value, 1.0);
        // b + c = 24 is still exact; 25 switches to chi-square.
        assert_eq!(mcnemar(12, 12).method, McNemarMethod::Exact);
        assert_eq!(mcnemar(13, 12).method, McNemarMethod::ChiSquare);
    }
}
