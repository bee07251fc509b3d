//! The seeds of the report's bootstraps: one stream per table cell, derived from the
//! sweep's master seed (0 for a folder of single runs) and the cell's label, so that a
//! cell's interval does not change when other arms or measures are added.

use sha2::{Digest, Sha256};

/// Bootstrap replicates for every interval of `comparison.csv`.
pub const BOOTSTRAP_REPLICATES: usize = 2000;
/// Bootstrap replicates of a paired test: its smallest p-value is 1 / (9999 + 1), small
/// enough to survive Holm's adjustment over a table of a hundred comparisons.
pub const PAIRED_REPLICATES: usize = 9999;
/// Confidence level of every interval.
pub const CONFIDENCE: f64 = 0.95;

/// The seed of the stream labelled `label` (`comparison/ARM/POINT/MEASURE/STATISTIC`).
pub fn seed(base: u64, label: &str) -> u64 {
    let digest = Sha256::digest(label.as_bytes());
    let word = |k: usize| u64::from_le_bytes(digest[8 * k..8 * k + 8].try_into().expect("8 bytes"));
    sgsim_abi::derive_seed(base, word(0), word(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_bases_give_distinct_streams() {
        assert_eq!(seed(1, "a"), seed(1, "a"));
        assert_ne!(seed(1, "a"), seed(1, "b"));
        assert_ne!(seed(1, "a"), seed(2, "a"));
    }
}
