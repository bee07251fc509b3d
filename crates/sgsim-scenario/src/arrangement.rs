//! The security arrangement of a scenario: `[guarantee]`, `[membership]`, `[mission]`,
//! `[[commitments]]`, `[nuclear]` and `[ceasefire]`, read into [`sgsim_core::Arrangement`].
//!
//! Capital lists accept codes (`"GBR"`) and two group names: `"europe"` (every European
//! capital of the scenario) and `"all"` (every capital).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sgsim_core::{
    Arrangement, Bindingness, CapitalSetup, CommitmentSetup, GuaranteeSetup, MembershipSetup,
    Trigger,
};

use super::document::Document;
use super::error::ConfigError;

/// `[guarantee]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuaranteeConfig {
    /// `"declaration"` or `"treaty"`.
    pub bindingness: Bindingness,
    /// Guaranteeing capitals.
    pub guarantors: Vec<String>,
    /// Capitals that give enablers only.
    #[serde(default)]
    pub enablers: Vec<String>,
    /// `"start"`, `"ceasefire"` or a date.
    #[serde(default = "start")]
    pub from: When,
    /// With `from = "ceasefire"`: weeks after the ceasefire begins.
    #[serde(default)]
    pub after_weeks: u32,
}

/// `[membership]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipConfig {
    /// First date the invitation goes to the Council.
    pub invitation_from: toml::value::Datetime,
    /// Whether the invitation waits for a ceasefire.
    #[serde(default = "yes")]
    pub requires_ceasefire: bool,
    /// The allies have decided to invite Ukraine once the preconditions hold (a
    /// recorded Council decision, the premise): no Council vote, no objections. False
    /// (the default) puts the invitation to consensus.
    #[serde(default)]
    pub agreed: bool,
}

/// `[mission]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MissionConfig {
    /// First date the mission goes to the Council.
    pub from: toml::value::Datetime,
    /// The allies have decided on the mission (a recorded Council decision, the
    /// premise): it is authorised on its date without a vote. False (the default) puts
    /// it to consensus.
    #[serde(default)]
    pub agreed: bool,
}

/// `[sanctions]`: sanctions relief as a term of the ceasefire (M22, docs/MODEL.md 7.6c).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SanctionsConfig {
    /// Share of the capitals' sanctions effort lifted while a ceasefire holds, [0, 1]: the
    /// West trades sanctions relief for the ceasefire.
    #[serde(default)]
    pub relief_in_ceasefire: f64,
}

/// `[nuclear]` (M15, theoretical).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NuclearConfig {
    /// Date from which Ukraine has a nuclear deterrent.
    pub ukraine_deterrent_from: toml::value::Datetime,
}

/// `[ceasefire]`: a ceasefire the scenario assumes.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CeasefireConfig {
    /// Date from which a ceasefire is assumed.
    pub assumed_from: toml::value::Datetime,
    /// Whether the assumption applies (default true); `false` lets a sweep arm drop the
    /// premise and leave the ceasefire to the bargain (the war-termination question).
    #[serde(default = "assume_default")]
    pub assume: bool,
    /// Whether no ceasefire is agreed before `assumed_from` (default false): the war goes
    /// on until the assumed ceasefire, as it did in history, so every arm of a comparison
    /// starts its ceasefire on the same day.
    #[serde(default)]
    pub no_earlier: bool,
}

fn assume_default() -> bool {
    true
}

/// `[neutrality]`: Ukraine renounces NATO membership from the start (armed neutrality).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NeutralityConfig {
    /// Whether Ukraine is neutral (a no-membership clause is met from the start).
    pub declared: bool,
}

/// `[aid]`: how the allies coordinate their aid.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AidConfig {
    /// Who coordinates the aid the capitals pledge through the Contact Group: `"ramstein"`
    /// (the Ukraine Defense Contact Group, the default) or `"nato"` (NSATU under the North
    /// Atlantic Council's consensus, S03).
    pub coordinated_by: Coordination,
}

/// Who coordinates the Contact Group's aid.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Coordination {
    /// The Ukraine Defense Contact Group (Ramstein format).
    Ramstein,
    /// NATO (NSATU), under the Council's consensus.
    Nato,
}

/// One `[[commitments]]` entry.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentConfig {
    /// Committed capitals.
    pub capitals: Vec<String>,
    /// Military aid per year as a share of GDP.
    pub share_of_gdp: f64,
    /// `"start"`, `"ceasefire"` or a date.
    #[serde(default = "start")]
    pub from: When,
    /// With `from = "ceasefire"`: weeks after the ceasefire begins.
    #[serde(default)]
    pub after_weeks: u32,
    /// Duration in years.
    pub years: f64,
}

/// `"start"`, `"ceasefire"` or a date.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum When {
    /// A date.
    Date(toml::value::Datetime),
    /// A keyword.
    Word(String),
}

fn start() -> When {
    When::Word("start".to_owned())
}

fn yes() -> bool {
    true
}

