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
