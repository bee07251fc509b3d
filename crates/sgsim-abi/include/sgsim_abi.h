/*
 * sgsim_abi.h: the C ABI between the sgsim host and its policy plugins.
 *
 * This header mirrors the Rust crate sgsim-abi (crates/sgsim-abi/src) field by field; the
 * test suite compiles it and checks every size, offset and constant against the Rust
 * definitions, so the two cannot drift apart.
 *
 * A plugin is a shared library that exports two functions:
 *
 *     uint32_t sgsim_abi_version(void);                   // must return SGSIM_ABI_VERSION
 *     const SgsimPluginVTable *sgsim_plugin_vtable(void);  // a static table
 *
 * The host reads the version first and refuses any other value. Units: money in euro
 * billions (_eur_bn), people in persons, shares in [0, 1], time in weeks. docs/PLUGINS.md
 * documents every field with its unit and range.
 */
#ifndef SGSIM_ABI_H
#define SGSIM_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes; any layout change bumps it. */
#define SGSIM_ABI_VERSION 4u

/* Capability bit: faults stay inside the plugin (nothing unwinds into the host). A C
 * plugin, which never unwinds, sets it. */
#define SGSIM_CAP_PANIC_UNWIND 1ull

/* Status codes returned by create and decide. */
#define SGSIM_STATUS_OK 0
#define SGSIM_STATUS_ERROR 1
#define SGSIM_STATUS_PANIC 2

/* Roles. */
#define SGSIM_ROLE_CAPITAL 1u
#define SGSIM_ROLE_KREMLIN 2u
#define SGSIM_ROLE_KYIV 3u
#define SGSIM_ROLE_COALITION 4u

/* Locations of coalition units. */
#define SGSIM_LOCATION_HOME 1u
#define SGSIM_LOCATION_ALLIED_TERRITORY 2u
#define SGSIM_LOCATION_UKRAINE_REAR 3u
#define SGSIM_LOCATION_UKRAINE_FRONT 4u

/* Aid channels (0 also means bilateral). */
#define SGSIM_CHANNEL_BILATERAL 1u
#define SGSIM_CHANNEL_RAMSTEIN 2u
#define SGSIM_CHANNEL_NATO 3u

/* The Kremlin's ceasefire decision. */
#define SGSIM_CEASEFIRE_NO_CHANGE 0u
#define SGSIM_CEASEFIRE_OFFER 1u
#define SGSIM_CEASEFIRE_BREAK 2u

/* Council agenda items (bits of nac_agenda and nac_block): the North Atlantic
   Council's, and for EU members the Council of the EU's (unanimity: one objection
   blocks an EU instrument). */
#define SGSIM_AGENDA_AID_PACKAGE 1u
#define SGSIM_AGENDA_INVITATION 2u
#define SGSIM_AGENDA_RESPONSE 4u
#define SGSIM_AGENDA_MISSION 8u
#define SGSIM_AGENDA_EU_MILITARY 16u
#define SGSIM_AGENDA_EU_FINANCIAL 32u

/* Sectors of the front (offensive_sector, main_axis; 0: none). */
#define SGSIM_SECTOR_NONE 0u
#define SGSIM_SECTOR_NORTH 1u
#define SGSIM_SECTOR_DONBAS 2u
#define SGSIM_SECTOR_SOUTH 3u
#define SGSIM_SECTOR_OCCUPIED_2014 4u

/* What the allies offer Ukraine (bits of offers). */
#define SGSIM_OFFER_GUARANTEE 1u
#define SGSIM_OFFER_MEMBERSHIP 2u

/* Ukraine's membership path. */
#define SGSIM_MEMBERSHIP_NONE 0u
#define SGSIM_MEMBERSHIP_INVITED 1u
#define SGSIM_MEMBERSHIP_MEMBER 2u

/* A borrowed UTF-8 string, not NUL-terminated. */
typedef struct SgsimStrRef {
    const uint8_t *ptr;
    size_t len;
} SgsimStrRef;

/* A host-owned buffer for an error message (UTF-8, at most cap bytes). On a failed call the
 * plugin writes the message, sets len, and sets actor_id to the actor whose decision failed
 * (0 if unknown). */
typedef struct SgsimErrBuf {
    uint8_t *ptr;
    size_t cap;
    size_t len;
    uint32_t actor_id;
} SgsimErrBuf;

