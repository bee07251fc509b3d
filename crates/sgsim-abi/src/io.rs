//! Observation and action records, one pair per role.
//!
//! Units: money in billions of euro (`_eur_bn`), people in persons, shares in [0, 1],
//! time in weeks. Every field is documented with its meaning, unit and range in
//! `docs/PLUGINS.md`; the host checks each action field against the range given here.

/// Location code: the unit's home country.
pub const LOCATION_HOME: u32 = 1;
/// Location code: the territory of an allied (NATO) country other than home, near Russia.
pub const LOCATION_ALLIED_TERRITORY: u32 = 2;
/// Location code: Ukraine, away from the line of contact.
pub const LOCATION_UKRAINE_REAR: u32 = 3;
/// Location code: Ukraine, near the line of contact.
pub const LOCATION_UKRAINE_FRONT: u32 = 4;

/// Aid channel: bilateral, donor to Kyiv.
pub const CHANNEL_BILATERAL: u32 = 1;
/// Aid channel: coordinated in the Ukraine Defense Contact Group (Ramstein format).
pub const CHANNEL_RAMSTEIN: u32 = 2;
/// Aid channel: coordinated by NATO (NSATU).
pub const CHANNEL_NATO: u32 = 3;

/// Kremlin ceasefire decision: no change.
pub const CEASEFIRE_NO_CHANGE: u32 = 0;
/// Kremlin ceasefire decision: offer or accept a ceasefire.
pub const CEASEFIRE_OFFER: u32 = 1;
/// Kremlin ceasefire decision: break the ceasefire in force.
pub const CEASEFIRE_BREAK: u32 = 2;

/// North Atlantic Council agenda bit: a NATO-coordinated aid package (M03, M04, M23).
pub const AGENDA_AID_PACKAGE: u32 = 1 << 0;
/// North Atlantic Council agenda bit: inviting Ukraine to join the Alliance (M12).
pub const AGENDA_INVITATION: u32 = 1 << 1;
/// North Atlantic Council agenda bit: a collective response to an attack under Article 5 (M09).
pub const AGENDA_RESPONSE: u32 = 1 << 2;
/// North Atlantic Council agenda bit: a NATO mission committing forces to Ukraine (S09).
pub const AGENDA_MISSION: u32 = 1 << 3;
/// Council agenda bit, EU members only: a European Union military instrument for Ukraine
/// (the European Peace Facility) before the Council of the EU, which decides by unanimity:
/// one objection blocks it (M04, M23).
pub const AGENDA_EU_MILITARY: u32 = 1 << 4;
/// Council agenda bit, EU members only: a European Union financial instrument for Ukraine
/// (macro-financial assistance, the Ukraine Facility, a loan) before the Council of the EU.
pub const AGENDA_EU_FINANCIAL: u32 = 1 << 5;

/// Sector of the front: none (Kyiv: no offensive; the Kremlin: its effort follows the
/// data's axis weights).
pub const SECTOR_NONE: u32 = 0;
/// Sector of the front: the north (Kyiv, Chernihiv, Sumy and Kharkiv oblasts).
pub const SECTOR_NORTH: u32 = 1;
/// Sector of the front: the Donbas (the parts of Donetsk and Luhansk oblasts Kyiv held on
/// 2022-02-23).
pub const SECTOR_DONBAS: u32 = 2;
/// Sector of the front: the south (Zaporizhzhia, Kherson and Mykolaiv oblasts).
pub const SECTOR_SOUTH: u32 = 3;
/// Sector of the front: the areas Russia held before 2022 (Crimea and parts of Donetsk and
/// Luhansk); a target for Kyiv's offensive only.
pub const SECTOR_OCCUPIED_2014: u32 = 4;

/// Offer bit: a declared security guarantee, in force or promised (M13).
pub const OFFER_GUARANTEE: u32 = 1 << 0;
/// Offer bit: an open path to NATO membership (M12).
pub const OFFER_MEMBERSHIP: u32 = 1 << 1;

/// Ukraine's membership path: not invited.
pub const MEMBERSHIP_NONE: u32 = 0;
/// Ukraine's membership path: invited; the accession protocol awaits ratification by each ally.
pub const MEMBERSHIP_INVITED: u32 = 1;
/// Ukraine's membership path: a member, covered by Article 5.
pub const MEMBERSHIP_MEMBER: u32 = 2;

