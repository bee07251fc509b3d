//! The policies of a run: plugins loaded once, one instance per assignment, and the calls
//! that fill each tick's actions, with every action checked before the world sees it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sgsim_abi::{Capital, Coalition, Kremlin, Kyiv, RoleRecords, derive_seed};
use sgsim_core::{ActorInfo, Decisions, Role, validate};
use sgsim_host::{CallError, Plugin, PolicyHost, find_plugin};

use crate::decider::Decider;

use crate::engine::PluginCache;
use sgsim_scenario::{Assignment, Resolved};

/// Tag of the policy-instance seed stream.
const POLICY_STREAM: u64 = 0x9011_C1E5;

/// `(plugin, policy)` by position in each role's decision vectors.
#[derive(Clone, Debug, Default)]
pub struct PolicyLabels {
    /// Capitals.
    pub capital: Vec<(Arc<str>, Arc<str>)>,
    /// The Kremlin.
    pub kremlin: Vec<(Arc<str>, Arc<str>)>,
    /// Kyiv.
    pub kyiv: Vec<(Arc<str>, Arc<str>)>,
    /// Coalition units.
    pub coalition: Vec<(Arc<str>, Arc<str>)>,
}

/// A plugin or policy problem found before the run starts, located in the scenario.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PolicySetupError(pub String);

/// A policy fault during the run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PolicyFault(pub String);

struct Group {
    key: String,
    role: Role,
    instance: Decider,
    /// Contiguous runs `[start, end)` of positions in the role's decision vectors.
    runs: Vec<(usize, usize)>,
}

/// All policy instances of a run.
pub struct Policies {
    groups: Vec<Group>,
    plugins: Vec<(Arc<Plugin>, Vec<String>)>,
    codes: BTreeMap<u32, String>,
    capital_ids: Vec<u32>,
    unit_ids: Vec<u32>,
}

/// Finds a plugin by name in the search path, or by path (relative to the scenario file);
/// returns the file's canonical path.
pub fn locate_plugin(spec: &str, scenario_dir: &Path, dirs: &[PathBuf]) -> Result<PathBuf, String> {
    let found = if spec.contains('/') || spec.ends_with(std::env::consts::DLL_SUFFIX) {
        let path = scenario_dir.join(spec);
        if path.is_file() {
            Ok(path)
        } else {
            Err(format!("plugin file {} does not exist", path.display()))
        }
    } else {
        let found = find_plugin(spec, dirs).ok_or_else(|| not_found(spec, dirs));
        if let Ok(path) = &found {
            warn_if_shadowing(spec, path, dirs);
        }
        found
    };
    found.map(|path| path.canonicalize().unwrap_or(path))
}

/// Warns (once per file) when the plugin file found first is older than another file of
/// the same plugin later in the search path: a stale build shadowing a fresh one.
fn warn_if_shadowing(spec: &str, chosen: &Path, dirs: &[PathBuf]) {
    static WARNED: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(chosen_time) = modified(chosen) else {
        return;
    };
    let chosen_real = chosen.canonicalize().unwrap_or_else(|_| chosen.to_owned());
    let file = sgsim_host::plugin_file_name(spec);
    let newer = dirs
        .iter()
        .map(|dir| dir.join(&file))
        .filter(|p| p.is_file())
        .filter(|p| p.canonicalize().unwrap_or_else(|_| p.clone()) != chosen_real)
        .find(|p| modified(p).is_some_and(|t| t > chosen_time));
    let Some(newer) = newer else { return };
    let mut warned = WARNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if warned.insert(chosen_real.clone()) {
        eprintln!(
            "warning: plugin `{spec}`: using {}, found first in the search path, but {} is newer (a stale build may shadow a fresh one); remove the old file or put the folder you mean first in plugin_dirs or SGSIM_PLUGIN_PATH",
            chosen_real.display(),
            newer.display()
        );
    }
}

