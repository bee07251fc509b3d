//! The warm load of one plugin in a fresh process, as `sgsim run` does it: read the file,
//! check it is a whole shared object, hash it (SHA-256), find this machine's probe marker
//! for that hash, `dlopen` it and check its ABI version and vtable. Prints the microseconds
//! of each part and of the whole on one line. docs/PERFORMANCE.md runs it in a loop of
//! fresh processes (the file in the page cache, the marker present):
//!
//! ```sh
//! cargo build --release -p sgsim-benches --example plugin_load
//! for i in $(seq 31); do target/release/examples/plugin_load target/release/libpolicy_baseline.so; done
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let path = PathBuf::from(
        std::env::args_os()
            .nth(1)
            .expect("usage: plugin_load PLUGIN.so"),
    );
    let start = Instant::now();
    let file = sgsim_host::read_plugin_file(&path).expect("the plugin file reads and checks");
    let read = start.elapsed();
    let marker = sgsim_cli::probe::cache_dir()
        .map(|dir| dir.join("probed").join(file.sha256()))
        .is_some_and(|marker| marker.is_file());
    let checked = start.elapsed();
    let plugin = sgsim_host::load_read_plugin(file).expect("the plugin loads");
    let loaded = start.elapsed();
    println!(
        "read_hash_us={} marker_us={} dlopen_us={} total_us={} marker_present={marker} policies={}",
        read.as_micros(),
        (checked - read).as_micros(),
        (loaded - checked).as_micros(),
        loaded.as_micros(),
        plugin.policies.len(),
    );
}
