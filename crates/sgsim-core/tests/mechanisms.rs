//! System tests: build a small world, set the actions by hand (no plugins), step it, and
//! check what each mechanism does.

use chrono::NaiveDate;
use sgsim_abi::{
    CEASEFIRE_BREAK, CEASEFIRE_OFFER, CHANNEL_BILATERAL, CHANNEL_NATO, CHANNEL_RAMSTEIN,
    LOCATION_UKRAINE_FRONT,
};
use sgsim_core::{
    Camp, CapitalSetup, DonorGroup, Election, KremlinSetup, KyivSetup, Location, ModelParams,
    Setup, Simulation, TickOutput, UnitSetup,
};

fn capital(code: &str, gdp: f64) -> CapitalSetup {
    CapitalSetup {
        code: code.to_owned(),
        name: code.to_owned(),
        group: if code == "USA" {
            DonorGroup::UnitedStates
        } else {
            DonorGroup::Europe
        },
        gdp_usd_bn: gdp,
        defence_pct_gdp: 2.0,
        population_m: 10.0,
        capital_lat: 52.0,
        capital_lon: 13.0,
        borders_russia: false,
        escalation_aversion: 0.5,
        initial_support: 0.7,
        camp: Camp::SlowRoller,
        elections: vec![Election {
            date: NaiveDate::from_ymd_opt(2022, 3, 9).unwrap(),
            kind: "general".to_owned(),
            outcome: None,
        }],
    }
}

fn setup() -> Setup {
    let mut params = ModelParams::default();
    params.battle.fog = 0.0;
    Setup {
        scenario: "test".to_owned(),
        start_date: NaiveDate::from_ymd_opt(2022, 2, 24).unwrap(),
        ticks: 40,
        seed: 1,
        params,
        capitals: vec![capital("USA", 20000.0), capital("DEU", 4000.0)],
        kremlin: KremlinSetup {
            forces_in_theatre: 200_000.0,
            domestic_support: 0.8,
            resolve: 0.8,
        },
        kyiv: KyivSetup {
            forces: 200_000.0,
            manpower_pool: 1_000_000.0,
            equipment_eur_bn: 20.0,
            territory_share: 0.9,
            public_resolve: 0.8,
            resolve: 0.8,
        },
        units: vec![UnitSetup {
            name: "DEU-1".to_owned(),
            owner: "DEU".to_owned(),
            kind: "trainers".to_owned(),
            troops: 300.0,
            location: Location::Home,
            readiness: 0.5,
        }],
        initial_escalation_rung: 1,
    }
}

/// Steps one tick with `set` filling the actions; returns the tick's rows.
fn step(sim: &mut Simulation, set: impl FnOnce(&mut sgsim_core::Decisions)) -> TickOutput {
    let decisions = sim.observe();
    set(decisions);
    sim.advance().clone()
}

