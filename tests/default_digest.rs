//! The repository's own digest (the seed's 118 papers), built as a newcomer would.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

fn build_default(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build(&repo_root(), &out.path().join("site"), extra);
    out
}

/// Every entry of the default content: (file, abstract text).
fn entries() -> Vec<(String, String)> {
    let dir = repo_root().join("content/papers");
    let mut entries: Vec<(String, String)> = snapshot(&dir)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".md"))
        .map(|(k, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let body = text.splitn(3, "+++\n").nth(2).unwrap().trim();
            // What a reader sees: Markdown's backslash escapes removed.
            let mut shown = String::new();
            let mut chars = body.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                    continue;
                }
                shown.push(c);
            }
            (k, shown)
        })
        .collect();
    entries.sort();
    entries
}

fn straighten_punctuation(text: &str) -> String {
    text.replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace('…', "...")
        .replace('—', "---")
        .replace('–', "--")
}

fn paper_pages(site: &Path) -> Vec<String> {
    html_files(site)
        .into_iter()
        .filter(|f| f.starts_with("papers/"))
        .collect()
}

#[test]
fn every_seed_paper_has_a_page_with_its_abstract() {
    let out = build_default(&[]);
    let site = out.path().join("site");
    let entries = entries();
    assert_eq!(entries.len(), 118, "the seed has 118 papers");
    let pages = paper_pages(&site);
    assert_eq!(pages.len(), 118);
    let abstracts: BTreeSet<String> = pages
        .iter()
        .map(|p| {
            texts(
                &read(&site, p),
                ".abstract, article .content, .paper-abstract",
            )
            .join(" ")
        })
        // Smart punctuation curls quotes and joins dots: compare the words, not the typography.
        .map(|text| straighten_punctuation(&text))
        .collect();
    for (file, body) in &entries {
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            abstracts.iter().any(|a| a.contains(&body)),
            "no page holds the abstract of {file}"
        );
    }
}

/// Papers linked from a listing page (its cards' title links), resolved to files.
fn listed_papers(site: &Path, page: &str) -> Vec<String> {
    attrs(&read(site, page), ".card-title a", "href")
        .iter()
        .map(|h| resolve(page, h, "/").unwrap())
        .collect()
}

/// All pages of a paginated listing, following its "next" links.
fn follow_pagination(site: &Path, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    loop {
        let current = pages.last().unwrap().clone();
        let next = attrs(&read(site, &current), "a[rel=next]", "href");
        match next.first() {
            Some(h) => {
                let next = resolve(&current, h, "/").unwrap();
                assert!(!pages.contains(&next), "pagination loops at {next}");
                pages.push(next);
            }
            None => return pages,
        }
    }
}

#[test]
fn index_is_paginated_newest_first_and_lists_every_paper_once() {
    let out = build_default(&[]);
    let site = out.path().join("site");
    let pages = follow_pagination(&site, "index.html");
    assert_eq!(pages.len(), 118_usize.div_ceil(20));
    assert_eq!(pages[1], "page/2/index.html");
    let mut all = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let listed = listed_papers(&site, p);
        let expected = if i + 1 < pages.len() {
            20
        } else {
            118 - 20 * (pages.len() - 1)
        };
        assert_eq!(listed.len(), expected, "{p}");
        // Each page links back to the previous one, except the first.
        assert_eq!(
            attrs(&read(&site, p), "a[rel=prev]", "href").is_empty(),
            i == 0,
            "{p}"
        );
        all.extend(listed);
    }
    let unique: BTreeSet<_> = all.iter().cloned().collect();
    assert_eq!(unique.len(), 118, "every paper exactly once");
    // Same day for all seed papers and no upvotes, so the order is the seed page's own
    // (ranked) order, which the entries keep as `rank`.
    let titles: Vec<String> = pages
        .iter()
        .flat_map(|p| texts(&read(&site, p), ".card-title"))
        // Headings have curly apostrophes and dashes where the entries have straight ones.
        .map(|t| t.replace('’', "'").replace('–', "--"))
        .collect();
    let (content, _) = paperpress::content::load(&repo_root(), false);
    let mut ranked: Vec<(u64, String)> = content
        .papers
        .iter()
        .map(|p| {
            (
                p.rank.expect("every seed entry has its rank"),
                p.title.clone(),
            )
        })
        .collect();
    ranked.sort();
    let page_order: Vec<String> = ranked.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, page_order);
    assert!(titles[0].starts_with("CrisisTransformers"), "{}", titles[0]);
}

