//! Citations: each paper's `cite.bib`, `papers.bib`, and the BibTeX block on the paper's
//! page, read back as a reference manager reads them (the `biblatex` crate) and as a
//! browser sees the page.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use biblatex::{Bibliography, Chunk, ChunksExt, Entry, EntryType, PermissiveType};
use common::{attrs, build, paper, parse, read, resolve, site, snapshot, stderr, texts, write};

/// Parses a BibTeX file, failing the test with the file's text if it does not parse.
fn bibliography(text: &str) -> Bibliography {
    Bibliography::parse(text).unwrap_or_else(|e| panic!("{e:?} in:\n{text}"))
}

/// The one entry of a paper's `cite.bib`.
fn cite_entry(out: &Path, slug: &str) -> Entry {
    let text = read(out, &format!("papers/{slug}/cite.bib"));
    let bib = bibliography(&text);
    assert_eq!(bib.len(), 1, "{text}");
    bib.into_iter().next().unwrap()
}

fn field(entry: &Entry, name: &str) -> Option<String> {
    entry.get(name).map(|chunks| chunks.format_verbatim())
}

/// Every entry of `papers.bib`, by key.
fn all_entries(out: &Path) -> BTreeMap<String, Entry> {
    let text = read(out, "papers.bib");
    let bib = bibliography(&text);
    let entries: BTreeMap<String, Entry> = bib.into_iter().map(|e| (e.key.clone(), e)).collect();
    assert_eq!(
        entries.len(),
        text.matches("\n@").count() + usize::from(text.starts_with('@')),
        "every entry of papers.bib parses, and no two share a key:\n{text}"
    );
    entries
}

/// The year and 1-based month of an entry's date, as biblatex reads `year` and `month`.
fn year_month(entry: &Entry) -> Option<(i32, Option<u8>)> {
    match entry.date().ok()? {
        PermissiveType::Typed(date) => match date.value {
            biblatex::DateValue::At(d) => Some((d.year, d.month.map(|m| m + 1))),
            other => panic!("{other:?}"),
        },
        PermissiveType::Chunks(c) => panic!("an unreadable date: {c:?}"),
    }
}

