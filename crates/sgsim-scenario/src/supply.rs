//! The supply data (`supply.toml`: artillery ammunition and air defence, M05) and
//! Ukraine's assessed reconstruction needs (`reconstruction.toml`, M21), read into the
//! core's [`SupplySetup`] and [`Ramp`]s. Every value needs its source.

use std::collections::BTreeMap;

use serde::Deserialize;
use sgsim_core::materiel::{KyivArtillerySetup, LineSetup, ProducerSetup, Ramp, SupplySetup};

use super::document::Document;
use super::error::ConfigError;
use super::resolve::{date_only, range_message};

/// `supply.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyFile {
    /// Schema version (2).
    pub schema_version: u32,
    /// Artillery ammunition.
    pub artillery: LineRecord,
    /// Air defence.
    pub air_defence: LineRecord,
    /// Kyiv's artillery.
    pub kyiv_artillery: KyivArtilleryRecord,
}

/// A dated series: `[[date, value], ...]`.
pub type Series = Vec<(toml::value::Datetime, f64)>;

/// `[artillery]` or `[air_defence]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRecord {
    /// Euro per unit.
    pub price_eur: f64,
    /// Share of a military pledge for this line, by date.
    pub share_of_military_aid: Series,
    /// The United States.
    pub united_states: ProducerRecord,
    /// The other allies.
    pub other_allies: ProducerRecord,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// A producer group's data for a line.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProducerRecord {
    /// Units per year, by date.
    pub production_per_year: Series,
    /// Units on 2022-02-24.
    pub stock_start: f64,
    /// Units kept for the group's own defence.
    pub readiness_floor: f64,
}

/// `[kyiv_artillery]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KyivArtilleryRecord {
    /// Rounds a week at full intensity.
    pub need_per_week: f64,
    /// Rounds on 2022-02-24.
    pub stock_start: f64,
    /// Ukraine's own output, rounds per year, by date.
    pub production_per_year: Series,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// `reconstruction.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReconstructionFile {
    /// Schema version (2).
    pub schema_version: u32,
    /// The assessments, by cut-off date.
    pub assessment: Vec<AssessmentRecord>,
}

/// One `[[assessment]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRecord {
    /// The cut-off date it covers.
    pub date: toml::value::Datetime,
    /// Needs, US$ billions.
    pub needs_usd_bn: f64,
    /// Source.
    pub source: String,
}

fn number(doc: &Document, key: &str, value: f64, max: f64) -> Result<f64, ConfigError> {
    if value.is_finite() && (0.0..=max).contains(&value) {
        Ok(value)
    } else {
        Err(doc.error_at(key, range_message(value, 0.0, max)))
    }
}

fn ramp(doc: &Document, key: &str, series: &Series, max: f64) -> Result<Ramp, ConfigError> {
    if series.is_empty() {
        return Err(doc.error_at(key, "needs at least one [date, value] pair"));
    }
    let mut points = Vec::with_capacity(series.len());
    for (date, value) in series {
        let day = date_only(doc, key, date)?;
        if points.last().is_some_and(|&(last, _)| day <= last) {
            return Err(doc.error_at(key, format!("{day} is not after the date before it")));
        }
        points.push((day, number(doc, key, *value, max)?));
    }
    Ok(Ramp { points })
}

fn sourced(
    doc: &Document,
    table: &str,
    sources: &BTreeMap<String, String>,
    keys: &[&str],
) -> Result<(), ConfigError> {
    for key in keys {
        if sources.get(*key).is_none_or(|s| s.trim().is_empty()) {
            return Err(doc.error_at(
                &format!("{table}.sources"),
                format!("[{table}] has no source for `{key}`"),
            ));
        }
    }
    Ok(())
}

