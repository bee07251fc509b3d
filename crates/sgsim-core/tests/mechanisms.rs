//! System tests: build a small world, set the actions by hand (no plugins), step it, and
//! check what each mechanism does.

use chrono::NaiveDate;
use sgsim_abi::{
    AGENDA_AID_PACKAGE, AGENDA_RESPONSE, CEASEFIRE_BREAK, CEASEFIRE_OFFER, CHANNEL_BILATERAL,
    CHANNEL_NATO, CHANNEL_RAMSTEIN, LOCATION_UKRAINE_FRONT,
};
use sgsim_core::materiel::{KyivArtillerySetup, LineSetup, ProducerSetup, Ramp, SupplySetup};
use sgsim_core::{
    Camp, CapitalSetup, CheckOffice, DonorGroup, Election, ElectionOutcome, KremlinSetup,
    KyivSetup, Location, ModelParams, OutcomeSource, Setup, Simulation, TickOutput, UnitSetup,
};

fn capital(code: &str, gdp: f64) -> CapitalSetup {
    CapitalSetup {
        code: code.to_owned(),
        name: code.to_owned(),
        group: if code == "USA" {
            DonorGroup::UnitedStates
        } else {
            DonorGroup::EuMember
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
        check: None,
        elections: vec![Election {
            date: NaiveDate::from_ymd_opt(2022, 3, 9).unwrap(),
            kind: "general".to_owned(),
            fills_executive: true,
            fills_check: false,
            outcome: None,
        }],
        declaratory: sgsim_core::Declaratory::None,
        eu_member: code != "USA",
        readiness_worry: 0.45,
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
            recruitment_capacity_per_week: 8500.0,
            theatre_forces_cap: 750_000.0,
            economy: sgsim_core::WarEconomySetup {
                defence_spending_share: 0.037,
                defence_spending_share_war: 0.071,
                energy_revenue_share: 0.067,
                fiscal_reserve_share: 0.062,
                trend_growth_per_year: 0.01,
            },
            materiel: sgsim_core::RussianMaterielSetup {
                tanks_in_service: 2900.0,
                tanks_restorable: 5000.0,
                new_tanks_per_year_war: 250.0,
                refurbished_per_year_war: 1250.0,
            },
        },
        kyiv: KyivSetup {
            forces: 200_000.0,
            manpower_pool: 1_000_000.0,
            equipment_eur_bn: 20.0,
            public_resolve: 0.8,
            resolve: 0.8,
            callup_capacity_per_week: 7000.0,
            forces_cap: 880_000.0,
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
        arrangement: sgsim_core::Arrangement::default(),
        eu: Vec::new(),
        donors: Vec::new(),
        supply: sgsim_core::materiel::SupplySetup::default(),
        reconstruction_needs: sgsim_core::materiel::Ramp::default(),
        front: sgsim_core::front::FrontSetup::whole(0.9),
    }
}

/// Steps one tick with `set` filling the actions; returns the tick's rows.
fn step(sim: &mut Simulation, set: impl FnOnce(&mut sgsim_core::Decisions)) -> TickOutput {
    let decisions = sim.observe();
    set(decisions);
    sim.advance().clone()
}

#[test]
fn actor_ids_follow_codes_then_kremlin_kyiv_units_and_donors() {
    let sim = Simulation::new(&setup()).unwrap();
    let codes: Vec<(u32, &str)> = sim
        .actors()
        .iter()
        .map(|a| (a.id, a.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (1, "DEU"),
            (2, "USA"),
            (3, "RUS"),
            (4, "UKR"),
            (5, "DEU-1"),
            (6, "EU")
        ]
    );
}

#[test]
fn pledges_arrive_after_their_channel_delay() {
    // M03: bilateral 4 weeks, Ramstein 6, NATO 10 after the Council's package decision,
    // which comes at the next tick (M04), in four weekly parts; no common funding here.
    let mut s = setup();
    s.params.nac.common_funding_share = 0.0;
    let mut sim = Simulation::new(&s).unwrap();
    let mut arrivals = Vec::new();
    for tick in 0..16 {
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
        vec![
            (6, 1, "ramstein", 1.0),
            (11, 2, "nato", 0.25),
            (12, 2, "nato", 0.25),
            (13, 2, "nato", 0.25),
            (14, 2, "nato", 0.25)
        ]
    );
}

#[test]
fn one_objection_blocks_a_nato_package_until_it_is_lifted_or_bought() {
    // M04: the Council decides packages by consensus every 4 weeks; M23: common funding
    // spreads a quarter of an approved package over the allies by GDP.
    let run = |price: f64, until: u32| {
        let mut sim = Simulation::new(&setup()).unwrap();
        let (mut events, mut arrivals) = (Vec::new(), Vec::new());
        for tick in 0..30 {
            let out = step(&mut sim, |d| {
                if tick == 0 {
                    d.capital_act[1].channel = CHANNEL_NATO;
                    d.capital_act[1].pledge_financial_eur_bn = 4.0;
                }
                // DEU (index 0) objects to every package until `until`.
                if tick < until {
                    d.capital_act[0].nac_block = d.capital_obs[0].nac_agenda & AGENDA_AID_PACKAGE;
                    d.capital_act[0].side_payment_demand_eur_bn = price;
                }
            });
            for e in &out.events {
                events.push((tick, e.kind, e.actor, e.detail.clone()));
            }
            for r in out.aid.iter().filter(|r| r.delivered > 0.0) {
                arrivals.push((tick, r.donor, r.delivered));
            }
        }
        (events, arrivals)
    };
    // Not for sale: vetoes at ticks 1 and 5, approval at 9 once the objection is dropped.
    let (events, arrivals) = run(0.0, 9);
    let vetoes: Vec<u32> = events
        .iter()
        .filter(|e| e.1 == "veto")
        .map(|e| e.0)
        .collect();
    assert_eq!(vetoes, vec![1, 5]);
    assert!(events.iter().any(|e| e.0 == 9 && e.1 == "nac_decision"));
    let total: f64 = arrivals.iter().map(|a| a.2).sum();
    assert!((total - 4.0).abs() < 1e-9, "nothing lost: {arrivals:?}");
    assert!(
        arrivals.iter().all(|a| (19..23).contains(&a.0)),
        "9 + 10 weeks, then the package's four-week schedule: {arrivals:?}"
    );
    let deu: f64 = arrivals.iter().filter(|a| a.1 == 1).map(|a| a.2).sum();
    let gdp_share = 4000.0 / 24000.0;
    assert!(
        (deu - 0.25 * 4.0 * gdp_share).abs() < 1e-9,
        "DEU pays its GDP share of the common quarter: {deu}"
    );
    // For sale: bought off once at the first meeting, and a standing opt-out after.
    let (events, arrivals) = run(1.5, 30);
    let paid: Vec<_> = events.iter().filter(|e| e.1 == "side_payment").collect();
    assert_eq!(paid.len(), 1, "{paid:?}");
    assert_eq!(paid[0].3, "item=aid_package;eur_bn=1.500000");
    assert!(!events.iter().any(|e| e.1 == "veto"));
    assert!(arrivals.iter().all(|a| (11..15).contains(&a.0)));
    let summary = {
        let mut sim = Simulation::new(&setup()).unwrap();
        for tick in 0..2 {
            step(&mut sim, |d| {
                if tick == 0 {
                    d.capital_act[1].channel = CHANNEL_NATO;
                    d.capital_act[1].pledge_financial_eur_bn = 1.0;
                } else {
                    d.capital_act[0].nac_block = AGENDA_AID_PACKAGE;
                }
            });
        }
        sim.summary()
    };
    assert_eq!(summary.consensus_failures, 1);
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
fn a_unit_moving_into_ukraine_loses_article5_cover_when_it_sets_off() {
    // Coalition units: location and Article 5 coverage (M16/M18). A unit in transit is
    // recorded at its origin but, as for a strike, not covered while it moves.
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
            ("home", false),
            ("home", false),
            ("ukraine_front", false),
            ("ukraine_front", false)
        ],
        "departs at tick 0 (in transit, uncovered), arrives two weeks later"
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
    bad.front.sectors[0].kyiv_held_km2 = 1.5;
    let err = Simulation::new(&bad).err().unwrap().to_string();
    assert!(err.contains("front north kyiv_held_km2"), "{err}");
}

#[test]
fn an_assumed_election_outcome_changes_the_camp_and_resolve() {
    // M02 and M25: the scenario assumes a sceptic government wins in Germany.
    let mut assumed = setup();
    assumed.capitals[1].elections[0].outcome = Some(ElectionOutcome {
        source: OutcomeSource::Assumed,
        incumbent_won: false,
        camp: Some(Camp::Sceptic),
        check_camp: None,
    });
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
        seen[0].contains("outcome=assumed;source=assumed;camp=sceptic"),
        "{}",
        seen[0]
    );
    assert!(
        resolve[1] < 0.2 * resolve[0],
        "a sceptic government's resolve drops at once: {resolve:?}"
    );
}

