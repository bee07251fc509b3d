//! `--isolate`: policies run in a child process, so a segmentation fault or an abort in
//! native plugin code becomes a failed run naming plugin, actor and tick, and a sweep with
//! `--keep-going` records the failed run and completes every other one.

use sgsim_tests::{build_c_faults, kyiv_scenario, read_csv, sgsim, write_scenario};

#[test]
fn a_c_plugin_segfault_in_isolated_mode_is_a_failed_run_naming_plugin_actor_and_tick() {
    let dir = tempfile::tempdir().unwrap();
    let library = build_c_faults(dir.path(), "c_faults", &["CRASH_AT_TICK=2"], false);
    let scenario = write_scenario(dir.path(), &kyiv_scenario(dir.path(), "c_faults", 6));
    let out = dir.path().join("out");
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--isolate",
    ]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    let expected = format!(
        "run failed: plugin `c_faults` 0.1.0 ({}; policy `steady`, policies.kyiv) crashed: the isolated policy process was killed by signal 11 (SIGSEGV, a segmentation fault) at tick 2 (2022-03-10) deciding for actor UKR (kyiv)",
        library.canonicalize().unwrap().display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("failed"));
    assert_eq!(manifest["ticks_completed"].as_integer(), Some(2));
    assert!(manifest["error"].as_str().unwrap().contains(&expected));
    assert!(out.join("war.csv.partial").is_file());
    assert!(!out.join("war.csv").exists());

    // An abort is caught the same way.
    let aborting = tempfile::tempdir().unwrap();
    build_c_faults(aborting.path(), "c_faults", &["ABORT_AT_TICK=1"], false);
    let scenario = write_scenario(
        aborting.path(),
        &kyiv_scenario(aborting.path(), "c_faults", 6),
    );
    let run = sgsim(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        aborting.path().join("out").to_str().unwrap(),
        "--isolate",
    ]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("killed by signal 6 (SIGABRT, an abort) at tick 1 (2022-03-03) deciding for actor UKR (kyiv)"),
        "{}",
        run.stderr
    );
}

#[test]
fn isolation_does_not_change_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, isolated) = (dir.path().join("plain"), dir.path().join("isolated"));
    for (out, extra) in [(&plain, None), (&isolated, Some("--isolate"))] {
        let mut args = vec![
            "run",
            "configs/scenarios/baseline.toml",
            "--ticks",
            "30",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let run = sgsim(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for file in [
        "war.csv",
        "resolve.csv",
        "aid_flows.csv",
        "events.csv",
        "summary.csv",
    ] {
        assert!(
            std::fs::read(plain.join(file)).unwrap() == std::fs::read(isolated.join(file)).unwrap(),
            "{file} differs with --isolate"
        );
    }
}

#[test]
fn a_sweep_with_a_plugin_that_crashes_on_one_run_names_it_and_completes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    build_c_faults(dir.path(), "c_faults", &["CRASH_AT_TICK=4"], false);
    write_scenario(dir.path(), &kyiv_scenario(dir.path(), "c_faults", 6));
    let file = dir.path().join("sweep.toml");
    // Only the design point with 8 ticks reaches tick 4, where the plugin crashes.
    std::fs::write(
        &file,
        "name = \"faults\"\nmaster_seed = 7\nreplications = 2\nscenario = \"scenario.toml\"\n\n[factors]\nticks = [3, 8, 4]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = sgsim(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--isolate",
        "--keep-going",
        "--jobs",
        "2",
    ]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "run failed: 2 of 6 runs failed and are listed in {} (the first, run 2: run 2 (arm scenario, point 1, replication 0, seed ",
            out.join("failures.csv").display()
        )),
        "{}",
        run.stderr
    );
    let (header, failures) = read_csv(&out.join("failures.csv"));
    assert_eq!(
        header,
        ["run_index", "arm", "point", "replication", "seed", "error"]
    );
    assert_eq!(failures.len(), 2);
    for (row, index, replication) in [(&failures[0], "2", "0"), (&failures[1], "3", "1")] {
        assert_eq!(&row[..4], [index, "scenario", "1", replication]);
        assert!(
            row[5].contains("crashed: the isolated policy process was killed by signal 11 (SIGSEGV, a segmentation fault) at tick 4 (2022-03-24) deciding for actor UKR (kyiv)"),
            "{}",
            row[5]
        );
    }
    let (_, runs) = read_csv(&out.join("runs.csv"));
    let indices: Vec<&str> = runs.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(indices, ["0", "1", "4", "5"], "every other run is complete");
    let manifest: toml::Table = std::fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["status"].as_str(), Some("failed"));
    assert_eq!(manifest["runs_done"].as_integer(), Some(4));
    assert_eq!(manifest["runs_failed"].as_integer(), Some(2));
}
