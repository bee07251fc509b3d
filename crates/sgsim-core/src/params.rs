//! Model parameters, one table per mechanism, each with its default.
//!
//! A scenario sets any of them under `[model.<table>]`; `docs/MODEL.md` gives each
//! parameter's equation, unit and the reasoning behind its default.

use serde::{Deserialize, Serialize};

/// All model parameters.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ModelParams {
    /// M01: fatigue and the home front of the capitals.
    pub fatigue: FatigueParams,
    /// M03: aid pipeline delays per channel.
    pub pipeline: PipelineParams,
    /// M05: stockpiles, readiness floors and industrial output.
    pub supply: SupplyParams,
    /// M07: attrition and territory.
    pub battle: BattleParams,
    /// M07: the sectors of the front and their fortifications.
    pub front: FrontParams,
    /// M19: the ceasefire rule.
    pub ceasefire: CeasefireParams,
    /// M24: the Kremlin's beliefs about the guarantors' resolve.
    pub belief: BeliefParams,
    /// Home fronts of the belligerents (the parts of M20 the core needs).
    pub belligerents: BelligerentParams,
    /// Economic conversions and threat perception.
    pub economy: EconomyParams,
    /// Coalition-unit movement.
    pub coalition: CoalitionParams,
    /// M02 and M25: elections and camps.
    pub elections: ElectionParams,
    /// M08: inadvertent escalation.
    pub incidents: IncidentParams,
    /// M22 and M20: sanctions and the Russian economy.
    pub sanctions: SanctionsParams,
    /// M20 and M22: Russia's war economy (evasion, energy revenue, defence spending).
    pub war_economy: WarEconomyParams,
    /// M04 and M23: the North Atlantic Council and the NATO channel.
    pub nac: NacParams,
    /// M13: the credibility composite of a guarantee.
    pub credibility: CredibilityParams,
    /// M09: strikes on allied personnel and the collapse of credibility.
    pub strikes: StrikeParams,
    /// M06: training of Ukrainian recruits.
    pub training: TrainingParams,
    /// M07, M09, M16, S09: allied forces in combat and collective defence.
    pub intervention: InterventionParams,
    /// M10: declaratory policy (strategic ambiguity or red lines).
    pub declaratory: DeclaratoryParams,
    /// M15: a Ukrainian nuclear deterrent (theoretical).
    pub nuclear: NuclearParams,
    /// M21: the reconstruction bill.
    pub reconstruction: ReconstructionParams,
    /// M04, M23: the Council of the EU.
    pub eu: EuParams,
    /// Donors outside the alliance.
    pub donors: DonorParams,
}

/// M20 and M22: Russia's war economy (`crate::war_economy`, docs/MODEL.md 7.6c).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WarEconomyParams {
    /// `v_max`: the largest share of the sanctions' bite that trade through third countries
    /// and the shadow fleet can route around, [0, 1].
    pub evasion_max: f64,
    /// `ρ_v`: weekly rate at which evasion grows toward `v_max` while sanctions press.
    pub evasion_rate: f64,
    /// `b`: share of the pre-war energy revenue that the embargo and the price cap take at
    /// full effective pressure, [0, 1].
    pub energy_bite: f64,
    /// `α`: weekly rate at which defence spending moves toward its target.
    pub spending_adjust: f64,
    /// `κ`: share of the war's extra defence spending kept in a ceasefire (rearming), [0, 1].
    pub ceasefire_spending_share: f64,
    /// `μ`: output added per unit of defence spending above the pre-war level (both shares
    /// of GDP).
    pub defence_multiplier: f64,
    /// `β`: deficit the state can finance by domestic borrowing, share of GDP per year.
    pub borrowing_share: f64,
}

impl Default for WarEconomyParams {
    fn default() -> Self {
        WarEconomyParams {
            evasion_max: 0.45,
            evasion_rate: 0.0133,
            energy_bite: 0.5,
            spending_adjust: 0.02,
            ceasefire_spending_share: 0.7,
            defence_multiplier: 1.5,
            borrowing_share: 0.015,
        }
    }
}

