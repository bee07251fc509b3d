//! A policy instance in this process or, with `--isolate`, in a policy host child process
//! (`sgsim __policy-host`), behind one interface.

use std::sync::Arc;

use sgsim_abi::RoleRecords;
use sgsim_host::{CallError, Plugin, PolicyEntry, PolicyHost, PolicyInstance, RemoteInstance};

/// The hidden subcommand that serves isolated policies on its standard input and output.
pub const POLICY_HOST_COMMAND: &str = "__policy-host";

/// One policy instance, wherever it runs.
#[derive(Debug)]
pub enum Decider {
    /// In this process.
    Local(PolicyInstance),
    /// In a policy host child process.
    Remote(RemoteInstance),
}

impl Decider {
    /// Creates the instance here, or in `host` when given.
    pub fn create(
        host: Option<&Arc<PolicyHost>>,
        plugin: Arc<Plugin>,
        policy: &PolicyEntry,
        params_toml: &str,
        seed: u64,
    ) -> Result<Decider, CallError> {
        match host {
            None => PolicyInstance::create(plugin, policy, params_toml, seed).map(Decider::Local),
            Some(host) => RemoteInstance::create(host.clone(), plugin, policy, params_toml, seed)
                .map(Decider::Remote),
        }
    }

    /// The plugin.
    pub fn plugin(&self) -> &Plugin {
        match self {
            Decider::Local(i) => i.plugin(),
            Decider::Remote(i) => i.plugin(),
        }
    }

    /// The policy.
    pub fn policy(&self) -> &PolicyEntry {
        match self {
            Decider::Local(i) => i.policy(),
            Decider::Remote(i) => i.policy(),
        }
    }

    /// Decides for a slice of actors of role `R`.
    pub fn decide<R: RoleRecords>(
        &mut self,
        observations: &[R::Observation],
        actions: &mut [R::Action],
    ) -> Result<(), CallError> {
        match self {
            Decider::Local(i) => i.decide::<R>(observations, actions),
            Decider::Remote(i) => i.decide::<R>(observations, actions),
        }
    }
}

/// Starts a policy host for one run (the `sgsim` executable of this process).
pub fn start_host() -> Result<Arc<PolicyHost>, String> {
    let exe = crate::probe::helper().ok_or_else(|| {
        "isolated policies need the sgsim executable, which this program does not know (run sgsim itself)"
            .to_owned()
    })?;
    PolicyHost::start(exe, &[POLICY_HOST_COMMAND])
        .map_err(|e| format!("cannot start the policy host {}: {e}", exe.display()))
}