/// Everything under the four tables, as the scenario gives it.
#[derive(Clone, Debug, Default)]
pub struct ArrangementConfig<'a> {
    /// `[guarantee]`.
    pub guarantee: Option<&'a GuaranteeConfig>,
    /// `[membership]`.
    pub membership: Option<&'a MembershipConfig>,
    /// `[mission]`.
    pub mission: Option<&'a MissionConfig>,
    /// `[[commitments]]`.
    pub commitments: &'a [CommitmentConfig],
    /// `[nuclear]`.
    pub nuclear: Option<&'a NuclearConfig>,
    /// `[ceasefire]`.
    pub ceasefire: Option<&'a CeasefireConfig>,
    /// `[neutrality]`.
    pub neutrality: Option<&'a NeutralityConfig>,
    /// `[aid]`.
    pub aid: Option<&'a AidConfig>,
    /// `[sanctions]`.
    pub sanctions: Option<&'a SanctionsConfig>,
}

/// Resolves the arrangement against the scenario's capitals.
pub fn build_arrangement(
    doc: &Document,
    config: &ArrangementConfig<'_>,
    capitals: &[CapitalSetup],
) -> Result<Arrangement, ConfigError> {
    let mut arrangement = Arrangement::default();
    if let Some(g) = config.guarantee {
        let guarantors = expand(doc, "guarantee.guarantors", &g.guarantors, capitals)?;
        if guarantors.is_empty() {
            return Err(doc.error_at("guarantee.guarantors", "a guarantee needs a guarantor"));
        }
        arrangement.guarantee = Some(GuaranteeSetup {
            bindingness: g.bindingness,
            guarantors,
            enablers: expand(doc, "guarantee.enablers", &g.enablers, capitals)?,
            from: trigger(doc, "guarantee.from", &g.from, g.after_weeks)?,
        });
    }
    if let Some(m) = config.membership {
        arrangement.membership = Some(MembershipSetup {
            invitation_from: date(doc, "membership.invitation_from", &m.invitation_from)?,
            requires_ceasefire: m.requires_ceasefire,
            agreed: m.agreed,
        });
    }
    if let Some(n) = config.nuclear {
        arrangement.nuclear_from = Some(date(
            doc,
            "nuclear.ukraine_deterrent_from",
            &n.ukraine_deterrent_from,
        )?);
    }
    arrangement.neutral = config.neutrality.is_some_and(|n| n.declared);
    arrangement.nato_coordination = config
        .aid
        .is_some_and(|a| a.coordinated_by == Coordination::Nato);
    if let Some(c) = config.ceasefire.filter(|c| c.assume) {
        arrangement.ceasefire_from = Some(date(doc, "ceasefire.assumed_from", &c.assumed_from)?);
        arrangement.ceasefire_no_earlier = c.no_earlier;
    }
    if let Some(s) = config.sanctions {
        let relief = s.relief_in_ceasefire;
        if !(0.0..=1.0).contains(&relief) {
            return Err(doc.error_at(
                "sanctions.relief_in_ceasefire",
                format!("must be in [0, 1], got {relief}"),
            ));
        }
        arrangement.sanctions_relief = relief;
    }
    if let Some(m) = config.mission {
        arrangement.mission_from = Some(date(doc, "mission.from", &m.from)?);
        arrangement.mission_agreed = m.agreed;
    }
    for (index, c) in config.commitments.iter().enumerate() {
        let key = |field: &str| format!("commitments[{index}].{field}");
        if !(c.share_of_gdp.is_finite() && (0.0..=0.1).contains(&c.share_of_gdp)) {
            return Err(doc.error_at(
                &key("share_of_gdp"),
                format!("{} is outside [0, 0.1]", c.share_of_gdp),
            ));
        }
        if !(c.years.is_finite() && c.years > 0.0 && c.years <= 100.0) {
            return Err(doc.error_at(&key("years"), format!("{} is outside (0, 100]", c.years)));
        }
        arrangement.commitments.push(CommitmentSetup {
            capitals: expand(doc, &key("capitals"), &c.capitals, capitals)?,
            share_of_gdp: c.share_of_gdp,
            from: trigger(doc, &key("from"), &c.from, c.after_weeks)?,
            years: c.years,
        });
    }
    Ok(arrangement)
}

fn expand(
    doc: &Document,
    key: &str,
    list: &[String],
    capitals: &[CapitalSetup],
) -> Result<Vec<String>, ConfigError> {
    let mut out: Vec<String> = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        let matched: Vec<&CapitalSetup> = match entry.as_str() {
            "all" => capitals.iter().collect(),
            "europe" => capitals.iter().filter(|c| c.group.european()).collect(),
            code => capitals.iter().filter(|c| c.code == code).collect(),
        };
        if matched.is_empty() {
            return Err(doc.error_at(
                &format!("{key}[{index}]"),
                format!("`{entry}` is not a capital of this scenario (nor `europe` or `all`)"),
            ));
        }
        for c in matched {
            if !out.contains(&c.code) {
                out.push(c.code.clone());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn trigger(
    doc: &Document,
    key: &str,
    when: &When,
    after_weeks: u32,
) -> Result<Trigger, ConfigError> {
    match when {
        When::Date(d) => Ok(Trigger::Date(date(doc, key, d)?)),
        When::Word(w) if w == "start" => Ok(Trigger::Start),
        When::Word(w) if w == "ceasefire" => Ok(Trigger::Ceasefire { after_weeks }),
        When::Word(w) => Err(doc.error_at(
            key,
            format!("`{w}` is not `start`, `ceasefire` or a date such as 2025-01-01"),
        )),
    }
}

fn date(
    doc: &Document,
    key: &str,
    value: &toml::value::Datetime,
) -> Result<NaiveDate, ConfigError> {
    super::resolve::date_only(doc, key, value)
}
