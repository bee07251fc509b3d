//! [`Simulation`]: builds the world from a [`Setup`] and steps it one week at a time.

use std::collections::VecDeque;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::ScheduleBuildError;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use sgsim_abi::derive_seed;

use crate::components::{
    Actor, AidHistory, Arsenal, Beliefs, CapitalProfile, ElectionCalendar, Government, HeldPledges,
    KremlinState, KyivState, Opinion, Pipeline, SanctionsEffort, UnderTest, Unit,
};
use crate::escalation;
use crate::geo::threat_perception;
use crate::institutions::{Guarantee, Membership, Nac};
use crate::materiel::{Line, Producer};
use crate::resources::{Clock, Decisions, Output, Params, Roster, Totals, War, WorldRng};
use crate::rows::TickOutput;
use crate::setup::DonorGroup;
use crate::setup::{Setup, SetupError};
use crate::summary::Summary;
use crate::systems::{AidTick, Delivered, KremlinChoice, build_schedules};
use crate::window::Window4;

/// Tag of the fog-of-war stream.
const FOG_STREAM: u64 = 0xF06;
/// Tag of the election stream.
const ELECTION_STREAM: u64 = 0xE1EC;
/// Tag of the incident stream.
const INCIDENT_STREAM: u64 = 0x1C1D;
const DECLARATORY_STREAM: u64 = 0xDEC1A;
const APPROPRIATIONS_STREAM: u64 = 0xA99;
const ESTIMATE_STREAM: u64 = 0xE571;

/// An actor's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// An allied capital.
    Capital,
    /// The Kremlin.
    Kremlin,
    /// Kyiv.
    Kyiv,
    /// A coalition force unit.
    Coalition,
    /// A donor whose decisions no policy makes: the European Union (its Council decides by
    /// unanimity of the member capitals) and the donors outside the alliance (data).
    Donor,
}

impl Role {
    /// Name used in scenarios and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Capital => "capital",
            Role::Kremlin => "kremlin",
            Role::Kyiv => "kyiv",
            Role::Coalition => "coalition",
            Role::Donor => "donor",
        }
    }

    /// The ABI's `ROLE_*` constant; 0 for a donor, which no plugin decides for.
    pub const fn abi(self) -> u32 {
        match self {
            Role::Capital => sgsim_abi::ROLE_CAPITAL,
            Role::Kremlin => sgsim_abi::ROLE_KREMLIN,
            Role::Kyiv => sgsim_abi::ROLE_KYIV,
            Role::Coalition => sgsim_abi::ROLE_COALITION,
            Role::Donor => 0,
        }
    }
}

/// An actor as the host sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorInfo {
    /// Stable id.
    pub id: u32,
    /// Output code.
    pub code: String,
    /// Role.
    pub role: Role,
    /// For a coalition unit, the owning capital's code.
    pub owner: Option<String>,
    /// For a capital, its donor group.
    pub group: Option<crate::DonorGroup>,
}

/// A world and its schedules.
pub struct Simulation {
    world: World,
    observe: Schedule,
    advance: Schedule,
    ticks: u32,
    scenario: String,
    seed: u64,
    actors: Vec<ActorInfo>,
    /// Dated premises after the run's last week (`premises::outside_horizon`).
    premises_outside_horizon: u32,
}

/// Why a world could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The setup is inconsistent.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The schedule is ambiguous or cyclic.
    #[error("invalid schedule: {0}")]
    Schedule(#[from] ScheduleBuildError),
}