#[test]
fn a_title_with_special_characters_and_math_reads_back_as_written() {
    let title = "R&D at 100%: {Braces}, $O(n^2)$ #1_x costs \\$5 with BERT";
    let dir = site(
        "title = \"T\"\nbase_url = \"https://example.org/digest/\"\n",
        &[(
            "content/papers/a.md",
            &paper(
                title,
                "2025-05-09",
                "authors = [\"Ada Lovelace\", \"Procter and Gamble\", \"Jörg Müller\"]\npublished = \"2024-03-14\"\narxiv = \"2403.01234v2\"\nprimary_category = \"cs.LG\"\ncategories = [\"cs.CL\", \"cs.LG\"]\nslug = \"a\"",
                "We show $x_1 \\{y\\}$ & 50% more.\n\nSecond paragraph.\n\n## Notes\n\nOur own notes.",
            ),
        )],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let raw = read(&out, "papers/a/cite.bib");
    // What LaTeX would otherwise read as syntax is escaped; the math stays math.
    for escaped in [
        "R\\&D",
        "100\\%",
        "\\textbraceleft{}Braces\\textbraceright{}",
        "$O(n^2)$",
        "\\#1\\_x",
        "\\$5",
        "{BERT}",
    ] {
        assert!(raw.contains(escaped), "{escaped} in:\n{raw}");
    }
    let entry = cite_entry(&out, "a");
    assert_eq!(entry.key, "lovelace2024r");
    assert_eq!(entry.entry_type, EntryType::Misc);
    let chunks = entry.title().unwrap();
    assert!(
        chunks
            .iter()
            .any(|c| matches!(&c.v, Chunk::Math(m) if m == "O(n^2)")),
        "{chunks:?}"
    );
    assert_eq!(
        field(&entry, "title").unwrap(),
        "R&D at 100%: {Braces}, $O(n^2)$ #1_x costs $5 with BERT"
    );
    let authors = entry.author().unwrap();
    let names: Vec<(&str, &str)> = authors
        .iter()
        .map(|p| (p.given_name.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ada", "Lovelace"),
            ("", "Procter and Gamble"),
            ("Jörg", "Müller")
        ]
    );
    // `published` at its precision: a year and a month, never the digest day.
    assert_eq!(year_month(&entry), Some((2024, Some(3))));
    assert_eq!(entry.eprint().unwrap(), "2403.01234");
    assert_eq!(entry.eprint_type().unwrap().format_verbatim(), "arXiv");
    assert_eq!(entry.eprint_class().unwrap().format_verbatim(), "cs.LG");
    assert_eq!(
        field(&entry, "url").unwrap(),
        "https://arxiv.org/abs/2403.01234"
    );
    // The abstract is on the page, not in the entry (as arXiv's own exports have it).
    assert_eq!(field(&entry, "abstract"), None);
}

#[test]
fn the_entry_type_follows_journal_then_venue_else_misc() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/journal.md",
                &paper(
                    "In a Journal",
                    "2025-05-09",
                    "authors = [\"Grace Hopper\"]\npublished = 1952\njournal = \"Journal of the ACM & Co\"\nvenue = \"Ignored\"\nslug = \"journal\"\n[links]\ndoi = \"10.1145/320.321\"\nurl = \"https://example.org/paper\"",
                    "Abstract.",
                ),
            ),
            (
                "content/papers/venue.md",
                &paper(
                    "At a Conference",
                    "2025-05-09",
                    "authors = [\"Alan Turing\"]\nvenue = \"ICML 2022\"\narxiv = \"2203.05482\"\nslug = \"venue\"",
                    "Abstract.",
                ),
            ),
            (
                "content/papers/preprint.md",
                &paper(
                    "A Preprint",
                    "2025-05-09",
                    "authors = [\"Edsger Dijkstra\"]\narxiv = \"hep-th/9901001\"\njournal_ref = \"Phys. Rev. D 76, 013009 (2007)\"\nslug = \"preprint\"",
                    "Abstract.",
                ),
            ),
            (
                "content/papers/plain.md",
                &paper(
                    "Only a Link",
                    "2025-05-09",
                    "slug = \"plain\"\n[links]\npdf = \"https://example.org/a{b}.pdf\"",
                    "",
                ),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);

    let journal = cite_entry(&out, "journal");
    assert_eq!(journal.entry_type, EntryType::Article);
    assert_eq!(
        field(&journal, "journal").unwrap(),
        "Journal of the ACM & Co"
    );
    assert_eq!(field(&journal, "booktitle"), None);
    assert_eq!(year_month(&journal), Some((1952, None)));
    assert_eq!(field(&journal, "doi").unwrap(), "10.1145/320.321");
    assert_eq!(field(&journal, "url").unwrap(), "https://example.org/paper");
    assert_eq!(field(&journal, "eprint"), None);

    let venue = cite_entry(&out, "venue");
    assert_eq!(venue.entry_type, EntryType::InProceedings);
    assert_eq!(field(&venue, "booktitle").unwrap(), "ICML 2022");
    assert_eq!(venue.eprint().unwrap(), "2203.05482");
    // No `published`: no year, and no year in the key.
    assert_eq!(field(&venue, "year"), None);
    assert_eq!(venue.key, "turingconference");

    let preprint = cite_entry(&out, "preprint");
    assert_eq!(preprint.entry_type, EntryType::Misc);
    assert_eq!(
        field(&preprint, "note").unwrap(),
        "Phys. Rev. D 76, 013009 (2007)"
    );
    // An old-style id names its archive.
    assert_eq!(preprint.eprint_class().unwrap().format_verbatim(), "hep-th");

    let plain = cite_entry(&out, "plain");
    assert_eq!(plain.entry_type, EntryType::Misc);
    assert_eq!(plain.key, "only");
    assert_eq!(field(&plain, "author"), None);
    assert_eq!(field(&plain, "abstract"), None);
    assert_eq!(
        field(&plain, "url").unwrap(),
        "https://example.org/a%7Bb%7D.pdf"
    );
}

/// The keys of every paper of a built site, by slug.
fn keys(out: &Path) -> BTreeMap<String, String> {
    snapshot(out)
        .into_keys()
        .filter_map(|f| {
            let slug = f.strip_prefix("papers/")?.strip_suffix("/cite.bib")?;
            Some((slug.to_string(), cite_entry(out, slug).key))
        })
        .collect()
}

