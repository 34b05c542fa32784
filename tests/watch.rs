//! `paperpress watch` on a temp site: edits, new, renamed and deleted entries, templates,
//! static files, settings and broken saves, each checked in the output as a reader would
//! see it, and always against a fresh full build of the same files.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::running::Running;
use common::{build, paper, read, site, snapshot, write};

fn fixture() -> tempfile::TempDir {
    site(
        "title = \"Watched digest\"\n",
        &[
            (
                "content/papers/2025-05-09/alpha.md",
                &paper(
                    "Alpha Models",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\"]\ntopics = [\"Vision\"]",
                    "The first abstract.\n\nIts second paragraph.",
                ),
            ),
            (
                "content/papers/2025-05-09/beta.md",
                &paper(
                    "Beta Agents",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\", \"Alan Turing\"]\ntopics = [\"Agents\"]",
                    "The second abstract.",
                ),
            ),
            (
                "content/papers/2025-05-08/gamma.md",
                &paper(
                    "Gamma Graphs",
                    "2025-05-08",
                    "topics = [\"Vision\"]",
                    "The third abstract.",
                ),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About\"\n+++\n\nAbout us.\n",
            ),
        ],
    )
}

/// An output file's text now, or nothing while it is not there.
fn current(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_default()
}

/// The output of a fresh `build` of the site as it is now.
fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    build(root, &out.path().join("site"), &[]);
    snapshot(&out.path().join("site"))
}

/// Waits until the output is what a fresh build gives: a rebuild after an edit writes the
/// edited pages first, and the similar papers of other pages a moment later.
fn assert_settles(watch: &mut Running, out: &Path, root: &Path) {
    let fresh = fresh_build(root);
    let deadline = std::time::Instant::now() + common::running::PATIENCE;
    while snapshot(out) != fresh && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    watch.drain();
    let now = snapshot(out);
    let differ: Vec<&String> = fresh
        .keys()
        .chain(now.keys())
        .filter(|f| fresh.get(*f) != now.get(*f))
        .collect();
    assert!(
        differ.is_empty(),
        "these files differ from a fresh build's: {differ:?}\n{}",
        watch.log.join("\n")
    );
}

/// Each output file's inode: a file rewritten (renamed over) gets a new one.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let ino = std::fs::metadata(dir.join(&rel)).unwrap().ino();
            (rel, ino)
        })
        .collect()
}

fn rewritten(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> Vec<String> {
    after
        .iter()
        .filter(|(file, ino)| before.get(*file) != Some(ino))
        .map(|(file, _)| file.clone())
        .collect()
}

#[test]
fn editing_an_abstract_past_its_summary_rewrites_that_paper_page_and_its_feeds_only() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let before = inodes(&out);

    let entry = "content/papers/2025-05-09/alpha.md";
    let edited = paper(
        "Alpha Models",
        "2025-05-09",
        "authors = [\"Ada Lovelace\"]\ntopics = [\"Vision\"]",
        "The first abstract.\n\nA second paragraph rewritten while watching.",
    );
    write(root, entry, &edited);
    let line = watch.wait_for(" changed: ");
    assert!(line.contains(entry), "{line}");
    assert!(line.contains("7 files written, 0 removed"), "{line}");
    // The second step writes the search index's files of the new words.
    let line = watch.wait_for("similar papers and search index settled");
    assert!(line.contains("written"), "{line}");

    let page = read(&out, "papers/alpha-models/index.html");
    assert!(page.contains("A second paragraph rewritten while watching."));
    assert!(read(&out, "topics/vision/atom.xml").contains("A second paragraph rewritten"));
    let (index, pages): (Vec<String>, Vec<String>) = rewritten(&before, &inodes(&out))
        .into_iter()
        .partition(|f| f.starts_with("search/terms/") || f == "search/index.json");
    assert_eq!(
        pages,
        [
            "atom.xml",
            "days/2025-05-09/index.html",
            "feed.json",
            "papers/alpha-models/index.html",
            "search/docs/0.json",
            "topics/vision/atom.xml",
            "topics/vision/feed.json"
        ],
        "listings show only the first paragraph, and BibTeX no abstract: only the paper's \
         own page, its day (whose card opens to the whole abstract), the feeds, which carry \
         its whole abstract, and its search record change"
    );
    assert!(
        index.contains(&"search/index.json".to_string()) && index.len() > 1,
        "the files of the new words: {index:?}"
    );
    assert_settles(&mut watch, &out, root);
}

