//! The ABI is C: the header agrees with the Rust definitions byte for byte, and a policy
//! written in C builds with the system compiler, loads and runs in a scenario.

use std::path::{Path, PathBuf};
use std::process::Command;

use sgsim_abi::{ErrBuf, FieldKind, PluginVTable, PolicyInfo, StrRef};
use sgsim_tests::{read_csv, scenario_text, sgsim, workspace_root, write_scenario};

fn compiler() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".to_owned())
}

fn include_dir() -> PathBuf {
    workspace_root().join("crates/sgsim-abi/include")
}

/// Compiles and runs a C program; returns its standard output.
fn run_c(dir: &Path, source: &str) -> String {
    let (c, exe) = (dir.join("probe.c"), dir.join("probe"));
    std::fs::write(&c, source).unwrap();
    let status = Command::new(compiler())
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(include_dir())
        .arg(&c)
        .arg("-o")
        .arg(&exe)
        .status()
        .expect("a C compiler (set CC)");
    assert!(status.success(), "the header does not compile cleanly");
    let output = Command::new(&exe).output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_c_header_matches_the_rust_layout_and_constants() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = String::from(
        "#include <stdio.h>\n#include <stddef.h>\n#include \"sgsim_abi.h\"\nint main(void) {\n",
    );
    let mut expected = String::new();
    let mut line = |c_expr: String, label: String, value: i64| {
        source.push_str(&format!(
            "    printf(\"{label} %lld\\n\", (long long)({c_expr}));\n"
        ));
        expected.push_str(&format!("{label} {value}\n"));
    };
    for (c_name, fields, size) in sgsim_abi::RECORDS {
        line(
            format!("sizeof({c_name})"),
            format!("sizeof({c_name})"),
            size as i64,
        );
        for field in fields {
            line(
                format!("offsetof({c_name}, {})", field.name),
                format!("{c_name}.{}", field.name),
                field.offset as i64,
            );
            let c_type = match field.kind {
                FieldKind::U32 => "uint32_t",
                FieldKind::I32 => "int32_t",
                FieldKind::U64 => "uint64_t",
                FieldKind::F64 => "double",
                FieldKind::Header => "SgsimObsHeader",
            };
            // The field's C type: a mismatch in signedness or width fails to compile.
            line(
                format!(
                    "_Generic((({c_name}*)0)->{}, {c_type}: 1, default: 0)",
                    field.name
                ),
                format!("{c_name}.{}:{c_type}", field.name),
                1,
            );
        }
    }
    let manual: [(&str, &str, usize); 14] = [
        ("SgsimStrRef", "ptr", std::mem::offset_of!(StrRef, ptr)),
        ("SgsimStrRef", "len", std::mem::offset_of!(StrRef, len)),
        ("SgsimErrBuf", "cap", std::mem::offset_of!(ErrBuf, cap)),
        ("SgsimErrBuf", "len", std::mem::offset_of!(ErrBuf, len)),
        (
            "SgsimErrBuf",
            "actor_id",
            std::mem::offset_of!(ErrBuf, actor_id),
        ),
        (
            "SgsimPolicyInfo",
            "role",
            std::mem::offset_of!(PolicyInfo, role),
        ),
        (
            "SgsimPolicyInfo",
            "description",
            std::mem::offset_of!(PolicyInfo, description),
        ),
        (
            "SgsimPluginVTable",
            "abi_version",
            std::mem::offset_of!(PluginVTable, abi_version),
        ),
        (
            "SgsimPluginVTable",
            "capabilities",
            std::mem::offset_of!(PluginVTable, capabilities),
        ),
        (
            "SgsimPluginVTable",
            "name",
            std::mem::offset_of!(PluginVTable, name),
        ),
        (
            "SgsimPluginVTable",
            "policies",
            std::mem::offset_of!(PluginVTable, policies),
        ),
        (
            "SgsimPluginVTable",
            "create",
            std::mem::offset_of!(PluginVTable, create),
        ),
        (
            "SgsimPluginVTable",
            "decide",
            std::mem::offset_of!(PluginVTable, decide),
        ),
        (
            "SgsimPluginVTable",
            "destroy",
            std::mem::offset_of!(PluginVTable, destroy),
        ),
    ];
    for (c_name, field, offset) in manual {
        line(
            format!("offsetof({c_name}, {field})"),
            format!("{c_name}.{field}"),
            offset as i64,
        );
    }
    for (c_name, size) in [
        ("SgsimStrRef", size_of::<StrRef>()),
        ("SgsimErrBuf", size_of::<ErrBuf>()),
        ("SgsimPolicyInfo", size_of::<PolicyInfo>()),
    ] {
        line(
            format!("sizeof({c_name})"),
            format!("sizeof({c_name})"),
            size as i64,
        );
    }
    for (name, value) in sgsim_abi::C_CONSTANTS {
        line(name.to_owned(), name.to_owned(), value);
    }
    source.push_str("    return 0;\n}\n");
    let actual = run_c(dir.path(), &source);
    for (want, got) in expected.lines().zip(actual.lines()) {
        assert_eq!(got, want, "the C header disagrees with the Rust ABI");
    }
    assert_eq!(actual.lines().count(), expected.lines().count());
}