#[test]
fn a_sceptic_legislature_holds_pledges_until_it_appropriates_them() {
    // M02: the US executive is a slow-roller, its legislature sceptic; every pledge it
    // makes waits in the legislature, which appropriates it with a weekly probability.
    let mut s = setup();
    s.capitals[0].check = Some((CheckOffice::Legislature, Camp::Sceptic));
    s.capitals[0].elections.clear();
    s.params.elections.appropriations_release_per_week = 0.1;
    let mut sim = Simulation::new(&s).unwrap();
    let (mut held_at, mut released) = (None, Vec::new());
    let (mut delivered_us, mut humanitarian_us) = (0.0, 0.0);
    for tick in 0..60 {
        let out = step(&mut sim, |d| {
            // USA is actor 2, second in the roster; DEU pledges the same, unbraked.
            for action in d.capital_act.iter_mut() {
                action.pledge_financial_eur_bn = if tick == 0 { 1.0 } else { 0.0 };
                action.pledge_humanitarian_eur_bn = if tick == 0 { 0.5 } else { 0.0 };
            }
        });
        for event in out.events.iter().filter(|e| e.actor == 2) {
            match event.kind {
                "appropriation_held" => held_at = held_at.or(Some(tick)),
                "appropriation" => released.push((tick, event.detail.clone())),
                _ => {}
            }
        }
        delivered_us += out
            .aid
            .iter()
            .filter(|r| r.donor == 2 && r.category == "financial")
            .map(|r| r.delivered)
            .sum::<f64>();
        humanitarian_us += out
            .aid
            .iter()
            .filter(|r| r.donor == 2 && r.category == "humanitarian")
            .map(|r| r.delivered)
            .sum::<f64>();
        if tick == 4 {
            assert_eq!(delivered_us, 0.0, "nothing held is delivered");
            assert_eq!(humanitarian_us, 0.5, "humanitarian aid is not held");
        }
    }
    assert_eq!(held_at, Some(0));
    assert_eq!(
        released.len(),
        1,
        "one appropriation releases all: {released:?}"
    );
    assert!(
        released[0].1 == "amount_eur_bn=1.000000;reason=appropriated",
        "{released:?}"
    );
    assert!(released[0].0 > 0);
    assert!(
        (delivered_us - 1.0).abs() < 1e-9,
        "all of it arrives after its channel delay: {delivered_us}"
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
            // Each capital sanctions as hard as it is resolved (the default policy's rule).
            last = step(&mut sim, |d| {
                for (a, o) in d.capital_act.iter_mut().zip(&d.capital_obs) {
                    a.sanctions_effort = o.resolve;
                }
            });
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

/// Agrees a ceasefire at tick 0 (both sides offer, no clause).
fn agree(d: &mut sgsim_core::Decisions) {
    d.kremlin_act[0].ceasefire = CEASEFIRE_OFFER;
    d.kyiv_act[0].accept_ceasefire = 1;
}

#[test]
fn invitation_ratification_by_each_ally_and_article5_at_accession() {
    // M12: the invitation waits for a ceasefire, passes the Council, then each ally
    // ratifies; Article 5 covers Ukraine from the last ratification.
    let mut s = setup();
    s.arrangement.membership = Some(sgsim_core::MembershipSetup {
        invitation_from: NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
        requires_ceasefire: true,
        agreed: false,
    });
    let mut sim = Simulation::new(&s).unwrap();
    let mut log = Vec::new();
    for tick in 0..12 {
        let out = step(&mut sim, |d| {
            if tick == 3 {
                agree(d);
            }
            // DEU (index 0) ratifies at tick 6, USA (index 1) at tick 9.
            for (index, at) in [(0, 6), (1, 9)] {
                if d.capital_obs[index].ratification_pending == 1 && tick >= at {
                    d.capital_act[index].ratify = 1;
                }
            }
            if tick < 3 {
                assert_eq!(
                    d.capital_obs[0].nac_agenda, 0,
                    "no invitation during the war"
                );
            }
        });
        for e in &out.events {
            log.push((tick, e.kind, e.actor));
        }
        let kyiv = out.posture.iter().find(|r| r.actor == 4).unwrap();
        assert_eq!(kyiv.article5_covered, tick >= 9, "tick {tick}");
        assert_eq!(
            out.war[0].membership_stage,
            match tick {
                0..=3 => 0,
                4..=8 => 1,
                _ => 2,
            }
        );
    }
    let kinds: Vec<(u32, &str, u32)> = log
        .into_iter()
        .filter(|e| matches!(e.1, "invitation" | "ratification" | "accession"))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (4, "invitation", 0),
            (6, "ratification", 1),
            (9, "ratification", 2),
            (9, "accession", 4)
        ]
    );
    let summary = sim.summary();
    assert!(summary.invitation_date.is_some() && summary.accession_date.is_some());
}

