//! Week and month archives and the archive page, on a small site whose papers cross a
//! new year: ISO week 2025-W01 starts on Monday 30 December 2024.

mod common;

use std::path::Path;

use common::*;

const SITE: &str =
    "title = \"Lab Digest\"\nbase_url = \"https://lab.example/digest/\"\npaginate_by = 2\n";

/// Six papers over four ISO weeks and three months; no paper in 2024-W52, 2025-W03 to
/// W05, nor in November 2024.
fn fixture() -> tempfile::TempDir {
    site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper("Old December", "2024-12-20", "", "Text."),
            ),
            (
                "content/papers/b.md",
                &paper("Monday Low", "2024-12-30", "upvotes = 1", "Text."),
            ),
            (
                "content/papers/c.md",
                &paper("Monday High", "2024-12-30", "upvotes = 9", "Text."),
            ),
            (
                "content/papers/d.md",
                &paper("New Year", "2025-01-01", "", "Text."),
            ),
            (
                "content/papers/e.md",
                &paper("Second Week", "2025-01-06", "", "Text."),
            ),
            (
                "content/papers/f.md",
                &paper("February", "2025-02-03", "", "Text."),
            ),
        ],
    )
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    (dir, out)
}

/// The folders below `out/dir`, sorted.
fn folders(out: &Path, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join(dir))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The titles of the papers on a page (cards or rows), in order.
fn cards(html: &str) -> Vec<String> {
    texts(html, "main .card-title, main .paper-row-title")
}

#[test]
fn weeks_are_iso_weeks_and_only_periods_with_papers_get_pages() {
    let (_dir, out) = built();
    assert_eq!(
        folders(&out, "weeks"),
        ["2024-W51", "2025-W01", "2025-W02", "2025-W06"]
    );
    assert_eq!(folders(&out, "months"), ["2024-12", "2025-01", "2025-02"]);

    // 2025-W01 holds the last two days of 2024 and the first of 2025.
    let week = read(&out, "weeks/2025-W01/index.html");
    assert_eq!(texts(&week, "h1"), ["Week 1 of 2025"]);
    assert_eq!(attrs(&week, "h1 time", "datetime"), ["2025-W01"]);
    assert_eq!(texts(&week, ".lede"), ["30 December 2024 – 5 January 2025"]);
    assert_eq!(
        texts(&week, ".page-head .muted"),
        ["3 papers on 2 days · page 1 of 2"]
    );
    assert_eq!(texts(&week, "title"), ["Week 1 of 2025 · Lab Digest"]);
    // It falls in two months, both linked.
    assert_eq!(
        attrs(&week, ".kicker a", "href"),
        [
            "../../archive/index.html",
            "../../months/2025-01/index.html",
            "../../months/2024-12/index.html"
        ]
    );

    let december = read(&out, "months/2024-12/index.html");
    assert_eq!(texts(&december, "h1"), ["December 2024"]);
    assert_eq!(attrs(&december, "h1 time", "datetime"), ["2024-12"]);
    assert_eq!(texts(&december, ".lede"), ["1–31 December 2024"]);
    // A month links to its weeks, newest first; 2025-W01 is in December too.
    assert_eq!(
        texts(&december, ".period-weeks li"),
        ["Week 1 of 2025 3 papers", "Week 51 of 2024 1 paper"]
    );
}

#[test]
fn periods_are_ordered_like_days_and_paginated() {
    let (_dir, out) = built();
    // Newest day first; within a day, by `day_order` (upvotes first).
    let week = read(&out, "weeks/2025-W01/index.html");
    assert_eq!(cards(&week), ["New Year", "Monday High"]);
    assert_eq!(
        texts(&week, ".day-heading"),
        ["1 January 2025", "30 December 2024"]
    );
    let page2 = read(&out, "weeks/2025-W01/page/2/index.html");
    assert_eq!(cards(&page2), ["Monday Low"]);
    assert_eq!(
        texts(&page2, "title"),
        ["Week 1 of 2025 (page 2) · Lab Digest"]
    );
    assert_eq!(
        attrs(&week, ".pagination a[rel=next]", "href"),
        ["../../weeks/2025-W01/page/2/index.html"]
    );
    assert_eq!(
        attrs(&page2, ".pagination a[rel=prev]", "href"),
        ["../../../../weeks/2025-W01/index.html"]
    );

    let december = read(&out, "months/2024-12/index.html");
    assert_eq!(cards(&december), ["Monday High", "Monday Low"]);
    // Weeks and months list a paper on one row under its day: no card, no summary, no
    // date of its own; the upvotes are there.
    assert_eq!(
        texts(&december, "ol.cards > li > .paper-row > .paper-row-title"),
        ["Monday High", "Monday Low"]
    );
    assert!(texts(&december, ".card, .summary, .paper-row time").is_empty());
    assert_eq!(
        texts(&december, ".paper-row-meta"),
        ["▲ 9 upvotes", "▲ 1 upvote"]
    );
    let december2 = read(&out, "months/2024-12/page/2/index.html");
    assert_eq!(cards(&december2), ["Old December"]);
    assert!(!out.join("months/2024-12/page/3").exists());
    assert!(!out.join("weeks/2025-W02/page/2").exists());
    assert_eq!(
        cards(&read(&out, "months/2025-01/index.html")),
        ["Second Week", "New Year"]
    );
}