fn not_found(spec: &str, dirs: &[PathBuf]) -> String {
    {
        let searched: Vec<String> = dirs
            .iter()
            .map(|d| {
                if d.is_dir() {
                    d.display().to_string()
                } else {
                    format!("{} (does not exist)", d.display())
                }
            })
            .collect();
        format!(
            "plugin `{spec}` not found: no {} in {}; build it (the workspace's plugins: `cargo build --release`), or add its folder to plugin_dirs or SGSIM_PLUGIN_PATH",
            sgsim_host::plugin_file_name(spec),
            searched.join(", ")
        )
    }
}

impl Policies {
    /// Loads every plugin the scenario names and creates one instance per assignment.
    pub fn create(
        resolved: &Resolved,
        actors: &[ActorInfo],
        cache: &PluginCache,
    ) -> Result<Policies, PolicySetupError> {
        let doc = &resolved.doc;
        let host = if cache.isolate() {
            Some(crate::decider::start_host().map_err(PolicySetupError)?)
        } else {
            None
        };
        let scenario_dir = doc
            .path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut loaded: BTreeMap<PathBuf, Arc<Plugin>> = BTreeMap::new();
        let mut groups = Vec::new();
        for assignment in &resolved.assignments {
            let located = |message: String| {
                PolicySetupError(
                    doc.error_at(&format!("{}.plugin", assignment.key), message)
                        .to_string(),
                )
            };
            let path = locate_plugin(
                &assignment.choice.plugin,
                &scenario_dir,
                &resolved.plugin_dirs,
            )
            .map_err(located)?;
            let plugin = cache.get(&path).map_err(|e| located(e.to_string()))?;
            if let Some(pinned) = &assignment.choice.sha256
                && !(pinned.len() == 64 && pinned.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                return Err(PolicySetupError(
                    doc.error_at(
                        &format!("{}.sha256", assignment.key),
                        format!(
                            "{pinned:?} is not a SHA-256: a pin is the 64 hexadecimal digits that `sha256sum FILE` or `sgsim plugins` prints; {} has {}",
                            path.display(),
                            plugin.sha256
                        ),
                    )
                    .to_string(),
                ));
            }
            if let Some(pinned) = &assignment.choice.sha256
                && !pinned.eq_ignore_ascii_case(&plugin.sha256)
            {
                return Err(PolicySetupError(
                    doc.error_at(
                        &format!("{}.sha256", assignment.key),
                        format!(
                            "{} has SHA-256 {}, but the scenario pins {pinned}; the plugin changed since the scenario was written",
                            path.display(),
                            plugin.sha256
                        ),
                    )
                    .to_string(),
                ));
            }
            let by_name = !assignment.choice.plugin.contains('/')
                && !assignment
                    .choice
                    .plugin
                    .ends_with(std::env::consts::DLL_SUFFIX);
            if by_name && plugin.name != assignment.choice.plugin {
                return Err(located(format!(
                    "{} declares the plugin name `{}`, not `{}`",
                    path.display(),
                    plugin.name,
                    assignment.choice.plugin
                )));
            }
            loaded.entry(path.clone()).or_insert_with(|| plugin.clone());
            groups.push(Self::instantiate(
                resolved,
                assignment,
                plugin,
                actors,
                host.as_ref(),
            )?);
        }
        let mut plugins: Vec<(Arc<Plugin>, Vec<String>)> =
            loaded.into_values().map(|p| (p, Vec::new())).collect();
        for group in &groups {
            if let Some(entry) = plugins
                .iter_mut()
                .find(|(p, _)| p.path == group.instance.plugin().path)
            {
                entry
                    .1
                    .push(format!("{} = {}", group.key, group.instance.policy().name));
            }
        }
        Ok(Policies {
            groups,
            plugins,
            codes: actors.iter().map(|a| (a.id, a.code.clone())).collect(),
            capital_ids: actors
                .iter()
                .filter(|a| a.role == Role::Capital)
                .map(|a| a.id)
                .collect(),
            unit_ids: actors
                .iter()
                .filter(|a| a.role == Role::Coalition)
                .map(|a| a.id)
                .collect(),
        })
    }

