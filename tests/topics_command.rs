//! `paperpress topics`: counts and distinctive words, `--explain` for one paper, and
//! `--suggest`, which proposes rules and changes nothing.

mod common;

use common::{paper, paperpress, site, snapshot, stdout};

const RULES: &str = r#"title = "Topics"
max_topics = 1

[[topics]]
name = "Vision"
keywords = ["image", "segmentation"]

[[topics]]
name = "Safety"
keywords = ["toxicity"]
exclude = ["toxicity filter"]
"#;

fn digest() -> tempfile::TempDir {
    site(
        RULES,
        &[
            (
                "content/papers/seg.md",
                &paper(
                    "Segmentation of image regions",
                    "2025-05-09",
                    "arxiv = \"2505.01234\"",
                    "Image segmentation masks, with some toxicity in the captions.",
                ),
            ),
            (
                "content/papers/tox.md",
                &paper(
                    "Toxicity filter for web text",
                    "2025-05-09",
                    "",
                    "A toxicity filter for pretraining corpora of image captions.",
                ),
            ),
            (
                "content/papers/own.md",
                &paper(
                    "Written topics",
                    "2025-05-08",
                    "topics = [\"Hand-picked\"]",
                    "About image toxicity.",
                ),
            ),
            (
                "content/papers/q1.md",
                &paper(
                    "Quantum annealing schedules",
                    "2025-05-07",
                    "",
                    "Quantum annealers and qubits.",
                ),
            ),
            (
                "content/papers/q2.md",
                &paper(
                    "Qubits under noise",
                    "2025-05-07",
                    "",
                    "Noisy qubits in quantum chips.",
                ),
            ),
        ],
    )
}

fn run(root: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["topics", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = paperpress(&args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    stdout(&out)
}

#[test]
fn explain_names_the_words_that_matched_what_was_dropped_and_what_excluded() {
    let dir = digest();
    let root = dir.path();
    // By slug.
    let seg = run(root, &["--explain", "segmentation-of-image-regions"]);
    assert!(seg.contains("topics: Vision (from the rules"), "{seg}");
    assert!(
        seg.contains("Vision (4 hits): \"segmentation\" ×2, \"image\" ×2"),
        "{seg}"
    );
    assert!(
        seg.contains("Safety (1 hit, dropped: max_topics = 1"),
        "the topic with fewer hits is dropped:\n{seg}"
    );
    // By arXiv id, with a version, and by entry file: the same paper.
    assert_eq!(run(root, &["--explain", "2505.01234v3"]), seg);
    assert_eq!(run(root, &["--explain", "content/papers/seg.md"]), seg);
    // An exclude phrase.
    let tox = run(root, &["--explain", "content/papers/tox.md"]);
    assert!(
        tox.contains("Safety (excluded by \"toxicity filter\")"),
        "{tox}"
    );
    assert!(tox.contains("topics: Vision"), "{tox}");
    // Topics written in the entry: the rules are shown, not applied.
    let own = run(root, &["--explain", "written-topics"]);
    assert!(
        own.contains("topics: Hand-picked (written in the entry"),
        "{own}"
    );
    assert!(own.contains("the rules would have matched"), "{own}");
    // A paper that is not there.
    let missing = paperpress(&[
        "topics",
        "--root",
        root.to_str().unwrap(),
        "--explain",
        "nope",
    ]);
    assert!(!missing.status.success());
    assert!(
        common::stderr(&missing).contains("no paper has the slug, entry file or arXiv id \"nope\"")
    );
}

#[test]
fn the_list_has_counts_and_distinctive_words_and_suggest_proposes_rules_without_writing() {
    let dir = digest();
    let root = dir.path();
    let list = run(root, &[]);
    let vision = list.lines().find(|l| l.starts_with("Vision")).expect(&list);
    assert!(vision.contains("2 papers"), "{vision}");
    // The word both its papers have and the others do not.
    assert!(vision.ends_with("captions"), "{vision}");
    assert!(list.contains("2 of 5 papers have no topic"), "{list}");

    let before = snapshot(root);
    let suggest = run(root, &["--suggest"]);
    assert_eq!(snapshot(root), before, "--suggest changes nothing");
    // The two quantum papers have no topic and share "qubits" and "quantum".
    assert!(
        suggest.contains("# 2 of 5 papers have no topic"),
        "{suggest}"
    );
    let snippet: String = suggest
        .lines()
        .skip_while(|l| !l.starts_with("[[topics]]"))
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: toml::Table = toml::from_str(&snippet).expect(&snippet);
    let topic = &parsed["topics"][0];
    let keywords: Vec<&str> = topic["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(
        keywords.contains(&"qubits") && keywords.contains(&"quantum"),
        "{snippet}"
    );
    // Vision holds 2 of 5 papers (40%), over 30%: a split is proposed.
    assert!(
        suggest.contains("\"Vision\" holds 2 of 5 papers (40%)"),
        "{suggest}"
    );
}