/// The Council of the EU.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EuParams {
    /// Weeks a financial instrument stays blocked before the other members adopt it
    /// without the blockers (the opt-out route of enhanced cooperation); military
    /// instruments (the European Peace Facility, unanimity in foreign and security policy)
    /// have no such route.
    pub bypass_weeks: u32,
}

impl Default for EuParams {
    fn default() -> Self {
        EuParams { bypass_weeks: 9 }
    }
}

/// Donors outside the alliance.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DonorParams {
    /// Factor on a donor's recorded weekly aid after its recorded period (1: it goes on
    /// giving at its recorded rate; 0: it stops).
    pub continuation_factor: f64,
}

impl Default for DonorParams {
    fn default() -> Self {
        DonorParams {
            continuation_factor: 1.0,
        }
    }
}

/// M10 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DeclaratoryParams {
    /// Half-width of the uniform noise on the Kremlin's reading of an ambiguous capital's
    /// signal, [0, 1): ambiguity raises the Kremlin's uncertainty.
    pub ambiguity_noise: f64,
    /// Factor on the incident exposure of an ambiguous capital's units (M08).
    pub ambiguity_incident_factor: f64,
    /// Factor on the incident exposure of a red-line capital's units.
    pub red_line_incident_factor: f64,
    /// Factor on the Kremlin's learning rate from a red-line capital's answer to a test: a
    /// declared line makes the answer read as a commitment.
    pub red_line_learning_factor: f64,
    /// Audience cost of a red line left unenforced (Fearon 1994; Tomz 2007): the share of
    /// the Kremlin's belief about a red-line capital lost when it leaves a test unanswered
    /// (answers below `strikes.failed_response_below`), on top of the ordinary update.
    pub audience_cost: f64,
}

impl Default for DeclaratoryParams {
    fn default() -> Self {
        DeclaratoryParams {
            ambiguity_noise: 0.3,
            ambiguity_incident_factor: 1.5,
            red_line_incident_factor: 0.75,
            red_line_learning_factor: 1.5,
            audience_cost: 0.3,
        }
    }
}

/// M15 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct NuclearParams {
    /// Floor on the credibility of deterrence once Ukraine has a nuclear deterrent, [0, 1].
    pub deterrence_floor: f64,
    /// Factor on the United States' resolve target once Ukraine has one (US alienation).
    pub us_alienation: f64,
}

impl Default for NuclearParams {
    fn default() -> Self {
        NuclearParams {
            deterrence_floor: 0.9,
            us_alienation: 0.3,
        }
    }
}

/// M21 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ReconstructionParams {
    /// Share of the bill the capitals pay (by GDP), [0, 1]; the rest comes from elsewhere.
    pub western_share: f64,
    /// Years over which the bill is paid once a ceasefire holds.
    pub years: f64,
}

impl Default for ReconstructionParams {
    fn default() -> Self {
        ReconstructionParams {
            western_share: 0.5,
            years: 10.0,
        }
    }
}

/// M04 and M23 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct NacParams {
    /// Weeks between the Council's decisions on NATO-coordinated aid packages.
    pub package_interval_weeks: u32,
    /// Share of an approved package re-apportioned over all allies by GDP (common funding,
    /// burden sharing), [0, 1]; the rest stays with the ally that pledged it.
    pub common_funding_share: f64,
    /// Largest side payment, euro billions, the other allies will pay to lift one objection.
    pub max_side_payment_eur_bn: f64,
    /// Weeks an approved package commits the allies: NATO-coordinated pledges in that time
    /// enter the pipeline without a new Council decision (the Washington summit's annual
    /// pledge, renewed each year; 0: every package needs its own decision).
    pub commitment_weeks: u32,
}

impl Default for NacParams {
    fn default() -> Self {
        NacParams {
            package_interval_weeks: 4,
            common_funding_share: 0.25,
            max_side_payment_eur_bn: 2.0,
            commitment_weeks: 52,
        }
    }
}

