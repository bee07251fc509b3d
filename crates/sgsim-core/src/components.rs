//! Components: the state each actor carries. One struct per concern, so a system borrows
//! only what it changes.

use std::collections::VecDeque;

use crate::materiel::Producer;
use crate::setup::{Camp, CheckOffice, DonorGroup, Election};
use crate::units::Location;
use crate::window::Window4;
use bevy_ecs::prelude::*;

/// Identity of every actor: its stable id (1-based, assigned from the scenario, never the
/// ECS `Entity`). Codes for the output live in [`crate::ActorInfo`].
#[derive(Component, Clone, Copy, Debug)]
pub struct Actor {
    /// Stable id, 1-based.
    pub id: u32,
}

/// Government resolve and public support, for capitals, the Kremlin and Kyiv.
#[derive(Component, Clone, Copy, Debug)]
pub struct Opinion {
    /// The government's resolve, [0, 1].
    pub resolve: f64,
    /// Public (domestic) support, [0, 1].
    pub public_support: f64,
}

/// A capital's fixed characteristics.
#[derive(Component, Clone, Debug)]
pub struct CapitalProfile {
    /// Donor group.
    pub group: DonorGroup,
    /// Nominal GDP, euro billions per year.
    pub gdp_eur_bn: f64,
    /// Defence budget, euro billions per year.
    pub defence_budget_eur_bn: f64,
    /// Threat perception, [0, 1].
    pub threat: f64,
    /// Escalation aversion, [0, 1].
    pub escalation_aversion: f64,
    /// Share of the public worried about its own readiness, [0, 1] (M21).
    pub readiness_worry: f64,
    /// Declaratory policy (M10).
    pub declaratory: crate::setup::Declaratory,
}

/// A capital's transferable military stock (M05).
#[derive(Component, Clone, Copy, Debug)]
pub struct Arsenal {
    /// Stock per line of materiel ([`crate::materiel::Line`] order), euro billions.
    pub stock: [f64; 3],
    /// Readiness floor per line, euro billions.
    pub floor: [f64; 3],
    /// Output this week per line, euro billions.
    pub output_per_week: [f64; 3],
    /// The capital's producer group and its share of the group's stock and output.
    pub producer: (Producer, f64),
    /// Stock above the floor at the start, euro billions (the reference for readiness
    /// worries, M21).
    pub spare_start: f64,
}

impl Arsenal {
    /// Total stock, euro billions.
    pub fn stockpile(&self) -> f64 {
        self.stock.iter().sum()
    }

    /// Total output this week, euro billions.
    pub fn output_total(&self) -> f64 {
        self.output_per_week.iter().sum()
    }

    /// Stock above the floor, summed over the lines, euro billions.
    pub fn spare(&self) -> f64 {
        self.stock
            .iter()
            .zip(&self.floor)
            .map(|(s, f)| (s - f).max(0.0))
            .sum()
    }

    /// How far the stock above the floor has been drawn down since the start, [0, 1].
    pub fn strain(&self) -> f64 {
        if self.spare_start > 0.0 {
            (1.0 - self.spare() / self.spare_start).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Aid category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Weapons, ammunition, equipment.
    Military,
    /// Budget support, loans, grants.
    Financial,
    /// Humanitarian aid.
    Humanitarian,
}

impl Category {
    /// All categories in output order.
    pub const ALL: [Category; 3] = [
        Category::Military,
        Category::Financial,
        Category::Humanitarian,
    ];

    /// Name used in the output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Military => "military",
            Category::Financial => "financial",
            Category::Humanitarian => "humanitarian",
        }
    }
}

/// Aid channel (M03).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Channel {
    /// Donor to Kyiv.
    Bilateral,
    /// Coordinated in the Ukraine Defense Contact Group.
    Ramstein,
    /// Coordinated by NATO (NSATU).
    Nato,
}

impl Channel {
    /// All channels in output order.
    pub const ALL: [Channel; 3] = [Channel::Bilateral, Channel::Ramstein, Channel::Nato];

