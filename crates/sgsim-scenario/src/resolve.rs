//! From a scenario document to a validated [`Setup`] and the policy assignments: reads the
//! data files, applies the scenario's overrides and checks everything the types cannot,
//! each error located at its key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use sgsim_core::{CapitalSetup, DonorGroup, KremlinSetup, KyivSetup, Role, Setup, UnitSetup};

use super::data::{AlliesFile, BelligerentsFile, DonorsFile, EuFile};
use super::document::{Document, Override};
use super::error::ConfigError;
use super::scenario::{PolicyChoice, Scenario};
use super::supply::{ReconstructionFile, SupplyFile};

/// The policy choice of a group of actors.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// Where the choice is written (`policies.capital` or `actors.HUN`).
    pub key: String,
    /// The choice.
    pub choice: PolicyChoice,
    /// The role it decides for.
    pub role: Role,
    /// Codes of the actors it decides for, in actor-id order.
    pub actors: Vec<String>,
    /// Label for the instance seed: the role's ABI code for a role default, or 1000 plus the
    /// actor's position for a per-actor choice, so seeds never depend on call order.
    pub seed_label: u64,
}

/// A scenario ready to run.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The scenario document (kept to locate later errors, such as an unknown plugin).
    pub doc: Document,
    /// The parsed scenario.
    pub scenario: Scenario,
    /// The world's input.
    pub setup: Setup,
    /// Policy assignments.
    pub assignments: Vec<Assignment>,
    /// Plugin search path, in order.
    pub plugin_dirs: Vec<PathBuf>,
    /// The resolved configuration as TOML (what `scenario.resolved.toml` holds).
    pub resolved_toml: String,
    /// SHA-256 of the resolved configuration and the data files' contents.
    pub config_sha256: String,
    /// Name and SHA-256 of each data file, as the resolved file records them.
    data_sha256: Vec<(&'static str, String)>,
}

impl Resolved {
    /// The same scenario with another seed: what resolving it with `seed=<seed>` as one more
    /// override gives, without parsing the files again (a sweep's replications differ only
    /// in their seed).
    pub fn with_seed(&self, seed: u64) -> Resolved {
        let mut other = self.clone();
        other.scenario.seed = seed;
        other.setup.seed = seed;
        let name = other.setup.scenario.clone();
        let (toml, sha) = resolved_config_text(&other.scenario, &name, &other.data_sha256);
        other.resolved_toml = toml;
        other.config_sha256 = sha;
        other
    }
}

/// Loads and resolves a scenario file with overrides.
pub fn resolve(path: &Path, overrides: &[Override]) -> Result<Resolved, ConfigError> {
    ScenarioSource::load(path)?.resolve(overrides)
}

/// The data files of one folder, parsed and checked once.
#[derive(Debug)]
struct DataFiles {
    allies: AlliesFile,
    allies_doc: Document,
    belligerents: BelligerentsFile,
    eu: EuFile,
    eu_doc: Document,
    donors: DonorsFile,
    donors_doc: Document,
    supply: SupplyFile,
    supply_doc: Document,
    reconstruction: ReconstructionFile,
    reconstruction_doc: Document,
    front: super::front::FrontFile,
    front_doc: Document,
    /// Each file's name and SHA-256, in [`DATA_FILES`] order.
    sha256: Vec<(&'static str, String)>,
}

/// The data files every data folder holds.
pub const DATA_FILES: [&str; 7] = [
    "allies.toml",
    "belligerents.toml",
    "eu.toml",
    "donors.toml",
    "supply.toml",
    "reconstruction.toml",
    "front.toml",
];

impl DataFiles {
    fn load(data_dir: &Path) -> Result<DataFiles, ConfigError> {
        use sha2::{Digest, Sha256};
        let allies_doc = Document::load(&data_dir.join("allies.toml"), &[])?;
        let allies: AlliesFile = allies_doc.deserialize()?;
        let belligerents_doc = Document::load(&data_dir.join("belligerents.toml"), &[])?;
        let belligerents: BelligerentsFile = belligerents_doc.deserialize()?;
        let eu_doc = Document::load(&data_dir.join("eu.toml"), &[])?;
        let eu: EuFile = eu_doc.deserialize()?;
        let donors_doc = Document::load(&data_dir.join("donors.toml"), &[])?;
        let donors: DonorsFile = donors_doc.deserialize()?;
        let supply_doc = Document::load(&data_dir.join("supply.toml"), &[])?;
        let supply: SupplyFile = supply_doc.deserialize()?;
        let reconstruction_doc = Document::load(&data_dir.join("reconstruction.toml"), &[])?;
        let reconstruction: ReconstructionFile = reconstruction_doc.deserialize()?;
        let front_doc = Document::load(&data_dir.join("front.toml"), &[])?;
        let front: super::front::FrontFile = front_doc.deserialize()?;
        check_data(&allies, &allies_doc, &belligerents, &belligerents_doc)?;
        for (doc, version) in [
            (&eu_doc, eu.schema_version),
            (&donors_doc, donors.schema_version),
            (&supply_doc, supply.schema_version),
            (&reconstruction_doc, reconstruction.schema_version),
            (&front_doc, front.schema_version),
        ] {
            if version != super::data::DATA_SCHEMA_VERSION {
                return Err(doc.error_at(
                    "schema_version",
                    format!(
                        "this sgsim reads schema version {}",
                        super::data::DATA_SCHEMA_VERSION
                    ),
                ));
            }
        }
        let sha256 = DATA_FILES
            .iter()
            .zip([
                &allies_doc,
                &belligerents_doc,
                &eu_doc,
                &donors_doc,
                &supply_doc,
                &reconstruction_doc,
                &front_doc,
            ])
            .map(|(name, doc)| (*name, hex(&Sha256::digest(doc.text.as_bytes()))))
            .collect();
        Ok(DataFiles {
            sha256,
            allies,
            allies_doc,
            belligerents,
            eu,
            eu_doc,
            donors,
            donors_doc,
            supply,
            supply_doc,
            reconstruction,
            reconstruction_doc,
            front,
            front_doc,
        })
    }
}

/// A scenario file read once, with its data files cached, to be resolved with any number
/// of override sets (as a sweep does for each of its runs).
#[derive(Debug)]
pub struct ScenarioSource {
    path: PathBuf,
    text: String,
    data: Mutex<BTreeMap<PathBuf, Arc<DataFiles>>>,
}

impl ScenarioSource {
    /// Reads the scenario file.
    pub fn load(path: &Path) -> Result<ScenarioSource, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::file(path, format!("cannot read the file: {e}")))?;
        Ok(ScenarioSource {
            path: path.to_owned(),
            text,
            data: Mutex::new(BTreeMap::new()),
        })
    }

    /// The scenario file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn data(&self, data_dir: &Path) -> Result<Arc<DataFiles>, ConfigError> {
        let mut cache = self
            .data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(files) = cache.get(data_dir) {
            return Ok(files.clone());
        }
        let files = Arc::new(DataFiles::load(data_dir)?);
        cache.insert(data_dir.to_owned(), files.clone());
        Ok(files)
    }

    /// Applies `overrides` and resolves the scenario.
    pub fn resolve(&self, overrides: &[Override]) -> Result<Resolved, ConfigError> {
        let path = self.path.as_path();
        let doc = Document::from_text(path, self.text.clone(), overrides)?;
        let scenario: Scenario = doc.deserialize()?;
        let base = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let data_dir = base.join(scenario.data_dir.as_deref().unwrap_or("../data"));
        if !data_dir.join("allies.toml").is_file() || !data_dir.join("belligerents.toml").is_file()
        {
            let (given, how) = match &scenario.data_dir {
                Some(dir) => (format!("data_dir = {dir:?}"), "the scenario sets"),
                None => (
                    "data_dir = \"../data\"".to_owned(),
                    "the scenario leaves data_dir unset, so it is the default",
                ),
            };
            let message = format!(
                "{how} {given}, relative to the scenario's folder: {}, which does not hold \
                 allies.toml and belligerents.toml; set data_dir to the folder that does (the \
                 shipped one is configs/data), for example data_dir = {:?} from here",
                data_dir.display(),
                relative_data_hint(&base)
            );
            return Err(if scenario.data_dir.is_some() {
                doc.error_at("data_dir", message)
            } else {
                ConfigError::file(path, message)
            });
        }
        let data = self.data(&data_dir)?;
        resolve_parsed(doc, scenario, &base, &data)
    }
}