/// Builds the example C policy into `dir` as `libpolicy_c_example.so`.
fn build_c_policy(dir: &Path) -> PathBuf {
    let library = dir.join(format!(
        "{}policy_c_example{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let status = Command::new(compiler())
        .args([
            "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-I",
        ])
        .arg(include_dir())
        .arg(workspace_root().join("plugins/c-example/policy.c"))
        .arg("-o")
        .arg(&library)
        .status()
        .expect("a C compiler (set CC)");
    assert!(status.success(), "the C example does not build");
    library
}

fn kyiv_in_c(dir: &Path, params: &str) -> String {
    scenario_text(
        &format!("plugin_dirs = [{:?}]", dir.display().to_string()),
        &format!(
            "[policies.kyiv]\nplugin = \"c_example\"\npolicy = \"steady\"\nparams = {{ {params} }}\n"
        ),
    )
}

#[test]
fn a_policy_written_in_c_builds_loads_and_decides() {
    let dir = tempfile::tempdir().unwrap();
    build_c_policy(dir.path());
    let listed = sgsim(&["plugins", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stdout.contains("c_example 0.1.0\n"),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("policy kyiv/steady: "),
        "{}",
        listed.stdout
    );

    let troops_at_end = |mobilisation: &str| -> f64 {
        let run_dir = tempfile::tempdir().unwrap();
        let scenario = write_scenario(
            run_dir.path(),
            &kyiv_in_c(dir.path(), &format!("mobilisation = {mobilisation}")),
        );
        let out = run_dir.path().join("out");
        let run = sgsim(&[
            "run",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (_, rows) = read_csv(&out.join("force_posture.csv"));
        rows.iter().rev().find(|r| r[2] == "UKR").unwrap()[5]
            .parse()
            .unwrap()
    };
    assert!(
        troops_at_end("1.0") > troops_at_end("0.0") + 10_000.0,
        "the C policy's mobilisation reaches the world"
    );
}

#[test]
fn a_c_policy_reports_bad_parameters_through_the_error_buffer() {
    let dir = tempfile::tempdir().unwrap();
    build_c_policy(dir.path());
    let scenario = write_scenario(dir.path(), &kyiv_in_c(dir.path(), "speed = 3.0"));
    let run = sgsim(&["validate", scenario.to_str().unwrap()]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("key `policies.kyiv.params`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("unknown or out-of-range parameter `speed`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_header_compiles_as_cxx_and_a_cxx_plugin_exports_plain_c_names() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture defines sgsim_abi_version and sgsim_plugin_vtable without extern "C";
    // the header's declarations inside its extern "C" block give them C linkage.
    sgsim_tests::build_c_faults(dir.path(), "cxx_plugin", &[], true);
    let listed = sgsim(&["plugins", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(listed.code, 0, "{}{}", listed.stdout, listed.stderr);
    assert!(
        listed.stdout.contains("cxx_plugin 0.1.0\n"),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("policy kyiv/steady: "),
        "{}",
        listed.stdout
    );
    let scenario = write_scenario(
        dir.path(),
        &sgsim_tests::kyiv_scenario(dir.path(), "cxx_plugin", 6),
    );
    let run = sgsim(&["validate", scenario.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