/* One policy a plugin offers; names are unique per role. */
typedef struct SgsimPolicyInfo {
    SgsimStrRef name;
    uint32_t role;
    SgsimStrRef description;
} SgsimPolicyInfo;

/** Fields at the start of every observation. */
typedef struct SgsimObsHeader {
    /** `size_of` the whole observation record, in bytes. */
    uint32_t size;
    /** The deciding actor's id (1-based; 0 is never an actor). */
    uint32_t actor_id;
    /** Tick (week) number, 0 at the scenario's start date. */
    uint32_t tick;
    /** Calendar date of the tick as `YYYYMMDD`. */
    uint32_t date_ymd;
    /** A seed for this actor and tick, derived from the run seed; use it for any randomness in this decision so results do not depend on call order. */
    uint64_t decision_seed;
} SgsimObsHeader;

/** What a capital observes each tick. */
typedef struct SgsimCapitalObservation {
    /** Common header. */
    SgsimObsHeader header;
    /** 1 if the capital was put to the test in the previous tick, else 0: the Kremlin tested its
     * resolve (test_target), struck one of its units (strike_unit), or invoked the guarantee it
     * gives (broke a ceasefire under the guarantee, or attacked a member Ukraine). This tick's
     * test_response is its answer. */
    uint32_t under_test;
    /** 1 if a ceasefire is in force, else 0. */
    uint32_t ceasefire_in_force;
    /** Items before the North Atlantic Council this tick: a bit set of `AGENDA_*`. */
    uint32_t nac_agenda;
    /** 1 if Ukraine's accession protocol awaits this capital's ratification, else 0. */
    uint32_t ratification_pending;
    /** 1 if this capital is a guarantor, else 0: listed in the scenario's [guarantee] (whether
     * or not the guarantee is in force yet), or any capital once Ukraine is invited to or is a
     * member of NATO. */
    uint32_t guarantor;
    /** 1 if the guarantee is in force (or Ukraine is a NATO member), else 0. */
    uint32_t guarantee_in_force;
    /** 1 if the Council blocked a NATO aid package in the previous tick, else 0. */
    uint32_t nato_package_blocked;
    /** Reserved; always 0. */
    uint32_t reserved;
    /** The government's resolve to support Ukraine, [0, 1]. */
    double resolve;
    /** Share of the public that supports aid to Ukraine, [0, 1]. */
    double public_support;
    /** Nominal GDP, euro billions per year. */
    double gdp_eur_bn;
    /** Defence budget, euro billions per year. */
    double defence_budget_eur_bn;
    /** Transferable military stockpile, euro billions. */
    double stockpile_eur_bn;
    /** Stockpile level the capital will not go below (readiness floor), euro billions. */
    double readiness_floor_eur_bn;
    /** Industrial output added to the stockpile, euro billions per week. */
    double industrial_output_eur_bn;
    /** Threat perception from proximity to Russia, [0, 1]. */
    double threat_perception;
    /** Aversion to escalation, [0, 1]. */
    double escalation_aversion;
    /** Weeks (fractional) from this tick's date to the next scheduled national election, >= 0;
     * -1 if none is scheduled. */
    double weeks_to_election;
    /** Pledged but not yet delivered aid, euro billions (including pledges waiting for the North Atlantic Council's package decision and those the capital's legislature holds). */
    double pipeline_backlog_eur_bn;
    /** The military part of that backlog, euro billions (what still has to come out of the stockpile), also including the military pledges waiting in the Council's pool. */
    double military_backlog_eur_bn;
    /** This capital's aid delivered in the last 4 weeks, euro billions. */
    double delivered_last_4w_eur_bn;
    /** Aid delivered in the last 4 weeks by every other donor (the other capitals, the EU's own instruments and the donors outside the alliance), euro billions. */
    double others_delivered_last_4w_eur_bn;
    /** Cumulative aid delivered by this capital since the start, euro billions. */
    double cumulative_delivered_eur_bn;
    /** Share of Ukraine's territory (internationally recognised borders) Kyiv holds, [0, 1]. */
    double ukraine_territory_share;
    /** Change in that share over the last 4 weeks, [-1, 1]. */
    double ukraine_territory_change_4w;
    /** Current escalation level on the published scale: 0, 4, 12, 28 or 60. */
    double escalation_level;
    /** This capital's own troops inside Ukraine, persons. */
    double own_troops_in_ukraine;
    /** Credibility of the guarantee as the Kremlin reads it (M13), [0, 1]. */
    double guarantee_credibility;
    /** Long-term aid this capital has committed to, euro billions per week; 0 if none (M14, M17). */
    double commitment_eur_bn_per_week;
    /** Collective sanctions pressure on Russia, [0, 1] (M22). */
    double sanctions_pressure;
    /** Size of the test of resolve this capital is under, [0, 1]: a slice below 0.5, a decisive move at 1 (M11). */
    double test_size;
    /** Tests of resolve in a row this capital left unanswered; 0 after an answer (M11 habituation). */
    uint32_t unanswered_tests;
    /** Reserved; always 0. */
    uint32_t reserved2;
} SgsimCapitalObservation;

