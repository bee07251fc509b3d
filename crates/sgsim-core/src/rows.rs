//! The rows a tick produces. Actors are referred to by id; the writer maps ids to codes and
//! formats numbers, so the core holds no strings per row except event details.

use chrono::NaiveDate;

/// One row of `resolve.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Actor id.
    pub actor: u32,
    /// Government resolve, [0, 1].
    pub resolve: f64,
    /// Public support, [0, 1].
    pub public_support: f64,
    /// A capital's camp (M25) this week: that of the office holding foreign and defence
    /// policy; `None` for the Kremlin and Kyiv.
    pub camp: Option<&'static str>,
    /// The camp of a capital's check office, if it has one.
    pub check_camp: Option<&'static str>,
}

/// One row of `aid_flows.csv`: one donor, channel and category in one tick.
#[derive(Clone, Debug, PartialEq)]
pub struct AidRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Donor actor id.
    pub donor: u32,
    /// Recipient actor id.
    pub recipient: u32,
    /// Channel name.
    pub channel: &'static str,
    /// Category name.
    pub category: &'static str,
    /// Pledged this tick, euro billions.
    pub pledged: f64,
    /// Delivered this tick, euro billions.
    pub delivered: f64,
}

/// One row of `force_posture.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PostureRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Owning actor id.
    pub actor: u32,
    /// Unit id (a coalition unit's actor id, or the owner's id for national forces).
    pub unit: u32,
    /// Location name.
    pub location: &'static str,
    /// Personnel, persons.
    pub troops: f64,
    /// Whether Article 5 covers an attack on the unit where it is.
    pub article5_covered: bool,
}

/// One row of `events.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Event kind (see `docs/OUTPUT.md`).
    pub kind: &'static str,
    /// Acting actor id.
    pub actor: u32,
    /// Target actor id, 0 for none.
    pub target: u32,
    /// Free-text detail (`key=value` pairs separated by `;`).
    pub detail: String,
}

/// One row of `beliefs.csv`: the Kremlin's belief about one capital's resolve.
#[derive(Clone, Debug, PartialEq)]
pub struct BeliefRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Capital actor id.
    pub guarantor: u32,
    /// Belief, [0, 1].
    pub belief: f64,
    /// Whether the capital guarantees Ukraine (by a declared guarantee, or as an ally once
    /// Ukraine is invited).
    pub is_guarantor: bool,
    /// This guarantor's credibility `c_i` (M13), [0, 1]; 0 for a capital that is not one.
    pub credibility: f64,
}

