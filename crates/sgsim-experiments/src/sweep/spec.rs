//! The sweep file: arms, factors, the design, replications and the master seed. Every table
//! refuses unknown keys; factor definitions are checked with their position in the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use sgsim_scenario::{ConfigError, Document, name_or_stem, valid_name};

/// The sweep file as written.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SweepFile {
    /// Name of the sweep; defaults to the file stem.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Seed from which every replication's run seed is derived.
    pub master_seed: u64,
    /// Runs per arm and design point, each with its own seed (the same in every arm).
    pub replications: u32,
    /// A single scenario (an arm named after the file), instead of `[[arms]]`.
    #[serde(default)]
    pub scenario: Option<String>,
    /// The arms: scenarios with their own overrides.
    #[serde(default)]
    pub arms: Vec<ArmSpec>,
    /// How the factors combine into design points.
    #[serde(default)]
    pub design: DesignSpec,
    /// Factors: a scalar is fixed, a list is swept, `{ min, max }` is a range to sample.
    #[serde(default)]
    pub factors: BTreeMap<String, toml::Value>,
}

/// One arm.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArmSpec {
    /// Arm name (letters, digits, `-`, `_`).
    pub name: String,
    /// Scenario file, relative to the sweep file.
    pub scenario: String,
    /// Scalar overrides of that scenario for this arm, by key path.
    #[serde(default)]
    pub set: BTreeMap<String, toml::Value>,
}

/// The design.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DesignSpec {
    /// `grid`, `random`, `lhs` or `morris`.
    #[serde(default = "default_kind")]
    pub kind: DesignKind,
    /// For `grid`: `product` (every combination of the lists) or `zip` (the i-th value of
    /// every list together; all lists as long).
    #[serde(default)]
    pub combine: Combine,
    /// For `random` and `lhs`: number of design points.
    #[serde(default)]
    pub samples: Option<u32>,
    /// For `morris`: number of trajectories.
    #[serde(default)]
    pub trajectories: Option<u32>,
    /// For `morris`: number of grid levels per factor (even, at least 2).
    #[serde(default)]
    pub levels: Option<u32>,
}

fn default_kind() -> DesignKind {
    DesignKind::Grid
}

impl Default for DesignSpec {
    fn default() -> Self {
        DesignSpec {
            kind: DesignKind::Grid,
            combine: Combine::Product,
            samples: None,
            trajectories: None,
            levels: None,
        }
    }
}

/// Design kinds.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DesignKind {
    /// Lists combined as a product or zipped; no ranges.
    Grid,
    /// Independent uniform samples of ranges (and uniform picks from lists).
    Random,
    /// Latin-hypercube samples.
    Lhs,
    /// Morris elementary-effects screening over ranges.
    Morris,
}

/// How grid lists combine.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Every combination.
    #[default]
    Product,
    /// Element-wise.
    Zip,
}

/// A factor after checking.
#[derive(Clone, Debug, PartialEq)]
pub enum Factor {
    /// The same value in every run.
    Fixed(toml::Value),
    /// Swept over these values.
    Levels(Vec<toml::Value>),
    /// Sampled in `[min, max]`; rounded when `integer`.
    Range {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Round to whole numbers.
        integer: bool,
    },
}

/// A checked sweep.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// The sweep file.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Its content re-serialised (comments and layout dropped): what identifies the sweep.
    pub canonical: String,
    /// Name.
    pub name: String,
    /// Master seed.
    pub master_seed: u64,
    /// Replications.
    pub replications: u32,
    /// Arms (name, scenario path, overrides).
    pub arms: Vec<Arm>,
    /// Design.
    pub design: DesignSpec,
    /// Factors by key path, in key order.
    pub factors: Vec<(String, Factor)>,
}

/// A checked arm.
#[derive(Clone, Debug)]
pub struct Arm {
    /// Name.
    pub name: String,
    /// Scenario file.
    pub scenario: PathBuf,
    /// Overrides as (key, TOML text).
    pub set: Vec<(String, String)>,
}