abi_record! {
    /// Fields at the start of every observation.
    pub struct ObsHeader as "SgsimObsHeader" {
        /// `size_of` the whole observation record, in bytes.
        pub size: u32,
        /// The deciding actor's id (1-based; 0 is never an actor).
        pub actor_id: u32,
        /// Tick (week) number, 0 at the scenario's start date.
        pub tick: u32,
        /// Calendar date of the tick as `YYYYMMDD`.
        pub date_ymd: u32,
        /// A seed for this actor and tick, derived from the run seed; use it for any randomness
        /// in this decision so results do not depend on call order.
        pub decision_seed: u64,
    }
}

abi_record! {
    /// What a capital observes each tick.
    pub struct CapitalObservation as "SgsimCapitalObservation" {
        /// Common header.
        pub header: ObsHeader,
        /// 1 if the Kremlin tested this capital's resolve in the previous tick, else 0.
        pub under_test: u32,
        /// 1 if a ceasefire is in force, else 0.
        pub ceasefire_in_force: u32,
        /// Items before the North Atlantic Council this tick and, for an EU member, before
        /// the Council of the EU (`AGENDA_EU_*`): a bit set of `AGENDA_*`.
        pub nac_agenda: u32,
        /// 1 if Ukraine's accession protocol awaits this capital's ratification, else 0.
        pub ratification_pending: u32,
        /// 1 if this capital is a party to the scenario's security guarantee, else 0.
        pub guarantor: u32,
        /// 1 if the guarantee is in force (or Ukraine is a NATO member), else 0.
        pub guarantee_in_force: u32,
        /// 1 if the Council blocked a NATO aid package in the previous tick, else 0.
        pub nato_package_blocked: u32,
        /// Reserved; always 0.
        pub reserved: u32,
        /// The government's resolve to support Ukraine, [0, 1].
        pub resolve: f64,
        /// Share of the public that supports aid to Ukraine, [0, 1].
        pub public_support: f64,
        /// Nominal GDP, euro billions per year.
        pub gdp_eur_bn: f64,
        /// Defence budget, euro billions per year.
        pub defence_budget_eur_bn: f64,
        /// Transferable military stockpile, euro billions.
        pub stockpile_eur_bn: f64,
        /// Stockpile level the capital will not go below (readiness floor), euro billions.
        pub readiness_floor_eur_bn: f64,
        /// Industrial output added to the stockpile, euro billions per week.
        pub industrial_output_eur_bn: f64,
        /// Threat perception from proximity to Russia, [0, 1].
        pub threat_perception: f64,
        /// Aversion to escalation, [0, 1].
        pub escalation_aversion: f64,
        /// Weeks until the next scheduled national election; negative if none is scheduled.
        pub weeks_to_election: f64,
        /// Pledged but not yet delivered aid, euro billions (including pledges waiting for
        /// the North Atlantic Council's package decision and those the capital's legislature
        /// holds).
        pub pipeline_backlog_eur_bn: f64,
        /// The military part of that backlog, euro billions (what still has to come out of
        /// the stockpile).
        pub military_backlog_eur_bn: f64,
        /// This capital's aid delivered in the last 4 weeks, euro billions.
        pub delivered_last_4w_eur_bn: f64,
        /// Aid delivered in the last 4 weeks by every other donor (the other capitals, the
        /// EU's own instruments and the donors outside the alliance), euro billions.
        pub others_delivered_last_4w_eur_bn: f64,
        /// Cumulative aid delivered by this capital since the start, euro billions.
        pub cumulative_delivered_eur_bn: f64,
        /// Share of Ukraine's territory (internationally recognised borders) Kyiv holds, [0, 1].
        pub ukraine_territory_share: f64,
        /// Change in that share over the last 4 weeks, [-1, 1].
        pub ukraine_territory_change_4w: f64,
        /// Current escalation level on the published scale: 0, 4, 12, 28 or 60.
        pub escalation_level: f64,
        /// This capital's own troops inside Ukraine, persons.
        pub own_troops_in_ukraine: f64,
        /// Credibility of the guarantee as the Kremlin reads it (M13), [0, 1].
        pub guarantee_credibility: f64,
        /// Long-term aid this capital has committed to, euro billions per week; 0 if none (M14, M17).
        pub commitment_eur_bn_per_week: f64,
        /// Collective sanctions pressure on Russia, [0, 1] (M22).
        pub sanctions_pressure: f64,
        /// Size of the test of resolve this capital is under, [0, 1] (only meaningful when
        /// `under_test` is 1): a small slice below 0.5, a decisive move at 1 (M11).
        pub test_size: f64,
        /// Tests of resolve in a row that this capital left unanswered (answered below
        /// `strikes.failed_response_below`); 0 after an answer (M11 habituation).
        pub unanswered_tests: u32,
        /// Reserved; always 0.
        pub reserved2: u32,
    }
}

