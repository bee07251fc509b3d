//! Statistics for sgsim's reports, pure functions with no IO.
//!
//! - [`wilson`]: the Wilson score interval of a proportion;
//! - [`quantile`]: the type-7 quantile that `ensemble.csv` also uses;
//! - [`bootstrap`]: seeded percentile-bootstrap intervals of a mean or a quantile;
//! - [`paired`]: a seeded paired bootstrap of a mean difference, with its p-value;
//! - [`mcnemar`]: McNemar's test of paired yes/no outcomes (exact or chi-square);
//! - [`holm`]: Holm–Bonferroni adjusted p-values;
//! - [`kaplan_meier`]: the Kaplan–Meier estimator with right censoring and Greenwood bands;
//! - [`prim`]: the patient rule induction method (peeling and pasting) for scenario discovery.
//!
//! Every random draw comes from a ChaCha8 generator seeded by the caller, so the same
//! inputs and seed give the same numbers on every machine.

pub mod bootstrap;
pub mod holm;
pub mod interval;
pub mod kaplan_meier;
pub mod mcnemar;
pub mod paired;
pub mod prim;
pub mod quantile;
pub mod wilson;

pub use bootstrap::{bootstrap_mean, bootstrap_quantile};
pub use holm::holm;
pub use interval::{Estimate, z_two_sided};
pub use kaplan_meier::{KmStep, kaplan_meier};
pub use mcnemar::{McNemar, McNemarMethod, mcnemar};
pub use paired::{PairedDifference, paired_bootstrap};
pub use prim::{PrimBox, PrimParams, PrimStep, StepKind, prim};
pub use quantile::quantile_sorted;
pub use wilson::wilson;
