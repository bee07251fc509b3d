//! Progress on stderr: a bar with runs done, rate and ETA on a terminal, plain lines every
//! few seconds otherwise (for logs and batch jobs). Nothing here reaches the results.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Reports progress of a sweep.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: u64,
    done: u64,
    skipped: u64,
    started: Instant,
    last_line: Instant,
    every: Duration,
}

impl Progress {
    /// For `total` runs of which `skipped` were already done.
    pub fn new(total: u64, skipped: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} runs  {per_sec}  ETA {eta}  {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_position(skipped);
            bar
        });
        if bar.is_none() && skipped > 0 {
            eprintln!("sweep: {skipped} of {total} runs already complete, resuming");
        }
        let now = Instant::now();
        Progress {
            bar,
            total,
            done: skipped,
            skipped,
            started: now,
            last_line: now,
            every: Duration::from_secs(5),
        }
    }

    /// One more run done.
    pub fn inc(&mut self) {
        self.done += 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None => {
                if self.last_line.elapsed() >= self.every || self.done == self.total {
                    self.last_line = Instant::now();
                    eprintln!("{}", self.line());
                }
            }
        }
    }

    fn line(&self) -> String {
        let elapsed = self.started.elapsed().as_secs_f64();
        let new = (self.done - self.skipped) as f64;
        let rate = if elapsed > 0.0 { new / elapsed } else { 0.0 };
        let eta = if rate > 0.0 {
            format!("{:.0} s", (self.total - self.done) as f64 / rate)
        } else {
            "-".to_owned()
        };
        format!(
            "sweep: {}/{} runs, {rate:.1} runs/s, ETA {eta}",
            self.done, self.total
        )
    }

    /// Ends the report.
    pub fn finish(&self) {
        match &self.bar {
            Some(bar) => bar.finish(),
            None => {
                if self.done != self.total || self.last_line == self.started {
                    eprintln!("{}", self.line());
                }
            }
        }
    }
}
