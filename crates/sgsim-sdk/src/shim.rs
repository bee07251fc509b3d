//! The C ABI shims behind [`export_plugin!`](crate::export_plugin): they turn the safe
//! [`Policy`] trait into the `create` / `decide` / `destroy` functions of the vtable, catch
//! every panic on the plugin side and report it through the host's error buffer.

use core::ffi::c_void;
use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use sgsim_abi::{
    self as abi, ErrBuf, PluginVTable, PolicyInfo, RoleRecords, STATUS_ERROR, STATUS_OK,
    STATUS_PANIC, StrRef,
};

use crate::Policy;

/// A policy instance with its concrete type erased, as the vtable holds it.
pub trait ErasedPolicy {
    /// Decides for `n` actors; the pointers are the role's observation and action arrays.
    ///
    /// # Safety
    /// `observations` and `actions` must point to `n` valid records of the instance's role.
    unsafe fn decide_raw(
        &mut self,
        observations: *const c_void,
        actions: *mut c_void,
        n: usize,
    ) -> Result<(), String>;

    /// The actor whose decision is (or was last) under way, 0 before the first.
    fn current_actor(&self) -> u32;
}

/// One ABI instance: the parameters of a policy assignment and one policy value per actor.
pub(crate) struct Instance<P: Policy> {
    params: P::Params,
    seed: u64,
    actors: BTreeMap<u32, P>,
    current_actor: u32,
}

impl<P: Policy> Instance<P> {
    /// Parses the parameters and makes one throwaway policy from them, so that invalid
    /// parameters are reported by `create`, before the first tick. An error names the policy
    /// and the offending key.
    pub(crate) fn new(params_toml: &str, seed: u64) -> Result<Self, String> {
        let params = toml::from_str::<P::Params>(params_toml).map_err(|e| {
            format!(
                "invalid params for policy `{}`: {}",
                P::NAME,
                e.message().trim()
            )
        })?;
        P::create(&params, seed)
            .map_err(|e| format!("invalid params for policy `{}`: {e}", P::NAME))?;
        Ok(Instance {
            params,
            seed,
            actors: BTreeMap::new(),
            current_actor: 0,
        })
    }

    /// Decides for each observation in turn, creating an actor's policy on first use with a
    /// seed derived from the instance seed and the actor id.
    pub(crate) fn decide_slice(
        &mut self,
        observations: &[<P::Role as RoleRecords>::Observation],
        actions: &mut [<P::Role as RoleRecords>::Action],
    ) -> Result<(), String> {
        for (observation, action) in observations.iter().zip(actions.iter_mut()) {
            let header = <P::Role as RoleRecords>::header(observation);
            let expected = size_of::<<P::Role as RoleRecords>::Observation>();
            if header.size as usize != expected {
                return Err(format!(
                    "observation record of {} bytes, but this plugin was built for {expected}: rebuild it against the host's sgsim-sdk",
                    header.size
                ));
            }
            let actor_id = header.actor_id;
            self.current_actor = actor_id;
            let policy = match self.actors.entry(actor_id) {
                std::collections::btree_map::Entry::Occupied(slot) => slot.into_mut(),
                std::collections::btree_map::Entry::Vacant(slot) => {
                    let seed = abi::derive_seed(self.seed, 0x5EED_AC70, u64::from(actor_id));
                    slot.insert(P::create(&self.params, seed)?)
                }
            };
            policy.decide(observation, action);
        }
        Ok(())
    }
}

impl<P: Policy> ErasedPolicy for Instance<P> {
    unsafe fn decide_raw(
        &mut self,
        observations: *const c_void,
        actions: *mut c_void,
        n: usize,
    ) -> Result<(), String> {
        if n == 0 {
            return Ok(());
        }
        // SAFETY: the caller guarantees `n` valid records of this role at each pointer, and
        // the host never aliases the two arrays.
        let (observations, actions) = unsafe {
            (
                std::slice::from_raw_parts(
                    observations.cast::<<P::Role as RoleRecords>::Observation>(),
                    n,
                ),
                std::slice::from_raw_parts_mut(
                    actions.cast::<<P::Role as RoleRecords>::Action>(),
                    n,
                ),
            )
        };
        self.decide_slice(observations, actions)
    }

    fn current_actor(&self) -> u32 {
        self.current_actor
    }
}

/// Makes a type-erased instance of `P`; one entry of the factory table.
pub fn erased_factory<P: Policy>(
    params_toml: &str,
    seed: u64,
) -> Result<Box<dyn ErasedPolicy>, String> {
    Ok(Box::new(Instance::<P>::new(params_toml, seed)?))
}

/// The [`PolicyInfo`] entry for `P`.
pub const fn policy_info<P: Policy>() -> PolicyInfo {
    PolicyInfo {
        name: StrRef::from_static(P::NAME),
        role: <P::Role as RoleRecords>::ROLE,
        description: StrRef::from_static(P::DESCRIPTION),
    }
}

/// Builds the vtable. `panic_unwind` must be `cfg!(panic = "unwind")` evaluated in the
/// plugin crate, which is what the macro passes.
pub const fn vtable(
    name: &'static str,
    version: &'static str,
    policies: &'static [PolicyInfo],
    panic_unwind: bool,
    create: abi::CreateFn,
    decide: abi::DecideFn,
    destroy: abi::DestroyFn,
) -> PluginVTable {
    PluginVTable {
        size: size_of::<PluginVTable>(),
        abi_version: abi::ABI_VERSION,
        capabilities: if panic_unwind {
            abi::CAP_PANIC_UNWIND
        } else {
            0
        },
        name: StrRef::from_static(name),
        version: StrRef::from_static(version),
        n_policies: policies.len(),
        policies: policies.as_ptr(),
        create,
        decide,
        destroy,
    }
}

