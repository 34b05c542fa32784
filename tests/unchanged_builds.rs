//! A `build` where nothing changed since the last build into the same output folder
//! stops early and writes nothing; any change to what a build reads, or to the output
//! it wrote, makes it build again.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::{build, paper, read, site, stderr, stdout, write};

const UP_TO_DATE: &str = "Nothing changed since the last build";

/// What a change is, and the change.
type Change<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// Every file of the output with its modification time.
fn times(out: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

fn two_papers() -> tempfile::TempDir {
    site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("First", "2025-05-09", "", "An abstract."),
            ),
            (
                "content/papers/b.md",
                &paper("Second", "2025-05-08", "", "Another one."),
            ),
        ],
    )
}

#[test]
fn a_build_where_nothing_changed_writes_nothing_and_says_so() {
    let dir = two_papers();
    let out = dir.path().join("out");
    assert!(stdout(&build(dir.path(), &out, &[])).contains("Built 2 papers"));
    let before = times(&out);
    let again = build(dir.path(), &out, &[]);
    let said = stdout(&again);
    assert!(said.contains(UP_TO_DATE), "{said}");
    assert!(said.contains("2 papers"), "{said}");
    assert_eq!(times(&out), before, "an unchanged build touched the output");
}

#[test]
fn any_change_to_what_a_build_reads_builds_again() {
    let dir = two_papers();
    let root = dir.path();
    let out = root.join("out");
    build(root, &out, &[]);
    let changes: [Change; 4] = [
        (
            "an edited entry",
            Box::new(|| {
                let text = paper("First", "2025-05-09", "", "An edited abstract.");
                write(root, "content/papers/a.md", &text)
            }),
        ),
        (
            "a new static file",
            Box::new(|| write(root, "static/extra.txt", "hello")),
        ),
        (
            "a template of the site",
            Box::new(|| write(root, "templates/404.html", "{% extends \"base.html\" %}")),
        ),
        (
            "site.toml",
            Box::new(|| write(root, "site.toml", "title = \"Another title\"\n")),
        ),
    ];
    for (what, change) in changes {
        change();
        let said = stdout(&build(root, &out, &[]));
        assert!(said.contains("Built 2 papers"), "after {what}: {said}");
        assert!(stdout(&build(root, &out, &[])).contains(UP_TO_DATE));
    }
    assert!(read(&out, "papers/first/index.html").contains("An edited abstract."));
    assert_eq!(read(&out, "extra.txt"), "hello");
    assert!(read(&out, "index.html").contains("Another title"));
    // Another base URL is another site.
    let said = stdout(&build(
        root,
        &out,
        &["--base-url", "https://elsewhere.org/"],
    ));
    assert!(said.contains("Built 2 papers"), "{said}");
}

#[test]
fn an_output_folder_that_lost_or_changed_a_file_is_built_again() {
    let dir = two_papers();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = out.join("papers/first/index.html");
    let whole = std::fs::read(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    assert!(stdout(&build(dir.path(), &out, &[])).contains("Built 2 papers"));
    assert_eq!(std::fs::read(&page).unwrap(), whole);
    std::fs::write(&page, "edited by hand").unwrap();
    assert!(stdout(&build(dir.path(), &out, &[])).contains("Built 2 papers"));
    assert_eq!(std::fs::read(&page).unwrap(), whole);
    // Another output folder of the same site is built on its own.
    let other = dir.path().join("other");
    assert!(stdout(&build(dir.path(), &other, &[])).contains("Built 2 papers"));
    assert!(stdout(&build(dir.path(), &out, &[])).contains(UP_TO_DATE));
}

#[test]
fn an_unchanged_build_shows_the_warnings_of_the_build_it_stands_for() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Same title", "2025-05-09", "", "One."),
            ),
            (
                "content/papers/b.md",
                &paper("Same title", "2025-05-08", "", "Two."),
            ),
        ],
    );
    let out = dir.path().join("out");
    let first = stderr(&build(dir.path(), &out, &[]));
    assert!(first.contains("content/papers/b.md"), "{first}");
    let again = build(dir.path(), &out, &[]);
    assert!(stdout(&again).contains(UP_TO_DATE));
    assert_eq!(stderr(&again), first);
}

#[test]
fn drafts_themes_and_a_missing_marker_count_as_changes() {
    let dir = two_papers();
    let root = dir.path();
    let out = root.join("out");
    write(
        root,
        "content/papers/c.md",
        &paper("Third", "2025-05-07", "draft = true", "A draft."),
    );
    build(root, &out, &[]);
    let with_drafts = stdout(&build(root, &out, &["--drafts"]));
    assert!(with_drafts.contains("Built 3 papers"), "{with_drafts}");
    assert!(stdout(&build(root, &out, &["--drafts"])).contains(UP_TO_DATE));
    // A file of any theme of the site, used or not: themes are read whole.
    write(root, "themes/mine/theme.toml", "extends = \"default\"\n");
    let said = stdout(&build(root, &out, &["--drafts"]));
    assert!(said.contains("Built 3 papers"), "{said}");
    // Without its marker the folder is no longer known to be paperpress's: no shortcut,
    // and the build refuses to replace it.
    std::fs::remove_file(out.join(".paperpress-output")).unwrap();
    let refused = common::run_build(root, &out, &["--drafts"]);
    assert!(!refused.status.success());
    assert!(!stdout(&refused).contains(UP_TO_DATE));
}

#[test]
fn after_a_failed_build_the_next_one_builds_whole() {
    let dir = two_papers();
    let root = dir.path();
    let out = root.join("out");
    build(root, &out, &[]);
    let before = common::snapshot(&out);
    write(root, "content/papers/bad.md", "+++\ntitle = \"Bad\"\n+++\n");
    common::build_fails(root, &out, &[]);
    std::fs::remove_file(root.join("content/papers/bad.md")).unwrap();
    let said = stdout(&build(root, &out, &[]));
    assert!(said.contains("Built 2 papers"), "{said}");
    assert_eq!(common::snapshot(&out), before);
    assert!(stdout(&build(root, &out, &[])).contains(UP_TO_DATE));
}
