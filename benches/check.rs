//! `paperpress check` on a generated digest (10,000 papers unless
//! `PAPERPRESS_BENCH_PAPERS` says otherwise), with the real binary: the median of 5
//! checks, next to the median of 3 full builds of the same site for comparison. A check
//! builds every page in memory as a build does, then reads every page once for its ids
//! and links.
//!
//! Run with `cargo bench --bench check`. `PAPERPRESS_BENCH_SITE=DIR` generates the
//! digest in DIR and keeps it, to run `PAPERPRESS_TIMINGS=1 paperpress check --root DIR`
//! on it and see where the time goes. The machines here are shared and noisy: compare runs on the same
//! machine only.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const CHECKS: usize = 5;
const BUILDS: usize = 3;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_paperpress")
}

/// Runs paperpress `runs` times; returns the durations in ms and the last stdout.
fn time(args: &[&str], site: &Path, runs: usize, ok: &[i32]) -> (Vec<f64>, String) {
    let mut samples = Vec::new();
    let mut stdout = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let result = Command::new(binary())
            .args(args)
            .arg("--root")
            .arg(site)
            .output()
            .unwrap();
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(
            result.status.code().is_some_and(|c| ok.contains(&c)),
            "{}{}",
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        );
        stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    }
    (samples, stdout)
}

fn show(what: &str, samples: &mut [f64]) {
    let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
    let n = samples.len();
    println!(
        "{what}: median {:.0} ms of {n} (min {min:.0})",
        common::median_ms(samples)
    );
}

fn main() {
    let papers = common::papers_from_env();
    let dir = tempfile::tempdir().unwrap();
    let site = std::env::var_os("PAPERPRESS_BENCH_SITE")
        .map_or_else(|| dir.path().join("site"), std::path::PathBuf::from);
    std::fs::create_dir_all(&site).unwrap();
    common::generate(&site, papers);

    // The generated digest has papers without a topic: warnings, not errors.
    let (mut checks, report) = time(&["check"], &site, CHECKS, &[0]);
    let summary = report.lines().last().unwrap_or_default().to_string();
    let warnings = report
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .count();
    println!("digest: {summary} ({warnings} warning lines)");
    show("check", &mut checks);

    let out = dir.path().join("output");
    let out = out.to_str().unwrap();
    let (mut builds, _) = time(&["build", "--output", out], &site, BUILDS, &[0]);
    show("full build (for comparison)", &mut builds);
}
