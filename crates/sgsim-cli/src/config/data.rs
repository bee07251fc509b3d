//! The actor data files in `configs/data/`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `allies.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlliesFile {
    /// Schema version (1).
    pub schema_version: u32,
    /// One record per ally.
    pub ally: Vec<AllyRecord>,
}

/// One ally in `allies.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllyRecord {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Nominal GDP 2023, US dollars billions.
    pub gdp_usd_bn: f64,
    /// Defence spending 2023, % of GDP.
    pub defence_pct_gdp: f64,
    /// Population 2023, millions.
    pub population_m: f64,
    /// Capital city.
    pub capital: String,
    /// Capital latitude, degrees.
    pub capital_lat: f64,
    /// Capital longitude, degrees.
    pub capital_lon: f64,
    /// Borders Russia (Kaliningrad included).
    pub borders_russia: bool,
    /// Region.
    pub region: String,
    /// Ukraine Defense Contact Group member.
    pub ramstein: bool,
    /// Supports NSATU.
    pub nsatu: bool,
    /// Election dates, ISO.
    pub elections: Vec<String>,
    /// Election kinds, same length.
    pub election_kinds: Vec<String>,
    /// Source for each value.
    pub sources: BTreeMap<String, String>,
}

/// `belligerents.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BelligerentsFile {
    /// Schema version (1).
    pub schema_version: u32,
    /// The Kremlin.
    pub kremlin: KremlinRecord,
    /// Kyiv.
    pub kyiv: KyivRecord,
    /// Capital defaults.
    pub capital_defaults: CapitalDefaultsRecord,
}

/// The Kremlin's initial state.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KremlinRecord {
    /// Personnel in the theatre.
    pub forces_in_theatre: f64,
    /// Domestic support.
    pub domestic_support: f64,
    /// Resolve.
    pub resolve: f64,
    /// Recruitment capacity, persons per week.
    pub recruitment_capacity_per_week: f64,
    /// Largest force in the theatre, persons.
    pub theatre_forces_cap: f64,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// Kyiv's initial state.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KyivRecord {
    /// Personnel in the line.
    pub forces: f64,
    /// Mobilisable men.
    pub manpower_pool: f64,
    /// Equipment, euro billions.
    pub equipment_eur_bn: f64,
    /// Territory share held.
    pub territory_share: f64,
    /// Public resolve.
    pub public_resolve: f64,
    /// Government resolve.
    pub resolve: f64,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// Defaults for the capitals' behavioural state.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalDefaultsRecord {
    /// Initial public support.
    pub initial_support: f64,
    /// Escalation aversion.
    pub escalation_aversion: f64,
    /// Initial escalation rung.
    pub initial_escalation_rung: u32,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// The source keys every ally must have.
pub const ALLY_SOURCE_KEYS: [&str; 8] = [
    "gdp_usd_bn",
    "defence_pct_gdp",
    "population_m",
    "capital_coords",
    "borders_russia",
    "ramstein",
    "nsatu",
    "elections",
];

/// Schema version of the data files this sgsim reads.
pub const DATA_SCHEMA_VERSION: u32 = 1;

/// The first missing or empty source among `keys`, if any.
pub fn missing_source<'a>(sources: &BTreeMap<String, String>, keys: &[&'a str]) -> Option<&'a str> {
    keys.iter()
        .copied()
        .find(|key| sources.get(*key).is_none_or(|s| s.trim().is_empty()))
}