    fn instantiate(
        resolved: &Resolved,
        assignment: &Assignment,
        plugin: Arc<Plugin>,
        actors: &[ActorInfo],
        host: Option<&Arc<PolicyHost>>,
    ) -> Result<Group, PolicySetupError> {
        let doc = &resolved.doc;
        let role_abi = assignment.role.abi();
        let Some(entry) = plugin.policy(role_abi, &assignment.choice.policy) else {
            let available: Vec<&str> = plugin
                .policies
                .iter()
                .filter(|p| p.role == role_abi)
                .map(|p| p.name.as_str())
                .collect();
            let elsewhere: Vec<&str> = plugin
                .policies
                .iter()
                .filter(|p| p.name == assignment.choice.policy)
                .map(|p| sgsim_abi::role_name(p.role))
                .collect();
            let hint = match elsewhere.as_slice() {
                [] => String::new(),
                roles => format!(
                    ", but it has {}: choose it under {} (or an actor of that role)",
                    roles
                        .iter()
                        .map(|r| format!("a {r} policy `{}`", assignment.choice.policy))
                        .collect::<Vec<_>>()
                        .join(" and "),
                    roles
                        .iter()
                        .map(|r| format!("[policies.{r}]"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            };
            return Err(PolicySetupError(
                doc.error_at(
                    &format!("{}.policy", assignment.key),
                    format!(
                        "plugin `{}` has no {} policy `{}`{hint}; its {} policies: {} (loaded from {})",
                        plugin.name,
                        assignment.role.as_str(),
                        assignment.choice.policy,
                        assignment.role.as_str(),
                        if available.is_empty() {
                            "none".to_owned()
                        } else {
                            available.join(", ")
                        },
                        plugin.path.display()
                    ),
                )
                .to_string(),
            ));
        };
        let params = toml::to_string(&assignment.choice.params).unwrap_or_default();
        let seed = derive_seed(resolved.setup.seed, POLICY_STREAM, assignment.seed_label);
        let instance =
            Decider::create(host, plugin.clone(), entry, &params, seed).map_err(|e| {
                let file = plugin.path.display();
                let message = match e {
                    CallError::Panic { message, .. } => format!(
                        "plugin `{}` ({file}) panicked while creating policy `{}`: {message}",
                        plugin.name, entry.name
                    ),
                    CallError::Error { message, .. } => format!(
                        "plugin `{}` ({file}) refused the parameters of policy `{}`: {message}",
                        plugin.name, entry.name
                    ),
                    other => format!("plugin `{}` ({file}): {other}", plugin.name),
                };
                PolicySetupError(
                    doc.error_at(&format!("{}.params", assignment.key), message)
                        .to_string(),
                )
            })?;
        let role_actors: Vec<&ActorInfo> = actors
            .iter()
            .filter(|a| a.role == assignment.role)
            .collect();
        let mut positions: Vec<usize> = assignment
            .actors
            .iter()
            .filter_map(|code| role_actors.iter().position(|a| &a.code == code))
            .collect();
        positions.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for position in positions {
            match runs.last_mut() {
                Some((_, end)) if *end == position => *end += 1,
                _ => runs.push((position, position + 1)),
            }
        }
        Ok(Group {
            key: assignment.key.clone(),
            role: assignment.role,
            instance,
            runs,
        })
    }

    /// The plugins in use, with the choices that use them.
    pub fn plugins(&self) -> &[(Arc<Plugin>, Vec<String>)] {
        &self.plugins
    }

    /// Which plugin and policy decides for each position of each role's decision vectors.
    pub fn labels(&self) -> PolicyLabels {
        let mut labels = PolicyLabels::default();
        for group in &self.groups {
            let label: (Arc<str>, Arc<str>) = (
                Arc::from(group.instance.plugin().name.as_str()),
                Arc::from(group.instance.policy().name.as_str()),
            );
            let slots = match group.role {
                Role::Capital => &mut labels.capital,
                Role::Kremlin => &mut labels.kremlin,
                Role::Kyiv => &mut labels.kyiv,
                Role::Coalition => &mut labels.coalition,
                Role::Donor => continue,
            };
            for &(start, end) in &group.runs {
                if slots.len() < end {
                    slots.resize(end, (Arc::from(""), Arc::from("")));
                }
                for slot in &mut slots[start..end] {
                    *slot = label.clone();
                }
            }
        }
        labels
    }

    /// Fills every action of the tick; the first fault stops the run.
    pub fn decide(
        &mut self,
        decisions: &mut Decisions,
        tick: u32,
        date: chrono::NaiveDate,
    ) -> Result<(), PolicyFault> {
        for group in &mut self.groups {
            let ctx = Context {
                codes: &self.codes,
                capital_ids: &self.capital_ids,
                unit_ids: &self.unit_ids,
                tick,
                date,
            };
            match group.role {
                Role::Capital => run::<Capital>(
                    group,
                    &decisions.capital_obs,
                    &mut decisions.capital_act,
                    &ctx,
                    |a, _| validate::capital(a),
                )?,
                Role::Kremlin => run::<Kremlin>(
                    group,
                    &decisions.kremlin_obs,
                    &mut decisions.kremlin_act,
                    &ctx,
                    |a, ctx| validate::kremlin(a, ctx.capital_ids, ctx.unit_ids),
                )?,
                Role::Kyiv => run::<Kyiv>(
                    group,
                    &decisions.kyiv_obs,
                    &mut decisions.kyiv_act,
                    &ctx,
                    |a, _| validate::kyiv(a),
                )?,
                Role::Coalition => run::<Coalition>(
                    group,
                    &decisions.unit_obs,
                    &mut decisions.unit_act,
                    &ctx,
                    |a, _| validate::coalition(a),
                )?,
                Role::Donor => {}
            }
        }
        Ok(())
    }
}

struct Context<'a> {
    codes: &'a BTreeMap<u32, String>,
    capital_ids: &'a [u32],
    unit_ids: &'a [u32],
    tick: u32,
    date: chrono::NaiveDate,
}

impl Context<'_> {
    fn code(&self, id: u32) -> &str {
        self.codes.get(&id).map_or("?", String::as_str)
    }
}

fn run<R: RoleRecords>(
    group: &mut Group,
    observations: &[R::Observation],
    actions: &mut [R::Action],
    ctx: &Context<'_>,
    check: impl Fn(&R::Action, &Context<'_>) -> Result<(), validate::InvalidAction>,
) -> Result<(), PolicyFault> {
    let who = |group: &Group| {
        let plugin = group.instance.plugin();
        format!(
            "plugin `{}` {} ({}; policy `{}`, {})",
            plugin.name,
            plugin.version,
            plugin.path.display(),
            group.instance.policy().name,
            group.key
        )
    };
    for &(start, end) in &group.runs {
        let (Some(obs), Some(acts)) = (observations.get(start..end), actions.get_mut(start..end))
        else {
            continue;
        };
        if let Err(error) = group.instance.decide::<R>(obs, acts) {
            let actor = error
                .actor_id()
                .map(|id| format!("actor {} ({})", ctx.code(id), group.role.as_str()))
                .unwrap_or_else(|| {
                    let codes: Vec<&str> = obs
                        .iter()
                        .map(|o| ctx.code(R::header(o).actor_id))
                        .collect();
                    match codes.as_slice() {
                        [one] => format!("actor {one} ({})", group.role.as_str()),
                        _ => format!(
                            "one of the actors {} ({})",
                            codes.join(", "),
                            group.role.as_str()
                        ),
                    }
                });
            return Err(PolicyFault(format!(
                "{} {error} at tick {} ({}) deciding for {actor}",
                who(group),
                ctx.tick,
                ctx.date
            )));
        }
        for (o, a) in obs.iter().zip(acts.iter()) {
            if let Err(invalid) = check(a, ctx) {
                let id = R::header(o).actor_id;
                return Err(PolicyFault(format!(
                    "{} returned an invalid action at tick {} ({}) for actor {} ({}): {invalid}",
                    who(group),
                    ctx.tick,
                    ctx.date,
                    ctx.code(id),
                    group.role.as_str()
                )));
            }
        }
    }
    Ok(())
}
