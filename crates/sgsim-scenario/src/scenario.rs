//! The scenario file format. Every table refuses unknown keys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sgsim_core::{Camp, Location, ModelParams};

/// A scenario file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Name used in output paths and the summary; defaults to the file stem.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Date of tick 0, a TOML date such as `2022-02-24`.
    pub start_date: toml::value::Datetime,
    /// Number of weekly ticks.
    pub ticks: u32,
    /// Run seed.
    pub seed: u64,
    /// Extra directories to search for plugins, relative to the scenario file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plugin_dirs: Vec<String>,
    /// Directory of the data files, relative to the scenario file (default `../data`).
    #[serde(default)]
    pub data_dir: Option<String>,
    /// Escalation rung at the start; default from the data file.
    #[serde(default)]
    pub initial_escalation_rung: Option<u32>,
    /// Policy for each role.
    #[serde(default)]
    pub policies: RolePolicies,
    /// Per-actor policy, keyed by capital code (`HUN`), `RUS`, `UKR` or unit name.
    #[serde(default)]
    pub actors: BTreeMap<String, PolicyChoice>,
    /// Overrides of the Kremlin's initial state.
    #[serde(default)]
    pub kremlin: KremlinOverrides,
    /// Overrides of Kyiv's initial state.
    #[serde(default)]
    pub kyiv: KyivOverrides,
    /// Overrides applied to every capital.
    #[serde(default)]
    pub capital_defaults: CapitalDefaults,
    /// Per-capital data overrides, keyed by code.
    #[serde(default)]
    pub capitals: BTreeMap<String, CapitalOverrides>,
    /// Coalition force units.
    #[serde(default)]
    pub units: Vec<UnitConfig>,
    /// Election outcomes the scenario assumes (M02); every other election is drawn.
    #[serde(default)]
    pub election_outcomes: Vec<ElectionOutcome>,
    /// Recorded election outcomes apply up to this day; later elections are drawn. By
    /// default the latest recorded polling day in the data.
    #[serde(default)]
    pub history_until: Option<toml::value::Datetime>,
    /// Model parameters.
    #[serde(default)]
    pub model: ModelParams,
    /// A security guarantee for Ukraine (M13, M16, M17, M18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<super::arrangement::GuaranteeConfig>,
    /// Ukraine's membership path (M12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<super::arrangement::MembershipConfig>,
    /// A NATO mission to defend Ukraine (S09).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<super::arrangement::MissionConfig>,
    /// A ceasefire the scenario assumes (the premise of post-ceasefire arrangements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceasefire: Option<super::arrangement::CeasefireConfig>,
    /// `[neutrality]`: Ukraine renounces NATO membership from the start.
    pub neutrality: Option<super::arrangement::NeutralityConfig>,
    /// `[aid]`: who coordinates the allies' aid (S03: NATO).
    pub aid: Option<super::arrangement::AidConfig>,
    /// `[sanctions]`: sanctions relief the West trades for a ceasefire (M22).
    pub sanctions: Option<super::arrangement::SanctionsConfig>,
    /// A Ukrainian nuclear deterrent (M15, theoretical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuclear: Option<super::arrangement::NuclearConfig>,
    /// Long-term aid commitments (M14, M17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<super::arrangement::CommitmentConfig>,
}

/// Which plugin and policy an actor or role uses, and its parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyChoice {
    /// Plugin name (found as `libpolicy_<name>.so` in the search path) or a path to a file.
    pub plugin: String,
    /// Policy name within the plugin.
    #[serde(default = "default_policy")]
    pub policy: String,
    /// Parameters handed to the policy's `create`.
    #[serde(default)]
    pub params: toml::Table,
    /// Pin the plugin file: its SHA-256 (as `sgsim plugins` prints it); any other file is
    /// refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

fn default_policy() -> String {
    "default".to_owned()
}

impl Default for PolicyChoice {
    fn default() -> Self {
        PolicyChoice {
            plugin: "baseline".to_owned(),
            policy: default_policy(),
            params: toml::Table::new(),
            sha256: None,
        }
    }
}

/// The policy of each role.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RolePolicies {
    /// Capitals.
    pub capital: PolicyChoice,
    /// The Kremlin.
    pub kremlin: PolicyChoice,
    /// Kyiv.
    pub kyiv: PolicyChoice,
    /// Coalition units.
    pub coalition: PolicyChoice,
}

