//! Sweeps: results do not depend on `--jobs` or sharding, runs resume after a crash or
//! Ctrl-C, seeds are common across arms, and bad sweep files are refused with their place.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sgsim_tests::{read_csv, sgsim, sgsim_exe, sgsim_sweep as run_sweep, workspace_root};

/// Writes a sweep file next to a copy-free reference to the real baseline scenario.
fn sweep_file(dir: &Path, body: &str) -> PathBuf {
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let text = format!("name = \"t\"\nmaster_seed = 99\n{body}")
        .replace("SCENARIO", &format!("{:?}", scenario.display().to_string()));
    let path = dir.join("sweep.toml");
    std::fs::write(&path, text).unwrap();
    path
}

const TWO_ARMS: &str = r#"replications = 3

[[arms]]
name = "base"
scenario = SCENARIO

[[arms]]
name = "tired"
scenario = SCENARIO
set = { "model.fatigue.duration_decay_per_year" = 0.3 }

[factors]
ticks = 16
"model.fatigue.cost_sensitivity" = [0.1, 0.6]
"#;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn results_do_not_depend_on_jobs_and_arms_share_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), TWO_ARMS);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    let run = run_sweep(&file, &one, &["--jobs", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("(12 runs, 12 run now, 0 already complete)"),
        "{}",
        run.stdout
    );
    assert_eq!(run_sweep(&file, &two, &["--jobs", "2"]).code, 0);
    for file in ["runs.csv", "ensemble.csv"] {
        assert!(
            bytes(&one.join(file)) == bytes(&two.join(file)),
            "{file} depends on --jobs"
        );
    }
    let (header, rows) = read_csv(&one.join("runs.csv"));
    assert_eq!(
        &header[..7],
        [
            "run_id",
            "run_index",
            "arm",
            "point",
            "replication",
            "factor.model.fatigue.cost_sensitivity",
            "factor.ticks"
        ]
    );
    assert_eq!(rows.len(), 12);
    let seed = header.iter().position(|h| h == "seed").unwrap();
    for replication in ["0", "1", "2"] {
        let seeds: Vec<&str> = rows
            .iter()
            .filter(|r| r[4] == replication)
            .map(|r| r[seed].as_str())
            .collect();
        assert_eq!(seeds.len(), 4);
        assert!(
            seeds.iter().all(|s| *s == seeds[0]),
            "common random numbers: {seeds:?}"
        );
    }
    let (_, ensemble) = read_csv(&one.join("ensemble.csv"));
    assert_eq!(
        ensemble.len(),
        2 * 2 * 16 * sgsim_cli::sweep::METRICS.len(),
        "arms × points × ticks × metrics"
    );
    assert!(
        ensemble.iter().all(|r| r[5] == "3"),
        "three replications per cell"
    );
}

#[test]
fn merged_shards_equal_the_unsharded_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), TWO_ARMS);
    let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
    assert_eq!(run_sweep(&file, &whole, &[]).code, 0);
    let early = sgsim(&["merge", parts.to_str().unwrap()]);
    assert_eq!(early.code, 5, "nothing to merge yet");
    for shard in ["0/3", "2/3"] {
        let run = run_sweep(&file, &parts, &["--shard", shard]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let incomplete = sgsim(&["merge", parts.to_str().unwrap()]);
    assert_eq!(incomplete.code, 5);
    assert!(
        incomplete
            .stderr
            .contains("missing shard folders: shard-1-of-3"),
        "{}",
        incomplete.stderr
    );
    // The third shard comes from the Slurm array variables instead of --shard.
    let run = Command::new(sgsim_exe())
        .current_dir(workspace_root())
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            parts.to_str().unwrap(),
        ])
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .env("SLURM_ARRAY_TASK_MIN", "0")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(parts.join("shard-1-of-3/manifest.toml").is_file());
    let merged = sgsim(&["merge", parts.to_str().unwrap()]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    for file in ["runs.csv", "ensemble.csv"] {
        assert!(
            bytes(&whole.join(file)) == bytes(&parts.join(file)),
            "{file} differs after merging shards"
        );
    }
}

