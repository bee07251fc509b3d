//! Loading one plugin and checking everything it declares before it is used.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sgsim_abi::{
    ABI_VERSION, ABI_VERSION_SYMBOL, AbiVersionFn, CAP_PANIC_UNWIND, PluginVTable, StrRef,
    VTABLE_SYMBOL, VTableFn,
};
use sha2::{Digest, Sha256};

/// A policy a loaded plugin offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyEntry {
    /// Index in the plugin's policy table (the `policy_index` of `create`).
    pub index: u32,
    /// Policy name.
    pub name: String,
    /// `ROLE_*` constant.
    pub role: u32,
    /// Description.
    pub description: String,
}

/// A loaded, checked plugin. The library stays loaded for the life of the process.
#[derive(Debug)]
pub struct Plugin {
    /// Path it was loaded from.
    pub path: PathBuf,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Declared name.
    pub name: String,
    /// Declared version.
    pub version: String,
    /// ABI version it reported.
    pub abi_version: u32,
    /// Its policies, in table order.
    pub policies: Vec<PolicyEntry>,
    pub(crate) vtable: PluginVTable,
}

// SAFETY: a `Plugin` holds a copy of the plugin's static vtable (function pointers and
// pointers to static, immutable data) and owned strings; the library is never unloaded, so
// sharing it across threads only shares read-only data and code.
unsafe impl Send for Plugin {}
// SAFETY: as above; nothing in a `Plugin` is mutated after loading.
unsafe impl Sync for Plugin {}

impl Plugin {
    /// The policy called `name` for `role` (a `ROLE_*` constant), if the plugin has it.
    pub fn policy(&self, role: u32, name: &str) -> Option<&PolicyEntry> {
        self.policies
            .iter()
            .find(|p| p.role == role && p.name == name)
    }
}

/// Why a plugin was refused.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read plugin file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// The dynamic loader refused the file (for example, it is not a shared library).
    #[error("{path} is not a loadable shared library: {message}")]
    NotALibrary {
        /// The file.
        path: PathBuf,
        /// The loader's message.
        message: String,
    },
    /// The file is cut short or its headers are inconsistent (a half-finished copy).
    #[error(
        "{path} is truncated or damaged: the file has {size} bytes, but {reason}; it was \
         probably copied or built incompletely: build or copy it again (sgsim did not load it)"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// What does not fit.
        reason: String,
    },
    /// The process that test-loaded an unseen plugin died (a fault in its initialisers or
    /// in its ABI functions).
    #[error(
        "{path} crashed the process that test-loaded it ({how}); sgsim did not load it: a \
         fault in the plugin's initialisers or in sgsim_abi_version / sgsim_plugin_vtable \
         (run it under a debugger, or rebuild it){detail}"
    )]
    CrashedWhileLoading {
        /// The file.
        path: PathBuf,
        /// The signal or exit status.
        how: String,
        /// The probe's own output, if any, prefixed with a separator.
        detail: String,
    },
    /// A required symbol is missing.
    #[error("{path} is not an sgsim plugin: it does not export the symbol `{symbol}`; {hint}")]
    MissingSymbol {
        /// The file.
        path: PathBuf,
        /// The symbol.
        symbol: &'static str,
        /// How to export it (or what was exported instead).
        hint: String,
    },
    /// The plugin was built against another ABI.
    #[error(
        "{path} was built for sgsim plugin ABI version {found}, but this sgsim needs version \
         {expected}: rebuild the plugin against the matching sgsim-sdk"
    )]
    AbiMismatch {
        /// The file.
        path: PathBuf,
        /// Version this host speaks.
        expected: u32,
        /// Version the plugin reported.
        found: u32,
    },
    /// The vtable is malformed.
    #[error("{path} has an invalid plugin table: {reason}")]
    BadVTable {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The plugin cannot contain its panics.
    #[error(
        "{path} (plugin `{name}`) does not declare the capability CAP_PANIC_UNWIND (faults \
         stay inside the plugin), so a panic in it could kill the whole run without a report: \
         a Rust plugin lacks it when built with panic = \"abort\" (build it with the default \
         panic = \"unwind\"); a C or C++ plugin, which never unwinds into the host, sets \
         `capabilities = SGSIM_CAP_PANIC_UNWIND` in its vtable (C++: no exception may leave \
         create, decide or destroy)"
    )]
    PanicAbort {
        /// The file.
        path: PathBuf,
        /// The plugin's name.
        name: String,
    },
}

/// SHA-256 of a file, lower-case hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    Ok(sha256_hex(&std::fs::read(path)?))
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// A plugin file read and checked by [`read_plugin_file`]: its bytes and SHA-256, so that
/// [`load_read_plugin`] opens it without reading and hashing it again.
pub struct PluginFile {
    path: PathBuf,
    bytes: FileBytes,
    sha256: String,
}

