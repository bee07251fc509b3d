//! Design points: which value each factor takes in each point.
//!
//! - `grid`: lists combined as a cartesian product (the first factor in key order varies
//!   slowest) or zipped; fixed values everywhere.
//! - `random`: each point draws every range uniformly and every list uniformly.
//! - `lhs`: a Latin hypercube: each range (and list) is cut into `samples` equal strata,
//!   each stratum used once, with a uniform draw inside it.
//! - `morris`: `trajectories` one-at-a-time paths on a `levels`-level grid with step
//!   `Δ = levels / (2 (levels − 1))` (Morris 1991), each path `k + 1` points for `k` ranges.
//!
//! Draws come from a ChaCha8 stream derived from the master seed, so a design is the same
//! on every machine.

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::spec::{Combine, DesignKind, Factor, Sweep, float_text, scalar_text};

/// Tag of the design stream.
const DESIGN_STREAM: u64 = 0x00DE_516E;

/// The points of a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    /// Factor keys, in order.
    pub keys: Vec<String>,
    /// For each point, the value text of each factor (aligned with `keys`).
    pub points: Vec<Vec<String>>,
    /// For a Morris design, the trajectories.
    pub morris: Option<MorrisPlan>,
}

/// How the points of a Morris design form trajectories.
#[derive(Clone, Debug, PartialEq)]
pub struct MorrisPlan {
    /// Factors varied (indices into `Design::keys`).
    pub varied: Vec<usize>,
    /// Per trajectory, per step: the factor index stepped and the signed step in unit
    /// (scaled) coordinates. Trajectory `t`'s points are `t·(k+1) .. t·(k+1)+k`.
    pub steps: Vec<Vec<(usize, f64)>>,
}

/// Builds the design of a sweep.
pub fn build(sweep: &Sweep) -> Design {
    let keys: Vec<String> = sweep.factors.iter().map(|(k, _)| k.clone()).collect();
    let mut rng =
        ChaCha8Rng::seed_from_u64(sgsim_abi::derive_seed(sweep.master_seed, DESIGN_STREAM, 0));
    let fixed = |factor: &Factor| {
        if let Factor::Fixed(v) = factor {
            scalar_text(v)
        } else {
            None
        }
    };
    match sweep.design.kind {
        DesignKind::Grid => {
            let levels: Vec<Vec<String>> = sweep
                .factors
                .iter()
                .map(|(_, f)| match f {
                    Factor::Levels(values) => values.iter().filter_map(scalar_text).collect(),
                    other => fixed(other).into_iter().collect(),
                })
                .collect();
            let points = match sweep.design.combine {
                Combine::Product => product(&levels),
                Combine::Zip => {
                    let n = levels.iter().map(Vec::len).max().unwrap_or(1);
                    (0..n)
                        .map(|i| {
                            levels
                                .iter()
                                .map(|l| l[if l.len() == 1 { 0 } else { i }].clone())
                                .collect()
                        })
                        .collect()
                }
            };
            Design {
                keys,
                points,
                morris: None,
            }
        }
        DesignKind::Random | DesignKind::Lhs => {
            let n = sweep.design.samples.unwrap_or(1) as usize;
            // One column of unit draws per factor, then mapped to values.
            let columns: Vec<Vec<f64>> = sweep
                .factors
                .iter()
                .map(|_| {
                    if sweep.design.kind == DesignKind::Random {
                        (0..n).map(|_| rng.random::<f64>()).collect()
                    } else {
                        let mut strata: Vec<usize> = (0..n).collect();
                        strata.shuffle(&mut rng);
                        strata
                            .into_iter()
                            .map(|s| (s as f64 + rng.random::<f64>()) / n as f64)
                            .collect()
                    }
                })
                .collect();
            let points = (0..n)
                .map(|i| {
                    sweep
                        .factors
                        .iter()
                        .zip(&columns)
                        .map(|((_, factor), column)| value_at(factor, column[i]))
                        .collect()
                })
                .collect();
            Design {
                keys,
                points,
                morris: None,
            }
        }
        DesignKind::Morris => morris(sweep, keys, &mut rng),
    }
}

/// The value of a factor at unit coordinate `u` in [0, 1].
fn value_at(factor: &Factor, u: f64) -> String {
    match factor {
        Factor::Fixed(v) => scalar_text(v).unwrap_or_default(),
        Factor::Levels(values) => {
            let index = ((u * values.len() as f64) as usize).min(values.len() - 1);
            scalar_text(&values[index]).unwrap_or_default()
        }
        Factor::Range { min, max, integer } => {
            let value = min + u.clamp(0.0, 1.0) * (max - min);
            if *integer {
                format!("{}", libm::round(value) as i64)
            } else {
                float_text(value)
            }
        }
    }
}

fn product(levels: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut points: Vec<Vec<String>> = vec![Vec::new()];
    for column in levels {
        points = points
            .into_iter()
            .flat_map(|prefix| {
                column.iter().map(move |value| {
                    let mut point = prefix.clone();
                    point.push(value.clone());
                    point
                })
            })
            .collect();
    }
    points
}