fn resolve_parsed(
    doc: Document,
    scenario: Scenario,
    base: &Path,
    data: &DataFiles,
) -> Result<Resolved, ConfigError> {
    let (allies, allies_doc, belligerents) = (&data.allies, &data.allies_doc, &data.belligerents);
    let start_date = date_only(&doc, "start_date", &scenario.start_date)?;
    let bound = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let (earliest, latest) = (bound(EARLIEST_START), bound(LATEST_START));
    if start_date < earliest || start_date > latest {
        return Err(doc.error_at(
            "start_date",
            format!(
                "{start_date} is outside {earliest} to {latest}: the data files describe the war \
                 from the full-scale invasion of {earliest}, so a run starts on or after it"
            ),
        ));
    }
    if scenario.ticks == 0 || scenario.ticks > 5200 {
        return Err(doc.error_at(
            "ticks",
            format!("{} is outside 1..=5200 weeks", scenario.ticks),
        ));
    }
    let name = name_or_stem(&doc, scenario.name.as_deref(), "scenario")?;

    let latest = super::history::latest_recorded(allies, allies_doc)?
        .max(super::external::latest_adopted(&data.eu, &data.eu_doc)?);
    let until = super::history::replay_until(&doc, &scenario, latest, start_date)?;
    let capitals = build_capitals(&doc, &scenario, allies, allies_doc, (start_date, until))?;
    let eu = super::external::instruments(&data.eu, &data.eu_doc, allies, until)?;
    let donors = super::external::donors(&data.donors, &data.donors_doc)?;
    let supply = super::supply::supply(&data.supply, &data.supply_doc)?;
    let reconstruction_needs = super::supply::reconstruction(
        &data.reconstruction,
        &data.reconstruction_doc,
        scenario.model.economy.eur_per_usd,
    )?;
    let front = super::front::front(&data.front, &data.front_doc)?;
    let codes: BTreeSet<&str> = capitals.iter().map(|c| c.code.as_str()).collect();
    let units = build_units(&doc, &scenario, &codes)?;
    let kremlin = build_kremlin(&doc, &scenario, belligerents)?;
    let kyiv = build_kyiv(&doc, &scenario, belligerents)?;
    let rung = scenario
        .initial_escalation_rung
        .unwrap_or(belligerents.capital_defaults.initial_escalation_rung);
    if rung > sgsim_core::TOP_RUNG {
        return Err(doc.error_at(
            "initial_escalation_rung",
            format!("{rung} is above the top rung {}", sgsim_core::TOP_RUNG),
        ));
    }
    check_model(&doc, &scenario)?;

    let arrangement = super::arrangement::build_arrangement(
        &doc,
        &super::arrangement::ArrangementConfig {
            guarantee: scenario.guarantee.as_ref(),
            membership: scenario.membership.as_ref(),
            mission: scenario.mission.as_ref(),
            commitments: &scenario.commitments,
            nuclear: scenario.nuclear.as_ref(),
            ceasefire: scenario.ceasefire.as_ref(),
            neutrality: scenario.neutrality.as_ref(),
            aid: scenario.aid.as_ref(),
            sanctions: scenario.sanctions.as_ref(),
        },
        &capitals,
    )?;
    let assignments = assign(&doc, &scenario, &capitals, &units)?;
    let setup = Setup {
        scenario: name.clone(),
        start_date,
        ticks: scenario.ticks,
        seed: scenario.seed,
        params: scenario.model.clone(),
        capitals,
        kremlin,
        kyiv,
        units,
        initial_escalation_rung: rung,
        arrangement,
        eu,
        donors,
        supply,
        reconstruction_needs,
        front,
    };
    setup
        .validate()
        .map_err(|e| ConfigError::file(&doc.path, e.to_string()))?;

    let mut plugin_dirs: Vec<PathBuf> = scenario.plugin_dirs.iter().map(|d| base.join(d)).collect();
    plugin_dirs.extend(default_plugin_dirs());
    let (resolved_toml, config_sha256) = resolved_config(&scenario, &name, data);
    Ok(Resolved {
        doc,
        scenario,
        setup,
        assignments,
        plugin_dirs,
        resolved_toml,
        config_sha256,
        data_sha256: data.sha256.clone(),
    })
}

