//! The front data (`front.toml`, M07): Ukraine's internationally recognised territory and
//! the sectors of the front, read into the core's [`FrontSetup`]. Every value needs its
//! source.

use std::collections::BTreeMap;

use serde::Deserialize;
use sgsim_core::front::{FrontSetup, Sector, SectorSetup};

use super::document::Document;
use super::error::ConfigError;
use super::resolve::range_message;

/// `front.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontFile {
    /// Schema version (2).
    pub schema_version: u32,
    /// Ukraine's internationally recognised territory, km².
    pub total_area_km2: f64,
    /// Source of `total_area_km2`.
    pub total_area_source: String,
    /// The sectors, one table each, named as [`Sector::as_str`].
    pub sector: BTreeMap<String, SectorRecord>,
}

/// One `[sector.<name>]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorRecord {
    /// Area, km².
    pub area_km2: f64,
    /// Area Kyiv held on 2022-02-24, km².
    pub kyiv_held_km2: f64,
    /// Weight in Russia's allocation of effort.
    pub axis_weight: f64,
    /// Terrain factor on the defence.
    pub terrain: f64,
    /// Ukrainian fortifications on 2022-02-24, [0, 1].
    pub fortification: f64,
    /// Russian fortifications on the ground Russia held there on 2022-02-24, [0, 1].
    pub russian_fortification: f64,
    /// Sources, one per value.
    pub sources: BTreeMap<String, String>,
}

const FIELDS: [&str; 6] = [
    "area_km2",
    "kyiv_held_km2",
    "axis_weight",
    "terrain",
    "fortification",
    "russian_fortification",
];

fn number(doc: &Document, key: &str, value: f64, min: f64, max: f64) -> Result<f64, ConfigError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(doc.error_at(key, range_message(value, min, max)))
    }
}

/// The front of `front.toml`: every sector of [`Sector::ALL`] once, each value sourced and
/// in range, the sectors inside the country.
pub fn front(file: &FrontFile, doc: &Document) -> Result<FrontSetup, ConfigError> {
    if file.total_area_source.trim().is_empty() {
        return Err(doc.error_at("total_area_source", "the total area needs a source"));
    }
    let total = number(doc, "total_area_km2", file.total_area_km2, 1.0, 1e9)?;
    if let Some(name) = file
        .sector
        .keys()
        .find(|name| !Sector::ALL.iter().any(|s| s.as_str() == name.as_str()))
    {
        let names: Vec<&str> = Sector::ALL.iter().map(|s| s.as_str()).collect();
        return Err(doc.error_at(
            &format!("sector.{name}"),
            format!(
                "unknown sector `{name}`; the sectors are {}",
                names.join(", ")
            ),
        ));
    }
    let mut sectors = Vec::with_capacity(4);
    let mut areas = 0.0;
    for sector in Sector::ALL {
        let name = sector.as_str();
        let Some(r) = file.sector.get(name) else {
            return Err(doc.error_at("sector", format!("[sector.{name}] is missing")));
        };
        for field in FIELDS {
            if r.sources.get(field).is_none_or(|s| s.trim().is_empty()) {
                return Err(doc.error_at(
                    &format!("sector.{name}.sources"),
                    format!("[sector.{name}] has no source for `{field}`"),
                ));
            }
        }
        let key = |field: &str| format!("sector.{name}.{field}");
        let area_km2 = number(doc, &key("area_km2"), r.area_km2, 0.0, total)?;
        areas += area_km2;
        sectors.push(SectorSetup {
            area_km2,
            kyiv_held_km2: number(doc, &key("kyiv_held_km2"), r.kyiv_held_km2, 0.0, area_km2)?,
            axis_weight: number(doc, &key("axis_weight"), r.axis_weight, 0.0, 1e3)?,
            terrain: number(doc, &key("terrain"), r.terrain, 0.1, 10.0)?,
            fortification: number(doc, &key("fortification"), r.fortification, 0.0, 1.0)?,
            russian_fortification: number(
                doc,
                &key("russian_fortification"),
                r.russian_fortification,
                0.0,
                1.0,
            )?,
        });
    }
    if areas > total {
        return Err(doc.error_at(
            "total_area_km2",
            format!("the sectors cover {areas} km2, more than the country's {total}"),
        ));
    }
    let sectors: [SectorSetup; 4] = sectors
        .try_into()
        .map_err(|_| doc.error_at("sector", "four sectors"))?;
    Ok(FrontSetup {
        total_area_km2: total,
        sectors,
    })
}
