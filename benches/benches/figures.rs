//! Derived figures that criterion does not compute, measured in one process with
//! interleaved repetitions so that a noisy, shared machine affects both sides of each ratio
//! alike (see docs/PERFORMANCE.md):
//!
//! 1. where one baseline run's time goes: resolve and build, observe, decide (every call
//!    into the plugins, with the host's action checks), advance, writing the traces and
//!    finishing them; and so the share of the run spent in plugin calls;
//! 2. the cost of the plugin boundary alone: the observations of a whole baseline run
//!    replayed through the baseline plugin (`PolicyInstance::decide`, one call per role and
//!    tick, as the host batches them) and through the same policies compiled in (direct
//!    `Policy::decide` calls), alternately; the difference is what dispatch through the ABI
//!    and the SDK's per-actor bookkeeping cost, set against the run's time;
//! 3. the sweep speed-up: a 200-run summary-only sweep with `--jobs 1` and with all cores,
//!    alternately, and the ratio of their throughputs; once with the output in the temp
//!    folder (on disk) and once in `/dev/shm` (in memory, where fsync costs nothing).
//!
//! Under `cargo bench` it prints the figures; under `cargo test --benches` (no `--bench`
//! argument) it does one short repetition of each as a smoke test.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use policy_baseline::{CapitalDefault, CoalitionDefault, KremlinDefault, KyivDefault};
use sgsim_abi::{ROLE_CAPITAL, ROLE_COALITION, ROLE_KREMLIN, ROLE_KYIV, RoleRecords};
use sgsim_benches::{
    TickObservations, all_cores, baseline_plugin, baseline_run_observations, baseline_scenario,
    bench_mode, build, fresh, sweep_with_binary, tempfile, write_baseline_sweep,
};
use sgsim_cli::engine::PluginCache;
use sgsim_cli::output::{ActorTable, TraceWriter};
use sgsim_cli::run::prepare;
use sgsim_host::{PolicyInstance, load_plugin};
use sgsim_sdk::Policy;

/// Phases of one run, in order.
const PHASES: [&str; 6] = [
    "resolve + build world + create policies",
    "observe",
    "decide (plugin calls + action checks)",
    "advance",
    "write traces (TraceWriter::write_tick)",
    "finish traces (flush, fsync, rename)",
];

