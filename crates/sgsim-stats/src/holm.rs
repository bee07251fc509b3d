//! Holm's (1979) step-down correction for multiple comparisons, which controls the
//! family-wise error rate under any dependence between the tests and is uniformly more
//! powerful than Bonferroni's.

/// The Holm-adjusted p-values, in the order of `p`: with the m p-values sorted ascending,
/// `p̃(i) = max over j ≤ i of min(1, (m − j + 1)·p(j))` (as R's `p.adjust(p, "holm")`).
/// Ties keep their input order, which does not change the adjusted values.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut adjusted = vec![0.0; m];
    let mut running = 0.0_f64;
    for (rank, &i) in order.iter().enumerate() {
        let value = ((m - rank) as f64 * p[i]).min(1.0);
        running = running.max(value);
        adjusted[i] = running;
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_r_p_adjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        let a = holm(&[0.01, 0.04, 0.03, 0.005]);
        let want = [0.03, 0.06, 0.06, 0.02];
        for (got, want) in a.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{a:?}");
        }
        // R: p.adjust(c(0.2, 0.9, 0.001), "holm") = 0.4 0.9 0.003
        let b = holm(&[0.2, 0.9, 0.001]);
        for (got, want) in b.iter().zip([0.4, 0.9, 0.003]) {
            assert!((got - want).abs() < 1e-12, "{b:?}");
        }
        assert_eq!(holm(&[0.6, 0.7]), vec![1.0, 1.0]);
        assert!(holm(&[]).is_empty());
    }
}