#[test]
fn actor_ids_follow_codes_then_kremlin_kyiv_and_units() {
    let sim = Simulation::new(&setup()).unwrap();
    let codes: Vec<(u32, &str)> = sim
        .actors()
        .iter()
        .map(|a| (a.id, a.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![(1, "DEU"), (2, "USA"), (3, "RUS"), (4, "UKR"), (5, "DEU-1")]
    );
}

#[test]
fn pledges_arrive_after_their_channel_delay() {
    // M03: bilateral 4 weeks, Ramstein 6, NATO 10.
    let mut sim = Simulation::new(&setup()).unwrap();
    let mut arrivals = Vec::new();
    for tick in 0..12 {
        let out = step(&mut sim, |d| {
            if tick == 0 {
                for (action, channel) in d
                    .capital_act
                    .iter_mut()
                    .zip([CHANNEL_RAMSTEIN, CHANNEL_NATO])
                {
                    action.channel = channel;
                    action.pledge_financial_eur_bn = 1.0;
                }
            }
        });
        for row in out.aid.iter().filter(|r| r.delivered > 0.0) {
            arrivals.push((tick, row.donor, row.channel, row.delivered));
        }
    }
    assert_eq!(
        arrivals,
        vec![(6, 1, "ramstein", 1.0), (10, 2, "nato", 1.0)]
    );
}

#[test]
fn military_deliveries_stop_at_the_readiness_floor() {
    // M05: stockpile 0.25 years of budget, floor 60% of it; a huge pledge is capped.
    let mut sim = Simulation::new(&setup()).unwrap();
    let budget = 4000.0 * 0.9248 * 0.02;
    let spare = budget * 0.25 * (1.0 - 0.6);
    let mut delivered = 0.0;
    let mut events = Vec::new();
    for tick in 0..5 {
        let out = step(&mut sim, |d| {
            if tick == 0 {
                d.capital_act[0].channel = CHANNEL_BILATERAL;
                d.capital_act[0].pledge_military_eur_bn = 50.0;
            }
        });
        delivered += out
            .aid
            .iter()
            .filter(|r| r.donor == 1)
            .map(|r| r.delivered)
            .sum::<f64>();
        events.extend(
            out.events
                .into_iter()
                .filter(|e| e.kind == "readiness_floor"),
        );
    }
    let output_per_week = budget * 0.1 / 52.0;
    assert!(
        (delivered - (spare + 4.0 * output_per_week)).abs() < 1e-9,
        "{delivered} vs {spare}"
    );
    assert_eq!(
        events.len(),
        1,
        "the floor event fires once when the shortfall starts"
    );
    assert_eq!(events[0].actor, 1);
}

#[test]
fn a_ceasefire_needs_both_sides_and_a_break_is_renewed_aggression() {
    // M19.
    let mut sim = Simulation::new(&setup()).unwrap();
    let out = step(&mut sim, |d| d.kremlin_act[0].ceasefire = CEASEFIRE_OFFER);
    assert!(
        out.events
            .iter()
            .any(|e| e.kind == "ceasefire_offer" && e.actor == 3)
    );
    assert!(!out.war[0].ceasefire, "one side alone is no ceasefire");
    let out = step(&mut sim, |d| {
        d.kremlin_act[0].ceasefire = CEASEFIRE_OFFER;
        d.kremlin_act[0].offensive_intensity = 0.9;
        d.kyiv_act[0].accept_ceasefire = 1;
    });
    assert!(out.events.iter().any(|e| e.kind == "ceasefire_agreed"));
    assert!(out.war[0].ceasefire);
    assert_eq!(out.war[0].offensive_intensity, 0.0);
    let out = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 0.8);
    assert!(out.events.iter().any(|e| e.kind == "ceasefire_violation"));
    assert!(
        (out.war[0].offensive_intensity - 0.1).abs() < 1e-12,
        "violations are capped"
    );
    let out = step(&mut sim, |d| {
        d.kremlin_act[0].ceasefire = CEASEFIRE_BREAK;
        d.kremlin_act[0].offensive_intensity = 0.8;
    });
    assert!(out.events.iter().any(|e| e.kind == "ceasefire_broken"));
    assert_eq!(out.war[0].offensive_intensity, 0.8);
    let summary = sim.summary();
    assert!(summary.renewed_aggression);
    assert_eq!(summary.ceasefire_date, NaiveDate::from_ymd_opt(2022, 3, 3));
    assert_eq!(summary.ceasefire_violations, 1);
}

#[test]
fn an_offensive_with_the_odds_takes_ground_and_costs_the_defender() {
    // M07.
    let mut calm = Simulation::new(&setup()).unwrap();
    let mut attacked = Simulation::new(&setup()).unwrap();
    let (mut calm_out, mut attack_out) = (TickOutput::default(), TickOutput::default());
    for _ in 0..8 {
        calm_out = step(&mut calm, |_| {});
        attack_out = step(&mut attacked, |d| {
            d.kremlin_act[0].offensive_intensity = 1.0
        });
    }
    assert_eq!(
        calm_out.war[0].kyiv_territory, 0.9,
        "no offensive, no change"
    );
    assert!(attack_out.war[0].kyiv_territory < 0.9);
    assert!(attack_out.war[0].ukraine_losses > calm_out.war[0].ukraine_losses);
}

#[test]
fn a_test_of_resolve_is_seen_next_tick_and_its_answer_moves_the_belief() {
    // M09 (belief part) and M24.
    let run = |answer: f64| {
        let mut sim = Simulation::new(&setup()).unwrap();
        let out = step(&mut sim, |d| d.kremlin_act[0].test_target = 1);
        assert!(
            out.events
                .iter()
                .any(|e| e.kind == "test_of_resolve" && e.target == 1)
        );
        let decisions = sim.observe();
        assert_eq!(decisions.capital_obs[0].under_test, 1);
        assert_eq!(decisions.capital_obs[1].under_test, 0);
        decisions.capital_act[0].test_response = answer;
        let out = sim.advance().clone();
        assert!(
            out.events
                .iter()
                .any(|e| e.kind == "test_response" && e.actor == 1)
        );
        out.beliefs
            .iter()
            .find(|b| b.guarantor == 1)
            .unwrap()
            .belief
    };
    assert!(
        run(1.0) > run(0.0) + 0.3,
        "a firm answer raises the Kremlin's belief"
    );
}

#[test]
fn a_unit_moving_into_ukraine_loses_article5_cover_after_transit() {
    // Coalition units: location and Article 5 coverage (M16/M18 groundwork).
    let mut sim = Simulation::new(&setup()).unwrap();
    let mut covered = Vec::new();
    for _ in 0..4 {
        let out = step(&mut sim, |d| {
            d.unit_act[0].move_to = LOCATION_UKRAINE_FRONT;
            d.unit_act[0].readiness = 1.0;
        });
        let row = out.posture.iter().find(|r| r.unit == 5).unwrap();
        covered.push((row.location, row.article5_covered));
    }
    assert_eq!(
        covered,
        vec![
            ("home", true),
            ("home", true),
            ("ukraine_front", false),
            ("ukraine_front", false)
        ],
        "departs at tick 0, arrives two weeks later"
    );
}