#[test]
fn a_recorded_decision_to_invite_adopts_the_invitation_despite_an_objection() {
    // M04, M12: under `[membership] agreed` the allies' decision is the premise, so an
    // ally's objection does not block the invitation; without it the objection stands.
    let invitation = |agreed: bool| {
        let mut s = setup();
        s.arrangement.membership = Some(sgsim_core::MembershipSetup {
            invitation_from: NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            requires_ceasefire: false,
            agreed,
        });
        let mut sim = Simulation::new(&s).unwrap();
        let mut events = Vec::new();
        for _ in 0..6 {
            let out = step(&mut sim, |d| {
                // USA (index 1) objects to every item on the agenda, at no price.
                d.capital_act[1].nac_block = d.capital_obs[1].nac_agenda;
            });
            events.extend(
                out.events
                    .iter()
                    .filter(|e| matches!(e.kind, "veto" | "nac_decision" | "invitation"))
                    .map(|e| (e.tick, e.kind, e.actor, e.detail.clone())),
            );
        }
        events
    };
    let agreed = invitation(true);
    assert_eq!(
        agreed,
        vec![
            (
                1,
                "nac_decision",
                0,
                "item=invitation;by=premise".to_owned()
            ),
            (1, "invitation", 0, String::new()),
        ],
        "the invitation is adopted on its first agenda"
    );
    let voted = invitation(false);
    assert!(
        voted
            .iter()
            .all(|e| e.1 == "veto" && e.2 == 2 && e.3 == "item=invitation"),
        "{voted:?}"
    );
    assert!(!voted.is_empty());
}

#[test]
fn a_neutrality_clause_needs_kyivs_assent_and_closes_the_membership_path() {
    // M19: with the clause, no ceasefire unless Kyiv renounces membership.
    let mut s = setup();
    s.arrangement.membership = Some(sgsim_core::MembershipSetup {
        invitation_from: NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
        requires_ceasefire: true,
        agreed: false,
    });
    let mut sim = Simulation::new(&s).unwrap();
    let out = step(&mut sim, |d| {
        agree(d);
        d.kremlin_act[0].demand_no_membership = 1;
    });
    assert!(!out.war[0].ceasefire, "Kyiv did not renounce");
    let out = step(&mut sim, |d| {
        agree(d);
        d.kremlin_act[0].demand_no_membership = 1;
        d.kyiv_act[0].renounce_membership = 1;
    });
    assert!(out.war[0].ceasefire);
    let observed = sim.observe().capital_obs[0].nac_agenda;
    assert_eq!(observed, 0, "no invitation after renouncing");
    assert!(sim.summary().membership_renounced);
}

#[test]
fn a_strike_kills_tests_the_owner_and_a_weak_answer_collapses_a_guarantee() {
    // M09: the unit in Ukraine is not covered; its owner DEU guarantees Ukraine.
    let mut s = setup();
    s.units[0].location = Location::UkraineRear;
    s.arrangement.guarantee = Some(sgsim_core::GuaranteeSetup {
        bindingness: sgsim_core::Bindingness::Treaty,
        guarantors: vec!["DEU".to_owned()],
        enablers: Vec::new(),
        from: sgsim_core::Trigger::Start,
    });
    let mut sim = Simulation::new(&s).unwrap();
    let exposed = sim.observe().kremlin_obs[0].exposed_unit_id;
    assert_eq!(exposed, 5, "the unit inside Ukraine is exposed");
    sim.advance();
    let out = step(&mut sim, |d| d.kremlin_act[0].strike_unit = 5);
    let strike = out.events.iter().find(|e| e.kind == "strike").unwrap();
    assert_eq!(
        strike.detail,
        "at=ukraine_rear;casualties=6.000000;article5_covered=0"
    );
    assert_eq!(
        out.war[0].escalation_level, 28.0,
        "force against allies is violent"
    );
    let unit = out.posture.iter().find(|r| r.unit == 5).unwrap();
    assert_eq!(unit.troops, 294.0);
    assert!(!out.events.iter().any(|e| e.kind == "article5_invoked"));
    // DEU answers next tick, weakly.
    let belief_before = out.beliefs[0].belief;
    let out = step(&mut sim, |d| {
        assert_eq!(d.capital_obs[0].under_test, 1);
        assert_eq!(d.unit_obs[0].struck, 1);
        d.capital_act[0].test_response = 0.1;
    });
    assert!(out.events.iter().any(|e| e.kind == "credibility_collapse"));
    assert!(out.beliefs[0].belief < 0.5 * belief_before + 1e-9);
    let summary = sim.summary();
    assert_eq!(
        (summary.strikes_on_allies, summary.failed_responses),
        (1, 1)
    );
}

#[test]
fn a_strike_on_allied_soil_invokes_article5_and_the_council_decides_the_response() {
    let mut s = setup();
    s.units[0].location = Location::AlliedTerritory;
    let mut sim = Simulation::new(&s).unwrap();
    let out = step(&mut sim, |d| d.kremlin_act[0].strike_unit = 5);
    assert!(out.events.iter().any(|e| e.kind == "article5_invoked"));
    let out = step(&mut sim, |d| {
        assert_eq!(d.capital_obs[0].nac_agenda, AGENDA_RESPONSE);
    });
    assert!(out.events.iter().any(|e| e.kind == "collective_response"));
    assert_eq!(sim.summary().article5_invocations, 1);
}

#[test]
fn a_guarantee_takes_effect_weeks_into_a_ceasefire_and_is_invoked_when_it_breaks() {
    let mut s = setup();
    s.arrangement.guarantee = Some(sgsim_core::GuaranteeSetup {
        bindingness: sgsim_core::Bindingness::Treaty,
        guarantors: vec!["USA".to_owned()],
        enablers: Vec::new(),
        from: sgsim_core::Trigger::Ceasefire { after_weeks: 3 },
    });
    let mut sim = Simulation::new(&s).unwrap();
    let mut credibility = Vec::new();
    for tick in 0..10 {
        let out = step(&mut sim, |d| {
            if tick == 1 {
                agree(d);
            }
            if tick == 7 {
                d.kremlin_act[0].ceasefire = CEASEFIRE_BREAK;
                d.kremlin_act[0].offensive_intensity = 0.5;
            }
            if tick == 8 {
                assert_eq!(d.capital_obs[1].under_test, 1, "the guarantor is called");
                assert_eq!(d.capital_obs[0].under_test, 0, "DEU is not a guarantor");
                d.capital_act[1].test_response = 1.0;
            }
        });
        credibility.push(out.war[0].guarantee_credibility);
        if tick == 4 {
            assert!(out.events.iter().any(|e| e.kind == "guarantee_in_force"));
        }
        if tick == 7 {
            assert!(out.events.iter().any(|e| e.kind == "guarantee_invoked"));
        }
        let usa = out.beliefs.iter().find(|b| b.guarantor == 2).unwrap();
        assert!(usa.is_guarantor);
    }
    // Promised from the start (a treaty at half weight), in force from tick 4.
    assert!(credibility[0] > 0.0);
    assert!(credibility[4] > credibility[3] * 1.5, "{credibility:?}");
    let summary = sim.summary();
    assert_eq!(summary.guarantee_invocations, 1);
    assert_eq!(summary.failed_responses, 0, "a full answer");
}