#[test]
fn an_upvote_count_edit_reaches_every_listing_that_shows_the_paper() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let before = inodes(&out);

    write(
        root,
        "content/papers/2025-05-08/gamma.md",
        &paper(
            "Gamma Graphs",
            "2025-05-08",
            "topics = [\"Vision\"]\nupvotes = 7",
            "The third abstract.",
        ),
    );
    watch.wait_for(" changed: ");
    let changed = rewritten(&before, &inodes(&out));
    for file in [
        "index.html",
        "papers/gamma-graphs/index.html",
        "topics/vision/index.html",
        "days/2025-05-08/index.html",
    ] {
        assert!(
            changed.contains(&file.to_string()),
            "{file} not in {changed:?}"
        );
    }
    for file in [
        "topics/agents/index.html",
        "papers/beta-agents/index.html",
        "about/index.html",
    ] {
        assert!(!changed.contains(&file.to_string()), "{file} was rewritten");
    }
    assert_settles(&mut watch, &out, root);
}

#[test]
fn new_renamed_and_deleted_entries() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);

    let delta = paper(
        "Delta Diffusion",
        "2025-05-10",
        "authors = [\"Grace Hopper\"]",
        "A new abstract.",
    );
    write(root, "content/papers/2025-05-10/delta.md", &delta);
    watch.rebuilt_until(|| {
        current(&out, "papers/delta-diffusion/index.html").contains("A new abstract.")
    });
    assert!(read(&out, "index.html").contains("Delta Diffusion"));
    assert!(out.join("authors/grace-hopper/index.html").is_file());
    assert!(out.join("days/2025-05-10/index.html").is_file());

    std::fs::rename(
        root.join("content/papers/2025-05-10/delta.md"),
        root.join("content/papers/2025-05-10/delta-renamed.md"),
    )
    .unwrap();
    watch.rebuilt_until(|| out.join("papers/delta-diffusion/index.html").is_file());
    assert_settles(&mut watch, &out, root);

    std::fs::remove_file(root.join("content/papers/2025-05-10/delta-renamed.md")).unwrap();
    let line = watch.wait_for(" changed: ");
    assert!(line.contains("removed"), "{line}");
    for gone in [
        "papers/delta-diffusion",
        "authors/grace-hopper",
        "days/2025-05-10",
    ] {
        assert!(!out.join(gone).exists(), "{gone} is still in the output");
    }
    assert!(!read(&out, "index.html").contains("Delta Diffusion"));
    assert_settles(&mut watch, &out, root);

    // A whole day's folder moved away and back.
    std::fs::rename(
        root.join("content/papers/2025-05-09"),
        root.join("content/old-day"),
    )
    .unwrap();
    watch.rebuilt_until(|| !out.join("papers/alpha-models").exists());
    assert_settles(&mut watch, &out, root);
    std::fs::rename(
        root.join("content/old-day"),
        root.join("content/papers/2025-05-09"),
    )
    .unwrap();
    watch.rebuilt_until(|| out.join("papers/alpha-models/index.html").is_file());
    assert_settles(&mut watch, &out, root);
}

#[test]
fn a_page_that_becomes_a_static_file_in_one_save_is_kept() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let away = root.join("about.md.moved");
    // As a checkout or a sync would: both changes land in one burst of events.
    std::fs::rename(root.join("content/about.md"), &away).unwrap();
    write(root, "static/about/index.html", "<p>static about</p>");
    watch.rebuilt_until(|| current(&out, "about/index.html") == "<p>static about</p>");
    assert_settles(&mut watch, &out, root);

    std::fs::remove_dir_all(root.join("static/about")).unwrap();
    std::fs::rename(&away, root.join("content/about.md")).unwrap();
    watch.rebuilt_until(|| current(&out, "about/index.html").contains("About us."));
    assert_settles(&mut watch, &out, root);
}

#[test]
fn templates_static_files_and_settings() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let before = inodes(&out);

    write(
        root,
        "templates/paper.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ paper.title }}</p>{% endblock %}",
    );
    watch.wait_for(" changed: ");
    assert!(
        read(&out, "papers/beta-agents/index.html").contains("<p class=\"custom\">Beta Agents</p>")
    );
    let changed = rewritten(&before, &inodes(&out));
    assert!(
        changed.iter().all(|f| f.starts_with("papers/")),
        "{changed:?}"
    );
    assert_eq!(changed.len(), 3);

    // layout.html is used by every page, through `extends` (base.html extends it).
    let base = read(&common::repo_root(), "themes/default/templates/layout.html");
    write(
        root,
        "templates/layout.html",
        &base.replace("</footer>", "<p>Edited base</p></footer>"),
    );
    watch.rebuilt_until(|| current(&out, "index.html").contains("Edited base"));
    assert!(read(&out, "papers/beta-agents/index.html").contains("Edited base"));
    assert_settles(&mut watch, &out, root);

    write(root, "static/extra.css", "body { color: red }");
    watch.rebuilt_until(|| current(&out, "extra.css") == "body { color: red }");
    write(root, "static/extra.css", "body { color: blue }");
    watch.rebuilt_until(|| current(&out, "extra.css") == "body { color: blue }");
    std::fs::remove_file(root.join("static/extra.css")).unwrap();
    watch.rebuilt_until(|| !out.join("extra.css").exists());

    write(
        root,
        "site.toml",
        "title = \"Renamed digest\"\npaginate_by = 1\n",
    );
    watch.rebuilt_until(|| current(&out, "index.html").contains("Renamed digest"));
    assert!(
        out.join("page/3/index.html").is_file(),
        "paginate_by applies"
    );
    assert_settles(&mut watch, &out, root);
}

