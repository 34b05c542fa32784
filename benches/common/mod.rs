//! A generated digest for benchmarks: any number of papers, made deterministically from
//! the default digest's abstracts and settings (so keyword topics match as they do on a
//! real digest), with a few thousand authors and a hundred days.

#![allow(dead_code)] // each benchmark uses a different part

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The default digest's abstracts (the body of each entry).
fn abstracts() -> Vec<String> {
    let mut texts: Vec<String> = walkdir::WalkDir::new(repo().join("content/papers"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| t.splitn(3, "+++\n").nth(2).map(|b| b.trim().to_string()))
        .collect();
    if texts.is_empty() {
        texts.push("A typical abstract about pre-training language models. ".repeat(20));
    }
    texts
}

/// A small deterministic generator (no randomness between runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

const FIRST: [&str; 40] = [
    "Ada",
    "Alan",
    "Grace",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "John",
    "Leslie",
    "Margaret",
    "Niklaus",
    "Radia",
    "Shafi",
    "Tim",
    "Yann",
    "Yoshua",
    "Geoffrey",
    "Fei-Fei",
    "Daphne",
    "Andrew",
    "Ilya",
    "Oriol",
    "Kaiming",
    "Ross",
    "Jitendra",
    "Chelsea",
    "Sergey",
    "Pieter",
    "Percy",
    "Chris",
    "Dan",
    "Emily",
    "Hanna",
    "Jure",
    "Kyunghyun",
    "Luke",
    "Mira",
    "Noam",
    "Quoc",
    "Sasha",
];
const LAST: [&str; 80] = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "McCarthy",
    "Lamport",
    "Hamilton",
    "Wirth",
    "Perlman",
    "Goldwasser",
    "Berners-Lee",
    "LeCun",
    "Bengio",
    "Hinton",
    "Li",
    "Koller",
    "Ng",
    "Sutskever",
    "Vinyals",
    "He",
    "Girshick",
    "Malik",
    "Finn",
    "Levine",
    "Abbeel",
    "Liang",
    "Manning",
    "Jurafsky",
    "Bender",
    "Wallach",
    "Leskovec",
    "Cho",
    "Zettlemoyer",
    "Murati",
    "Shazeer",
    "Le",
    "Rush",
    "Bahdanau",
    "Graves",
    "Schmidhuber",
    "Hochreiter",
    "Vaswani",
    "Parmar",
    "Uszkoreit",
    "Jones",
    "Gomez",
    "Kaiser",
    "Polosukhin",
    "Devlin",
    "Chang",
    "Lee",
    "Toutanova",
    "Radford",
    "Wu",
    "Child",
    "Luan",
    "Amodei",
    "Brown",
    "Mann",
    "Ryder",
    "Subbiah",
    "Kaplan",
    "Dhariwal",
    "Neelakantan",
    "Shyam",
    "Sastry",
    "Askell",
    "Agarwal",
    "Herbert-Voss",
    "Krueger",
    "Henighan",
    "Ramesh",
    "Ziegler",
    "Winter",
    "Hesse",
    "Chen",
    "Sigler",
];
const WORDS: [&str; 24] = [
    "Scaling",
    "Sparse",
    "Efficient",
    "Robust",
    "Multimodal",
    "Pre-training",
    "Language",
    "Vision",
    "Speech",
    "Agents",
    "Reasoning",
    "Retrieval",
    "Diffusion",
    "Transformers",
    "Alignment",
    "Tokenization",
    "Distillation",
    "Benchmarks",
    "Data",
    "Curricula",
    "Memory",
    "Attention",
    "Models",
    "Graphs",
];

pub struct Entry {
    pub path: PathBuf,
    pub title: String,
}

/// Writes a site with `papers` entries into `dir`: the default digest's `site.toml`
/// and `content/papers/<date>/p<N>.md`.
pub fn generate(dir: &Path, papers: usize) -> Vec<Entry> {
    let abstracts = abstracts();
    std::fs::copy(repo().join("site.toml"), dir.join("site.toml")).expect("site.toml copies");
    let first_day = chrono::NaiveDate::from_ymd_opt(2025, 5, 9).unwrap();
    let mut rng = Lcg(2025);
    let mut paths = Vec::with_capacity(papers);
    for i in 0..papers {
        let date = first_day - chrono::Days::new((i % 100) as u64);
        let mut title = String::new();
        for k in 0..5 {
            if k > 0 {
                title.push(' ');
            }
            title.push_str(WORDS[rng.next(WORDS.len())]);
        }
        write!(title, " {i}").unwrap();
        let authors: Vec<String> = (0..1 + rng.next(6))
            .map(|_| format!("\"{} {}\"", FIRST[rng.next(40)], LAST[rng.next(80)]))
            .collect();
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\nauthors = [{}]\narxiv = \"2505.{:05}\"\nupvotes = {}\n+++\n\n{}\n",
            authors.join(", "),
            i % 100_000,
            rng.next(200),
            abstracts[i % abstracts.len()],
        );
        let path = dir.join(format!("content/papers/{date}/p{i}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        paths.push(Entry { path, title });
    }
    paths
}

/// How many papers a benchmark generates: `PAPERPRESS_BENCH_PAPERS`, or 10,000.
pub fn papers_from_env() -> usize {
    std::env::var("PAPERPRESS_BENCH_PAPERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The median of some durations, in ms.
pub fn median_ms(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
