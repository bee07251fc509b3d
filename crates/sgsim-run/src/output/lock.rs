//! The lock a run or sweep holds on its folder while it works.
//!
//! The writer takes an exclusive advisory lock (`flock`, through `std::fs::File::try_lock`)
//! on `.sgsim.lock` in the folder and keeps it until it exits; the kernel drops it when the
//! process ends in any way, `kill -9` and a segmentation fault included. The file also says
//! who holds it (process id, host, command, start time), so a second writer is refused at
//! once with a message naming the holder, and a reader that finds `status = "running"` in a
//! manifest can tell a live run (the lock is held) from a dead one (nobody holds it).
//!
//! The file is never removed: removing a lock file another process has just opened would
//! let two writers lock two different files.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Name of the lock file in a run or sweep folder.
pub const LOCK_FILE: &str = ".sgsim.lock";

/// A held folder lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    path: PathBuf,
    previous: Option<String>,
}

impl FolderLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who held the lock last before this process (from the file), if anyone did.
    pub fn previous_holder(&self) -> Option<&str> {
        self.previous.as_deref()
    }

    /// What to say about a manifest of this folder that says `running`: since this process
    /// got the lock, the process that wrote it is gone.
    pub fn dead_status(&self) -> String {
        dead_text(self.previous.clone())
    }
}

/// Whether anyone holds a folder's lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Liveness {
    /// A live process holds it; who.
    Held(String),
    /// Nobody holds it; who held it last, if the file says.
    Free(Option<String>),
}

/// Takes the lock of `dir` (created if missing) for `what` (`sgsim run`, `sgsim sweep`),
/// or says who holds it.
pub fn lock_folder(dir: &Path) -> Result<FolderLock, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| format!("cannot open the lock file {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(format!(
                "{} is in use by another sgsim ({}); wait for it to finish or stop it, or \
                 choose another --out",
                dir.display(),
                holder_text(&mut file)
            ));
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", path.display()));
        }
    }
    let previous = Some(holder_text(&mut file)).filter(|t| t != "holder unknown");
    let holder = format!(
        "pid {} on host {}, `{}`, since {}",
        std::process::id(),
        hostname(),
        command_line(),
        super::now()
    );
    file.set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
        .and_then(|()| file.write_all(holder.as_bytes()))
        .map_err(|e| format!("cannot write the lock file {}: {e}", path.display()))?;
    Ok(FolderLock {
        _file: file,
        path,
        previous,
    })
}

/// Whether a live process holds the lock of `dir` (a folder without a lock file is free).
pub fn liveness(dir: &Path) -> Liveness {
    let path = dir.join(LOCK_FILE);
    let Ok(mut file) = File::open(&path) else {
        return Liveness::Free(None);
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let last = holder_text(&mut file);
            let _ = file.unlock();
            Liveness::Free(Some(last).filter(|t| !t.is_empty()))
        }
        Err(TryLockError::WouldBlock) => Liveness::Held(holder_text(&mut file)),
        // A file system without locks: say nothing rather than guess.
        Err(TryLockError::Error(_)) => Liveness::Free(None),
    }
}

/// What a reader says about a manifest whose status is `running`.
pub fn running_status(dir: &Path) -> String {
    match liveness(dir) {
        Liveness::Held(holder) => format!("running ({holder})"),
        Liveness::Free(last) => dead_text(last),
    }
}

fn dead_text(last: Option<String>) -> String {
    format!(
        "dead: its manifest says running, but no process holds its lock, so it crashed or was \
         killed{}",
        last.map(|l| format!(" (it was {l})")).unwrap_or_default()
    )
}

fn holder_text(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.read_to_string(&mut text);
    let text = text.trim();
    if text.is_empty() {
        "holder unknown".to_owned()
    } else {
        text.to_owned()
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn command_line() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "sgsim".to_owned());
    std::iter::once(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_naming_the_holder_and_freed_on_drop() {
        let dir = std::env::temp_dir().join(format!("sgsim-lock-test-{}", std::process::id()));
        let lock = lock_folder(&dir).expect("first lock");
        let refused = lock_folder(&dir).unwrap_err();
        assert!(
            refused.contains("is in use by another sgsim (pid "),
            "{refused}"
        );
        assert!(
            refused.contains(&format!("pid {}", std::process::id())),
            "{refused}"
        );
        assert!(matches!(liveness(&dir), Liveness::Held(h) if h.starts_with("pid ")));
        drop(lock);
        assert!(matches!(liveness(&dir), Liveness::Free(Some(h)) if h.starts_with("pid ")));
        assert!(running_status(&dir).starts_with("dead: its manifest says running"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
