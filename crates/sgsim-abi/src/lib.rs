//! The C ABI between the sgsim host and its policy plugins.
//!
//! Everything here is plain data: `#[repr(C)]` structs of `u32`, `i32`, `u64`, `f64` and
//! pointers, and `extern "C"` function pointers. Nothing Rust-specific crosses the boundary,
//! so a plugin may be written in Rust (with `sgsim-sdk`), C or any language that can export
//! C symbols. The matching C header is `include/sgsim_abi.h` in this crate.
//!
//! A plugin is a shared library that exports two symbols:
//! - [`ABI_VERSION_SYMBOL`]: `uint32_t sgsim_abi_version(void)`, which must return exactly
//!   [`ABI_VERSION`]; the host reads it before anything else and refuses any other value.
//! - [`VTABLE_SYMBOL`]: `const SgsimPluginVTable *sgsim_plugin_vtable(void)`.
//!
//! Versioning: any change to a struct or function signature in this crate bumps
//! [`ABI_VERSION`]. The `size` fields let either side check that it reads the layout it
//! expects: the host refuses a vtable whose `size` differs from its own, and the SDK refuses
//! observations whose header `size` differs from the record it was compiled with.
//!
//! Invariant: this crate has no dependencies and no behaviour beyond constants and layout.

#![no_std]

use core::ffi::c_void;

#[macro_use]
mod record;
mod io;
mod seed;

pub use io::*;
pub use record::{Field, FieldInfo, FieldKind, FieldValue, Record};
pub use seed::{derive_seed, splitmix64};

/// The ABI version this crate describes. A plugin must report exactly this value.
pub const ABI_VERSION: u32 = 4;

/// Name of the exported `uint32_t sgsim_abi_version(void)` symbol.
pub const ABI_VERSION_SYMBOL: &str = "sgsim_abi_version";

/// Name of the exported `const SgsimPluginVTable *sgsim_plugin_vtable(void)` symbol.
pub const VTABLE_SYMBOL: &str = "sgsim_plugin_vtable";

/// Capability bit: faults stay inside the plugin. Nothing unwinds into the host; a Rust
/// plugin catches its panics and reports them as [`STATUS_PANIC`]. A C plugin, which never
/// unwinds, sets it too. A Rust plugin built with `panic = "abort"` cannot honour it (a panic
/// would kill the host without a report) and is refused at load.
pub const CAP_PANIC_UNWIND: u64 = 1 << 0;

/// Status: the call succeeded.
pub const STATUS_OK: i32 = 0;
/// Status: the call failed; the message is in the error buffer.
pub const STATUS_ERROR: i32 = 1;
/// Status: the plugin panicked; the panic message is in the error buffer.
pub const STATUS_PANIC: i32 = 2;

/// Role of a capital (an allied government).
pub const ROLE_CAPITAL: u32 = 1;
/// Role of the Kremlin.
pub const ROLE_KREMLIN: u32 = 2;
/// Role of Kyiv.
pub const ROLE_KYIV: u32 = 3;
/// Role of a coalition force unit.
pub const ROLE_COALITION: u32 = 4;

/// A borrowed UTF-8 string (not NUL-terminated). Valid for the duration stated by its owner.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct StrRef {
    /// Pointer to the first byte; may be null when `len` is 0.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

impl StrRef {
    /// A view of a `'static` string.
    pub const fn from_static(text: &'static str) -> StrRef {
        StrRef {
            ptr: text.as_ptr(),
            len: text.len(),
        }
    }
}

// SAFETY: a `StrRef` in a vtable or policy table points at immutable `'static` bytes; the
// host only reads them. No interior mutability is involved.
#[allow(
    unsafe_code,
    reason = "plain-data view of static bytes shared across threads"
)]
unsafe impl Sync for StrRef {}

/// A host-owned buffer the plugin writes an error message into (UTF-8, truncated to `cap`).
#[repr(C)]
#[derive(Debug)]
pub struct ErrBuf {
    /// Start of the buffer, owned by the host.
    pub ptr: *mut u8,
    /// Capacity in bytes.
    pub cap: usize,
    /// Bytes written; set by the plugin.
    pub len: usize,
    /// On a failed `decide`, the actor id of the decision that failed (0 if unknown); set by
    /// the plugin.
    pub actor_id: u32,
}

/// One policy a plugin offers.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PolicyInfo {
    /// Policy name, unique within the plugin for its role (for example `default`).
    pub name: StrRef,
    /// The role it decides for: one of the `ROLE_*` constants.
    pub role: u32,
    /// One-line description for `sgsim plugins`.
    pub description: StrRef,
}

/// `create`: make an instance of policy `policy_index` from its parameters (a TOML document,
/// possibly empty) and a seed. On success writes the opaque instance to `*out` and returns
/// [`STATUS_OK`].
pub type CreateFn = unsafe extern "C" fn(
    policy_index: u32,
    params_toml: StrRef,
    seed: u64,
    out: *mut *mut c_void,
    err: *mut ErrBuf,
) -> i32;

/// `decide`: fill `actions[0..n]` from `observations[0..n]`. Both arrays hold the record
/// types of the instance's role (for example [`CapitalObservation`] and [`CapitalAction`]).
/// Observations are host-owned and valid only during the call; actions are host-allocated,
/// zero-initialised except for their `size` field; each field's documentation says what 0
/// means (for most it is "nothing" or "no change"; for levels such as `readiness` or
/// `offensive_intensity` it is the level 0).
pub type DecideFn = unsafe extern "C" fn(
    instance: *mut c_void,
    observations: *const c_void,
    actions: *mut c_void,
    n: usize,
    err: *mut ErrBuf,
) -> i32;