/// M13 parameters: the probability that each guarantor answers a renewed attack,
/// `q_i = base_B · (β + (1 − β) · b_i)`, `p_i = q_i + (1 − q_i) · tripwire_pull · T_i`, and how the arrangement's
/// decision rule turns them into `C` (docs/MODEL.md, section 7.7).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CredibilityParams {
    /// Base rate of honouring a political declaration (no legal obligation).
    pub base_declaration: f64,
    /// Base rate of honouring a ratified defence treaty (Leeds, Long and Mitchell 2000:
    /// 74.5% of alliance commitments honoured when the casus foederis arose).
    pub base_treaty: f64,
    /// Base rate of honouring Article 5 for a member (integrated command, forces in place).
    pub base_article5: f64,
    /// Factor on the base rate while a guarantee is promised but not in force (the grey zone).
    pub promised_factor: f64,
    /// `β`: share of the base rate that does not depend on the guarantor's believed resolve
    /// (the legal and institutional commitment itself), [0, 1].
    pub institutional_share: f64,
    /// How far a full tripwire closes the gap between a guarantor's answer probability and a
    /// certain answer (Schelling: troops whose casualties make the answer automatic), [0, 1].
    pub tripwire_pull: f64,
    /// A guarantor's troops inside Ukraine at which its tripwire `T_i` is 1, persons.
    pub tripwire_reference_troops: f64,
    /// Under a consensus rule (Article 5 through the Council), a member whose believed
    /// resolve is below this may block the answer:
    /// `block_i = veto_propensity · max(0, 1 − b_i / this)`.
    pub consensus_block_below: f64,
    /// Probability that a member whose believed resolve is zero vetoes the answer, [0, 1].
    pub veto_propensity: f64,
    /// Share of the United States' power an enabler (air, ISR, intelligence) that is not a
    /// guarantor brings to an answer, times its own answer probability.
    pub us_enabler_factor: f64,
}

impl Default for CredibilityParams {
    fn default() -> Self {
        CredibilityParams {
            base_declaration: 0.35,
            base_treaty: 0.745,
            base_article5: 0.9,
            promised_factor: 0.5,
            institutional_share: 0.5,
            tripwire_pull: 0.6,
            tripwire_reference_troops: 30000.0,
            consensus_block_below: 0.1,
            veto_propensity: 0.3,
            us_enabler_factor: 0.3,
        }
    }
}

/// M09 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct StrikeParams {
    /// Share of a unit's troops lost to one strike.
    pub casualty_share: f64,
    /// Response below which an answer to a strike or an invoked guarantee counts as failed.
    pub failed_response_below: f64,
    /// Share of every guarantor's believed resolve lost when a response fails.
    pub collapse_share: f64,
}

impl Default for StrikeParams {
    fn default() -> Self {
        StrikeParams {
            casualty_share: 0.02,
            failed_response_below: 0.3,
            collapse_share: 0.5,
        }
    }
}

/// M06 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct TrainingParams {
    /// Places on allied courses abroad, recruits per week.
    pub places_abroad_per_week: f64,
    /// Weeks from call-up to the line for a recruit trained abroad (course and transit).
    pub weeks_abroad: u32,
    /// Recruits per week one allied trainer inside Ukraine can take.
    pub trainees_per_trainer_per_week: f64,
    /// Weeks from call-up to the line for a recruit trained inside Ukraine.
    pub weeks_in_ukraine: u32,
    /// Gain in combat power of a force made wholly of allied-trained soldiers.
    pub trained_bonus: f64,
}

impl Default for TrainingParams {
    fn default() -> Self {
        TrainingParams {
            places_abroad_per_week: 900.0,
            weeks_abroad: 7,
            trainees_per_trainer_per_week: 2.0,
            weeks_in_ukraine: 5,
            trained_bonus: 0.3,
        }
    }
}

/// Parameters of allied forces in combat.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InterventionParams {
    /// Combat power of an allied soldier relative to a Ukrainian one at quality 1.
    pub allied_quality: f64,
    /// Combat power, in Ukrainian-soldier equivalents, the Alliance commits when a
    /// collective response under Article 5 is agreed for Ukraine.
    pub collective_defence_power: f64,
    /// Weeks a collective response lasts before the Council must decide again.
    pub response_weeks: u32,
}