#[test]
fn training_takes_recruits_for_weeks_and_returns_better_soldiers() {
    // M06: places abroad 900 a week, seven weeks; trainers in Ukraine add places.
    let mut s = setup();
    s.units[0].location = Location::UkraineRear;
    let mut sim = Simulation::new(&s).unwrap();
    let places = sim.observe().kyiv_obs[0].training_places_per_week;
    assert_eq!(places, 900.0 + 300.0 * 2.0);
    sim.advance();
    let mut shares = Vec::new();
    for _ in 0..12 {
        let out = step(&mut sim, |d| {
            d.kyiv_act[0].mobilisation = 1.0;
            d.kyiv_act[0].training_share = 1.0;
        });
        shares.push((
            out.war[0].ukraine_trained_share,
            out.war[0].ukraine_in_training,
        ));
    }
    assert_eq!(shares[0].0, 0.0);
    assert_eq!(shares[0].1, 1500.0, "all places taken in the first week");
    assert_eq!(shares[4].0, 0.0);
    assert!(shares[5].0 > 0.0, "courses in Ukraine take five weeks");
    assert!(shares[11].0 > shares[6].0, "and abroad seven");
}

#[test]
fn engaged_allied_units_add_combat_power_and_share_the_losses() {
    let mut s = setup();
    s.units[0].location = Location::UkraineFront;
    s.units[0].troops = 20_000.0;
    let run = |engage: u32| {
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for _ in 0..10 {
            last = step(&mut sim, |d| {
                d.kremlin_act[0].offensive_intensity = 0.8;
                d.unit_act[0].engage = engage;
            });
        }
        last
    };
    let (alone, together) = (run(0), run(1));
    assert_eq!(alone.war[0].allied_combat_power, 0.0);
    assert!(together.war[0].allied_combat_power > 0.0);
    assert!(together.war[0].kyiv_territory > alone.war[0].kyiv_territory);
    let unit = together.posture.iter().find(|r| r.unit == 5).unwrap();
    assert!(unit.troops < 20_000.0, "the unit takes losses");
}

#[test]
fn denial_capability_blunts_committed_russian_power() {
    let p = sgsim_core::BattleParams::default();
    assert_eq!(sgsim_core::denial_factor(&p, 0.0), 1.0);
    let half = sgsim_core::denial_factor(&p, p.denial_half_eur_bn);
    assert!((half - (1.0 - p.denial_max_effect / 2.0)).abs() < 1e-12);
    assert!(sgsim_core::denial_factor(&p, 1e9) > 1.0 - p.denial_max_effect);
}

#[test]
fn ambiguity_blurs_the_kremlins_reading_and_red_lines_sharpen_it() {
    // M10: the same world with DEU ambiguous, silent or with red lines.
    let beliefs = |declaratory: sgsim_core::Declaratory, seed: u64| {
        let mut s = setup();
        s.seed = seed;
        s.capitals[1].declaratory = declaratory; // DEU (capitals sort by code at build)
        let mut sim = Simulation::new(&s).unwrap();
        let mut trace = Vec::new();
        for tick in 0..30 {
            let out = step(&mut sim, |d| {
                for a in &mut d.capital_act {
                    a.pledge_military_eur_bn = 0.5;
                }
                if tick == 20 {
                    d.kremlin_act[0].test_target = 1;
                }
                if tick == 21 {
                    d.capital_act[0].test_response = 1.0;
                }
            });
            trace.push(out.beliefs[0].belief);
        }
        trace
    };
    use sgsim_core::Declaratory::{Ambiguity, None, RedLines};
    let (silent, ambiguous) = (beliefs(None, 1), beliefs(Ambiguity, 1));
    assert_ne!(silent[5], ambiguous[5], "noise on the signal");
    assert_ne!(
        beliefs(Ambiguity, 1),
        beliefs(Ambiguity, 2),
        "drawn from the seed"
    );
    assert_eq!(
        beliefs(None, 1),
        beliefs(None, 2),
        "no noise without ambiguity"
    );
    let red = beliefs(RedLines, 1);
    assert_eq!(red[20], silent[20]);
    assert!(
        red[21] > silent[21],
        "a red-line answer is read as a commitment"
    );

    // Incidents: the same exposed unit draws more under ambiguity than under red lines.
    let incidents = |declaratory: sgsim_core::Declaratory| {
        let mut s = setup();
        s.capitals[1].declaratory = declaratory;
        s.units[0].location = Location::UkraineFront;
        s.units[0].troops = 5000.0;
        let mut sim = Simulation::new(&s).unwrap();
        let mut n = 0;
        for _ in 0..300 {
            let out = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 0.5);
            n += out.events.iter().filter(|e| e.kind == "incident").count();
        }
        n
    };
    assert!(incidents(Ambiguity) > incidents(RedLines));
}

#[test]
fn a_nuclear_deterrent_floors_deterrence_and_alienates_washington() {
    // M15 (theoretical).
    let run = |nuclear: bool| {
        let mut s = setup();
        if nuclear {
            s.arrangement.nuclear_from = NaiveDate::from_ymd_opt(2022, 4, 1);
        }
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for _ in 0..30 {
            last = step(&mut sim, |_| {});
        }
        let us = last.resolve.iter().find(|r| r.actor == 2).unwrap().resolve;
        (last.war[0].guarantee_credibility, us)
    };
    let (c0, us0) = run(false);
    let (c1, us1) = run(true);
    assert_eq!(c0, 0.0);
    assert_eq!(c1, ModelParams::default().nuclear.deterrence_floor);
    assert!(us1 < us0 - 0.1, "{us1} vs {us0}");
}

#[test]
fn low_russian_support_brings_protests_that_cost_the_kremlin_resolve() {
    // M20.
    let run = |penalty: f64| {
        let mut s = setup();
        s.kremlin.domestic_support = 0.2;
        s.params.belligerents.protest_resolve_penalty = penalty;
        let mut sim = Simulation::new(&s).unwrap();
        let mut protests = 0;
        let mut last = TickOutput::default();
        for _ in 0..10 {
            last = step(&mut sim, |_| {});
            protests += last.events.iter().filter(|e| e.kind == "protest").count();
        }
        let kremlin = last.resolve.iter().find(|r| r.actor == 3).unwrap().resolve;
        (protests, kremlin)
    };
    let (protests, with) = run(0.01);
    let (_, without) = run(0.0);
    assert_eq!(protests, 1, "one event when they start");
    assert!((without - with) > 0.05, "{with} vs {without}");
}

#[test]
fn a_ceasefire_brings_the_reconstruction_bill_and_it_weighs_on_support() {
    // M21.
    let run = |bill: f64| {
        let mut s = setup();
        s.reconstruction_needs = Ramp {
            points: vec![(s.start_date, bill)],
        };
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for tick in 0..20 {
            last = step(&mut sim, |d| {
                if tick == 0 {
                    agree(d);
                }
            });
        }
        let support = last.resolve[0].public_support;
        (sim.summary().reconstruction_paid_eur_bn, support)
    };
    let (paid, with) = run(925.0);
    let (none, without) = run(0.0);
    let weekly = 925.0 * 0.5 / (10.0 * 52.0);
    assert!((paid - 20.0 * weekly).abs() < 1e-9, "{paid}");
    assert_eq!(none, 0.0);
    assert!(with < without);
}