/// `destroy`: free an instance made by `create`. Never called after a failed `decide`.
pub type DestroyFn = unsafe extern "C" fn(instance: *mut c_void);

/// The table of everything a plugin provides. Fields are only ever appended.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PluginVTable {
    /// `size_of::<PluginVTable>()` as the plugin was compiled.
    pub size: usize,
    /// Must equal [`ABI_VERSION`].
    pub abi_version: u32,
    /// Bit set of `CAP_*` flags.
    pub capabilities: u64,
    /// Plugin name (for example `baseline`).
    pub name: StrRef,
    /// Plugin version (semantic version string).
    pub version: StrRef,
    /// Number of entries in `policies`.
    pub n_policies: usize,
    /// Table of the policies offered, `'static`.
    pub policies: *const PolicyInfo,
    /// See [`CreateFn`].
    pub create: CreateFn,
    /// See [`DecideFn`].
    pub decide: DecideFn,
    /// See [`DestroyFn`].
    pub destroy: DestroyFn,
}

// SAFETY: the vtable is immutable `'static` data (pointers to static strings, a static table
// and functions) that the host only reads.
#[allow(
    unsafe_code,
    reason = "plain-data table of static pointers shared across threads"
)]
unsafe impl Sync for PluginVTable {}

/// The constants of the ABI with their names in the C header (`include/sgsim_abi.h`), so a
/// test can check that the header agrees.
pub const C_CONSTANTS: [(&str, i64); 36] = [
    ("SGSIM_ABI_VERSION", ABI_VERSION as i64),
    ("SGSIM_CAP_PANIC_UNWIND", CAP_PANIC_UNWIND as i64),
    ("SGSIM_STATUS_OK", STATUS_OK as i64),
    ("SGSIM_STATUS_ERROR", STATUS_ERROR as i64),
    ("SGSIM_STATUS_PANIC", STATUS_PANIC as i64),
    ("SGSIM_ROLE_CAPITAL", ROLE_CAPITAL as i64),
    ("SGSIM_ROLE_KREMLIN", ROLE_KREMLIN as i64),
    ("SGSIM_ROLE_KYIV", ROLE_KYIV as i64),
    ("SGSIM_ROLE_COALITION", ROLE_COALITION as i64),
    ("SGSIM_LOCATION_HOME", LOCATION_HOME as i64),
    (
        "SGSIM_LOCATION_ALLIED_TERRITORY",
        LOCATION_ALLIED_TERRITORY as i64,
    ),
    ("SGSIM_LOCATION_UKRAINE_REAR", LOCATION_UKRAINE_REAR as i64),
    (
        "SGSIM_LOCATION_UKRAINE_FRONT",
        LOCATION_UKRAINE_FRONT as i64,
    ),
    ("SGSIM_CHANNEL_BILATERAL", CHANNEL_BILATERAL as i64),
    ("SGSIM_CHANNEL_RAMSTEIN", CHANNEL_RAMSTEIN as i64),
    ("SGSIM_CHANNEL_NATO", CHANNEL_NATO as i64),
    ("SGSIM_CEASEFIRE_NO_CHANGE", CEASEFIRE_NO_CHANGE as i64),
    ("SGSIM_CEASEFIRE_OFFER", CEASEFIRE_OFFER as i64),
    ("SGSIM_CEASEFIRE_BREAK", CEASEFIRE_BREAK as i64),
    ("SGSIM_AGENDA_AID_PACKAGE", AGENDA_AID_PACKAGE as i64),
    ("SGSIM_AGENDA_INVITATION", AGENDA_INVITATION as i64),
    ("SGSIM_AGENDA_RESPONSE", AGENDA_RESPONSE as i64),
    ("SGSIM_AGENDA_MISSION", AGENDA_MISSION as i64),
    ("SGSIM_AGENDA_EU_MILITARY", AGENDA_EU_MILITARY as i64),
    ("SGSIM_AGENDA_EU_FINANCIAL", AGENDA_EU_FINANCIAL as i64),
    ("SGSIM_SECTOR_NONE", SECTOR_NONE as i64),
    ("SGSIM_SECTOR_NORTH", SECTOR_NORTH as i64),
    ("SGSIM_SECTOR_DONBAS", SECTOR_DONBAS as i64),
    ("SGSIM_SECTOR_SOUTH", SECTOR_SOUTH as i64),
    ("SGSIM_SECTOR_OCCUPIED_2014", SECTOR_OCCUPIED_2014 as i64),
    ("SGSIM_OFFER_GUARANTEE", OFFER_GUARANTEE as i64),
    ("SGSIM_OFFER_MEMBERSHIP", OFFER_MEMBERSHIP as i64),
    ("SGSIM_MEMBERSHIP_NONE", MEMBERSHIP_NONE as i64),
    ("SGSIM_MEMBERSHIP_INVITED", MEMBERSHIP_INVITED as i64),
    ("SGSIM_MEMBERSHIP_MEMBER", MEMBERSHIP_MEMBER as i64),
    ("SGSIM_VTABLE_SIZE", size_of::<PluginVTable>() as i64),
];

/// Signature of the `sgsim_abi_version` symbol.
pub type AbiVersionFn = unsafe extern "C" fn() -> u32;
/// Signature of the `sgsim_plugin_vtable` symbol.
pub type VTableFn = unsafe extern "C" fn() -> *const PluginVTable;