fn morris(sweep: &Sweep, keys: Vec<String>, rng: &mut ChaCha8Rng) -> Design {
    let levels = sweep.design.levels.unwrap_or(4);
    let trajectories = sweep.design.trajectories.unwrap_or(10) as usize;
    let delta = f64::from(levels) / (2.0 * f64::from(levels - 1));
    let varied: Vec<usize> = sweep
        .factors
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| matches!(f, Factor::Range { .. }))
        .map(|(i, _)| i)
        .collect();
    let grid: Vec<f64> = (0..levels)
        .map(|l| f64::from(l) / f64::from(levels - 1))
        .collect();
    let mut points = Vec::new();
    let mut steps = Vec::new();
    for _ in 0..trajectories {
        let mut x: Vec<f64> = sweep
            .factors
            .iter()
            .map(|_| grid[rng.random_range(0..grid.len())])
            .collect();
        let mut order = varied.clone();
        order.shuffle(rng);
        let unit = |x: &[f64]| -> Vec<String> {
            sweep
                .factors
                .iter()
                .zip(x)
                .map(|((_, factor), &u)| value_at(factor, u))
                .collect()
        };
        points.push(unit(&x));
        let mut path = Vec::new();
        for factor in order {
            // With an even number of levels a point can always move one way only.
            let step = if x[factor] + delta <= 1.0 + 1e-12 {
                delta
            } else {
                -delta
            };
            x[factor] = (x[factor] + step).clamp(0.0, 1.0);
            path.push((factor, step));
            points.push(unit(&x));
        }
        steps.push(path);
    }
    Design {
        keys,
        points,
        morris: Some(MorrisPlan { varied, steps }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::spec::DesignSpec;

    fn sweep(kind: DesignKind, factors: Vec<(&str, Factor)>) -> Sweep {
        Sweep {
            path: "s.toml".into(),
            text: String::new(),
            canonical: String::new(),
            name: "s".into(),
            master_seed: 7,
            replications: 1,
            arms: Vec::new(),
            design: DesignSpec {
                kind,
                samples: Some(8),
                trajectories: Some(5),
                levels: Some(4),
                ..DesignSpec::default()
            },
            factors: factors
                .into_iter()
                .map(|(k, f)| (k.to_owned(), f))
                .collect(),
        }
    }

    fn levels(values: &[i64]) -> Factor {
        Factor::Levels(values.iter().map(|v| toml::Value::Integer(*v)).collect())
    }

    #[test]
    fn a_grid_is_the_product_with_the_first_key_slowest_and_zip_pairs() {
        let mut s = sweep(
            DesignKind::Grid,
            vec![
                ("a", levels(&[1, 2])),
                ("b", levels(&[3, 4, 5])),
                ("c", Factor::Fixed(toml::Value::Boolean(true))),
            ],
        );
        let design = build(&s);
        assert_eq!(design.points.len(), 6);
        assert_eq!(design.points[0], ["1", "3", "true"]);
        assert_eq!(design.points[1], ["1", "4", "true"]);
        assert_eq!(design.points[5], ["2", "5", "true"]);
        s.factors[1].1 = levels(&[3, 4]);
        s.design.combine = Combine::Zip;
        assert_eq!(
            build(&s).points,
            vec![vec!["1", "3", "true"], vec!["2", "4", "true"]]
        );
    }

    #[test]
    fn a_latin_hypercube_uses_every_stratum_once() {
        let s = sweep(
            DesignKind::Lhs,
            vec![(
                "x",
                Factor::Range {
                    min: 0.0,
                    max: 8.0,
                    integer: false,
                },
            )],
        );
        let design = build(&s);
        let mut strata: Vec<usize> = design
            .points
            .iter()
            .map(|p| p[0].parse::<f64>().unwrap() as usize)
            .collect();
        strata.sort_unstable();
        assert_eq!(strata, (0..8).collect::<Vec<_>>());
        assert_eq!(
            build(&s),
            design,
            "the same master seed gives the same design"
        );
    }

    #[test]
    fn morris_trajectories_move_one_factor_by_delta_per_step() {
        let s = sweep(
            DesignKind::Morris,
            vec![
                (
                    "x",
                    Factor::Range {
                        min: 0.0,
                        max: 1.0,
                        integer: false,
                    },
                ),
                (
                    "y",
                    Factor::Range {
                        min: 10.0,
                        max: 20.0,
                        integer: false,
                    },
                ),
            ],
        );
        let design = build(&s);
        let plan = design.morris.as_ref().unwrap();
        assert_eq!(design.points.len(), 5 * 3);
        let delta = 4.0 / 6.0;
        for (t, path) in plan.steps.iter().enumerate() {
            let mut seen: Vec<usize> = path.iter().map(|(f, _)| *f).collect();
            seen.sort_unstable();
            assert_eq!(seen, vec![0, 1], "each factor moves once per trajectory");
            for (j, &(factor, step)) in path.iter().enumerate() {
                let (before, after) = (&design.points[t * 3 + j], &design.points[t * 3 + j + 1]);
                let scale = if factor == 0 { 1.0 } else { 10.0 };
                let moved: f64 =
                    after[factor].parse::<f64>().unwrap() - before[factor].parse::<f64>().unwrap();
                assert!((moved - step * scale).abs() < 1e-9 && (step.abs() - delta).abs() < 1e-12);
                assert_eq!(
                    before[1 - factor],
                    after[1 - factor],
                    "only one factor moves"
                );
            }
        }
    }
}
