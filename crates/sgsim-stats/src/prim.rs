//! PRIM, the patient rule induction method (Friedman and Fisher 1999), as used for
//! scenario discovery by RAND's sdtoolkit and the EMA Workbench (Bryant and Lempert 2010;
//! Kwakkel 2017): find boxes (one interval per input) in which a yes/no outcome is much
//! more likely than overall.
//!
//! **Peeling.** Starting from the box of all points, each step considers, for every input
//! `j`, removing the points below the type-7 `α`-quantile of `x_j` in the box, or above
//! its `(1 − α)`-quantile. When ties leave nothing below (or above) the quantile, as for an
//! input with few distinct values, the candidate removes the points at the lowest (or
//! highest) value instead, so the bound moves to the next value. A candidate that would
//! leave fewer than `min_support · N` points (N the number of points) is dropped. The
//! candidate whose remaining box has the highest **density** (share of its points with
//! the outcome) is taken ("original" objective of the EMA Workbench); ties go to the
//! larger box, then the lower input index, then the lower side. Peeling stops when no
//! candidate is left.
//!
//! **Pasting.** From the last peeled box, each step considers, for every input and side,
//! widening that bound to take in the nearest `max(1, ⌈α_paste · n_box⌉)` points outside
//! it (among those inside the other bounds, with every point tied at the new bound); the
//! widening that gives the highest density is taken if it raises the density, and
//! pasting stops when none does (a widening that keeps the density would only undo a
//! peel of equal density).
//!
//! Every box is reported with its bounds (the smallest and largest value of each input
//! among its points, inclusive), its **coverage** (share of all the points with the
//! outcome that fall in the box), its density and its **support** (share of all points in
//! the box): the peeling trajectory is the trade-off between coverage and density from
//! which the analyst picks a box.

use crate::quantile::{quantile_sorted, sorted};

/// PRIM's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrimParams {
    /// Share of the box's points removed by one peel (`peel_alpha`, 0.05 in the EMA
    /// Workbench).
    pub peel_alpha: f64,
    /// Share of the box's points added by one paste (`paste_alpha`, 0.05).
    pub paste_alpha: f64,
    /// Smallest support a box may have (`mass_min`, 0.05).
    pub min_support: f64,
}

impl Default for PrimParams {
    fn default() -> Self {
        PrimParams {
            peel_alpha: 0.05,
            paste_alpha: 0.05,
            min_support: 0.05,
        }
    }
}

/// A box: one closed interval per input.
#[derive(Clone, Debug, PartialEq)]
pub struct PrimBox {
    /// Lower bound of each input.
    pub lower: Vec<f64>,
    /// Upper bound of each input.
    pub upper: Vec<f64>,
}

impl PrimBox {
    fn contains(&self, columns: &[Vec<f64>], i: usize) -> bool {
        columns
            .iter()
            .enumerate()
            .all(|(j, col)| col[i] >= self.lower[j] && col[i] <= self.upper[j])
    }
}

/// How a box of the trajectory was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The box of all points.
    Start,
    /// A peel.
    Peel,
    /// A paste.
    Paste,
}

impl StepKind {
    /// `start`, `peel` or `paste`.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Start => "start",
            StepKind::Peel => "peel",
            StepKind::Paste => "paste",
        }
    }
}

/// One box of the trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct PrimStep {
    /// How it was made.
    pub kind: StepKind,
    /// Its bounds.
    pub bounds: PrimBox,
    /// Whether each input's interval is narrower than the range of all the points.
    pub restricted: Vec<bool>,
    /// Points in the box.
    pub n: usize,
    /// Points in the box with the outcome.
    pub hits: usize,
    /// `hits / (points with the outcome)`.
    pub coverage: f64,
    /// `hits / n`.
    pub density: f64,
    /// `n / N`.
    pub support: f64,
}

/// The PRIM trajectory for `columns` (one vector of N values per input) and outcome `y`
/// (N values): the start box, then every peel, then every paste.
///
/// # Panics
/// If there are no inputs, a column's length differs from `y`'s, `y` is empty, a value
/// is not finite, or a parameter is outside (0, 1).
pub fn prim(columns: &[Vec<f64>], y: &[bool], params: PrimParams) -> Vec<PrimStep> {
    assert!(!columns.is_empty(), "PRIM needs at least one input");
    assert!(!y.is_empty(), "PRIM needs at least one point");
    for col in columns {
        assert_eq!(
            col.len(),
            y.len(),
            "an input's length differs from the outcome's"
        );
        assert!(
            col.iter().all(|v| v.is_finite()),
            "PRIM inputs must be finite"
        );
    }
    for (name, v) in [
        ("peel_alpha", params.peel_alpha),
        ("paste_alpha", params.paste_alpha),
        ("min_support", params.min_support),
    ] {
        assert!(v > 0.0 && v < 1.0, "{name} = {v} must be in (0, 1)");
    }
    let total = y.len();
    let total_hits = y.iter().filter(|v| **v).count();
    let min_n = ((params.min_support * total as f64).ceil() as usize).max(1);
    let full = tight_box(columns, &(0..total).collect::<Vec<_>>());
    let step =
        |kind, members: &[usize]| describe(kind, columns, y, members, &full, total, total_hits);
    let mut members: Vec<usize> = (0..total).collect();
    let mut trajectory = vec![step(StepKind::Start, &members)];

    while let Some(next) = best_peel(columns, y, &members, params.peel_alpha, min_n) {
        members = next;
        trajectory.push(step(StepKind::Peel, &members));
    }
    loop {
        let current = density(y, &members);
        match best_paste(columns, y, &members, params.paste_alpha) {
            Some(next) if density(y, &next) > current => {
                members = next;
                trajectory.push(step(StepKind::Paste, &members));
            }
            _ => break,
        }
    }
    trajectory
}

