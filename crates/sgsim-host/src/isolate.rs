//! Isolated policies: the plugin's `create` and `decide` run in a child process (a "policy
//! host"), so that a segmentation fault or an abort in native plugin code ends that process,
//! not the run's: the host sees the pipe close, reaps the child and reports which signal
//! killed it, and the caller turns that into a failed run naming plugin, actor and tick.
//!
//! The two processes talk over the child's standard input and output with length-prefixed
//! little-endian messages. Records cross as their raw bytes: both ends are the same `sgsim`
//! executable, so they share every `#[repr(C)]` layout.
//!
//! - create: `1, u32 instance, u32 policy_index, u64 seed, bytes path, bytes params`
//! - decide: `2, u32 instance, u32 role, u64 n, bytes observations`
//!
//! Each answer is `u8 status` (`STATUS_*`); after `STATUS_OK` a decide answer carries
//! `bytes actions`; after a failure, `u32 actor_id, bytes message`. `bytes` is a `u64`
//! length and the bytes.

use std::collections::BTreeMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};

use sgsim_abi::{Capital, Coalition, Kremlin, Kyiv, RoleRecords, STATUS_OK};

use crate::instance::{CallError, PolicyInstance};
use crate::plugin::{Plugin, PolicyEntry, load_plugin};

const CREATE: u8 = 1;
const DECIDE: u8 = 2;

/// A running policy host: one child process holding the instances of one run.
#[derive(Debug)]
pub struct PolicyHost {
    inner: Mutex<HostInner>,
}

#[derive(Debug)]
struct HostInner {
    child: Child,
    to: BufWriter<ChildStdin>,
    from: BufReader<ChildStdout>,
    next: u32,
    dead: Option<String>,
}

impl PolicyHost {
    /// Starts `exe args…` as a policy host (its standard input and output are the pipe).
    pub fn start(exe: &Path, args: &[&str]) -> std::io::Result<Arc<PolicyHost>> {
        let mut child = Command::new(exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let to = BufWriter::new(child.stdin.take().ok_or_else(no_pipe)?);
        let from = BufReader::new(child.stdout.take().ok_or_else(no_pipe)?);
        Ok(Arc::new(PolicyHost {
            inner: Mutex::new(HostInner {
                child,
                to,
                from,
                next: 1,
                dead: None,
            }),
        }))
    }
}

fn no_pipe() -> std::io::Error {
    std::io::Error::other("the policy host has no pipe")
}

impl HostInner {
    /// Sends a request and reads the status byte; a broken pipe means the child died.
    fn call(&mut self, request: &[u8]) -> Result<u8, CallError> {
        if let Some(how) = &self.dead {
            return Err(CallError::Crashed { how: how.clone() });
        }
        let sent = self
            .to
            .write_all(request)
            .and_then(|()| self.to.flush())
            .and_then(|()| {
                let mut status = [0u8];
                self.from.read_exact(&mut status).map(|()| status[0])
            });
        sent.map_err(|_| self.died())
    }

    fn died(&mut self) -> CallError {
        let how = match self.child.wait() {
            Ok(status) => describe(&status),
            Err(e) => format!("lost ({e})"),
        };
        self.dead = Some(how.clone());
        CallError::Crashed { how }
    }

    fn read_u32(&mut self) -> Result<u32, CallError> {
        let mut b = [0u8; 4];
        self.from.read_exact(&mut b).map_err(|_| self.died())?;
        Ok(u32::from_le_bytes(b))
    }

    fn read_bytes(&mut self) -> Result<Vec<u8>, CallError> {
        let mut b = [0u8; 8];
        self.from.read_exact(&mut b).map_err(|_| self.died())?;
        let mut bytes = vec![0u8; u64::from_le_bytes(b) as usize];
        self.from.read_exact(&mut bytes).map_err(|_| self.died())?;
        Ok(bytes)
    }

    fn failure(&mut self, status: u8) -> CallError {
        let actor_id = match self.read_u32() {
            Ok(id) => id,
            Err(e) => return e,
        };
        let message = match self.read_bytes() {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => return e,
        };
        if i32::from(status) == sgsim_abi::STATUS_PANIC {
            CallError::Panic { message, actor_id }
        } else {
            CallError::Error { message, actor_id }
        }
    }
}

impl Drop for PolicyHost {
    fn drop(&mut self) {
        let inner = self.inner.get_mut().unwrap_or_else(PoisonError::into_inner);
        // Closing its input ends the host's loop; reap it so no zombie is left.
        let _ = inner.to.flush();
        let _ = inner.child.kill();
        let _ = inner.child.wait();
    }
}

/// "killed by signal 11 (SIGSEGV)" or "exit status 3".
fn describe(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.signal(), status.code()) {
        (Some(signal), _) => format!("killed by signal {signal} ({})", signal_name(signal)),
        (None, Some(code)) => format!("exited with status {code}"),
        (None, None) => "ended".to_owned(),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        4 => "SIGILL",
        6 => "SIGABRT, an abort",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV, a segmentation fault",
        _ => "a signal",
    }
}

