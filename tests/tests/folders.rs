//! Run and sweep folders are locked while sgsim writes them: a second writer is refused at
//! once naming the holder, a dead run is told from a live one, a sweep never lands in a
//! run's folder, and a plan too big to run is refused at once with its size.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use sgsim_tests::{sgsim, sgsim_command, workspace_root};

fn sweep_file(dir: &Path, replications: u32, ticks: u32) -> std::path::PathBuf {
    let path = dir.join("sweep.toml");
    std::fs::write(
        &path,
        format!(
            "name = \"t\"\nmaster_seed = 5\nreplications = {replications}\nscenario = {:?}\n\n[factors]\nticks = {ticks}\n",
            workspace_root()
                .join("configs/scenarios/baseline.toml")
                .display()
                .to_string()
        ),
    )
    .unwrap();
    path
}

fn journal_lines(out: &Path) -> usize {
    std::fs::read_to_string(out.join(".state/journal.csv"))
        .map(|t| t.matches('\n').count())
        .unwrap_or(0)
}

/// Starts `sgsim args` and waits until `out` has a journal line.
fn start_until_journaled(args: &[&str], out: &Path) -> Child {
    let mut child = sgsim_command(&workspace_root())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while journal_lines(out) < 1 {
        assert!(child.try_wait().unwrap().is_none(), "finished too soon");
        assert!(Instant::now() < deadline, "no run finished in time");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

fn kill9(child: &mut Child) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let _ = child.wait();
}

#[test]
fn a_second_sweep_into_a_folder_in_use_is_refused_at_once_and_a_killed_one_is_dead() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), 3000, 260);
    let out = dir.path().join("out");
    let args = [
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "1",
    ];
    let mut first = start_until_journaled(&args, &out);
    let started = Instant::now();
    let second = sgsim(&args);
    let took = started.elapsed();
    assert_eq!(second.code, 5, "{}", second.stderr);
    assert!(
        second.stderr.contains(&format!(
            "{} is in use by another sgsim (pid {} on host ",
            out.display(),
            first.id()
        )),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains("`sgsim sweep "), "{}", second.stderr);
    assert!(took < Duration::from_secs(5), "refused at once: {took:?}");
    let live = sgsim(&["status", out.to_str().unwrap()]);
    assert!(
        live.stdout
            .contains(&format!("sweep, running (pid {} on host ", first.id())),
        "{}",
        live.stdout
    );

    kill9(&mut first);
    let dead = sgsim(&["status", out.to_str().unwrap()]);
    assert_eq!(dead.code, 0, "{}", dead.stderr);
    assert!(
        dead.stdout.contains(
            "sweep, dead: its manifest says running, but no process holds its lock, so it crashed or was killed"
        ),
        "{}",
        dead.stdout
    );
}

#[test]
fn a_killed_shard_is_named_dead_by_merge() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), 3000, 260);
    let out = dir.path().join("out");
    let mut shards = Vec::new();
    for shard in ["0/2", "1/2"] {
        let shard_out = out.join(format!("shard-{}-of-2", &shard[..1]));
        shards.push(start_until_journaled(
            &[
                "sweep",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--shard",
                shard,
                "--jobs",
                "1",
            ],
            &shard_out,
        ));
    }
    for child in &mut shards {
        kill9(child);
    }
    let merged = sgsim(&["merge", out.to_str().unwrap()]);
    assert_eq!(merged.code, 5, "{}", merged.stderr);
    assert!(
        merged.stderr.contains(&format!(
            "{} is not complete: dead: its manifest says running, but no process holds its lock, so it crashed or was killed",
            out.join("shard-0-of-2").display()
        )),
        "{}",
        merged.stderr
    );
    assert!(
        merged
            .stderr
            .contains("run that shard again (it resumes) before merging"),
        "{}",
        merged.stderr
    );
}

#[test]
fn a_sweep_into_a_runs_folder_and_a_run_into_a_sweeps_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run_out = dir.path().join("run");
    let run = sgsim(&[
        "run",
        "configs/scenarios/baseline.toml",
        "--ticks",
        "3",
        "--out",
        run_out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = std::fs::read(run_out.join("manifest.toml")).unwrap();
    let file = sweep_file(dir.path(), 2, 3);
    let sweep = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        run_out.to_str().unwrap(),
    ]);
    assert_eq!(sweep.code, 5, "{}", sweep.stderr);
    assert!(
        sweep.stderr.contains(&format!(
            "{} holds a single run of `sgsim run` (its manifest.toml names a scenario), not a sweep",
            run_out.display()
        )),
        "{}",
        sweep.stderr
    );
    assert_eq!(
        std::fs::read(run_out.join("manifest.toml")).unwrap(),
        manifest
    );
    assert!(!run_out.join(".state").exists());

    let sweep_out = dir.path().join("sweep");
    let ok = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        sweep_out.to_str().unwrap(),
    ]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let into = sgsim(&[
        "run",
        "configs/scenarios/baseline.toml",
        "--out",
        sweep_out.to_str().unwrap(),
        "--overwrite",
    ]);
    assert_eq!(into.code, 5, "{}", into.stderr);
    assert!(
        into.stderr.contains("holds a sweep")
            && into.stderr.contains("--overwrite does not replace a sweep"),
        "{}",
        into.stderr
    );
    assert!(sweep_out.join("runs.csv").is_file());
}