#[test]
fn clashing_keys_get_suffixes_in_slug_order_and_a_later_paper_changes_none() {
    let same = |date: &str, slug: &str, more: &str| {
        paper(
            "Deep Nets",
            date,
            &format!("authors = [\"Ada Lovelace\"]\npublished = 2025\nslug = \"{slug}\"\n{more}"),
            "Text.",
        )
    };
    let dir = site(
        "title = \"T\"\n",
        &[
            ("content/papers/a.md", &same("2025-05-09", "a", "")),
            ("content/papers/b.md", &same("2025-05-08", "b", "")),
            // The same day: the arXiv id decides, and a paper without one comes first.
            (
                "content/papers/c.md",
                &same("2025-05-09", "c", "arxiv = \"2505.00001\""),
            ),
            (
                "content/papers/written.md",
                &same("2025-05-01", "written", "bibtex_key = \"Lovelace:2025\""),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let before = keys(&out);
    let expected: BTreeMap<String, String> = [
        ("b", "lovelace2025deep"),
        ("a", "lovelace2025deepa"),
        ("c", "lovelace2025deepb"),
        ("written", "Lovelace:2025"),
    ]
    .into_iter()
    .map(|(s, k)| (s.to_string(), k.to_string()))
    .collect();
    assert_eq!(before, expected);
    assert_eq!(
        all_entries(&out).into_keys().collect::<Vec<_>>(),
        [
            "Lovelace:2025",
            "lovelace2025deep",
            "lovelace2025deepa",
            "lovelace2025deepb"
        ]
    );

    // A newer paper wanting the same key, and one carrying a key already given: the
    // keys the others had stay theirs.
    write(
        dir.path(),
        "content/papers/d.md",
        &same("2025-05-10", "d", ""),
    );
    write(
        dir.path(),
        "content/papers/e.md",
        &same("2025-05-11", "e", "bibtex_key = \"lovelace2025deepa\""),
    );
    let run = build(dir.path(), &out, &[]);
    let after = keys(&out);
    for (slug, key) in &before {
        assert_eq!(&after[slug], key, "{slug}");
    }
    assert_eq!(after["d"], "lovelace2025deepc");
    assert_eq!(after["e"], "lovelace2025deepaa");
    assert!(
        stderr(&run).contains(
            "content/papers/e.md:7: bibtex_key: lovelace2025deepa is also the citation key of content/papers/a.md"
        ),
        "{}",
        stderr(&run)
    );
    assert_eq!(all_entries(&out).len(), 6);
}

#[test]
fn a_bibtex_key_that_cannot_be_one_is_reported_with_its_line() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/a.md",
            &paper(
                "Keys",
                "2025-05-09",
                "authors = [\"Ada Lovelace\"]\nbibtex_key = \"two words, {x}\"\nslug = \"a\"",
                "Text.",
            ),
        )],
    );
    let out = dir.path().join("out");
    let run = build(dir.path(), &out, &[]);
    assert!(
        stderr(&run).contains(
            "content/papers/a.md:5: bibtex_key: \"two words, {x}\" cannot be a BibTeX key"
        ),
        "{}",
        stderr(&run)
    );
    assert_eq!(cite_entry(&out, "a").key, "lovelacekeys");
}

