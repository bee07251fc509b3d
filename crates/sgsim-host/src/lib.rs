//! Loads policy plugins and turns them into safe handles.
//!
//! [`load_plugin`] first checks that the file is a complete shared object for this machine
//! (a truncated file would kill the loader with SIGBUS), then opens it (`RTLD_NOW | RTLD_LOCAL`), reads the ABI version
//! symbol before anything else and refuses any version but [`sgsim_abi::ABI_VERSION`], then
//! checks the vtable (size, capabilities, UTF-8 names, roles). Libraries are never unloaded:
//! each one is leaked on purpose, since unloading code that registered thread-local
//! destructors crashes at thread exit. [`PolicyInstance`] owns one instance made by the
//! plugin's `create` and calls `decide` on whole slices of records; [`RemoteInstance`] does
//! the same in a child process ([`PolicyHost`], served by [`serve`]) so that a crash in
//! native plugin code ends that process instead of the run's.
//!
//! Invariant: all FFI `unsafe` of the project lives in this crate and in the SDK's shims.

#![expect(unsafe_code, reason = "dlopen and calls through the plugin vtable")]

mod discover;
mod file_check;
mod instance;
mod isolate;
mod plugin;

pub use discover::{PLUGIN_FILE_PREFIX, find_plugin, list_plugin_files, plugin_file_name};
pub use instance::{CallError, PolicyInstance};
pub use isolate::{PolicyHost, RemoteInstance, serve};
pub use plugin::{
    LoadError, Plugin, PluginFile, PolicyEntry, check_plugin_file, load_plugin, load_read_plugin,
    read_plugin_file, sha256_file,
};
