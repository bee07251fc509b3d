//! The typed input of a run: everything the world is built from, already validated by the
//! configuration layer. The core does no file IO; `sgsim-cli` reads TOML into this.

use chrono::NaiveDate;

use crate::params::ModelParams;
use crate::units::Location;

/// Everything needed to build a world.
#[derive(Clone, Debug)]
pub struct Setup {
    /// Scenario name (used in the summary).
    pub scenario: String,
    /// Date of tick 0.
    pub start_date: NaiveDate,
    /// Number of weekly ticks to run.
    pub ticks: u32,
    /// The run seed; every random stream is derived from it.
    pub seed: u64,
    /// Model parameters.
    pub params: ModelParams,
    /// Allied capitals; actor ids are assigned in this order after sorting by code.
    pub capitals: Vec<CapitalSetup>,
    /// The Kremlin.
    pub kremlin: KremlinSetup,
    /// Kyiv.
    pub kyiv: KyivSetup,
    /// Coalition force units.
    pub units: Vec<UnitSetup>,
    /// Initial rung on the escalation ladder (0 none, 1 posturing, 2 non-violent,
    /// 3 violent, 4 nuclear).
    pub initial_escalation_rung: u32,
    /// The security arrangement the scenario studies (none by default).
    pub arrangement: Arrangement,
    /// The European Union's instruments for Ukraine (M03, M04, M23).
    pub eu: Vec<EuInstrumentSetup>,
    /// Donors outside the alliance, whose aid is data.
    pub donors: Vec<DonorSetup>,
    /// Artillery ammunition and air defence: prices, stocks, floors and production (M05).
    pub supply: crate::materiel::SupplySetup,
    /// Ukraine's assessed reconstruction needs by date, euro billions (cumulative damage
    /// and losses; M21).
    pub reconstruction_needs: crate::materiel::Ramp,
    /// The front's sectors (M07).
    pub front: crate::front::FrontSetup,
}

/// One of the European Union's instruments for Ukraine, decided by unanimity of its members.
#[derive(Clone, Debug, PartialEq)]
pub struct EuInstrumentSetup {
    /// Identifier, used in events.
    pub name: String,
    /// Military (the European Peace Facility) or financial.
    pub military: bool,
    /// Amount for Ukraine, euro billions.
    pub amount_eur_bn: f64,
    /// The day it is first put to the member states.
    pub proposed: NaiveDate,
    /// Weeks from adoption to the first payment.
    pub lag_weeks: u32,
    /// Weeks over which it is paid, evenly.
    pub disburse_weeks: u32,
    /// Its recorded decision, when the scenario replays it (history); otherwise the members
    /// decide it in the run.
    pub recorded: Option<RecordedDecision>,
}

/// A decision of the EU as it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedDecision {
    /// The day it was adopted.
    pub adopted: NaiveDate,
    /// Codes of the members that did not take part (and do not pay).
    pub opt_outs: Vec<String>,
    /// Recorded vetoes: the member and the days it began and ended.
    pub blocks: Vec<(String, NaiveDate, NaiveDate)>,
}

/// A donor outside the alliance: it gives what it is recorded to have given.
#[derive(Clone, Debug, PartialEq)]
pub struct DonorSetup {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// Donor group.
    pub group: DonorGroup,
    /// The recorded period.
    pub recorded_from: NaiveDate,
    /// Its last day.
    pub recorded_until: NaiveDate,
    /// Aid over the period by category (military, financial, humanitarian), euro billions.
    pub amounts_eur_bn: [f64; 3],
}

