//! Helpers for the end-to-end tests: build the real binary and plugins once, find them,
//! run `sgsim` as a user would, and write small scenarios into temporary folders.
//!
//! `cargo test` does not build other members' cdylibs, so the first test that needs them
//! runs `cargo build` for the binary and the plugins (in the same profile as the tests) and
//! every later test reuses the result.

pub mod docs;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `target/<profile>`, where Cargo put this test binary's dependencies and the plugins.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let deps = exe.parent().expect("deps dir");
    deps.parent().expect("profile dir").to_path_buf()
}

fn cargo_build(extra: &[&str], target_dir: Option<&Path>, rustflags: Option<&str>) {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(workspace_root())
        .arg("build")
        .args(extra);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    if let Some(dir) = target_dir {
        command.env("CARGO_TARGET_DIR", dir);
    }
    if let Some(flags) = rustflags {
        command.env("RUSTFLAGS", flags);
    } else {
        command.env_remove("RUSTFLAGS");
    }
    let status = command.status().expect("run cargo build");
    assert!(status.success(), "cargo build {extra:?} failed");
}

/// Builds `sgsim` and the real plugins, and the fixture plugins into `target/fixtures`, once.
pub fn build() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        cargo_build(
            &[
                "-p",
                "sgsim-cli",
                "-p",
                "policy-baseline",
                "-p",
                "policy-kremlin",
                "-p",
                "policy-capitals",
                "-p",
                "policy-kyiv",
                "-p",
                "policy-coalition",
            ],
            None,
            None,
        );
        cargo_build(
            &["--manifest-path", FIXTURES_MANIFEST],
            Some(&fixtures_target()),
            None,
        );
    });
}

/// The fixture plugins' own workspace.
const FIXTURES_MANIFEST: &str = "tests/fixtures/plugins/Cargo.toml";

fn fixtures_target() -> PathBuf {
    workspace_root().join("target").join("fixtures")
}

fn profile_name() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// The `sgsim` binary.
pub fn sgsim_exe() -> PathBuf {
    build();
    profile_dir().join(format!("sgsim{}", std::env::consts::EXE_SUFFIX))
}

/// A built plugin file by crate name (`policy-baseline` → `libpolicy_baseline.so`); the
/// fixtures (`policy-faulty`, `policy-wrong-abi`, `policy-no-vtable`) come from their own
/// target folder.
pub fn plugin_path(crate_name: &str) -> PathBuf {
    build();
    let fixtures = ["policy-faulty", "policy-wrong-abi", "policy-no-vtable"];
    let dir = if !fixtures.contains(&crate_name) {
        profile_dir()
    } else {
        fixtures_target().join(profile_name())
    };
    dir.join(format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        crate_name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    ))
}

/// The faulty fixture plugin built with `panic = "abort"`, in its own target folder.
pub fn abort_plugin_path() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let target = workspace_root().join("target").join("fixtures-panic-abort");
            cargo_build(
                &["--manifest-path", FIXTURES_MANIFEST, "-p", "policy-faulty"],
                Some(&target),
                Some("-C panic=abort"),
            );
            target.join(profile_name()).join(format!(
                "{}policy_faulty{}",
                std::env::consts::DLL_PREFIX,
                std::env::consts::DLL_SUFFIX
            ))
        })
        .clone()
}

/// The result of one `sgsim` invocation.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The folder the tests give `sgsim` as its cache (`SGSIM_CACHE_DIR`: the plugins it has
/// test-loaded), so that the tests never write to the user's home.
pub fn cache_dir() -> PathBuf {
    workspace_root().join("target").join("sgsim-test-cache")
}

/// A `sgsim` command in `cwd` as the tests run it: no plugin path from the environment and
/// the tests' cache folder.
pub fn sgsim_command(cwd: &Path) -> Command {
    let mut command = Command::new(sgsim_exe());
    command
        .current_dir(cwd)
        .env_remove("SGSIM_PLUGIN_PATH")
        .env("SGSIM_CACHE_DIR", cache_dir());
    command
}

