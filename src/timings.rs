//! `PAPERPRESS_TIMINGS=1`: how long the stages of a build take, printed on stderr. For
//! finding where time goes on a large digest; benchmarks measure the totals.

use std::sync::OnceLock;
use std::time::Instant;

pub struct Laps {
    started: Instant,
    on: bool,
}

impl Laps {
    pub fn start() -> Laps {
        static ON: OnceLock<bool> = OnceLock::new();
        Laps {
            started: Instant::now(),
            on: *ON.get_or_init(|| std::env::var_os("PAPERPRESS_TIMINGS").is_some()),
        }
    }

    /// Prints the time since `start` (in ms) after the stage's name.
    pub fn lap(&self, stage: &str) {
        if self.on {
            eprintln!(
                "{stage:>14}: {:8.2} ms",
                self.started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