abi_record! {
    /// What a capital decides each tick.
    pub struct CapitalAction as "SgsimCapitalAction" {
        /// Set by the host to `size_of::<CapitalAction>()`.
        pub size: u32,
        /// Channel for this tick's pledges: `CHANNEL_*`; 0 means bilateral.
        pub channel: u32,
        /// Items on this tick's agenda (`nac_agenda`) that this capital objects to (breaks
        /// silence on, or vetoes in the Council of the EU): a bit set of `AGENDA_*`. One
        /// objection blocks the item.
        pub nac_block: u32,
        /// 1 to deposit this capital's ratification of Ukraine's accession protocol this tick
        /// (only read when `ratification_pending` is 1), else 0.
        pub ratify: u32,
        /// New military aid pledged this tick, euro billions, [0, 50].
        pub pledge_military_eur_bn: f64,
        /// New financial aid pledged this tick, euro billions, [0, 50].
        pub pledge_financial_eur_bn: f64,
        /// New humanitarian aid pledged this tick, euro billions, [0, 50].
        pub pledge_humanitarian_eur_bn: f64,
        /// Strength of the response to a test of resolve (only read when `under_test` is 1),
        /// [0, 1]: 0 no response, 1 the strongest response available.
        pub test_response: f64,
        /// Side payment this capital asks for lifting its objections, euro billions, [0, 50];
        /// 0 means its objections are not for sale (M04).
        pub side_payment_demand_eur_bn: f64,
        /// This capital's effort in the sanctions regime, [0, 1] (M22).
        pub sanctions_effort: f64,
    }
}