/// One row of `war.csv`: the state of the war as a whole in one tick.
#[derive(Clone, Debug, PartialEq)]
pub struct WarRow {
    /// Tick.
    pub tick: u32,
    /// Date.
    pub date: NaiveDate,
    /// Share of Ukraine's territory Kyiv holds, [0, 1].
    pub kyiv_territory: f64,
    /// The Kremlin's effective offensive intensity, [0, 1].
    pub offensive_intensity: f64,
    /// Escalation level, published scale.
    pub escalation_level: f64,
    /// Whether a ceasefire is in force.
    pub ceasefire: bool,
    /// Russian losses this week, persons.
    pub russia_losses: f64,
    /// Ukrainian losses this week, persons.
    pub ukraine_losses: f64,
    /// Ukrainian equipment, euro billions.
    pub ukraine_equipment_eur_bn: f64,
    /// Ukrainian combat quality.
    pub ukraine_quality: f64,
    /// Aid delivered to Kyiv this week, all donors, euro billions.
    pub aid_delivered_eur_bn: f64,
    /// Credibility of the guarantors as the Kremlin sees it: the GDP-weighted mean of its
    /// beliefs about the capitals' resolve, [0, 1].
    pub credibility: f64,
    /// Western sanctions pressure, [0, 1].
    pub sanctions: f64,
    /// The Russian economy, an index: 1 before the war.
    pub russia_economy: f64,
    /// Credibility of the guarantee, `C` (M13), [0, 1].
    pub guarantee_credibility: f64,
    /// Whether a guarantee or Article 5 covers Ukraine.
    pub guarantee_in_force: bool,
    /// Ukraine's membership path: 0 none, 1 invited, 2 member.
    pub membership_stage: u32,
    /// Share of Ukrainian forces in the line trained by allies (M06), [0, 1].
    pub ukraine_trained_share: f64,
    /// Ukrainian recruits on allied courses, persons.
    pub ukraine_in_training: f64,
    /// Ukraine's air defence and long-range strike capability (M14), euro billions.
    pub ukraine_denial_eur_bn: f64,
    /// Allied combat power fighting alongside Ukraine, Ukrainian-soldier equivalents.
    pub allied_combat_power: f64,
    /// NATO-channel pledges awaiting the Council's package decision, euro billions.
    pub nato_pool_eur_bn: f64,
    /// Artillery rounds Kyiv received this week (aid and its own output).
    pub artillery_received_rounds: f64,
    /// Artillery rounds Kyiv fired this week.
    pub artillery_fired_rounds: f64,
    /// Share of the week's need of rounds that Kyiv could fire, [0, 1].
    pub artillery_sufficiency: f64,
    /// Kyiv's stock of artillery rounds.
    pub ukraine_artillery_stock_rounds: f64,
    /// Military aid due and delivered this week per line of materiel, euro billions:
    /// artillery ammunition, air defence, other equipment (due, delivered) each.
    pub military_lines_eur_bn: [(f64, f64); 3],
    /// Ukraine's damage and losses assessed so far, euro billions (M21).
    pub reconstruction_needs_eur_bn: f64,
    /// Men Kyiv called up this week, persons (M06).
    pub ukraine_callup: f64,
    /// This week's call-up capacity at full effort, persons (M06).
    pub ukraine_callup_capacity: f64,
    /// Ukrainian soldiers demobilised this week in a ceasefire, persons.
    pub ukraine_demobilised: f64,
    /// Area Kyiv holds per sector of the front (north, Donbas, south, the areas held by
    /// Russia before 2022), km² (M07).
    pub kyiv_held_km2: [f64; 4],
    /// Ukrainian fortifications in the north, Donbas and the south, [0, 1].
    pub fortification: [f64; 3],
    /// Share of Russia's committed power in the north, Donbas and the south, [0, 1].
    pub russian_effort: [f64; 3],
    /// The Kremlin's main axis (a sector's name, or `none`).
    pub kremlin_main_axis: &'static str,
    /// Share of its effort on that axis, [0, 1] (0 without one).
    pub kremlin_axis_concentration: f64,
    /// The sector of Kyiv's offensive this week (a sector's name, or `none`).
    pub kyiv_offensive_sector: &'static str,
    /// Share of Kyiv's reserves committed to it, [0, 1] (0 without one).
    pub kyiv_offensive_commitment: f64,
    /// Ground Kyiv's offensive retook this week, km².
    pub kyiv_retaken_km2: f64,
    /// Russia's civil economy, an index (1 before the war; M20, 7.6c).
    pub russia_civil_economy: f64,
    /// Russia's defence spending, share of GDP.
    pub russia_defence_spending_share: f64,
    /// Russia's oil and gas budget revenue, share of GDP.
    pub russia_energy_revenue_share: f64,
    /// Russia's liquid fiscal reserve, share of a year's pre-war GDP.
    pub russia_fiscal_reserve_share: f64,
    /// Share of the sanctions' bite evaded through third countries, [0, 1] (M22).
    pub sanctions_evasion: f64,
    /// Russia's main battle tanks in service (M20, 7.6d).
    pub russia_tanks: f64,
    /// Restorable tanks left in Russia's storage.
    pub russia_tanks_in_storage: f64,
    /// Russian tanks lost this week.
    pub russia_tanks_lost: f64,
    /// Tanks Russia added this week, new and restored.
    pub russia_tanks_added: f64,
    /// The equipment factor `g` on Russian quality (1 at the start).
    pub russia_equipment_factor: f64,
    /// Share of Russia's uncommitted manoeuvre forces drawn to each sector (north, Donbas,
    /// south, the areas held before 2022) to meet Kyiv's offensive, [0, 1] (7.3d).
    pub russian_reserve: [f64; 4],
}

/// Everything one tick produced, in the order it was produced.
#[derive(Clone, Debug, Default)]
pub struct TickOutput {
    /// `resolve.csv` rows.
    pub resolve: Vec<ResolveRow>,
    /// `aid_flows.csv` rows.
    pub aid: Vec<AidRow>,
    /// `force_posture.csv` rows.
    pub posture: Vec<PostureRow>,
    /// `events.csv` rows.
    pub events: Vec<EventRow>,
    /// `beliefs.csv` rows.
    pub beliefs: Vec<BeliefRow>,
    /// `war.csv` rows (one per tick).
    pub war: Vec<WarRow>,
}

impl TickOutput {
    /// Empties every vector, keeping capacity.
    pub fn clear(&mut self) {
        self.resolve.clear();
        self.aid.clear();
        self.posture.clear();
        self.events.clear();
        self.beliefs.clear();
        self.war.clear();
    }
}