#[test]
fn an_attack_on_a_member_ukraine_brings_collective_defence_once_the_council_agrees() {
    // M12 and S09: Article 5 for a member is invoked by renewed aggression; an agreed
    // collective response adds the Alliance's combat power to the battle for its weeks.
    let mut s = setup();
    s.arrangement.membership = Some(sgsim_core::MembershipSetup {
        invitation_from: NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
        requires_ceasefire: true,
        agreed: false,
    });
    let mut sim = Simulation::new(&s).unwrap();
    let mut power = Vec::new();
    let mut kinds = Vec::new();
    for tick in 0..14 {
        let out = step(&mut sim, |d| {
            if tick == 1 {
                agree(d);
            }
            for (i, o) in d.capital_obs.iter().enumerate() {
                if o.ratification_pending == 1 {
                    d.capital_act[i].ratify = 1;
                }
            }
            if tick == 8 {
                d.kremlin_act[0].ceasefire = CEASEFIRE_BREAK;
            }
            if tick >= 8 {
                d.kremlin_act[0].offensive_intensity = 0.6;
            }
        });
        power.push(out.war[0].allied_combat_power);
        kinds.extend(out.events.iter().map(|e| (tick, e.kind)));
    }
    assert!(kinds.contains(&(3, "accession")), "{kinds:?}");
    assert!(kinds.contains(&(8, "article5_invoked")));
    assert!(kinds.contains(&(9, "collective_response")));
    let p = ModelParams::default().intervention.collective_defence_power;
    assert_eq!(power[8], 0.0);
    assert_eq!(power[9], p, "from the week the Council agrees");
    assert_eq!(power[13], p);
}

#[test]
fn an_assumed_ceasefire_starts_on_its_date_once_and_is_met_by_one_in_force() {
    // The premise of the post-ceasefire scenarios.
    let run = |agree_at: Option<u32>, no_earlier: bool| {
        let mut s = setup();
        // Tick 5 is the week of 2022-03-31.
        s.arrangement.ceasefire_from = NaiveDate::from_ymd_opt(2022, 3, 31);
        s.arrangement.ceasefire_no_earlier = no_earlier;
        let mut sim = Simulation::new(&s).unwrap();
        let mut agreed = Vec::new();
        for tick in 0..12 {
            let out = step(&mut sim, |d| {
                if Some(tick) == agree_at {
                    agree(d);
                }
                if tick == 7 {
                    d.kremlin_act[0].ceasefire = CEASEFIRE_BREAK;
                }
            });
            for e in out.events.iter().filter(|e| e.kind == "ceasefire_agreed") {
                agreed.push((tick, e.detail.ends_with("assumed=1")));
            }
        }
        agreed
    };
    assert_eq!(
        run(None, false),
        vec![(5, true)],
        "once, and not again after the break"
    );
    assert_eq!(
        run(Some(2), false),
        vec![(2, false)],
        "one in force meets the assumption"
    );
    // With `no_earlier` the sides' agreement in week 2 is not taken: the war goes on until
    // the assumed ceasefire.
    assert_eq!(run(Some(2), true), vec![(5, true)], "none before its date");
    assert_eq!(run(None, true), vec![(5, true)]);
}

/// A world in a ceasefire from its first tick.
fn in_ceasefire(mut s: Setup) -> Simulation {
    s.arrangement.ceasefire_from = Some(s.start_date);
    Simulation::new(&s).unwrap()
}

#[test]
fn a_slice_grabs_ground_without_a_break_and_an_unanswered_one_raises_the_next_threshold() {
    // M11: a test during a ceasefire takes size · gain_per_slice of the territory and the
    // target sees its unanswered count grow.
    let s = setup();
    let gain = s.params.ceasefire.gain_per_slice;
    let mut sim = in_ceasefire(s);
    step(&mut sim, |_| {});
    let out = step(&mut sim, |d| {
        d.kremlin_act[0].test_target = 1;
        d.kremlin_act[0].test_size = 0.4;
    });
    assert!(
        out.events
            .iter()
            .any(|e| e.kind == "test_of_resolve" && e.detail == "size=0.400000;slice=1")
    );
    assert!(out.war[0].ceasefire, "a slice is no break");
    assert!((out.war[0].kyiv_territory - (0.9 - 0.4 * gain)).abs() < 1e-12);
    let decisions = sim.observe();
    assert_eq!(decisions.capital_obs[0].under_test, 1);
    assert!((decisions.capital_obs[0].test_size - 0.4).abs() < 1e-12);
    decisions.capital_act[0].test_response = 0.0;
    sim.advance();
    let decisions = sim.observe();
    assert_eq!(decisions.capital_obs[0].unanswered_tests, 1);
    let kremlin = decisions.kremlin_obs[0];
    sim.advance();
    let summary = sim.summary();
    assert_eq!((summary.slices, summary.unanswered_slices), (1, 1));
    if kremlin.weakest_guarantor_id == 1 {
        assert_eq!(kremlin.weakest_unanswered_tests, 1);
        assert!((kremlin.weakest_largest_unanswered - 0.4).abs() < 1e-12);
    }
}

#[test]
fn russian_forces_stop_at_the_cap_and_a_ceasefire_demobilises_part_of_them() {
    // M20: recruitment within capacity, never above the theatre cap; in a ceasefire part of
    // the force above its pre-war strength goes home.
    let mut s = setup();
    s.kremlin.forces_in_theatre = 740_000.0;
    s.kremlin.theatre_forces_cap = 750_000.0;
    s.params.ceasefire.recruitment_share = 0.0;
    let mut at_war = Simulation::new(&s).unwrap();
    for _ in 0..10 {
        step(&mut at_war, |_| {});
    }
    let peak = at_war.summary().russia_forces_peak;
    assert!(peak <= 750_000.0 + 1e-6 && peak > 740_000.0, "{peak}");
    // From the pre-war 200,000, twenty weeks of recruitment, then a ceasefire without
    // recruitment: the force above 200,000 shrinks week by week.
    let mut s = setup();
    s.params.ceasefire.recruitment_share = 0.0;
    s.arrangement.ceasefire_from = s.start_date.checked_add_days(chrono::Days::new(7 * 20));
    let mut sim = Simulation::new(&s).unwrap();
    for _ in 0..21 {
        step(&mut sim, |_| {});
    }
    let before = sim.summary().russia_forces_end;
    assert!(
        before > 200_000.0,
        "the war recruited above the pre-war force"
    );
    for _ in 0..10 {
        step(&mut sim, |_| {});
    }
    let after = sim.summary().russia_forces_end;
    let expected = 200_000.0
        + (before - 200_000.0) * (1.0 - s.params.ceasefire.demobilisation_per_week).powi(10);
    assert!(after < before, "{after} after {before}");
    assert!(
        (after - expected).abs() < 1e-6 * expected,
        "{after} against {expected}"
    );
}