impl Default for InterventionParams {
    fn default() -> Self {
        InterventionParams {
            allied_quality: 2.0,
            collective_defence_power: 300000.0,
            response_weeks: 26,
        }
    }
}

/// M22 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SanctionsParams {
    /// Sanctions pressure at a Western resolve of 1.
    pub max_pressure: f64,
    /// Weekly rate at which pressure follows Western resolve (sanctions are sticky).
    pub adjust_rate: f64,
    /// Weekly erosion of the Russian economy per unit of pressure.
    pub erosion_per_week: f64,
    /// Weekly recovery of the economy toward its pre-war level (adaptation).
    pub recovery_per_week: f64,
    /// Domestic support lost per week per unit of economic damage (1 − economy).
    pub support_pain_per_week: f64,
}

impl Default for SanctionsParams {
    fn default() -> Self {
        SanctionsParams {
            max_pressure: 1.0,
            adjust_rate: 0.05,
            erosion_per_week: 0.001,
            recovery_per_week: 0.01,
            support_pain_per_week: 0.005,
        }
    }
}

/// M08 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct IncidentParams {
    /// Weekly incident rate per unit of intensity with no Western troops in Ukraine.
    pub base_per_week: f64,
    /// Extra weekly rate per unit of intensity per 1,000 exposed troops.
    pub per_1000_exposed: f64,
    /// Exposure weight of troops near the line.
    pub front_weight: f64,
    /// Exposure weight of troops in Ukraine's rear.
    pub rear_weight: f64,
    /// Intensity-equivalent risk that remains when the guns are quiet.
    pub ceasefire_floor: f64,
    /// Highest rung an incident can raise the ladder to while no allied force fights
    /// Russia's (3: violent).
    pub max_rung: u32,
    /// Highest rung an incident can raise the ladder to while allied forces fight Russian
    /// forces (engaged units or a collective defence): proximity and fog can reach nuclear
    /// signalling (4), Schelling's threat that leaves something to chance (M08, M15).
    pub max_rung_engaged: u32,
}

impl Default for IncidentParams {
    fn default() -> Self {
        IncidentParams {
            base_per_week: 0.002,
            per_1000_exposed: 0.02,
            front_weight: 1.0,
            rear_weight: 0.3,
            ceasefire_floor: 0.05,
            max_rung: 3,
            max_rung_engaged: 4,
        }
    }
}

/// M02 and M25 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ElectionParams {
    /// Probability that an election brings a new government when half the public supports aid.
    pub turnover_base: f64,
    /// Extra probability of a new government per unit of discontent (0.5 − public support).
    pub turnover_per_discontent: f64,
    /// Resolve a fast-mover government adds to its target.
    pub fast_mover_offset: f64,
    /// Factor on a sceptic government's resolve target.
    pub sceptic_factor: f64,
    /// Weekly probability that a sceptic legislature appropriates the pledges it holds
    /// from a government that is not sceptic (the appropriations brake).
    pub appropriations_release_per_week: f64,
}

impl Default for ElectionParams {
    fn default() -> Self {
        ElectionParams {
            turnover_base: 0.4,
            turnover_per_discontent: 0.8,
            fast_mover_offset: 0.15,
            sceptic_factor: 0.1,
            appropriations_release_per_week: 1.0 / 26.0,
        }
    }
}

impl ElectionParams {
    /// The resolve a government of `camp` aims at, given the support-and-threat target.
    pub fn camp_target(&self, camp: crate::Camp, target: f64) -> f64 {
        match camp {
            crate::Camp::FastMover => (target + self.fast_mover_offset).min(1.0),
            crate::Camp::SlowRoller => target,
            crate::Camp::Sceptic => target * self.sceptic_factor,
        }
    }

    /// Probability that an election with public support `support` brings a new government.
    pub fn turnover(&self, support: f64) -> f64 {
        (self.turnover_base + self.turnover_per_discontent * (0.5 - support)).clamp(0.0, 1.0)
    }
}

/// Coalition-unit parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CoalitionParams {
    /// Weeks a unit needs to move between locations.
    pub transit_weeks: u32,
}