abi_record! {
    /// What the Kremlin observes each tick.
    pub struct KremlinObservation as "SgsimKremlinObservation" {
        /// Common header.
        pub header: ObsHeader,
        /// 1 if a ceasefire is in force, else 0.
        pub ceasefire_in_force: u32,
        /// 1 if Kyiv offered or accepted a ceasefire in the previous tick, else 0.
        pub kyiv_ceasefire_offer: u32,
        /// Actor id of the capital where a test would hurt the arrangement most (M09): while
        /// a guarantee is declared (or Ukraine is invited or a member), the guarantor with
        /// the lowest response probability; otherwise the donor with the most aid at stake
        /// that the Kremlin doubts most, the largest `(1 − b_i) · GDP_i` (lowest id on a tie).
        pub weakest_guarantor_id: u32,
        /// Number of capitals (guarantors and donors) in the scenario.
        pub guarantors: u32,
        /// Ukraine's membership path: `MEMBERSHIP_*`.
        pub membership_stage: u32,
        /// 1 if a security guarantee (or Article 5) covers Ukraine now, else 0.
        pub guarantee_in_force: u32,
        /// Actor id of an allied unit inside Ukraine that Article 5 does not cover, owned by the
        /// capital the Kremlin believes least resolved (lowest id on a tie); 0 if there is none.
        pub exposed_unit_id: u32,
        /// Number of allied units inside Ukraine.
        pub units_in_ukraine: u32,
        /// The Kremlin's resolve to continue the war, [0, 1].
        pub resolve: f64,
        /// Domestic support for the war, [0, 1].
        pub domestic_support: f64,
        /// Russian personnel in the theatre, persons.
        pub forces_in_theatre: f64,
        /// Estimated Ukrainian personnel in the line, persons.
        pub ukraine_forces_estimate: f64,
        /// Share of Ukraine's territory occupied by Russia, [0, 1].
        pub territory_occupied_share: f64,
        /// Change in the occupied share over the last 4 weeks, [-1, 1].
        pub territory_change_4w: f64,
        /// Russian personnel losses in the last 4 weeks, persons.
        pub losses_last_4w: f64,
        /// Current escalation level on the published scale: 0, 4, 12, 28 or 60.
        pub escalation_level: f64,
        /// GDP-weighted mean of the Kremlin's belief about the capitals' resolve, [0, 1].
        pub belief_mean_resolve: f64,
        /// Lowest belief about any capital's resolve, [0, 1].
        pub belief_min_resolve: f64,
        /// Belief about the United States' resolve, [0, 1].
        pub belief_us_resolve: f64,
        /// Aid every donor (the capitals, the EU and the donors outside the alliance)
        /// delivered to Kyiv in the last 4 weeks, euro billions.
        pub western_aid_last_4w_eur_bn: f64,
        /// Weeks since the ceasefire in force began; 0 if none.
        pub weeks_in_ceasefire: f64,
        /// Kyiv's published negotiating stance, [0, 1] (see `KyivAction`).
        pub kyiv_stance: f64,
        /// Credibility of the guarantee covering Ukraine, as the Kremlin reads it (M13), [0, 1].
        pub guarantee_credibility: f64,
        /// Allied troops inside Ukraine, persons.
        pub allied_troops_in_ukraine: f64,
        /// Collective sanctions pressure on Russia, [0, 1] (M22).
        pub sanctions_pressure: f64,
        /// Russia's output relative to its pre-war level, ≥ 0 (M20; above 1 when war spending
        /// lifts it).
        pub economy: f64,
        /// Probability that the arrangement answers a renewed attack on Ukraine with force,
        /// as the Kremlin reads it (M13), [0, 1]; equal to `guarantee_credibility`.
        pub response_probability: f64,
        /// Combat power the answer would bring to Ukraine's side if it comes, in
        /// Ukrainian-soldier equivalents (M13, M16).
        pub response_power: f64,
        /// Expected weekly gain in the occupied share from an all-out offensive now, if no
        /// guarantor answers (the battle kernel at intensity 1; negative: ground lost), [-1, 1].
        pub gain_unanswered: f64,
        /// The same if the guarantors answer with `response_power`, [-1, 1].
        pub gain_answered: f64,
        /// The same as `gain_unanswered` after `battle.projection_weeks` of the current
        /// trends in both sides' power (the commitment problem of a shifting balance), [-1, 1].
        pub gain_projected: f64,
        /// Russia's recruitment capacity this week, persons per week (M20).
        pub recruitment_capacity_per_week: f64,
        /// Largest force Russia can keep in the theatre, persons.
        pub theatre_forces_cap: f64,
        /// Response probability of the guarantor named in `weakest_guarantor_id`, [0, 1].
        pub weakest_response_probability: f64,
        /// Tests of resolve in a row that capital left unanswered.
        pub weakest_unanswered_tests: u32,
        /// 1 if allied forces fight Russian forces (engaged units or a collective
        /// defence), else 0: the stakes of a direct war with NATO (M08, M15).
        pub allied_forces_engaged: u32,
        /// Largest test that capital left unanswered, [0, 1]; 0 if none.
        pub weakest_largest_unanswered: f64,
        /// `gain_unanswered` with the whole effort on the north (`main_axis = SECTOR_NORTH`,
        /// `axis_concentration = 1`), [-1, 1]; 0 when Kyiv holds nothing there.
        pub gain_north: f64,
        /// The same with the whole effort on the Donbas, [-1, 1].
        pub gain_donbas: f64,
        /// The same with the whole effort on the south, [-1, 1].
        pub gain_south: f64,
        /// Russia's defence spending, share of GDP (M20).
        pub defence_spending_share: f64,
        /// Russia's liquid fiscal reserve, share of a year's pre-war GDP: the room to pay for
        /// the war beyond energy revenue and borrowing (M20).
        pub fiscal_reserve_share: f64,
    }
}

