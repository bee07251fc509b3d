//! Writing a plugin from the template: `sgsim new-plugin` makes a crate outside the
//! workspace that builds against the SDK, passes its own tests and runs in a scenario.

use std::path::Path;
use std::process::Command;

use sgsim_tests::{read_csv, sgsim_exe, workspace_root};

fn cargo(dir: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/template"))
        .env_remove("RUSTFLAGS")
        .status()
        .unwrap();
    assert!(status.success(), "cargo {args:?} in {}", dir.display());
}

fn sgsim_with_plugins(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(sgsim_exe())
        .current_dir(dir)
        .args(args)
        .env(
            "SGSIM_PLUGIN_PATH",
            workspace_root().join("target/template/debug"),
        )
        .output()
        .unwrap()
}

#[test]
fn a_generated_plugin_builds_tests_and_runs_for_every_role() {
    let dir = tempfile::tempdir().unwrap();
    for (name, role) in [
        ("tmpl_capital", "capital"),
        ("tmpl_kremlin", "kremlin"),
        ("tmpl_kyiv", "kyiv"),
        ("tmpl_coalition", "coalition"),
    ] {
        let made = sgsim_with_plugins(
            dir.path(),
            &["new-plugin", name, "--role", role, "--dir", "."],
        );
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let crate_dir = dir.path().join(format!("policy-{name}"));
        for file in ["Cargo.toml", "README.md", "scenario.toml", "src/lib.rs"] {
            assert!(crate_dir.join(file).is_file(), "{file}");
        }
        cargo(&crate_dir, &["test", "--quiet"]);
        cargo(&crate_dir, &["build", "--quiet"]);
        let run = sgsim_with_plugins(
            &crate_dir,
            &[
                "run",
                "scenario.toml",
                "--ticks",
                "8",
                "--out",
                "out",
                "--decisions",
            ],
        );
        assert!(
            run.status.success(),
            "{role}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let (_, decisions) = read_csv(&crate_dir.join("out/decisions.csv"));
        assert!(
            decisions
                .iter()
                .any(|r| r[3] == role && r[4] == name && r[5] == name),
            "{role}: the generated policy decided"
        );
    }
    let again = sgsim_with_plugins(dir.path(), &["new-plugin", "tmpl_kyiv", "--dir", "."]);
    assert_eq!(
        again.status.code(),
        Some(5),
        "an existing folder is not overwritten"
    );
    let bad = sgsim_with_plugins(dir.path(), &["new-plugin", "Bad-Name"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_generated_kremlin_policy_drives_the_war() {
    let dir = tempfile::tempdir().unwrap();
    let made = sgsim_with_plugins(
        dir.path(),
        &["new-plugin", "tmpl_calm", "--role", "kremlin", "--dir", "."],
    );
    assert!(made.status.success());
    let crate_dir = dir.path().join("policy-tmpl_calm");
    cargo(&crate_dir, &["build", "--quiet"]);
    let intensity = |value: &str, out: &str| -> f64 {
        let run = sgsim_with_plugins(
            &crate_dir,
            &[
                "run",
                "scenario.toml",
                "--ticks",
                "6",
                "--out",
                out,
                "--set",
                &format!("policies.kremlin.params.base_intensity={value}"),
            ],
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let (_, war) = read_csv(&crate_dir.join(out).join("war.csv"));
        war.iter().map(|r| r[3].parse::<f64>().unwrap()).sum()
    };
    assert_eq!(intensity("0.0", "calm"), 0.0);
    assert!(intensity("0.9", "fierce") > 2.0);
}