    /// Name used in the output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Bilateral => "bilateral",
            Channel::Ramstein => "ramstein",
            Channel::Nato => "nato",
        }
    }

    /// The channel for an ABI code (0 means bilateral).
    pub const fn from_code(code: u32) -> Option<Channel> {
        match code {
            0 | sgsim_abi::CHANNEL_BILATERAL => Some(Channel::Bilateral),
            sgsim_abi::CHANNEL_RAMSTEIN => Some(Channel::Ramstein),
            sgsim_abi::CHANNEL_NATO => Some(Channel::Nato),
            _ => None,
        }
    }

    /// Index in [`Channel::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// A pledge waiting in the pipeline.
#[derive(Clone, Copy, Debug)]
pub struct Pledge {
    /// First tick at which it can be delivered.
    pub due_tick: u32,
    /// Channel.
    pub channel: Channel,
    /// Category.
    pub category: Category,
    /// Amount still to deliver, euro billions.
    pub remaining: f64,
    /// For a military pledge, what is still to deliver per line of materiel ([`crate::materiel::Line`]
    /// order, summing to `remaining`); zero otherwise.
    pub lines: [f64; 3],
}

impl Pledge {
    /// A pledge of `amount`; a military one is split over the lines by `composition`.
    pub fn new(
        due_tick: u32,
        channel: Channel,
        category: Category,
        amount: f64,
        composition: &[f64; 3],
    ) -> Pledge {
        Pledge {
            due_tick,
            channel,
            category,
            remaining: amount,
            lines: if category == Category::Military {
                crate::materiel::split(amount, composition)
            } else {
                [0.0; 3]
            },
        }
    }
}

/// A capital's pledges not yet delivered, in pledge order (M03).
#[derive(Component, Clone, Debug, Default)]
pub struct Pipeline {
    /// Outstanding pledges.
    pub pledges: Vec<Pledge>,
}

impl Pipeline {
    /// Total outstanding, euro billions.
    pub fn backlog(&self) -> f64 {
        self.pledges.iter().map(|p| p.remaining).sum()
    }

    /// Pledged military aid not yet delivered, euro billions.
    pub fn military_backlog(&self) -> f64 {
        self.pledges
            .iter()
            .filter(|p| p.category == Category::Military)
            .map(|p| p.remaining)
            .sum()
    }
}

/// What a capital has delivered.
#[derive(Component, Clone, Debug, Default)]
pub struct AidHistory {
    /// Deliveries over the last 4 weeks.
    pub delivered: Window4,
    /// Cumulative deliveries, euro billions.
    pub cumulative_delivered: f64,
    /// Cumulative pledges, euro billions.
    pub cumulative_pledged: f64,
}

/// A capital's upcoming elections, earliest first, at most one per polling day.
#[derive(Component, Clone, Debug, Default)]
pub struct ElectionCalendar {
    /// The elections still to come, each with its recorded or assumed outcome if any.
    pub upcoming: VecDeque<Election>,
}

/// The camps of a capital's elected offices (M25), changed by elections (M02).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Government {
    /// The camp of the office that holds foreign and defence policy.
    pub camp: Camp,
    /// The check office and its camp, if the capital has one.
    pub check: Option<(CheckOffice, Camp)>,
}

impl Government {
    /// Whether a sceptic legislature holds the pledges of a government that is not itself
    /// sceptic (the appropriations brake, M02).
    pub fn braked(&self) -> bool {
        self.camp != Camp::Sceptic && self.check == Some((CheckOffice::Legislature, Camp::Sceptic))
    }
}

/// Pledges a capital's government has made that wait for its legislature to appropriate
/// them (M02), in pledge order: channel, category, euro billions.
#[derive(Component, Clone, Debug, Default)]
pub struct HeldPledges {
    /// The pledges held.
    pub pledges: Vec<(Channel, Category, f64)>,
}

impl HeldPledges {
    /// Total held, euro billions.
    pub fn total(&self) -> f64 {
        self.pledges.iter().map(|p| p.2).sum()
    }
}

/// Whether a capital's resolve was tested last tick (M09, belief part only).
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct UnderTest(pub bool);

