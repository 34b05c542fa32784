//! Similar papers on paper pages: the right ones, the same on every build, and brought up
//! to date in two steps after an edit, ending where a fresh build would.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{build, paper, read, site, snapshot, texts, write};
use paperpress::pipeline::{Changes, Session, Target};
use paperpress::site::Derived;

/// Six papers on four subjects; the first two say nearly the same thing.
fn corpus() -> Vec<(&'static str, String)> {
    let entries = [
        (
            "twin-a",
            "Sparse attention for long documents",
            "We prune attention heads in transformers to read long documents with sparse attention and linear memory.",
        ),
        (
            "twin-b",
            "Pruned sparse attention reads long documents",
            "Sparse attention with pruned heads lets transformers read long documents in linear memory.",
        ),
        (
            "proteins",
            "Folding proteins with diffusion",
            "A diffusion model predicts protein folding from amino acid sequences and beats prior folding methods.",
        ),
        (
            "proteins-2",
            "Protein structure from sequences",
            "We predict protein structure from amino acid sequences with equivariant networks.",
        ),
        (
            "robots",
            "Robot grasping from tactile feedback",
            "A robot arm learns grasping policies from tactile sensors and camera feedback in the real world.",
        ),
        (
            "weather",
            "Forecasting rainfall with graph networks",
            "Graph networks forecast regional rainfall and weather from satellite observations.",
        ),
    ];
    entries
        .iter()
        .enumerate()
        .map(|(i, (name, title, body))| {
            let file: &'static str =
                Box::leak(format!("content/papers/{name}.md").into_boxed_str());
            let date = format!("2025-05-{:02}", 10 - i);
            (file, paper(title, &date, "", body))
        })
        .collect()
}

fn corpus_site() -> tempfile::TempDir {
    let files = corpus();
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    site("title = \"Similar\"\n", &files)
}

/// The titles a paper's page lists under "Similar papers", in order.
fn similar_titles(out: &Path, slug: &str) -> Vec<String> {
    let page = read(out, &format!("papers/{slug}/index.html"));
    texts(&page, "#similar li a")
}

#[test]
fn near_duplicate_abstracts_find_each_other_first() {
    let dir = corpus_site();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let a = similar_titles(&out, "sparse-attention-for-long-documents");
    let b = similar_titles(&out, "pruned-sparse-attention-reads-long-documents");
    assert_eq!(
        a.first().map(String::as_str),
        Some("Pruned sparse attention reads long documents"),
        "{a:?}"
    );
    assert_eq!(
        b.first().map(String::as_str),
        Some("Sparse attention for long documents"),
        "{b:?}"
    );
    let proteins = similar_titles(&out, "folding-proteins-with-diffusion");
    assert_eq!(
        proteins.first().map(String::as_str),
        Some("Protein structure from sequences"),
        "{proteins:?}"
    );
    // A paper never lists itself, and lists only papers that share a word with it.
    assert!(!a.contains(&"Sparse attention for long documents".to_string()));
    assert!(
        !proteins.iter().any(|t| t.contains("Robot")),
        "grasping shares no word with protein folding: {proteins:?}"
    );
    // Each entry of the list links to that paper's page.
    let page = read(
        &out,
        "papers/sparse-attention-for-long-documents/index.html",
    );
    let hrefs = common::attrs(&page, "#similar li a", "href");
    assert_eq!(
        hrefs[0].trim_end_matches("index.html"),
        "../../papers/pruned-sparse-attention-reads-long-documents/"
    );
    // A listing's card links to the list.
    let index = read(&out, "index.html");
    let similar_links = common::attrs(&index, ".card a.similar-link", "href");
    assert_eq!(similar_links.len(), 6, "{similar_links:?}");
    assert!(
        similar_links.iter().any(|l| l.replace("index.html", "")
            == "./papers/robot-grasping-from-tactile-feedback/#similar"),
        "{similar_links:?}"
    );
}