/// Overrides of the Kremlin's initial state.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KremlinOverrides {
    /// Personnel in the theatre.
    pub forces_in_theatre: Option<f64>,
    /// Domestic support, [0, 1].
    pub domestic_support: Option<f64>,
    /// Resolve, [0, 1].
    pub resolve: Option<f64>,
    /// Recruitment capacity, persons per week.
    pub recruitment_capacity_per_week: Option<f64>,
    /// Largest force in the theatre, persons.
    pub theatre_forces_cap: Option<f64>,
    /// Military expenditure before the war, share of GDP.
    pub defence_spending_share: Option<f64>,
    /// Military expenditure the war economy reaches, share of GDP.
    pub defence_spending_share_war: Option<f64>,
    /// Oil and gas budget revenue before the war, share of GDP.
    pub energy_revenue_share: Option<f64>,
    /// Liquid assets of the National Wealth Fund at the start, share of a year's pre-war GDP.
    pub fiscal_reserve_share: Option<f64>,
    /// Real growth of the economy without the war, per year.
    pub trend_growth_per_year: Option<f64>,
    /// Main battle tanks in service at the start.
    pub tanks_in_service: Option<f64>,
    /// Tanks in storage that can be restored to service.
    pub tanks_restorable: Option<f64>,
    /// New-build tanks a year at the war level of defence spending.
    pub new_tanks_per_year_war: Option<f64>,
    /// Tanks restored from storage a year at the war level of defence spending.
    pub refurbished_per_year_war: Option<f64>,
}

/// Overrides of Kyiv's initial state.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KyivOverrides {
    /// Personnel in the line.
    pub forces: Option<f64>,
    /// Mobilisable men.
    pub manpower_pool: Option<f64>,
    /// Equipment, euro billions.
    pub equipment_eur_bn: Option<f64>,
    /// Public resolve, [0, 1].
    pub public_resolve: Option<f64>,
    /// Government resolve, [0, 1].
    pub resolve: Option<f64>,
    /// Call-up capacity at full effort and pre-war public resolve, persons per week.
    pub callup_capacity_per_week: Option<f64>,
    /// Largest force Ukraine can keep, persons.
    pub forces_cap: Option<f64>,
}

/// Defaults for every capital.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalDefaults {
    /// Initial public support, [0, 1].
    pub initial_support: Option<f64>,
    /// Escalation aversion, [0, 1].
    pub escalation_aversion: Option<f64>,
}

/// Overrides for one capital (data values and behavioural state).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalOverrides {
    /// Nominal GDP, US dollars billions.
    pub gdp_usd_bn: Option<f64>,
    /// Defence spending, % of GDP.
    pub defence_pct_gdp: Option<f64>,
    /// Population, millions.
    pub population_m: Option<f64>,
    /// Borders Russia.
    pub borders_russia: Option<bool>,
    /// Initial public support, [0, 1].
    pub initial_support: Option<f64>,
    /// Escalation aversion, [0, 1].
    pub escalation_aversion: Option<f64>,
    /// Leave this capital out of the scenario.
    pub exclude: Option<bool>,
    /// The government's camp at the start: `fast_mover`, `slow_roller` (default) or
    /// `sceptic` (M25).
    pub camp: Option<Camp>,
    /// Declaratory policy (M10): `none`, `ambiguity` or `red_lines`.
    pub declaratory: Option<sgsim_core::Declaratory>,
}

/// An election outcome the scenario assumes.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionOutcome {
    /// The capital's code.
    pub capital: String,
    /// Polling day, one of the capital's elections in the data file.
    pub date: toml::value::Datetime,
    /// The camp that wins the office holding foreign and defence policy (when the election
    /// fills it).
    pub camp: Option<Camp>,
    /// The camp that wins the check office (when the election fills it).
    pub check_camp: Option<Camp>,
}

/// A coalition force unit.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitConfig {
    /// Unique name, used as its actor code.
    pub name: String,
    /// Owning capital's code.
    pub owner: String,
    /// Kind (`battlegroup`, `trainers`, `air_defence`, ...).
    pub kind: String,
    /// Personnel.
    pub troops: f64,
    /// Initial location.
    pub location: Location,
    /// Initial readiness, [0, 1].
    #[serde(default = "default_readiness")]
    pub readiness: f64,
}

fn default_readiness() -> f64 {
    0.5
}
