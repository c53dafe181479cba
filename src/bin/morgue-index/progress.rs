//! The progress bar of a run on a terminal (indicatif): once the plan is made, the files and
//! bytes to read, the rate in MB/s and the time left; only files that are read move it.
//! Nothing is drawn when stderr is not a terminal (the caller does not create one then).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Progress {
    bar: ProgressBar,
    files: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("morgue-index: {spinner} walking the roots… {msg}")
                .expect("template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress { bar, files: AtomicU64::new(0), total: AtomicU64::new(0) }
    }

    /// The plan is made: from now on the bar has a length.
    pub fn start(&self, files: u64, bytes: u64) {
        self.total.store(files, Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.bar.set_position(0);
        self.bar.reset_eta();
        self.bar.set_style(
            ProgressStyle::with_template(
                "morgue-index: [{bar:30}] {msg} files · {decimal_bytes}/{decimal_total_bytes} · \
                 {decimal_bytes_per_sec} · ETA {eta}",
            )
            .expect("template")
            .progress_chars("=> "),
        );
        self.bar.set_message(format!("0/{files}"));
    }

    /// A planned file of `size` bytes was read.
    pub fn file(&self, size: u64) {
        let done = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.inc(size);
        if done.is_multiple_of(64) || done == self.total.load(Ordering::Relaxed) {
            self.bar.set_message(format!("{done}/{}", self.total.load(Ordering::Relaxed)));
        }
    }

    /// Prints a line above the bar.
    pub fn println(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