/// The institutional side of a scenario: guarantee, membership path, NATO mission and
/// long-term aid commitments. Everything here is a rule or a date; what happens under it
/// is left to the policies and the dynamics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrangement {
    /// A security guarantee for Ukraine (M13, M16, M17, M18).
    pub guarantee: Option<GuaranteeSetup>,
    /// Ukraine's path to NATO membership (M12).
    pub membership: Option<MembershipSetup>,
    /// A NATO mission to defend Ukraine, put to the Council from this date (S09).
    pub mission_from: Option<NaiveDate>,
    /// The allies have decided on the mission (a recorded Council decision, the
    /// scenario's premise): it is authorised on its date without a vote.
    pub mission_agreed: bool,
    /// Long-term aid commitments (M14, M17).
    pub commitments: Vec<CommitmentSetup>,
    /// Date from which Ukraine has a nuclear deterrent (M15, theoretical).
    pub nuclear_from: Option<NaiveDate>,
    /// A ceasefire the scenario assumes from this date (the premise of post-ceasefire
    /// arrangements); whether it holds is left to the dynamics.
    pub ceasefire_from: Option<NaiveDate>,
    /// No ceasefire is agreed before `ceasefire_from`: the war goes on until then.
    pub ceasefire_no_earlier: bool,
    /// Share of the capitals' sanctions effort lifted while a ceasefire holds (M22).
    pub sanctions_relief: f64,
    /// Ukraine is neutral from the start: it has renounced NATO membership, so a
    /// no-membership clause is already met (S04's premise).
    pub neutral: bool,
    /// NATO coordinates the aid the capitals pledge through the Contact Group (S03's
    /// premise): a pledge a capital makes through the Ramstein channel goes to the NATO
    /// channel, under the Council's consensus.
    pub nato_coordination: bool,
}

/// How binding a guarantee is (M13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bindingness {
    /// A political declaration (the Budapest memorandum, bilateral security agreements).
    Declaration,
    /// A ratified treaty among the guarantors and Ukraine.
    Treaty,
}

impl Bindingness {
    /// The name used in scenarios and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Bindingness::Declaration => "declaration",
            Bindingness::Treaty => "treaty",
        }
    }
}

/// When a guarantee or commitment takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// From the first tick.
    Start,
    /// From a calendar date.
    Date(NaiveDate),
    /// A number of weeks after a ceasefire begins (if that ceasefire still holds then). Once
    /// in force, a guarantee stays in force, and a commitment runs its term.
    Ceasefire {
        /// Weeks after the ceasefire begins.
        after_weeks: u32,
    },
}

/// A security guarantee.
#[derive(Clone, Debug, PartialEq)]
pub struct GuaranteeSetup {
    /// Declaration or treaty.
    pub bindingness: Bindingness,
    /// Codes of the guaranteeing capitals.
    pub guarantors: Vec<String>,
    /// Codes of capitals that give enablers (air, ISR, intelligence) without a commitment.
    pub enablers: Vec<String>,
    /// When it takes effect.
    pub from: Trigger,
}

/// The membership path.
#[derive(Clone, Debug, PartialEq)]
pub struct MembershipSetup {
    /// First date on which an invitation is put to the Council.
    pub invitation_from: NaiveDate,
    /// Whether the invitation waits for a ceasefire (the war-over precondition).
    pub requires_ceasefire: bool,
    /// The allies have decided to invite Ukraine once the preconditions hold (a
    /// recorded Council decision, the scenario's premise): the invitation is issued
    /// without a vote. Ratification is still each ally's.
    pub agreed: bool,
}

/// A long-term aid commitment by a set of capitals.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentSetup {
    /// Codes of the committed capitals.
    pub capitals: Vec<String>,
    /// Military aid committed per year as a share of each capital's GDP.
    pub share_of_gdp: f64,
    /// When it starts.
    pub from: Trigger,
    /// How long it runs, in years.
    pub years: f64,
}

/// Donor group used for the summary's aid totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DonorGroup {
    /// The United States.
    UnitedStates,
    /// Member states of the European Union (their own aid, not the EU's).
    EuMember,
    /// Other European donors (the United Kingdom, Norway, Türkiye, Switzerland, ...).
    OtherEurope,
    /// The European Union's own instruments.
    EuInstitutions,
    /// Every other donor (Canada, Japan, Australia, ...).
    Other,
}

impl DonorGroup {
    /// Every group, in `Totals::delivered_by_group` order.
    pub const ALL: [DonorGroup; 5] = [
        DonorGroup::UnitedStates,
        DonorGroup::EuMember,
        DonorGroup::OtherEurope,
        DonorGroup::EuInstitutions,
        DonorGroup::Other,
    ];

    /// Whether the group is European (the summary's `aid_delivered_europe`).
    pub const fn european(self) -> bool {
        matches!(
            self,
            DonorGroup::EuMember | DonorGroup::OtherEurope | DonorGroup::EuInstitutions
        )
    }
}

