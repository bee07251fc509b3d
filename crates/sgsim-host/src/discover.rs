//! Finding plugin files: a plugin named `NAME` is the file
//! `{DLL_PREFIX}policy_NAME{DLL_SUFFIX}` (for example `libpolicy_baseline.so`), which is
//! what Cargo builds from a crate named `policy-NAME`.

use std::path::{Path, PathBuf};

/// File-name prefix (after the platform's `lib`) of every plugin.
pub const PLUGIN_FILE_PREFIX: &str = "policy_";

/// The file name of plugin `name` on this platform.
pub fn plugin_file_name(name: &str) -> String {
    format!(
        "{}{}{}{}",
        std::env::consts::DLL_PREFIX,
        PLUGIN_FILE_PREFIX,
        name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

/// The first directory in `dirs` that holds plugin `name`, as a path to the file.
pub fn find_plugin(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let file = plugin_file_name(name);
    dirs.iter()
        .map(|dir| dir.join(&file))
        .find(|path| path.is_file())
}

/// Every plugin file in `dir`, sorted by file name.
pub fn list_plugin_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let prefix = format!("{}{}", std::env::consts::DLL_PREFIX, PLUGIN_FILE_PREFIX);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(&prefix) && n.ends_with(std::env::consts::DLL_SUFFIX)
                })
        })
        .collect();
    files.sort();
    Ok(files)
}
