//! `sitemap.xml` and `robots.txt`, read as a search engine reads them: every page but the
//! 404 page and the redirects, at its absolute URL, with the date of the newest paper it
//! shows; an index of numbered files past `[sitemap] urls_per_file`; and a site's own
//! `robots.txt` in place of the generated one.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::running::Running;
use common::{attrs, build, build_fails, page_files, paper, read, site, snapshot, write};

const BASE: &str = "https://example.org/a&b/";

fn fixture(extra_settings: &str) -> tempfile::TempDir {
    site(
        &format!("title = \"Mapped\"\nbase_url = {BASE:?}\npaginate_by = 1\n{extra_settings}"),
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Alpha",
                    "2025-05-09",
                    "authors = [\"Ada\"]\ntopics = [\"Vision\"]\naliases = [\"/papers/old-alpha/\", \"/old.html\"]",
                    "First.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Beta",
                    "2025-05-08",
                    "authors = [\"Ada\", \"Bob\"]\ntopics = [\"Vision\", \"Speech\"]",
                    "Second.",
                ),
            ),
            (
                "content/papers/c.md",
                &paper("Gamma", "2025-05-07", "topics = [\"Speech\"]", "Third."),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About\"\n+++\n\nAbout us.\n",
            ),
        ],
    )
}

/// The `<loc>` and `<lastmod>` of each entry of a sitemap or sitemap index, in order,
/// with the name of the root element.
fn entries(xml: &str) -> (String, Vec<(String, Option<String>)>) {
    let doc = roxmltree::Document::parse(xml).expect("the sitemap is XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let list = root
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|e| (child_text(e, "loc").unwrap(), child_text(e, "lastmod")))
        .collect();
    (root.tag_name().name().to_string(), list)
}

/// The URL a page file is published at.
fn url_of(file: &str) -> String {
    format!("{BASE}{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn every_page_but_the_404_page_and_redirects_with_its_dates_from_content() {
    let dir = fixture("");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let (root, urls) = entries(&read(&out, "sitemap.xml"));
    assert_eq!(root, "urlset");

    // The search page has nothing of its own for a search engine, and says so (noindex).
    let redirects = [
        "papers/old-alpha/index.html",
        "old.html",
        "404.html",
        "search/index.html",
    ];
    let search = read(&out, "search/index.html");
    assert_eq!(attrs(&search, "meta[name=robots]", "content"), ["noindex"]);
    // The email digests are mails, not pages: they stay out too.
    let mut expected: Vec<String> = page_files(&out)
        .into_iter()
        .filter(|f| !redirects.contains(&f.as_str()))
        .map(|f| url_of(&f))
        .collect();
    expected.sort();
    let mut listed: Vec<String> = urls.iter().map(|(loc, _)| loc.clone()).collect();
    listed.sort();
    assert_eq!(listed, expected);
    for redirect in redirects {
        assert!(out.join(redirect).is_file(), "{redirect} is built");
        assert!(!listed.contains(&url_of(redirect)), "{redirect} is listed");
    }

    // Each page's date is the digest day of the newest paper it shows (one per
    // listing page here); a plain page has none.
    let lastmod: BTreeMap<&str, Option<&str>> = urls
        .iter()
        .map(|(loc, date)| (loc.strip_prefix(BASE).unwrap(), date.as_deref()))
        .collect();
    for (page, date) in [
        ("", Some("2025-05-09")),
        ("page/2/", Some("2025-05-08")),
        ("page/3/", Some("2025-05-07")),
        ("papers/alpha/", Some("2025-05-09")),
        ("papers/gamma/", Some("2025-05-07")),
        ("days/", Some("2025-05-09")),
        ("days/2025-05-08/", Some("2025-05-08")),
        ("topics/", Some("2025-05-09")),
        ("topics/speech/", Some("2025-05-08")),
        ("topics/speech/page/2/", Some("2025-05-07")),
        ("authors/bob/", Some("2025-05-08")),
        ("about/", None),
    ] {
        assert_eq!(lastmod.get(page), Some(&date), "{page}");
    }
}

#[test]
fn past_the_limit_sitemap_xml_is_an_index_of_numbered_files() {
    let whole = fixture("");
    let whole_out = whole.path().join("out");
    build(whole.path(), &whole_out, &[]);
    let (_, all_urls) = entries(&read(&whole_out, "sitemap.xml"));

    let dir = fixture("\n[sitemap]\nurls_per_file = 4\n");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let (root, files) = entries(&read(&out, "sitemap.xml"));
    assert_eq!(root, "sitemapindex");
    assert_eq!(files.len(), all_urls.len().div_ceil(4));
    let mut joined = Vec::new();
    for (k, (loc, newest)) in files.iter().enumerate() {
        let file = format!("sitemap-{}.xml", k + 1);
        assert_eq!(*loc, format!("{BASE}{file}"));
        let (root, urls) = entries(&read(&out, &file));
        assert_eq!(root, "urlset", "{file}");
        assert!(!urls.is_empty() && urls.len() <= 4, "{file}: {urls:?}");
        let dates = urls.iter().filter_map(|(_, d)| d.clone());
        assert_eq!(*newest, dates.max(), "{file}");
        joined.extend(urls);
    }
    assert_eq!(joined, all_urls, "the files together are the whole sitemap");
    assert!(
        !out.join(format!("sitemap-{}.xml", files.len() + 1))
            .exists()
    );
}

#[test]
fn the_limit_is_checked() {
    for (value, shown) in [("0", "found 0"), ("50001", "found 50001")] {
        let dir = fixture(&format!("\n[sitemap]\nurls_per_file = {value}\n"));
        let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
        assert!(
            err.contains("site.toml:6: sitemap.urls_per_file: must be from 1 to 50000")
                && err.contains(shown),
            "{err}"
        );
    }
}

#[test]
fn robots_txt_points_to_the_sitemap_and_a_sites_own_wins() {
    let dir = fixture("");
    let root = dir.path();
    let out = root.join("out");
    build(root, &out, &[]);
    let robots = read(&out, "robots.txt");
    let lines: Vec<&str> = robots.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(
        lines.contains(&"Sitemap: https://example.org/a&b/sitemap.xml"),
        "{robots}"
    );

    let own = "User-agent: *\nDisallow: /drafts/\n";
    write(root, "static/robots.txt", own);
    build(root, &out, &[]);
    assert_eq!(read(&out, "robots.txt"), own);
}

#[test]
fn watch_swaps_a_sites_own_robots_txt_in_and_out() {
    let dir = fixture("");
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    let fresh = |root: &Path| {
        let fresh = tempfile::tempdir().unwrap();
        build(root, &fresh.path().join("site"), &[]);
        snapshot(&fresh.path().join("site"))
    };
    let own = "User-agent: *\nDisallow: /\n";
    write(root, "static/robots.txt", own);
    watch.rebuilt_until(|| std::fs::read_to_string(out.join("robots.txt")).unwrap() == own);
    assert_eq!(snapshot(&out), fresh(root));

    std::fs::remove_file(root.join("static/robots.txt")).unwrap();
    watch.rebuilt_until(|| {
        std::fs::read_to_string(out.join("robots.txt")).is_ok_and(|t| t.contains("Sitemap: "))
    });
    assert_eq!(snapshot(&out), fresh(root));
}
