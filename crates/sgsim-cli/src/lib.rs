//! The `sgsim` command-line tool as a library, so tests and other front ends can call it.
//!
//! `main` → [`main_impl`] → a command → an exit code; user errors print one clear message
//! to stderr and return a documented code (see [`error`]), never a panic or a backtrace.
//!
//! This crate parses the arguments and prints the results; the work is in the library
//! crates, re-exported here under their old module paths: the scenario ([`config`], from
//! `sgsim-scenario`), the run ([`run`], [`engine`], [`policies`], [`decider`], [`probe`],
//! [`output`], from `sgsim-run`) and the experiments ([`sweep`], [`calibrate`], from
//! `sgsim-experiments`). To embed sgsim, depend on those crates instead.

pub mod cli;
pub mod error;
pub mod new_plugin;
pub mod plugins_cmd;
pub mod status_cmd;

pub use sgsim_experiments::{calibrate, sweep};
pub use sgsim_run::{decider, engine, output, policies, probe, run};
pub use sgsim_scenario as config;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::config::Override;
use crate::error::{CliError, EXIT_OK, EXIT_USAGE};

/// Runs the command line `args` (including the program name) and returns the exit code.
pub fn main_impl<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    if let Ok(exe) = std::env::current_exe() {
        probe::set_helper(exe);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(cli)));
    match outcome {
        Ok(Ok(())) => EXIT_OK,
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
        Err(_) => {
            eprintln!(
                "error: internal error (a bug in sgsim; please report it with the command line and the message above)"
            );
            error::EXIT_INTERNAL
        }
    }
}

fn overrides(
    set: &[String],
    seed: Option<u64>,
    ticks: Option<u32>,
) -> Result<Vec<Override>, CliError> {
    let mut all: Vec<Override> = set
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<_, _>>()
        .map_err(CliError::Usage)?;
    if let Some(seed) = seed {
        all.push(Override::new("seed", &seed.to_string()));
    }
    if let Some(ticks) = ticks {
        all.push(Override::new("ticks", &ticks.to_string()));
    }
    Ok(all)
}

fn dispatch(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Run(args) => {
            let request = run::RunRequest {
                overrides: overrides(&args.set, args.seed, args.ticks)?,
                scenario: args.scenario,
                out: args.out,
                overwrite: args.overwrite,
                decisions: args.decisions,
                isolate: args.isolate,
                format: args.format.into(),
            };
            let report = run::run(&request)?;
            let r = report.rows;
            println!(
                "wrote {} ({} ticks; rows: {} resolve, {} aid_flows, {} force_posture, {} events, {} beliefs, {} war)",
                report.out.display(),
                report.ticks,
                r.resolve,
                r.aid_flows,
                r.force_posture,
                r.events,
                r.beliefs,
                r.war
            );
            Ok(())
        }
        Command::Validate(args) => {
            let overrides = overrides(&args.set, None, None)?;
            let cache = engine::PluginCache::default();
            let (resolved, sim, policies) = run::prepare(&args.scenario, &overrides, &cache)?;
            let setup = &resolved.setup;
            run::warn_premises(setup);
            println!(
                "ok: {} ({}): {} ticks from {}, seed {}, {} capitals, {} coalition units",
                setup.scenario,
                args.scenario.display(),
                setup.ticks,
                setup.start_date,
                setup.seed,
                setup.capitals.len(),
                setup.units.len()
            );
            for (plugin, used_by) in policies.plugins() {
                println!(
                    "  plugin {} {} ({}): {}",
                    plugin.name,
                    plugin.version,
                    plugin.path.display(),
                    used_by.join("; ")
                );
            }
            drop(sim);
            Ok(())
        }
        Command::Plugins(args) => plugins_cmd::list(&args.dir, &mut std::io::stdout()),
        Command::Sweep(args) => {
            let shard = match &args.shard {
                Some(text) => Some(sweep::Shard::parse(text).map_err(CliError::Usage)?),
                None => sweep::Shard::from_slurm(|name| std::env::var(name).ok())
                    .map_err(CliError::Usage)?,
            };
            let request = sweep::SweepRequest {
                file: args.file,
                jobs: args.jobs,
                out: args.out,
                shard,
                traces: args.traces.into(),
                max_runs: args.max_runs,
                isolate: args.isolate,
                keep_going: args.keep_going,
                format: args.format.into(),
            };
            let report = sweep::sweep(&request)?;
            println!(
                "wrote {} ({} runs, {} run now, {} already complete)",
                report.folder.display(),
                report.runs,
                report.ran,
                report.runs - report.ran
            );
            Ok(())
        }
        Command::NewPlugin(args) => {
            let role = match args.role {
                cli::RoleArg::Capital => sgsim_core::Role::Capital,
                cli::RoleArg::Kremlin => sgsim_core::Role::Kremlin,
                cli::RoleArg::Kyiv => sgsim_core::Role::Kyiv,
                cli::RoleArg::Coalition => sgsim_core::Role::Coalition,
            };
            let folder = new_plugin::new_plugin(&new_plugin::NewPlugin {
                name: args.name,
                role,
                dir: args.dir,
                sdk: args.sdk,
            })?;
            println!(
                "created {}: build it with `cargo build` there; see its README.md",
                folder.display()
            );
            Ok(())
        }
        Command::Calibrate(args) => {
            let request = calibrate::CalibrateRequest {
                targets: args.targets,
                overrides: overrides(&args.set, None, None)?,
            };
            let calibration = calibrate::calibrate(&request)?;
            if let Some(out) = &args.out {
                calibrate::write_csv(&calibration, out)?;
            }
            print!("{}", calibrate::table(&calibration));
            if let Some(out) = &args.out {
                println!("wrote {}", out.display());
            }
            Ok(())
        }
        Command::Status(args) => {
            for folder in &args.folders {
                println!("{}", status_cmd::describe(folder)?);
            }
            Ok(())
        }
        Command::PolicyHost => {
            let code = sgsim_host::serve(std::io::stdin().lock(), std::io::stdout().lock());
            std::process::exit(code)
        }
        Command::ProbePlugin(args) => {
            let code = probe::serve_probe(&args.file);
            if code == error::EXIT_OK {
                Ok(())
            } else {
                std::process::exit(code)
            }
        }
        Command::Report(args) => {
            let summary = sgsim_report::report(&sgsim_report::ReportRequest {
                dir: args.dir,
                control: args.control,
                outcomes: args.outcomes,
                out: args.out,
            })
            .map_err(CliError::from)?;
            for missing in &summary.missing {
                eprintln!("note: not reported: {missing}");
            }
            println!(
                "wrote {} ({} runs, {} arms, {} figures) and {} tables",
                summary.html.display(),
                summary.runs,
                summary.arms,
                summary.figures.len(),
                summary.tables.len()
            );
            Ok(())
        }
        Command::Merge(args) => {
            let report = sweep::merge(&args.folder)?;
            println!("merged {} ({} runs)", report.folder.display(), report.runs);
            Ok(())
        }
    }
}
