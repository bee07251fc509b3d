//! `--format parquet`: a run and a small sweep written as Parquet and as CSV with the same
//! seed, every Parquet file read with polars, DuckDB and pandas (pyarrow) and compared cell
//! by cell with its CSV (`parquet_read.py`); the sweep's Parquet bytes do not depend on
//! `--jobs` or sharding; a folder is resumed only in its format; a failed run leaves no
//! complete-looking Parquet file.
//!
//! The Python packages come from the venv that `.ci/run` makes (`target/pyenv`, pinned in
//! `tests/python-requirements.txt`), named by `SGSIM_PYTHON`; without it the test looks for
//! `target/pyenv/bin/python`, and without that it is skipped with a message, unless `CI` is
//! set, where a missing Python or package fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use sgsim_tests::{read_csv, sgsim, sgsim_sweep as sweep, workspace_root};

const READER: &str = include_str!("parquet_read.py");

/// The Python with polars, duckdb, pandas and pyarrow, or `None` (skip) outside CI.
fn python() -> Option<PathBuf> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let candidate = std::env::var_os("SGSIM_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/pyenv/bin/python"));
    let check = Command::new(&candidate)
        .args(["-c", "import polars, duckdb, pandas, pyarrow"])
        .output();
    match check {
        Ok(out) if out.status.success() => Some(candidate),
        other => {
            let why = match other {
                Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            assert!(
                !ci,
                "CI is set but {} cannot import polars, duckdb, pandas and pyarrow \
                 (.ci/run makes target/pyenv and sets SGSIM_PYTHON): {why}",
                candidate.display()
            );
            eprintln!(
                "skipped: no Python with polars, duckdb, pandas and pyarrow at {} (run .ci/run \
                 or set SGSIM_PYTHON); under CI this test fails",
                candidate.display()
            );
            None
        }
    }
}

/// Runs the reader on (CSV, Parquet) pairs and returns its report, `files` by Parquet path.
fn read_with_python(python: &Path, pairs: &[(PathBuf, PathBuf)]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("parquet_read.py");
    std::fs::write(&script, READER).unwrap();
    let mut command = Command::new(python);
    command.arg(&script);
    for (csv, parquet) in pairs {
        command.arg(csv).arg(parquet);
    }
    let out = command.output().expect("run python");
    assert!(
        out.status.success(),
        "the Parquet files do not read as their CSV:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the reader's JSON report")
}