abi_record! {
    /// What the Kremlin decides each tick.
    pub struct KremlinAction as "SgsimKremlinAction" {
        /// Set by the host to `size_of::<KremlinAction>()`.
        pub size: u32,
        /// `CEASEFIRE_NO_CHANGE`, `CEASEFIRE_OFFER` or `CEASEFIRE_BREAK`.
        pub ceasefire: u32,
        /// Escalation step: -1 (de-escalate), 0 (hold) or +1 (escalate one rung).
        pub escalation_step: i32,
        /// Actor id of a capital whose resolve to test this tick; 0 for no test.
        pub test_target: u32,
        /// Actor id of an allied unit to strike this tick (M09); 0 for none. A strike also
        /// tests the owner's resolve.
        pub strike_unit: u32,
        /// 1 if a ceasefire the Kremlin offers requires Kyiv to renounce NATO membership (M19).
        pub demand_no_membership: u32,
        /// Offensive intensity, [0, 1]: 0 holds the line, 1 is an all-out offensive.
        pub offensive_intensity: f64,
        /// Size of this tick's test of resolve, [0, 1] (read only with `test_target`); 0
        /// means a full test (1). During a ceasefire a test is a slice: a limited grab of
        /// `slices.gain_per_slice · size` of Ukraine's territory (M11).
        pub test_size: f64,
        /// Main axis of the offensive: `SECTOR_*`; `SECTOR_NONE` spreads the effort by the
        /// data's axis weights.
        pub main_axis: u32,
        /// Reserved; set to 0.
        pub reserved: u32,
        /// Share of the committed effort put on `main_axis`, [0, 1] (read only with a main
        /// axis); the rest follows the axis weights.
        pub axis_concentration: f64,
    }
}

abi_record! {
    /// What Kyiv observes each tick.
    pub struct KyivObservation as "SgsimKyivObservation" {
        /// Common header.
        pub header: ObsHeader,
        /// 1 if a ceasefire is in force, else 0.
        pub ceasefire_in_force: u32,
        /// 1 if the Kremlin offered or accepted a ceasefire in the previous tick, else 0.
        pub kremlin_ceasefire_offer: u32,
        /// 1 if the Kremlin's offer requires Ukraine to renounce NATO membership, else 0.
        pub kremlin_demands_no_membership: u32,
        /// Ukraine's membership path: `MEMBERSHIP_*`.
        pub membership_stage: u32,
        /// 1 if a security guarantee (or Article 5) covers Ukraine now, else 0.
        pub guarantee_in_force: u32,
        /// What the allies offer Ukraine: a bit set of `OFFER_*` (a declared guarantee, in
        /// force or promised; an open membership path).
        pub offers: u32,
        /// Ukrainian personnel in the line, persons.
        pub forces: f64,
        /// Men still available for mobilisation, persons.
        pub manpower_pool: f64,
        /// Military equipment in service, euro billions of materiel.
        pub equipment_eur_bn: f64,
        /// Share of Ukraine's territory Kyiv holds, [0, 1].
        pub territory_share: f64,
        /// Change in that share over the last 4 weeks, [-1, 1].
        pub territory_change_4w: f64,
        /// Public resolve to continue fighting, [0, 1].
        pub public_resolve: f64,
        /// Aid delivered to Kyiv in the last 4 weeks, euro billions.
        pub aid_last_4w_eur_bn: f64,
        /// The Kremlin's offensive intensity in the previous tick, [0, 1].
        pub kremlin_intensity_last: f64,
        /// Mean public support for aid across the capitals (polls are public), [0, 1].
        pub allied_support_mean: f64,
        /// Ukrainian personnel losses in the last 4 weeks, persons.
        pub losses_last_4w: f64,
        /// Credibility of the guarantee offered or in force (M13), [0, 1].
        pub guarantee_credibility: f64,
        /// The largest weekly call-up the country can sustain, persons per week (M06).
        pub callup_capacity_per_week: f64,
        /// Share of the forces in the line trained to allied standards, [0, 1] (M06).
        pub trained_share: f64,
        /// Places on allied training courses this week, abroad and inside Ukraine, persons.
        pub training_places_per_week: f64,
        /// Force ratio of an offensive in the north with all of Kyiv's reserves: their combat
        /// power over the defender's advantage times Russia's defence there (MODEL.md 7.3d);
        /// above 1 an offensive gains ground; 0 where Russia holds nothing.
        pub attack_ratio_north: f64,
        /// The same in the Donbas.
        pub attack_ratio_donbas: f64,
        /// The same in the south.
        pub attack_ratio_south: f64,
        /// The same in the areas Russia held before 2022.
        pub attack_ratio_occupied_2014: f64,
        /// Ground Russia holds in the north, which an offensive could retake, km².
        pub retakable_north_km2: f64,
        /// The same in the Donbas, km².
        pub retakable_donbas_km2: f64,
        /// The same in the south, km².
        pub retakable_south_km2: f64,
        /// The areas Russia held before 2022 that it still holds, km².
        pub retakable_occupied_2014_km2: f64,
    }
}

