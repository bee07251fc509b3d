//! `sgsim plugins`: what plugins are installed, and whether each one loads.

use std::path::PathBuf;

use sgsim_host::list_plugin_files;

use crate::probe::load_checked;

use crate::error::CliError;

/// Lists the plugins in `dirs` (or the default search path); returns an error if any file
/// failed to load, after listing them all.
pub fn list(dirs: &[PathBuf], out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let dirs = if dirs.is_empty() {
        crate::config::default_plugin_dirs()
    } else {
        dirs.to_vec()
    };
    let mut failures = Vec::new();
    let mut found = 0usize;
    let mut seen = std::collections::BTreeSet::new();
    let w = |e: std::io::Error| CliError::Output(format!("cannot write to stdout: {e}"));
    for dir in &dirs {
        let Ok(files) = list_plugin_files(dir) else {
            continue;
        };
        for file in files {
            let canonical = file.canonicalize().unwrap_or_else(|_| file.clone());
            if !seen.insert(canonical) {
                continue;
            }
            found += 1;
            match load_checked(&file) {
                Ok(plugin) => {
                    writeln!(out, "{} {}", plugin.name, plugin.version).map_err(w)?;
                    writeln!(out, "  abi_version: {}", plugin.abi_version).map_err(w)?;
                    writeln!(out, "  path: {}", plugin.path.display()).map_err(w)?;
                    writeln!(out, "  sha256: {}", plugin.sha256).map_err(w)?;
                    for policy in &plugin.policies {
                        writeln!(
                            out,
                            "  policy {}/{}: {}",
                            sgsim_abi::role_name(policy.role),
                            policy.name,
                            policy.description
                        )
                        .map_err(w)?;
                    }
                }
                Err(e) => {
                    writeln!(out, "{} (not loadable)\n  error: {e}", file.display()).map_err(w)?;
                    failures.push(e.to_string());
                }
            }
        }
    }
    if found == 0 {
        let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        writeln!(out, "no plugins found in {}", searched.join(", ")).map_err(w)?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CliError::Plugin(format!(
            "{} plugin file(s) could not be loaded",
            failures.len()
        )))
    }
}