#[test]
fn ukrainian_call_up_stays_within_capacity_and_the_cap_and_a_ceasefire_demobilises() {
    // M06: at full effort Kyiv calls up at most its capacity, scaled by public resolve;
    // never beyond the force cap (recruits on courses count); in a ceasefire the call-up
    // halves and part of the force above its pre-war strength goes home.
    let mut s = setup();
    s.kyiv.forces = 870_000.0;
    s.kyiv.forces_cap = 880_000.0;
    let mut sim = Simulation::new(&s).unwrap();
    let mut called = Vec::new();
    for _ in 0..8 {
        let out = step(&mut sim, |d| d.kyiv_act[0].mobilisation = 1.0);
        let w = &out.war[0];
        assert!(w.ukraine_callup <= w.ukraine_callup_capacity + 1e-9);
        assert!(w.ukraine_callup_capacity <= 7000.0 + 1e-9);
        called.push(w.ukraine_callup);
    }
    // In the first week public resolve is at its starting level: the whole capacity.
    assert!((called[0] - 7000.0).abs() < 1e-9, "{called:?}");
    let peak = sim.summary().ukraine_forces_peak;
    assert!(peak <= 880_000.0 + 1e-6 && peak > 870_000.0, "{peak}");
    assert_eq!(*called.last().unwrap(), 0.0, "the cap binds: {called:?}");

    // A ceasefire from week 20 with the pool at full effort: the call-up halves, and the
    // force above the pre-war 200,000 is demobilised at 0.3% a week.
    let mut s = setup();
    s.arrangement.ceasefire_from = s.start_date.checked_add_days(chrono::Days::new(7 * 20));
    let mut sim = Simulation::new(&s).unwrap();
    let mut rows = Vec::new();
    for _ in 0..30 {
        let out = step(&mut sim, |d| d.kyiv_act[0].mobilisation = 1.0);
        rows.push(out.war[0].clone());
    }
    let (war, peace) = (&rows[18], &rows[25]);
    assert!(!war.ceasefire && peace.ceasefire);
    assert_eq!(war.ukraine_demobilised, 0.0);
    assert!(peace.ukraine_demobilised > 0.0);
    assert!(
        peace.ukraine_callup_capacity <= 0.5 * war.ukraine_callup_capacity + 1e-9,
        "{} in the ceasefire, {} at war",
        peace.ukraine_callup_capacity,
        war.ukraine_callup_capacity
    );
}

#[test]
fn a_sectors_fortification_raises_the_attackers_cost_per_km2() {
    // M07 (7.3c): the same offensive against the same forces, on a front whose one
    // contested sector is unfortified or fully fortified: Russia takes less ground for
    // its losses where the works stand, and the sectors with the rear sum to the total.
    let run = |fortification: f64| {
        let mut s = setup();
        s.kremlin.forces_in_theatre = 400_000.0;
        // Complete works double the defence, whatever the fitted default.
        s.params.front.fortification_effect = 1.0;
        s.front.total_area_km2 = 600_000.0;
        s.front.sectors[0].area_km2 = 200_000.0;
        s.front.sectors[0].kyiv_held_km2 = 200_000.0;
        s.front.sectors[0].fortification = fortification;
        s.front.sectors[3].area_km2 = 60_000.0;
        let mut sim = Simulation::new(&s).unwrap();
        let (mut losses, mut end) = (0.0, 0.0);
        for _ in 0..8 {
            let out = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 1.0);
            let w = &out.war[0];
            losses += w.russia_losses;
            let held: f64 = w.kyiv_held_km2.iter().sum();
            let rear = 600_000.0 - 200_000.0 - 60_000.0;
            assert!(
                ((rear + held) / 600_000.0 - w.kyiv_territory).abs() < 1e-12,
                "sectors and rear sum to the total"
            );
            assert_eq!(w.kyiv_held_km2[3], 0.0, "the areas held before the start");
            end = w.kyiv_held_km2[0];
        }
        (losses, 200_000.0 - end)
    };
    let (open_losses, open_taken) = run(0.0);
    let (fort_losses, fort_taken) = run(1.0);
    assert!(
        open_taken > 0.0 && fort_taken > 0.0,
        "{open_taken} {fort_taken}"
    );
    assert!(fort_taken < open_taken, "{fort_taken} against {open_taken}");
    assert!(
        fort_losses / fort_taken > 1.2 * open_losses / open_taken,
        "per km2: {} fortified against {} open",
        fort_losses / fort_taken,
        open_losses / open_taken
    );
}

#[test]
fn a_red_line_left_unenforced_costs_an_audience_cost() {
    // M10: the same unanswered test costs a red-line capital more belief than a silent one.
    let belief_after = |declaratory: sgsim_core::Declaratory| {
        let mut s = setup();
        s.capitals[1].declaratory = declaratory; // DEU
        let mut sim = Simulation::new(&s).unwrap();
        step(&mut sim, |d| d.kremlin_act[0].test_target = 1);
        let out = step(&mut sim, |d| d.capital_act[0].test_response = 0.0);
        out.beliefs
            .iter()
            .find(|b| b.guarantor == 1)
            .unwrap()
            .belief
    };
    let silent = belief_after(sgsim_core::Declaratory::None);
    let red = belief_after(sgsim_core::Declaratory::RedLines);
    assert!(red < silent, "red line {red} against silent {silent}");
}

#[test]
fn a_committed_nato_channel_delivers_a_steady_stream_and_every_pledge_once() {
    // M03, M23: both capitals pledge 1 a week through NATO. The first package commits the
    // allies for nac.commitment_weeks, so later pledges need no new decision: after the
    // first package's four weeks the deliveries are as steady as the pledges.
    let mut s = setup();
    s.params.nac.common_funding_share = 0.0;
    s.capitals[0].elections.clear();
    s.capitals[1].elections.clear();
    let mut sim = Simulation::new(&s).unwrap();
    let mut weekly = Vec::new();
    for _ in 0..60 {
        let out = step(&mut sim, |d| {
            for action in d.capital_act.iter_mut() {
                action.channel = CHANNEL_NATO;
                action.pledge_financial_eur_bn = 1.0;
            }
        });
        let nato: f64 = out
            .aid
            .iter()
            .filter(|r| r.channel == "nato")
            .map(|r| r.delivered)
            .sum();
        weekly.push(nato);
    }
    assert!(weekly[..11].iter().all(|&x| x == 0.0), "{weekly:?}");
    assert!(
        weekly[15..].iter().all(|&x| (x - 2.0).abs() < 1e-9),
        "a steady stream once committed: {weekly:?}"
    );

    // A package blocked by one ally: its pledges wait in the pool; when the capital
    // pledges bilaterally instead, it takes them back, and each is delivered once.
    let mut s = setup();
    s.params.nac.common_funding_share = 0.0;
    let mut sim = Simulation::new(&s).unwrap();
    let (mut pledged, mut delivered, mut withdrawn) = (0.0, 0.0, 0);
    for tick in 0..40 {
        let out = step(&mut sim, |d| {
            for (i, action) in d.capital_act.iter_mut().enumerate() {
                action.channel = if tick < 6 { CHANNEL_NATO } else { 0 };
                action.pledge_financial_eur_bn = if tick < 10 { 1.0 } else { 0.0 };
                // DEU (first) objects to every package.
                action.nac_block = if i == 0 {
                    sgsim_abi::AGENDA_AID_PACKAGE
                } else {
                    0
                };
            }
        });
        pledged += out.aid.iter().map(|r| r.pledged).sum::<f64>();
        delivered += out.aid.iter().map(|r| r.delivered).sum::<f64>();
        withdrawn += out
            .events
            .iter()
            .filter(|e| e.kind == "pool_withdrawn")
            .count();
    }
    assert_eq!(withdrawn, 2, "both capitals take their pooled pledges back");
    assert!((pledged - 20.0).abs() < 1e-9, "{pledged}");
    assert!(
        (delivered - 20.0).abs() < 1e-9,
        "delivered once: {delivered}"
    );
}