fn density(y: &[bool], members: &[usize]) -> f64 {
    members.iter().filter(|&&i| y[i]).count() as f64 / members.len() as f64
}

fn tight_box(columns: &[Vec<f64>], members: &[usize]) -> PrimBox {
    let mut lower = Vec::with_capacity(columns.len());
    let mut upper = Vec::with_capacity(columns.len());
    for col in columns {
        lower.push(
            members
                .iter()
                .map(|&i| col[i])
                .fold(f64::INFINITY, f64::min),
        );
        upper.push(
            members
                .iter()
                .map(|&i| col[i])
                .fold(f64::NEG_INFINITY, f64::max),
        );
    }
    PrimBox { lower, upper }
}

fn describe(
    kind: StepKind,
    columns: &[Vec<f64>],
    y: &[bool],
    members: &[usize],
    full: &PrimBox,
    total: usize,
    total_hits: usize,
) -> PrimStep {
    let bounds = tight_box(columns, members);
    let restricted = (0..columns.len())
        .map(|j| bounds.lower[j] > full.lower[j] || bounds.upper[j] < full.upper[j])
        .collect();
    let hits = members.iter().filter(|&&i| y[i]).count();
    PrimStep {
        kind,
        restricted,
        n: members.len(),
        hits,
        coverage: if total_hits == 0 {
            0.0
        } else {
            hits as f64 / total_hits as f64
        },
        density: hits as f64 / members.len() as f64,
        support: members.len() as f64 / total as f64,
        bounds,
    }
}