impl Default for CoalitionParams {
    fn default() -> Self {
        CoalitionParams { transit_weeks: 2 }
    }
}

/// M01 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FatigueParams {
    /// Share of public support above the floor lost per year of war from duration alone.
    pub duration_decay_per_year: f64,
    /// Support that duration alone does not wear away (a committed core), [0, 1].
    pub support_floor: f64,
    /// Support lost per week per unit of (aid delivered per week / GDP per week).
    pub cost_sensitivity: f64,
    /// Support gained per unit share of Ukrainian territory lost over the last 4 weeks.
    pub bad_news_rally: f64,
    /// Support lost per week at the top of the escalation scale, per unit aversion.
    pub escalation_fear_per_week: f64,
    /// Weekly rate at which resolve moves toward its target.
    pub resolve_adjust_rate: f64,
    /// Weight of threat perception (vs public support) in the resolve target.
    pub threat_weight: f64,
    /// How far threat perception `θ` raises a public's committed core above
    /// `support_floor`: the core is `P₀ + w·θ·(1 − P₀)`, [0, 1].
    pub threat_floor_weight: f64,
    /// M21: share of the support above the committed core lost per year by a public all
    /// of which worries about its own readiness, when the capital's spare stocks are all
    /// drawn down (`readiness_worry` per country times the stock drawn).
    pub readiness_worry_per_year: f64,
}

impl Default for FatigueParams {
    fn default() -> Self {
        FatigueParams {
            duration_decay_per_year: 0.7,
            support_floor: 0.4,
            cost_sensitivity: 0.3,
            bad_news_rally: 0.3,
            escalation_fear_per_week: 0.02,
            resolve_adjust_rate: 0.10,
            threat_weight: 0.30,
            threat_floor_weight: 0.3,
            readiness_worry_per_year: 0.3,
        }
    }
}

/// M03 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineParams {
    /// Weeks from pledge to delivery, bilateral channel.
    pub delay_bilateral_weeks: u32,
    /// Weeks from pledge to delivery, Ramstein (UDCG) channel.
    pub delay_ramstein_weeks: u32,
    /// Weeks from pledge to delivery, NATO (NSATU) channel.
    pub delay_nato_weeks: u32,
}

impl Default for PipelineParams {
    fn default() -> Self {
        PipelineParams {
            delay_bilateral_weeks: 4,
            delay_ramstein_weeks: 6,
            delay_nato_weeks: 10,
        }
    }
}

/// M05 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SupplyParams {
    /// Initial transferable stockpile, in years of the defence budget.
    pub stockpile_years_of_budget: f64,
    /// Readiness floor as a share of the initial stockpile.
    pub readiness_floor_share: f64,
    /// Share of the defence budget that adds transferable materiel each year.
    pub industrial_output_share_of_budget: f64,
}

impl Default for SupplyParams {
    fn default() -> Self {
        SupplyParams {
            stockpile_years_of_budget: 0.25,
            readiness_floor_share: 0.60,
            industrial_output_share_of_budget: 0.10,
        }
    }
}