#[test]
fn a_paper_sharing_no_word_with_any_other_says_so() {
    let dir = site(
        "title = \"Alone\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Quasars", "2025-05-09", "", "Quasars shine."),
            ),
            (
                "content/papers/b.md",
                &paper("Tulips", "2025-05-09", "", "Tulips bloom."),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = read(&out, "papers/quasars/index.html");
    assert!(texts(&page, "#similar li").is_empty());
    assert!(
        texts(&page, "#similar p")[0].contains("No other paper"),
        "{:?}",
        texts(&page, "#similar")
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    let dir = corpus_site();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    build(dir.path(), &one, &[]);
    build(dir.path(), &two, &[]);
    assert_eq!(snapshot(&one), snapshot(&two));
}

type Files = BTreeMap<String, String>;

/// Applies a build held in memory to `output`, and records it as published.
fn publish(session: &mut Session, output: &mut Files, target: Target) -> (bool, Vec<String>) {
    let update = session.build(target).expect("the site builds");
    let written: Vec<String> = update.write.iter().map(|p| p.file.clone()).collect();
    for page in &update.write {
        output.insert(page.file.clone(), page.html.clone());
    }
    for file in &update.remove {
        output.remove(file);
    }
    let settled = update.settled;
    session.commit(update);
    (settled, written)
}

#[test]
fn an_edit_is_written_at_once_and_the_lists_settle_where_a_fresh_build_would() {
    let dir = corpus_site();
    let root = dir.path();
    let mut session = Session::open(common::session_options(root));
    let mut output = Files::new();
    let (settled, _) = publish(&mut session, &mut output, Target::Memory);
    assert!(settled, "a first build works the lists out");
    let robots = "papers/robot-grasping-from-tactile-feedback/index.html";
    let weather = "papers/forecasting-rainfall-with-graph-networks/index.html";
    assert!(!output[weather].contains("Robot grasping"));

    // The weather paper now speaks of robots: its list and the robot paper's change.
    let edited = paper(
        "Forecasting rainfall with graph networks",
        "2025-05-05",
        "",
        "A robot arm with tactile sensors learns grasping from camera feedback, and forecasts rainfall.",
    );
    write(root, "content/papers/weather.md", &edited);
    let changes = Changes {
        content: vec![root.join("content/papers/weather.md")],
        ..Changes::default()
    };
    session.apply(&changes);

    // First step: the edited page, with the lists as they were.
    session.set_derived(Derived::Provisional);
    let (settled, written) = publish(&mut session, &mut output, Target::Memory);
    assert!(!settled, "the lists are kept for now");
    assert!(written.contains(&weather.to_string()), "{written:?}");
    assert!(output[weather].contains("tactile sensors"));
    assert!(
        !output[weather].contains("Robot grasping"),
        "the list is the last one"
    );

    // Second step: the lists found anew.
    session.set_derived(Derived::Settled);
    let (settled, written) = publish(&mut session, &mut output, Target::Memory);
    assert!(settled);
    assert!(written.contains(&robots.to_string()), "{written:?}");
    assert!(
        !written.contains(&"index.html".to_string()),
        "only pages with a new list: {written:?}"
    );
    let weather_list = texts(&output[weather], "#similar li a");
    assert_eq!(
        weather_list[0], "Robot grasping from tactile feedback",
        "{weather_list:?}"
    );

    let fresh: Files = Session::open(common::session_options(root))
        .build(Target::Memory)
        .unwrap()
        .write
        .into_iter()
        .map(|p| (p.file, p.html))
        .collect();
    assert_eq!(
        output.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (file, html) in &fresh {
        assert_eq!(&output[file], html, "{file} differs from a fresh build's");
    }

    // A title edit reaches the lists that show the paper in the first step already.
    write(
        root,
        "content/papers/robots.md",
        &paper(
            "Robot grasping, retitled",
            "2025-05-06",
            "",
            "A robot arm learns grasping policies from tactile sensors and camera feedback in the real world.",
        ),
    );
    session.apply(&Changes {
        content: vec![root.join("content/papers/robots.md")],
        ..Changes::default()
    });
    session.set_derived(Derived::Provisional);
    publish(&mut session, &mut output, Target::Memory);
    let weather_list = texts(&output[weather], "#similar li a");
    assert_eq!(
        weather_list[0], "Robot grasping, retitled",
        "{weather_list:?}"
    );
    session.set_derived(Derived::Settled);
    publish(&mut session, &mut output, Target::Memory);

    // A provisional build with nothing changed since is settled already.
    session.set_derived(Derived::Provisional);
    let (settled, written) = publish(&mut session, &mut output, Target::Memory);
    assert!(settled);
    assert!(written.is_empty(), "{written:?}");
}