/// A national election: scheduled, or already held with its recorded outcome (M02).
#[derive(Clone, Debug, PartialEq)]
pub struct Election {
    /// Polling day.
    pub date: NaiveDate,
    /// Kind (`presidential`, `parliamentary`, `general`, `midterm`).
    pub kind: String,
    /// Whether it fills the office that holds foreign and defence policy.
    pub fills_executive: bool,
    /// Whether it fills the check office (a legislature that is not the executive, or a
    /// president with a veto in a parliamentary system).
    pub fills_check: bool,
    /// Its outcome when recorded (history) or assumed by the scenario; otherwise drawn.
    pub outcome: Option<ElectionOutcome>,
}

/// Where an election's outcome comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeSource {
    /// Recorded in the data: the election was held and this is what happened.
    Recorded,
    /// Assumed by the scenario: a premise, recorded or counterfactual.
    Assumed,
}

impl OutcomeSource {
    /// Name used in events.
    pub const fn as_str(self) -> &'static str {
        match self {
            OutcomeSource::Recorded => "recorded",
            OutcomeSource::Assumed => "assumed",
        }
    }
}

/// The outcome of an election that is not drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ElectionOutcome {
    /// Recorded or assumed.
    pub source: OutcomeSource,
    /// Whether the incumbent kept the office (the executive office when it is filled,
    /// else the check office).
    pub incumbent_won: bool,
    /// The executive's camp after the election (only when it fills the executive office).
    pub camp: Option<Camp>,
    /// The check office's camp after the election (only when it fills the check office).
    pub check_camp: Option<Camp>,
}

/// The kind of check a capital's other elected office exerts on its aid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckOffice {
    /// A legislature that is not the executive: it appropriates, so a sceptic majority
    /// holds new pledges (the appropriations brake).
    Legislature,
    /// A directly elected president in a parliamentary system: recorded and elected, with
    /// a veto on laws that does not reach aid given under the government's budget.
    President,
}

/// A government's camp in the debate over support for Ukraine (M25).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Camp {
    /// Moves fast: membership now, fait accompli; resolve above what its public asks.
    FastMover,
    /// Incremental steps; resolve as its public and threat perception set it.
    SlowRoller,
    /// Sceptical of supporting Ukraine at all; resolve a fraction of the above.
    Sceptic,
}

impl Camp {
    /// Name used in scenarios and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Camp::FastMover => "fast_mover",
            Camp::SlowRoller => "slow_roller",
            Camp::Sceptic => "sceptic",
        }
    }
}

/// One allied capital.
#[derive(Clone, Debug)]
pub struct CapitalSetup {
    /// ISO 3166-1 alpha-3 code, used as the actor name in every output.
    pub code: String,
    /// Country name.
    pub name: String,
    /// Donor group.
    pub group: DonorGroup,
    /// Nominal GDP, US dollars billions per year.
    pub gdp_usd_bn: f64,
    /// Defence spending, per cent of GDP.
    pub defence_pct_gdp: f64,
    /// Population, millions.
    pub population_m: f64,
    /// Latitude of the capital city, degrees.
    pub capital_lat: f64,
    /// Longitude of the capital city, degrees.
    pub capital_lon: f64,
    /// Whether the country borders Russia (Kaliningrad included).
    pub borders_russia: bool,
    /// Aversion to escalation, [0, 1].
    pub escalation_aversion: f64,
    /// Share of the public that worries that aid weakens the country's own defence, [0, 1]
    /// (M21).
    pub readiness_worry: f64,
    /// Initial public support for aid, [0, 1].
    pub initial_support: f64,
    /// The camp of the office that holds foreign and defence policy at the start.
    pub camp: Camp,
    /// The check office and its camp at the start, if the capital has one.
    pub check: Option<(CheckOffice, Camp)>,
    /// Elections, held and scheduled, earliest first; at most one per polling day.
    pub elections: Vec<Election>,
    /// Declaratory policy (M10).
    pub declaratory: Declaratory,
    /// A member state of the European Union (a vote in its Council).
    pub eu_member: bool,
}