/// One policy instance living in a policy host.
#[derive(Debug)]
pub struct RemoteInstance {
    host: Arc<PolicyHost>,
    plugin: Arc<Plugin>,
    policy: PolicyEntry,
    id: u32,
    poisoned: bool,
}

impl RemoteInstance {
    /// Creates the instance in `host` (the host loads the plugin file itself).
    pub fn create(
        host: Arc<PolicyHost>,
        plugin: Arc<Plugin>,
        policy: &PolicyEntry,
        params_toml: &str,
        seed: u64,
    ) -> Result<Self, CallError> {
        let id = {
            let mut inner = host.inner.lock().unwrap_or_else(PoisonError::into_inner);
            let id = inner.next;
            inner.next += 1;
            let mut request = vec![CREATE];
            request.extend_from_slice(&id.to_le_bytes());
            request.extend_from_slice(&policy.index.to_le_bytes());
            request.extend_from_slice(&seed.to_le_bytes());
            push_bytes(&mut request, plugin.path.as_os_str().as_encoded_bytes());
            push_bytes(&mut request, params_toml.as_bytes());
            let status = inner.call(&request)?;
            if i32::from(status) != STATUS_OK {
                return Err(inner.failure(status));
            }
            id
        };
        Ok(RemoteInstance {
            host,
            plugin,
            policy: policy.clone(),
            id,
            poisoned: false,
        })
    }

    /// The plugin.
    pub fn plugin(&self) -> &Plugin {
        &self.plugin
    }

    /// The policy.
    pub fn policy(&self) -> &PolicyEntry {
        &self.policy
    }

    /// As [`PolicyInstance::decide`], in the policy host.
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
        let mut inner = self
            .host
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut request = vec![DECIDE];
        request.extend_from_slice(&self.id.to_le_bytes());
        request.extend_from_slice(&R::ROLE.to_le_bytes());
        request.extend_from_slice(&(observations.len() as u64).to_le_bytes());
        push_bytes(&mut request, as_bytes(observations));
        let result = inner.call(&request).and_then(|status| {
            if i32::from(status) != STATUS_OK {
                return Err(inner.failure(status));
            }
            let bytes = inner.read_bytes()?;
            if bytes.len() != size_of_val(actions) {
                return Err(CallError::Error {
                    message: format!(
                        "the policy host returned {} bytes of actions, expected {}",
                        bytes.len(),
                        size_of_val(actions)
                    ),
                    actor_id: 0,
                });
            }
            copy_into(actions, &bytes);
            Ok(())
        });
        if result.is_err() {
            self.poisoned = true;
        }
        result
    }
}

fn push_bytes(buffer: &mut Vec<u8>, bytes: &[u8]) {
    buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    buffer.extend_from_slice(bytes);
}

/// The bytes of a slice of ABI records.
fn as_bytes<T: Copy>(records: &[T]) -> &[u8] {
    // SAFETY: ABI records are `#[repr(C)]` plain data (integers and floats) built from
    // `Default` values, so every byte of them is initialised; the view lives as long as the
    // borrow of `records`.
    unsafe { std::slice::from_raw_parts(records.as_ptr().cast::<u8>(), size_of_val(records)) }
}

/// Overwrites ABI records with `bytes` (exactly their size).
fn copy_into<T: Copy>(records: &mut [T], bytes: &[u8]) {
    assert_eq!(bytes.len(), size_of_val(records));
    // SAFETY: the sizes are equal; any bit pattern is a valid value of a record made of
    // integers and floats.
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            records.as_mut_ptr().cast::<u8>(),
            bytes.len(),
        );
    }
}

/// The policy host's loop (`sgsim __policy-host`): reads requests on `input`, calls the
/// plugins, answers on `output`, until `input` closes. Returns the exit code.
pub fn serve(input: impl Read, output: impl Write) -> i32 {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let mut plugins: BTreeMap<PathBuf, Arc<Plugin>> = BTreeMap::new();
    let mut instances: BTreeMap<u32, PolicyInstance> = BTreeMap::new();
    loop {
        let mut tag = [0u8];
        if input.read_exact(&mut tag).is_err() {
            return 0;
        }
        let answer = match tag[0] {
            CREATE => serve_create(&mut input, &mut plugins, &mut instances),
            DECIDE => serve_decide(&mut input, &mut instances),
            _ => return 1,
        };
        let Ok(answer) = answer else { return 1 };
        if output
            .write_all(&answer)
            .and_then(|()| output.flush())
            .is_err()
        {
            return 1;
        }
    }
}

