//! Resources: world-level state shared by the systems.

use bevy_ecs::prelude::*;
use chrono::{Days, NaiveDate};
use rand_chacha::ChaCha8Rng;
use sgsim_abi::{
    CapitalAction, CapitalObservation, CoalitionAction, CoalitionObservation, KremlinAction,
    KremlinObservation, KyivAction, KyivObservation,
};

use crate::params::ModelParams;
use crate::rows::TickOutput;
use crate::window::Window4;

/// The calendar.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Clock {
    /// Current tick (week), 0 at the start date.
    pub tick: u32,
    /// Date of tick 0.
    pub start: NaiveDate,
}

impl Clock {
    /// Date of a tick: the start date plus seven days per tick.
    pub fn date_of(&self, tick: u32) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(7 * u64::from(tick)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Date of the current tick.
    pub fn date(&self) -> NaiveDate {
        self.date_of(self.tick)
    }
}

/// The run seed and the seeded stream of the world's own randomness (fog of war).
#[derive(Resource, Debug)]
pub struct WorldRng {
    /// The run seed.
    pub seed: u64,
    /// Fog-of-war stream.
    pub fog: ChaCha8Rng,
    /// Election-outcome stream (M02): two draws per polling day, whatever the outcome.
    pub elections: ChaCha8Rng,
    /// Incident stream (M08): two draws per week.
    pub incidents: ChaCha8Rng,
    /// The Kremlin's estimate of Ukrainian forces: one draw per week.
    pub estimate: ChaCha8Rng,
    /// Declaratory stream (M10): one draw per ambiguous capital per week.
    pub declaratory: ChaCha8Rng,
    /// Appropriations stream (M02): one draw per week per capital whose sceptic
    /// legislature holds pledges.
    pub appropriations: ChaCha8Rng,
}

/// Model parameters as a resource.
#[derive(Resource, Clone, Debug)]
pub struct Params(pub ModelParams);

/// Entities by role, in actor-id order: the only order systems iterate in.
#[derive(Resource, Clone, Debug)]
pub struct Roster {
    /// Capitals, by id.
    pub capitals: Vec<Entity>,
    /// Their actor ids.
    pub capital_ids: Vec<u32>,
    /// The Kremlin.
    pub kremlin: Entity,
    /// The Kremlin's actor id.
    pub kremlin_id: u32,
    /// Kyiv.
    pub kyiv: Entity,
    /// Kyiv's actor id.
    pub kyiv_id: u32,
    /// Coalition units, by id.
    pub units: Vec<Entity>,
    /// Index of the United States among the capitals, if present.
    pub us_index: Option<usize>,
    /// The capitals' codes, by id.
    pub capital_codes: Vec<String>,
    /// The European Union's actor id (a donor).
    pub eu_id: u32,
}

/// The state of the war as a whole.
#[derive(Resource, Clone, Debug)]
pub struct War {
    /// Share of Ukraine's territory Kyiv holds, [0, 1].
    pub kyiv_territory: f64,
    /// Weekly changes in that share over the last 4 weeks.
    pub territory_change: Window4,
    /// Current escalation rung.
    pub escalation_rung: u32,
    /// Highest rung reached.
    pub peak_rung: u32,
    /// Tick the ceasefire in force began, if any.
    pub ceasefire_since: Option<u32>,
    /// Tick of the first ceasefire, if any.
    pub first_ceasefire: Option<u32>,
    /// Whether a ceasefire was ever broken.
    pub renewed_aggression: bool,
    /// Number of ceasefire violations short of a break.
    pub violations: u32,
    /// Whether the Kremlin offered a ceasefire last tick.
    pub kremlin_offered: bool,
    /// Whether Kyiv offered a ceasefire last tick.
    pub kyiv_offered: bool,
    /// Whether Kyiv offers a ceasefire this tick (set by its action, read by the rule).
    pub kyiv_offer_pending: bool,
    /// The Kremlin's effective offensive intensity last tick.
    pub intensity: f64,
    /// Kyiv's published negotiating stance.
    pub kyiv_stance: f64,
    /// Kyiv's mobilisation effort this tick.
    pub mobilisation: f64,
    /// Men Kyiv called up this tick, persons (M06).
    pub ukraine_callup: f64,
    /// This tick's call-up capacity at full effort, persons (M06).
    pub ukraine_callup_capacity: f64,
    /// Ukrainian soldiers demobilised this tick in a ceasefire, persons.
    pub ukraine_demobilised: f64,
    /// Number of tests of resolve.
    pub tests: u32,
    /// Sum of the responses to tests, for the mean in the summary.
    pub test_response_sum: f64,
    /// Number of responses to tests.
    pub test_responses: u32,
    /// GDP-weighted mean of the Kremlin's beliefs about the capitals' resolve (M24).
    pub credibility: f64,
    /// Lowest of those beliefs.
    pub belief_min: f64,
    /// Actor id of the capital with the lowest belief (the first in id order on a tie).
    pub weakest_guarantor: u32,
    /// Whether the Kremlin's standing ceasefire offer demands that Kyiv renounce NATO
    /// membership (M19).
    pub kremlin_demands_no_membership: bool,
    /// Whether Kyiv accepts such a clause this tick.
    pub kyiv_renounces: bool,
    /// Share of this tick's recruits Kyiv sends to allied training (M06).
    pub training_share: f64,
    /// Strikes on allied units so far (M09).
    pub strikes: u32,
    /// Allied troops lost to strikes and combat, persons.
    pub allied_losses: f64,
    /// Allied combat power fighting alongside Ukraine this tick, Ukrainian-soldier equivalents.
    pub allied_power: f64,
    /// Tick at which a ceasefire was last broken.
    pub last_break: Option<u32>,
    /// Tick at which the first ceasefire was first broken, if it was.
    pub first_break: Option<u32>,
    /// Territory share taken by this tick's slice, applied with the battle's change (M11).
    pub pending_slice: f64,
    /// Date of a ceasefire the scenario assumes, until it has been applied.
    pub assumed_ceasefire: Option<chrono::NaiveDate>,
    /// Date before which no ceasefire is agreed (`[ceasefire] no_earlier`).
    pub no_ceasefire_before: Option<chrono::NaiveDate>,
    /// Share of the capitals' sanctions effort lifted while a ceasefire holds
    /// (`[ceasefire] sanctions_relief`, M22).
    pub sanctions_relief: f64,
    /// Kyiv's artillery this week and over the run (M05).
    pub artillery: Artillery,
    /// Ukraine's damage and losses assessed so far, euro billions (M21).
    pub damage_eur_bn: f64,
    /// This tick's choices of both sides on the front: the Kremlin's main axis and Kyiv's
    /// offensive (docs/MODEL.md 7.3d).
    pub efforts: crate::front::Efforts,
}

/// Kyiv's artillery: this week's rounds and the run's totals (M05).
#[derive(Clone, Copy, Debug, Default)]
pub struct Artillery {
    /// Rounds received this week (aid and Ukraine's own output).
    pub received: f64,
    /// Rounds fired this week.
    pub fired: f64,
    /// Share of the week's need that could be fired, [0, 1].
    pub sufficiency: f64,
    /// Rounds received over the run.
    pub received_total: f64,
    /// Sum of the weekly sufficiency over the weeks of war (not of ceasefire).
    pub sufficiency_sum: f64,
    /// Weeks of war (not of ceasefire).
    pub hot_weeks: u32,
    /// Weeks of war in which less than half the need could be fired ("shell hunger").
    pub hunger_weeks: u32,
}

impl Artillery {
    /// Records one week.
    pub fn record(&mut self, received: f64, fired: f64, sufficiency: f64, hot: bool) {
        self.received = received;
        self.fired = fired;
        self.sufficiency = sufficiency;
        self.received_total += received;
        if hot {
            self.sufficiency_sum += sufficiency;
            self.hot_weeks += 1;
            if sufficiency < 0.5 {
                self.hunger_weeks += 1;
            }
        }
    }