/// M07 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BattleParams {
    /// Russian losses per week per unit of Ukrainian combat power (Lanchester coefficient).
    pub russian_attrition: f64,
    /// Ukrainian losses per week per unit of committed Russian combat power.
    pub ukrainian_attrition: f64,
    /// Share of Russian attrition suffered even when not attacking.
    pub defensive_attrition_share: f64,
    /// Combat-power multiplier of the defender.
    pub defender_advantage: f64,
    /// Combat power of a Russian soldier relative to a Ukrainian one at quality 1
    /// (artillery, air and materiel depth).
    pub russian_quality: f64,
    /// Factor on the pace at which a failed offensive gives ground back (fortified lines
    /// are retaken more slowly than they are taken).
    pub recapture_factor: f64,
    /// Territory share that changes hands per week at full intensity and overwhelming odds.
    pub territory_rate: f64,
    /// Equipment per soldier (euro thousands) at which Ukrainian quality is 1.
    pub equipment_reference_eur_k: f64,
    /// Exponent of equipment quality.
    pub equipment_exponent: f64,
    /// Bounds of Ukrainian quality.
    pub quality_min: f64,
    /// Upper bound of Ukrainian quality.
    pub quality_max: f64,
    /// Share of Ukrainian equipment worn out per week at full intensity.
    pub equipment_wear: f64,
    /// Share of that wear suffered at zero intensity (training, holding the line), [0, 1].
    pub equipment_wear_idle_share: f64,
    /// Half-width of the uniform fog-of-war noise on attrition and territory, [0, 1).
    pub fog: f64,
    /// Share of delivered equipment (the military aid that is neither artillery ammunition
    /// nor air defence) that is long-range strike (M14), which accumulates as denial
    /// capability with the air defence delivered, instead of equipment, [0, 1].
    pub denial_share: f64,
    /// Largest loss of Ukrainian combat power when no artillery round it needs can be
    /// fired (M05): power is multiplied by `1 − artillery_weight·(1 − s)`, [0, 1].
    pub artillery_weight: f64,
    /// Denial capability, euro billions, that takes half of the largest reduction.
    pub denial_half_eur_bn: f64,
    /// Largest reduction of committed Russian combat power from denial, [0, 1].
    pub denial_max_effect: f64,
    /// Share of denial capability worn out or expended per week.
    pub denial_wear: f64,
    /// Weeks ahead over which the Kremlin's projection of the balance extrapolates both
    /// sides' power trends (M19: the commitment problem of a shifting balance).
    pub projection_weeks: u32,
    /// `λ`: Russian tanks lost per casualty, relative to the tanks per soldier of the force
    /// (1: equipment is lost at the rate men are; `crate::russian_materiel`, 7.6d).
    pub russian_tank_loss_ratio: f64,
}

impl Default for BattleParams {
    fn default() -> Self {
        BattleParams {
            russian_attrition: 0.015,
            ukrainian_attrition: 0.004,
            defensive_attrition_share: 0.3,
            defender_advantage: 1.3,
            russian_quality: 3.4,
            recapture_factor: 0.3,
            territory_rate: 0.02,
            equipment_reference_eur_k: 100.0,
            equipment_exponent: 0.5,
            quality_min: 0.2,
            quality_max: 1.5,
            equipment_wear: 0.01,
            equipment_wear_idle_share: 0.2,
            fog: 0.15,
            denial_share: 0.0,
            artillery_weight: 0.3,
            denial_half_eur_bn: 20.0,
            denial_max_effect: 0.3,
            denial_wear: 0.01,
            projection_weeks: 26,
            russian_tank_loss_ratio: 1.5,
        }
    }
}

/// M07 parameters of the front's sectors (`crate::front`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FrontParams {
    /// Share of the way to complete works each side's fortifications in a sector grow per
    /// week, [0, 1].
    pub fortification_rate: f64,
    /// `φ`: the defence's gain from complete fortifications (1: twice the effective power).
    pub fortification_effect: f64,
    /// Share of Ukraine's combat power that holds ground along the whole front, in
    /// proportion to the area held in each sector; the rest follows Russia's effort, [0, 1].
    pub garrison_share: f64,
    /// `ρ_r`: share of the way Russia's uncommitted manoeuvre forces move each week toward
    /// the sector Kyiv attacks, and back to where Russia's effort goes once the attack
    /// stops, [0, 1] (docs/MODEL.md 7.3d).
    pub reserve_response_rate: f64,
}

impl Default for FrontParams {
    fn default() -> Self {
        FrontParams {
            fortification_rate: 0.002,
            fortification_effect: 0.5,
            garrison_share: 0.25,
            reserve_response_rate: 0.25,
        }
    }
}

/// M19 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CeasefireParams {
    /// Highest offensive intensity the Kremlin can use during a ceasefire without breaking
    /// it; any positive intensity is a violation.
    pub violation_intensity_cap: f64,
    /// Share of Ukraine's territory a full-size slice (a test of size 1 during a
    /// ceasefire) takes (M11); a slice of size `s` takes `s` times this.
    pub gain_per_slice: f64,
    /// Share of each side's forces above its pre-war strength that is demobilised per week
    /// while a ceasefire holds.
    pub demobilisation_per_week: f64,
    /// Share of its recruitment capacity each side keeps using while a ceasefire holds.
    pub recruitment_share: f64,
}