/// A capital's declaratory policy (M10).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Deserialize,
    serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Declaratory {
    /// No declared posture.
    #[default]
    None,
    /// Strategic ambiguity: options kept open, nothing ruled out.
    Ambiguity,
    /// Declared red lines and the response to crossing them.
    RedLines,
}

/// The Kremlin's initial state.
#[derive(Clone, Debug)]
pub struct KremlinSetup {
    /// Personnel in the theatre, persons.
    pub forces_in_theatre: f64,
    /// Domestic support for the war, [0, 1]; also the level it reverts to.
    pub domestic_support: f64,
    /// Initial resolve, [0, 1].
    pub resolve: f64,
    /// Recruits Russia can bring to the theatre per week at full economy and pre-war
    /// domestic support, persons (M20; the bound on force generation).
    pub recruitment_capacity_per_week: f64,
    /// Largest force Russia can keep in the theatre, persons.
    pub theatre_forces_cap: f64,
    /// Russia's war economy at the start (M20, M22).
    pub economy: crate::WarEconomySetup,
    /// Russia's tanks at the start (M20, 7.6d).
    pub materiel: crate::RussianMaterielSetup,
}

/// Kyiv's initial state.
#[derive(Clone, Debug)]
pub struct KyivSetup {
    /// Personnel in the line, persons.
    pub forces: f64,
    /// Men still available for mobilisation, persons.
    pub manpower_pool: f64,
    /// Equipment in service, euro billions.
    pub equipment_eur_bn: f64,
    /// Public resolve, [0, 1]; also the level it reverts to.
    pub public_resolve: f64,
    /// Initial government resolve, [0, 1].
    pub resolve: f64,
    /// Men the mobilisation system can call up per week at full effort and pre-war public
    /// resolve, persons (M06, M20; the bound on Ukrainian force generation).
    pub callup_capacity_per_week: f64,
    /// Largest force Ukraine can keep, persons.
    pub forces_cap: f64,
}

/// One coalition force unit.
#[derive(Clone, Debug)]
pub struct UnitSetup {
    /// Unit name, unique in the scenario.
    pub name: String,
    /// Code of the owning capital.
    pub owner: String,
    /// Kind (`battlegroup`, `trainers`, `air_defence`, ...).
    pub kind: String,
    /// Personnel, persons.
    pub troops: f64,
    /// Initial location.
    pub location: Location,
    /// Initial readiness, [0, 1].
    pub readiness: f64,
}

/// A setup the core cannot build a world from.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SetupError {
    /// A unit names an owner that is not a capital of the scenario.
    #[error("unit `{unit}` is owned by `{owner}`, which is not a capital of this scenario")]
    UnknownOwner {
        /// The unit.
        unit: String,
        /// The owner code given.
        owner: String,
    },
    /// Two actors share a code or name.
    #[error("duplicate {what} `{name}`")]
    Duplicate {
        /// What is duplicated (`capital`, `unit`).
        what: &'static str,
        /// The repeated name.
        name: String,
    },
    /// A guarantee or commitment names a capital the scenario does not have.
    #[error("{what} names `{code}`, which is not a capital of this scenario")]
    UnknownCapital {
        /// Which list names it.
        what: &'static str,
        /// The code.
        code: String,
    },
    /// A value is outside its range.
    #[error("{key} = {value} is outside [{min}, {max}]")]
    OutOfRange {
        /// Where the value sits (for example `capital DEU initial_support`).
        key: String,
        /// The value.
        value: f64,
        /// Lowest allowed.
        min: f64,
        /// Highest allowed.
        max: f64,
    },
}

