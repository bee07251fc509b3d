//! The `sgsim` binary; everything lives in the `sgsim_cli` library.

fn main() {
    std::process::exit(sgsim_cli::main_impl(std::env::args_os()));
}