/// A supply world: artillery is a fifth of military aid, air defence a tenth; the US has
/// `spare` rounds above its floor and makes `per_year` a year from 2022, four times as
/// many from 2024; Kyiv needs 10,000 rounds a week and has `kyiv_stock`.
fn supply(spare: f64, per_year: f64, kyiv_stock: f64) -> SupplySetup {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let producer = |spare: f64, per_year: f64| ProducerSetup {
        production_per_year: Ramp {
            points: vec![
                (day(2022, 2, 24), per_year),
                (day(2024, 2, 24), 4.0 * per_year),
            ],
        },
        stock_start: 1000.0 + spare,
        readiness_floor: 1000.0,
    };
    let line = |share: f64, price: f64| LineSetup {
        price_eur: price,
        share_of_military_aid: Ramp {
            points: vec![(day(2022, 2, 24), share)],
        },
        producers: [producer(spare, per_year), producer(0.0, 0.0)],
    };
    SupplySetup {
        artillery: line(0.2, 4000.0),
        air_defence: line(0.1, 4e6),
        kyiv_artillery: KyivArtillerySetup {
            need_per_week: 10_000.0,
            stock_start: kyiv_stock,
            production_per_year: Ramp::default(),
        },
    }
}

#[test]
fn each_line_of_materiel_waits_for_its_own_stock_above_the_floor() {
    // M05: a pledge of 5bn is one fifth artillery (1bn = 250,000 rounds at 4,000 euro);
    // the US has 10,000 rounds above its floor and makes 52,000 a year (1,000 a week), so
    // artillery deliveries are the spare stock and then the weekly output, while the
    // equipment line delivers from its own stock and the due amounts stay apart from the
    // delivered ones.
    let mut s = setup();
    s.supply = supply(10_000.0, 52_000.0, 1e9);
    let mut sim = Simulation::new(&s).unwrap();
    let (mut due, mut given) = ([0.0; 3], [0.0; 3]);
    let mut floor_lines = Vec::new();
    for tick in 0..5 {
        let out = step(&mut sim, |d| {
            if tick == 0 {
                d.capital_act[1].channel = CHANNEL_BILATERAL;
                d.capital_act[1].pledge_military_eur_bn = 5.0;
            }
        });
        for (line, (d, g)) in out.war[0].military_lines_eur_bn.iter().enumerate() {
            due[line] += d;
            given[line] += g;
        }
        floor_lines.extend(
            out.events
                .iter()
                .filter(|e| e.kind == "readiness_floor" && e.actor == 2)
                .map(|e| e.detail.split(';').next().unwrap().to_owned()),
        );
    }
    let per_round = 4000.0 / 1e9;
    // Ticks 1-4 (bilateral delay 1): the spare 10,000 rounds, then a little over 1,000 a
    // week made in ticks 0-3 (the output of a week is in stock from the next week on; the
    // ramp has begun to rise).
    let rounds = given[0] / per_round;
    assert!(
        (14_000.0..14_400.0).contains(&rounds),
        "{rounds}: 10,000 spare and about 4 weeks of 1,000"
    );
    assert!(
        due[0] > given[0] * 10.0,
        "the rest of 1bn is due again each week"
    );
    assert!(
        (given[2] - 5.0 * 0.7).abs() < 1e-9,
        "the equipment part comes whole from the equipment stock: {}",
        given[2]
    );
    assert!(
        floor_lines.contains(&"line=artillery".to_owned()),
        "{floor_lines:?}"
    );
    // 0.5bn of air defence is 125 interceptors, well within the 10,000 spare.
    assert!((given[1] - 0.5).abs() < 1e-9, "{}", given[1]);
    assert!(!floor_lines.contains(&"line=air_defence".to_owned()));
}

#[test]
fn artillery_output_ramps_up_over_the_years() {
    // M05: production from the producer group's dated ramp, four times higher two years
    // on; more rounds reach Kyiv per week when the US makes more.
    let rounds_in_week = |start: NaiveDate| {
        let mut s = setup();
        s.start_date = start;
        s.supply = supply(0.0, 52_000.0, 1e9);
        let mut sim = Simulation::new(&s).unwrap();
        let mut total = 0.0;
        for tick in 0..6 {
            let out = step(&mut sim, |d| {
                if tick == 0 {
                    d.capital_act[1].channel = CHANNEL_BILATERAL;
                    d.capital_act[1].pledge_military_eur_bn = 5.0;
                }
            });
            total += out.war[0].military_lines_eur_bn[0].1;
        }
        total / (4000.0 / 1e9)
    };
    let early = rounds_in_week(NaiveDate::from_ymd_opt(2022, 2, 24).unwrap());
    let later = rounds_in_week(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
    // Five weeks of output: a little over 1,000 a week at the start of the ramp, 4,000 a
    // week after its end.
    assert!((5000.0..5400.0).contains(&early), "{early}");
    assert!((later - 20_000.0).abs() < 1e-6, "{later}");
}

#[test]
fn shell_hunger_weakens_kyiv_at_the_front() {
    // M05 and M07: with no rounds Kyiv fires nothing of the 10,000 a week it needs and its
    // combat power falls by artillery_weight; the Kremlin gains more ground.
    let run = |kyiv_stock: f64| {
        let mut s = setup();
        s.supply = supply(0.0, 0.0, kyiv_stock);
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for _ in 0..10 {
            last = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 0.8);
        }
        let summary = sim.summary();
        (
            last.war[0].artillery_sufficiency,
            last.war[0].kyiv_territory,
            summary.shell_hunger_weeks,
        )
    };
    let (fed, held_fed, hunger_fed) = run(1e9);
    let (starved, held_starved, hunger_starved) = run(0.0);
    assert_eq!(fed, 1.0);
    assert_eq!(starved, 0.0);
    assert_eq!((hunger_fed, hunger_starved), (0, 10));
    assert!(held_starved < held_fed, "{held_starved} vs {held_fed}");
}

#[test]
fn damage_accrues_while_the_war_is_hot_and_stops_in_a_ceasefire() {
    // M21: the needs grow at the pace of the assessments (here 52bn a year, 1bn a week)
    // while the war is hot; a ceasefire stops the damage and the capitals start paying.
    let start = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap();
    let mut s = setup();
    s.reconstruction_needs = Ramp {
        points: vec![(start, 100.0), (start + chrono::Duration::days(364), 152.0)],
    };
    let mut sim = Simulation::new(&s).unwrap();
    let mut needs = Vec::new();
    for tick in 0..8 {
        let out = step(&mut sim, |d| {
            if tick == 4 {
                agree(d);
            }
        });
        needs.push(out.war[0].reconstruction_needs_eur_bn);
    }
    assert!((needs[3] - 104.0).abs() < 1e-9, "{needs:?}");
    assert!(
        (needs[7] - needs[4]).abs() < 1e-9,
        "no damage in a ceasefire: {needs:?}"
    );
    assert!(sim.summary().reconstruction_paid_eur_bn > 0.0);
}