impl Simulation {
    /// Builds the world: capitals get ids 1..=n in code order, then the Kremlin, Kyiv and
    /// the units in scenario order.
    pub fn new(setup: &Setup) -> Result<Simulation, BuildError> {
        setup.validate()?;
        let params = &setup.params;
        let mut world = World::new();
        let mut capitals = setup.capitals.clone();
        capitals.sort_by(|a, b| a.code.cmp(&b.code));
        let mut actors = Vec::new();
        let mut next_id = 1u32;
        let mut capital_entities = Vec::new();
        let mut capital_ids = Vec::new();
        let producer_of = |code: &str| {
            if code == "USA" {
                Producer::UnitedStates
            } else {
                Producer::OtherAllies
            }
        };
        let mut group_budget = [0.0f64; 2];
        for capital in &capitals {
            group_budget[producer_of(&capital.code) as usize] +=
                capital.gdp_usd_bn * params.economy.eur_per_usd * capital.defence_pct_gdp / 100.0;
        }
        for capital in &capitals {
            let gdp = capital.gdp_usd_bn * params.economy.eur_per_usd;
            let budget = gdp * capital.defence_pct_gdp / 100.0;
            let stockpile = budget * params.supply.stockpile_years_of_budget;
            let threat = threat_perception(
                capital.borders_russia,
                (capital.capital_lat, capital.capital_lon),
                params.economy.threat_distance_scale_km,
            );
            let support = capital.initial_support;
            let resolve = params.elections.camp_target(
                capital.camp,
                (1.0 - params.fatigue.threat_weight) * support
                    + params.fatigue.threat_weight * threat,
            );
            let mut elections: Vec<_> = capital
                .elections
                .iter()
                .filter(|e| e.date >= setup.start_date)
                .cloned()
                .collect();
            elections.sort_by_key(|e| e.date);
            let entity = world
                .spawn((
                    Actor { id: next_id },
                    Opinion {
                        resolve,
                        public_support: support,
                    },
                    CapitalProfile {
                        group: capital.group,
                        gdp_eur_bn: gdp,
                        defence_budget_eur_bn: budget,
                        threat,
                        escalation_aversion: capital.escalation_aversion,
                        readiness_worry: capital.readiness_worry,
                        declaratory: capital.declaratory,
                    },
                    {
                        let producer = producer_of(&capital.code);
                        let share = if group_budget[producer as usize] > 0.0 {
                            budget / group_budget[producer as usize]
                        } else {
                            0.0
                        };
                        let mut arsenal = Arsenal {
                            stock: [0.0; 3],
                            floor: [0.0; 3],
                            output_per_week: [0.0; 3],
                            producer: (producer, share),
                            spare_start: 0.0,
                        };
                        for line in [Line::Artillery, Line::AirDefence] {
                            let data = setup.supply.line(line).expect("a line with stocks");
                            let group = &data.producers[producer as usize];
                            let unit = data.eur_bn_per_unit() * share;
                            arsenal.stock[line as usize] = group.stock_start * unit;
                            arsenal.floor[line as usize] = group.readiness_floor * unit;
                        }
                        let equipment = Line::Equipment as usize;
                        arsenal.stock[equipment] = stockpile;
                        arsenal.floor[equipment] = stockpile * params.supply.readiness_floor_share;
                        arsenal.output_per_week[equipment] =
                            budget * params.supply.industrial_output_share_of_budget / 52.0;
                        crate::systems::pipeline::refresh_output(
                            &mut arsenal,
                            &crate::systems::pipeline::group_output(
                                &setup.supply,
                                setup.start_date,
                            ),
                        );
                        arsenal.spare_start = arsenal.spare();
                        arsenal
                    },
                    Pipeline::default(),
                    AidHistory::default(),
                    ElectionCalendar {
                        upcoming: VecDeque::from(elections),
                    },
                    UnderTest(false),
                    SanctionsEffort::default(),
                    Government {
                        camp: capital.camp,
                        check: capital.check,
                    },
                    HeldPledges::default(),
                ))
                .id();
            actors.push(ActorInfo {
                id: next_id,
                code: capital.code.clone(),
                role: crate::Role::Capital,
                owner: None,
                group: Some(capital.group),
            });
            capital_entities.push(entity);
            capital_ids.push(next_id);
            next_id += 1;
        }

        let kremlin_id = next_id;
        let k = &setup.kremlin;
        let kremlin = world
            .spawn((
                Actor { id: kremlin_id },
                Opinion {
                    resolve: k.resolve,
                    public_support: k.domestic_support,
                },
                KremlinState {
                    forces: k.forces_in_theatre,
                    losses: Window4::default(),
                    losses_total: 0.0,
                    support_baseline: k.domestic_support,
                    sanctions: 0.0,
                    economy: 1.0,
                    protesting: false,
                    forces_initial: k.forces_in_theatre,
                    recruitment_capacity: k.recruitment_capacity_per_week,
                    forces_cap: k.theatre_forces_cap,
                    forces_peak: k.forces_in_theatre,
                    war_economy: crate::WarEconomy::new(&k.economy),
                    materiel: crate::RussianMateriel::new(&k.materiel, k.forces_in_theatre),
                },
                Beliefs {
                    values: vec![params.belief.prior; capitals.len()],
                },
            ))
            .id();
        actors.push(ActorInfo {
            id: kremlin_id,
            code: "RUS".to_owned(),
            role: Role::Kremlin,
            owner: None,
            group: None,
        });
        let kyiv_id = kremlin_id + 1;
        let u = &setup.kyiv;
        let kyiv = world
            .spawn((
                Actor { id: kyiv_id },
                Opinion {
                    resolve: u.resolve,
                    public_support: u.public_resolve,
                },
                KyivState {
                    forces: u.forces,
                    manpower_pool: u.manpower_pool,
                    equipment: u.equipment_eur_bn,
                    losses: Window4::default(),
                    losses_total: 0.0,
                    support_baseline: u.public_resolve,
                    aid_received: Window4::default(),
                    trained: 0.0,
                    in_training: VecDeque::new(),
                    denial: 0.0,
                    artillery_stock: setup.supply.kyiv_artillery.stock_start,
                    fire_factor: 1.0,
                    forces_initial: u.forces,
                    callup_capacity: u.callup_capacity_per_week,
                    forces_cap: u.forces_cap,
                    forces_peak: u.forces,
                },
            ))
            .id();
        actors.push(ActorInfo {
            id: kyiv_id,
            code: "UKR".to_owned(),
            role: Role::Kyiv,
            owner: None,
            group: None,
        });

        next_id = kyiv_id + 1;
        let mut unit_entities = Vec::new();
        for unit in &setup.units {
            let owner = capitals
                .iter()
                .position(|c| c.code == unit.owner)
                .ok_or_else(|| SetupError::UnknownOwner {
                    unit: unit.name.clone(),
                    owner: unit.owner.clone(),
                })?;
            let entity = world
                .spawn((
                    Actor { id: next_id },
                    Unit {
                        owner,
                        kind: unit.kind.clone(),
                        troops: unit.troops,
                        location: unit.location,
                        readiness: unit.readiness,
                        transit: None,
                        engaged: false,
                        struck: false,
                        losses: 0.0,
                    },
                ))
                .id();
            actors.push(ActorInfo {
                id: next_id,
                code: unit.name.clone(),
                role: Role::Coalition,
                owner: Some(unit.owner.clone()),
                group: None,
            });
            unit_entities.push(entity);
            next_id += 1;
        }

        // Donors whose decisions are not a policy's: the EU, then the donors outside the
        // alliance, after every other actor (so adding them moved no id).
        let eu_id = next_id;
        actors.push(ActorInfo {
            id: eu_id,
            code: "EU".to_owned(),
            role: Role::Donor,
            owner: None,
            group: Some(DonorGroup::EuInstitutions),
        });
        next_id += 1;
        let mut donor_ids = Vec::new();
        for donor in &setup.donors {
            actors.push(ActorInfo {
                id: next_id,
                code: donor.code.clone(),
                role: Role::Donor,
                owner: None,
                group: Some(donor.group),
            });
            donor_ids.push(next_id);
            next_id += 1;
        }
        world.insert_resource(crate::systems::Eu::new(
            capitals.iter().map(|c| c.eu_member).collect(),
            capitals
                .iter()
                .map(|c| c.gdp_usd_bn * params.economy.eur_per_usd)
                .collect(),
            &setup.eu,
        ));
        world.insert_resource(crate::systems::Donors {
            setups: setup.donors.clone(),
            ids: donor_ids,
            week: vec![[0.0; 3]; setup.donors.len()],
        });
        world.insert_resource(crate::systems::ExternalAid::default());

        let us_index = capitals.iter().position(|c| c.code == "USA");
        let capital_ids_first = capital_ids.first().copied().unwrap_or(0);
        let n_capitals = capitals.len();
        world.insert_resource(Roster {
            capitals: capital_entities,
            capital_ids,
            kremlin,
            kremlin_id,
            kyiv,
            kyiv_id,
            units: unit_entities,
            us_index,
            capital_codes: capitals.iter().map(|c| c.code.clone()).collect(),
            eu_id,
        });
        world.insert_resource(Clock {
            tick: 0,
            start: setup.start_date,
        });
        world.insert_resource(WorldRng {
            seed: setup.seed,
            fog: ChaCha8Rng::seed_from_u64(derive_seed(setup.seed, FOG_STREAM, 0)),
            elections: ChaCha8Rng::seed_from_u64(derive_seed(setup.seed, ELECTION_STREAM, 0)),
            incidents: ChaCha8Rng::seed_from_u64(derive_seed(setup.seed, INCIDENT_STREAM, 0)),
            estimate: ChaCha8Rng::seed_from_u64(derive_seed(setup.seed, ESTIMATE_STREAM, 0)),
            declaratory: ChaCha8Rng::seed_from_u64(derive_seed(setup.seed, DECLARATORY_STREAM, 0)),
            appropriations: ChaCha8Rng::seed_from_u64(derive_seed(
                setup.seed,
                APPROPRIATIONS_STREAM,
                0,
            )),
        });
        world.insert_resource(Params(params.clone()));
        let rung = setup.initial_escalation_rung.min(escalation::TOP_RUNG);
        world.insert_resource(War {
            kyiv_territory: setup.front.kyiv_share(),
            territory_change: Window4::default(),
            escalation_rung: rung,
            peak_rung: rung,
            ceasefire_since: None,
            first_ceasefire: None,
            renewed_aggression: false,
            violations: 0,
            kremlin_offered: false,
            kyiv_offered: false,
            kyiv_offer_pending: false,
            intensity: 0.0,
            kyiv_stance: 0.0,
            mobilisation: 0.0,
            ukraine_callup: 0.0,
            ukraine_callup_capacity: 0.0,
            ukraine_demobilised: 0.0,
            tests: 0,
            test_response_sum: 0.0,
            test_responses: 0,
            credibility: params.belief.prior,
            belief_min: params.belief.prior,
            weakest_guarantor: capital_ids_first,
            kremlin_demands_no_membership: false,
            kyiv_renounces: false,
            training_share: 0.0,
            strikes: 0,
            allied_losses: 0.0,
            allied_power: 0.0,
            last_break: None,
            first_break: None,
            pending_slice: 0.0,
            assumed_ceasefire: setup.arrangement.ceasefire_from,
            sanctions_relief: setup.arrangement.sanctions_relief,
            no_ceasefire_before: setup
                .arrangement
                .ceasefire_from
                .filter(|_| setup.arrangement.ceasefire_no_earlier),
            artillery: crate::resources::Artillery::default(),
            damage_eur_bn: setup.reconstruction_needs.at(setup.start_date),
            efforts: crate::front::Efforts::default(),
        });
        let codes: Vec<String> = capitals.iter().map(|c| c.code.clone()).collect();
        world.insert_resource(Guarantee::new(&setup.arrangement, &codes));
        world.insert_resource(Nac {
            coordinates_aid: setup.arrangement.nato_coordination,
            agreed: crate::systems::nac::agreed_items(&setup.arrangement),
            ..Nac::new(n_capitals, setup.arrangement.mission_from)
        });
        world.insert_resource(Membership {
            path: setup
                .arrangement
                .membership
                .as_ref()
                .map(|m| (m.invitation_from, m.requires_ceasefire)),
            invited: None,
            ratified: vec![false; n_capitals],
            accession: None,
            renounced: setup.arrangement.neutral,
        });
        world.insert_resource(crate::systems::Deterrence::new(n_capitals));
        world.insert_resource(Decisions::default());
        world.insert_resource(Totals::default());
        world.insert_resource(Output::default());
        world.insert_resource(AidTick::new(n_capitals));
        world.insert_resource(KremlinChoice::default());
        world.insert_resource(Delivered::default());
        world.insert_resource(crate::systems::pipeline::Supply(setup.supply.clone()));
        world.insert_resource(crate::front::Front::new(&setup.front));
        world.insert_resource(crate::systems::home_front::ReconstructionNeeds(
            setup.reconstruction_needs.clone(),
        ));
        let (observe, advance) = build_schedules(&mut world)?;
        Ok(Simulation {
            world,
            observe,
            advance,
            ticks: setup.ticks,
            scenario: setup.scenario.clone(),
            seed: setup.seed,
            actors,
            premises_outside_horizon: crate::premises::outside_horizon(setup).len() as u32,
        })
    }