/// The Kremlin's war machine and home front.
#[derive(Component, Clone, Debug)]
pub struct KremlinState {
    /// Personnel in the theatre, persons.
    pub forces: f64,
    /// Losses over the last 4 weeks.
    pub losses: Window4,
    /// Cumulative losses, persons.
    pub losses_total: f64,
    /// Level domestic support reverts to.
    pub support_baseline: f64,
    /// Western sanctions pressure, [0, 1] (M22).
    pub sanctions: f64,
    /// The Russian economy, an index: 1 before the war (M20).
    pub economy: f64,
    /// Whether protests are going on (M20).
    pub protesting: bool,
    /// Pre-war personnel in the theatre, persons (the floor of demobilisation).
    pub forces_initial: f64,
    /// Recruitment capacity at full economy and pre-war support, persons per week.
    pub recruitment_capacity: f64,
    /// Largest force in the theatre, persons.
    pub forces_cap: f64,
    /// Highest force in the theatre so far, persons.
    pub forces_peak: f64,
    /// Russia's war economy (M20, M22).
    pub war_economy: crate::WarEconomy,
    /// Russia's tanks (M20, 7.6d).
    pub materiel: crate::RussianMateriel,
}

/// The Kremlin's belief about each capital's resolve, aligned with the roster (M24).
#[derive(Component, Clone, Debug, Default)]
pub struct Beliefs {
    /// One value per capital in roster order, [0, 1].
    pub values: Vec<f64>,
}

/// Kyiv's forces, manpower and equipment.
#[derive(Component, Clone, Debug)]
pub struct KyivState {
    /// Personnel in the line, persons.
    pub forces: f64,
    /// Men still available for mobilisation, persons.
    pub manpower_pool: f64,
    /// Equipment, euro billions.
    pub equipment: f64,
    /// Losses over the last 4 weeks.
    pub losses: Window4,
    /// Cumulative losses, persons.
    pub losses_total: f64,
    /// Level public resolve reverts to.
    pub support_baseline: f64,
    /// Aid received over the last 4 weeks, euro billions.
    pub aid_received: Window4,
    /// Soldiers in the line trained to allied standards, persons (M06).
    pub trained: f64,
    /// Recruits on allied courses: (tick they reach the line, persons) (M06).
    pub in_training: VecDeque<(u32, f64)>,
    /// Air defence and long-range strike capability, euro billions (M14).
    pub denial: f64,
    /// Artillery rounds in stock (M05).
    pub artillery_stock: f64,
    /// Last week's artillery factor on combat power, `1 − w·(1 − s)` for the share `s` of
    /// the rounds needed that could be fired, (0, 1].
    pub fire_factor: f64,
    /// Pre-war personnel, persons (the floor of demobilisation).
    pub forces_initial: f64,
    /// Call-up capacity at full effort and pre-war public resolve, persons per week.
    pub callup_capacity: f64,
    /// Largest force Ukraine can keep, persons.
    pub forces_cap: f64,
    /// Highest force so far, persons.
    pub forces_peak: f64,
}

/// A coalition force unit.
#[derive(Component, Clone, Debug)]
pub struct Unit {
    /// Index of the owner in the roster's capitals.
    pub owner: usize,
    /// Kind (`battlegroup`, `trainers`, ...).
    pub kind: String,
    /// Personnel, persons.
    pub troops: f64,
    /// Current location.
    pub location: Location,
    /// Readiness, [0, 1].
    pub readiness: f64,
    /// Destination and weeks left, while moving.
    pub transit: Option<(Location, u32)>,
    /// Whether the unit fights alongside Ukrainian forces this tick (only at the front).
    pub engaged: bool,
    /// Whether the unit was struck this tick.
    pub struck: bool,
    /// Troops lost to strikes and combat since the start, persons.
    pub losses: f64,
}

impl Unit {
    /// Whether the unit stands inside Ukraine (rear or front), not moving.
    pub fn in_ukraine(&self) -> bool {
        self.transit.is_none()
            && matches!(
                self.location,
                Location::UkraineRear | Location::UkraineFront
            )
    }
}

/// M22: a capital's effort in the sanctions regime this tick, [0, 1].
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct SanctionsEffort(pub f64);