/// A plugin file's bytes: mapped read-only (the page cache's pages are hashed where they
/// are, with no copy into fresh heap pages), or read into memory where the file cannot be
/// mapped.
enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(map) => map,
            FileBytes::Read(bytes) => bytes,
        }
    }
}

/// The bytes of the file at `path`: mapped read-only, else read.
///
/// Mapping is what `dlopen` does with the same file a moment later; like it, a process that
/// truncates the file in place while it is being hashed ends this one with SIGBUS (a
/// rebuild by Cargo, which links a new file into place, does not).
fn file_bytes(path: &Path) -> std::io::Result<FileBytes> {
    if let Ok(file) = std::fs::File::open(path)
        && file.metadata().is_ok_and(|m| m.is_file() && m.len() > 0)
    {
        // SAFETY: the map is read-only and private to this function's caller; the file is
        // not written by sgsim, and the hazard of another process truncating it is the one
        // `dlopen` has (documented above).
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&file) } {
            return Ok(FileBytes::Mapped(map));
        }
    }
    std::fs::read(path).map(FileBytes::Read)
}

impl PluginFile {
    /// The SHA-256 of the bytes read, lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}

/// Reads the plugin file at `path`, checks that it is a complete shared object for this
/// machine (a truncated file would crash the loader with SIGBUS) and hashes it, without
/// loading it.
pub fn read_plugin_file(path: &Path) -> Result<PluginFile, LoadError> {
    let bytes = file_bytes(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    crate::file_check::check_shared_object(path, &bytes)?;
    let sha256 = sha256_hex(&bytes);
    Ok(PluginFile {
        path: path.to_owned(),
        bytes,
        sha256,
    })
}

/// Reads and checks the plugin file at `path` ([`read_plugin_file`]) and returns its
/// SHA-256, without loading it.
pub fn check_plugin_file(path: &Path) -> Result<String, LoadError> {
    Ok(read_plugin_file(path)?.sha256)
}

/// Loads and checks the plugin at `path`, after [`check_plugin_file`].
pub fn load_plugin(path: &Path) -> Result<Plugin, LoadError> {
    load_read_plugin(read_plugin_file(path)?)
}

/// Loads and checks a plugin file already read and checked by [`read_plugin_file`]; the
/// [`Plugin`]'s SHA-256 is the one of the bytes read.
pub fn load_read_plugin(file: PluginFile) -> Result<Plugin, LoadError> {
    let PluginFile {
        path,
        bytes,
        sha256,
    } = file;
    let path = path.as_path();
    let library = open(path)?;
    let missing = |symbol: &'static str| LoadError::MissingSymbol {
        path: path.to_owned(),
        symbol,
        hint: crate::file_check::missing_symbol_hint(&bytes, symbol),
    };
    // The library is never unloaded (see the crate docs): leak it so every function pointer
    // copied out of it stays valid for the life of the process.
    let library: &'static Library = Box::leak(Box::new(library));

    // SAFETY: the symbol is declared by the ABI as `uint32_t sgsim_abi_version(void)`; a
    // library exporting the name with another type breaks the contract we document.
    let abi_version_fn: AbiVersionFn =
        unsafe { symbol(library, ABI_VERSION_SYMBOL) }.map_err(missing)?;
    // SAFETY: calling a no-argument function that returns a u32, per the ABI.
    let found = unsafe { abi_version_fn() };
    if found != ABI_VERSION {
        return Err(LoadError::AbiMismatch {
            path: path.to_owned(),
            expected: ABI_VERSION,
            found,
        });
    }
    // SAFETY: as above, for `const SgsimPluginVTable *sgsim_plugin_vtable(void)`.
    let vtable_fn: VTableFn = unsafe { symbol(library, VTABLE_SYMBOL) }.map_err(missing)?;
    // SAFETY: the ABI version matched, so the function returns a pointer to a static table
    // of this layout (or null).
    let vtable_ptr = unsafe { vtable_fn() };
    let bad = |reason: String| LoadError::BadVTable {
        path: path.to_owned(),
        reason,
    };
    if vtable_ptr.is_null() {
        return Err(bad("sgsim_plugin_vtable returned null".to_owned()));
    }
    // SAFETY: non-null and, per the ABI, valid for reads of `size_t` at least.
    let size = unsafe { std::ptr::read(vtable_ptr.cast::<usize>()) };
    if size != size_of::<PluginVTable>() {
        return Err(bad(format!(
            "size {size} bytes, expected {}",
            size_of::<PluginVTable>()
        )));
    }
    // SAFETY: the table has the full size of this layout.
    let vtable = unsafe { std::ptr::read(vtable_ptr) };
    if vtable.abi_version != ABI_VERSION {
        return Err(LoadError::AbiMismatch {
            path: path.to_owned(),
            expected: ABI_VERSION,
            found: vtable.abi_version,
        });
    }
    // SAFETY: the vtable's strings are static UTF-8 views per the ABI; checked below.
    let name = unsafe { read_str(vtable.name) }.map_err(|e| bad(format!("plugin name: {e}")))?;
    // SAFETY: as above.
    let version =
        unsafe { read_str(vtable.version) }.map_err(|e| bad(format!("plugin version: {e}")))?;
    if name.is_empty() {
        return Err(bad("empty plugin name".to_owned()));
    }
    if vtable.capabilities & CAP_PANIC_UNWIND == 0 {
        return Err(LoadError::PanicAbort {
            path: path.to_owned(),
            name,
        });
    }
    if vtable.n_policies == 0 || vtable.policies.is_null() {
        return Err(bad("it offers no policies".to_owned()));
    }
    // SAFETY: a static table of `n_policies` entries per the ABI.
    let table = unsafe { std::slice::from_raw_parts(vtable.policies, vtable.n_policies) };
    let mut policies = Vec::with_capacity(table.len());
    for (index, info) in table.iter().enumerate() {
        // SAFETY: static UTF-8 views per the ABI.
        let policy_name =
            unsafe { read_str(info.name) }.map_err(|e| bad(format!("policy {index} name: {e}")))?;
        // SAFETY: as above.
        let description = unsafe { read_str(info.description) }
            .map_err(|e| bad(format!("policy `{policy_name}` description: {e}")))?;
        if !(sgsim_abi::ROLE_CAPITAL..=sgsim_abi::ROLE_COALITION).contains(&info.role) {
            return Err(bad(format!(
                "policy `{policy_name}` has unknown role {}",
                info.role
            )));
        }
        if policies
            .iter()
            .any(|p: &PolicyEntry| p.name == policy_name && p.role == info.role)
        {
            return Err(bad(format!(
                "{} policy `{policy_name}` appears twice",
                sgsim_abi::role_name(info.role)
            )));
        }
        policies.push(PolicyEntry {
            index: u32::try_from(index).map_err(|_| bad("too many policies".to_owned()))?,
            name: policy_name,
            role: info.role,
            description,
        });
    }
    Ok(Plugin {
        path: path.to_owned(),
        sha256,
        name,
        version,
        abi_version: found,
        policies,
        vtable,
    })
}

#[cfg(unix)]
type Library = libloading::os::unix::Library;
#[cfg(not(unix))]
type Library = libloading::Library;

fn open(path: &Path) -> Result<Library, LoadError> {
    #[cfg(unix)]
    // SAFETY: loading runs the library's initialisers; plugins are trusted code chosen by the
    // user, and RTLD_NOW makes unresolved symbols fail here rather than mid-run.
    let result = unsafe {
        libloading::os::unix::Library::open(
            Some(path),
            libloading::os::unix::RTLD_NOW | libloading::os::unix::RTLD_LOCAL,
        )
    };
    #[cfg(not(unix))]
    // SAFETY: as above.
    let result = unsafe { libloading::Library::new(path) };
    result.map_err(|e| LoadError::NotALibrary {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// Copies a function pointer out of the (leaked, never unloaded) library.
///
/// # Safety
/// `T` must be the symbol's true type.
unsafe fn symbol<T: Copy>(
    library: &'static Library,
    name: &'static str,
) -> Result<T, &'static str> {
    // SAFETY: forwarded to the caller.
    let symbol = unsafe { library.get::<T>(name.as_bytes()) };
    symbol.map(|s| *s).map_err(|_| name)
}

/// Reads a static string view.
///
/// # Safety
/// `text` must be null with length 0 or point at `len` readable bytes.
unsafe fn read_str(text: StrRef) -> Result<String, String> {
    if text.len == 0 {
        return Ok(String::new());
    }
    if text.ptr.is_null() {
        return Err("null pointer".to_owned());
    }
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { std::slice::from_raw_parts(text.ptr, text.len) };
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| format!("not UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_file_gives_the_bytes_and_hash_a_read_gives_and_the_same_errors() {
        let dir = std::env::temp_dir().join(format!("sgsim-file-bytes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("lib.so");
        let contents: Vec<u8> = (0..200_000_u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&file, &contents).unwrap();
        let mapped = file_bytes(&file).unwrap();
        assert!(matches!(mapped, FileBytes::Mapped(_)));
        assert_eq!(&mapped[..], &contents[..]);
        assert_eq!(sha256_hex(&mapped), sha256_file(&file).unwrap());
        // An empty file cannot be mapped: it is read, and is as empty.
        let empty = dir.join("empty.so");
        std::fs::write(&empty, b"").unwrap();
        assert!(matches!(file_bytes(&empty).unwrap(), FileBytes::Read(ref b) if b.is_empty()));
        // A folder or a missing file fails as reading it does.
        for path in [dir.clone(), dir.join("missing.so")] {
            let mapped = file_bytes(&path).err().map(|e| e.kind());
            assert_eq!(
                mapped,
                std::fs::read(&path).err().map(|e| e.kind()),
                "{path:?}"
            );
            assert!(mapped.is_some());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
