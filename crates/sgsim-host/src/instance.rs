//! [`PolicyInstance`]: one instance made by a plugin's `create`, called on slices.

use std::ffi::c_void;
use std::sync::Arc;

use sgsim_abi::{ErrBuf, RoleRecords, STATUS_OK, STATUS_PANIC, StrRef};

use crate::plugin::{Plugin, PolicyEntry};

/// Bytes of the error buffer handed to the plugin.
const ERR_CAPACITY: usize = 2048;

/// A failed `create` or `decide`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The plugin panicked; the panic was caught inside it.
    #[error("panicked: {message}")]
    Panic {
        /// The panic message.
        message: String,
        /// The actor whose decision panicked, if the plugin said (0 otherwise).
        actor_id: u32,
    },
    /// The plugin returned an error.
    #[error("returned an error: {message}")]
    Error {
        /// The message.
        message: String,
        /// The actor whose decision failed, if the plugin said (0 otherwise).
        actor_id: u32,
    },
    /// The host asked for a role the policy does not decide for (a host bug).
    #[error("policy decides for role {policy_role}, not {requested}")]
    WrongRole {
        /// The policy's role.
        policy_role: u32,
        /// The role asked for.
        requested: u32,
    },
    /// The isolated policy host running the plugin died (a segmentation fault, an abort).
    #[error("crashed: the isolated policy process was {how}")]
    Crashed {
        /// How the process ended ("killed by signal 11 (SIGSEGV, ...)").
        how: String,
    },
    /// The instance failed before and may not be called again.
    #[error("instance is poisoned by an earlier failure")]
    Poisoned,
}

/// One live instance of a plugin's policy.
///
/// Contract with the plugin: an instance may move between threads but is never used from
/// two threads at once; it is destroyed on drop unless a call failed, in which case it is
/// leaked (the plugin's state may be inconsistent).
#[derive(Debug)]
pub struct PolicyInstance {
    plugin: Arc<Plugin>,
    policy: PolicyEntry,
    handle: *mut c_void,
    poisoned: bool,
    err: Vec<u8>,
}

// SAFETY: the ABI contract lets an instance move between threads as long as it is not used
// concurrently; `&mut self` on every call guarantees exclusive use.
unsafe impl Send for PolicyInstance {}

impl PolicyInstance {
    /// Calls the plugin's `create` with the policy's parameters (TOML text) and seed.
    pub fn create(
        plugin: Arc<Plugin>,
        policy: &PolicyEntry,
        params_toml: &str,
        seed: u64,
    ) -> Result<Self, CallError> {
        let mut err = vec![0u8; ERR_CAPACITY];
        let mut errbuf = ErrBuf {
            ptr: err.as_mut_ptr(),
            cap: err.len(),
            len: 0,
            actor_id: 0,
        };
        let mut handle: *mut c_void = std::ptr::null_mut();
        let params = StrRef {
            ptr: params_toml.as_ptr(),
            len: params_toml.len(),
        };
        // SAFETY: the vtable was checked at load; all pointers are valid for the call.
        let status =
            unsafe { (plugin.vtable.create)(policy.index, params, seed, &mut handle, &mut errbuf) };
        if status != STATUS_OK {
            return Err(error(status, &err, &errbuf));
        }
        Ok(PolicyInstance {
            plugin,
            policy: policy.clone(),
            handle,
            poisoned: false,
            err,
        })
    }

    /// The plugin this instance comes from.
    pub fn plugin(&self) -> &Plugin {
        &self.plugin
    }

    /// The policy.
    pub fn policy(&self) -> &PolicyEntry {
        &self.policy
    }

    /// Decides for a slice of actors of role `R`; `actions` must be zeroed with `size` set.
    pub fn decide<R: RoleRecords>(
        &mut self,
        observations: &[R::Observation],
        actions: &mut [R::Action],
    ) -> Result<(), CallError> {
        if self.poisoned {
            return Err(CallError::Poisoned);
        }
        if self.policy.role != R::ROLE {
            return Err(CallError::WrongRole {
                policy_role: self.policy.role,
                requested: R::ROLE,
            });
        }
        assert_eq!(
            observations.len(),
            actions.len(),
            "one action per observation"
        );
        let mut errbuf = ErrBuf {
            ptr: self.err.as_mut_ptr(),
            cap: self.err.len(),
            len: 0,
            actor_id: 0,
        };
        // SAFETY: the vtable was checked at load; the slices hold `n` records of the role the
        // policy declared, and the error buffer outlives the call.
        let status = unsafe {
            (self.plugin.vtable.decide)(
                self.handle,
                observations.as_ptr().cast::<c_void>(),
                actions.as_mut_ptr().cast::<c_void>(),
                observations.len(),
                &mut errbuf,
            )
        };
        if status != STATUS_OK {
            self.poisoned = true;
            let failure = error(status, &self.err, &errbuf);
            return Err(failure);
        }
        Ok(())
    }
}

impl Drop for PolicyInstance {
    fn drop(&mut self) {
        if !self.poisoned && !self.handle.is_null() {
            // SAFETY: the handle came from this plugin's `create` and is dropped once.
            unsafe { (self.plugin.vtable.destroy)(self.handle) };
        }
    }
}

fn error(status: i32, buffer: &[u8], errbuf: &ErrBuf) -> CallError {
    let text = String::from_utf8_lossy(&buffer[..errbuf.len.min(buffer.len())]).into_owned();
    let message = if text.is_empty() {
        format!("status {status} without a message")
    } else {
        text
    };
    let actor_id = errbuf.actor_id;
    if status == STATUS_PANIC {
        CallError::Panic { message, actor_id }
    } else {
        CallError::Error { message, actor_id }
    }
}

impl CallError {
    /// The actor the plugin blamed, if any.
    pub fn actor_id(&self) -> Option<u32> {
        match self {
            CallError::Panic { actor_id, .. } | CallError::Error { actor_id, .. }
                if *actor_id != 0 =>
            {
                Some(*actor_id)
            }
            _ => None,
        }
    }
}