impl Setup {
    /// Checks what the types cannot: uniqueness, references and ranges.
    pub fn validate(&self) -> Result<(), SetupError> {
        let mut codes: Vec<&str> = self.capitals.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        if let Some(pair) = codes.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(SetupError::Duplicate {
                what: "capital",
                name: pair[0].to_owned(),
            });
        }
        let mut names: Vec<&str> = self.units.iter().map(|u| u.name.as_str()).collect();
        names.sort_unstable();
        if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(SetupError::Duplicate {
                what: "unit",
                name: pair[0].to_owned(),
            });
        }
        for unit in &self.units {
            if codes.binary_search(&unit.owner.as_str()).is_err() {
                return Err(SetupError::UnknownOwner {
                    unit: unit.name.clone(),
                    owner: unit.owner.clone(),
                });
            }
            check(&format!("unit {} troops", unit.name), unit.troops, 0.0, 1e6)?;
            check(
                &format!("unit {} readiness", unit.name),
                unit.readiness,
                0.0,
                1.0,
            )?;
        }
        for capital in &self.capitals {
            let key = |field: &str| format!("capital {} {field}", capital.code);
            check(&key("gdp_usd_bn"), capital.gdp_usd_bn, 0.0, 1e6)?;
            check(&key("defence_pct_gdp"), capital.defence_pct_gdp, 0.0, 100.0)?;
            check(
                &key("escalation_aversion"),
                capital.escalation_aversion,
                0.0,
                1.0,
            )?;
            check(&key("initial_support"), capital.initial_support, 0.0, 1.0)?;
            check(&key("readiness_worry"), capital.readiness_worry, 0.0, 1.0)?;
        }
        let k = &self.kremlin;
        check("kremlin forces_in_theatre", k.forces_in_theatre, 0.0, 1e8)?;
        check("kremlin domestic_support", k.domestic_support, 0.0, 1.0)?;
        check("kremlin resolve", k.resolve, 0.0, 1.0)?;
        let u = &self.kyiv;
        check("kyiv forces", u.forces, 0.0, 1e8)?;
        check("kyiv manpower_pool", u.manpower_pool, 0.0, 1e9)?;
        check("kyiv equipment_eur_bn", u.equipment_eur_bn, 0.0, 1e6)?;
        check("kyiv public_resolve", u.public_resolve, 0.0, 1.0)?;
        check("kyiv resolve", u.resolve, 0.0, 1.0)?;
        check(
            "kyiv callup_capacity_per_week",
            u.callup_capacity_per_week,
            0.0,
            1e6,
        )?;
        check("kyiv forces_cap", u.forces_cap, 0.0, 1e8)?;
        check(
            "initial_escalation_rung",
            f64::from(self.initial_escalation_rung),
            0.0,
            f64::from(crate::escalation::TOP_RUNG),
        )?;
        let known = |what: &'static str, code: &String| {
            if self.capitals.iter().any(|c| &c.code == code) {
                Ok(())
            } else {
                Err(SetupError::UnknownCapital {
                    what,
                    code: code.clone(),
                })
            }
        };
        if let Some(g) = &self.arrangement.guarantee {
            for code in &g.guarantors {
                known("guarantee.guarantors", code)?;
            }
            for code in &g.enablers {
                known("guarantee.enablers", code)?;
            }
        }
        for c in &self.arrangement.commitments {
            for code in &c.capitals {
                known("commitments.capitals", code)?;
            }
            check("commitments.share_of_gdp", c.share_of_gdp, 0.0, 0.1)?;
            check("commitments.years", c.years, 0.0, 100.0)?;
        }
        self.check_front()
    }

    fn check_front(&self) -> Result<(), SetupError> {
        let front = &self.front;
        check("front total_area_km2", front.total_area_km2, 1e-9, 1e9)?;
        let mut areas = 0.0;
        for (sector, s) in crate::front::Sector::ALL.iter().zip(&front.sectors) {
            let key = |field: &str| format!("front {} {field}", sector.as_str());
            check(&key("area_km2"), s.area_km2, 0.0, front.total_area_km2)?;
            check(&key("kyiv_held_km2"), s.kyiv_held_km2, 0.0, s.area_km2)?;
            check(&key("axis_weight"), s.axis_weight, 0.0, 1e3)?;
            check(&key("terrain"), s.terrain, 0.1, 10.0)?;
            check(&key("fortification"), s.fortification, 0.0, 1.0)?;
            check(
                &key("russian_fortification"),
                s.russian_fortification,
                0.0,
                1.0,
            )?;
            areas += s.area_km2;
        }
        check(
            "front sectors' area_km2 (sum)",
            areas,
            0.0,
            front.total_area_km2 * (1.0 + 1e-12),
        )
    }
}

fn check(key: &str, value: f64, min: f64, max: f64) -> Result<(), SetupError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(SetupError::OutOfRange {
            key: key.to_owned(),
            value,
            min,
            max,
        })
    }
}