abi_record! {
    /// What Kyiv decides each tick.
    pub struct KyivAction as "SgsimKyivAction" {
        /// Set by the host to `size_of::<KyivAction>()`.
        pub size: u32,
        /// 1 to offer or accept a ceasefire along the current line this tick, else 0.
        pub accept_ceasefire: u32,
        /// 1 to accept a ceasefire clause renouncing NATO membership (M19), else 0.
        pub renounce_membership: u32,
        /// Sector of Kyiv's offensive this tick: `SECTOR_*`; `SECTOR_NONE` for none.
        pub offensive_sector: u32,
        /// Mobilisation effort, [0, 1], as a share of the maximum weekly call-up.
        pub mobilisation: f64,
        /// Negotiating stance, [0, 1]: 0 demands full restoration and NATO membership, 1 accepts
        /// a ceasefire on the current line with alternative guarantees.
        pub negotiating_stance: f64,
        /// Share of this week's recruits sent to allied training, [0, 1] (M06); capped by the
        /// places available.
        pub training_share: f64,
        /// Share of Kyiv's reserves committed to the offensive in `offensive_sector`, [0, 1]
        /// (read only with a sector, and only while the war is hot).
        pub offensive_intensity: f64,
    }
}

abi_record! {
    /// What a coalition force unit observes each tick.
    pub struct CoalitionObservation as "SgsimCoalitionObservation" {
        /// Common header (`actor_id` is the unit's id).
        pub header: ObsHeader,
        /// Actor id of the capital that owns the unit.
        pub owner_id: u32,
        /// Current location: `LOCATION_*`.
        pub location: u32,
        /// 1 if a ceasefire is in force, else 0.
        pub ceasefire_in_force: u32,
        /// 1 if the unit is moving between locations, else 0.
        pub in_transit: u32,
        /// 1 if an attack on the unit where it stands is covered by Article 5, else 0.
        pub article5_covered: u32,
        /// 1 if the unit was struck in the previous tick, else 0.
        pub struck: u32,
        /// 1 if the North Atlantic Council has authorised a mission to defend Ukraine, else 0.
        pub mission_authorised: u32,
        /// 1 if the owner is a party to a guarantee now in force, else 0.
        pub guarantee_in_force: u32,
        /// 1 if the Kremlin has renewed its aggression (broken a ceasefire), else 0.
        pub renewed_aggression: u32,
        /// Reserved; always 0.
        pub reserved: u32,
        /// Personnel, persons.
        pub troops: f64,
        /// Readiness, [0, 1].
        pub readiness: f64,
        /// The owning capital's resolve, [0, 1].
        pub owner_resolve: f64,
        /// Current escalation level on the published scale: 0, 4, 12, 28 or 60.
        pub escalation_level: f64,
        /// Credibility of the guarantee (M13), [0, 1].
        pub guarantee_credibility: f64,
    }
}

abi_record! {
    /// What a coalition force unit decides each tick.
    pub struct CoalitionAction as "SgsimCoalitionAction" {
        /// Set by the host to `size_of::<CoalitionAction>()`.
        pub size: u32,
        /// Location to move to: `LOCATION_*`, or 0 to stay.
        pub move_to: u32,
        /// 1 to fight alongside Ukrainian forces when at the front, else 0.
        pub engage: u32,
        /// Reserved; set to 0.
        pub reserved: u32,
        /// Readiness to hold, [0, 1].
        pub readiness: f64,
    }
}

/// Ties a role constant to its observation and action records.
pub trait RoleRecords {
    /// The `ROLE_*` constant.
    const ROLE: u32;
    /// The observation record.
    type Observation: Copy + Default;
    /// The action record.
    type Action: Copy + Default;
    /// The header of an observation.
    fn header(observation: &Self::Observation) -> &ObsHeader;
    /// The header of an observation, mutably.
    fn header_mut(observation: &mut Self::Observation) -> &mut ObsHeader;
    /// Sets the `size` field of an action to its record size.
    fn init_action(action: &mut Self::Action);
}

/// Marker for the capital role.
#[derive(Clone, Copy, Debug)]
pub struct Capital;
/// Marker for the Kremlin role.
#[derive(Clone, Copy, Debug)]
pub struct Kremlin;
/// Marker for the Kyiv role.
#[derive(Clone, Copy, Debug)]
pub struct Kyiv;
/// Marker for the coalition-unit role.
#[derive(Clone, Copy, Debug)]
pub struct Coalition;

