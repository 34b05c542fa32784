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
        printed.contains("imported 2 papers: 2 new, 0 updated, 0 unchanged"),
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
        stdout(&again).contains("2 papers: 0 new, 0 updated, 2 unchanged"),
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

fn fixture(name: &str) -> std::path::PathBuf {
    repo_root().join("tests/fixtures/import").join(name)
}

fn import_as(
    root: &std::path::Path,
    format: &str,
    file: &str,
    extra: &[&str],
) -> std::process::Output {
    import_path(root, format, &fixture(file), extra)
}

/// `paperpress import FORMAT PATH --root ROOT EXTRA...`
fn import_path(
    root: &std::path::Path,
    format: &str,
    path: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "import",
        format,
        path.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    paperpress(&args)
}

fn entries(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot(&root.join("content/papers"))
}

#[test]
fn arxiv_atom_old_style_with_crlf_wrapped_titles_and_latex() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let run = import_as(root, "arxiv-atom", "arxiv-old-style.xml", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("imported 2 papers: 2 new, 0 updated, 0 unchanged, 0 skipped"),
        "{}",
        stdout(&run)
    );
    let files = entries(root);
    let names: Vec<&String> = files.keys().collect();
    assert_eq!(
        names,
        [
            "2004-12-17/phase-transitions-in-old-style-identifiers.md",
            "2024-01-03/sparse-mixtures-of-experts-for-o-log-n-routing-in-multilingual-models-etude-de.md"
        ]
    );
    let entry = String::from_utf8(files[names[1]].clone()).unwrap();
    for expected in [
        "title = 'Sparse Mixtures of Experts for $\\mathcal{O}(\\log n)$ Routing in Multilingual Models: Étude de cas'",
        "date = 2024-01-03",
        "published = \"2024-01-03\"",
        "authors = [\"José Núñez\", \"Zoë Chen\"]",
        "arxiv = \"2401.01234v2\"",
        "primary_category = \"cs.CL\"",
        "categories = [\"cs.CL\", \"cs.LG\"]",
        "comment = \"12 pages, 4 figures\"",
        "journal_ref = \"ACL 2024\"",
        "pdf = \"https://arxiv.org/pdf/2401.01234v2\"",
        "doi = \"https://doi.org/10.1234/moe.2024.5\"",
        "We study routing in sparse \\*mixtures\\* of experts, where tokens go to $k \\ll n$ experts and costs grow as $O(n^{1/2})$.\n\nA second paragraph keeps its break.",
    ] {
        assert!(entry.contains(expected), "{expected}\nnot in\n{entry}");
    }
    assert!(!entry.contains('\r'));

    let out = root.join("out");
    build(root, &out, &[]);
    let paper_dir = std::fs::read_dir(out.join("papers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|d| d.starts_with("sparse-mixtures"))
        .unwrap();
    let page = read(&out, &format!("papers/{paper_dir}/index.html"));
    assert_eq!(
        texts(&page, "main math annotation")[0],
        "\\mathcal{O}(\\log n)"
    );
    assert!(
        texts(&page, "main")
            .join(" ")
            .contains("sparse *mixtures* of experts")
    );
    let old = read(
        &out,
        "papers/phase-transitions-in-old-style-identifiers/index.html",
    );
    assert_eq!(
        texts(&old, "h1"),
        ["# Phase Transitions in Old-Style Identifiers"]
    );

    // Importing the same file again changes nothing.
    let again = import_as(root, "arxiv-atom", "arxiv-old-style.xml", &[]);
    assert!(
        stdout(&again).contains("0 new, 0 updated, 2 unchanged"),
        "{}",
        stdout(&again)
    );
    assert_eq!(entries(root), files);
}

#[test]
fn the_same_paper_is_recognised_across_versions_formats_and_prefixes() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    assert!(
        import_as(root, "arxiv-atom", "arxiv-old-style.xml", &[])
            .status
            .success()
    );
    // Namespaces on the root under other prefixes, https arXiv namespace, version 3.
    let run = import_as(root, "arxiv-atom", "arxiv-new-style.xml", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("1 new, 0 updated, 1 unchanged"),
        "{printed}"
    );
    assert!(
        printed.contains("new        content/papers/2024-02-01/prefixes-are-not-names.md"),
        "{printed}"
    );

    // The daily-papers JSON lists the first paper again (by arXiv id) and a new one.
    let run = import_as(
        root,
        "hf-json",
        "hf-daily-papers.json",
        &["--topic", "Agents", "--topic", "NLP"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("1 new, 0 updated, 1 unchanged"),
        "{}",
        stdout(&run)
    );
    let entry = read(
        root,
        "content/papers/2024-01-05/a-brand-new-paper-on-b-agents-b.md",
    );
    for expected in [
        "title = \"A Brand New Paper on <b>Agents</b>\"",
        "date = 2024-01-05",
        "arxiv = \"2401.05555\"",
        "upvotes = 7",
        "topics = [\"Agents\", \"NLP\"]",
        "project = \"https://example.org/agents\"",
        "Agents \\*act\\*.\n\nSecond paragraph.",
    ] {
        assert!(entry.contains(expected), "{expected}\nnot in\n{entry}");
    }
    build(root, &root.join("out"), &[]);
}

#[test]
fn hugging_face_json_keeps_hidden_authors_keywords_and_links_in_both_shapes() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let run = import_as(root, "hf-json", "hf-daily-papers.json", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let files = entries(root);
    let first = files
        .iter()
        .find(|(k, _)| k.contains("sparse-mixtures"))
        .map(|(_, v)| String::from_utf8(v.clone()).unwrap())
        .unwrap();
    for expected in [
        "date = 2024-01-05",
        "published = \"2024-01-03\"",
        "rank = 1",
        "authors = [\"José Núñez\", \"Hidden Author\"]",
        "upvotes = 42",
        "ai_keywords = [\"mixture of experts\", \"routing\"]",
        "code = \"https://github.com/example/moe\"",
    ] {
        assert!(first.contains(expected), "{expected}\nnot in\n{first}");
    }
    let run = import_as(
        root,
        "hf-json",
        "hf-daily-papers-old.json",
        &["--date", "2023-12-21"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        root.join("content/papers/2023-12-21/an-older-shape.md")
            .is_file(),
        "--date wins"
    );
    build(root, &root.join("out"), &[]);
}

#[test]
fn api_errors_and_malformed_files_write_nothing() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let run = import_as(root, "arxiv-atom", "arxiv-api-error.xml", &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run)
            .contains("the arXiv API answered with an error: incorrect id format for 1234.bad"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("Nothing was imported."));

    let bad_xml = root.join("bad.xml");
    std::fs::write(
        &bad_xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<title>A</titel>\n</feed>\n",
    )
    .unwrap();
    let run = import_path(root, "arxiv-atom", &bad_xml, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("bad.xml:3: not valid XML"),
        "{}",
        stderr(&run)
    );

    let bad_json = root.join("bad.json");
    std::fs::write(
        &bad_json,
        "[\n  {\"paper\": {\"id\": \"2401.1\", \"title\": }}\n]\n",
    )
    .unwrap();
    let run = import_path(root, "hf-json", &bad_json, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("bad.json:2: not daily-papers JSON"),
        "{}",
        stderr(&run)
    );

    let twice = root.join("twice.json");
    let item = "{\"paper\": {\"id\": \"2401.07777v1\", \"title\": \"Twice\", \"summary\": \"x\", \"submittedOnDailyAt\": \"2024-01-05T00:00:00Z\"}}";
    std::fs::write(&twice, format!("[{item}, {}]", item.replace("v1", "v2"))).unwrap();
    let run = import_path(root, "hf-json", &twice, &["--dry-run"]);
    assert!(
        stdout(&run)
            .contains("skipped    Twice: the same paper as \"Twice\", earlier in this file"),
        "{}",
        stdout(&run)
    );
    assert!(
        stdout(&run).contains("1 new, 0 updated, 0 unchanged, 1 skipped"),
        "{}",
        stdout(&run)
    );

    let dry = import_as(root, "arxiv-atom", "arxiv-old-style.xml", &["--dry-run"]);
    assert!(dry.status.success());
    assert!(
        stdout(&dry).contains("would import 2 papers: 2 new"),
        "{}",
        stdout(&dry)
    );
    assert!(entries(root).is_empty(), "nothing was written");
}

#[test]
fn bibtex_as_labs_keep_it_accents_macros_and_entries_it_cannot_read() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    // The arXiv paper is already in the site (imported from the API): it stays as it is.
    assert!(
        import_as(root, "arxiv-atom", "arxiv-old-style.xml", &[])
            .status
            .success()
    );
    let run = import_as(root, "bibtex", "lab.bib", &["--date", "2025-01-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let (printed, warned) = (stdout(&run), stderr(&run));
    assert!(
        printed.contains("2 new, 0 updated, 1 unchanged, 0 skipped"),
        "{printed}"
    );
    assert!(
        warned.contains("lab.bib:31: skipped an entry BibTeX cannot read"),
        "{warned}"
    );
    assert!(
        warned.contains("lab.bib:36: skipped @misc{notitle2020}: it has no title"),
        "{warned}"
    );

    let journal = read(
        root,
        "content/papers/2025-01-01/journal-paper-known-by-its-doi.md",
    );
    for expected in [
        "title = \"Journal Paper Known by its DOI\"",
        "authors = [\"Grace Hopper\"]",
        "journal = \"Communications of the Example\"",
        "doi = \"https://doi.org/10.5555/example.2021\"",
        "url = \"https://example.org/paper\"",
    ] {
        assert!(journal.contains(expected), "{expected}\nnot in\n{journal}");
    }
    let preprint = read(
        root,
        "content/papers/2025-01-01/a-preprint-without-a-year.md",
    );
    assert!(preprint.contains("arxiv = \"2302.00002v3\""), "{preprint}");

    // On its own, the first entry shows accents, macros, names and paragraphs.
    let fresh = site("title = \"T\"\n", &[]);
    let run = import_as(fresh.path(), "bibtex", "lab.bib", &["--date", "2025-01-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let bert = read(
        fresh.path(),
        "content/papers/2025-01-01/bert-goes-ecole-learning-a-decay-with-sparse-experts.md",
    );
    for expected in [
        "title = 'BERT Goes École: Learning $\\alpha$-Decay with Sparse Experts'",
        "authors = [\"Jörg Müller\", \"François Dupont\", \"Ayşe Şahin\", \"Ali Doğan\", \"Jan van der Berg\"]",
        "arxiv = \"2401.01234\"",
        "venue = \"Proceedings of the Annual Meeting of the ACL\"",
        "bibtex_key = \"müller2024moe\"",
        // BibTeX fields have no paragraphs; math is left as it is, unescaped.
        "We study über-sparse models. A second paragraph with $x_1 < y$.",
    ] {
        assert!(bert.contains(expected), "{expected}\nnot in\n{bert}");
    }
    // Importing again changes nothing: the DOI-only paper is known by its DOI.
    let snapshot_before = entries(fresh.path());
    let again = import_as(fresh.path(), "bibtex", "lab.bib", &["--date", "2025-02-02"]);
    assert!(
        stdout(&again).contains("0 new, 0 updated, 3 unchanged"),
        "{}",
        stdout(&again)
    );
    assert_eq!(entries(fresh.path()), snapshot_before);
    let built = build(fresh.path(), &fresh.path().join("out"), &[]);
    assert!(
        !stderr(&built).contains("cannot render the math"),
        "{}",
        stderr(&built)
    );
}

#[test]
fn bibtex_years_and_months_are_publication_dates_at_their_precision() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let bib = root.join("dated.bib");
    std::fs::write(
        &bib,
        "@article{a, title={Dated}, year=2021, month=mar}\n@article{b, title={Only a Year}, year={1967}}\n@article{c, title={Undated}}\n@article{d, title={Bad Month}, year={1968}, month={13}}\n",
    )
    .unwrap();
    // --date is the digest day; the year and month say when the paper was published.
    let run = import_path(root, "bibtex", &bib, &["--date", "2025-01-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let dated = read(root, "content/papers/2025-01-01/dated.md");
    assert!(
        dated.contains("date = 2025-01-01\npublished = \"2021-03\"\n"),
        "{dated}"
    );
    let year = read(root, "content/papers/2025-01-01/only-a-year.md");
    assert!(year.contains("published = \"1967\"\n"), "{year}");
    // A month that is none keeps its year.
    let bad_month = read(root, "content/papers/2025-01-01/bad-month.md");
    assert!(bad_month.contains("published = \"1968\"\n"), "{bad_month}");
    let undated = read(root, "content/papers/2025-01-01/undated.md");
    assert!(!undated.contains("published"), "{undated}");

    let out = root.join("out");
    build(root, &out, &[]);
    let page = read(&out, "papers/only-a-year/index.html");
    assert_eq!(texts(&page, ".published"), ["1967"]);
    assert!(
        page.contains("<time datetime=\"1967\">1967</time>"),
        "{page}"
    );
    assert!(!page.contains("January 1967"), "no invented day");
    let page = read(&out, "papers/dated/index.html");
    assert_eq!(texts(&page, ".published"), ["March 2021"]);
    // A paper whose publication date is unknown says nothing of it.
    let page = read(&out, "papers/undated/index.html");
    assert!(texts(&page, ".published").is_empty());
    assert!(!page.contains("Published"), "{page}");

    // Without --date, the digest day is the day of the import (UTC).
    let fresh = site("title = \"T\"\n", &[]);
    let before = today();
    let run = import_path(fresh.path(), "bibtex", &bib, &[]);
    let after = today();
    assert!(run.status.success(), "{}", stderr(&run));
    let days: std::collections::BTreeSet<String> = entries(fresh.path())
        .into_keys()
        .map(|k| k.split('/').next().unwrap().to_string())
        .collect();
    assert_eq!(days.len(), 1, "{days:?}");
    let day = days.into_iter().next().unwrap();
    assert!(
        [before, after].map(|d| d.to_string()).contains(&day),
        "{day} is not today"
    );
}

#[test]
fn update_takes_a_newer_version_and_keeps_the_users_edits() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    assert!(
        import_as(root, "arxiv-atom", "arxiv-old-style.xml", &[])
            .status
            .success()
    );
    let rel = "content/papers/2024-01-03/sparse-mixtures-of-experts-for-o-log-n-routing-in-multilingual-models-etude-de.md";
    // The user sets topics, adds a field and writes notes under a heading.
    let entry = read(root, rel).replacen(
        "date = 2024-01-03\n",
        "date = 2024-01-03\ntopics = [\"Reading group\"]\nrating = 5\n",
        1,
    ) + "\n## Our notes\n\nDiscussed on Friday.\n";
    write(root, rel, &entry);

    // Without --update, the newer version changes nothing.
    let run = import_as(root, "arxiv-atom", "arxiv-new-style.xml", &[]);
    assert!(
        stdout(&run).contains("unchanged  content/papers/2024-01-03/sparse"),
        "{}",
        stdout(&run)
    );
    assert_eq!(read(root, rel), entry);

    let dry = import_as(
        root,
        "arxiv-atom",
        "arxiv-new-style.xml",
        &["--update", "--dry-run"],
    );
    assert!(
        stdout(&dry).contains(&format!("updated    {rel}")),
        "{}",
        stdout(&dry)
    );
    assert_eq!(read(root, rel), entry, "--dry-run writes nothing");

    let run = import_as(root, "arxiv-atom", "arxiv-new-style.xml", &["--update"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("0 new, 1 updated, 1 unchanged"),
        "{}",
        stdout(&run)
    );
    let updated = read(root, rel);
    for expected in [
        "arxiv = \"2401.01234v3\"",
        "topics = [\"Reading group\"]",
        "rating = 5",
        "date = 2024-01-03",
        "journal_ref = \"ACL 2024\"",
        // The text is the user's: kept, and the line says the source's abstract differs.
        "We study routing in sparse",
        "## Our notes\n\nDiscussed on Friday.\n",
    ] {
        assert!(updated.contains(expected), "{expected}\nnot in\n{updated}");
    }
    assert!(
        stdout(&run).contains("the source's abstract differs; your text was kept"),
        "{}",
        stdout(&run)
    );

    let again = import_as(root, "arxiv-atom", "arxiv-new-style.xml", &["--update"]);
    assert!(
        stdout(&again).contains("0 new, 0 updated, 2 unchanged"),
        "{}",
        stdout(&again)
    );
    assert_eq!(read(root, rel), updated);
    build(root, &root.join("out"), &[]);
}

#[test]
fn a_day_without_papers_imports_nothing_and_succeeds() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let empty_json = root.join("empty.json");
    std::fs::write(&empty_json, "[]\n").unwrap();
    let empty_feed = root.join("empty.xml");
    std::fs::write(
        &empty_feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>No results</title></feed>",
    )
    .unwrap();
    // arXiv's feed on a day without announcements: the channel, no items.
    let feed = std::fs::read_to_string(fixture("arxiv_rss_cs_cl_2026-04-27.xml")).unwrap();
    let channel_end = feed.find("    <item>").unwrap();
    let empty_rss = root.join("empty-rss.xml");
    std::fs::write(
        &empty_rss,
        format!("{}  </channel>\n</rss>\n", &feed[..channel_end]),
    )
    .unwrap();
    for (format, file, extra) in [
        ("hf-json", &empty_json, &["--date", "2025-05-09"][..]),
        ("arxiv-atom", &empty_feed, &["--date", "2025-05-09"][..]),
        ("arxiv-rss", &empty_rss, &[][..]),
    ] {
        let run = import_path(root, format, file, extra);
        assert!(run.status.success(), "{format}: {}", stderr(&run));
        assert!(
            stdout(&run).contains("has no papers to import: nothing was imported."),
            "{format}: {}",
            stdout(&run)
        );
    }
    assert!(entries(root).is_empty());
}

#[test]
fn a_broken_bibtex_entry_never_takes_the_next_ones_along() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let bib = root.join("refs.bib");
    std::fs::write(
        &bib,
        "  @article{a1, title={First}, year=2020}\n  @article{a2, title={Unbalanced {brace}, year=2020}\n  @article{a3, title={Third Costs \\$5 to \\$10}, author={Ada Lovelace and others}, year=2020}\n  @article{a4, title={Fourth}, year=2020}\n",
    )
    .unwrap();
    let run = import_path(root, "bibtex", &bib, &["--date", "2020-01-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("imported 3 papers: 3 new"),
        "{}",
        stdout(&run)
    );
    assert!(
        stderr(&run).contains("refs.bib:2: skipped an entry BibTeX cannot read"),
        "{}",
        stderr(&run)
    );
    let third = read(root, "content/papers/2020-01-01/third-costs-5-to-10.md");
    assert!(third.contains("authors = [\"Ada Lovelace\"]"), "{third}");
    let out = root.join("out");
    let built = build(root, &out, &[]);
    assert!(!stderr(&built).contains("math"), "{}", stderr(&built));
    let page = read(&out, "papers/third-costs-5-to-10/index.html");
    assert_eq!(texts(&page, "h1"), ["Third Costs $5 to $10"]);
}

#[test]
fn a_broken_entry_stops_an_import_and_bad_links_are_left_out() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let json = root.join("links.json");
    std::fs::write(
        &json,
        "[{\"paper\": {\"id\": \"2401.09999\", \"title\": \"Odd Links\", \"summary\": \"x\", \"githubRepo\": \"javascript:alert(1)\", \"projectPage\": \"github.com/a/b\", \"upvotes\": 18446744073709551615, \"submittedOnDailyAt\": \"2024-01-05T00:00:00Z\"}}]",
    )
    .unwrap();
    let run = import_path(root, "hf-json", &json, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let warned = stderr(&run);
    assert!(warned.contains("links.code"), "{warned}");
    assert!(warned.contains("links.project"), "{warned}");
    assert!(warned.contains("upvotes: too large"), "{warned}");
    let entry = read(root, "content/papers/2024-01-05/odd-links.md");
    assert!(
        !entry.contains("javascript") && !entry.contains("upvotes"),
        "{entry}"
    );
    build(root, &root.join("out"), &[]);

    // The entry breaks; importing again must not take it for a new paper.
    write(
        root,
        "content/papers/2024-01-05/odd-links.md",
        "+++\ntitle = \"Odd Links\"\n+++\n",
    );
    let again = import_path(root, "hf-json", &json, &[]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("do not load"), "{}", stderr(&again));
    assert_eq!(entries(root).len(), 1, "no duplicate was written");
}

#[test]
fn a_new_paper_never_takes_the_url_of_a_published_one() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let bib = root.join("c.bib");
    std::fs::write(
        &bib,
        "@misc{a, title={Learning C++}, year=2024, month=may}\n",
    )
    .unwrap();
    let run = import_path(root, "bibtex", &bib, &["--date", "2024-05-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // An earlier day and a title with the same slug, and a title that differs only in a symbol.
    std::fs::write(&bib, "@misc{b, title={Learning C\\#}, year=2023, month=may}\n@misc{c, title={Learning C}, year=2023, month=may}\n").unwrap();
    let run = import_path(root, "bibtex", &bib, &["--date", "2023-05-01"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("2 new"),
        "C# and C are not C++:\n{}",
        stdout(&run)
    );
    let out = root.join("out");
    let built = build(root, &out, &[]);
    assert!(!stderr(&built).contains("slug"), "{}", stderr(&built));
    assert_eq!(
        texts(&read(&out, "papers/learning-c/index.html"), "h1"),
        ["Learning C++"]
    );
}

#[test]
fn latex_formatting_in_bibtex_titles_becomes_plain_text() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let bib = root.join("f.bib");
    std::fs::write(
        &bib,
        "@misc{f, title={\\emph{Deep} Nets are ``Shallow'' at $O(n)$ Cost}, year=2022}\n",
    )
    .unwrap();
    let run = import_path(root, "bibtex", &bib, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = root.join("out");
    build(root, &out, &[]);
    let dirs: Vec<String> = std::fs::read_dir(out.join("papers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let page = read(&out, &format!("papers/{}/index.html", dirs[0]));
    let h1 = texts(&page, "h1").join("");
    assert!(
        h1.starts_with("Deep Nets are \u{201c}Shallow\u{201d} at"),
        "{h1}"
    );
    assert_eq!(texts(&page, "h1 math annotation"), ["O(n)"]);
}

fn today() -> chrono::NaiveDate {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
}

const RSS_DAY: &str = "arxiv_rss_cs_cl_2026-04-27.xml";

/// The real feed with its items' announce types, versions and day changed, as a later
/// day's feed would announce them.
fn announced_again(replacements: &[(&str, &str, &str)]) -> String {
    let feed = std::fs::read_to_string(fixture(RSS_DAY)).unwrap();
    let mut items: Vec<String> = feed.split("<item>").map(str::to_string).collect();
    for (id, version, announce_type) in replacements {
        let item = items
            .iter_mut()
            .find(|i| i.contains(&format!("arXiv:{id}v1")))
            .unwrap();
        *item = item
            .replace(&format!("{id}v1"), &format!("{id}{version}"))
            .replace(
                "Announce Type: new",
                &format!("Announce Type: {announce_type}"),
            )
            .replace(
                "<arxiv:announce_type>new<",
                &format!("<arxiv:announce_type>{announce_type}<"),
            )
            .replace("Mon, 27 Apr 2026", "Thu, 30 Apr 2026");
    }
    items.join("<item>")
}

#[test]
fn an_arxiv_rss_day_becomes_entries_on_its_announcement_day() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let run = import_as(root, "arxiv-rss", RSS_DAY, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("imported 3 papers: 3 new, 0 updated, 0 unchanged, 0 skipped"),
        "{}",
        stdout(&run)
    );
    let files = entries(root);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "2026-04-27/shared-lexical-task-representations-explain-behavioral-variability-in-llms.md",
            "2026-04-27/source-modality-monitoring-in-vision-language-models.md",
            "2026-04-27/when-cow-urine-cures-constipation-on-youtube-limits-of-llms-in-detecting-culture.md",
        ],
        "every paper on the announcement day, 27 April in the feed's own offset"
    );
    let first = String::from_utf8(files[names[2]].clone()).unwrap();
    for expected in [
        "date = 2026-04-27\npublished = \"2026-04-27\"\n",
        // The doubled separator before a one-word name is no empty author.
        "authors = [\"Anamta Khan\", \"Ratna Kandala\", \"Deepti\", \"Sheza Munir\", \"Joyojeet Pal\"]",
        "arxiv = \"2604.22002v1\"",
        "rank = 1\n",
        "announce_type = \"new\"",
        "categories = [\"cs.CL\"]",
        "\n\nSocial media platforms have become primary channels for health information in the Global South.",
    ] {
        assert!(first.contains(expected), "{expected}\nnot in\n{first}");
    }
    assert!(!first.contains("Announce Type"), "{first}");
    assert!(!first.contains("Abstract:"), "{first}");
    let second = String::from_utf8(files[names[0]].clone()).unwrap();
    for expected in [
        "arxiv = \"2604.22027v1\"",
        "rank = 2\n",
        "categories = [\"cs.CL\", \"cs.AI\", \"cs.LG\"]",
        "\"Ellie Pavlick\"]",
    ] {
        assert!(second.contains(expected), "{expected}\nnot in\n{second}");
    }
    assert!(
        String::from_utf8(files[names[1]].clone())
            .unwrap()
            .contains("arxiv = \"2604.22038v1\"\nrank = 3\n")
    );

    let out = root.join("out");
    let built = build(root, &out, &[]);
    assert!(
        !stderr(&built).contains("unknown field"),
        "{}",
        stderr(&built)
    );
    let page = read(
        &out,
        "papers/shared-lexical-task-representations-explain-behavioral-variability-in-llms/index.html",
    );
    assert_eq!(texts(&page, ".published"), ["27 April 2026"]);
    assert!(out.join("authors/deepti/index.html").is_file());

    // The same feed again changes nothing; --date puts a day's papers elsewhere.
    let again = import_as(root, "arxiv-rss", RSS_DAY, &[]);
    assert!(
        stdout(&again).contains("0 new, 0 updated, 3 unchanged"),
        "{}",
        stdout(&again)
    );
    assert_eq!(entries(root), files);
    let other = site("title = \"T\"\n", &[]);
    let run = import_as(
        other.path(),
        "arxiv-rss",
        RSS_DAY,
        &["--date", "2026-04-28"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        entries(other.path())
            .keys()
            .all(|k| k.starts_with("2026-04-28/"))
    );
}

#[test]
fn arxiv_rss_replacements_only_update_entries_and_only_under_update() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let cow = "content/papers/2026-04-27/when-cow-urine-cures-constipation-on-youtube-limits-of-llms-in-detecting-culture.md";
    // Only the first paper is in the site.
    let feed = std::fs::read_to_string(fixture(RSS_DAY)).unwrap();
    let first_only = root.join("first.xml");
    let second_item = feed.find("    <item>\n      <title>Shared").unwrap();
    std::fs::write(
        &first_only,
        format!("{}    </channel>\n</rss>", &feed[..second_item]),
    )
    .unwrap();
    assert!(
        import_path(root, "arxiv-rss", &first_only, &[])
            .status
            .success()
    );
    let before = entries(root);
    assert_eq!(before.len(), 1);

    // A later day: the first paper replaced (v2), the second a replace-cross of a paper
    // the site does not have, the third a cross-listing.
    let later = root.join("later.xml");
    std::fs::write(
        &later,
        announced_again(&[
            ("2604.22002", "v2", "replace"),
            ("2604.22027", "v3", "replace-cross"),
            ("2604.22038", "v1", "cross"),
        ]),
    )
    .unwrap();

    // By default only new and cross are imported; the replacements are left out and said so.
    let run = import_path(root, "arxiv-rss", &later, &["--dry-run"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains("left out 2 items by announce type: 1 replace, 1 replace-cross (choose the types with --announce)"),
        "{printed}"
    );
    assert!(printed.contains("would import 1 paper: 1 new"), "{printed}");

    // Chosen, but without --update: reported, never written.
    let all = ["--announce", "new,cross,replace,replace-cross"];
    let run = import_path(root, "arxiv-rss", &later, &all);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.contains(&format!("skipped    When Cow Urine Cures Constipation on YouTube: Limits of LLMs in Detecting Culture-specific Health Misinformation: {cow} has a new version at the source; pass --update to take it")),
        "{printed}"
    );
    assert!(
        printed.contains("skipped    Shared Lexical Task Representations Explain Behavioral Variability In LLMs: not in the site: an announced new version only updates an entry already there"),
        "{printed}"
    );
    assert!(
        printed.contains("1 new, 0 updated, 0 unchanged, 2 skipped"),
        "{printed}"
    );
    let cross = read(
        root,
        "content/papers/2026-04-30/source-modality-monitoring-in-vision-language-models.md",
    );
    assert!(cross.contains("announce_type = \"cross\""), "{cross}");
    // A cross-listing's first version is not known to be published that day.
    assert!(!cross.contains("published"), "{cross}");
    assert_eq!(
        read(root, cow),
        String::from_utf8(before.values().next().unwrap().clone()).unwrap()
    );

    // With --update, the entry takes the new version and keeps its own day, rank and type.
    let run = import_path(
        root,
        "arxiv-rss",
        &later,
        &[&all[..], &["--update"]].concat(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(printed.contains(&format!("updated    {cow}")), "{printed}");
    assert!(
        printed.contains("0 new, 1 updated, 1 unchanged, 1 skipped"),
        "{printed}"
    );
    let updated = read(root, cow);
    for expected in [
        "arxiv = \"2604.22002v2\"",
        "date = 2026-04-27",
        "published = \"2026-04-27\"",
        "rank = 1\n",
        "announce_type = \"new\"",
    ] {
        assert!(updated.contains(expected), "{expected}\nnot in\n{updated}");
    }
    assert_eq!(
        entries(root).len(),
        2,
        "no entry for the replaced paper the site lacks"
    );
    build(root, &root.join("out"), &[]);
}

#[test]
fn arxiv_rss_errors_name_the_line_or_the_right_command() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let broken = root.join("broken.xml");
    std::fs::write(
        &broken,
        "<rss version=\"2.0\">\n<channel>\n<item><title>A</title>\n</channel>\n</rss>\n",
    )
    .unwrap();
    let run = import_path(root, "arxiv-rss", &broken, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("broken.xml:4: not valid XML"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("Nothing was imported."));

    let run = import_as(root, "arxiv-rss", "arxiv-old-style.xml", &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("arxiv-old-style.xml:2: this is an Atom feed, not RSS: import an arXiv API response with `paperpress import arxiv-atom`"),
        "{}",
        stderr(&run)
    );
    let run = import_as(root, "arxiv-atom", RSS_DAY, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("this is an RSS feed (rss.arxiv.org), not an arXiv API response: import it with `paperpress import arxiv-rss`"),
        "{}",
        stderr(&run)
    );

    let run = import_as(root, "arxiv-rss", RSS_DAY, &["--announce", "new,replaced"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("unknown announce type \"replaced\": choose from new, cross, replace, replace-cross, absonly"),
        "{}",
        stderr(&run)
    );

    // arXiv's answer to a bad category.
    let error_feed = root.join("error.xml");
    std::fs::write(
        &error_feed,
        "<rss version=\"2.0\"><channel><title>Feed error for query: https://rss.arxiv.org/rss/cs.XX</title><description>Invalid archive specification: cs.XX</description></channel></rss>",
    )
    .unwrap();
    let run = import_path(root, "arxiv-rss", &error_feed, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("arXiv answered with an error: Invalid archive specification: cs.XX"),
        "{}",
        stderr(&run)
    );

    // An item without an id is an error with its line, and nothing is written; an item
    // of a type paperpress does not know is left out with a warning.
    let feed = std::fs::read_to_string(fixture(RSS_DAY)).unwrap();
    let odd = root.join("odd.xml");
    std::fs::write(
        &odd,
        feed.replacen("arXiv:2604.22027v1 Announce", "Announce", 1)
            .replacen("oai:arXiv.org:2604.22027v1", "", 1),
    )
    .unwrap();
    let run = import_path(root, "arxiv-rss", &odd, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("odd.xml:28: \"Shared Lexical Task Representations Explain Behavioral Variability In LLMs\": no arXiv id"),
        "{}",
        stderr(&run)
    );
    std::fs::write(
        &odd,
        feed.replacen(
            "<arxiv:announce_type>new",
            "<arxiv:announce_type>withdrawn",
            1,
        ),
    )
    .unwrap();
    let run = import_path(root, "arxiv-rss", &odd, &["--dry-run"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("odd.xml:16: \"When Cow Urine Cures Constipation on YouTube: Limits of LLMs in Detecting Culture-specific Health Misinformation\" left out: announce type \"withdrawn\" is not one paperpress knows"),
        "{}",
        stderr(&run)
    );
    assert!(
        stdout(&run).contains("would import 2 papers"),
        "{}",
        stdout(&run)
    );
    assert!(entries(root).is_empty());
}

#[test]
fn arxiv_paragraphs_start_at_an_indented_line() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let atom = root.join("paragraphs.xml");
    std::fs::write(
        &atom,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\n<id>http://arxiv.org/abs/2401.04444v1</id>\n<published>2024-01-04T00:00:00Z</published>\n<title>Two Paragraphs</title>\n<summary>  The first paragraph is\nwrapped here.\n  The second starts indented\nand wraps too.\n</summary>\n</entry></feed>\n",
    )
    .unwrap();
    let run = import_path(root, "arxiv-atom", &atom, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let feed = std::fs::read_to_string(fixture(RSS_DAY)).unwrap().replacen(
        "Abstract: Social media platforms have become primary channels for health information in the Global South. ",
        "Abstract: Social media platforms have become primary channels for health information\nin the Global South.\n  ",
        1,
    );
    let rss = root.join("rss.xml");
    std::fs::write(&rss, feed).unwrap();
    let run = import_path(root, "arxiv-rss", &rss, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = root.join("out");
    build(root, &out, &[]);
    assert_eq!(
        texts(
            &read(&out, "papers/two-paragraphs/index.html"),
            ".abstract p"
        ),
        [
            "The first paragraph is wrapped here.",
            "The second starts indented and wraps too."
        ]
    );
    let paragraphs = texts(
        &read(
            &out,
            "papers/when-cow-urine-cures-constipation-on-youtube-limits-of-llms-in-detecting-culture/index.html",
        ),
        ".abstract p",
    );
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert_eq!(
        paragraphs[0],
        "Social media platforms have become primary channels for health information in the Global South."
    );
    assert!(
        paragraphs[1].starts_with("Using gomutra (cow urine) discourse"),
        "{paragraphs:?}"
    );
}

const HF_DAY: &str = "hf_daily_papers_2026-08-03.json";

#[test]
fn hugging_face_papers_land_on_the_day_of_their_daily_page() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let run = import_as(root, "hf-json", HF_DAY, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let files = entries(root);
    assert_eq!(files.len(), 3);
    // (arXiv id, its arXiv date, its place on the page)
    for (id, published, rank) in [
        ("2607.26654", "2026-07-29", 1),
        ("2607.28229", "2026-07-30", 2),
        ("2607.27851", "2026-07-30", 3),
    ] {
        let (name, text) = files
            .iter()
            .find(|(_, v)| String::from_utf8_lossy(v).contains(&format!("arxiv = \"{id}\"")))
            .unwrap_or_else(|| panic!("{id} not imported"));
        let text = String::from_utf8(text.clone()).unwrap();
        assert!(name.starts_with("2026-08-03/"), "{name}");
        assert!(
            text.contains(&format!("date = 2026-08-03\npublished = \"{published}\"\n")),
            "{text}"
        );
        assert!(text.contains(&format!("\nrank = {rank}\n")), "{text}");
    }
    let out = root.join("out");
    build(root, &out, &[]);
    let page = read(
        &out,
        "papers/constitutional-midtraining-content-presence-drives-alignment-gains/index.html",
    );
    assert_eq!(texts(&page, ".published"), ["29 July 2026"]);
    assert!(
        page.contains("<time datetime=\"2026-08-03\">3 August 2026</time>"),
        "{page}"
    );

    // A listing object gives its own date to papers without a daily-page day; an array
    // without one has no day at all, and the import asks for --date.
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(HF_DAY)).unwrap()).unwrap();
    let mut items = sample.as_array().unwrap().clone();
    for item in &mut items {
        item["paper"]
            .as_object_mut()
            .unwrap()
            .remove("submittedOnDailyAt");
    }
    let listing = root.join("listing.json");
    std::fs::write(
        &listing,
        serde_json::json!({"date": "2026-08-04", "dailyPapers": items}).to_string(),
    )
    .unwrap();
    let other = site("title = \"T\"\n", &[]);
    let run = import_path(other.path(), "hf-json", &listing, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        entries(other.path())
            .keys()
            .all(|k| k.starts_with("2026-08-04/"))
    );
    let array = root.join("array.json");
    std::fs::write(&array, serde_json::Value::Array(items).to_string()).unwrap();
    let run = import_path(other.path(), "hf-json", &array, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("\"Constitutional Midtraining: Content Presence Drives Alignment Gains\" has no date in the source: pass --date YYYY-MM-DD"),
        "{}",
        stderr(&run)
    );

    // A file cut short says so, and never "column 0".
    let cut = root.join("cut.json");
    let text = std::fs::read_to_string(fixture(HF_DAY)).unwrap();
    // Cut after a line break, where serde_json's column is 0.
    let end = text[..text.len() / 2].rfind('\n').unwrap() + 1;
    std::fs::write(&cut, &text[..end]).unwrap();
    let run = import_path(other.path(), "hf-json", &cut, &[]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("at the end of the file"),
        "{}",
        stderr(&run)
    );
    assert!(!stderr(&run).contains("column 0"), "{}", stderr(&run));
}