/// Renders a scalar TOML value as the text an override carries.
pub fn scalar_text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(toml::Value::String(s.clone()).to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(float_text(*f)),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

/// A factor value as `runs.csv` shows it: strings without their TOML quotes.
pub fn display_value(text: &str) -> String {
    match text.parse::<toml::Value>() {
        Ok(toml::Value::String(inner)) => inner,
        _ => text.to_owned(),
    }
}

/// The shortest text that reads back as exactly `value`, always with a decimal point so it
/// stays a TOML float.
pub fn float_text(value: f64) -> String {
    let text = format!("{value}");
    if text.contains(['.', 'e', 'E']) || !value.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

impl Sweep {
    /// Reads and checks a sweep file.
    pub fn load(path: &Path) -> Result<Sweep, ConfigError> {
        let doc = Document::load(path, &[])?;
        let file: SweepFile = doc.deserialize()?;
        let base = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = name_or_stem(&doc, file.name.as_deref(), "sweep")?;
        if file.replications == 0 {
            return Err(doc.error_at("replications", "must be at least 1"));
        }
        let mut arms = Vec::new();
        match (&file.scenario, file.arms.is_empty()) {
            (Some(_), false) => {
                return Err(
                    doc.error_at("scenario", "give either `scenario` or `[[arms]]`, not both")
                );
            }
            (None, true) => {
                return Err(doc.error_at(
                    "arms",
                    "a sweep needs `scenario = \"...\"` or at least one `[[arms]]`",
                ));
            }
            (Some(scenario), true) => {
                let scenario = base.join(scenario);
                let arm = scenario
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("arm")
                    .to_owned();
                arms.push(Arm {
                    name: arm,
                    scenario,
                    set: Vec::new(),
                });
            }
            (None, false) => {
                for (index, arm) in file.arms.iter().enumerate() {
                    if !valid_name(&arm.name) || arms.iter().any(|a: &Arm| a.name == arm.name) {
                        return Err(doc.error_at(
                            &format!("arms[{index}].name"),
                            format!(
                                "`{}` must be a unique name of letters, digits, `-` and `_`",
                                arm.name
                            ),
                        ));
                    }
                    let mut set = Vec::new();
                    for (key, value) in &arm.set {
                        let text = scalar_text(value).ok_or_else(|| {
                            let index = index.to_string();
                            doc.error_at_parts(
                                &["arms", &index, "set", key],
                                &format!("arms[{index}].set.\"{key}\""),
                                "only scalar values can be set",
                            )
                        })?;
                        set.push((key.clone(), text));
                    }
                    arms.push(Arm {
                        name: arm.name.clone(),
                        scenario: base.join(&arm.scenario),
                        set,
                    });
                }
            }
        }
        if file.factors.contains_key("seed") {
            return Err(doc.error_at_parts(
                &["factors", "seed"],
                "factors.seed",
                "seeds come from master_seed and the replication; a sweep cannot set them",
            ));
        }
        if let Some(index) = file
            .arms
            .iter()
            .position(|arm| arm.set.contains_key("seed"))
        {
            let index_text = index.to_string();
            return Err(doc.error_at_parts(
                &["arms", &index_text, "set", "seed"],
                &format!("arms[{index}].set.seed"),
                "seeds come from master_seed and the replication; an arm cannot set them",
            ));
        }
        let mut factors = Vec::new();
        for (key, value) in &file.factors {
            factors.push((key.clone(), parse_factor(&doc, key, value)?));
        }
        check_design(&doc, &file.design, &factors)?;
        Ok(Sweep {
            path: path.to_owned(),
            text: doc.text.clone(),
            canonical: toml::to_string(&file).unwrap_or_default(),
            name,
            master_seed: file.master_seed,
            replications: file.replications,
            arms,
            design: file.design,
            factors,
        })
    }
}

fn parse_factor(doc: &Document, key: &str, value: &toml::Value) -> Result<Factor, ConfigError> {
    let located = |message: String| factor_error(doc, key, message);
    match value {
        toml::Value::Array(values) => {
            if values.is_empty() {
                return Err(located(
                    "a list of levels needs at least one value".to_owned(),
                ));
            }
            if let Some(bad) = values.iter().find(|v| scalar_text(v).is_none()) {
                return Err(located(format!(
                    "levels must be scalars, not {}",
                    bad.type_str()
                )));
            }
            Ok(Factor::Levels(values.clone()))
        }
        toml::Value::Table(table) => {
            let number = |name: &str| -> Result<f64, ConfigError> {
                match table.get(name) {
                    Some(toml::Value::Float(f)) => Ok(*f),
                    Some(toml::Value::Integer(i)) => Ok(*i as f64),
                    Some(other) => Err(located(format!(
                        "`{name}` must be a number, not {}",
                        other.type_str()
                    ))),
                    None => Err(located(format!(
                        "a range needs `min` and `max`; `{name}` is missing"
                    ))),
                }
            };
            if let Some(unknown) = table
                .keys()
                .find(|k| !["min", "max", "integer"].contains(&k.as_str()))
            {
                return Err(located(format!(
                    "unknown key `{unknown}` in a range (expected min, max, integer)"
                )));
            }
            let (min, max) = (number("min")?, number("max")?);
            if !(min.is_finite() && max.is_finite() && min < max) {
                return Err(located(format!(
                    "range [{min}, {max}] must be finite with min < max"
                )));
            }
            let integer = match table.get("integer") {
                None => false,
                Some(toml::Value::Boolean(b)) => *b,
                Some(other) => {
                    return Err(located(format!(
                        "`integer` must be true or false, not {}",
                        other.type_str()
                    )));
                }
            };
            Ok(Factor::Range { min, max, integer })
        }
        scalar => Ok(Factor::Fixed(scalar.clone())),
    }
}

/// An error located at a factor's value.
fn factor_error(doc: &Document, key: &str, message: impl Into<String>) -> ConfigError {
    doc.error_at_parts(&["factors", key], &format!("factors.\"{key}\""), message)
}

fn check_design(
    doc: &Document,
    design: &DesignSpec,
    factors: &[(String, Factor)],
) -> Result<(), ConfigError> {
    let ranges = factors
        .iter()
        .filter(|(_, f)| matches!(f, Factor::Range { .. }))
        .count();
    let lists: Vec<(&String, usize)> = factors
        .iter()
        .filter_map(|(k, f)| {
            if let Factor::Levels(v) = f {
                Some((k, v.len()))
            } else {
                None
            }
        })
        .collect();
    match design.kind {
        DesignKind::Grid => {
            if let Some((key, _)) = factors
                .iter()
                .find(|(_, f)| matches!(f, Factor::Range { .. }))
            {
                return Err(factor_error(
                    doc,
                    key,
                    "a range needs design kind `random`, `lhs` or `morris`; a grid sweeps lists",
                ));
            }
            if design.combine == Combine::Zip
                && let Some((key, len)) = lists.iter().find(|(_, len)| *len != lists[0].1)
            {
                return Err(factor_error(
                    doc,
                    key,
                    format!(
                        "zipped lists must be as long as each other: this one has {len} values, `{}` has {}",
                        lists[0].0, lists[0].1
                    ),
                ));
            }
        }
        DesignKind::Random | DesignKind::Lhs => {
            match design.samples {
                Some(n) if n > 0 => {}
                _ => {
                    return Err(
                        doc.error_at("design", "random and lhs designs need `samples` >= 1")
                    );
                }
            }
            if ranges + lists.len() == 0 {
                return Err(doc.error_at(
                    "factors",
                    "a sampled design needs at least one range or list factor",
                ));
            }
        }
        DesignKind::Morris => {
            if let Some((key, _)) = lists.first() {
                return Err(factor_error(
                    doc,
                    key,
                    "Morris screening varies ranges only; give `{ min, max }`",
                ));
            }
            if ranges == 0 {
                return Err(doc.error_at(
                    "factors",
                    "Morris screening needs at least one range factor",
                ));
            }
            match design.trajectories {
                Some(n) if n >= 2 => {}
                _ => {
                    return Err(doc.error_at("design", "a Morris design needs `trajectories` >= 2"));
                }
            }
            match design.levels {
                Some(p) if p >= 2 && p % 2 == 0 => {}
                _ => {
                    return Err(doc.error_at(
                        "design",
                        "a Morris design needs an even `levels` >= 2 (4 is usual)",
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_exactly_and_strings_show_without_quotes() {
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(2.0), "2.0");
        assert_eq!(float_text(1e-7).parse::<f64>().unwrap(), 1e-7);
        assert_eq!(display_value("\"nato\""), "nato");
        assert_eq!(display_value("0.25"), "0.25");
    }
}
