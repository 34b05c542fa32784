//! What paper and listing pages tell search engines, reference managers and link
//! previews, read as they read it: schema.org JSON-LD parsed as JSON, Highwire
//! `citation_*` tags, OpenGraph and Twitter card tags, and the favicon.

mod common;

use common::{attrs, build, html_files, page_files, paper, read, resolve, site, texts};
use serde_json::{Value, json};

const BASE: &str = "https://example.org/digest/";
const TITLE: &str = "Robust </script><script>alert(1)</script> & \"Quoted\" <!-- Models";

fn fixture(extra_settings: &str) -> tempfile::TempDir {
    site(
        &format!(
            "title = \"Scholarly\"\ndescription = \"Papers & more.\"\nbase_url = {BASE:?}\n{extra_settings}"
        ),
        &[
            (
                "content/papers/x.md",
                &format!(
                    "+++\ntitle = {TITLE:?}\ndate = 2025-05-09\npublished = \"2025-03-14\"\n\
                     authors = [\"Ada Lovelace\", \"Alan Turing\"]\ntopics = [\"Vision\", \"Speech & Audio\"]\n\
                     arxiv = \"2505.01234v2\"\nslug = \"robust\"\n[links]\ndoi = \"10.1145/1.2\"\n+++\n\n\
                     We study **bold** claims about $x^2$ and [a link](https://e.org/).\n\nSecond paragraph.\n"
                ),
            ),
            (
                "content/papers/y.md",
                &paper(
                    "Year Only",
                    "2025-05-08",
                    "published = 1967\narxiv = \"2401.00001\"\ndoi = \"10.5555/abc\"\nauthors = [\"Grace Hopper\"]\n[links]\npdf = \"https://example.com/y.pdf?a=1&b=2\"",
                    "Old.",
                ),
            ),
            (
                "content/papers/z.md",
                &paper(
                    "Month Only",
                    "2025-05-08",
                    "published = \"2025-03\"",
                    "Mid.",
                ),
            ),
            (
                "content/papers/w.md",
                &paper("Unknown Date", "2025-05-07", "", "Undated."),
            ),
        ],
    )
}

/// The page's JSON-LD, parsed, after checking that its raw text holds nothing that could
/// end the script element.
fn json_ld(html: &str) -> Value {
    let scripts = texts(html, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1, "one JSON-LD block");
    let raw = &scripts[0];
    assert!(
        !raw.contains(['<', '>', '&']),
        "JSON-LD must escape <, > and &: {raw}"
    );
    serde_json::from_str(raw).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}: {raw}"))
}

/// The `content` of each `<meta name=NAME>` (or `property=NAME`), in order.
fn meta(html: &str, name: &str) -> Vec<String> {
    let mut found = attrs(html, &format!("meta[name=\"{name}\"]"), "content");
    found.extend(attrs(
        html,
        &format!("meta[property=\"{name}\"]"),
        "content",
    ));
    found
}

#[test]
fn scholarly_article_json_ld_with_every_field_escaped_and_dates_at_their_precision() {
    let dir = fixture("");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = read(&out, "papers/robust/index.html");
    let permalink = format!("{BASE}papers/robust/");
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        [permalink.as_str()]
    );
    let topics = texts(&page, ".paper-head .chips a");
    assert_eq!(topics.len(), 2);

    let ld = json_ld(&page);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "ScholarlyArticle");
    assert_eq!(ld["headline"], TITLE);
    assert_eq!(ld["url"], permalink.as_str());
    assert_eq!(
        ld["author"],
        json!([
            {"@type": "Person", "name": "Ada Lovelace", "url": format!("{BASE}authors/ada-lovelace/")},
            {"@type": "Person", "name": "Alan Turing", "url": format!("{BASE}authors/alan-turing/")},
        ])
    );
    assert_eq!(ld["datePublished"], "2025-03-14");
    // The summary, as the page's description has it; the whole abstract is on the page.
    let text = ld["description"].as_str().unwrap();
    assert!(
        text.starts_with("We study bold claims about x") && !text.contains("Second paragraph"),
        "the summary as plain text, without Markdown or HTML: {text}"
    );
    assert!(
        !text.contains("**") && !text.contains("https://e.org"),
        "{text}"
    );
    assert_eq!(meta(&page, "description"), [text]);
    assert_eq!(ld.get("abstract"), None);
    assert_eq!(ld["keywords"], json!(topics));
    assert_eq!(
        ld["identifier"],
        json!([
            {"@type": "PropertyValue", "propertyID": "arXiv", "value": "2505.01234"},
            {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1145/1.2"},
        ])
    );
    assert_eq!(
        ld["sameAs"],
        json!([
            "https://arxiv.org/abs/2505.01234",
            "https://doi.org/10.1145/1.2"
        ])
    );

    let year = json_ld(&read(&out, "papers/year-only/index.html"));
    assert_eq!(year["datePublished"], "1967");
    assert_eq!(
        year["identifier"][1]["value"], "10.5555/abc",
        "a `doi` field"
    );
    assert_eq!(year["sameAs"][1], "https://doi.org/10.5555/abc");
    let month = json_ld(&read(&out, "papers/month-only/index.html"));
    assert_eq!(month["datePublished"], "2025-03");
    let unknown = json_ld(&read(&out, "papers/unknown-date/index.html"));
    for absent in ["datePublished", "author", "identifier", "sameAs"] {
        assert!(unknown.get(absent).is_none(), "{absent}: {unknown}");
    }

    // Data only on paper pages; no page has any other script but the copy button's file,
    // and the search page its own.
    for file in html_files(&out) {
        let html = read(&out, &file);
        let expected = usize::from(file.starts_with("papers/"));
        let data = texts(&html, "script[type=\"application/ld+json\"]");
        assert_eq!(data.len(), expected, "{file}");
        let code = attrs(&html, "script:not([type=\"application/ld+json\"])", "src");
        let own = if file.starts_with("papers/") {
            vec!["../../copy.js"]
        } else if file == "search/index.html" {
            vec!["../search.js"]
        } else {
            vec![]
        };
        assert_eq!(code, own, "{file}");
    }
}

