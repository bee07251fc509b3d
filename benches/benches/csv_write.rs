//! CSV writing throughput of `sgsim_cli::output::TraceWriter`: 208 synthetic ticks shaped
//! like the baseline's (171 rows per tick over the six traces, real actor codes, numbers
//! from a fixed-seed generator) written into a fresh folder. The timing covers the
//! `write_tick` calls (formatting, CSV quoting and buffered writes to the files); opening
//! the files and `finish` (flush, fsync, rename) are outside it. The same work is reported
//! twice: in rows per second and in bytes per second.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sgsim_benches::{
    BASELINE_TICKS, SYNTHETIC_ROWS_PER_TICK, baseline_actor_table, folder_bytes, fresh,
    synthetic_tick, tempfile,
};
use sgsim_cli::output::{ActorTable, TraceWriter};
use sgsim_core::TickOutput;

/// Writes `ticks` into a new folder `out`; returns the time spent in `write_tick`.
fn write_all(out: &Path, actors: &ActorTable, ticks: &[TickOutput]) -> Duration {
    std::fs::create_dir_all(out).expect("create folder");
    let mut writer = TraceWriter::create(out, actors.clone(), None).expect("open the traces");
    let start = Instant::now();
    for tick in ticks {
        writer.write_tick(tick).expect("write a tick");
    }
    let elapsed = start.elapsed();
    writer.finish().expect("finish the traces");
    elapsed
}

fn csv_write(c: &mut Criterion) {
    let actors = baseline_actor_table();
    let ticks: Vec<TickOutput> = (0..BASELINE_TICKS).map(synthetic_tick).collect();
    let rows = SYNTHETIC_ROWS_PER_TICK * u64::from(BASELINE_TICKS);
    let scratch = tempfile::tempdir().expect("temp dir");

    // Bytes of the rows (without the headers), measured once.
    let full = fresh(scratch.path(), "calibrate", 1);
    write_all(&full, &actors, &ticks);
    let empty = fresh(scratch.path(), "calibrate", 0);
    write_all(&empty, &actors, &[]);
    let bytes = folder_bytes(&full) - folder_bytes(&empty);

    let mut folder = 0u64;
    for (name, throughput) in [
        ("csv_write_rows", Throughput::Elements(rows)),
        ("csv_write_bytes", Throughput::Bytes(bytes)),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(throughput);
        group.sample_size(30);
        group.bench_function("trace_writer_208_ticks", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    folder += 1;
                    let out = fresh(scratch.path(), "traces", folder);
                    total += write_all(&out, &actors, &ticks);
                    std::fs::remove_dir_all(&out).expect("remove the folder");
                }
                total
            });
        });
        group.finish();
    }
}

criterion_group!(benches, csv_write);
criterion_main!(benches);