#[test]
fn every_bib_file_of_the_default_digest_and_the_fixture_site_parses() {
    for root in [
        common::repo_root(),
        common::repo_root().join("tests/fixtures/sites/features"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        build(&root, &out, &[]);
        let papers = all_entries(&out);
        let files = snapshot(&out);
        let cite_files: Vec<&String> = files.keys().filter(|f| f.ends_with("/cite.bib")).collect();
        let pages = files
            .keys()
            .filter(|f| f.starts_with("papers/") && f.ends_with("/index.html"))
            .filter(|f| !read(&out, f).contains("http-equiv=\"refresh\""))
            .count();
        assert_eq!(cite_files.len(), pages, "{}", root.display());
        assert_eq!(papers.len(), pages, "{}", root.display());
        for file in cite_files {
            let slug = file
                .strip_prefix("papers/")
                .unwrap()
                .strip_suffix("/cite.bib")
                .unwrap();
            let entry = cite_entry(&out, slug);
            let listed = &papers[&entry.key];
            // papers.bib has the same entry.
            assert_eq!(listed.entry_type, entry.entry_type, "{file}");
            let fields = &entry.fields;
            let strip = |f: &BTreeMap<String, Vec<biblatex::Spanned<Chunk>>>| {
                f.iter()
                    .map(|(k, v)| (k.clone(), v.format_verbatim()))
                    .collect::<BTreeMap<_, _>>()
            };
            assert_eq!(strip(fields), strip(&listed.fields), "{file}");
            assert!(field(&entry, "title").is_some_and(|t| !t.is_empty()));
        }
    }
}

#[test]
fn the_page_shows_the_entry_with_a_copy_button_that_needs_javascript_and_a_download_link() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "A <Title> & More",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\"]\nslug = \"a\"",
                    "The abstract.\n\n## Cite\n\nA heading with the block's name.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper("B", "2025-05-08", "slug = \"b\"", "Other."),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page_file = "papers/a/index.html";
    let html = read(&out, page_file);

    // The block shows the entry as papers.bib and cite.bib have it, without the abstract
    // that the page shows above it.
    let block = parse(&html);
    let pre = scraper::Selector::parse("pre.bibtex").unwrap();
    let pre = block
        .select(&pre)
        .next()
        .expect("the page has the BibTeX block");
    let shown: String = pre.text().collect();
    let listed = read(&out, "papers.bib");
    assert!(shown.starts_with("@misc{lovelacetitle,"), "{shown}");
    assert!(listed.contains(shown.trim()), "{shown}\nnot in\n{listed}");
    assert!(!shown.contains("abstract"), "{shown}");
    assert!(shown.contains("title = {A \\textless{}Title\\textgreater{} \\& More}"));
    // It scrolls inside itself, so it takes keyboard focus and has a name.
    assert_eq!(pre.value().attr("tabindex"), Some("0"));
    assert_eq!(pre.value().attr("aria-label"), Some("BibTeX entry"));
    // Ids stay unique: a heading in the abstract does not take the block's.
    let ids = attrs(&html, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");

    // The download link leads to the paper's cite.bib: the entry the block shows.
    let download = attrs(&html, "a[download]", "href");
    let targets: Vec<String> = download
        .iter()
        .map(|href| resolve(page_file, href, "/").unwrap())
        .collect();
    assert_eq!(targets, ["papers/a/cite.bib", "papers.bib"]);
    assert_eq!(read(&out, "papers/a/cite.bib").trim(), shown.trim());

    // The copy button is hidden until the script shows it, and copies the block.
    let buttons = parse(&html);
    let button = scraper::Selector::parse("button[data-copy]").unwrap();
    let button = buttons.select(&button).next().expect("a copy button");
    assert!(button.value().attr("hidden").is_some());
    assert_eq!(button.value().attr("data-copy"), pre.value().attr("id"));
    assert_eq!(
        button.text().collect::<String>().trim(),
        "Copy BibTeX",
        "the button says what it does"
    );
    assert_eq!(attrs(&html, "[role=status]", "class"), ["copy-status"]);

    // The script is a same-origin file loaded with `defer`, and the only executable one
    // (JSON-LD is data); no inline script or event handler anywhere.
    let executable = "script:not([type=\"application/ld+json\"])";
    let scripts = attrs(&html, executable, "src");
    assert_eq!(scripts, ["../../copy.js"]);
    assert_eq!(attrs(&html, "script[defer]", "src"), scripts);
    assert_eq!(texts(&html, executable), [""]);
    let script = read(&out, &resolve(page_file, &scripts[0], "/").unwrap());
    assert!(script.contains("navigator.clipboard"));
    for (file, bytes) in snapshot(&out) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8(bytes).unwrap();
        assert!(
            !page.contains(" onclick=") && !page.contains(" onload="),
            "{file}"
        );
        if file == "search/index.html" {
            // The search page loads its own script, and nothing else.
            assert_eq!(attrs(&page, "script", "src"), ["../search.js"], "{file}");
        } else if file != page_file && file != "papers/b/index.html" {
            assert!(attrs(&page, "script", "src").is_empty(), "{file}");
        }
    }
}