fn file_report<'a>(report: &'a serde_json::Value, parquet: &Path) -> &'a serde_json::Value {
    &report["files"][parquet.to_str().unwrap()]
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn manifest(dir: &Path) -> toml::Table {
    std::fs::read_to_string(dir.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

const TRACES: [&str; 7] = [
    "resolve",
    "aid_flows",
    "force_posture",
    "events",
    "beliefs",
    "war",
    "summary",
];

#[test]
fn a_parquet_run_reads_as_its_csv_in_polars_duckdb_and_pandas() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = workspace_root().join("configs/scenarios/baseline.toml");
    let (csv, parquet) = (dir.path().join("csv"), dir.path().join("parquet"));
    for (out, format) in [(&csv, "csv"), (&parquet, "parquet")] {
        let run = sgsim(&[
            "run",
            baseline.to_str().unwrap(),
            "--seed",
            "7",
            "--out",
            out.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let m = manifest(&parquet);
    assert_eq!(m["status"].as_str(), Some("complete"));
    assert_eq!(m["format"].as_str(), Some("parquet"));
    assert_eq!(manifest(&csv)["format"].as_str(), Some("csv"));
    let rows = m["rows"].as_table().unwrap();
    let mut names: Vec<&str> = rows.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aid_flows.parquet",
            "beliefs.parquet",
            "events.parquet",
            "force_posture.parquet",
            "resolve.parquet",
            "summary.parquet",
            "war.parquet"
        ]
    );
    for table in TRACES {
        assert!(
            !parquet.join(format!("{table}.csv")).exists(),
            "{table}.csv written"
        );
        let file = bytes(&parquet.join(format!("{table}.parquet")));
        assert!(file.starts_with(b"PAR1") && file.ends_with(b"PAR1"));
    }
    let Some(python) = python() else { return };
    let pairs: Vec<(PathBuf, PathBuf)> = TRACES
        .iter()
        .map(|t| {
            (
                csv.join(format!("{t}.csv")),
                parquet.join(format!("{t}.parquet")),
            )
        })
        .collect();
    let report = read_with_python(&python, &pairs);
    for (table, (csv_path, parquet_path)) in TRACES.iter().zip(&pairs) {
        let (header, csv_rows) = read_csv(csv_path);
        let file = file_report(&report, parquet_path);
        assert_eq!(
            file["rows"].as_u64(),
            Some(csv_rows.len() as u64),
            "{table}"
        );
        let columns: Vec<&str> = file["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(columns, header, "{table}");
        if *table != "summary" {
            assert_eq!(
                rows[&format!("{table}.parquet")].as_integer(),
                Some(csv_rows.len() as i64),
                "{table}: the manifest's row count"
            );
        }
    }
    // The types (polars' and DuckDB's names) and a few values.
    let war = file_report(&report, &pairs[5].1);
    for (column, polars, duckdb) in [
        ("tick", "Int64", "BIGINT"),
        ("date", "String", "VARCHAR"),
        ("kyiv_territory", "Float64", "DOUBLE"),
        ("ceasefire", "Boolean", "BOOLEAN"),
        ("membership_stage", "Int64", "BIGINT"),
    ] {
        assert_eq!(
            war["polars_types"][column].as_str(),
            Some(polars),
            "{column}"
        );
        assert_eq!(
            war["duckdb_types"][column].as_str(),
            Some(duckdb),
            "{column}"
        );
    }
    assert!(
        war["full_precision"].as_u64().unwrap() > 1000,
        "war.parquet keeps the full doubles, not the CSV's six decimals: {}",
        war["full_precision"]
    );
    let summary = file_report(&report, &pairs[6].1);
    for (column, polars) in [
        ("scenario", "String"),
        ("seed", "Int64"),
        ("ticks", "Int64"),
        ("start_date", "String"),
        ("config_sha256", "String"),
        ("ceasefire_at_end", "Boolean"),
        ("territory_held_end", "Float64"),
        ("status", "String"),
    ] {
        assert_eq!(
            summary["polars_types"][column].as_str(),
            Some(polars),
            "{column}"
        );
    }
    // The baseline with seed 7 has no ceasefire: a column with no value is a null column.
    assert_eq!(
        summary["polars_types"]["ceasefire_date"].as_str(),
        Some("Int32")
    );
    assert_eq!(
        summary["duckdb_types"]["ceasefire_date"].as_str(),
        Some("\"NULL\"")
    );
    assert_eq!(
        summary["full_precision"].as_u64(),
        Some(0),
        "summary.parquet holds the six-decimal values of summary.csv"
    );
}

const SWEEP: &str = r#"name = "pq"
master_seed = 5
replications = 3

[[arms]]
name = "base"
scenario = SCENARIO

[[arms]]
name = "tired"
scenario = SCENARIO
set = { "model.fatigue.duration_decay_per_year" = 0.3 }

[factors]
ticks = 12
"model.fatigue.cost_sensitivity" = [0.1, 0.6]
"#;

#[test]
fn a_parquet_sweep_reads_as_its_csv_and_does_not_depend_on_jobs_or_shards() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let file = dir.path().join("sweep.toml");
    std::fs::write(
        &file,
        SWEEP.replace("SCENARIO", &format!("{:?}", scenario.display().to_string())),
    )
    .unwrap();
    let csv = dir.path().join("csv");
    let one = dir.path().join("pq1");
    let two = dir.path().join("pq2");
    let full = ["--traces", "full"];
    let run = sweep(&file, &csv, &[&full[..], &["--jobs", "2"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pq = ["--format", "parquet", "--traces", "full"];
    let run = sweep(&file, &one, &[&pq[..], &["--jobs", "1"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sweep(&file, &two, &[&pq[..], &["--jobs", "2"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(manifest(&one)["format"].as_str(), Some("parquet"));
    assert_eq!(manifest(&csv)["format"].as_str(), Some("csv"));
    for name in ["runs.csv", "ensemble.csv"] {
        assert!(!one.join(name).exists(), "{name} in a Parquet sweep");
    }
    let trace = "traces/tired-p1-r2";
    for name in [
        "runs.parquet",
        "ensemble.parquet",
        &format!("{trace}/war.parquet"),
        &format!("{trace}/summary.parquet"),
    ] {
        assert!(
            bytes(&one.join(name)) == bytes(&two.join(name)),
            "{name} depends on --jobs"
        );
    }

    // Shards merged: the same bytes as the whole sweep.
    let parts = dir.path().join("parts");
    for shard in ["0/2", "1/2"] {
        let run = sweep(&file, &parts, &["--format", "parquet", "--shard", shard]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let merged = sgsim(&["merge", parts.to_str().unwrap()]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(manifest(&parts)["format"].as_str(), Some("parquet"));
    for name in ["runs.parquet", "ensemble.parquet"] {
        assert!(
            bytes(&parts.join(name)) == bytes(&one.join(name)),
            "merged {name} differs from the unsharded sweep"
        );
    }

    // A finished folder is resumed only in its format.
    let again = sweep(&file, &one, &[]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("started with --format parquet")
            && again.stderr.contains("resume it with --format parquet"),
        "{}",
        again.stderr
    );
    let again = sweep(&file, &csv, &["--format", "parquet", "--traces", "full"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("started with --format csv"),
        "{}",
        again.stderr
    );

    // `sgsim report` reads CSV results and says so.
    let report = sgsim(&["report", one.to_str().unwrap()]);
    assert_ne!(report.code, 0);
    assert!(
        report.stderr.contains("written with --format parquet"),
        "{}",
        report.stderr
    );

    let Some(python) = python() else { return };
    let mut pairs = vec![
        (csv.join("runs.csv"), one.join("runs.parquet")),
        (csv.join("ensemble.csv"), one.join("ensemble.parquet")),
    ];
    for table in TRACES {
        pairs.push((
            csv.join(trace).join(format!("{table}.csv")),
            one.join(trace).join(format!("{table}.parquet")),
        ));
    }
    let report = read_with_python(&python, &pairs);
    let runs = file_report(&report, &pairs[0].1);
    assert_eq!(runs["rows"].as_u64(), Some(12));
    let (runs_header, _) = read_csv(&pairs[0].0);
    assert_eq!(runs["columns"].as_array().unwrap().len(), runs_header.len());
    for (column, polars) in [
        ("run_id", "String"),
        ("run_index", "Int64"),
        ("arm", "String"),
        ("point", "Int64"),
        ("factor.model.fatigue.cost_sensitivity", "Float64"),
        ("factor.ticks", "Int64"),
        ("seed", "Int64"),
        ("territory_held_end", "Float64"),
        ("durable_ceasefire", "Boolean"),
    ] {
        assert_eq!(
            runs["polars_types"][column].as_str(),
            Some(polars),
            "{column}"
        );
    }
    let ensemble = file_report(&report, &pairs[1].1);
    assert_eq!(
        ensemble["rows"].as_u64(),
        Some(2 * 2 * 12 * sgsim_cli::sweep::METRICS.len() as u64)
    );
    for (column, polars) in [
        ("arm", "String"),
        ("point", "Int64"),
        ("tick", "Int64"),
        ("date", "String"),
        ("metric", "String"),
        ("n", "Int64"),
        ("mean", "Float64"),
        ("p95", "Float64"),
    ] {
        assert_eq!(
            ensemble["polars_types"][column].as_str(),
            Some(polars),
            "{column}"
        );
    }
}

#[test]
fn a_failed_parquet_run_leaves_only_partial_files() {
    // A plugin that panics at tick 3: the traces stay `.partial`, no summary, `failed`.
    let dir = tempfile::tempdir().unwrap();
    let faulty = sgsim_tests::plugin_path("policy-faulty");
    let text = sgsim_tests::scenario_text(
        "",
        &format!(
            "[policies.kremlin]\nplugin = {:?}\npolicy = \"kremlin\"\nparams = {{ mode = \"panic\", at_tick = 3 }}\n",
            faulty.display().to_string()
        ),
    );
    let scenario = sgsim_tests::write_scenario(dir.path(), &text);
    let out = dir.path().join("out");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "parquet",
    ]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    let m = manifest(&out);
    assert_eq!(m["status"].as_str(), Some("failed"));
    assert_eq!(m["format"].as_str(), Some("parquet"));
    for table in TRACES {
        assert!(
            !out.join(format!("{table}.parquet")).exists(),
            "{table}.parquet looks complete after a failed run"
        );
    }
    for table in &TRACES[..6] {
        let partial = out.join(format!("{table}.parquet.partial"));
        assert!(partial.exists(), "{} is kept", partial.display());
        assert!(
            !bytes(&partial).ends_with(b"PAR1"),
            "{} has a footer: it would read as a complete table",
            partial.display()
        );
    }
}
