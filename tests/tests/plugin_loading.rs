//! The host refuses broken plugins at load, each with a message that says what to do.

use sgsim_host::{LoadError, load_plugin};
use sgsim_tests::{abort_plugin_path, plugin_path, sgsim};

#[test]
fn the_baseline_plugin_loads_with_one_policy_per_role() {
    let plugin = load_plugin(&plugin_path("policy-baseline")).expect("baseline loads");
    assert_eq!(plugin.name, "baseline");
    assert_eq!(plugin.abi_version, sgsim_abi::ABI_VERSION);
    let mut roles: Vec<u32> = plugin.policies.iter().map(|p| p.role).collect();
    roles.sort_unstable();
    assert_eq!(roles, vec![1, 2, 3, 4]);
    assert!(
        plugin
            .policies
            .iter()
            .all(|p| p.name == "default" && !p.description.is_empty())
    );
    assert_eq!(plugin.sha256, sgsim_tests::sha256(&plugin.path));
}

#[test]
fn a_plugin_built_for_another_abi_version_is_refused() {
    let path = plugin_path("policy-wrong-abi");
    match load_plugin(&path) {
        Err(LoadError::AbiMismatch {
            expected, found, ..
        }) => {
            assert_eq!(expected, sgsim_abi::ABI_VERSION);
            assert_eq!(found, sgsim_abi::ABI_VERSION + 1000);
        }
        other => panic!("expected an ABI mismatch, got {other:?}"),
    }
    let message = load_plugin(&path).unwrap_err().to_string();
    assert!(message.contains("rebuild the plugin"), "{message}");
}

#[test]
fn a_library_without_the_vtable_symbol_is_refused() {
    match load_plugin(&plugin_path("policy-no-vtable")) {
        Err(LoadError::MissingSymbol { symbol, .. }) => assert_eq!(symbol, "sgsim_plugin_vtable"),
        other => panic!("expected a missing symbol, got {other:?}"),
    }
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(sgsim_host::plugin_file_name("junk"));
    std::fs::write(&path, "this is not a shared library\n").unwrap();
    let err = load_plugin(&path).unwrap_err();
    assert!(matches!(err, LoadError::NotALibrary { .. }), "{err:?}");
    assert!(
        err.to_string().contains("is not a loadable shared library"),
        "{err}"
    );
}

#[test]
fn a_plugin_built_with_panic_abort_is_refused() {
    let path = abort_plugin_path();
    let err = load_plugin(&path).unwrap_err();
    assert!(matches!(err, LoadError::PanicAbort { .. }), "{err:?}");
    assert!(err.to_string().contains("panic = \"abort\""), "{err}");
}

