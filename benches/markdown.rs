//! Markdown rendering benchmark: 1,000 typical abstracts (the default digest's, with math
//! added to every third and a code block to every tenth), and what loading syntect costs.
//!
//! Run with `cargo bench --bench markdown`. Prints medians; machines here are shared and
//! noisy, so compare runs on the same machine only.

use std::path::Path;
use std::time::{Duration, Instant};

use paperpress::config::MarkdownConfig;
use paperpress::markdown::{highlight, render, render_title};

const ABSTRACTS: usize = 1000;
const RUNS: usize = 9;

fn seed_abstracts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/papers");
    let mut texts: Vec<String> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| t.splitn(3, "+++\n").nth(2).map(str::to_string))
        .collect();
    if texts.is_empty() {
        texts.push("A typical abstract with several sentences about pre-training. ".repeat(20));
    }
    texts
}

fn workload() -> Vec<String> {
    let seed = seed_abstracts();
    (0..ABSTRACTS)
        .map(|i| {
            let mut text = seed[i % seed.len()].clone();
            if i % 3 == 0 {
                text.push_str("\n\nWe show a bound of $\\mathcal{O}(n \\log n)$ over $10^{31}$ tokens, with $(\\xi_1, \\xi_2, \\dots)$.\n\n$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$\n");
            }
            if i % 10 == 0 {
                text.push_str("\n\n```python\nimport torch\n\ndef loss(x, y):\n    # mean squared error\n    return ((x - y) ** 2).mean()\n```\n");
            }
            text
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let config = MarkdownConfig::default();

    // The first code block in a process pays for loading syntect's sets.
    let started = Instant::now();
    highlight::code_block("x = 1\n", "python");
    let cold = started.elapsed();
    let started = Instant::now();
    highlight::code_block("x = 1\n", "python");
    let warm = started.elapsed();
    println!(
        "syntect: first code block {:.1} ms (loading the sets), then {:.1} µs",
        ms(cold),
        us(warm)
    );

    let abstracts = workload();
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            for text in &abstracts {
                std::hint::black_box(render(text, None, 300, &config));
            }
            started.elapsed()
        })
        .collect();
    let total = median(times);
    println!(
        "markdown: {ABSTRACTS} abstracts in {:.1} ms (median of {RUNS}), {:.1} µs per abstract",
        ms(total),
        us(total) / ABSTRACTS as f64
    );

    let title = "Scaling to $10^{31}$ tokens in $\\mathcal{O}(n \\log n)$ time";
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..ABSTRACTS {
                std::hint::black_box(render_title(title, true));
            }
            started.elapsed()
        })
        .collect();
    println!(
        "titles: {:.1} µs per title with two formulas",
        us(median(times)) / ABSTRACTS as f64
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