/// A sweep long enough to be stopped part-way.
fn long_sweep(dir: &Path) -> PathBuf {
    // Long enough that the sweep is still running when the signal lands, even on a loaded
    // machine where the test thread may wait a while between its check and the kill.
    let (reps, ticks) = if cfg!(debug_assertions) {
        (60, 60)
    } else {
        (1500, 260)
    };
    sweep_file(
        dir,
        &format!("replications = {reps}\nscenario = SCENARIO\n\n[factors]\nticks = {ticks}\n"),
    )
}

fn journal_lines(out: &Path) -> usize {
    std::fs::read_to_string(out.join(".state/journal.csv"))
        .map(|t| t.matches('\n').count())
        .unwrap_or(0)
}

/// Starts a sweep and stops it with `signal` once a few runs are journaled.
fn start_and_stop(file: &Path, out: &Path, signal: &str) -> (std::process::ExitStatus, usize) {
    let mut child = Command::new(sgsim_exe())
        .current_dir(workspace_root())
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--jobs",
            "2",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while journal_lines(out) < 5 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the sweep finished before it could be stopped"
        );
        assert!(Instant::now() < deadline, "no run finished in time");
        std::thread::sleep(Duration::from_millis(2));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    (status, journal_lines(out))
}

#[test]
fn a_killed_sweep_resumes_without_losing_or_repeating_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_sweep(dir.path());
    let (reference, resumed) = (dir.path().join("reference"), dir.path().join("resumed"));
    assert_eq!(run_sweep(&file, &reference, &[]).code, 0);
    let total = read_csv(&reference.join("runs.csv")).1.len();
    let (status, done) = start_and_stop(&file, &resumed, "-KILL");
    assert!(!status.success());
    assert!(done < total, "stopped part-way: {done} of {total}");
    assert!(
        !resumed.join("runs.csv").exists(),
        "no results before every run is done"
    );
    // The run index is never trusted over the journal: a damaged first record and a torn
    // last one change nothing, since resuming rebuilds it from the journal.
    let index = resumed.join(".state/index.bin");
    let mut damaged = std::fs::read(&index).unwrap();
    assert_eq!(damaged.len(), total * 16, "one 16-byte record per run");
    damaged[..16].fill(0xAB);
    damaged.truncate(damaged.len() - 9);
    std::fs::write(&index, damaged).unwrap();
    let run = run_sweep(&file, &resumed, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skipped: usize = run
        .stdout
        .trim()
        .split(", ")
        .find_map(|p| {
            p.strip_suffix(" already complete)")
                .and_then(|n| n.parse().ok())
        })
        .unwrap();
    assert!(
        skipped >= done.saturating_sub(1) && skipped < total,
        "finished runs were kept: {}",
        run.stdout
    );
    for file in ["runs.csv", "ensemble.csv"] {
        assert!(
            bytes(&reference.join(file)) == bytes(&resumed.join(file)),
            "{file} differs after kill -9 and resume"
        );
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_keeps_finished_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_sweep(dir.path());
    let out = dir.path().join("out");
    let (status, done) = start_and_stop(&file, &out, "-INT");
    assert_eq!(status.code(), Some(130));
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("interrupted"));
    assert!(
        manifest["error"]
            .as_str()
            .unwrap()
            .contains("run the same command again")
    );
    assert!(done >= 5);
    assert!(!out.join("runs.csv").exists());
    let run = run_sweep(&file, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("complete"));
}

#[test]
fn morris_screening_ranks_a_factor_that_matters_above_one_that_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(
        dir.path(),
        r#"replications = 2
scenario = SCENARIO

[design]
kind = "morris"
trajectories = 4
levels = 4

[factors]
ticks = 30
"model.fatigue.duration_decay_per_year" = { min = 0.0, max = 1.0 }
"model.coalition.transit_weeks" = { min = 1, max = 8, integer = true }
"#,
    );
    let out = dir.path().join("out");
    let run = run_sweep(&file, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&out.join("sensitivity.csv"));
    assert_eq!(
        header,
        ["arm", "factor", "outcome", "n", "mu", "mu_star", "sigma"]
    );
    let mu_star = |factor: &str, outcome: &str| -> f64 {
        rows.iter()
            .find(|r| r[1] == factor && r[2] == outcome)
            .unwrap_or_else(|| panic!("{factor} {outcome}"))[5]
            .parse()
            .unwrap()
    };
    assert!(mu_star("model.fatigue.duration_decay_per_year", "aid_pledged") > 0.0);
    assert_eq!(
        mu_star("model.coalition.transit_weeks", "aid_pledged"),
        0.0,
        "no unit moves in the baseline"
    );
    assert_eq!(
        read_csv(&out.join("runs.csv")).1.len(),
        4 * 3 * 2,
        "trajectories × (k + 1) × replications"
    );
}