fn read_array<const N: usize>(input: &mut impl Read) -> std::io::Result<[u8; N]> {
    let mut b = [0u8; N];
    input.read_exact(&mut b)?;
    Ok(b)
}

fn read_bytes(input: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let len = u64::from_le_bytes(read_array(input)?) as usize;
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn failed(error: &CallError) -> Vec<u8> {
    let (status, actor, message) = match error {
        CallError::Panic { message, actor_id } => {
            (sgsim_abi::STATUS_PANIC, *actor_id, message.clone())
        }
        CallError::Error { message, actor_id } => {
            (sgsim_abi::STATUS_ERROR, *actor_id, message.clone())
        }
        other => (sgsim_abi::STATUS_ERROR, 0, other.to_string()),
    };
    let mut answer = vec![status as u8];
    answer.extend_from_slice(&actor.to_le_bytes());
    push_bytes(&mut answer, message.as_bytes());
    answer
}

fn serve_create(
    input: &mut impl Read,
    plugins: &mut BTreeMap<PathBuf, Arc<Plugin>>,
    instances: &mut BTreeMap<u32, PolicyInstance>,
) -> std::io::Result<Vec<u8>> {
    let id = u32::from_le_bytes(read_array(input)?);
    let index = u32::from_le_bytes(read_array(input)?);
    let seed = u64::from_le_bytes(read_array(input)?);
    let path = PathBuf::from(String::from_utf8_lossy(&read_bytes(input)?).into_owned());
    let params = String::from_utf8_lossy(&read_bytes(input)?).into_owned();
    let plugin = match plugins.get(&path) {
        Some(plugin) => plugin.clone(),
        None => match load_plugin(&path) {
            Ok(plugin) => {
                let plugin = Arc::new(plugin);
                plugins.insert(path.clone(), plugin.clone());
                plugin
            }
            Err(e) => {
                return Ok(failed(&CallError::Error {
                    message: e.to_string(),
                    actor_id: 0,
                }));
            }
        },
    };
    let Some(entry) = plugin.policies.iter().find(|p| p.index == index).cloned() else {
        return Ok(failed(&CallError::Error {
            message: format!("the plugin has no policy number {index}"),
            actor_id: 0,
        }));
    };
    Ok(
        match PolicyInstance::create(plugin, &entry, &params, seed) {
            Ok(instance) => {
                instances.insert(id, instance);
                vec![STATUS_OK as u8]
            }
            Err(e) => failed(&e),
        },
    )
}

fn serve_decide(
    input: &mut impl Read,
    instances: &mut BTreeMap<u32, PolicyInstance>,
) -> std::io::Result<Vec<u8>> {
    let id = u32::from_le_bytes(read_array(input)?);
    let role = u32::from_le_bytes(read_array(input)?);
    let n = u64::from_le_bytes(read_array(input)?) as usize;
    let bytes = read_bytes(input)?;
    let Some(instance) = instances.get_mut(&id) else {
        return Ok(failed(&CallError::Poisoned));
    };
    let result = match role {
        sgsim_abi::ROLE_CAPITAL => decide_as::<Capital>(instance, n, &bytes),
        sgsim_abi::ROLE_KREMLIN => decide_as::<Kremlin>(instance, n, &bytes),
        sgsim_abi::ROLE_KYIV => decide_as::<Kyiv>(instance, n, &bytes),
        _ => decide_as::<Coalition>(instance, n, &bytes),
    };
    Ok(match result {
        Ok(actions) => {
            let mut answer = vec![STATUS_OK as u8];
            push_bytes(&mut answer, &actions);
            answer
        }
        Err(e) => failed(&e),
    })
}

fn decide_as<R: RoleRecords>(
    instance: &mut PolicyInstance,
    n: usize,
    bytes: &[u8],
) -> Result<Vec<u8>, CallError> {
    let mut observations = vec![R::Observation::default(); n];
    if bytes.len() != size_of_val(observations.as_slice()) {
        return Err(CallError::Error {
            message: "observation bytes of the wrong size".to_owned(),
            actor_id: 0,
        });
    }
    copy_into(&mut observations, bytes);
    let mut actions = vec![R::Action::default(); n];
    for action in &mut actions {
        R::init_action(action);
    }
    instance.decide::<R>(&observations, &mut actions)?;
    Ok(as_bytes(&actions).to_vec())
}