/// Times the phases of one baseline run that writes its traces into `out`.
fn run_phases(cache: &PluginCache, out: &Path) -> [Duration; 6] {
    let mut t = [Duration::ZERO; 6];
    let start = Instant::now();
    let (_resolved, mut sim, mut policies) =
        prepare(&baseline_scenario(), &[], cache).expect("prepare the baseline");
    t[0] = start.elapsed();
    std::fs::create_dir_all(out).expect("create the run folder");
    let mut traces = TraceWriter::create(out, ActorTable::new(sim.actors()), None).expect("traces");
    while !sim.finished() {
        let (tick, date) = (sim.tick(), sim.date());
        let a = Instant::now();
        let decisions = sim.observe();
        let b = Instant::now();
        policies
            .decide(decisions, tick, date)
            .expect("the policies decide");
        let c = Instant::now();
        let rows = sim.advance();
        let d = Instant::now();
        traces.write_tick(rows).expect("write the tick");
        let e = Instant::now();
        t[1] += b - a;
        t[2] += c - b;
        t[3] += d - c;
        t[4] += e - d;
    }
    let f = Instant::now();
    traces.finish().expect("finish the traces");
    t[5] = f.elapsed();
    t
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Median milliseconds of the tick loop (observe + decide + advance) and of a summary-only
/// run (the same plus resolve and build), from [`breakdown`].
struct RunTimes {
    tick_loop_ms: f64,
    summary_only_ms: f64,
    full_ms: f64,
}

fn breakdown(repetitions: usize, scratch: &Path) -> RunTimes {
    let cache = PluginCache::default();
    // One untimed run to load the plugin and warm the caches.
    run_phases(&cache, &fresh(scratch, "warm", 0));
    let mut samples: Vec<[f64; 6]> = Vec::new();
    for i in 0..repetitions {
        let out = fresh(scratch, "phases", i as u64);
        let t = run_phases(&cache, &out);
        std::fs::remove_dir_all(&out).expect("remove the run folder");
        samples.push(t.map(|d| d.as_secs_f64() * 1e3));
    }
    let med: Vec<f64> = (0..6)
        .map(|p| median(&mut samples.iter().map(|s| s[p]).collect::<Vec<_>>()))
        .collect();
    // What `sgsim run` pays once more per run (a sweep once per process): loading the
    // plugin, which hashes the whole file (SHA-256) before opening it.
    let mut load: Vec<f64> = (0..repetitions.min(10))
        .map(|_| {
            let start = Instant::now();
            load_plugin(&baseline_plugin()).expect("load the plugin");
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let tick_loop: f64 = med[1..4].iter().sum();
    let summary_only: f64 = med[..4].iter().sum();
    let full: f64 = med.iter().sum();
    // Share of decide per repetition, then the median (a ratio within each run).
    let mut share_loop: Vec<f64> = samples
        .iter()
        .map(|s| s[2] / s[1..4].iter().sum::<f64>())
        .collect();
    let mut share_summary: Vec<f64> = samples
        .iter()
        .map(|s| s[2] / s[..4].iter().sum::<f64>())
        .collect();
    let mut share_full: Vec<f64> = samples
        .iter()
        .map(|s| s[2] / s.iter().sum::<f64>())
        .collect();
    println!("one baseline run (208 ticks), median of {repetitions} repetitions, ms:");
    for (phase, ms) in PHASES.iter().zip(&med) {
        println!("  {phase:<42} {ms:>9.3}");
    }
    println!(
        "  {:<42} {tick_loop:>9.3}",
        "= tick loop (observe, decide, advance)"
    );
    println!(
        "  {:<42} {summary_only:>9.3}",
        "= summary-only run (first four)"
    );
    println!("  {:<42} {full:>9.3}", "= run with full traces (all six)");
    println!(
        "  {:<42} {:>9.3}",
        "(load the plugin: SHA-256 of the file, dlopen)",
        median(&mut load)
    );
    println!(
        "decide (plugin calls with the policies' own work and the host's checks): {:.2}% of the tick loop, {:.2}% of a summary-only run, {:.2}% of a run with full traces",
        100.0 * median(&mut share_loop),
        100.0 * median(&mut share_summary),
        100.0 * median(&mut share_full)
    );
    RunTimes {
        tick_loop_ms: tick_loop,
        summary_only_ms: summary_only,
        full_ms: full,
    }
}

/// Zeroed actions of role `R` with their size set.
fn zeroed<R: RoleRecords>(n: usize) -> Vec<R::Action> {
    let mut actions = vec![R::Action::default(); n];
    actions.iter_mut().for_each(R::init_action);
    actions
}

/// One role's observations through a plugin instance, actions reset first.
fn through_plugin<R: RoleRecords>(
    instance: &mut PolicyInstance,
    observations: &[R::Observation],
    actions: &mut [R::Action],
    zero: &[R::Action],
) {
    actions.copy_from_slice(&zero[..actions.len()]);
    instance
        .decide::<R>(observations, actions)
        .expect("the plugin decides");
}

/// One role's observations through compiled-in policies (one value per actor), actions
/// reset first.
fn compiled<P: Policy>(
    policies: &mut [P],
    observations: &[<P::Role as RoleRecords>::Observation],
    actions: &mut [<P::Role as RoleRecords>::Action],
    zero: &[<P::Role as RoleRecords>::Action],
) {
    actions.copy_from_slice(&zero[..actions.len()]);
    for ((policy, observation), action) in policies.iter_mut().zip(observations).zip(actions) {
        policy.decide(observation, action);
    }
}

fn make<P: Policy>(n: usize) -> Vec<P>
where
    P::Params: Default,
{
    (0..n)
        .map(|i| P::create(&P::Params::default(), i as u64).expect("create the policy"))
        .collect()
}

fn dispatch(repetitions: usize, times: &RunTimes) {
    use sgsim_abi::{Capital, Coalition, Kremlin, Kyiv};
    let ticks: Vec<TickObservations> = baseline_run_observations();
    let first = &ticks[0];
    let (nc, nk, ny, nu) = (
        first.capital.len(),
        first.kremlin.len(),
        first.kyiv.len(),
        first.unit.len(),
    );
    let plugin = Arc::new(load_plugin(&baseline_plugin()).expect("load the plugin"));
    let instance = |role: u32| {
        let entry = plugin.policy(role, "default").expect("policy").clone();
        PolicyInstance::create(plugin.clone(), &entry, "", 1).expect("create the instance")
    };
    let mut instances = [
        instance(ROLE_CAPITAL),
        instance(ROLE_KREMLIN),
        instance(ROLE_KYIV),
        instance(ROLE_COALITION),
    ];
    let mut capitals = make::<CapitalDefault>(nc);
    let mut kremlin = make::<KremlinDefault>(nk);
    let mut kyiv = make::<KyivDefault>(ny);
    let mut units = make::<CoalitionDefault>(nu);
    let (zc, zk, zy, zu) = (
        zeroed::<Capital>(nc),
        zeroed::<Kremlin>(nk),
        zeroed::<Kyiv>(ny),
        zeroed::<Coalition>(nu),
    );
    let (mut ac, mut ak, mut ay, mut au) = (zc.clone(), zk.clone(), zy.clone(), zu.clone());

    let mut via_plugin = || {
        let start = Instant::now();
        for t in &ticks {
            let [c, k, y, u] = &mut instances;
            through_plugin::<Capital>(c, &t.capital, &mut ac, &zc);
            through_plugin::<Kremlin>(k, &t.kremlin, &mut ak, &zk);
            through_plugin::<Kyiv>(y, &t.kyiv, &mut ay, &zy);
            through_plugin::<Coalition>(u, &t.unit, &mut au, &zu);
        }
        std::hint::black_box((&ac, &ak, &ay, &au));
        start.elapsed().as_secs_f64() * 1e3
    };
    let (mut bc, mut bk, mut by, mut bu) = (zc.clone(), zk.clone(), zy.clone(), zu.clone());
    let mut compiled_in = || {
        let start = Instant::now();
        for t in &ticks {
            compiled(&mut capitals, &t.capital, &mut bc, &zc);
            compiled(&mut kremlin, &t.kremlin, &mut bk, &zk);
            compiled(&mut kyiv, &t.kyiv, &mut by, &zy);
            compiled(&mut units, &t.unit, &mut bu, &zu);
        }
        std::hint::black_box((&bc, &bk, &by, &bu));
        start.elapsed().as_secs_f64() * 1e3
    };
    via_plugin();
    compiled_in();
    let (mut p, mut c, mut d) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..repetitions {
        let tp = via_plugin();
        let tc = compiled_in();
        p.push(tp);
        c.push(tc);
        d.push(tp - tc);
    }
    let decisions = ticks.len() * (nc + nk + ny + nu);
    let overhead = median(&mut d);
    println!(
        "one run's decisions ({} ticks, {decisions} decisions, {} plugin calls) replayed, median of {repetitions}, ms:",
        ticks.len(),
        ticks.len() * 4
    );
    println!(
        "  through the plugin ABI                     {:>9.3}",
        median(&mut p)
    );
    println!(
        "  compiled in (direct Policy::decide)        {:>9.3}",
        median(&mut c)
    );
    println!(
        "  dispatch overhead                          {overhead:>9.3} ({:.1} ns per decision)",
        overhead * 1e6 / decisions as f64
    );
    println!(
        "plugin dispatch share: {:.2}% of the tick loop, {:.2}% of a summary-only run, {:.2}% of a run with full traces (target < 5%)",
        100.0 * overhead / times.tick_loop_ms,
        100.0 * overhead / times.summary_only_ms,
        100.0 * overhead / times.full_ms
    );
}

/// Sweeps with `--jobs 1` and with all cores, alternately, writing into `outputs`
/// (`where_` names that folder's file system in the report).
fn speedup(pairs: usize, runs: u32, scratch: &Path, outputs: &Path, where_: &str) {
    let jobs = all_cores();
    let file = write_baseline_sweep(scratch, "speedup", runs);
    // Warm-up: page cache, plugin file, binary.
    sweep_with_binary(&file, jobs, &fresh(outputs, "sweep-warm", 0));
    let (mut one, mut many, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        let out1 = fresh(outputs, "sweep-j1", i as u64);
        let outn = fresh(outputs, "sweep-jn", i as u64);
        // The folders are kept until the end (see benches/sweep.rs).
        let t1 = sweep_with_binary(&file, 1, &out1).as_secs_f64();
        let tn = sweep_with_binary(&file, jobs, &outn).as_secs_f64();
        one.push(f64::from(runs) / t1);
        many.push(f64::from(runs) / tn);
        ratios.push(t1 / tn);
    }
    println!(
        "sweep of {runs} summary-only baseline runs into {where_}, median of {pairs} interleaved pairs:"
    );
    println!("  --jobs 1:          {:>8.1} runs/s", median(&mut one));
    println!(
        "  --jobs {jobs} (all):    {:>8.1} runs/s",
        median(&mut many)
    );
    println!(
        "  speed-up:          {:>8.2}x on {jobs} cores (target >= 1.8x on 2 cores)",
        median(&mut ratios)
    );
}

/// A temporary folder in memory (`/dev/shm`, where fsync costs nothing), if there is one.
fn memory_dir() -> Option<tempfile::TempDir> {
    let shm = Path::new("/dev/shm");
    shm.is_dir()
        .then(|| tempfile::tempdir_in(shm).ok())
        .flatten()
}

fn main() {
    build();
    let scratch = tempfile::tempdir().expect("temp dir");
    let disk = format!("{} (the temp folder)", scratch.path().display());
    let (repetitions, replays, pairs, runs) = if bench_mode() {
        (40, 200, 7, 200)
    } else {
        (1, 1, 1, 4)
    };
    let times = breakdown(repetitions, scratch.path());
    dispatch(replays, &times);
    speedup(pairs, runs, scratch.path(), scratch.path(), &disk);
    // The same sweeps with their output in memory: the difference shows what the per-run
    // fsync of the sweep's state costs the parallel speed-up.
    if let Some(memory) = memory_dir() {
        speedup(
            pairs,
            runs,
            scratch.path(),
            memory.path(),
            "/dev/shm (memory)",
        );
    }
}
