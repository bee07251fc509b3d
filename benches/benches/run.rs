//! One baseline run (S01, 208 weekly ticks, 38 actors) through the public API.
//!
//! - `run/full_traces`: `sgsim_cli::run::run`, exactly what `sgsim run` does: resolve the
//!   scenario, load the plugin, run, and write the six CSV traces, the summary and the
//!   manifest into a fresh folder (each file fsync'ed and renamed into place).
//! - `run/summary_only`: the same world and policies through `sgsim_cli::engine::execute`
//!   into a sink that drops the rows, as a summary-only sweep run does; the difference from
//!   `full_traces` is the cost of writing the traces.

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sgsim_benches::{BASELINE_TICKS, baseline_scenario, build, fresh, tempfile};
use sgsim_cli::engine::{Discard, PluginCache, execute};
use sgsim_cli::run::{RunRequest, prepare, run};

fn one_run(c: &mut Criterion) {
    build();
    let mut group = c.benchmark_group("run");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(u64::from(BASELINE_TICKS)));

    let scratch = tempfile::tempdir().expect("temp dir");
    let mut folder = 0u64;
    group.bench_function("full_traces", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                folder += 1;
                let out = fresh(scratch.path(), "run", folder);
                let request = RunRequest {
                    isolate: false,
                    scenario: baseline_scenario(),
                    overrides: Vec::new(),
                    out: Some(out.clone()),
                    overwrite: false,
                    decisions: false,
                    format: Default::default(),
                };
                let start = Instant::now();
                let report = run(&request).expect("the baseline runs");
                total += start.elapsed();
                assert_eq!(report.ticks, BASELINE_TICKS);
                std::fs::remove_dir_all(&out).expect("remove the run folder");
            }
            total
        });
    });

    // The plugin is loaded (and hashed) once, as in a sweep; resolving and building the
    // world is timed.
    let cache = PluginCache::default();
    group.bench_function("summary_only", |b| {
        b.iter(|| {
            let (_resolved, mut sim, mut policies) =
                prepare(&baseline_scenario(), &[], &cache).expect("prepare the baseline");
            execute(&mut sim, &mut policies, &mut Discard, None).expect("the baseline runs");
            sim.summary()
        });
    });
    group.finish();
}

criterion_group!(benches, one_run);
criterion_main!(benches);