#[test]
fn a_broken_save_keeps_the_last_good_output_and_the_next_good_save_recovers() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let good = snapshot(&out);

    let entry = "content/papers/2025-05-09/beta.md";
    write(
        root,
        entry,
        "+++\ntitle = \"Beta Agents\"\ndate = 2025-13-45\n+++\n\nAn edit with a bad date.\n",
    );
    let line = watch.wait_for("rebuild failed");
    assert!(line.contains("1 error"), "{line}");
    assert!(
        watch
            .log
            .iter()
            .any(|l| l.starts_with(&format!("error: {entry}:3: "))),
        "the error names the file and line:\n{}",
        watch.log.join("\n")
    );
    assert_eq!(snapshot(&out), good, "the output is untouched");

    write(root, "templates/topic.html", "{% if %}");
    watch.wait_for("rebuild failed");
    assert!(
        watch
            .log
            .iter()
            .any(|l| l.contains("templates/topic.html:1")),
        "{}",
        watch.log.join("\n")
    );
    std::fs::remove_file(root.join("templates/topic.html")).unwrap();
    watch.wait_for("rebuild failed"); // the entry is still broken

    write(
        root,
        entry,
        &paper("Beta Agents", "2025-05-09", "", "Fixed at last."),
    );
    let line = watch.wait_for(" changed: ");
    assert!(line.contains("written"), "{line}");
    assert!(read(&out, "papers/beta-agents/index.html").contains("Fixed at last."));
    assert_settles(&mut watch, &out, root);
}

#[test]
fn a_save_that_changes_nothing_writes_nothing_and_editor_files_are_ignored() {
    let dir = fixture();
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let before = inodes(&out);

    let entry = root.join("content/papers/2025-05-09/alpha.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, &text).unwrap();
    let line = watch.wait_for(" changed: ");
    assert!(line.contains("no output file changed"), "{line}");
    assert_eq!(inodes(&out), before);

    // A vim-style save: probe file, backup by rename, new file, backup removed.
    let day = root.join("content/papers/2025-05-09");
    std::fs::write(day.join("4913"), "").unwrap();
    std::fs::remove_file(day.join("4913")).unwrap();
    std::fs::rename(&entry, day.join("alpha.md~")).unwrap();
    std::fs::write(
        &entry,
        text.replace("The first abstract.", "Saved the vim way."),
    )
    .unwrap();
    std::fs::write(day.join(".alpha.md.swp"), "swap").unwrap();
    std::fs::remove_file(day.join("alpha.md~")).unwrap();
    let line = watch.wait_for(" changed: ");
    assert!(!line.contains("4913") && !line.contains(".swp"), "{line}");
    // The last rebuild of the burst has the new text, whatever the timing was.
    let deadline = std::time::Instant::now() + common::running::PATIENCE;
    while !read(&out, "papers/alpha-models/index.html").contains("Saved the vim way.") {
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            watch.log.join("\n")
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::remove_file(day.join(".alpha.md.swp")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    watch.drain();
    assert_settles(&mut watch, &out, root);
}

#[test]
fn watch_stops_at_once_on_what_no_save_can_fix() {
    let dir = fixture();
    let root = dir.path();
    let inside = root.join("static/gen");
    let run = common::paperpress(&[
        "watch",
        "--root",
        root.to_str().unwrap(),
        "--output",
        inside.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    assert!(
        common::stderr(&run).contains("inside static/"),
        "{}",
        common::stderr(&run)
    );
    assert!(!inside.exists());

    let empty = tempfile::tempdir().unwrap();
    let run = common::paperpress(&["watch", "--root", empty.path().to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        common::stderr(&run).contains("site.toml: not found in"),
        "{}",
        common::stderr(&run)
    );
}