    /// Mean sufficiency over the weeks of war (1 if there were none).
    pub fn mean_sufficiency(&self) -> f64 {
        if self.hot_weeks > 0 {
            self.sufficiency_sum / f64::from(self.hot_weeks)
        } else {
            1.0
        }
    }
}

/// Observations and actions of the current tick, one vector per role in roster order.
/// The observe schedule fills the observations and zeroes the actions; the host fills the
/// actions from the policies; the advance schedule applies them.
#[derive(Resource, Clone, Debug, Default)]
pub struct Decisions {
    /// Capital observations.
    pub capital_obs: Vec<CapitalObservation>,
    /// Capital actions.
    pub capital_act: Vec<CapitalAction>,
    /// Kremlin observation (one element).
    pub kremlin_obs: Vec<KremlinObservation>,
    /// Kremlin action (one element).
    pub kremlin_act: Vec<KremlinAction>,
    /// Kyiv observation (one element).
    pub kyiv_obs: Vec<KyivObservation>,
    /// Kyiv action (one element).
    pub kyiv_act: Vec<KyivAction>,
    /// Coalition-unit observations.
    pub unit_obs: Vec<CoalitionObservation>,
    /// Coalition-unit actions.
    pub unit_act: Vec<CoalitionAction>,
}

/// Running totals for the run summary.
#[derive(Resource, Clone, Debug, Default)]
pub struct Totals {
    /// Aid delivered by each donor group (`DonorGroup as usize`), euro billions.
    pub delivered_by_group: [f64; 5],
    /// Aid pledged by all donors, euro billions.
    pub pledged: f64,
    /// Military deliveries held back by readiness floors, euro billions (summed per tick).
    pub floor_shortfall: f64,
    /// Reconstruction paid by the capitals, euro billions (M21).
    pub reconstruction_paid: f64,
    /// Air defence delivered to Kyiv, euro billions (M05).
    pub air_defence_delivered: f64,
    /// Reconstruction due from the capitals this week, euro billions (M21).
    pub reconstruction_week: f64,
}

/// Rows produced this tick, drained by the host after each tick.
#[derive(Resource, Debug, Default)]
pub struct Output(pub TickOutput);