impl RoleRecords for Capital {
    const ROLE: u32 = crate::ROLE_CAPITAL;
    type Observation = CapitalObservation;
    type Action = CapitalAction;
    fn header(observation: &CapitalObservation) -> &ObsHeader {
        &observation.header
    }
    fn header_mut(observation: &mut CapitalObservation) -> &mut ObsHeader {
        &mut observation.header
    }
    fn init_action(action: &mut CapitalAction) {
        action.size = size_of::<CapitalAction>() as u32;
    }
}
impl RoleRecords for Kremlin {
    const ROLE: u32 = crate::ROLE_KREMLIN;
    type Observation = KremlinObservation;
    type Action = KremlinAction;
    fn header(observation: &KremlinObservation) -> &ObsHeader {
        &observation.header
    }
    fn header_mut(observation: &mut KremlinObservation) -> &mut ObsHeader {
        &mut observation.header
    }
    fn init_action(action: &mut KremlinAction) {
        action.size = size_of::<KremlinAction>() as u32;
    }
}
impl RoleRecords for Kyiv {
    const ROLE: u32 = crate::ROLE_KYIV;
    type Observation = KyivObservation;
    type Action = KyivAction;
    fn header(observation: &KyivObservation) -> &ObsHeader {
        &observation.header
    }
    fn header_mut(observation: &mut KyivObservation) -> &mut ObsHeader {
        &mut observation.header
    }
    fn init_action(action: &mut KyivAction) {
        action.size = size_of::<KyivAction>() as u32;
    }
}
impl RoleRecords for Coalition {
    const ROLE: u32 = crate::ROLE_COALITION;
    type Observation = CoalitionObservation;
    type Action = CoalitionAction;
    fn header(observation: &CoalitionObservation) -> &ObsHeader {
        &observation.header
    }
    fn header_mut(observation: &mut CoalitionObservation) -> &mut ObsHeader {
        &mut observation.header
    }
    fn init_action(action: &mut CoalitionAction) {
        action.size = size_of::<CoalitionAction>() as u32;
    }
}

/// The name of a role constant as used in scenarios and output (`capital`, `kremlin`, ...).
pub const fn role_name(role: u32) -> &'static str {
    match role {
        crate::ROLE_CAPITAL => "capital",
        crate::ROLE_KREMLIN => "kremlin",
        crate::ROLE_KYIV => "kyiv",
        crate::ROLE_COALITION => "coalition",
        _ => "unknown",
    }
}

impl crate::Field for ObsHeader {
    const KIND: crate::FieldKind = crate::FieldKind::Header;
    fn visit_field(&self, _name: &'static str, f: &mut dyn FnMut(&'static str, crate::FieldValue)) {
        crate::Record::visit(self, f);
    }
}

/// Every record type, for tools that list or check them all (the C-header test).
pub const RECORDS: [(&str, &[crate::FieldInfo], usize); 9] = {
    use crate::Record;
    [
        (ObsHeader::C_NAME, ObsHeader::FIELDS, size_of::<ObsHeader>()),
        (
            CapitalObservation::C_NAME,
            CapitalObservation::FIELDS,
            size_of::<CapitalObservation>(),
        ),
        (
            CapitalAction::C_NAME,
            CapitalAction::FIELDS,
            size_of::<CapitalAction>(),
        ),
        (
            KremlinObservation::C_NAME,
            KremlinObservation::FIELDS,
            size_of::<KremlinObservation>(),
        ),
        (
            KremlinAction::C_NAME,
            KremlinAction::FIELDS,
            size_of::<KremlinAction>(),
        ),
        (
            KyivObservation::C_NAME,
            KyivObservation::FIELDS,
            size_of::<KyivObservation>(),
        ),
        (
            KyivAction::C_NAME,
            KyivAction::FIELDS,
            size_of::<KyivAction>(),
        ),
        (
            CoalitionObservation::C_NAME,
            CoalitionObservation::FIELDS,
            size_of::<CoalitionObservation>(),
        ),
        (
            CoalitionAction::C_NAME,
            CoalitionAction::FIELDS,
            size_of::<CoalitionAction>(),
        ),
    ]
};
