//! Sweep throughput: a summary-only sweep of the baseline (200 runs of 208 ticks) run by
//! the real `sgsim sweep` binary into a fresh folder, with `--jobs 1` and with every core.
//! Criterion reports the time per sweep and the throughput in runs per second ("elem/s").
//! The speed-up ratio, measured with interleaved repetitions, is printed by the `figures`
//! benchmark.

use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use sgsim_benches::{
    all_cores, fresh, sgsim_exe, sweep_with_binary, tempfile, write_baseline_sweep,
};

/// Runs per sweep.
const RUNS: u32 = 200;

fn sweep_throughput(c: &mut Criterion) {
    sgsim_exe();
    let scratch = tempfile::tempdir().expect("temp dir");
    let file = write_baseline_sweep(scratch.path(), "bench_sweep", RUNS);
    let mut group = c.benchmark_group("sweep_200_runs");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(u64::from(RUNS)));
    let mut jobs_list = vec![1];
    if all_cores() > 1 {
        jobs_list.push(all_cores());
    }
    let mut folder = 0u64;
    for jobs in jobs_list {
        group.bench_with_input(BenchmarkId::new("jobs", jobs), &jobs, |b, &jobs| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    folder += 1;
                    let out = fresh(scratch.path(), "sweep", folder);
                    // Folders are kept until the end: deleting thousands of files between
                    // iterations slows the next sweep's file creation on ext4.
                    total += sweep_with_binary(&file, jobs, &out);
                }
                total
            });
        });
    }
    group.finish();
}

criterion_group!(benches, sweep_throughput);
criterion_main!(benches);
