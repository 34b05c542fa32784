//! Related papers on a generated digest (10,000 papers unless `PAPERPRESS_BENCH_PAPERS`
//! says otherwise): the median time of `most_similar` over titles and abstracts, and its
//! recall against comparing every pair, on a sample of papers.
//!
//! Run with `cargo bench --bench related`. Machines here are shared and noisy: compare
//! runs on the same machine only.

mod common;

use std::time::Instant;

use paperpress::site::related::{most_similar, most_similar_exactly};

const RUNS: usize = 5;
const K: usize = 5;
/// Papers whose lists are checked against the exact answer.
const SAMPLE: usize = 500;

fn main() {
    let papers = common::papers_from_env();
    let dir = tempfile::tempdir().unwrap();
    let entries = common::generate(dir.path(), papers);
    let documents: Vec<String> = entries
        .iter()
        .map(|e| {
            let text = std::fs::read_to_string(&e.path).unwrap();
            let body = text.rsplit("+++\n").next().unwrap_or_default();
            format!("{}\n{}", e.title, body)
        })
        .collect();
    let documents: Vec<&str> = documents.iter().map(String::as_str).collect();

    let mut samples = Vec::new();
    let mut lists = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        lists = most_similar(&documents, K);
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "related papers, {papers} papers: median {:.0} ms of {RUNS}",
        common::median_ms(&mut samples)
    );

    let step = (papers / SAMPLE).max(1);
    let queries: Vec<usize> = (0..papers).step_by(step).collect();
    let exact = most_similar_exactly(&documents, K, &queries);
    let (mut found, mut wanted, mut same_lists) = (0, 0, 0);
    for (&q, exact) in queries.iter().zip(&exact) {
        let got = &lists[q];
        wanted += exact.len();
        found += exact.iter().filter(|d| got.contains(d)).count();
        same_lists += usize::from(got == exact);
    }
    println!(
        "recall@{K} against every pair compared, {} papers sampled: {:.3} ({same_lists} lists identical)",
        queries.len(),
        found as f64 / wanted.max(1) as f64
    );
}