#[test]
fn topic_pages_list_exactly_their_papers() {
    let out = build_default(&[]);
    let site = out.path().join("site");
    // What each paper page says its topics are...
    let mut by_paper: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in paper_pages(&site) {
        let topics: BTreeSet<String> = attrs(&read(&site, &p), "main a[href*='topics/']", "href")
            .iter()
            .map(|h| resolve(&p, h, "/").unwrap())
            .collect();
        assert!(
            (1..=3).contains(&topics.len()),
            "{p} has {} topics, not 1 to 3",
            topics.len()
        );
        by_paper.insert(p, topics);
    }
    // ...must be exactly what the topic listings say.
    let index = read(&site, "topics/index.html");
    let topic_pages: Vec<String> = attrs(&index, "main a[href*='topics/']", "href")
        .iter()
        .map(|h| resolve("topics/index.html", h, "/").unwrap())
        .collect();
    assert!(
        topic_pages.len() >= 8,
        "the default digest has a real set of topics"
    );
    for topic in &topic_pages {
        let listed: BTreeSet<String> = follow_pagination(&site, topic)
            .iter()
            .flat_map(|p| listed_papers(&site, p))
            .collect();
        let expected: BTreeSet<String> = by_paper
            .iter()
            .filter(|(_, ts)| ts.contains(topic))
            .map(|(p, _)| p.clone())
            .collect();
        assert_eq!(listed, expected, "{topic}");
        assert!(
            listed.len() * 10 <= 118 * 3,
            "{topic} holds {} of 118 papers, more than 30%: a catch-all, not a topic",
            listed.len()
        );
    }
}

#[test]
fn every_internal_link_resolves_at_a_root_and_under_a_subpath() {
    for (base_url, base_path) in [
        (None, "/"),
        (Some("https://user.github.io/digest/"), "/digest/"),
    ] {
        let out = match base_url {
            Some(url) => build_default(&["--base-url", url]),
            None => build_default(&[]),
        };
        let site = out.path().join("site");
        let files = snapshot(&site);
        let mut checked = 0;
        for page in html_files(&site) {
            let html = read(&site, &page);
            let links = attrs(&html, "[href]", "href")
                .into_iter()
                .chain(attrs(&html, "[src]", "src"));
            for href in links {
                assert!(!href.starts_with("javascript:"), "{page}: {href}");
                let target = if let Some(url) = base_url.filter(|u| href.starts_with(u)) {
                    // Canonical links name the published address: check it maps to a file too.
                    resolve(
                        &page,
                        &format!("{base_path}{}", &href[url.len()..]),
                        base_path,
                    )
                } else {
                    resolve(&page, &href, base_path)
                };
                if let Some(target) = target {
                    assert!(
                        files.contains_key(&target),
                        "{page}: {href} -> {target} does not exist"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "only {checked} links checked");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build_default(&[]);
    let b = build_default(&[]);
    let (a, b) = (
        snapshot(&a.path().join("site")),
        snapshot(&b.path().join("site")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(bytes == &b[file], "{file} differs between two builds");
    }
}

#[test]
fn build_prints_one_summary_line() {
    let out = tempfile::tempdir().unwrap();
    let run = build(&repo_root(), &out.path().join("site"), &[]);
    let printed = stdout(&run);
    assert_eq!(printed.lines().count(), 1, "{printed}");
    assert!(printed.starts_with("Built 118 papers into "), "{printed}");
    assert!(
        printed.contains(" pages ") && printed.trim_end().ends_with(" s"),
        "{printed}"
    );
}

#[test]
fn committed_content_is_what_the_importer_makes_of_the_seed() {
    let seed = repo_root().join("../shared/seed/000_0c14e97be9f2704d.txt");
    if !seed.exists() {
        // The seed lives beside the repository on developer and CI machines; in CI its
        // absence is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "seed not found at {}",
            seed.display()
        );
        eprintln!("seed not found at {}; skipping", seed.display());
        return;
    }
    let site = site("title = \"x\"\n", &[]);
    let run = paperpress(&[
        "import",
        "daily-text",
        seed.to_str().unwrap(),
        "--date",
        "2025-05-09",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        snapshot(&site.path().join("content")),
        snapshot(&repo_root().join("content"))
    );
}
