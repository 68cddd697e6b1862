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
    shown: std::sync::Arc<AtomicBool>,
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
        let style = match len {
            Some(_) => "{bar:30.cyan/blue} {human_pos}/{human_len} {msg} [{elapsed}]",
            None => "{spinner} {human_pos} {msg} [{elapsed}]",
        };
        Self::styled(ui, len, what, style)
    }

    /// A phase whose size is not counted (comparing, scoring, writing):
    /// a spinner with what is being done and for how long.
    pub fn phase(ui: &super::Ui, what: &str) -> Progress {
        Self::styled(ui, None, what, "{spinner} {msg} [{elapsed}]")
    }

    fn styled(ui: &super::Ui, len: Option<u64>, what: &str, style: &str) -> Progress {
        let on = !ui.quiet && std::io::stderr().is_terminal();
        let bar = on.then(|| {
            let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
            if let Ok(s) = ProgressStyle::with_template(style) {
                bar.set_style(s);
            }
            bar.set_message(what.to_string());
            bar
        });
        let p = Progress {
            bar,
            start: Instant::now(),
            after: after(),
            shown: std::sync::Arc::new(AtomicBool::new(false)),
        };
        // shown once the phase has taken `after`, whether or not anything
        // was counted yet (the first list of a province may take minutes)
        if let Some(bar) = p.bar.clone() {
            let (shown, after) = (p.shown.clone(), p.after);
            if after.is_zero() {
                show(&bar, &shown);
                return p;
            }
            std::thread::spawn(move || {
                std::thread::sleep(after);
                show(&bar, &shown);
            });
        }
        p
    }

    /// `n` more done.
    pub fn inc(&self, n: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(n);
        if self.start.elapsed() >= self.after {
            show(bar, &self.shown);
        }
    }

    /// Clear the bar (the report follows).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Draw the bar from now on, once, unless it is done.
fn show(bar: &ProgressBar, shown: &AtomicBool) {
    if bar.is_finished() || shown.swap(true, Ordering::Relaxed) {
        return;
    }
    bar.set_draw_target(ProgressDrawTarget::stderr());
    // drawn now: a steady tick's first draw waits for its thread
    bar.tick();
    bar.enable_steady_tick(Duration::from_millis(120));
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