#[test]
fn a_kyiv_offensive_retakes_ground_at_a_cost_to_both_sides_and_never_in_a_ceasefire() {
    // M07 (7.3d): Russia holds 80,000 km2 of the one contested sector with a thin force and
    // does not attack; Kyiv commits all of its reserves there, or none, with and without a
    // ceasefire in force from the first week.
    let run = |commitment: f64, ceasefire: bool| {
        let mut s = setup();
        s.kremlin.forces_in_theatre = 30_000.0;
        s.front.total_area_km2 = 600_000.0;
        s.front.sectors[0].area_km2 = 200_000.0;
        s.front.sectors[0].kyiv_held_km2 = 120_000.0;
        s.front.sectors[3].area_km2 = 60_000.0;
        if ceasefire {
            s.arrangement.ceasefire_from = NaiveDate::from_ymd_opt(2022, 2, 24);
        }
        let mut sim = Simulation::new(&s).unwrap();
        let (mut ukr, mut rus, mut retaken, mut sectors) = (0.0, 0.0, 0.0, Vec::new());
        let mut held = 0.0;
        for _ in 0..6 {
            let out = step(&mut sim, |d| {
                d.kyiv_act[0].offensive_sector = sgsim_abi::SECTOR_NORTH;
                d.kyiv_act[0].offensive_intensity = commitment;
            });
            let w = &out.war[0];
            ukr += w.ukraine_losses;
            rus += w.russia_losses;
            retaken += w.kyiv_retaken_km2;
            sectors.push(w.kyiv_offensive_sector);
            held = w.kyiv_held_km2[0];
        }
        (held, retaken, ukr, rus, sectors)
    };
    let (held, retaken, ukr, rus, sectors) = run(1.0, false);
    let (idle_held, idle_retaken, idle_ukr, idle_rus, idle_sectors) = run(0.0, false);
    assert!(held > 120_000.0 && held <= 200_000.0, "{held}");
    assert!(
        (held - 120_000.0 - retaken).abs() < 1e-6,
        "all the ground came back by the offensive: {held} {retaken}"
    );
    assert_eq!(idle_held, 120_000.0, "without an offensive nothing moves");
    assert_eq!(idle_retaken, 0.0);
    assert!(
        ukr > idle_ukr && rus > idle_rus,
        "{ukr} {idle_ukr} {rus} {idle_rus}"
    );
    assert!(sectors.iter().all(|&s| s == "north"), "{sectors:?}");
    assert!(
        idle_sectors.iter().all(|&s| s == "none"),
        "{idle_sectors:?}"
    );
    // In a ceasefire the offensive is not carried out and nothing is recorded.
    let (cease_held, cease_retaken, _, _, cease_sectors) = run(1.0, true);
    assert_eq!((cease_held, cease_retaken), (120_000.0, 0.0));
    assert!(
        cease_sectors[1..].iter().all(|&s| s == "none"),
        "{cease_sectors:?}"
    );
}

#[test]
fn sanctions_relief_in_a_ceasefire_eases_the_pressure_and_lets_the_economy_recover() {
    // M22 (7.6c): the same ceasefire from the first week, with no relief or with the whole
    // sanctions effort lifted while it holds; the capitals sanction as hard as they are
    // resolved throughout.
    let end = |relief: f64| {
        let mut s = setup();
        s.arrangement.ceasefire_from = NaiveDate::from_ymd_opt(2022, 2, 24);
        s.arrangement.sanctions_relief = relief;
        let mut sim = Simulation::new(&s).unwrap();
        let mut last = TickOutput::default();
        for _ in 0..52 {
            last = step(&mut sim, |d| {
                for (a, o) in d.capital_act.iter_mut().zip(&d.capital_obs) {
                    a.sanctions_effort = o.resolve;
                }
            });
        }
        assert!(last.war[0].ceasefire, "the ceasefire holds");
        let w = &last.war[0];
        (
            w.sanctions,
            w.russia_civil_economy,
            w.russia_energy_revenue_share,
        )
    };
    let (pressure, civil, energy) = end(0.0);
    let (relieved, recovered, revenue) = end(1.0);
    assert!(pressure > 0.2 && relieved < 0.01, "{pressure} {relieved}");
    assert!(recovered > civil, "{recovered} {civil}");
    assert!(revenue > energy, "{revenue} {energy}");
}

#[test]
fn russias_tanks_go_with_its_casualties_and_its_war_economy_replaces_them() {
    // M20 (7.6d): a year of full-intensity offensives, with the defence industry able to
    // supply tanks or not (no new-build and no restorable storage).
    let year = |supplied: bool| {
        let mut s = setup();
        if !supplied {
            s.kremlin.materiel.new_tanks_per_year_war = 0.0;
            s.kremlin.materiel.tanks_restorable = 0.0;
        }
        let mut sim = Simulation::new(&s).unwrap();
        let (mut lost, mut added, mut casualties) = (0.0, 0.0, 0.0);
        let mut last = TickOutput::default();
        for _ in 0..52 {
            last = step(&mut sim, |d| d.kremlin_act[0].offensive_intensity = 1.0);
            let w = &last.war[0];
            lost += w.russia_tanks_lost;
            added += w.russia_tanks_added;
            casualties += w.russia_losses;
        }
        (last.war[0].clone(), lost, added, casualties)
    };
    let (bare, bare_lost, bare_added, _) = year(false);
    let (supplied, lost, added, casualties) = year(true);
    assert_eq!(bare_added, 0.0, "nothing to supply from");
    assert!(
        (bare.russia_tanks - (2900.0 - bare_lost)).abs() < 1e-6,
        "the fleet is what was lost from it: {} {bare_lost}",
        bare.russia_tanks
    );
    assert!(casualties > 0.0 && lost > 0.0);
    // Supply from spending that rises toward the war level: restored tanks come out of
    // storage one for one.
    assert!(added > 0.0);
    let restored = 5000.0 - supplied.russia_tanks_in_storage;
    assert!(
        restored > 0.0 && restored < added,
        "restored tanks come out of storage, new ones do not: {restored} of {added}"
    );
    // At the war level the industry restores five tanks for every new one (the data); on
    // the way up to it the ratio is the same.
    assert!((restored / (added - restored) - 5.0).abs() < 1e-9);
    assert!(
        (supplied.russia_tanks - (2900.0 + added - lost)).abs() < 1e-6,
        "in service = start + added - lost"
    );
    // The equipment factor is the power law in tanks per soldier relative to the start,
    // and the supplied force keeps more of its quality.
    let p = sgsim_core::BattleParams::default();
    assert!(supplied.russia_equipment_factor > bare.russia_equipment_factor);
    assert!(bare.russia_equipment_factor >= p.quality_min);
    assert!(
        bare.russia_equipment_factor < 1.0,
        "a growing force thins its equipment"
    );
}
