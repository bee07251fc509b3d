//! Slurm: a sweep run as a real job array, one shard per array task, merges into the same
//! `runs.csv` and `ensemble.csv` as the unsharded sweep; the example batch script does too.
//!
//! These tests need a Slurm cluster and run only with `SWEEP_SLURM=1` (CI sets it after
//! `ci/slurm-local-cluster.sh up`, which starts a one-node cluster on localhost). Without it
//! they say so and pass without touching Slurm: probing for a controller with `sinfo`
//! would take about 9 s when none is running.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sgsim_tests::{sgsim, sgsim_exe, workspace_root};

/// How long one `sbatch --wait` may take before the job is cancelled and the test fails.
const WAIT: Duration = Duration::from_secs(120);

/// The example batch script of docs/CLUSTER.md.
const EXAMPLE_SCRIPT: &str = "docs/examples/sweep-array.sbatch";

/// Whether the Slurm tests are asked for; if not, says why the test is skipped.
fn slurm_enabled() -> bool {
    if std::env::var("SWEEP_SLURM").as_deref() == Ok("1") {
        return true;
    }
    eprintln!(
        "skipped: set SWEEP_SLURM=1 and start ci/slurm-local-cluster.sh up to run the Slurm test"
    );
    false
}

/// Eight runs: four replications of a two-level factor, twelve ticks each.
fn small_sweep(dir: &Path) -> PathBuf {
    let scenario = workspace_root().join("configs/scenarios/baseline.toml");
    let text = format!(
        "name = \"slurm\"\nmaster_seed = 7\nreplications = 4\nscenario = {:?}\n\n\
         [factors]\nticks = 12\n\"model.fatigue.cost_sensitivity\" = [0.1, 0.6]\n",
        scenario.display().to_string()
    );
    let path = dir.join("sweep.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The unsharded sweep, run here (never as a shard, even if this test runs in a Slurm job).
fn local_sweep(file: &Path, out: &Path) {
    let run = Command::new(sgsim_exe())
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env_remove("SGSIM_PLUGIN_PATH")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("SLURM_ARRAY_TASK_COUNT")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Quotes `path` for the shell of a `--wrap` command.
fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// The `slurm-*.out` files of the array's tasks, for failure messages.
fn task_logs(dir: &Path) -> String {
    let mut logs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    logs.retain(|p| p.extension().is_some_and(|e| e == "out"));
    logs.sort();
    logs.iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            format!("--- {}\n{text}", p.display())
        })
        .collect()
}

/// Submits a two-task array with `sbatch --wait` from `dir` and waits for every task, at
/// most [`WAIT`], cancelling the job if it has not ended by then. `job` is the submission without
/// `sbatch` and its common options: `["--wrap", "..."]` or a script.
///
/// `dir` comes from `tempfile` (mode 0700, owned by the user running the test); the tasks
/// run as that same user on this machine, so they can read and write it.
fn run_array(dir: &Path, name: &str, job: &[&str], env: &[(&str, &Path)]) {
    let name = format!("sgsim-test-{name}-{}", std::process::id());
    let mut command = Command::new("sbatch");
    command
        .args([
            "--wait",
            "--quiet",
            "--array=0-1",
            "--cpus-per-task=1",
            "--time=5",
        ])
        .arg(format!("--job-name={name}"))
        .arg(format!("--chdir={}", dir.display()))
        .arg("-o")
        .arg(dir.join("slurm-%A_%a.out"))
        .args(job)
        .env_remove("SGSIM_PLUGIN_PATH")
        .env_remove("SWEEP_SHARDS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let started = Instant::now();
    let mut child = command
        .spawn()
        .expect("run sbatch (is Slurm installed? see ci/slurm-local-cluster.sh)");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > WAIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let Some(status) = status else {
        let _ = Command::new("scancel")
            .arg(format!("--name={name}"))
            .status();
        panic!(
            "the job array {name} did not finish in {WAIT:?}; cancelled it\n{}",
            task_logs(dir)
        );
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stderr);
    }
    // The largest exit code of the tasks. It is 0 too when sbatch found the job already
    // purged, so the callers check the shard folders as well.
    assert!(
        status.success(),
        "sbatch {status}: {stderr}\n{}",
        task_logs(dir)
    );
    eprintln!(
        "slurm: job array {name} finished in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Both shard manifests say complete with their four runs, the merge succeeds, and its
/// results are byte-identical to the unsharded sweep's.
fn assert_merges_to(parts: &Path, whole: &Path, logs: &Path) {
    for index in 0..2 {
        let path = parts.join(format!("shard-{index}-of-2/manifest.toml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e}\n{}", path.display(), task_logs(logs));
        });
        let manifest: toml::Table = text.parse().unwrap();
        assert_eq!(
            manifest["status"].as_str(),
            Some("complete"),
            "{}",
            path.display()
        );
        assert_eq!(
            manifest["shard"].as_str(),
            Some(format!("{index}/2").as_str())
        );
        assert_eq!(manifest["runs_in_folder"].as_integer(), Some(4));
        assert_eq!(manifest["runs_done"].as_integer(), Some(4));
    }
    let merged = sgsim(&["merge", parts.to_str().unwrap()]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    for file in ["runs.csv", "ensemble.csv"] {
        let (a, b) = (whole.join(file), parts.join(file));
        assert!(
            std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
            "{file} of the merged Slurm shards differs from the unsharded sweep"
        );
    }
}

#[test]
fn a_slurm_job_array_merges_into_the_unsharded_results() {
    if !slurm_enabled() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = small_sweep(dir.path());
    let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
    local_sweep(&file, &whole);
    // No --shard: each task takes its shard from the SLURM_ARRAY_* variables.
    let wrap = format!(
        "{} sweep {} --out {}",
        quote(&sgsim_exe()),
        quote(&file),
        quote(&parts)
    );
    run_array(dir.path(), "wrap", &["--wrap", &wrap], &[]);
    assert_merges_to(&parts, &whole, dir.path());
}

#[test]
fn the_example_batch_script_runs_a_sweep_as_a_job_array() {
    if !slurm_enabled() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = small_sweep(dir.path());
    let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
    local_sweep(&file, &whole);
    let script = workspace_root().join(EXAMPLE_SCRIPT);
    let exe = sgsim_exe();
    // The options given here override the script's #SBATCH lines (4 tasks of 4 CPUs).
    run_array(
        dir.path(),
        "script",
        &[script.to_str().unwrap()],
        &[
            ("SGSIM_BIN", &exe),
            ("SWEEP_FILE", &file),
            ("SWEEP_OUT", &parts),
        ],
    );
    assert_merges_to(&parts, &whole, dir.path());
}

#[test]
fn the_example_batch_script_is_valid_bash_and_shown_in_the_guide() {
    let script = workspace_root().join(EXAMPLE_SCRIPT);
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("#SBATCH --array=0-"), "a job array");
    assert!(text.contains("--jobs \"$JOBS\""), "one run per CPU");
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("run bash");
    assert!(status.success(), "bash -n {}", script.display());
    let guide = std::fs::read_to_string(workspace_root().join("docs/CLUSTER.md")).unwrap();
    assert!(
        guide.contains(&format!("```bash\n{text}```")),
        "docs/CLUSTER.md shows {EXAMPLE_SCRIPT} as it is"
    );
}