#[test]
fn full_traces_give_each_run_a_complete_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(
        dir.path(),
        "replications = 2\nscenario = SCENARIO\n\n[factors]\nticks = 4\n",
    );
    let out = dir.path().join("out");
    assert_eq!(run_sweep(&file, &out, &["--traces", "full"]).code, 0);
    for folder in ["baseline-p0-r0", "baseline-p0-r1"] {
        let manifest =
            std::fs::read_to_string(out.join("traces").join(folder).join("manifest.toml")).unwrap();
        assert!(manifest.contains("status = \"complete\""), "{folder}");
        assert_eq!(
            read_csv(&out.join("traces").join(folder).join("resolve.csv"))
                .1
                .len(),
            4 * 34
        );
    }
}

#[test]
fn bad_sweep_files_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 6] = [
        (
            "replications = 2\nscenario = SCENARIO\nreplicatons = 3\n",
            "unknown field `replicatons`",
            "sweep.toml:5:1",
        ),
        (
            "replications = 2\nscenario = SCENARIO\n\n[factors]\n\"model.battle.fog\" = { min = 0.5, max = 0.1 }\n",
            "range [0.5, 0.1] must be finite with min < max",
            "key `factors.\"model.battle.fog\"`",
        ),
        (
            "replications = 2\nscenario = SCENARIO\n\n[factors]\n\"model.battle.fog\" = { min = 0.0, max = 0.1 }\n",
            "a range needs design kind",
            "sweep.toml:7:",
        ),
        (
            "replications = 2\nscenario = SCENARIO\n\n[design]\nkind = \"lhs\"\n",
            "random and lhs designs need `samples`",
            "key `design`",
        ),
        (
            "replications = 2\nscenario = SCENARIO\n\n[factors]\nseed = [1, 2]\n",
            "a sweep cannot set them",
            "key `factors.seed`",
        ),
        (
            "replications = 2\nscenario = SCENARIO\n\n[factors]\n\"model.fatigue.nonsense\" = [1.0, 2.0]\n",
            "factor `model.fatigue.nonsense` = 1.0 of sweep.toml",
            "unknown field `nonsense`",
        ),
    ];
    for (body, message, place) in cases {
        let file = sweep_file(dir.path(), body);
        let run = run_sweep(&file, &dir.path().join("out"), &[]);
        assert_eq!(run.code, 3, "{body}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{body}: {}", run.stderr);
        assert!(run.stderr.contains(place), "{body}: {}", run.stderr);
    }
}

#[test]
fn the_shipped_post_ceasefire_sweep_runs_every_arm_at_every_support_floor() {
    let dir = tempfile::tempdir().unwrap();
    let file = sgsim_tests::workspace_root().join("configs/sweeps/post_ceasefire_guarantees.toml");
    let out = dir.path().join("out");
    let run = run_sweep(&file, &out, &["--jobs", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = sgsim_tests::read_csv(&out.join("runs.csv"));
    assert_eq!(rows.len(), 4 * 3 * 20);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (arm, floor, credibility) = (
        col("arm"),
        col("factor.model.fatigue.support_floor"),
        col("guarantee_credibility_mean"),
    );
    for name in [
        "nato_membership",
        "coalition_guarantee",
        "korean_armistice",
        "reassurance_force",
    ] {
        for level in ["0.3", "0.4", "0.5"] {
            let cell: Vec<_> = rows
                .iter()
                .filter(|r| r[arm] == name && r[floor].parse::<f64>().unwrap().to_string() == level)
                .collect();
            assert_eq!(cell.len(), 20, "{name} at {level}");
            assert!(
                cell.iter()
                    .all(|r| r[credibility].parse::<f64>().unwrap() > 0.0),
                "every post-ceasefire arrangement has a credibility ({name})"
            );
        }
    }
}