impl Default for CeasefireParams {
    fn default() -> Self {
        CeasefireParams {
            violation_intensity_cap: 0.1,
            gain_per_slice: 0.0005,
            demobilisation_per_week: 0.003,
            recruitment_share: 0.5,
        }
    }
}

/// M24 parameters.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BeliefParams {
    /// The Kremlin's prior belief about each capital's resolve, [0, 1].
    pub prior: f64,
    /// Weekly learning rate from observed aid and deployments.
    pub learning_rate: f64,
    /// Learning rate from the answer to a test of resolve.
    pub test_learning_rate: f64,
    /// Aid per year, as a share of GDP, that the Kremlin reads as full resolve.
    pub benchmark_aid_share_of_gdp: f64,
    /// Weight of the aid signal (the deployment signal has the rest).
    pub aid_signal_weight: f64,
}

impl Default for BeliefParams {
    fn default() -> Self {
        BeliefParams {
            prior: 0.5,
            learning_rate: 0.05,
            test_learning_rate: 0.5,
            benchmark_aid_share_of_gdp: 0.0025,
            aid_signal_weight: 0.7,
        }
    }
}

/// Home-front parameters of the Kremlin and Kyiv.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BelligerentParams {
    /// Weekly reversion of Russian domestic support toward its baseline.
    pub russia_support_reversion: f64,
    /// Russian domestic support lost per 10,000 Russian losses.
    pub russia_loss_sensitivity: f64,
    /// Russian domestic support gained per unit share of territory taken.
    pub russia_gain_rally: f64,
    /// Russian recruits reaching the theatre per week, persons.
    pub russia_recruits_per_week: f64,
    /// Weekly reversion of Ukrainian public resolve toward its baseline.
    pub ukraine_resolve_reversion: f64,
    /// Ukrainian public resolve lost per 10,000 Ukrainian losses.
    pub ukraine_loss_sensitivity: f64,
    /// Ukrainian public resolve lost per week at full mobilisation effort.
    pub ukraine_mobilisation_cost: f64,
    /// Ukrainian domestic arms production, euro billions per week.
    pub ukraine_domestic_production_eur_bn: f64,
    /// Share of financial aid that becomes equipment (frees domestic resources).
    pub financial_aid_to_equipment: f64,
    /// Public resolve gained per euro billion of humanitarian aid delivered.
    pub humanitarian_resolve_per_eur_bn: f64,
    /// Weekly rate at which a government's resolve moves toward its public support.
    pub resolve_adjust_rate: f64,
    /// Russian domestic support below which protests begin (M20), [0, 1].
    pub protest_below_support: f64,
    /// Kremlin resolve lost per week while protests go on (M20).
    pub protest_resolve_penalty: f64,
}

impl Default for BelligerentParams {
    fn default() -> Self {
        BelligerentParams {
            russia_support_reversion: 0.02,
            russia_loss_sensitivity: 0.005,
            russia_gain_rally: 2.0,
            russia_recruits_per_week: 7000.0,
            ukraine_resolve_reversion: 0.02,
            ukraine_loss_sensitivity: 0.01,
            ukraine_mobilisation_cost: 0.004,
            ukraine_domestic_production_eur_bn: 0.05,
            financial_aid_to_equipment: 0.2,
            humanitarian_resolve_per_eur_bn: 0.01,
            resolve_adjust_rate: 0.10,
            protest_below_support: 0.35,
            protest_resolve_penalty: 0.01,
        }
    }
}

/// Conversions and threat perception.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EconomyParams {
    /// Euro per US dollar used to convert the data files' dollar figures.
    pub eur_per_usd: f64,
    /// Distance (km) from Moscow over which threat perception falls by a factor e.
    pub threat_distance_scale_km: f64,
}

impl Default for EconomyParams {
    fn default() -> Self {
        EconomyParams {
            eur_per_usd: 0.9248,
            threat_distance_scale_km: 2000.0,
        }
    }
}