/// A `data_dir` that reaches the shipped `configs/data` from `base`, if one of `base`'s
/// ancestors holds it; else the shipped folder's name.
fn relative_data_hint(base: &Path) -> String {
    let absolute = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let mut up = String::new();
    for ancestor in absolute.ancestors() {
        let candidate = ancestor.join("configs").join("data");
        if candidate.join("allies.toml").is_file() {
            return format!("{up}configs/data");
        }
        up.push_str("../");
    }
    "configs/data".to_owned()
}

/// Plugin directories searched after the scenario's own: `SGSIM_PLUGIN_PATH` (separated like
/// `PATH`), then the directory of the running `sgsim` executable (where `cargo build` puts
/// the workspace's plugins).
pub fn default_plugin_dirs() -> Vec<PathBuf> {
    static WARNED: std::sync::Once = std::sync::Once::new();
    let mut dirs = Vec::new();
    if let Some(path) = std::env::var_os("SGSIM_PLUGIN_PATH") {
        let listed: Vec<PathBuf> = std::env::split_paths(&path)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        WARNED.call_once(|| {
            for dir in listed.iter().filter(|d| !d.is_dir()) {
                eprintln!(
                    "warning: SGSIM_PLUGIN_PATH lists {}, which is not a folder; no plugin is looked for there (fix or remove the entry)",
                    dir.display()
                );
            }
        });
        dirs.extend(listed);
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        dirs.push(dir.to_path_buf());
        // Test binaries live in `target/<profile>/deps`; the plugins one level up.
        if dir.file_name().is_some_and(|n| n == "deps")
            && let Some(parent) = dir.parent()
        {
            dirs.push(parent.to_path_buf());
        }
    }
    dirs
}

/// Schema versions, and a source for every value.
fn check_data(
    allies: &AlliesFile,
    allies_doc: &Document,
    belligerents: &BelligerentsFile,
    belligerents_doc: &Document,
) -> Result<(), ConfigError> {
    use super::data::{ALLY_SOURCE_KEYS, DATA_SCHEMA_VERSION, missing_source};
    if allies.schema_version != DATA_SCHEMA_VERSION {
        return Err(allies_doc.error_at(
            "schema_version",
            format!("this sgsim reads schema version {DATA_SCHEMA_VERSION}"),
        ));
    }
    if belligerents.schema_version != DATA_SCHEMA_VERSION {
        return Err(belligerents_doc.error_at(
            "schema_version",
            format!("this sgsim reads schema version {DATA_SCHEMA_VERSION}"),
        ));
    }
    for (index, ally) in allies.ally.iter().enumerate() {
        if let Some(key) = missing_source(&ally.sources, &ALLY_SOURCE_KEYS) {
            return Err(allies_doc.error_at(
                &format!("ally[{index}].sources"),
                format!("{} has no source for `{key}`", ally.code),
            ));
        }
    }
    let tables = [
        (
            "kremlin.sources",
            &belligerents.kremlin.sources,
            &[
                "forces_in_theatre",
                "domestic_support",
                "resolve",
                "recruitment_capacity_per_week",
                "theatre_forces_cap",
                "defence_spending_share",
                "defence_spending_share_war",
                "energy_revenue_share",
                "fiscal_reserve_share",
                "trend_growth_per_year",
                "tanks_in_service",
                "tanks_restorable",
                "new_tanks_per_year_war",
                "refurbished_per_year_war",
            ][..],
        ),
        (
            "kyiv.sources",
            &belligerents.kyiv.sources,
            &[
                "forces",
                "manpower_pool",
                "equipment_eur_bn",
                "public_resolve",
                "resolve",
                "callup_capacity_per_week",
                "forces_cap",
            ][..],
        ),
        (
            "capital_defaults.sources",
            &belligerents.capital_defaults.sources,
            &["initial_escalation_rung"][..],
        ),
    ];
    for (key, sources, keys) in tables {
        if let Some(missing) = missing_source(sources, keys) {
            return Err(belligerents_doc.error_at(key, format!("no source for `{missing}`")));
        }
    }
    Ok(())
}

/// The file's `name`, checked, or else the file's stem (`fallback` if it has none).
pub fn name_or_stem(
    doc: &Document,
    name: Option<&str>,
    fallback: &str,
) -> Result<String, ConfigError> {
    match name {
        Some(name) if valid_name(name) => Ok(name.to_owned()),
        Some(name) => Err(doc.error_at(
            "name",
            format!("`{name}` may use only letters, digits, `-` and `_`"),
        )),
        None => Ok(doc
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(fallback)
            .to_owned()),
    }
}