/// Runs `sgsim` with `args` in `cwd`, with no plugin path from the environment.
pub fn sgsim_in(cwd: &Path, args: &[&str]) -> Run {
    let output: Output = sgsim_command(cwd).args(args).output().expect("run sgsim");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `sgsim` from the workspace root.
pub fn sgsim(args: &[&str]) -> Run {
    sgsim_in(&workspace_root(), args)
}

/// Runs `sgsim sweep FILE --out OUT` with `extra` arguments.
pub fn sgsim_sweep(file: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    sgsim(&args)
}

/// Runs the shipped sweep `configs/sweeps/NAME.toml` on two jobs into a temporary folder,
/// checks that it succeeded and returns its `runs.csv` as a header and rows.
pub fn run_shipped_sweep(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    let file = workspace_root().join(format!("configs/sweeps/{name}.toml"));
    let run = sgsim_sweep(&file, &out, &["--jobs", "2"]);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    read_csv(&out.join("runs.csv"))
}

/// The real data folder, as a TOML string value.
pub fn data_dir_toml() -> String {
    format!(
        "{:?}",
        workspace_root()
            .join("configs")
            .join("data")
            .display()
            .to_string()
    )
}

/// A small scenario (every role on the baseline plugin) whose extra TOML is `extra`;
/// `header` goes before the tables (top-level keys).
pub fn scenario_text(header: &str, extra: &str) -> String {
    format!(
        "name = \"t\"\nstart_date = 2022-02-24\nticks = 6\nseed = 3\ndata_dir = {}\n{header}\n{extra}\n",
        data_dir_toml()
    )
}

/// Runs a scenario made of `header` and `tables` (see [`scenario_text`]) for `ticks` weeks
/// with `seed` in `dir/<label>-<seed>`, asserts it succeeded, and returns its output folder.
pub fn run_made_scenario(
    dir: &Path,
    label: &str,
    header: &str,
    tables: &str,
    ticks: u32,
    seed: u64,
) -> PathBuf {
    let run_dir = dir.join(format!("{label}-{seed}"));
    std::fs::create_dir_all(&run_dir).unwrap();
    let scenario = write_scenario(&run_dir, &scenario_text(header, tables));
    let out = run_dir.join("out");
    let result = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--ticks",
        &ticks.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.code, 0, "{label}: {}", result.stderr);
    out
}

/// Writes `text` as `scenario.toml` in `dir` and returns its path.
pub fn write_scenario(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("scenario.toml");
    std::fs::write(&path, text).expect("write scenario");
    path
}

/// SHA-256 of a file, lower-case hex.
pub fn sha256(path: &Path) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(std::fs::read(path).expect("read file"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a CSV file as a header and rows of strings.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// Compiles the C fault fixture (`tests/fixtures/c/faults.c`) with `defines` (`-D` flags
/// such as `CRASH_AT_TICK=3`) into `dir` as `libpolicy_<name>.so` declaring the plugin name
/// `name`; as C++ when `cxx`.
pub fn build_c_faults(dir: &Path, name: &str, defines: &[&str], cxx: bool) -> PathBuf {
    let library = dir.join(format!(
        "{}policy_{name}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let (compiler, language) = if cxx {
        (
            std::env::var("CXX").unwrap_or_else(|_| "c++".to_owned()),
            ["-x", "c++", "-std=c++17"],
        )
    } else {
        (
            std::env::var("CC").unwrap_or_else(|_| "cc".to_owned()),
            ["-x", "c", "-std=c11"],
        )
    };
    let mut command = Command::new(&compiler);
    command
        .args(language)
        .args([
            "-O1", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-I",
        ])
        .arg(workspace_root().join("crates/sgsim-abi/include"))
        .arg(format!("-DPLUGIN_NAME=\"{name}\""));
    for define in defines {
        command.arg(format!("-D{define}"));
    }
    let status = command
        .arg(workspace_root().join("tests/fixtures/c/faults.c"))
        .arg("-o")
        .arg(&library)
        .status()
        .unwrap_or_else(|e| panic!("run the compiler {compiler} (set CC or CXX): {e}"));
    assert!(status.success(), "the C fault fixture does not build");
    library
}

/// A scenario in which Kyiv is decided by the plugin `plugin` (policy `steady`) found in
/// `dir`, with `ticks` weeks.
pub fn kyiv_scenario(dir: &Path, plugin: &str, ticks: u32) -> String {
    scenario_text(
        &format!("plugin_dirs = [{:?}]", dir.display().to_string()),
        &format!("[policies.kyiv]\nplugin = \"{plugin}\"\npolicy = \"steady\"\n"),
    )
    .replace("ticks = 6\n", &format!("ticks = {ticks}\n"))
}
