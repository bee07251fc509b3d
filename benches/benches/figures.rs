//! Derived figures that criterion does not compute, measured in one process with
//! interleaved repetitions so that a noisy, shared machine affects both sides of each ratio
//! alike (see docs/PERFORMANCE.md):
//!
//! 1. where one baseline run's time goes: resolve and build, observe, decide (every call
//!    into the plugins, with the host's action checks), advance, writing the traces and
//!    finishing them; and so the share of the run spent in plugin calls;
//! 2. the sweep speed-up: a 200-run summary-only sweep with `--jobs 1` and with all cores,
//!    alternately, and the ratio of their throughputs.
//!
//! Under `cargo bench` it prints the figures; under `cargo test --benches` (no `--bench`
//! argument) it does one short repetition of each as a smoke test.

use std::time::{Duration, Instant};

use sgsim_benches::{
    all_cores, baseline_scenario, bench_mode, build, fresh, sweep_with_binary, tempfile,
    write_baseline_sweep,
};
use sgsim_cli::engine::PluginCache;
use sgsim_cli::output::{ActorTable, TraceWriter};
use sgsim_cli::run::prepare;

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
fn run_phases(cache: &PluginCache, out: &std::path::Path) -> [Duration; 6] {
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

fn breakdown(repetitions: usize, scratch: &std::path::Path) {
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
    let summary_only: f64 = med[..4].iter().sum();
    let full: f64 = med.iter().sum();
    // Share of decide per repetition, then the median (a ratio within each run).
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
        "  {:<42} {summary_only:>9.3}",
        "= summary-only run (first four)"
    );
    println!("  {:<42} {full:>9.3}", "= run with full traces (all six)");
    println!(
        "plugin calls (decide) share: {:.2}% of a summary-only run, {:.2}% of a run with full traces (target < 5%)",
        100.0 * median(&mut share_summary),
        100.0 * median(&mut share_full)
    );
}

fn speedup(pairs: usize, runs: u32, scratch: &std::path::Path) {
    let jobs = all_cores();
    let file = write_baseline_sweep(scratch, "speedup", runs);
    // Warm-up: page cache, plugin file, binary.
    sweep_with_binary(&file, jobs, &fresh(scratch, "sweep-warm", 0));
    let (mut one, mut many, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        let out1 = fresh(scratch, "sweep-j1", i as u64);
        let outn = fresh(scratch, "sweep-jn", i as u64);
        let t1 = sweep_with_binary(&file, 1, &out1).as_secs_f64();
        let tn = sweep_with_binary(&file, jobs, &outn).as_secs_f64();
        let _ = std::fs::remove_dir_all(&out1);
        let _ = std::fs::remove_dir_all(&outn);
        one.push(f64::from(runs) / t1);
        many.push(f64::from(runs) / tn);
        ratios.push(t1 / tn);
    }
    println!("sweep of {runs} summary-only baseline runs, median of {pairs} interleaved pairs:");
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

fn main() {
    build();
    let scratch = tempfile::tempdir().expect("temp dir");
    if bench_mode() {
        breakdown(40, scratch.path());
        speedup(5, 200, scratch.path());
    } else {
        breakdown(1, scratch.path());
        speedup(1, 4, scratch.path());
    }
}
