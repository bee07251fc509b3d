//! Helpers shared by sgsim's benchmarks (`cargo bench -p sgsim-benches`): build the real
//! `sgsim` binary and the baseline plugin once, find them and the shipped configs, write
//! sweep files into temporary folders, capture real observations from a baseline run and
//! make synthetic trace rows.
//!
//! `cargo bench` does not build other members' cdylibs, so the first benchmark that needs
//! them runs `cargo build` for the binary and the plugin in the same profile as the bench
//! (release) and every later call reuses the result, as `tests/src/lib.rs` does for tests.
//! What each benchmark measures, and the figures, are in `docs/PERFORMANCE.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sgsim_abi::{CapitalObservation, CoalitionObservation, KremlinObservation, KyivObservation};
use sgsim_cli::engine::PluginCache;
use sgsim_cli::output::ActorTable;
use sgsim_core::{AidRow, BeliefRow, EventRow, PostureRow, ResolveRow, TickOutput, WarRow};

pub use tempfile;

/// Ticks of the baseline scenario (four years of weeks).
pub const BASELINE_TICKS: u32 = 208;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ has a parent")
        .to_path_buf()
}

/// `target/<profile>`, where Cargo put this benchmark's dependencies and the plugin.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let deps = exe.parent().expect("deps dir");
    deps.parent().expect("profile dir").to_path_buf()
}

/// Builds `sgsim` and the baseline plugin once per process, in the bench's profile.
pub fn build() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut command = Command::new(env!("CARGO"));
        command.current_dir(workspace_root()).args([
            "build",
            "-p",
            "sgsim-cli",
            "-p",
            "policy-baseline",
        ]);
        if !cfg!(debug_assertions) {
            command.arg("--release");
        }
        let status = command.status().expect("run cargo build");
        assert!(
            status.success(),
            "cargo build of sgsim and the plugin failed"
        );
    });
}

/// The `sgsim` binary, built.
pub fn sgsim_exe() -> PathBuf {
    build();
    profile_dir().join(format!("sgsim{}", std::env::consts::EXE_SUFFIX))
}