#[test]
fn a_run_killed_by_its_plugin_is_dead_not_running() {
    let dir = tempfile::tempdir().unwrap();
    sgsim_tests::build_c_faults(dir.path(), "c_faults", &["CRASH_AT_TICK=2"], false);
    let scenario = sgsim_tests::write_scenario(
        dir.path(),
        &sgsim_tests::kyiv_scenario(dir.path(), "c_faults", 6),
    );
    let out = dir.path().join("out");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.code, -1,
        "killed by SIGSEGV without isolation: {}",
        run.stderr
    );
    let manifest = std::fs::read_to_string(out.join("manifest.toml")).unwrap();
    assert!(manifest.contains("status = \"running\""), "{manifest}");
    let status = sgsim(&["status", out.to_str().unwrap()]);
    assert!(
        status.stdout.contains(&format!(
            "{}: run, dead: its manifest says running, but no process holds its lock, so it crashed or was killed (it was pid ",
            out.display()
        )),
        "{}",
        status.stdout
    );
    let again = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.code, 5);
    assert!(
        again
            .stderr
            .contains("is not empty (it holds a run that is dead: its manifest says running"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_huge_plan_is_refused_within_a_second_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), 1_000_000_000, 208);
    let started = Instant::now();
    let run = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "has 1000000000 runs (1 arm × 1 design point × 1000000000 replications), more than the limit of 1000000"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("17.1 TB of disk"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("pass --max-runs 1000000000 to run it anyway"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn a_sweep_prints_its_size_and_estimate_before_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = sweep_file(dir.path(), 4, 8);
    let run = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("sweep: 4 runs (1 arm × 1 design point × 4 replications); 4 to run on 2 jobs; the first took "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.contains(" so about ") && line.contains(" per run)"),
        "{line}"
    );
}

#[test]
fn ctrl_c_while_planning_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // Many design points: planning (resolving and checking each one) takes seconds.
    let levels: Vec<String> = (0..4000)
        .map(|i| format!("{}", 0.1 + f64::from(i) * 1e-5))
        .collect();
    let path = dir.path().join("plan.toml");
    std::fs::write(
        &path,
        format!(
            "master_seed = 1\nreplications = 1\nscenario = {:?}\n\n[factors]\n\"model.fatigue.cost_sensitivity\" = [{}]\n",
            workspace_root().join("configs/scenarios/baseline.toml").display().to_string(),
            levels.join(", ")
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let child = sgsim_command(&workspace_root())
        .args([
            "sweep",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !out.join(sgsim_cli::output::LOCK_FILE).exists() {
        assert!(
            Instant::now() < deadline,
            "the sweep never started planning"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "interrupted (SIGINT or SIGTERM) while planning, at arm baseline design point "
        ),
        "{stderr}"
    );
    assert!(stderr.contains("no run was started"), "{stderr}");
}

#[test]
fn a_resume_after_a_plugin_changed_names_the_plugin_file() {
    let dir = tempfile::tempdir().unwrap();
    let plugins = dir.path().join("plugins");
    std::fs::create_dir(&plugins).unwrap();
    let library = sgsim_tests::build_c_faults(&plugins, "c_faults", &[], false);
    let scenario = sgsim_tests::write_scenario(
        dir.path(),
        &sgsim_tests::kyiv_scenario(&plugins, "c_faults", 4),
    );
    let file = dir.path().join("sweep.toml");
    std::fs::write(
        &file,
        format!(
            "master_seed = 1\nreplications = 2\nscenario = {:?}\n",
            scenario.display().to_string()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let args = [
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(sgsim(&args).code, 0);
    // The same plugin rebuilt differently (a fault that never fires changes the bytes).
    sgsim_tests::build_c_faults(&plugins, "c_faults", &["ABORT_AT_TICK=9999"], false);
    let again = sgsim(&args);
    assert_eq!(again.code, 5, "{}", again.stderr);
    assert!(
        again.stderr.contains(&format!(
            "holds the runs of a different sweep: the plugin file {} changed since the sweep started",
            library.canonicalize().unwrap().display()
        )),
        "{}",
        again.stderr
    );
    assert!(
        !again.stderr.contains("its sweep file or design changed"),
        "{}",
        again.stderr
    );
}