    /// Every actor, by id.
    pub fn actors(&self) -> &[ActorInfo] {
        &self.actors
    }

    /// The current tick.
    pub fn tick(&self) -> u32 {
        self.world.resource::<Clock>().tick
    }

    /// The current tick's date.
    pub fn date(&self) -> chrono::NaiveDate {
        self.world.resource::<Clock>().date()
    }

    /// Whether every tick has run.
    pub fn finished(&self) -> bool {
        self.tick() >= self.ticks
    }

    /// Builds this tick's observations and zeroed actions, for the host to fill.
    pub fn observe(&mut self) -> &mut Decisions {
        self.observe.run(&mut self.world);
        self.world.resource_mut::<Decisions>().into_inner()
    }

    /// Applies the actions in [`Decisions`], runs one week and returns the rows it produced.
    /// The caller drains them before the next call.
    pub fn advance(&mut self) -> &mut TickOutput {
        {
            let mut output = self.world.resource_mut::<Output>();
            output.0.clear();
        }
        self.advance.run(&mut self.world);
        &mut self.world.resource_mut::<Output>().into_inner().0
    }

    /// The outcome measures so far.
    pub fn summary(&self) -> Summary {
        let world = &self.world;
        let war = world.resource::<War>();
        let totals = world.resource::<Totals>();
        let clock = world.resource::<Clock>();
        let roster = world.resource::<Roster>();
        let kremlin = world.get::<KremlinState>(roster.kremlin);
        let kyiv = world.get::<KyivState>(roster.kyiv);
        let guarantee = world.resource::<Guarantee>();
        let membership = world.resource::<Membership>();
        let nac = world.resource::<Nac>();
        let deterrence = world.resource::<crate::systems::Deterrence>();
        let eu = world.resource::<crate::systems::Eu>();
        let front = world.resource::<crate::front::Front>();
        Summary {
            scenario: self.scenario.clone(),
            seed: self.seed,
            ticks: clock.tick,
            end_date: clock.date_of(clock.tick.saturating_sub(1)),
            ceasefire_date: war.first_ceasefire.map(|t| clock.date_of(t)),
            renewed_aggression: war.renewed_aggression,
            ceasefire_at_end: war.ceasefire_since.is_some(),
            ceasefire_violations: war.violations,
            ceasefire_first_break_date: war.first_break.map(|t| clock.date_of(t)),
            ceasefire_weeks: crate::summary::ceasefire_weeks(
                war.first_ceasefire,
                war.first_break,
                clock.tick,
            ),
            durable_ceasefire: crate::summary::durable(
                war.first_ceasefire,
                war.first_break,
                war.ceasefire_since.is_some(),
            ),
            peak_escalation: escalation::score(war.peak_rung),
            peak_escalation_rung: war.peak_rung,
            nuclear_signalling: war.peak_rung >= escalation::TOP_RUNG,
            russia_forces_peak: kremlin.map_or(0.0, |k| k.forces_peak),
            slices: deterrence.slices,
            unanswered_slices: deterrence.unanswered_slices,
            territory_held_end: war.kyiv_territory,
            ukraine_forces_end: kyiv.map_or(0.0, |k| k.forces),
            russia_forces_end: kremlin.map_or(0.0, |k| k.forces),
            ukraine_losses: kyiv.map_or(0.0, |k| k.losses_total),
            russia_losses: kremlin.map_or(0.0, |k| k.losses_total),
            aid_pledged: totals.pledged,
            aid_delivered_us: totals.delivered_by_group[DonorGroup::UnitedStates as usize],
            aid_delivered_europe: DonorGroup::ALL
                .iter()
                .filter(|g| g.european())
                .map(|&g| totals.delivered_by_group[g as usize])
                .sum(),
            aid_delivered_other: totals.delivered_by_group[DonorGroup::Other as usize],
            aid_delivered_eu_members: totals.delivered_by_group[DonorGroup::EuMember as usize],
            aid_delivered_other_europe: totals.delivered_by_group[DonorGroup::OtherEurope as usize],
            aid_delivered_eu_institutions: totals.delivered_by_group
                [DonorGroup::EuInstitutions as usize],
            eu_vetoes: eu.vetoes,
            premises_outside_horizon: self.premises_outside_horizon,
            credibility_end: war.credibility,
            tests_of_resolve: war.tests,
            mean_test_response: (war.test_responses > 0)
                .then(|| war.test_response_sum / f64::from(war.test_responses)),
            strikes_on_allies: war.strikes,
            failed_responses: guarantee.failed_responses,
            allied_losses: war.allied_losses,
            guarantee_credibility_mean: guarantee.mean_credibility(),
            guarantee_credibility_end: guarantee.credibility,
            guarantee_in_force_date: guarantee.since.map(|t| clock.date_of(t)),
            guarantee_invocations: guarantee.invocations,
            article5_invocations: nac.article5_invocations,
            consensus_failures: nac.consensus_failures,
            side_payments_eur_bn: nac.side_payments_eur_bn,
            invitation_date: membership.invited.map(|t| clock.date_of(t)),
            accession_date: membership.accession.map(|t| clock.date_of(t)),
            membership_renounced: membership.renounced,
            mission_authorised: nac.mission_authorised.is_some(),
            reconstruction_paid_eur_bn: totals.reconstruction_paid,
            reconstruction_needs_end_eur_bn: war.damage_eur_bn,
            artillery_rounds_received: war.artillery.received_total,
            artillery_sufficiency_mean: war.artillery.mean_sufficiency(),
            shell_hunger_weeks: war.artillery.hunger_weeks,
            air_defence_delivered_eur_bn: totals.air_defence_delivered,
            ukraine_forces_peak: kyiv.map_or(0.0, |k| k.forces_peak),
            kyiv_offensive_weeks: front.kyiv_offensive_weeks,
            kyiv_retaken_km2: front.kyiv_gain_total_km2,
            russia_fiscal_reserve_end: kremlin.map_or(0.0, |k| k.war_economy.fiscal_reserve),
            russia_tanks_end: kremlin.map_or(0.0, |k| k.materiel.in_service),
            russia_tanks_lost_total: kremlin.map_or(0.0, |k| k.materiel.lost_total),
        }
    }
}
