//! The report on a sweep folder whose runs.csv has the outcome columns of the contract
//! with the core (`durable_ceasefire`, `ceasefire_weeks`, `ceasefire_first_break_date`,
//! `peak_escalation_rung`, `nuclear_signalling`): survival curves, rungs and paired tests
//! computed by hand from a small table.

use std::path::Path;

use sgsim_report::{ReportRequest, report};

const HEADER: &str = "run_id,run_index,arm,point,replication,scenario,seed,ticks,start_date,end_date,\
ceasefire_date,ceasefire_first_break_date,ceasefire_weeks,durable_ceasefire,ceasefire_at_end,\
renewed_aggression,peak_escalation,peak_escalation_rung,nuclear_signalling,territory_held_end,status";

/// (ceasefire_weeks, broke, durable, rung, territory) per replication; `None` weeks: no
/// ceasefire.
type Rep = (Option<u32>, bool, bool, u32, f64);

const A: [Rep; 6] = [
    (Some(10), true, false, 1, 0.70),
    (Some(20), false, true, 2, 0.72),
    (Some(10), true, false, 3, 0.69),
    (None, false, false, 5, 0.66),
    (Some(30), false, true, 1, 0.71),
    (Some(25), true, false, 0, 0.73),
];
const B: [Rep; 6] = [
    (Some(40), false, true, 2, 0.75),
    (Some(40), false, true, 2, 0.74),
    (Some(12), true, false, 6, 0.70),
    (Some(40), false, true, 8, 0.73),
    (Some(15), true, false, 1, 0.74),
    (Some(40), false, true, 1, 0.76),
];

