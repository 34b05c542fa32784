//! `PAPERPRESS_TIMINGS=1`: how long the stages of a build take, printed on stderr. For
//! finding where time goes on a large digest; benchmarks measure the totals.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

pub struct Laps {
    started: Instant,
    on: bool,
}

/// Whether `PAPERPRESS_TIMINGS` is set.
pub fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PAPERPRESS_TIMINGS").is_some())
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            started: Instant::now(),
            on: on(),
        }
    }

    /// Prints the time since `start` (in ms) after the stage's name, and the memory the
    /// process holds now and at most so far, where the system tells.
    pub fn lap(&self, stage: &str) {
        if self.on {
            eprintln!(
                "{stage:>14}: {:8.2} ms{}",
                self.started.elapsed().as_secs_f64() * 1000.0,
                memory().unwrap_or_default()
            );
        }
    }
}

/// `  resident 123 MB, peak 456 MB`, from Linux's `/proc/self/status`.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    let (now, peak) = (field("VmRSS:")?, field("VmHWM:")?);
    Some(format!(
        "   resident {} MB, peak {} MB",
        now / 1024,
        peak / 1024
    ))
}

/// Where rendering time goes, by kind of output file: how many files, the time spent on
/// them summed over every thread, and their bytes. Counts only with `PAPERPRESS_TIMINGS`.
pub struct Tally {
    on: bool,
    kinds: Vec<(String, [AtomicU64; 3])>,
}

impl Tally {
    /// A tally of the kinds named `names`, counted by their index.
    pub fn new(names: impl Iterator<Item = String>) -> Tally {
        Tally {
            on: on(),
            kinds: names.map(|n| (n, Default::default())).collect(),
        }
    }

    /// Times `make`, a file of kind `kind` whose size `size` tells.
    pub fn time<T>(&self, kind: usize, make: impl FnOnce() -> T, size: impl Fn(&T) -> usize) -> T {
        if !self.on {
            return make();
        }
        let started = Instant::now();
        let made = make();
        let [files, nanos, bytes] = &self.kinds[kind].1;
        files.fetch_add(1, Ordering::Relaxed);
        nanos.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        bytes.fetch_add(size(&made) as u64, Ordering::Relaxed);
        made
    }

    /// Prints the kinds that took time, the slowest first, and starts counting anew.
    pub fn print(&self) {
        if !self.on {
            return;
        }
        let mut rows: Vec<(u64, u64, u64, &str)> = self
            .kinds
            .iter()
            .map(|(name, [f, n, b])| {
                (
                    n.swap(0, Ordering::Relaxed),
                    f.swap(0, Ordering::Relaxed),
                    b.swap(0, Ordering::Relaxed),
                    name.as_str(),
                )
            })
            .filter(|r| r.1 > 0)
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.3.cmp(b.3)));
        for (nanos, files, bytes, name) in rows {
            eprintln!(
                "{:>14}  {:8.2} ms in {files:>6} files, {:7.1} MB, {:6.1} µs a file: {name}",
                "",
                nanos as f64 / 1e6,
                bytes as f64 / 1e6,
                nanos as f64 / 1e3 / files as f64
            );
        }
    }
}