/** What a capital decides each tick. */
typedef struct SgsimCapitalAction {
    /** Set by the host to `size_of::<CapitalAction>()`. */
    uint32_t size;
    /** Channel for this tick's pledges: `CHANNEL_*`; 0 means bilateral. */
    uint32_t channel;
    /** Items on this tick's North Atlantic Council agenda that this capital objects to (breaks silence on): a bit set of `AGENDA_*`. One objection blocks the item. */
    uint32_t nac_block;
    /** 1 to deposit this capital's ratification of Ukraine's accession protocol this tick (only read when `ratification_pending` is 1), else 0. */
    uint32_t ratify;
    /** New military aid pledged this tick, euro billions, [0, 50]. */
    double pledge_military_eur_bn;
    /** New financial aid pledged this tick, euro billions, [0, 50]. */
    double pledge_financial_eur_bn;
    /** New humanitarian aid pledged this tick, euro billions, [0, 50]. */
    double pledge_humanitarian_eur_bn;
    /** Strength of the response to a test of resolve (only read when `under_test` is 1), [0, 1]: 0 no response, 1 the strongest response available. */
    double test_response;
    /** Side payment this capital asks for lifting its objections, euro billions, [0, 50]; 0 means its objections are not for sale (M04). */
    double side_payment_demand_eur_bn;
    /** This capital's effort in the sanctions regime, [0, 1] (M22). */
    double sanctions_effort;
} SgsimCapitalAction;

