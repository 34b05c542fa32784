//! Related papers on a generated digest (10,000 papers unless `PAPERPRESS_BENCH_PAPERS`
//! says otherwise): the median time of `most_similar` over titles and abstracts, and its
//! recall against comparing every pair, on a sample of papers, and how similar the papers
//! it lists are beside those of the exact lists (the sum of their cosines): where many
//! papers are about equally similar, a list can differ from the exact one and be as good.
//!
//! Run with `cargo bench --bench related`. Machines here are shared and noisy: compare
//! runs on the same machine only.

mod common;

use std::time::Instant;

use paperpress::site::related::{check_against_every_pair, most_similar};

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
    let found: Vec<&[usize]> = queries.iter().map(|&q| lists[q].as_slice()).collect();
    let checked = check_against_every_pair(&documents, K, &queries, &found);
    let (mut hits, mut wanted, mut same_lists) = (0, 0, 0);
    let (mut found_similarity, mut exact_similarity) = (0.0, 0.0);
    for (got, checked) in found.iter().zip(&checked) {
        wanted += checked.exact.len();
        hits += checked.exact.iter().filter(|d| got.contains(d)).count();
        same_lists += usize::from(*got == checked.exact);
        found_similarity += f64::from(checked.found_similarity);
        exact_similarity += f64::from(checked.exact_similarity);
    }
    println!(
        "recall@{K} against every pair compared, {} papers sampled: {:.3} ({same_lists} lists identical); similarity of the papers listed: {:.3} of the exact lists'",
        queries.len(),
        hits as f64 / wanted.max(1) as f64,
        found_similarity / exact_similarity.max(f64::MIN_POSITIVE)
    );
}
