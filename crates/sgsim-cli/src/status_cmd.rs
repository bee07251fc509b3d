//! `sgsim status FOLDER`: what a run or sweep folder holds and whether it is finished, live
//! or dead. A manifest that says `running` is checked against the folder's lock: held means
//! a live process is still writing, free means the process crashed or was killed.

use std::path::Path;

use crate::error::CliError;
use crate::output::{manifest_has, manifest_status, running_status};

/// One line about `folder`: its kind (run, sweep, shard) and status.
pub fn describe(folder: &Path) -> Result<String, CliError> {
    let status = manifest_status(folder).ok_or_else(|| {
        CliError::Output(format!(
            "{} has no readable manifest.toml: it is not a run or sweep folder of sgsim",
            folder.display()
        ))
    })?;
    let kind = if manifest_has(folder, "shard") {
        "sweep shard"
    } else if manifest_has(folder, "plan_sha256") {
        "sweep"
    } else {
        "run"
    };
    let state = if status == "running" {
        running_status(folder)
    } else {
        status
    };
    Ok(format!("{}: {kind}, {state}", folder.display()))
}