/// The baseline plugin file (`libpolicy_baseline.so` on Linux), built.
pub fn baseline_plugin() -> PathBuf {
    build();
    profile_dir().join(format!(
        "{}policy_baseline{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ))
}

/// `configs/scenarios/baseline.toml`.
pub fn baseline_scenario() -> PathBuf {
    workspace_root()
        .join("configs")
        .join("scenarios")
        .join("baseline.toml")
}

/// Writes a summary-only sweep of the baseline with `replications` runs (208 ticks each)
/// as `NAME.toml` in `dir` and returns its path.
pub fn write_baseline_sweep(dir: &Path, name: &str, replications: u32) -> PathBuf {
    let text = format!(
        "name = \"{name}\"\nmaster_seed = 2026\nreplications = {replications}\nscenario = {:?}\n",
        baseline_scenario().display().to_string()
    );
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("write the sweep file");
    path
}

/// Runs `sgsim sweep FILE --jobs JOBS --out OUT` (summary only, no traces) as a user
/// would, with its progress lines discarded; returns the wall time. Panics if it fails.
pub fn sweep_with_binary(file: &Path, jobs: usize, out: &Path) -> Duration {
    let exe = sgsim_exe();
    let start = Instant::now();
    let status = Command::new(exe)
        .arg("sweep")
        .arg(file)
        .arg("--jobs")
        .arg(jobs.to_string())
        .arg("--out")
        .arg(out)
        .env_remove("SGSIM_PLUGIN_PATH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run sgsim sweep");
    let elapsed = start.elapsed();
    assert!(status.success(), "sgsim sweep {} failed", file.display());
    elapsed
}

/// The cores a sweep uses by default (`--jobs` unset).
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A fresh, empty folder path inside `parent` (not created), numbered by `i`.
pub fn fresh(parent: &Path, what: &str, i: u64) -> PathBuf {
    parent.join(format!("{what}-{i}"))
}

/// The capital observations the baseline run hands to the plugin at `tick` (32 capitals),
/// captured by stepping the real world with the real plugin.
pub fn capital_observations_at(tick: u32) -> Vec<CapitalObservation> {
    build();
    let cache = PluginCache::default();
    let (_resolved, mut sim, mut policies) =
        sgsim_cli::run::prepare(&baseline_scenario(), &[], &cache).expect("prepare the baseline");
    loop {
        let (now, date) = (sim.tick(), sim.date());
        let decisions = sim.observe();
        if now == tick {
            return decisions.capital_obs.clone();
        }
        policies
            .decide(decisions, now, date)
            .expect("the baseline policies decide");
        sim.advance();
        assert!(
            !sim.finished(),
            "tick {tick} is past the baseline's horizon"
        );
    }
}

/// Every observation one tick hands to the policies, by role.
#[derive(Clone, Debug, Default)]
pub struct TickObservations {
    /// The 32 capitals.
    pub capital: Vec<CapitalObservation>,
    /// The Kremlin.
    pub kremlin: Vec<KremlinObservation>,
    /// Kyiv.
    pub kyiv: Vec<KyivObservation>,
    /// The coalition units.
    pub unit: Vec<CoalitionObservation>,
}

/// The observations of every tick of one baseline run (208 ticks), captured by stepping the
/// real world with the real plugin, to replay them through the plugin or compiled in.
pub fn baseline_run_observations() -> Vec<TickObservations> {
    build();
    let cache = PluginCache::default();
    let (_resolved, mut sim, mut policies) =
        sgsim_cli::run::prepare(&baseline_scenario(), &[], &cache).expect("prepare the baseline");
    let mut ticks = Vec::new();
    while !sim.finished() {
        let (now, date) = (sim.tick(), sim.date());
        let decisions = sim.observe();
        ticks.push(TickObservations {
            capital: decisions.capital_obs.clone(),
            kremlin: decisions.kremlin_obs.clone(),
            kyiv: decisions.kyiv_obs.clone(),
            unit: decisions.unit_obs.clone(),
        });
        policies
            .decide(decisions, now, date)
            .expect("the baseline policies decide");
        sim.advance();
    }
    ticks
}

/// The baseline's actor table (ids to codes and roles), for the trace writer.
pub fn baseline_actor_table() -> ActorTable {
    build();
    let cache = PluginCache::default();
    let (_resolved, sim, _policies) =
        sgsim_cli::run::prepare(&baseline_scenario(), &[], &cache).expect("prepare the baseline");
    ActorTable::new(sim.actors())
}

/// Rows per trace in one synthetic tick, shaped like a baseline tick: 34 resolve rows (32
/// capitals, the Kremlin, Kyiv), 97 aid rows, 6 posture rows, 32 beliefs, one war row and
/// one event (the baseline writes 52 events in 208 ticks; one per tick is a little more).
pub const SYNTHETIC_ROWS_PER_TICK: u64 = 34 + 97 + 6 + 32 + 1 + 1;

/// A small deterministic generator for plausible numbers (so that formatting does real
/// work, unlike zeros).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One synthetic tick of rows for the baseline's actors (ids 1..=32 capitals, 33 the
/// Kremlin, 34 Kyiv, 35.. units), with numbers drawn from a fixed-seed generator.
pub fn synthetic_tick(tick: u32) -> TickOutput {
    let date = NaiveDate::from_ymd_opt(2022, 2, 24).expect("date")
        + chrono::Days::new(7 * u64::from(tick));
    let mut rng = Lcg(u64::from(tick) + 1);
    let mut out = TickOutput::default();
    for actor in 1..=34 {
        out.resolve.push(ResolveRow {
            tick,
            date,
            actor,
            resolve: rng.next(),
            public_support: rng.next(),
            camp: (actor <= 32).then_some("slow_roller"),
            check_camp: (actor == 32).then_some("sceptic"),
        });
    }
    let channels = ["bilateral", "ramstein", "nato"];
    let categories = ["military", "financial", "humanitarian"];
    for i in 0..97u32 {
        out.aid.push(AidRow {
            tick,
            date,
            donor: 1 + i % 32,
            recipient: 34,
            channel: channels[(i % 3) as usize],
            category: categories[((i / 3) % 3) as usize],
            pledged: rng.next() * 2.0,
            delivered: rng.next() * 1.5,
        });
    }
    for i in 0..6u32 {
        out.posture.push(PostureRow {
            tick,
            date,
            actor: 1 + i,
            unit: 35 + i % 4,
            location: "allied_territory",
            troops: (rng.next() * 1000.0).round(),
            article5_covered: i % 2 == 0,
        });
    }
    out.events.push(EventRow {
        tick,
        date,
        kind: "election",
        actor: 1 + tick % 32,
        target: 0,
        detail: format!(
            "resolve_before={:.3};resolve_after={:.3}",
            rng.next(),
            rng.next()
        ),
    });
    for guarantor in 1..=32 {
        out.beliefs.push(BeliefRow {
            tick,
            date,
            guarantor,
            belief: rng.next(),
            is_guarantor: guarantor % 2 == 0,
            credibility: rng.next(),
        });
    }
    out.war.push(WarRow {
        tick,
        date,
        kyiv_territory: 0.8 + 0.1 * rng.next(),
        offensive_intensity: rng.next(),
        escalation_level: rng.next() * 3.0,
        ceasefire: false,
        russia_losses: (rng.next() * 5000.0).round(),
        ukraine_losses: (rng.next() * 3000.0).round(),
        ukraine_equipment_eur_bn: rng.next() * 40.0,
        ukraine_quality: rng.next(),
        aid_delivered_eur_bn: rng.next() * 3.0,
        credibility: rng.next(),
        sanctions: rng.next(),
        russia_economy: rng.next(),
        guarantee_credibility: rng.next(),
        guarantee_in_force: false,
        membership_stage: 0,
        ukraine_trained_share: rng.next(),
        ukraine_in_training: (rng.next() * 5000.0).round(),
        ukraine_denial_eur_bn: rng.next() * 10.0,
        allied_combat_power: 0.0,
        nato_pool_eur_bn: rng.next(),
        artillery_received_rounds: rng.next() * 1e5,
        artillery_fired_rounds: rng.next() * 1e5,
        artillery_sufficiency: rng.next(),
        ukraine_artillery_stock_rounds: rng.next() * 1e6,
        military_lines_eur_bn: [
            (rng.next(), rng.next()),
            (rng.next(), rng.next()),
            (rng.next(), rng.next()),
        ],
        reconstruction_needs_eur_bn: rng.next() * 500.0,
        ukraine_callup: (rng.next() * 7000.0).round(),
        ukraine_callup_capacity: 7000.0 * rng.next(),
        ukraine_demobilised: 0.0,
        kyiv_held_km2: [rng.next() * 1e5, rng.next() * 4e4, rng.next() * 8e4, 0.0],
        fortification: [rng.next(), rng.next(), rng.next()],
        russian_effort: [rng.next(), rng.next(), rng.next()],
        kremlin_main_axis: "donbas",
        kremlin_axis_concentration: rng.next(),
        kyiv_offensive_sector: "south",
        kyiv_offensive_commitment: rng.next(),
        kyiv_retaken_km2: rng.next() * 1e3,
        russia_civil_economy: rng.next(),
        russia_defence_spending_share: rng.next(),
        russia_energy_revenue_share: rng.next(),
        russia_fiscal_reserve_share: rng.next(),
        sanctions_evasion: rng.next(),
        russia_tanks: rng.next() * 3e3,
        russia_tanks_in_storage: rng.next() * 5e3,
        russia_tanks_lost: rng.next() * 30.0,
        russia_tanks_added: rng.next() * 30.0,
        russia_equipment_factor: rng.next(),
        russian_reserve: [rng.next(), 0.0, 0.0, 0.0],
    });
    out
}

/// Total size in bytes of the regular files directly in `dir`.
pub fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("read folder")
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}

/// Whether the process runs as a real benchmark (`cargo bench` passes `--bench`) rather
/// than in `cargo test --benches`' quick test mode.
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}