fn write_sweep(dir: &Path) {
    let mut text = format!("{HEADER}\r\n");
    for (a, (arm, reps)) in [("control", A), ("guarantee", B)].iter().enumerate() {
        for (r, (weeks, broke, durable, rung, territory)) in reps.iter().enumerate() {
            let (cf, brk) = match weeks {
                Some(_) => ("2025-03-06", if *broke { "2025-06-05" } else { "" }),
                None => ("", ""),
            };
            text.push_str(&format!(
                "{:016x},{},{arm},0,{r},s,{},200,2022-02-24,2025-12-18,{cf},{brk},{},{durable},{},{broke},4.000000,{rung},{},{territory:.6},complete\r\n",
                a * 6 + r,
                a * 6 + r,
                1000 + r,
                weeks.map(|w| format!("{w}.000000")).unwrap_or_default(),
                weeks.is_some() && !broke,
                *rung >= 6,
            ));
        }
    }
    std::fs::write(dir.join("runs.csv"), text).unwrap();
    std::fs::write(
        dir.join("manifest.toml"),
        "format_version = 2\nstatus = \"complete\"\nsgsim_version = \"0.1.0\"\nsweep = \"fixture\"\n\
         plan_sha256 = \"ab\"\nmaster_seed = 5\n\n[[arms]]\nname = \"control\"\n\n[[arms]]\nname = \"guarantee\"\n",
    )
    .unwrap();
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn survival_rungs_and_paired_tests_from_the_contract_columns() {
    let dir = tempfile::tempdir().unwrap();
    write_sweep(dir.path());
    let summary = report(&ReportRequest {
        dir: dir.path().to_path_buf(),
        control: None,
        outcomes: vec!["guarantee:durable_ceasefire".into()],
        out: None,
    })
    .unwrap();
    for measure in ["durable", "nuclear", "rung", "survival"] {
        assert!(
            summary.missing.iter().all(|m| !m.contains(measure)),
            "{:?}",
            summary.missing
        );
    }
    assert!(
        summary
            .figures
            .contains(&"Kaplan–Meier survival of the first ceasefire".to_string())
    );
    assert!(
        summary
            .figures
            .contains(&"Escalation: probability of reaching each rung".to_string())
    );

    // Kaplan–Meier of the control arm: (10, E), (20, C), (10, E), (30, C), (25, E).
    // t = 10: 5 at risk, 2 events, S = 0.6, se = 0.6·sqrt(2/15) = 0.219089;
    // t = 20: 3 at risk, 1 censored; t = 25: 2 at risk, 1 event, S = 0.3,
    // se = 0.3·sqrt(2/15 + 1/2) = 0.238747; t = 30: 1 at risk, censored.
    let survival = rows(&dir.path().join("survival.csv"));
    let control: Vec<Vec<&str>> = survival
        .iter()
        .filter(|r| r[0] == "control")
        .map(|r| r[2..8].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        control,
        [
            ["10.000000", "5", "2", "0", "0.600000", "0.219089"],
            ["20.000000", "3", "0", "1", "0.600000", "0.219089"],
            ["25.000000", "2", "1", "0", "0.300000", "0.238747"],
            ["30.000000", "1", "0", "1", "0.300000", "0.238747"],
        ]
    );
    let guarantee: Vec<&Vec<String>> = survival.iter().filter(|r| r[0] == "guarantee").collect();
    assert_eq!(guarantee[0][2..7], ["12.000000", "6", "1", "0", "0.833333"]);

    // Shares: rung ≥ 2 in 3 of 6 control runs and 4 of 6 guarantee runs; nuclear
    // signalling (rung ≥ 6) in 2 guarantee runs; durable ceasefires 2 and 4.
    let comparison = rows(&dir.path().join("comparison.csv"));
    let share = |arm: &str, measure: &str| -> (String, String) {
        let r = comparison
            .iter()
            .find(|r| r[0] == arm && r[2] == measure && r[3] == "share")
            .unwrap_or_else(|| panic!("{arm} {measure}"));
        (r[5].clone(), r[6].clone())
    };
    assert_eq!(
        share("control", "rung_ge_2"),
        ("3".into(), "0.500000".into())
    );
    assert_eq!(
        share("guarantee", "rung_ge_2"),
        ("4".into(), "0.666667".into())
    );
    assert_eq!(
        share("guarantee", "rung_ge_8"),
        ("1".into(), "0.166667".into())
    );
    assert_eq!(
        share("control", "nuclear_signalling"),
        ("0".into(), "0.000000".into())
    );
    assert_eq!(
        share("guarantee", "nuclear_signalling"),
        ("2".into(), "0.333333".into())
    );
    assert_eq!(
        share("control", "durable_ceasefire"),
        ("2".into(), "0.333333".into())
    );
    assert_eq!(
        share("guarantee", "durable_ceasefire"),
        ("4".into(), "0.666667".into())
    );
    // ceasefire_weeks counts only the runs with a ceasefire: 5 in the control arm.
    let weeks = comparison
        .iter()
        .find(|r| r[0] == "control" && r[2] == "ceasefire_weeks" && r[3] == "mean")
        .unwrap();
    assert_eq!((weeks[4].as_str(), weeks[6].as_str()), ("5", "19.000000"));

    // Durable ceasefire, guarantee against control, replication by replication:
    // b (guarantee only) = r0, r3, r5; c (control only) = r4. Exact McNemar:
    // 2·P(X ≤ 1), X ~ Bin(4, 1/2) = 2·5/16 = 0.625.
    let paired = rows(&dir.path().join("paired.csv"));
    let durable = paired.iter().find(|r| r[3] == "durable_ceasefire").unwrap();
    assert_eq!(
        durable[4..15],
        [
            "mcnemar_exact",
            "6",
            "0.333333",
            "0.666667",
            "0.333333",
            durable[9].as_str(),
            durable[10].as_str(),
            "3",
            "1",
            "1.000000",
            "0.625000"
        ]
    );
    let rung = paired
        .iter()
        .find(|r| r[3] == "peak_escalation_rung")
        .unwrap();
    assert_eq!(
        (rung[4].as_str(), rung[8].as_str()),
        ("paired_bootstrap", "1.333333")
    );

    // PRIM has no factor to search in this sweep: no rows, and the page says why.
    assert!(rows(&dir.path().join("prim.csv")).is_empty());
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("no numeric factor varies among the selected runs"));
}
