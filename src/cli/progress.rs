//! A progress bar on standard error for long runs: shown only when
//! standard error is a terminal, not with `--quiet`, and only once a run
//! has taken a second (a short run never flashes one); cleared when done,
//! so what is left on the terminal is the report.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// After how long a run shows its progress.
const AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    after: Duration,
    shown: AtomicBool,
}

/// How long a run waits before showing progress: a second, or
/// `SANTONG_PROGRESS_AFTER_MS` (for tests of short runs on a terminal).
fn after() -> Duration {
    std::env::var("SANTONG_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(AFTER, Duration::from_millis)
}

impl Progress {
    /// Progress counted in `unit` (`个事项` / `items`), towards `len` when
    /// it is known.
    pub fn new(ui: &super::Ui, len: Option<u64>, what: &str) -> Progress {
        let on = !ui.quiet && std::io::stderr().is_terminal();
        let bar = on.then(|| {
            let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
            let style = match len {
                Some(_) => "{bar:30.cyan/blue} {human_pos}/{human_len} {msg} [{elapsed}]",
                None => "{spinner} {human_pos} {msg} [{elapsed}]",
            };
            if let Ok(s) = ProgressStyle::with_template(style) {
                bar.set_style(s);
            }
            bar.set_message(what.to_string());
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            after: after(),
            shown: AtomicBool::new(false),
        }
    }

    /// `n` more done.
    pub fn inc(&self, n: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(n);
        if !self.shown.load(Ordering::Relaxed) && self.start.elapsed() >= self.after {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Clear the bar (the report follows).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