/// Whether `name` may name a scenario, unit, sweep or arm: letters, digits, `-` and `_`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A TOML value that must be a plain date (no time, no offset), as a calendar date; the
/// error is located at `key` of `doc`.
pub fn date_only(
    doc: &Document,
    key: &str,
    value: &toml::value::Datetime,
) -> Result<NaiveDate, ConfigError> {
    let (Some(date), None, None) = (value.date, value.time, value.offset) else {
        return Err(doc.error_at(
            key,
            format!("`{value}` must be a plain date such as 2022-02-24"),
        ));
    };
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
    .ok_or_else(|| doc.error_at(key, format!("`{value}` is not a calendar date")))
}

fn in_range(doc: &Document, key: &str, value: f64, min: f64, max: f64) -> Result<f64, ConfigError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(doc.error_at(key, range_message(value, min, max)))
    }
}

/// What is wrong with `value` for the range `[min, max]` (an open top when `max` is
/// `f64::MAX`): NaN and infinities are named as such, never compared with a 309-digit bound.
pub fn range_message(value: f64, min: f64, max: f64) -> String {
    let range = if max >= f64::MAX {
        format!("a finite number of at least {min}")
    } else {
        format!("a number in [{min}, {max}]")
    };
    if value.is_nan() {
        format!("nan is not a number: give {range}")
    } else if value.is_infinite() {
        format!("{value} is not finite: give {range}")
    } else if max >= f64::MAX {
        format!("{value} is below {min}: give {range}")
    } else {
        format!("{value} is outside [{min}, {max}]")
    }
}

/// The earliest start date: the full-scale invasion of 2022-02-24, the state of the war the
/// data files describe.
pub const EARLIEST_START: (i32, u32, u32) = (2022, 2, 24);
/// The latest start date (the data's election calendars and the horizon end long before).
pub const LATEST_START: (i32, u32, u32) = (2099, 12, 31);

