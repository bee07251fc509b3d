//! The actor data files in `configs/data/`.

use std::collections::BTreeMap;

use serde::Deserialize;
use sgsim_core::Camp;

/// `allies.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlliesFile {
    /// Schema version (2).
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
    /// Member state of the European Union.
    pub eu_member: bool,
    /// The elected office that holds foreign and defence policy.
    pub foreign_policy_office: Office,
    /// The other elected office that can brake aid, if any.
    pub check_office: CheckOfficeName,
    /// Camp of the foreign-policy office on 2022-02-24.
    pub initial_camp: Camp,
    /// Camp of the check office on 2022-02-24 (only with a check office).
    pub check_initial_camp: Option<Camp>,
    /// Public support for military aid to Ukraine in 2022, [0, 1].
    pub public_support: f64,
    /// Escalation aversion, [0, 1].
    pub escalation_aversion: f64,
    /// Share of the public worried that aid weakens the country's own defence, [0, 1].
    pub readiness_worry: f64,
    /// Elections held and scheduled, one per polling day, earliest first.
    #[serde(default)]
    pub election: Vec<ElectionRecord>,
    /// Source for each value.
    pub sources: BTreeMap<String, String>,
}

/// An elected office.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Office {
    /// A directly elected president.
    President,
    /// The legislature (in a parliamentary system, the government its majority supports).
    Legislature,
}

/// A capital's check office.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CheckOfficeName {
    /// No elected check is modelled.
    None,
    /// A legislature that is not the executive.
    Legislature,
    /// A directly elected president in a parliamentary system.
    President,
}

impl CheckOfficeName {
    /// The office, if any.
    pub fn office(self) -> Option<Office> {
        match self {
            CheckOfficeName::None => None,
            CheckOfficeName::Legislature => Some(Office::Legislature),
            CheckOfficeName::President => Some(Office::President),
        }
    }
}

/// Kind of a national election.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ElectionKind {
    /// A presidential election.
    Presidential,
    /// A parliamentary election.
    Parliamentary,
    /// A general election.
    General,
    /// A US midterm election.
    Midterm,
}

impl ElectionKind {
    /// Name used in events.
    pub const fn as_str(self) -> &'static str {
        match self {
            ElectionKind::Presidential => "presidential",
            ElectionKind::Parliamentary => "parliamentary",
            ElectionKind::General => "general",
            ElectionKind::Midterm => "midterm",
        }
    }
}

/// One `[[ally.election]]`: a polling day, with its recorded outcome once held.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// Polling day (the decisive round).
    pub date: toml::value::Datetime,
    /// Kind.
    pub kind: ElectionKind,
    /// The offices it fills.
    pub offices: Vec<Office>,
    /// Recorded: whether the incumbent kept the office.
    pub incumbent_won: Option<bool>,
    /// Recorded: the foreign-policy office's camp after it.
    pub camp: Option<Camp>,
    /// Recorded: the check office's camp after it.
    pub check_camp: Option<Camp>,
    /// Source of the recorded outcome.
    pub source: Option<String>,
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
    /// Military expenditure before the war, share of GDP.
    pub defence_spending_share: f64,
    /// Military expenditure the war economy reaches, share of GDP.
    pub defence_spending_share_war: f64,
    /// Oil and gas budget revenue before the war, share of GDP.
    pub energy_revenue_share: f64,
    /// Liquid assets of the National Wealth Fund at the start, share of a year's pre-war GDP.
    pub fiscal_reserve_share: f64,
    /// Real growth of the economy without the war, per year.
    pub trend_growth_per_year: f64,
    /// Main battle tanks in service at the start.
    pub tanks_in_service: f64,
    /// Tanks in storage that can be restored to service.
    pub tanks_restorable: f64,
    /// New-build tanks a year at the war level of defence spending.
    pub new_tanks_per_year_war: f64,
    /// Tanks restored from storage a year at the war level of defence spending.
    pub refurbished_per_year_war: f64,
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
    /// Public resolve.
    pub public_resolve: f64,
    /// Government resolve.
    pub resolve: f64,
    /// Call-up capacity, persons per week.
    pub callup_capacity_per_week: f64,
    /// Largest force, persons.
    pub forces_cap: f64,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// Defaults for the capitals' behavioural state.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalDefaultsRecord {
    /// Initial escalation rung.
    pub initial_escalation_rung: u32,
    /// Sources.
    pub sources: BTreeMap<String, String>,
}

/// The source keys every ally must have.
pub const ALLY_SOURCE_KEYS: [&str; 14] = [
    "gdp_usd_bn",
    "defence_pct_gdp",
    "population_m",
    "capital_coords",
    "borders_russia",
    "ramstein",
    "nsatu",
    "elections",
    "eu_member",
    "offices",
    "initial_camp",
    "public_support",
    "escalation_aversion",
    "readiness_worry",
];

/// Schema version of the data files this sgsim reads.
pub const DATA_SCHEMA_VERSION: u32 = 2;

/// The first missing or empty source among `keys`, if any.
pub fn missing_source<'a>(sources: &BTreeMap<String, String>, keys: &[&'a str]) -> Option<&'a str> {
    keys.iter()
        .copied()
        .find(|key| sources.get(*key).is_none_or(|s| s.trim().is_empty()))
}

/// `eu.toml`: the European Union's instruments for Ukraine.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuFile {
    /// Schema version (2).
    pub schema_version: u32,
    /// One record per instrument.
    pub instrument: Vec<InstrumentRecord>,
}

/// Category of an EU instrument.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentCategory {
    /// The European Peace Facility and other military aid.
    Military,
    /// Macro-financial assistance, grants and loans.
    Financial,
}

/// A recorded veto of an instrument.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRecord {
    /// The member that blocked it.
    pub by: String,
    /// The day the block began.
    pub from: toml::value::Datetime,
    /// The day it ended.
    pub until: toml::value::Datetime,
}

/// One `[[instrument]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentRecord {
    /// Identifier.
    pub name: String,
    /// Military or financial.
    pub category: InstrumentCategory,
    /// Amount for Ukraine, euro billions.
    pub amount_eur_bn: f64,
    /// The day it was first put to the member states.
    pub proposed: toml::value::Datetime,
    /// Weeks from adoption to the first payment.
    pub lag_weeks: u32,
    /// Weeks over which it is paid.
    pub disburse_weeks: u32,
    /// Recorded adoption day.
    pub adopted: Option<toml::value::Datetime>,
    /// Recorded opt-outs.
    #[serde(default)]
    pub opt_outs: Vec<String>,
    /// Recorded vetoes.
    #[serde(default)]
    pub blocks: Vec<BlockRecord>,
    /// Sources.
    pub source: String,
}

/// `donors.toml`: donors outside the alliance.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonorsFile {
    /// Schema version (2).
    pub schema_version: u32,
    /// One record per donor.
    pub donor: Vec<DonorRecord>,
}

/// Donor group of a donor outside the alliance.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DonorGroupName {
    /// A member state of the EU.
    EuMember,
    /// Another European donor.
    OtherEurope,
    /// Any other donor.
    Other,
}

/// One `[[donor]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonorRecord {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Donor group.
    pub group: DonorGroupName,
    /// First day of the recorded period.
    pub recorded_from: toml::value::Datetime,
    /// Last day of the recorded period.
    pub recorded_until: toml::value::Datetime,
    /// Military aid over the period, euro billions.
    pub military_eur_bn: f64,
    /// Financial aid over the period, euro billions.
    pub financial_eur_bn: f64,
    /// Humanitarian aid over the period, euro billions.
    pub humanitarian_eur_bn: f64,
    /// Sources.
    pub source: String,
}