/// The factory table type the macro builds.
pub type Factory = fn(&str, u64) -> Result<Box<dyn ErasedPolicy>, String>;

/// `create` for a plugin whose policies are `factories`.
///
/// # Safety
/// The host must pass a valid `params` view, a writable `out` and a valid `err` buffer.
pub unsafe fn create_dispatch(
    factories: &[Factory],
    policy_index: u32,
    params: StrRef,
    seed: u64,
    out: *mut *mut c_void,
    err: *mut ErrBuf,
) -> i32 {
    install_panic_hook();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let factory = usize::try_from(policy_index)
            .ok()
            .and_then(|index| factories.get(index))
            .ok_or_else(|| format!("no policy with index {policy_index}"))?;
        let text = if params.len == 0 {
            ""
        } else {
            // SAFETY: the host passes a valid UTF-8 view that outlives this call.
            let bytes = unsafe { std::slice::from_raw_parts(params.ptr, params.len) };
            std::str::from_utf8(bytes).map_err(|e| format!("params are not UTF-8: {e}"))?
        };
        factory(text, seed)
    }));
    match result {
        Ok(Ok(instance)) => {
            let thin: Box<Box<dyn ErasedPolicy>> = Box::new(instance);
            // SAFETY: `out` is writable per the contract.
            unsafe { *out = Box::into_raw(thin).cast::<c_void>() };
            STATUS_OK
        }
        Ok(Err(message)) => {
            // SAFETY: `err` is valid per the contract.
            unsafe { write_err(err, &message) };
            STATUS_ERROR
        }
        Err(payload) => {
            // SAFETY: `err` is valid per the contract.
            unsafe { write_err(err, &panic_message(payload)) };
            STATUS_PANIC
        }
    }
}

/// `decide` for every plugin made with the macro.
///
/// # Safety
/// `instance` must come from `create_dispatch`; the arrays and `err` follow the ABI contract.
pub unsafe extern "C" fn decide_dispatch(
    instance: *mut c_void,
    observations: *const c_void,
    actions: *mut c_void,
    n: usize,
    err: *mut ErrBuf,
) -> i32 {
    install_panic_hook();
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `instance` was made by `create_dispatch` and is not used concurrently.
        let policy = unsafe { &mut *instance.cast::<Box<dyn ErasedPolicy>>() };
        // SAFETY: the host passes `n` records of the instance's role.
        unsafe { policy.decide_raw(observations, actions, n) }
    }));
    if result.as_ref().map_or(true, Result::is_err) {
        // SAFETY: as above; the call has returned, so no other borrow of the instance is live.
        let policy = unsafe { &*instance.cast::<Box<dyn ErasedPolicy>>() };
        // SAFETY: `err` is valid per the contract.
        if let Some(buf) = unsafe { err.as_mut() } {
            buf.actor_id = policy.current_actor();
        }
    }
    match result {
        Ok(Ok(())) => STATUS_OK,
        Ok(Err(message)) => {
            // SAFETY: `err` is valid per the contract.
            unsafe { write_err(err, &message) };
            STATUS_ERROR
        }
        Err(payload) => {
            // SAFETY: `err` is valid per the contract.
            unsafe { write_err(err, &panic_message(payload)) };
            STATUS_PANIC
        }
    }
}

/// `destroy` for every plugin made with the macro.
///
/// # Safety
/// `instance` must come from `create_dispatch` and not be used afterwards.
pub unsafe extern "C" fn destroy_dispatch(instance: *mut c_void) {
    if instance.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `instance` was made by `Box::into_raw` in `create_dispatch`.
        drop(unsafe { Box::from_raw(instance.cast::<Box<dyn ErasedPolicy>>()) });
    }));
}

thread_local! {
    /// Where the last panic on this thread happened, recorded by the plugin's panic hook.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the plugin's panic hook (each plugin has its own standard library, so this
/// does not touch the host's) with one that records the location instead of printing: the
/// host reports the panic once, with that location, naming the actor and tick.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            PANIC_LOCATION.with(|slot| *slot.borrow_mut() = location);
        }));
    });
}

/// Extracts a panic message and forgets the payload (dropping it could panic again).
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let mut message = if let Some(text) = payload.downcast_ref::<&str>() {
        format!("panic: {text}")
    } else if let Some(text) = payload.downcast_ref::<String>() {
        format!("panic: {text}")
    } else {
        "panic with a non-string payload".to_owned()
    };
    std::mem::forget(payload);
    if let Some(location) = PANIC_LOCATION.with(|slot| slot.borrow_mut().take()) {
        message.push_str(&format!(" (at {location})"));
    }
    message
}

/// Writes `message` into the host's buffer, truncated on a UTF-8 boundary.
///
/// # Safety
/// `err` must be null or point to a valid `ErrBuf` whose `ptr` has `cap` writable bytes.
unsafe fn write_err(err: *mut ErrBuf, message: &str) {
    // SAFETY: per the function contract.
    let Some(buf) = (unsafe { err.as_mut() }) else {
        return;
    };
    if buf.ptr.is_null() {
        return;
    }
    let mut len = message.len().min(buf.cap);
    while !message.is_char_boundary(len) {
        len -= 1;
    }
    // SAFETY: `buf.ptr` has `cap >= len` writable bytes that do not overlap `message`.
    unsafe { std::ptr::copy_nonoverlapping(message.as_ptr(), buf.ptr, len) };
    buf.len = len;
}