#[test]
fn citation_tags_for_reference_managers() {
    let dir = fixture("");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let page = read(&out, "papers/robust/index.html");
    assert_eq!(meta(&page, "citation_title"), [TITLE]);
    assert_eq!(
        meta(&page, "citation_author"),
        ["Ada Lovelace", "Alan Turing"]
    );
    assert_eq!(meta(&page, "citation_publication_date"), ["2025/03/14"]);
    assert_eq!(
        meta(&page, "citation_pdf_url"),
        ["https://arxiv.org/pdf/2505.01234"]
    );
    assert_eq!(meta(&page, "citation_arxiv_id"), ["2505.01234"]);
    assert_eq!(meta(&page, "citation_doi"), ["10.1145/1.2"]);

    let year = read(&out, "papers/year-only/index.html");
    assert_eq!(meta(&year, "citation_publication_date"), ["1967"]);
    assert_eq!(
        meta(&year, "citation_pdf_url"),
        ["https://example.com/y.pdf?a=1&b=2"],
        "the entry's own PDF link"
    );
    assert_eq!(meta(&year, "citation_doi"), ["10.5555/abc"]);
    let month = read(&out, "papers/month-only/index.html");
    assert_eq!(
        meta(&month, "citation_publication_date"),
        ["2025"],
        "Google Scholar takes a full date or a year"
    );
    assert!(meta(&month, "citation_arxiv_id").is_empty());
    let unknown = read(&out, "papers/unknown-date/index.html");
    assert_eq!(meta(&unknown, "citation_title"), ["Unknown Date"]);
    for absent in [
        "citation_publication_date",
        "citation_author",
        "citation_pdf_url",
        "citation_doi",
    ] {
        assert!(meta(&unknown, absent).is_empty(), "{absent}");
    }
}

#[test]
fn citation_tags_can_be_turned_off() {
    let dir = fixture("\n[metadata]\ncitation_tags = false\n");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for file in page_files(&out) {
        let html = read(&out, &file);
        assert!(
            attrs(&html, "meta[name^=\"citation_\"]", "name").is_empty(),
            "{file}"
        );
    }
    let page = read(&out, "papers/robust/index.html");
    assert_eq!(json_ld(&page)["headline"], TITLE, "JSON-LD stays");
}

#[test]
fn opengraph_and_twitter_tags_on_every_page_with_absolute_urls() {
    let dir = fixture("");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for file in page_files(&out) {
        let html = read(&out, &file);
        let canonical = attrs(&html, "link[rel=canonical]", "href");
        assert_eq!(meta(&html, "og:url"), canonical, "{file}");
        assert!(canonical[0].starts_with(BASE), "{file}: {canonical:?}");
        assert_eq!(meta(&html, "og:site_name"), ["Scholarly"], "{file}");
        assert_eq!(meta(&html, "og:title").len(), 1, "{file}");
        assert_eq!(meta(&html, "twitter:card"), ["summary"], "{file}");
        let kind = if file.starts_with("papers/") {
            "article"
        } else {
            "website"
        };
        assert_eq!(meta(&html, "og:type"), [kind], "{file}");
    }
    let page = read(&out, "papers/robust/index.html");
    assert_eq!(meta(&page, "og:title"), [TITLE]);
    assert_eq!(
        meta(&page, "og:description"),
        meta(&page, "description"),
        "the paper's summary"
    );
    let home = read(&out, "index.html");
    assert_eq!(meta(&home, "og:url"), [BASE]);
    assert_eq!(meta(&home, "og:title"), ["Scholarly"]);
    assert_eq!(meta(&home, "og:description"), ["Papers & more."]);
    let topic = read(&out, "topics/vision/index.html");
    assert_eq!(meta(&topic, "og:title"), ["Topic: Vision"]);
    assert_eq!(meta(&topic, "og:url"), [format!("{BASE}topics/vision/")]);
}

#[test]
fn every_page_links_the_themes_favicon() {
    let dir = fixture("");
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let svg = read(&out, "favicon.svg");
    let doc = roxmltree::Document::parse(&svg).expect("the favicon is SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    for file in page_files(&out) {
        let html = read(&out, &file);
        let icons = attrs(&html, "link[rel=icon]", "href");
        assert_eq!(icons.len(), 1, "{file}");
        assert_eq!(
            resolve(&file, &icons[0], "/digest/").as_deref(),
            Some("favicon.svg"),
            "{file}: {icons:?}"
        );
    }
    let not_found = read(&out, "404.html");
    assert_eq!(
        attrs(&not_found, "link[rel=icon]", "href"),
        ["/digest/favicon.svg"],
        "served at any address, the 404 page links from the base path"
    );
}
