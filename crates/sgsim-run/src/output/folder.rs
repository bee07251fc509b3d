//! The run folder: refusing to overwrite, clearing old sgsim files, atomic writes.

use std::io::Write as _;
use std::path::Path;

/// Every file sgsim writes into a run folder (traces also exist as `NAME.partial`).
pub const OUTPUT_FILES: [&str; 10] = [
    "resolve.csv",
    "aid_flows.csv",
    "force_posture.csv",
    "events.csv",
    "beliefs.csv",
    "war.csv",
    "decisions.csv",
    "summary.csv",
    "scenario.resolved.toml",
    "manifest.toml",
];

/// The Parquet names of the tables of [`OUTPUT_FILES`] (`--format parquet`), also removed
/// by `--overwrite`.
pub const PARQUET_FILES: [&str; 7] = [
    "resolve.parquet",
    "aid_flows.parquet",
    "force_posture.parquet",
    "events.parquet",
    "beliefs.parquet",
    "war.parquet",
    "summary.parquet",
];

/// Locks `dir` for a run ([`super::lock`]) and makes it ready: refuses a sweep's folder,
/// then as [`prepare_folder`].
pub fn claim_run_folder(dir: &Path, overwrite: bool) -> Result<super::FolderLock, String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("{} exists and is not a folder", dir.display()));
    }
    let lock = super::lock_folder(dir)?;
    if dir.join(".state").is_dir() || manifest_has(dir, "plan_sha256") {
        return Err(format!(
            "{} holds a sweep (it has a sweep manifest and a .state folder), not a single run; \
             --overwrite does not replace a sweep: choose another --out",
            dir.display()
        ));
    }
    prepare(dir, overwrite, &lock.dead_status())?;
    Ok(lock)
}

/// Whether `dir/manifest.toml` is a TOML table with the top-level key `key`.
pub fn manifest_has(dir: &Path, key: &str) -> bool {
    std::fs::read_to_string(dir.join("manifest.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|table| table.contains_key(key))
}

/// Makes `dir` ready for a run. A folder with anything in it (but its lock file) is refused
/// unless `overwrite`, in which case only sgsim's own files are removed and anything else
/// is left alone.
pub fn prepare_folder(dir: &Path, overwrite: bool) -> Result<(), String> {
    prepare(dir, overwrite, "running")
}

/// As [`prepare_folder`]; `running` says what a manifest that says `running` means.
fn prepare(dir: &Path, overwrite: bool, running: &str) -> Result<(), String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("{} exists and is not a folder", dir.display()));
        }
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name() != super::LOCK_FILE);
        if entries.next().is_some() {
            if !overwrite {
                let previous = if manifest_status(dir).as_deref() == Some("running") {
                    format!(" (it holds a run that is {running})")
                } else {
                    String::new()
                };
                return Err(format!(
                    "output folder {} is not empty{previous}; pass --overwrite to replace the sgsim files in it, or choose another --out",
                    dir.display()
                ));
            }
            for name in OUTPUT_FILES.iter().chain(&PARQUET_FILES) {
                for candidate in [
                    (*name).to_owned(),
                    format!("{name}.partial"),
                    format!("{name}.tmp"),
                ] {
                    let path = dir.join(candidate);
                    if path.exists() {
                        std::fs::remove_file(&path)
                            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                    }
                }
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Flushes a CSV file written under a temporary name to disk and renames it to its final
/// name: readers see the whole file or none of it.
pub fn commit_csv(
    writer: csv::Writer<std::io::BufWriter<std::fs::File>>,
    from: &Path,
    to: &Path,
) -> std::io::Result<()> {
    let file = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let file = file
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    commit_file(&file, from, to)
}

/// Forces a file written under the temporary name `from` to disk and renames it to `to`.
pub fn commit_file(file: &std::fs::File, from: &Path, to: &Path) -> std::io::Result<()> {
    file.sync_all()?;
    std::fs::rename(from, to)
}

/// Writes `contents` to `path` through a temporary file and a rename, so readers never see
/// a half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// The `status` of `dir/manifest.toml`, if it has one.
pub fn manifest_status(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join("manifest.toml"))
        .ok()?
        .parse::<toml::Table>()
        .ok()?
        .get("status")?
        .as_str()
        .map(str::to_owned)
}