/** What the Kremlin observes each tick. */
typedef struct SgsimKremlinObservation {
    /** Common header. */
    SgsimObsHeader header;
    /** 1 if a ceasefire is in force, else 0. */
    uint32_t ceasefire_in_force;
    /** 1 if Kyiv offered or accepted a ceasefire in the previous tick, else 0. */
    uint32_t kyiv_ceasefire_offer;
    /** Actor id of the capital where a test would hurt the arrangement most: with a guarantee declared (or Ukraine invited or a member), the guarantor with the lowest response probability; otherwise the donor with the largest (1 - belief) * GDP (lowest id on a tie). */
    uint32_t weakest_guarantor_id;
    /** Number of capitals (guarantors and donors) in the scenario. */
    uint32_t guarantors;
    /** Ukraine's membership path: `MEMBERSHIP_*`. */
    uint32_t membership_stage;
    /** 1 if a security guarantee (or Article 5) covers Ukraine now, else 0. */
    uint32_t guarantee_in_force;
    /** Actor id of an allied unit inside Ukraine that Article 5 does not cover, owned by the capital the Kremlin believes least resolved (lowest id on a tie); 0 if there is none. */
    uint32_t exposed_unit_id;
    /** Number of allied units inside Ukraine. */
    uint32_t units_in_ukraine;
    /** The Kremlin's resolve to continue the war, [0, 1]. */
    double resolve;
    /** Domestic support for the war, [0, 1]. */
    double domestic_support;
    /** Russian personnel in the theatre, persons. */
    double forces_in_theatre;
    /** Estimated Ukrainian personnel in the line, persons. */
    double ukraine_forces_estimate;
    /** Share of Ukraine's territory occupied by Russia, [0, 1]. */
    double territory_occupied_share;
    /** Change in the occupied share over the last 4 weeks, [-1, 1]. */
    double territory_change_4w;
    /** Russian personnel losses in the last 4 weeks, persons. */
    double losses_last_4w;
    /** Current escalation level on the published scale: 0, 4, 12, 28 or 60. */
    double escalation_level;
    /** GDP-weighted mean of the Kremlin's belief about the capitals' resolve, [0, 1]. */
    double belief_mean_resolve;
    /** Lowest belief about any capital's resolve, [0, 1]. */
    double belief_min_resolve;
    /** Belief about the United States' resolve, [0, 1]. */
    double belief_us_resolve;
    /** Aid every donor (the capitals, the EU and the donors outside the alliance) delivered to Kyiv in the last 4 weeks, euro billions. */
    double western_aid_last_4w_eur_bn;
    /** Weeks since the ceasefire in force began; 0 if none. */
    double weeks_in_ceasefire;
    /** Kyiv's published negotiating stance, [0, 1] (see `KyivAction`). */
    double kyiv_stance;
    /** Credibility of the guarantee covering Ukraine, as the Kremlin reads it (M13), [0, 1]. */
    double guarantee_credibility;
    /** Allied troops inside Ukraine, persons. */
    double allied_troops_in_ukraine;
    /** Collective sanctions pressure on Russia, [0, 1] (M22). */
    double sanctions_pressure;
    /** Russia's output relative to its pre-war level, >= 0 (M20; above 1 when war spending lifts it). */
    double economy;
    /** Probability that the arrangement answers a renewed attack with force (M13), [0, 1]; equals guarantee_credibility. */
    double response_probability;
    /** Combat power the answer would bring to Ukraine's side, Ukrainian-soldier equivalents. */
    double response_power;
    /** Expected weekly gain in the occupied share from an all-out offensive now, unanswered, [-1, 1]. */
    double gain_unanswered;
    /** The same if the guarantors answer with response_power, [-1, 1]. */
    double gain_answered;
    /** gain_unanswered after battle.projection_weeks of the current trends in both sides' power, [-1, 1]. */
    double gain_projected;
    /** Russia's recruitment capacity this week, persons per week (M20). */
    double recruitment_capacity_per_week;
    /** Largest force Russia can keep in the theatre, persons. */
    double theatre_forces_cap;
    /** Response probability of the capital named in weakest_guarantor_id, [0, 1]. */
    double weakest_response_probability;
    /** Tests of resolve in a row that capital left unanswered. */
    uint32_t weakest_unanswered_tests;
    /** 1 if allied forces fight Russian forces (engaged units or a collective defence), else 0 (M08, M15). */
    uint32_t allied_forces_engaged;
    /** Largest test that capital left unanswered, [0, 1]; 0 if none. */
    double weakest_largest_unanswered;
    /** gain_unanswered with the whole effort on the north (main_axis = SGSIM_SECTOR_NORTH, axis_concentration = 1), [-1, 1]; 0 when Kyiv holds nothing there. */
    double gain_north;
    /** The same with the whole effort on the Donbas, [-1, 1]. */
    double gain_donbas;
    /** The same with the whole effort on the south, [-1, 1]. */
    double gain_south;
    /** Russia's defence spending, share of GDP (M20). */
    double defence_spending_share;
    /** Russia's liquid fiscal reserve, share of a year's pre-war GDP: the room to pay for the war beyond energy revenue and borrowing (M20). */
    double fiscal_reserve_share;
} SgsimKremlinObservation;

/** What the Kremlin decides each tick. */
typedef struct SgsimKremlinAction {
    /** Set by the host to `size_of::<KremlinAction>()`. */
    uint32_t size;
    /** `CEASEFIRE_NO_CHANGE`, `CEASEFIRE_OFFER` or `CEASEFIRE_BREAK`. */
    uint32_t ceasefire;
    /** Escalation step: -1 (de-escalate), 0 (hold) or +1 (escalate one rung). */
    int32_t escalation_step;
    /** Actor id of a capital whose resolve to test this tick; 0 for no test. */
    uint32_t test_target;
    /** Actor id of an allied unit to strike this tick (M09); 0 for none. A strike also tests the owner's resolve. */
    uint32_t strike_unit;
    /** 1 if a ceasefire the Kremlin offers requires Kyiv to renounce NATO membership (M19). */
    uint32_t demand_no_membership;
    /** Offensive intensity, [0, 1]: 0 holds the line, 1 is an all-out offensive. */
    double offensive_intensity;
    /** Size of this tick's test, [0, 1] (read only with test_target); 0 means a full test. During a ceasefire a test is a slice (M11). */
    double test_size;
    /** Main axis of the offensive: SGSIM_SECTOR_*; SGSIM_SECTOR_NONE spreads the effort by the data's axis weights. */
    uint32_t main_axis;
    /** Reserved; set to 0. */
    uint32_t reserved;
    /** Share of the committed effort put on main_axis, [0, 1] (read only with a main axis); the rest follows the axis weights. */
    double axis_concentration;
} SgsimKremlinAction;