/// The best peel of `members`, or `None` when no peel keeps `min_n` points.
fn best_peel(
    columns: &[Vec<f64>],
    y: &[bool],
    members: &[usize],
    alpha: f64,
    min_n: usize,
) -> Option<Vec<usize>> {
    let mut best: Option<(f64, Vec<usize>)> = None;
    for col in columns {
        let values = sorted(&members.iter().map(|&i| col[i]).collect::<Vec<_>>());
        let (min, max) = (values[0], values[values.len() - 1]);
        if min == max {
            continue;
        }
        let low = quantile_sorted(&values, alpha);
        let high = quantile_sorted(&values, 1.0 - alpha);
        let keep_low: Box<dyn Fn(f64) -> bool> = if values.iter().any(|v| *v < low) {
            Box::new(move |v| v >= low)
        } else {
            Box::new(move |v| v > min)
        };
        let keep_high: Box<dyn Fn(f64) -> bool> = if values.iter().any(|v| *v > high) {
            Box::new(move |v| v <= high)
        } else {
            Box::new(move |v| v < max)
        };
        for keep in [keep_low, keep_high] {
            let remaining: Vec<usize> = members.iter().copied().filter(|&i| keep(col[i])).collect();
            if remaining.len() < min_n || remaining.len() == members.len() {
                continue;
            }
            let d = density(y, &remaining);
            let better = match &best {
                None => true,
                Some((bd, bm)) => d > *bd || (d == *bd && remaining.len() > bm.len()),
            };
            if better {
                best = Some((d, remaining));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// The densest widening of the box of `members` by one paste.
fn best_paste(
    columns: &[Vec<f64>],
    y: &[bool],
    members: &[usize],
    alpha: f64,
) -> Option<Vec<usize>> {
    let bounds = tight_box(columns, members);
    let m = ((alpha * members.len() as f64).ceil() as usize).max(1);
    let n_all = y.len();
    let mut best: Option<(f64, Vec<usize>)> = None;
    for (j, col) in columns.iter().enumerate() {
        let others_ok = |i: usize| {
            columns
                .iter()
                .enumerate()
                .all(|(k, c)| k == j || (c[i] >= bounds.lower[k] && c[i] <= bounds.upper[k]))
        };
        for lower_side in [true, false] {
            let mut outside: Vec<f64> = (0..n_all)
                .filter(|&i| {
                    others_ok(i)
                        && if lower_side {
                            col[i] < bounds.lower[j]
                        } else {
                            col[i] > bounds.upper[j]
                        }
                })
                .map(|i| col[i])
                .collect();
            if outside.is_empty() {
                continue;
            }
            outside.sort_by(f64::total_cmp);
            if lower_side {
                outside.reverse();
            }
            let reach = outside[m.min(outside.len()) - 1];
            let mut widened = bounds.clone();
            if lower_side {
                widened.lower[j] = reach;
            } else {
                widened.upper[j] = reach;
            }
            let next: Vec<usize> = (0..n_all)
                .filter(|&i| widened.contains(columns, i))
                .collect();
            let d = density(y, &next);
            let better = match &best {
                None => true,
                Some((bd, _)) => d > *bd,
            };
            if better {
                best = Some((d, next));
            }
        }
    }
    best.map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;
    use rand_chacha::ChaCha8Rng;
    use rand_chacha::rand_core::SeedableRng;

    /// 2000 points uniform in [0, 1]³; the outcome has probability 0.9 inside the planted
    /// box x0 ∈ [0.2, 0.6], x1 ∈ [0.5, 0.9] (support 0.16) and 0.05 outside; x2 is noise.
    fn planted() -> (Vec<Vec<f64>>, Vec<bool>) {
        let mut rng = ChaCha8Rng::seed_from_u64(20_260_101);
        let n = 2000;
        let mut columns: Vec<Vec<f64>> = (0..3).map(|_| Vec::with_capacity(n)).collect();
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let x: Vec<f64> = (0..3).map(|_| rng.random::<f64>()).collect();
            let inside = (0.2..=0.6).contains(&x[0]) && (0.5..=0.9).contains(&x[1]);
            let p = if inside { 0.9 } else { 0.05 };
            y.push(rng.random::<f64>() < p);
            for (col, v) in columns.iter_mut().zip(x) {
                col.push(v);
            }
        }
        (columns, y)
    }

    #[test]
    fn finds_the_planted_box() {
        let (columns, y) = planted();
        let trajectory = prim(&columns, &y, PrimParams::default());
        let start = &trajectory[0];
        assert_eq!(
            (start.kind, start.n, start.support),
            (StepKind::Start, 2000, 1.0)
        );
        assert_eq!(start.coverage, 1.0);
        assert!(start.restricted.iter().all(|r| !r));
        // Every box respects the minimum support; the overall density is about 0.18.
        assert!(trajectory.iter().all(|s| s.support >= 0.05));
        assert!((start.density - 0.186).abs() < 0.03, "{}", start.density);
        // The first box of density 0.8 or more is the planted one: bounds within 0.05,
        // the noise input (almost) unrestricted, most of the outcome covered.
        let found = trajectory
            .iter()
            .find(|s| s.density >= 0.8)
            .expect("a dense box");
        let b = &found.bounds;
        for (got, want) in [
            (b.lower[0], 0.2),
            (b.upper[0], 0.6),
            (b.lower[1], 0.5),
            (b.upper[1], 0.9),
        ] {
            assert!((got - want).abs() < 0.05, "box {b:?}");
        }
        assert!(b.lower[2] < 0.05 && b.upper[2] > 0.95, "box {b:?}");
        assert!(found.restricted[0] && found.restricted[1]);
        assert!(found.coverage > 0.75, "coverage {}", found.coverage);
    }

    #[test]
    fn a_discrete_input_is_peeled_one_value_at_a_time() {
        // x takes 0, 1, 2 (100 points each); the outcome is certain at 2 and absent
        // elsewhere. The first peel removes the whole lowest level, the second the next.
        let x: Vec<f64> = (0..300).map(|i| f64::from(i % 3)).collect();
        let y: Vec<bool> = x.iter().map(|v| *v == 2.0).collect();
        let t = prim(&[x], &y, PrimParams::default());
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!((t[1].bounds.lower[0], t[1].n), (1.0, 200));
        assert_eq!((t[2].bounds.lower[0], t[2].bounds.upper[0]), (2.0, 2.0));
        assert_eq!((t[2].density, t[2].coverage), (1.0, 1.0));
    }

    #[test]
    fn pasting_widens_the_last_peeled_box_while_it_raises_the_density() {
        // 400 points in [0, 1]²: probability 0.9 where x0 > 0.5 and x1 < 0.3, 0.5 elsewhere
        // with x0 > 0.5, 0.1 below. Peeling to the minimum support overshoots into a
        // small noisy box, from which pasting widens back.
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let (mut x0, mut x1, mut y) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..400 {
            let (a, b): (f64, f64) = (rng.random(), rng.random());
            let p = if a > 0.5 && b < 0.3 {
                0.9
            } else if a > 0.5 {
                0.5
            } else {
                0.1
            };
            x0.push(a);
            x1.push(b);
            y.push(rng.random::<f64>() < p);
        }
        let t = prim(&[x0, x1], &y, PrimParams::default());
        let first_paste = t
            .iter()
            .position(|s| s.kind == StepKind::Paste)
            .expect("at least one paste");
        assert!(t[first_paste..].iter().all(|s| s.kind == StepKind::Paste));
        for w in t[first_paste - 1..].windows(2) {
            assert!(w[1].density > w[0].density, "{:?}", w[1]);
            assert!(w[1].n > w[0].n);
            for j in 0..2 {
                assert!(w[1].bounds.lower[j] <= w[0].bounds.lower[j]);
                assert!(w[1].bounds.upper[j] >= w[0].bounds.upper[j]);
            }
        }
        // The last peel stopped at the minimum support of 20 points.
        assert_eq!(t[first_paste - 1].n, 20);
    }
}
