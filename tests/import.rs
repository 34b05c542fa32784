//! `paperpress import daily-text`: a pasted daily-papers page becomes entries.

mod common;

use common::*;

const PAGE: &str = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nMay 9\n\n\
Sparse *Low-rank* Adaptation\n\nFine-tuning <b>large</b> models with $\\mathcal{O}(n)$ cost and x_1 tokens.\n\n\
# Not a Heading\n\n1. Not a list either.\n";

fn import(root: &std::path::Path, file: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        "daily-text",
        file.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    paperpress(&args)
}

#[test]
fn imports_papers_skipping_page_chrome_and_builds_them_as_written() {
    let dir = site("title = \"T\"\n", &[("page.txt", PAGE)]);
    let run = import(
        dir.path(),
        &dir.path().join("page.txt"),
        &["--date", "2025-05-09"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("imported 2 papers: 2 new, 0 unchanged"),
        "{printed}"
    );
    let entries: Vec<String> = snapshot(&dir.path().join("content/papers"))
        .into_keys()
        .collect();
    assert_eq!(
        entries,
        [
            "2025-05-09/not-a-heading.md",
            "2025-05-09/sparse-low-rank-adaptation.md"
        ]
    );

    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = read(&out, "papers/sparse-low-rank-adaptation/index.html");
    assert_eq!(texts(&page, "h1"), ["Sparse *Low-rank* Adaptation"]);
    let body = texts(&page, "main").join(" ");
    assert!(
        body.contains("Fine-tuning <b>large</b> models with"),
        "{body}"
    );
    assert!(body.contains("cost and x_1 tokens."), "{body}");
    // The LaTeX stays math: it is rendered, with its source as the annotation.
    assert_eq!(texts(&page, "main math annotation"), ["\\mathcal{O}(n)"]);
    let other = read(&out, "papers/not-a-heading/index.html");
    assert_eq!(texts(&other, "h1"), ["# Not a Heading"]);
    assert!(
        texts(&other, "main")
            .join(" ")
            .contains("1. Not a list either.")
    );
    for chrome in [
        "subscribe",
        "new",
        "get-trending-papers-in-your-email-inbox",
        "may-9",
    ] {
        assert!(
            !out.join("papers").join(chrome).exists(),
            "{chrome} taken for a paper"
        );
    }
}

#[test]
fn importing_twice_changes_nothing_and_dry_run_writes_nothing() {
    let dir = site("title = \"T\"\n", &[("page.txt", PAGE)]);
    let dry = import(
        dir.path(),
        &dir.path().join("page.txt"),
        &["--date", "2025-05-09", "--dry-run"],
    );
    assert!(dry.status.success());
    assert!(
        stdout(&dry).contains("would import 2 papers: 2 new"),
        "{}",
        stdout(&dry)
    );
    assert!(snapshot(&dir.path().join("content/papers")).is_empty());

    assert!(
        import(
            dir.path(),
            &dir.path().join("page.txt"),
            &["--date", "2025-05-09"]
        )
        .status
        .success()
    );
    let first = snapshot(&dir.path().join("content"));
    // The user edits an entry; a second import must leave it alone.
    let edited = dir
        .path()
        .join("content/papers/2025-05-09/not-a-heading.md");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\nMy notes.\n");
    std::fs::write(&edited, &text).unwrap();
    let again = import(
        dir.path(),
        &dir.path().join("page.txt"),
        &["--date", "2025-05-09"],
    );
    assert!(
        stdout(&again).contains("2 papers: 0 new, 2 unchanged"),
        "{}",
        stdout(&again)
    );
    let second = snapshot(&dir.path().join("content"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
}

#[test]
fn a_broken_page_is_reported_with_its_line_and_nothing_is_written() {
    let broken = format!(
        "May 9\n\nA Title\n\n{}\n\n{}\n",
        "word ".repeat(50),
        "word ".repeat(100)
    );
    let dir = site("title = \"T\"\n", &[("page.txt", &broken)]);
    let run = import(
        dir.path(),
        &dir.path().join("page.txt"),
        &["--date", "2025-05-09"],
    );
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("page.txt:7: expected a paper title"), "{err}");
    assert!(
        snapshot(&dir.path().join("content/papers")).is_empty(),
        "nothing written"
    );

    let no_year = site("title = \"T\"\n", &[("page.txt", "May 9\n\nT\n\nA\n")]);
    let run = import(no_year.path(), &no_year.path().join("page.txt"), &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("--date YYYY-MM-DD"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn reads_standard_input() {
    let dir = site("title = \"T\"\n", &[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_paperpress"))
        .args([
            "import",
            "daily-text",
            "-",
            "--date",
            "2025-05-09",
            "--root",
            dir.path().to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(snapshot(&dir.path().join("content/papers")).len(), 2);
}