/** What Kyiv observes each tick. */
typedef struct SgsimKyivObservation {
    /** Common header. */
    SgsimObsHeader header;
    /** 1 if a ceasefire is in force, else 0. */
    uint32_t ceasefire_in_force;
    /** 1 if the Kremlin offered or accepted a ceasefire in the previous tick, else 0. */
    uint32_t kremlin_ceasefire_offer;
    /** 1 if the Kremlin's offer requires Ukraine to renounce NATO membership, else 0. */
    uint32_t kremlin_demands_no_membership;
    /** Ukraine's membership path: `MEMBERSHIP_*`. */
    uint32_t membership_stage;
    /** 1 if a security guarantee (or Article 5) covers Ukraine now, else 0. */
    uint32_t guarantee_in_force;
    /** What the allies offer Ukraine: a bit set of `OFFER_*` (a declared guarantee, in force or promised; an open membership path). */
    uint32_t offers;
    /** Ukrainian personnel in the line, persons. */
    double forces;
    /** Men still available for mobilisation, persons. */
    double manpower_pool;
    /** Military equipment in service, euro billions of materiel. */
    double equipment_eur_bn;
    /** Share of Ukraine's territory Kyiv holds, [0, 1]. */
    double territory_share;
    /** Change in that share over the last 4 weeks, [-1, 1]. */
    double territory_change_4w;
    /** Public resolve to continue fighting, [0, 1]. */
    double public_resolve;
    /** Aid delivered to Kyiv in the last 4 weeks, euro billions. */
    double aid_last_4w_eur_bn;
    /** The Kremlin's offensive intensity in the previous tick, [0, 1]. */
    double kremlin_intensity_last;
    /** Mean public support for aid across the capitals (polls are public), [0, 1]. */
    double allied_support_mean;
    /** Ukrainian personnel losses in the last 4 weeks, persons. */
    double losses_last_4w;
    /** Credibility of the guarantee offered or in force (M13), [0, 1]. */
    double guarantee_credibility;
    /** The largest weekly call-up the country can sustain, persons per week (M06). */
    double callup_capacity_per_week;
    /** Share of the forces in the line trained to allied standards, [0, 1] (M06). */
    double trained_share;
    /** Places on allied training courses this week, abroad and inside Ukraine, persons. */
    double training_places_per_week;
    /** Force ratio of an offensive in the north with all of Kyiv's reserves: their combat power over the defender's advantage times Russia's defence there; above 1 an offensive gains ground; 0 where Russia holds nothing. */
    double attack_ratio_north;
    /** The same in the Donbas. */
    double attack_ratio_donbas;
    /** The same in the south. */
    double attack_ratio_south;
    /** The same in the areas Russia held before 2022. */
    double attack_ratio_occupied_2014;
    /** Ground Russia holds in the north, which an offensive could retake, km2. */
    double retakable_north_km2;
    /** The same in the Donbas, km2. */
    double retakable_donbas_km2;
    /** The same in the south, km2. */
    double retakable_south_km2;
    /** The areas Russia held before 2022 that it still holds, km2. */
    double retakable_occupied_2014_km2;
} SgsimKyivObservation;

/** What Kyiv decides each tick. */
typedef struct SgsimKyivAction {
    /** Set by the host to `size_of::<KyivAction>()`. */
    uint32_t size;
    /** 1 to offer or accept a ceasefire along the current line this tick, else 0. */
    uint32_t accept_ceasefire;
    /** 1 to accept a ceasefire clause renouncing NATO membership (M19), else 0. */
    uint32_t renounce_membership;
    /** Sector of Kyiv's offensive this tick: SGSIM_SECTOR_*; SGSIM_SECTOR_NONE for none. */
    uint32_t offensive_sector;
    /** Mobilisation effort, [0, 1], as a share of the maximum weekly call-up. */
    double mobilisation;
    /** Negotiating stance, [0, 1]: 0 demands full restoration and NATO membership, 1 accepts a ceasefire on the current line with alternative guarantees. */
    double negotiating_stance;
    /** Share of this week's recruits sent to allied training, [0, 1] (M06); capped by the places available. */
    double training_share;
    /** Share of Kyiv's reserves committed to the offensive in offensive_sector, [0, 1] (read only with a sector, and only while the war is hot). */
    double offensive_intensity;
} SgsimKyivAction;

