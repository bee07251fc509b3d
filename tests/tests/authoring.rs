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

/// The walkthrough of docs/PLUGINS.md, "Write your own policy in Rust", steps 3 to 7: what
/// `cargo test`, `sgsim plugins`, `sgsim run` and the traces show for the generated `steady`
/// policy, kept in the doc's generated blocks (`SGSIM_BLESS=1` rewrites them). It lives here
/// rather than in `docs` because it builds a crate.
#[test]
fn plugins_md_walkthrough_shows_what_the_generated_plugin_gives() {
    use sgsim_tests::docs::{check_block, fenced};
    const DOC: &str = "docs/PLUGINS.md";
    let dir = tempfile::tempdir().unwrap();
    let made = sgsim_with_plugins(dir.path(), &["new-plugin", "steady", "--role", "capital"]);
    assert!(made.status.success());
    let crate_dir = dir.path().join("policy-steady");
    // The crate's own target/ is the shared template target, so that the SDK builds once.
    let shared = workspace_root().join("target/template");
    std::fs::create_dir_all(&shared).unwrap();
    std::os::unix::fs::symlink(&shared, crate_dir.join("target")).unwrap();
    let tested = Command::new(env!("CARGO"))
        .current_dir(&crate_dir)
        .args(["test"])
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    assert!(
        tested.status.success(),
        "{}",
        String::from_utf8_lossy(&tested.stderr)
    );
    let stdout = String::from_utf8_lossy(&tested.stdout);
    let unit: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("running "))
        .take_while(|l| !l.starts_with("test result: "))
        .collect();
    let result = stdout
        .lines()
        .find(|l| l.starts_with("test result: "))
        .unwrap();
    let result = match result.find("finished in ") {
        Some(at) => format!("{}finished in …", &result[..at]),
        None => result.to_owned(),
    };
    check_block(
        DOC,
        "plugins-rust-test",
        &fenced(
            "text",
            &format!(
                "$ cd policy-steady\n$ cargo test\n...\n{}\n{result}\n",
                unit.join("\n")
            ),
        ),
    );
    cargo(&crate_dir, &["build", "--quiet"]);
    let listed = Command::new(sgsim_exe())
        .current_dir(&crate_dir)
        .args(["plugins", "--dir", "target/debug"])
        .env_remove("SGSIM_PLUGIN_PATH")
        .output()
        .unwrap();
    // The shared folder also holds the other tests' plugins: keep `steady`'s entry.
    let listed = String::from_utf8_lossy(&listed.stdout);
    let entry: String = listed
        .lines()
        .skip_while(|l| *l != "steady 0.1.0")
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with("  "))
        .map(|(_, l)| match l.strip_prefix("  sha256: ") {
            Some(_) => "  sha256: …\n".to_owned(),
            None => format!("{l}\n"),
        })
        .collect();
    assert!(!entry.is_empty(), "{listed}");
    check_block(
        DOC,
        "plugins-rust-plugins",
        &fenced(
            "text",
            &format!("$ sgsim plugins --dir target/debug\n{entry}"),
        ),
    );
    let run = |args: &[&str]| -> String {
        let out = Command::new(sgsim_exe())
            .current_dir(&crate_dir)
            .args(args)
            .env_remove("SGSIM_PLUGIN_PATH")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let aid_lines = |folder: &str, keep: &dyn Fn(&[&str]) -> bool, n: usize| -> String {
        let text = std::fs::read_to_string(crate_dir.join(folder).join("aid_flows.csv")).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .skip(1)
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| keep(&l.split(',').collect::<Vec<_>>()))
            .take(n)
            .collect();
        fenced("csv", &(lines.join("\n") + "\n"))
    };
    let wrote = run(&["run", "scenario.toml", "--out", "output/steady"]);
    check_block(
        DOC,
        "plugins-rust-run",
        &fenced(
            "text",
            &format!("$ sgsim run scenario.toml --out output/steady\n{wrote}"),
        ),
    );
    check_block(
        DOC,
        "plugins-rust-aid",
        &aid_lines(
            "output/steady",
            &|r| r[0] == "0" && ["DEU", "HUN", "USA"].contains(&r[2]) && r[5] == "military",
            3,
        ),
    );
    let text = std::fs::read_to_string(workspace_root().join(DOC)).unwrap();
    let start = text.find("```toml\nname = \"steady-hungary\"\n").unwrap() + 8;
    let scenario = &text[start..start + text[start..].find("```\n").unwrap()];
    std::fs::create_dir_all(crate_dir.join("scenarios")).unwrap();
    std::fs::write(
        crate_dir.join("scenarios/steady-hungary.toml"),
        scenario.replace("/path/to/sgsim", &workspace_root().display().to_string()),
    )
    .unwrap();
    let wrote = run(&[
        "run",
        "scenarios/steady-hungary.toml",
        "--out",
        "output/steady-hungary",
    ]);
    check_block(
        DOC,
        "plugins-rust-hungary-run",
        &fenced(
            "text",
            &format!(
                "$ sgsim run scenarios/steady-hungary.toml --out output/steady-hungary\n{wrote}"
            ),
        ),
    );
    check_block(
        DOC,
        "plugins-rust-hungary-aid",
        &aid_lines(
            "output/steady-hungary",
            &|r| r[2] == "HUN" && r[4] == "ramstein" && r[5] == "military",
            2,
        ),
    );
}