fn build_capitals(
    doc: &Document,
    scenario: &Scenario,
    allies: &AlliesFile,
    allies_doc: &Document,
    (start, until): (NaiveDate, NaiveDate),
) -> Result<Vec<CapitalSetup>, ConfigError> {
    use super::history;
    let known: BTreeSet<&str> = allies.ally.iter().map(|a| a.code.as_str()).collect();
    if let Some(code) = scenario
        .capitals
        .keys()
        .find(|code| !known.contains(code.as_str()))
    {
        return Err(doc.error_at(
            &format!("capitals.{code}"),
            format!(
                "`{code}` is not an ally in the data file; known codes: {}",
                known.iter().copied().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let defaults = &scenario.capital_defaults;
    for (key, value) in [
        ("capital_defaults.initial_support", defaults.initial_support),
        (
            "capital_defaults.escalation_aversion",
            defaults.escalation_aversion,
        ),
    ] {
        if let Some(value) = value {
            in_range(doc, key, value, 0.0, 1.0)?;
        }
    }

    let mut capitals = Vec::new();
    let mut start_camps = Vec::new();
    for (index, ally) in allies.ally.iter().enumerate() {
        let over = scenario
            .capitals
            .get(&ally.code)
            .cloned()
            .unwrap_or_default();
        if over.exclude == Some(true) {
            continue;
        }
        let key = |field: &str| format!("capitals.{}.{field}", ally.code);
        let data_key = |field: &str| format!("ally[{index}].{field}");
        in_range(
            allies_doc,
            &data_key("public_support"),
            ally.public_support,
            0.0,
            1.0,
        )?;
        in_range(
            allies_doc,
            &data_key("escalation_aversion"),
            ally.escalation_aversion,
            0.0,
            1.0,
        )?;
        let elections = history::elections_of(allies_doc, index, ally, until)?;
        let check = history::check_of(allies_doc, index, ally)?;
        let group = match ally.code.as_str() {
            "USA" => DonorGroup::UnitedStates,
            "CAN" => DonorGroup::Other,
            _ if ally.eu_member => DonorGroup::EuMember,
            _ => DonorGroup::OtherEurope,
        };
        start_camps.push(over.camp);
        capitals.push(CapitalSetup {
            code: ally.code.clone(),
            name: ally.name.clone(),
            group,
            gdp_usd_bn: in_range(
                doc,
                &key("gdp_usd_bn"),
                over.gdp_usd_bn.unwrap_or(ally.gdp_usd_bn),
                0.0,
                1e6,
            )?,
            defence_pct_gdp: in_range(
                doc,
                &key("defence_pct_gdp"),
                over.defence_pct_gdp.unwrap_or(ally.defence_pct_gdp),
                0.0,
                100.0,
            )?,
            population_m: in_range(
                doc,
                &key("population_m"),
                over.population_m.unwrap_or(ally.population_m),
                0.0,
                1e4,
            )?,
            capital_lat: ally.capital_lat,
            capital_lon: ally.capital_lon,
            borders_russia: over.borders_russia.unwrap_or(ally.borders_russia),
            escalation_aversion: in_range(
                doc,
                &key("escalation_aversion"),
                over.escalation_aversion
                    .or(defaults.escalation_aversion)
                    .unwrap_or(ally.escalation_aversion),
                0.0,
                1.0,
            )?,
            readiness_worry: in_range(
                allies_doc,
                &data_key("readiness_worry"),
                ally.readiness_worry,
                0.0,
                1.0,
            )?,
            initial_support: in_range(
                doc,
                &key("initial_support"),
                over.initial_support
                    .or(defaults.initial_support)
                    .unwrap_or(ally.public_support),
                0.0,
                1.0,
            )?,
            camp: ally.initial_camp,
            check,
            elections,
            declaratory: over.declaratory.unwrap_or_default(),
            eu_member: ally.eu_member,
        });
    }
    history::assume(doc, scenario, &mut capitals)?;
    for (capital, camp) in capitals.iter_mut().zip(start_camps) {
        history::replay_before_start(doc, start, capital)?;
        if let Some(camp) = camp {
            capital.camp = camp;
        }
    }
    if capitals.is_empty() {
        return Err(doc.error_at(
            "capitals",
            "every capital is excluded; a scenario needs at least one",
        ));
    }
    Ok(capitals)
}

fn build_units(
    doc: &Document,
    scenario: &Scenario,
    codes: &BTreeSet<&str>,
) -> Result<Vec<UnitSetup>, ConfigError> {
    let mut names = BTreeSet::new();
    let mut units = Vec::new();
    for (index, unit) in scenario.units.iter().enumerate() {
        let key = |field: &str| format!("units[{index}].{field}");
        if !valid_name(&unit.name) {
            return Err(doc.error_at(
                &key("name"),
                format!("`{}` may use only letters, digits, `-` and `_`", unit.name),
            ));
        }
        if codes.contains(unit.name.as_str())
            || unit.name == "RUS"
            || unit.name == "UKR"
            || !names.insert(unit.name.as_str())
        {
            return Err(doc.error_at(
                &key("name"),
                format!("`{}` is already the name of another actor", unit.name),
            ));
        }
        if !codes.contains(unit.owner.as_str()) {
            return Err(doc.error_at(
                &key("owner"),
                format!("`{}` is not a capital of this scenario", unit.owner),
            ));
        }
        units.push(UnitSetup {
            name: unit.name.clone(),
            owner: unit.owner.clone(),
            kind: unit.kind.clone(),
            troops: in_range(doc, &key("troops"), unit.troops, 0.0, 1e6)?,
            location: unit.location,
            readiness: in_range(doc, &key("readiness"), unit.readiness, 0.0, 1.0)?,
        });
    }
    Ok(units)
}

fn build_kremlin(
    doc: &Document,
    scenario: &Scenario,
    data: &BelligerentsFile,
) -> Result<KremlinSetup, ConfigError> {
    let over = &scenario.kremlin;
    Ok(KremlinSetup {
        forces_in_theatre: in_range(
            doc,
            "kremlin.forces_in_theatre",
            over.forces_in_theatre
                .unwrap_or(data.kremlin.forces_in_theatre),
            0.0,
            1e8,
        )?,
        domestic_support: in_range(
            doc,
            "kremlin.domestic_support",
            over.domestic_support
                .unwrap_or(data.kremlin.domestic_support),
            0.0,
            1.0,
        )?,
        resolve: in_range(
            doc,
            "kremlin.resolve",
            over.resolve.unwrap_or(data.kremlin.resolve),
            0.0,
            1.0,
        )?,
        recruitment_capacity_per_week: in_range(
            doc,
            "kremlin.recruitment_capacity_per_week",
            over.recruitment_capacity_per_week
                .unwrap_or(data.kremlin.recruitment_capacity_per_week),
            0.0,
            1e6,
        )?,
        theatre_forces_cap: in_range(
            doc,
            "kremlin.theatre_forces_cap",
            over.theatre_forces_cap
                .unwrap_or(data.kremlin.theatre_forces_cap),
            0.0,
            1e8,
        )?,
        economy: sgsim_core::WarEconomySetup {
            defence_spending_share: in_range(
                doc,
                "kremlin.defence_spending_share",
                over.defence_spending_share
                    .unwrap_or(data.kremlin.defence_spending_share),
                0.0,
                1.0,
            )?,
            defence_spending_share_war: in_range(
                doc,
                "kremlin.defence_spending_share_war",
                over.defence_spending_share_war
                    .unwrap_or(data.kremlin.defence_spending_share_war),
                0.0,
                1.0,
            )?,
            energy_revenue_share: in_range(
                doc,
                "kremlin.energy_revenue_share",
                over.energy_revenue_share
                    .unwrap_or(data.kremlin.energy_revenue_share),
                0.0,
                1.0,
            )?,
            fiscal_reserve_share: in_range(
                doc,
                "kremlin.fiscal_reserve_share",
                over.fiscal_reserve_share
                    .unwrap_or(data.kremlin.fiscal_reserve_share),
                0.0,
                1.0,
            )?,
            trend_growth_per_year: in_range(
                doc,
                "kremlin.trend_growth_per_year",
                over.trend_growth_per_year
                    .unwrap_or(data.kremlin.trend_growth_per_year),
                -0.2,
                0.2,
            )?,
        },
        materiel: sgsim_core::RussianMaterielSetup {
            tanks_in_service: in_range(
                doc,
                "kremlin.tanks_in_service",
                over.tanks_in_service
                    .unwrap_or(data.kremlin.tanks_in_service),
                0.0,
                1e6,
            )?,
            tanks_restorable: in_range(
                doc,
                "kremlin.tanks_restorable",
                over.tanks_restorable
                    .unwrap_or(data.kremlin.tanks_restorable),
                0.0,
                1e6,
            )?,
            new_tanks_per_year_war: in_range(
                doc,
                "kremlin.new_tanks_per_year_war",
                over.new_tanks_per_year_war
                    .unwrap_or(data.kremlin.new_tanks_per_year_war),
                0.0,
                1e5,
            )?,
            refurbished_per_year_war: in_range(
                doc,
                "kremlin.refurbished_per_year_war",
                over.refurbished_per_year_war
                    .unwrap_or(data.kremlin.refurbished_per_year_war),
                0.0,
                1e5,
            )?,
        },
    })
}

fn build_kyiv(
    doc: &Document,
    scenario: &Scenario,
    data: &BelligerentsFile,
) -> Result<KyivSetup, ConfigError> {
    let over = &scenario.kyiv;
    let k = &data.kyiv;
    Ok(KyivSetup {
        forces: in_range(
            doc,
            "kyiv.forces",
            over.forces.unwrap_or(k.forces),
            0.0,
            1e8,
        )?,
        manpower_pool: in_range(
            doc,
            "kyiv.manpower_pool",
            over.manpower_pool.unwrap_or(k.manpower_pool),
            0.0,
            1e9,
        )?,
        equipment_eur_bn: in_range(
            doc,
            "kyiv.equipment_eur_bn",
            over.equipment_eur_bn.unwrap_or(k.equipment_eur_bn),
            0.0,
            1e6,
        )?,
        public_resolve: in_range(
            doc,
            "kyiv.public_resolve",
            over.public_resolve.unwrap_or(k.public_resolve),
            0.0,
            1.0,
        )?,
        resolve: in_range(
            doc,
            "kyiv.resolve",
            over.resolve.unwrap_or(k.resolve),
            0.0,
            1.0,
        )?,
        callup_capacity_per_week: in_range(
            doc,
            "kyiv.callup_capacity_per_week",
            over.callup_capacity_per_week
                .unwrap_or(k.callup_capacity_per_week),
            0.0,
            1e6,
        )?,
        forces_cap: in_range(
            doc,
            "kyiv.forces_cap",
            over.forces_cap.unwrap_or(k.forces_cap),
            0.0,
            1e8,
        )?,
    })
}

/// Range checks of the model parameters that would otherwise break the dynamics.
fn check_model(doc: &Document, scenario: &Scenario) -> Result<(), ConfigError> {
    let m = &scenario.model;
    let unit = [
        (
            "model.fatigue.resolve_adjust_rate",
            m.fatigue.resolve_adjust_rate,
        ),
        ("model.fatigue.threat_weight", m.fatigue.threat_weight),
        ("model.battle.artillery_weight", m.battle.artillery_weight),
        (
            "model.fatigue.threat_floor_weight",
            m.fatigue.threat_floor_weight,
        ),
        (
            "model.elections.appropriations_release_per_week",
            m.elections.appropriations_release_per_week,
        ),
        (
            "model.supply.readiness_floor_share",
            m.supply.readiness_floor_share,
        ),
        ("model.belief.prior", m.belief.prior),
        ("model.belief.learning_rate", m.belief.learning_rate),
        (
            "model.belief.test_learning_rate",
            m.belief.test_learning_rate,
        ),
        ("model.belief.aid_signal_weight", m.belief.aid_signal_weight),
        (
            "model.battle.defensive_attrition_share",
            m.battle.defensive_attrition_share,
        ),
        (
            "model.belligerents.resolve_adjust_rate",
            m.belligerents.resolve_adjust_rate,
        ),
        (
            "model.belligerents.russia_support_reversion",
            m.belligerents.russia_support_reversion,
        ),
        (
            "model.belligerents.ukraine_resolve_reversion",
            m.belligerents.ukraine_resolve_reversion,
        ),
        (
            "model.belligerents.financial_aid_to_equipment",
            m.belligerents.financial_aid_to_equipment,
        ),
        (
            "model.ceasefire.violation_intensity_cap",
            m.ceasefire.violation_intensity_cap,
        ),
        (
            "model.incidents.ceasefire_floor",
            m.incidents.ceasefire_floor,
        ),
        ("model.elections.turnover_base", m.elections.turnover_base),
        (
            "model.elections.fast_mover_offset",
            m.elections.fast_mover_offset,
        ),
        ("model.elections.sceptic_factor", m.elections.sceptic_factor),
        ("model.battle.recapture_factor", m.battle.recapture_factor),
        ("model.sanctions.max_pressure", m.sanctions.max_pressure),
        ("model.sanctions.adjust_rate", m.sanctions.adjust_rate),
        (
            "model.sanctions.erosion_per_week",
            m.sanctions.erosion_per_week,
        ),
        (
            "model.sanctions.recovery_per_week",
            m.sanctions.recovery_per_week,
        ),
        ("model.front.fortification_rate", m.front.fortification_rate),
        ("model.front.garrison_share", m.front.garrison_share),
        (
            "model.front.reserve_response_rate",
            m.front.reserve_response_rate,
        ),
        ("model.war_economy.evasion_max", m.war_economy.evasion_max),
        ("model.war_economy.evasion_rate", m.war_economy.evasion_rate),
        ("model.war_economy.energy_bite", m.war_economy.energy_bite),
        (
            "model.war_economy.spending_adjust",
            m.war_economy.spending_adjust,
        ),
        (
            "model.war_economy.ceasefire_spending_share",
            m.war_economy.ceasefire_spending_share,
        ),
    ];
    for (key, value) in unit {
        in_range(doc, key, value, 0.0, 1.0)?;
    }
    // The institutions' and new mechanisms' shares (M04-M23).
    let shares = [
        ("model.fatigue.support_floor", m.fatigue.support_floor),
        ("model.nac.common_funding_share", m.nac.common_funding_share),
        (
            "model.credibility.base_declaration",
            m.credibility.base_declaration,
        ),
        ("model.credibility.base_treaty", m.credibility.base_treaty),
        (
            "model.credibility.base_article5",
            m.credibility.base_article5,
        ),
        (
            "model.credibility.tripwire_pull",
            m.credibility.tripwire_pull,
        ),
        (
            "model.credibility.institutional_share",
            m.credibility.institutional_share,
        ),
        (
            "model.credibility.consensus_block_below",
            m.credibility.consensus_block_below,
        ),
        (
            "model.credibility.veto_propensity",
            m.credibility.veto_propensity,
        ),
        (
            "model.ceasefire.demobilisation_per_week",
            m.ceasefire.demobilisation_per_week,
        ),
        (
            "model.ceasefire.recruitment_share",
            m.ceasefire.recruitment_share,
        ),
        ("model.ceasefire.gain_per_slice", m.ceasefire.gain_per_slice),
        (
            "model.credibility.promised_factor",
            m.credibility.promised_factor,
        ),
        (
            "model.credibility.us_enabler_factor",
            m.credibility.us_enabler_factor,
        ),
        ("model.strikes.casualty_share", m.strikes.casualty_share),
        (
            "model.strikes.failed_response_below",
            m.strikes.failed_response_below,
        ),
        ("model.strikes.collapse_share", m.strikes.collapse_share),
        (
            "model.declaratory.audience_cost",
            m.declaratory.audience_cost,
        ),
        ("model.nuclear.deterrence_floor", m.nuclear.deterrence_floor),
        ("model.nuclear.us_alienation", m.nuclear.us_alienation),
        (
            "model.reconstruction.western_share",
            m.reconstruction.western_share,
        ),
        ("model.battle.denial_share", m.battle.denial_share),
        ("model.battle.denial_max_effect", m.battle.denial_max_effect),
        ("model.battle.denial_wear", m.battle.denial_wear),
        (
            "model.battle.equipment_wear_idle_share",
            m.battle.equipment_wear_idle_share,
        ),
        (
            "model.belligerents.protest_below_support",
            m.belligerents.protest_below_support,
        ),
    ];
    for (key, value) in shares {
        in_range(doc, key, value, 0.0, 1.0)?;
    }
    in_range(
        doc,
        "model.declaratory.ambiguity_noise",
        m.declaratory.ambiguity_noise,
        0.0,
        0.99,
    )?;
    let positive = [
        (
            "model.nac.max_side_payment_eur_bn",
            m.nac.max_side_payment_eur_bn,
        ),
        (
            "model.credibility.tripwire_reference_troops",
            m.credibility.tripwire_reference_troops,
        ),
        (
            "model.training.places_abroad_per_week",
            m.training.places_abroad_per_week,
        ),
        (
            "model.training.trainees_per_trainer_per_week",
            m.training.trainees_per_trainer_per_week,
        ),
        ("model.training.trained_bonus", m.training.trained_bonus),
        (
            "model.intervention.allied_quality",
            m.intervention.allied_quality,
        ),
        (
            "model.intervention.collective_defence_power",
            m.intervention.collective_defence_power,
        ),
        (
            "model.declaratory.ambiguity_incident_factor",
            m.declaratory.ambiguity_incident_factor,
        ),
        (
            "model.declaratory.red_line_incident_factor",
            m.declaratory.red_line_incident_factor,
        ),
        (
            "model.declaratory.red_line_learning_factor",
            m.declaratory.red_line_learning_factor,
        ),
        ("model.reconstruction.years", m.reconstruction.years),
        (
            "model.fatigue.readiness_worry_per_year",
            m.fatigue.readiness_worry_per_year,
        ),
        (
            "model.battle.denial_half_eur_bn",
            m.battle.denial_half_eur_bn,
        ),
        (
            "model.belligerents.protest_resolve_penalty",
            m.belligerents.protest_resolve_penalty,
        ),
    ];
    for (key, value) in positive {
        in_range(doc, key, value, 0.0, 1e9)?;
    }
    in_range(doc, "model.battle.fog", m.battle.fog, 0.0, 0.99)?;
    let non_negative = [
        (
            "model.fatigue.duration_decay_per_year",
            m.fatigue.duration_decay_per_year,
        ),
        ("model.fatigue.cost_sensitivity", m.fatigue.cost_sensitivity),
        ("model.fatigue.bad_news_rally", m.fatigue.bad_news_rally),
        (
            "model.fatigue.escalation_fear_per_week",
            m.fatigue.escalation_fear_per_week,
        ),
        (
            "model.supply.stockpile_years_of_budget",
            m.supply.stockpile_years_of_budget,
        ),
        (
            "model.supply.industrial_output_share_of_budget",
            m.supply.industrial_output_share_of_budget,
        ),
        ("model.battle.russian_attrition", m.battle.russian_attrition),
        (
            "model.battle.ukrainian_attrition",
            m.battle.ukrainian_attrition,
        ),
        ("model.battle.territory_rate", m.battle.territory_rate),
        (
            "model.battle.equipment_exponent",
            m.battle.equipment_exponent,
        ),
        ("model.battle.equipment_wear", m.battle.equipment_wear),
        (
            "model.battle.russian_tank_loss_ratio",
            m.battle.russian_tank_loss_ratio,
        ),
        (
            "model.front.fortification_effect",
            m.front.fortification_effect,
        ),
        (
            "model.war_economy.defence_multiplier",
            m.war_economy.defence_multiplier,
        ),
        (
            "model.war_economy.borrowing_share",
            m.war_economy.borrowing_share,
        ),
        (
            "model.belief.benchmark_aid_share_of_gdp",
            m.belief.benchmark_aid_share_of_gdp,
        ),
        (
            "model.belligerents.russia_loss_sensitivity",
            m.belligerents.russia_loss_sensitivity,
        ),
        (
            "model.belligerents.russia_gain_rally",
            m.belligerents.russia_gain_rally,
        ),
        (
            "model.belligerents.russia_recruits_per_week",
            m.belligerents.russia_recruits_per_week,
        ),
        (
            "model.belligerents.ukraine_loss_sensitivity",
            m.belligerents.ukraine_loss_sensitivity,
        ),
        (
            "model.belligerents.ukraine_mobilisation_cost",
            m.belligerents.ukraine_mobilisation_cost,
        ),
        (
            "model.belligerents.ukraine_domestic_production_eur_bn",
            m.belligerents.ukraine_domestic_production_eur_bn,
        ),
        (
            "model.belligerents.humanitarian_resolve_per_eur_bn",
            m.belligerents.humanitarian_resolve_per_eur_bn,
        ),
        ("model.incidents.base_per_week", m.incidents.base_per_week),
        (
            "model.incidents.per_1000_exposed",
            m.incidents.per_1000_exposed,
        ),
        ("model.incidents.front_weight", m.incidents.front_weight),
        ("model.incidents.rear_weight", m.incidents.rear_weight),
        (
            "model.elections.turnover_per_discontent",
            m.elections.turnover_per_discontent,
        ),
        (
            "model.sanctions.support_pain_per_week",
            m.sanctions.support_pain_per_week,
        ),
    ];
    for (key, value) in non_negative {
        in_range(doc, key, value, 0.0, f64::MAX)?;
    }
    for (key, rung) in [
        ("model.incidents.max_rung", m.incidents.max_rung),
        (
            "model.incidents.max_rung_engaged",
            m.incidents.max_rung_engaged,
        ),
    ] {
        if rung > sgsim_core::TOP_RUNG {
            return Err(doc.error_at(
                key,
                format!("{rung} is above the top rung {}", sgsim_core::TOP_RUNG),
            ));
        }
    }
    if m.battle.projection_weeks == 0 {
        return Err(doc.error_at("model.battle.projection_weeks", "must be at least 1 week"));
    }
    if m.coalition.transit_weeks == 0 {
        return Err(doc.error_at("model.coalition.transit_weeks", "must be at least 1 week"));
    }
    let positive = [
        (
            "model.battle.defender_advantage",
            m.battle.defender_advantage,
        ),
        (
            "model.battle.equipment_reference_eur_k",
            m.battle.equipment_reference_eur_k,
        ),
        ("model.economy.eur_per_usd", m.economy.eur_per_usd),
        (
            "model.economy.threat_distance_scale_km",
            m.economy.threat_distance_scale_km,
        ),
        ("model.battle.russian_quality", m.battle.russian_quality),
    ];
    for (key, value) in positive {
        if !(value.is_finite() && value > 0.0) {
            return Err(doc.error_at(key, format!("{value} must be a finite number > 0")));
        }
    }
    if !(m.battle.quality_min > 0.0
        && m.battle.quality_min <= m.battle.quality_max
        && m.battle.quality_max.is_finite())
    {
        return Err(doc.error_at(
            "model.battle.quality_min",
            "quality_min must be > 0 and at most quality_max",
        ));
    }
    Ok(())
}

/// Groups actors by the policy choice that applies to them.
fn assign(
    doc: &Document,
    scenario: &Scenario,
    capitals: &[CapitalSetup],
    units: &[UnitSetup],
) -> Result<Vec<Assignment>, ConfigError> {
    let mut codes: Vec<&str> = capitals.iter().map(|c| c.code.as_str()).collect();
    codes.sort_unstable();
    let mut actors: Vec<(&str, Role)> = codes.iter().map(|&c| (c, Role::Capital)).collect();
    actors.push(("RUS", Role::Kremlin));
    actors.push(("UKR", Role::Kyiv));
    actors.extend(units.iter().map(|u| (u.name.as_str(), Role::Coalition)));
    if let Some(code) = scenario
        .actors
        .keys()
        .find(|code| !actors.iter().any(|(c, _)| c == code))
    {
        return Err(doc.error_at(
            &format!("actors.{code}"),
            format!("`{code}` is not an actor of this scenario (a capital code, RUS, UKR or a unit name)"),
        ));
    }
    let roles = [
        (Role::Capital, &scenario.policies.capital),
        (Role::Kremlin, &scenario.policies.kremlin),
        (Role::Kyiv, &scenario.policies.kyiv),
        (Role::Coalition, &scenario.policies.coalition),
    ];
    let mut assignments = Vec::new();
    for (role, choice) in roles {
        let members: Vec<String> = actors
            .iter()
            .filter(|(code, r)| *r == role && !scenario.actors.contains_key(*code))
            .map(|(code, _)| (*code).to_owned())
            .collect();
        if !members.is_empty() {
            assignments.push(Assignment {
                key: format!("policies.{}", role.as_str()),
                choice: choice.clone(),
                role,
                actors: members,
                seed_label: u64::from(role.abi()),
            });
        }
    }
    for (position, (code, role)) in actors.iter().enumerate() {
        if let Some(choice) = scenario.actors.get(*code) {
            assignments.push(Assignment {
                key: format!("actors.{code}"),
                choice: choice.clone(),
                role: *role,
                actors: vec![(*code).to_owned()],
                seed_label: 1000 + position as u64,
            });
        }
    }
    Ok(assignments)
}

/// The resolved configuration (the scenario with every default filled in, without its
/// machine-specific paths) and the SHA-256 over it and the data files' contents.
fn resolved_config(scenario: &Scenario, name: &str, data: &DataFiles) -> (String, String) {
    resolved_config_text(scenario, name, &data.sha256)
}

fn resolved_config_text(
    scenario: &Scenario,
    name: &str,
    data_sha256: &[(&'static str, String)],
) -> (String, String) {
    use sha2::{Digest, Sha256};
    let mut portable = scenario.clone();
    portable.name = Some(name.to_owned());
    portable.plugin_dirs.clear();
    portable.data_dir = None;
    let body = toml::to_string(&portable).unwrap_or_default();
    let files: String = data_sha256
        .iter()
        .map(|(name, sha)| format!("# {name:<17} {sha}\n"))
        .collect();
    let text = format!(
        "# Resolved sgsim scenario: the scenario with its overrides applied and every model\n\
         # parameter at its value. Initial states it does not set come from the data files,\n\
         # which had these SHA-256 (paths such as plugin_dirs and data_dir are left out):\n\
         {files}\n{body}"
    );
    let sha = hex(&Sha256::digest(text.as_bytes()));
    (text, sha)
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_seed_gives_what_resolving_with_the_seed_gives() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/scenarios/baseline.toml");
        let source = ScenarioSource::load(&path).unwrap();
        let base = source.resolve(&[]).unwrap();
        let direct = source.resolve(&[Override::new("seed", "5")]).unwrap();
        let patched = base.with_seed(5);
        assert_eq!(patched.resolved_toml, direct.resolved_toml);
        assert_eq!(patched.config_sha256, direct.config_sha256);
        assert_eq!(patched.setup.seed, 5);
        assert_ne!(patched.config_sha256, base.config_sha256);
    }
}