#[test]
fn elections_are_recorded_in_their_week() {
    let mut sim = Simulation::new(&setup()).unwrap();
    let mut seen = Vec::new();
    for tick in 0..3 {
        let out = step(&mut sim, |_| {});
        seen.extend(
            out.events
                .iter()
                .filter(|e| e.kind == "election")
                .map(|e| (tick, e.actor)),
        );
    }
    assert_eq!(
        seen,
        vec![(1, 1), (1, 2)],
        "2022-03-09 falls in the week starting 2022-03-03"
    );
}

#[test]
fn an_invalid_setup_is_refused() {
    let mut bad = setup();
    bad.units[0].owner = "FRA".to_owned();
    assert!(Simulation::new(&bad).is_err());
    let mut bad = setup();
    bad.kyiv.territory_share = 1.5;
    let err = Simulation::new(&bad).err().unwrap().to_string();
    assert!(err.contains("kyiv territory_share"), "{err}");
}

#[test]
fn an_assumed_election_outcome_changes_the_camp_and_resolve() {
    // M02 and M25: the scenario assumes a sceptic government wins in Germany.
    let mut assumed = setup();
    assumed.capitals[1].elections[0].outcome = Some(Camp::Sceptic);
    let mut sim = Simulation::new(&assumed).unwrap();
    let mut seen = Vec::new();
    let mut resolve = Vec::new();
    for _ in 0..3 {
        let out = step(&mut sim, |_| {});
        seen.extend(
            out.events
                .iter()
                .filter(|e| e.kind == "election" && e.actor == 1)
                .map(|e| e.detail.clone()),
        );
        resolve.push(out.resolve.iter().find(|r| r.actor == 1).unwrap().resolve);
    }
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].contains("outcome=assumed;camp=sceptic"),
        "{}",
        seen[0]
    );
    assert!(
        resolve[1] < 0.2 * resolve[0],
        "a sceptic government's resolve drops at once: {resolve:?}"
    );
}

#[test]
fn drawn_election_outcomes_vary_with_the_seed() {
    let mut outcomes = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let mut s = setup();
        s.seed = seed;
        let mut sim = Simulation::new(&s).unwrap();
        for _ in 0..2 {
            let out = step(&mut sim, |_| {});
            for event in out.events.iter().filter(|e| e.kind == "election") {
                let outcome = event
                    .detail
                    .split(';')
                    .find(|f| f.starts_with("outcome="))
                    .unwrap()
                    .to_owned();
                outcomes.insert(outcome);
            }
        }
    }
    assert!(
        outcomes.contains("outcome=re_elected") && outcomes.contains("outcome=new_government"),
        "{outcomes:?}"
    );
}

#[test]
fn troops_near_the_line_make_inadvertent_incidents_more_likely() {
    // M08: count incidents over seeds with the unit at home and with it at the front.
    let count = |location: Location| -> (usize, usize) {
        let (mut incidents, mut involving_unit) = (0, 0);
        for seed in 0..20 {
            let mut s = setup();
            s.seed = seed;
            s.units[0].location = location;
            s.units[0].troops = 5000.0;
            let mut sim = Simulation::new(&s).unwrap();
            for _ in 0..30 {
                let out = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 1.0);
                for event in out.events.iter().filter(|e| e.kind == "incident") {
                    incidents += 1;
                    involving_unit += usize::from(event.target == 5);
                    assert!(event.detail.starts_with("rung="), "{}", event.detail);
                }
            }
        }
        (incidents, involving_unit)
    };
    let (at_home, home_units) = count(Location::Home);
    let (at_front, front_units) = count(Location::UkraineFront);
    assert_eq!(home_units, 0, "a unit at home is never involved");
    assert!(
        at_front > 5 * at_home.max(1),
        "incidents: {at_home} with the unit at home, {at_front} at the front"
    );
    assert!(front_units > 0);
}

#[test]
fn resolved_capitals_sanction_harder_and_the_russian_economy_and_recruitment_pay() {
    // M22 and M20.
    let end = |support: f64| {
        let mut s = setup();
        for capital in &mut s.capitals {
            capital.initial_support = support;
        }
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for _ in 0..52 {
            last = step(&mut sim, |_| {});
        }
        let russians = last.posture.iter().find(|r| r.actor == 3).unwrap().troops;
        (last.war[0].sanctions, last.war[0].russia_economy, russians)
    };
    let (strong_pressure, strong_economy, strong_forces) = end(1.0);
    let (weak_pressure, weak_economy, weak_forces) = end(0.0);
    assert!(strong_pressure > weak_pressure);
    assert!(strong_economy < weak_economy);
    assert!(
        strong_forces < weak_forces,
        "a weaker economy recruits fewer soldiers"
    );
}