/** What a coalition force unit observes each tick. */
typedef struct SgsimCoalitionObservation {
    /** Common header (`actor_id` is the unit's id). */
    SgsimObsHeader header;
    /** Actor id of the capital that owns the unit. */
    uint32_t owner_id;
    /** Current location: `LOCATION_*`. */
    uint32_t location;
    /** 1 if a ceasefire is in force, else 0. */
    uint32_t ceasefire_in_force;
    /** 1 if the unit is moving between locations, else 0. */
    uint32_t in_transit;
    /** 1 if an attack on the unit where it stands is covered by Article 5, else 0. */
    uint32_t article5_covered;
    /** 1 if the unit was struck in the previous tick, else 0. */
    uint32_t struck;
    /** 1 if the North Atlantic Council has authorised a mission to defend Ukraine, else 0. */
    uint32_t mission_authorised;
    /** 1 if the owner is a party to a guarantee now in force, else 0. */
    uint32_t guarantee_in_force;
    /** 1 if the Kremlin has renewed its aggression (broken a ceasefire), else 0. */
    uint32_t renewed_aggression;
    /** Reserved; always 0. */
    uint32_t reserved;
    /** Personnel, persons. */
    double troops;
    /** Readiness, [0, 1]. */
    double readiness;
    /** The owning capital's resolve, [0, 1]. */
    double owner_resolve;
    /** Current escalation level on the published scale: 0, 4, 12, 28 or 60. */
    double escalation_level;
    /** Credibility of the guarantee (M13), [0, 1]. */
    double guarantee_credibility;
} SgsimCoalitionObservation;

/** What a coalition force unit decides each tick. */
typedef struct SgsimCoalitionAction {
    /** Set by the host to `size_of::<CoalitionAction>()`. */
    uint32_t size;
    /** Location to move to: `LOCATION_*`, or 0 to stay. */
    uint32_t move_to;
    /** 1 to fight alongside Ukrainian forces when at the front, else 0. */
    uint32_t engage;
    /** Reserved; set to 0. */
    uint32_t reserved;
    /** Readiness to hold, [0, 1]. */
    double readiness;
} SgsimCoalitionAction;

/* create: make an instance of policy policy_index from its parameters (a TOML document,
 * possibly empty) and a seed; write it to *out and return SGSIM_STATUS_OK. */
typedef int32_t (*SgsimCreateFn)(uint32_t policy_index, SgsimStrRef params_toml, uint64_t seed,
                                 void **out, SgsimErrBuf *err);

/* decide: fill actions[0..n] from observations[0..n], both arrays of the instance's role's
 * records. Actions arrive zeroed except for their size field. */
typedef int32_t (*SgsimDecideFn)(void *instance, const void *observations, void *actions, size_t n,
                                 SgsimErrBuf *err);

/* destroy: free an instance made by create. */
typedef void (*SgsimDestroyFn)(void *instance);

/* Everything a plugin provides; size must be sizeof(SgsimPluginVTable). */
typedef struct SgsimPluginVTable {
    size_t size;
    uint32_t abi_version;
    uint64_t capabilities;
    SgsimStrRef name;
    SgsimStrRef version;
    size_t n_policies;
    const SgsimPolicyInfo *policies;
    SgsimCreateFn create;
    SgsimDecideFn decide;
    SgsimDestroyFn destroy;
} SgsimPluginVTable;

#define SGSIM_VTABLE_SIZE sizeof(SgsimPluginVTable)

/* The two functions every plugin defines and exports (with default visibility). Declared
 * here, inside the extern "C" block, so that a C++ plugin that includes this header defines
 * them with C linkage: unmangled names the host can find. */
uint32_t sgsim_abi_version(void);
const SgsimPluginVTable *sgsim_plugin_vtable(void);

#ifdef __cplusplus
}
#endif

#endif /* SGSIM_ABI_H */