fn line(doc: &Document, name: &str, record: &LineRecord) -> Result<LineSetup, ConfigError> {
    sourced(
        doc,
        name,
        &record.sources,
        &[
            "price_eur",
            "share_of_military_aid",
            "united_states_production",
            "united_states_stock",
            "other_allies_production",
            "other_allies_stock",
        ],
    )?;
    let producer = |group: &str, p: &ProducerRecord| -> Result<ProducerSetup, ConfigError> {
        let key = |field: &str| format!("{name}.{group}.{field}");
        let stock_start = number(doc, &key("stock_start"), p.stock_start, 1e12)?;
        let readiness_floor = number(doc, &key("readiness_floor"), p.readiness_floor, 1e12)?;
        if readiness_floor > stock_start {
            return Err(doc.error_at(
                &key("readiness_floor"),
                format!("{readiness_floor} is above stock_start ({stock_start})"),
            ));
        }
        Ok(ProducerSetup {
            production_per_year: ramp(
                doc,
                &key("production_per_year"),
                &p.production_per_year,
                1e12,
            )?,
            stock_start,
            readiness_floor,
        })
    };
    let price_eur = number(doc, &format!("{name}.price_eur"), record.price_eur, 1e12)?;
    if price_eur <= 0.0 {
        return Err(doc.error_at(&format!("{name}.price_eur"), "must be above 0"));
    }
    Ok(LineSetup {
        price_eur,
        share_of_military_aid: ramp(
            doc,
            &format!("{name}.share_of_military_aid"),
            &record.share_of_military_aid,
            1.0,
        )?,
        producers: [
            producer("united_states", &record.united_states)?,
            producer("other_allies", &record.other_allies)?,
        ],
    })
}

/// The supply data of `supply.toml`.
pub fn supply(file: &SupplyFile, doc: &Document) -> Result<SupplySetup, ConfigError> {
    let artillery = line(doc, "artillery", &file.artillery)?;
    let air_defence = line(doc, "air_defence", &file.air_defence)?;
    let shares = [
        &artillery.share_of_military_aid,
        &air_defence.share_of_military_aid,
    ];
    for (date, _) in shares.iter().flat_map(|r| r.points.iter()) {
        let sum = shares.iter().map(|r| r.at(*date)).sum::<f64>();
        if sum > 1.0 + 1e-12 {
            return Err(doc.error_at(
                "air_defence.share_of_military_aid",
                format!(
                    "the shares of artillery and air defence add up to {sum} on {date}, above 1"
                ),
            ));
        }
    }
    let k = &file.kyiv_artillery;
    sourced(
        doc,
        "kyiv_artillery",
        &k.sources,
        &["need_per_week", "stock_start", "production_per_year"],
    )?;
    Ok(SupplySetup {
        artillery,
        air_defence,
        kyiv_artillery: KyivArtillerySetup {
            need_per_week: number(doc, "kyiv_artillery.need_per_week", k.need_per_week, 1e9)?,
            stock_start: number(doc, "kyiv_artillery.stock_start", k.stock_start, 1e12)?,
            production_per_year: ramp(
                doc,
                "kyiv_artillery.production_per_year",
                &k.production_per_year,
                1e12,
            )?,
        },
    })
}

/// Ukraine's assessed reconstruction needs, in euro billions at `eur_per_usd`.
pub fn reconstruction(
    file: &ReconstructionFile,
    doc: &Document,
    eur_per_usd: f64,
) -> Result<Ramp, ConfigError> {
    let mut points = Vec::with_capacity(file.assessment.len());
    for (index, record) in file.assessment.iter().enumerate() {
        let key = |field: &str| format!("assessment[{index}].{field}");
        if record.source.trim().is_empty() {
            return Err(doc.error_at(
                &key("source"),
                format!("assessment {} has no source", index + 1),
            ));
        }
        let day = date_only(doc, &key("date"), &record.date)?;
        if points.last().is_some_and(|&(last, _)| day <= last) {
            return Err(doc.error_at(
                &key("date"),
                format!("{day} is not after the assessment before it"),
            ));
        }
        let needs = number(doc, &key("needs_usd_bn"), record.needs_usd_bn, 1e5)?;
        if points
            .last()
            .is_some_and(|&(_, last)| needs * eur_per_usd < last)
        {
            return Err(doc.error_at(
                &key("needs_usd_bn"),
                format!("{needs} is below the assessment before it (the needs are cumulative)"),
            ));
        }
        points.push((day, needs * eur_per_usd));
    }
    Ok(Ramp { points })
}