#[test]
fn each_period_links_to_the_previous_and_next_one_that_has_papers() {
    let (_dir, out) = built();
    let nav = |file: &str, rel: &str| {
        let html = read(&out, file);
        let links = attrs(&html, &format!(".day-nav a[rel={rel}]"), "href");
        let names = texts(&html, &format!(".day-nav a[rel={rel}]"));
        links.into_iter().zip(names).collect::<Vec<_>>()
    };
    // 2024-W52 has no papers: W01 goes back to W51.
    assert_eq!(
        nav("weeks/2025-W01/index.html", "prev"),
        [(
            "../../weeks/2024-W51/index.html".to_string(),
            "← Older: Week 51 of 2024".to_string()
        )]
    );
    assert_eq!(
        nav("weeks/2025-W02/index.html", "next"),
        [(
            "../../weeks/2025-W06/index.html".to_string(),
            "Newer: Week 6 of 2025 →".to_string()
        )]
    );
    // Its further pages link the same way.
    assert_eq!(
        nav("weeks/2025-W01/page/2/index.html", "prev")[0].0,
        "../../../../weeks/2024-W51/index.html"
    );
    assert!(nav("weeks/2024-W51/index.html", "prev").is_empty());
    assert!(nav("weeks/2025-W06/index.html", "next").is_empty());
    assert_eq!(
        nav("months/2025-01/index.html", "prev")[0].0,
        "../../months/2024-12/index.html"
    );
    assert_eq!(
        nav("months/2025-01/index.html", "next")[0].0,
        "../../months/2025-02/index.html"
    );
    assert!(nav("months/2025-02/index.html", "next").is_empty());
}

#[test]
fn the_archive_lists_every_period_by_year_with_its_paper_count() {
    let (_dir, out) = built();
    let html = read(&out, "archive/index.html");
    assert_eq!(texts(&html, "h1"), ["Archive"]);
    assert_eq!(
        texts(&html, ".archive-year h2"),
        ["2025 3 papers", "2024 3 papers"]
    );
    assert_eq!(
        texts(&html, ".archive-month"),
        [
            "February 2025 1 paper",
            "January 2025 2 papers",
            "December 2024 3 papers"
        ]
    );
    // Each month's weeks, newest first; a week across two months is under both.
    let doc = parse(&html);
    let month_items = scraper::Selector::parse(".archive-months > li").unwrap();
    let week_items = scraper::Selector::parse(".archive-weeks li").unwrap();
    let per_month: Vec<Vec<String>> = doc
        .select(&month_items)
        .map(|month| {
            month
                .select(&week_items)
                .map(|w| {
                    w.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect();
    assert_eq!(
        per_month,
        [
            vec!["Week 6 of 2025 3–9 February 2025 · 1 paper"],
            vec![
                "Week 2 of 2025 6–12 January 2025 · 1 paper",
                "Week 1 of 2025 30 December 2024 – 5 January 2025 · 3 papers"
            ],
            vec![
                "Week 1 of 2025 30 December 2024 – 5 January 2025 · 3 papers",
                "Week 51 of 2024 16–22 December 2024 · 1 paper"
            ],
        ]
    );
    // Every link of the archive leads to a page of the site.
    for href in attrs(&html, "main a", "href") {
        let file = resolve("archive/index.html", &href, "/digest/").unwrap();
        assert!(out.join(&file).is_file(), "{href} → {file}");
    }
    assert_eq!(
        texts(&html, ".lede")[0],
        "6 papers in 3 months and 4 weeks, newest first. Weeks run from Monday to Sunday and \
         are numbered as in ISO 8601."
    );
}

#[test]
fn day_pages_link_to_their_week_and_month_and_the_menu_to_the_archive() {
    let (_dir, out) = built();
    let day = read(&out, "days/2024-12-30/index.html");
    let links = attrs(&day, ".page-head .muted a", "href");
    assert_eq!(
        links,
        [
            "../../weeks/2025-W01/index.html",
            "../../months/2024-12/index.html"
        ]
    );
    assert_eq!(
        texts(&day, ".page-head .muted"),
        ["2 papers · in Week 1 of 2025 and December 2024"]
    );
    // Every page's menu has the archive; on archive pages it is the current section.
    let home = read(&out, "index.html");
    assert!(attrs(&home, ".site-nav a", "href").contains(&"./archive/index.html".to_string()));
    let archive = read(&out, "archive/index.html");
    assert_eq!(
        texts(&archive, ".site-nav a[aria-current=page]"),
        ["Archive"]
    );
    let week = read(&out, "weeks/2025-W02/index.html");
    assert_eq!(texts(&week, ".site-nav a.is-section"), ["Archive"]);
}

#[test]
fn a_site_without_papers_has_an_empty_archive_and_no_periods() {
    let dir = site(SITE, &[]);
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let html = read(&out, "archive/index.html");
    assert_eq!(texts(&html, "main .empty"), ["No papers yet."]);
    assert!(!out.join("weeks").exists());
    assert!(!out.join("months").exists());
}

#[test]
fn plain_pages_cannot_take_the_archive_folders() {
    for name in ["weeks", "months", "archive"] {
        let dir = site(
            SITE,
            &[(
                &format!("content/{name}.md"),
                "+++\ntitle = \"Mine\"\n+++\n\nText.\n",
            )],
        );
        let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
        assert!(
            err.contains(&format!(
                "content/{name}.md: this page would be written to /{name}/, which paperpress uses for its own pages"
            )),
            "{err}"
        );
    }
}