#[test]
fn sgsim_plugins_lists_name_version_abi_policies_path_and_hash() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = plugin_path("policy-baseline");
    let copy = dir.path().join(baseline.file_name().unwrap());
    std::fs::copy(&baseline, &copy).unwrap();
    let run = sgsim(&["plugins", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("baseline 0.1.0\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("  abi_version: {}\n", sgsim_abi::ABI_VERSION))
    );
    assert!(
        run.stdout
            .contains(&format!("  sha256: {}\n", sgsim_tests::sha256(&copy)))
    );
    for role in ["capital", "kremlin", "kyiv", "coalition"] {
        assert!(
            run.stdout.contains(&format!("  policy {role}/default: ")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn sgsim_plugins_reports_unloadable_files_and_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = plugin_path("policy-wrong-abi");
    std::fs::copy(&wrong, dir.path().join(wrong.file_name().unwrap())).unwrap();
    let run = sgsim(&["plugins", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 4);
    assert!(run.stdout.contains("(not loadable)"), "{}", run.stdout);
    assert!(run.stdout.contains("ABI version"), "{}", run.stdout);
}

#[test]
fn a_plugin_pinned_by_sha256_must_match() {
    let dir = tempfile::tempdir().unwrap();
    let real = sgsim_tests::sha256(&plugin_path("policy-baseline"));
    let pinned = |hash: &str| {
        sgsim_tests::scenario_text(
            "",
            &format!("[policies.kremlin]\nplugin = \"baseline\"\nsha256 = \"{hash}\"\n"),
        )
    };
    let ok = sgsim_tests::write_scenario(dir.path(), &pinned(&real));
    assert_eq!(sgsim(&["validate", ok.to_str().unwrap()]).code, 0);
    let wrong = "0".repeat(64);
    let bad = sgsim_tests::write_scenario(dir.path(), &pinned(&wrong));
    let run = sgsim(&["validate", bad.to_str().unwrap()]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("key `policies.kremlin.sha256`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "has SHA-256 {real}, but the scenario pins {wrong}"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_truncated_plugin_is_refused_naming_the_file_in_run_plugins_and_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(plugin_path("policy-baseline")).unwrap();
    let shadow = dir.path().join("shadow");
    std::fs::create_dir(&shadow).unwrap();
    let cut = shadow.join(sgsim_host::plugin_file_name("baseline"));
    std::fs::write(&cut, &good[..good.len() / 9]).unwrap();
    let size = good.len() / 9;
    let expected = format!(
        "{} is truncated or damaged: the file has {size} bytes",
        cut.display()
    );
    let err = load_plugin(&cut).unwrap_err();
    assert!(matches!(err, LoadError::Damaged { .. }), "{err:?}");

    // A half-copied file on SGSIM_PLUGIN_PATH shadows the good one: it is refused by name.
    let env_run = |args: &[&str]| {
        let output = sgsim_tests::sgsim_command(&sgsim_tests::workspace_root())
            .env("SGSIM_PLUGIN_PATH", &shadow)
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let out = dir.path().join("out");
    let (code, _, stderr) = env_run(&[
        "run",
        "configs/scenarios/baseline.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("key `policies.capital.plugin`"), "{stderr}");
    let (code, stdout, _) = env_run(&["plugins"]);
    assert_eq!(code, Some(4));
    assert!(stdout.contains(&expected), "{stdout}");
    let sweep = dir.path().join("sweep.toml");
    std::fs::write(
        &sweep,
        format!(
            "master_seed = 1\nreplications = 1\nscenario = {:?}\n",
            sgsim_tests::workspace_root()
                .join("configs/scenarios/baseline.toml")
                .display()
                .to_string()
        ),
    )
    .unwrap();
    let (code, _, stderr) = env_run(&[
        "sweep",
        sweep.to_str().unwrap(),
        "--out",
        dir.path().join("sw").to_str().unwrap(),
    ]);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_plugin_that_crashes_while_loading_is_reported_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let library = sgsim_tests::build_c_faults(dir.path(), "c_faults", &["CRASH_AT_LOAD"], false);
    let scenario = sgsim_tests::write_scenario(
        dir.path(),
        &sgsim_tests::kyiv_scenario(dir.path(), "c_faults", 6),
    );
    for args in [
        vec!["validate", scenario.to_str().unwrap()],
        vec!["plugins", "--dir", dir.path().to_str().unwrap()],
    ] {
        let run = sgsim(&args);
        assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(
            text.contains(&format!(
                "{} crashed the process that test-loaded it (killed by signal 11 (SIGSEGV",
                library.canonicalize().unwrap().display()
            )) || text.contains(&format!(
                "{} crashed the process that test-loaded it (killed by signal 11 (SIGSEGV",
                library.display()
            )),
            "{args:?}: {text}"
        );
        assert!(text.contains("sgsim did not load it"), "{text}");
    }
}

#[test]
fn a_c_plugin_without_the_capability_is_told_how_to_declare_it() {
    let dir = tempfile::tempdir().unwrap();
    sgsim_tests::build_c_faults(dir.path(), "c_faults", &["NO_CAPABILITY"], false);
    let run = sgsim(&["plugins", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 4);
    assert!(
        run.stdout
            .contains("does not declare the capability CAP_PANIC_UNWIND"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("a C or C++ plugin, which never unwinds into the host, sets `capabilities = SGSIM_CAP_PANIC_UNWIND`"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_export_says_how_to_export_it() {
    let err = load_plugin(&plugin_path("policy-no-vtable")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(
            "does not export the symbol `sgsim_plugin_vtable`; a Rust plugin exports it with `sgsim_sdk::export_plugin!`"
        ),
        "{message}"
    );
    assert!(message.contains("visibility(\"default\")"), "{message}");
}

#[test]
fn a_policy_asked_for_under_the_wrong_role_names_the_role_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = sgsim_tests::write_scenario(
        dir.path(),
        &sgsim_tests::scenario_text(
            "",
            "[policies.capital]\nplugin = \"kremlin\"\npolicy = \"escalator\"\n",
        ),
    );
    let run = sgsim(&["validate", scenario.to_str().unwrap()]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("key `policies.capital.policy`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "plugin `kremlin` has no capital policy `escalator`, but it has a kremlin policy `escalator`: choose it under [policies.kremlin] (or an actor of that role)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("libpolicy_kremlin.so"),
        "{}",
        run.stderr
    );
}
