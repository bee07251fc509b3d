//! Loading a plugin safely: the file is checked first (a truncated shared object would kill
//! the loader with SIGBUS), and a plugin whose SHA-256 this machine has never loaded is
//! first test-loaded in a child process (`sgsim __probe-plugin FILE`), so that a crash in
//! its initialisers or its ABI functions is reported as an error naming the file instead of
//! killing sgsim. A file that loaded cleanly once is remembered by SHA-256 in the cache
//! folder (`SGSIM_CACHE_DIR`, else `$XDG_CACHE_HOME/sgsim`, else `~/.cache/sgsim`), under
//! `probed/`; nothing there reaches any output.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use sgsim_host::{LoadError, Plugin, load_plugin, load_read_plugin, read_plugin_file};

/// The hidden subcommand that test-loads one plugin.
pub const PROBE_COMMAND: &str = "__probe-plugin";

/// Exit code of [`serve_probe`]: the plugin loaded (`sgsim`'s exit code for success).
pub const PROBE_OK: i32 = 0;
/// Exit code of [`serve_probe`]: the plugin was refused (`sgsim`'s exit code for a plugin
/// that could not be found, loaded or created).
pub const PROBE_REFUSED: i32 = 4;

static HELPER: OnceLock<PathBuf> = OnceLock::new();

/// Sets the `sgsim` executable that child processes run (probes, isolated policies). The
/// binary's `main` sets it; a library user that does not gets no child probes and no
/// isolation.
pub fn set_helper(exe: PathBuf) {
    let _ = HELPER.set(exe);
}

/// The `sgsim` executable for child processes, if known.
pub fn helper() -> Option<&'static Path> {
    HELPER.get().map(PathBuf::as_path)
}

/// Checks, probes (once per SHA-256 on this machine) and loads the plugin at `path`; the
/// file is read and hashed once.
pub fn load_checked(path: &Path) -> Result<Plugin, LoadError> {
    let file = read_plugin_file(path)?;
    if let Some(exe) = helper() {
        let marker = cache_dir().map(|dir| dir.join("probed").join(file.sha256()));
        if !marker.as_deref().is_some_and(Path::is_file) {
            probe(exe, path)?;
            if let Some(marker) = marker
                && let Some(dir) = marker.parent()
                && std::fs::create_dir_all(dir).is_ok()
            {
                // Best effort: without the marker the plugin is only probed again.
                let _ = std::fs::write(&marker, path.display().to_string());
            }
        }
    }
    load_read_plugin(file)
}

/// Test-loads `path` in a child process.
fn probe(exe: &Path, path: &Path) -> Result<(), LoadError> {
    let output = Command::new(exe)
        .arg(PROBE_COMMAND)
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source: std::io::Error::other(format!(
                "cannot start {} to test-load it: {source}",
                exe.display()
            )),
        })?;
    if output.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    if output.status.code() == Some(PROBE_REFUSED) {
        // The child refused the plugin; loading it here gives the same error, in full.
        return load_plugin(path).map(|_| ());
    }
    Err(LoadError::CrashedWhileLoading {
        path: path.to_owned(),
        how: describe_status(&output.status),
        detail: if text.is_empty() {
            String::new()
        } else {
            format!("; it printed: {text}")
        },
    })
}

/// `sgsim __probe-plugin FILE`: loads the plugin and exits 0, or prints why not and exits 4.
pub fn serve_probe(path: &Path) -> i32 {
    match load_plugin(path) {
        Ok(_) => PROBE_OK,
        Err(error) => {
            eprintln!("error: {error}");
            PROBE_REFUSED
        }
    }
}

/// "killed by signal 11 (SIGSEGV)" or "exit status 3".
pub fn describe_status(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.signal(), status.code()) {
        (Some(signal), _) => format!("killed by signal {signal} ({})", signal_name(signal)),
        (None, Some(code)) => format!("exit status {code}"),
        (None, None) => "an unknown status".to_owned(),
    }
}

/// The conventional name of a signal number.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        4 => "SIGILL, an illegal instruction",
        6 => "SIGABRT, an abort",
        7 => "SIGBUS, a bus error",
        8 => "SIGFPE, an arithmetic fault",
        9 => "SIGKILL",
        11 => "SIGSEGV, a segmentation fault",
        15 => "SIGTERM",
        _ => "a signal",
    }
}

/// The cache folder: `SGSIM_CACHE_DIR`, else `$XDG_CACHE_HOME/sgsim`, else
/// `~/.cache/sgsim`.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("SGSIM_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("sgsim")))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache").join("sgsim")))
}
