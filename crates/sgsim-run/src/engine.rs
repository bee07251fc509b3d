//! The tick loop shared by `sgsim run` and `sgsim sweep`: observe, let the policies decide,
//! advance, hand the rows to a sink.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use sgsim_core::{Decisions, Simulation, TickOutput};
use sgsim_host::{LoadError, Plugin};

use crate::policies::PolicyFault;

/// Raised by SIGINT (Ctrl-C) or SIGTERM (as Slurm sends on `scancel` and at a time limit)
/// once [`install_interrupt_handler`] ran; runs stop between ticks.
static STOP: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// The stop flag.
pub fn stop_flag() -> &'static AtomicBool {
    &STOP
}

/// Makes SIGINT and SIGTERM raise the stop flag instead of killing the process, so a run or
/// sweep can stop cleanly and say so in its manifest. Each signal is registered on its own,
/// so one that cannot be caught does not disable the other. SIGHUP is left alone, so a run
/// started under `nohup` keeps running when the terminal goes.
pub fn install_interrupt_handler() {
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&STOP));
    }
}

/// Plugins loaded once per process and shared by every run (loading checks and hashes the
/// file, and test-loads an unseen plugin in a child process: [`crate::probe`]).
#[derive(Debug, Default)]
pub struct PluginCache {
    loaded: Mutex<BTreeMap<PathBuf, Arc<Plugin>>>,
    isolate: bool,
}

impl PluginCache {
    /// A cache whose runs call their policies in a policy host child process each
    /// (`--isolate`, [`crate::decider`]): a crash in plugin code fails the run, not sgsim.
    pub fn isolated(isolate: bool) -> PluginCache {
        PluginCache {
            loaded: Mutex::default(),
            isolate,
        }
    }

    /// Whether policies run isolated.
    pub fn isolate(&self) -> bool {
        self.isolate
    }

    /// The plugin at `path`, loading and checking it the first time.
    pub fn get(&self, path: &Path) -> Result<Arc<Plugin>, LoadError> {
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(plugin) = loaded.get(path) {
            return Ok(plugin.clone());
        }
        let plugin = Arc::new(crate::probe::load_checked(path)?);
        loaded.insert(path.to_owned(), plugin.clone());
        Ok(plugin)
    }
}

/// Where a run's rows go.
pub trait TickSink {
    /// Takes one tick's rows.
    fn write_tick(&mut self, rows: &TickOutput) -> std::io::Result<()>;

    /// Takes one tick's observations and the actions the policies chose, before the world
    /// applies them. Most sinks ignore them.
    fn write_decisions(
        &mut self,
        _decisions: &Decisions,
        _tick: u32,
        _date: chrono::NaiveDate,
    ) -> std::io::Result<()> {
        Ok(())
    }
}

/// A sink that drops every row (a summary-only run).
#[derive(Debug, Default)]
pub struct Discard;

impl TickSink for Discard {
    fn write_tick(&mut self, _rows: &TickOutput) -> std::io::Result<()> {
        Ok(())
    }
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// A policy failed.
    #[error(transparent)]
    Policy(#[from] PolicyFault),
    /// The sink could not write.
    #[error("cannot write the traces: {0}")]
    Io(#[from] std::io::Error),
    /// The stop flag was raised.
    #[error("interrupted")]
    Interrupted,
}

/// Runs `sim` to its last tick.
pub fn execute(
    sim: &mut Simulation,
    policies: &mut crate::policies::Policies,
    sink: &mut dyn TickSink,
    stop: Option<&AtomicBool>,
) -> Result<(), ExecError> {
    while !sim.finished() {
        if stop.is_some_and(|flag| flag.load(Ordering::Relaxed)) {
            return Err(ExecError::Interrupted);
        }
        let (tick, date) = (sim.tick(), sim.date());
        let decisions = sim.observe();
        policies.decide(decisions, tick, date)?;
        sink.write_decisions(decisions, tick, date)?;
        sink.write_tick(sim.advance())?;
    }
    Ok(())
}
