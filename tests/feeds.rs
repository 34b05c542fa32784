//! Feeds: Atom and JSON Feed for the digest and each topic, the OPML list of them, and
//! the links pages give to them, read back as a feed reader would (roxmltree, serde_json).

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://lab.example/digest/";

const SITE: &str = "title = \"Lab & <Digest>\"\ndescription = \"Papers we read.\"\nbase_url = \"https://lab.example/digest/\"\n\n[feeds]\nlimit = 2\nauthor = \"The Editors\"\n";

/// Five papers over four days, in two topics; feeds hold two papers each.
fn fixture() -> tempfile::TempDir {
    site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Rock & Roll <Nets>",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\", \"Alan Turing\"]\narxiv = \"2309.05494v2\"\npublished = \"2025-05-07\"\ntopics = [\"Speech & Audio\", \"Vision\"]\n[links]\ncode = \"https://github.com/x/y\"",
                    "We beat $x^2 < 1$ baselines; see [the other paper](../b/), ![the figure](fig.png)[^1] and [arXiv](https://arxiv.org/abs/1).\n\n[^1]: A footnote.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Beta",
                    "2025-05-08",
                    "slug = \"b\"\npublished = \"1967\"\ntopics = [\"Vision\"]",
                    "Plain abstract.",
                ),
            ),
            (
                "content/papers/c.md",
                &paper(
                    "Gamma",
                    "2025-05-08",
                    "published = \"2025-03\"\ntopics = [\"Speech & Audio\"]",
                    "Another.",
                ),
            ),
            (
                "content/papers/d.md",
                &paper("Delta", "2025-05-07", "topics = [\"Vision\"]", "Older."),
            ),
            (
                "content/papers/e.md",
                &paper(
                    "Epsilon",
                    "2025-05-06",
                    "topics = [\"Speech & Audio\"]",
                    "Oldest.",
                ),
            ),
        ],
    )
}

fn built(dir: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build(dir, out.path(), &[]);
    out
}

/// An Atom feed as a reader sees it.
#[derive(Debug)]
struct Feed {
    id: String,
    title: String,
    updated: String,
    /// The names of the feed-level authors.
    authors: Vec<String>,
    /// `(rel, type, href)` of the feed's links.
    links: Vec<(String, String, String)>,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    id: String,
    title: String,
    updated: String,
    published: Option<String>,
    authors: Vec<String>,
    categories: Vec<String>,
    links: Vec<(String, String, String)>,
    content_type: String,
    content: String,
}

fn kids<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.has_tag_name((ATOM_NS, name)))
        .collect()
}

fn text(node: roxmltree::Node, name: &str) -> Option<String> {
    kids(node, name)
        .first()
        .map(|n| n.text().unwrap_or("").to_string())
}

fn author_names(node: roxmltree::Node) -> Vec<String> {
    kids(node, "author")
        .into_iter()
        .map(|a| text(a, "name").expect("an author has a name"))
        .collect()
}

fn links(node: roxmltree::Node) -> Vec<(String, String, String)> {
    kids(node, "link")
        .into_iter()
        .map(|l| {
            let attr = |a: &str| l.attribute(a).unwrap_or("").to_string();
            (attr("rel"), attr("type"), attr("href"))
        })
        .collect()
}

fn atom(out: &Path, rel: &str) -> Feed {
    let xml = read(out, rel);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM_NS, "feed")), "{rel}");
    let entries = kids(feed, "entry")
        .into_iter()
        .map(|e| {
            let content = kids(e, "content")[0];
            Entry {
                id: text(e, "id").unwrap(),
                title: text(e, "title").unwrap(),
                updated: text(e, "updated").unwrap(),
                published: text(e, "published"),
                authors: author_names(e),
                categories: kids(e, "category")
                    .iter()
                    .map(|c| c.attribute("term").unwrap().to_string())
                    .collect(),
                links: links(e),
                content_type: content.attribute("type").unwrap_or("text").to_string(),
                content: content.text().unwrap_or("").to_string(),
            }
        })
        .collect();
    Feed {
        id: text(feed, "id").unwrap(),
        title: text(feed, "title").unwrap(),
        updated: text(feed, "updated").unwrap(),
        authors: author_names(feed),
        links: links(feed),
        entries,
    }
}

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn titles(feed: &Feed) -> Vec<&str> {
    feed.entries.iter().map(|e| e.title.as_str()).collect()
}

fn json_titles(feed: &Value) -> Vec<&str> {
    items(feed)
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect()
}

fn items(feed: &Value) -> &Vec<Value> {
    feed["items"].as_array().expect("items is a list")
}

/// The Atom rule the RELAX NG schema cannot say (RFC 4287, 4.1.1): an entry without an
/// author of its own takes the feed's, so then the feed must have one.
fn assert_author_rule(feed: &Feed, rel: &str) {
    if feed.entries.iter().any(|e| e.authors.is_empty()) {
        assert!(
            feed.authors.iter().any(|a| !a.trim().is_empty()),
            "{rel}: an entry has no author and neither has the feed"
        );
    }
}

#[test]
fn the_site_feeds_hold_the_newest_papers_with_every_field() {
    let dir = fixture();
    let out = built(dir.path());
    let feed = atom(out.path(), "atom.xml");
    assert_eq!(feed.title, "Lab & <Digest>");
    assert_eq!(feed.id, format!("{BASE}atom.xml"));
    assert!(feed.links.contains(&(
        "self".into(),
        "application/atom+xml".into(),
        format!("{BASE}atom.xml")
    )));
    assert!(
        feed.links
            .contains(&("alternate".into(), "text/html".into(), BASE.into()))
    );
    // `[feeds] limit = 2`: the two newest of five, newest first.
    assert_eq!(titles(&feed), ["Rock & Roll <Nets>", "Beta"]);
    // Titles are escaped, not dropped or doubled: the raw XML has the entities.
    let raw = read(out.path(), "atom.xml");
    assert!(
        raw.contains("<title>Rock &amp; Roll &lt;Nets&gt;</title>"),
        "{raw}"
    );

    let a = &feed.entries[0];
    // The arXiv abs URL (without its version) where there is one, else the permalink.
    assert_eq!(a.id, "https://arxiv.org/abs/2309.05494");
    assert_eq!(feed.entries[1].id, format!("{BASE}papers/b/"));
    assert_eq!(a.authors, ["Ada Lovelace", "Alan Turing"]);
    assert_eq!(a.categories, ["Speech & Audio", "Vision"]);
    let page = format!("{BASE}papers/rock-roll-nets/");
    for link in [
        ("alternate", "text/html", page.as_str()),
        ("related", "", "https://arxiv.org/abs/2309.05494"),
        (
            "related",
            "application/pdf",
            "https://arxiv.org/pdf/2309.05494",
        ),
        ("related", "", "https://github.com/x/y"),
    ] {
        let link = (link.0.to_string(), link.1.to_string(), link.2.to_string());
        assert!(a.links.contains(&link), "{link:?} in {:?}", a.links);
    }
    assert_eq!(a.content_type, "html");
    assert!(a.content.contains("We beat"), "{}", a.content);

    let j = json(out.path(), "feed.json");
    assert_eq!(j["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(j["title"], "Lab & <Digest>");
    assert_eq!(j["home_page_url"], BASE);
    assert_eq!(j["feed_url"], format!("{BASE}feed.json"));
    assert_eq!(j["description"], "Papers we read.");
    assert_eq!(json_titles(&j), ["Rock & Roll <Nets>", "Beta"]);
    let item = &items(&j)[0];
    assert_eq!(item["id"], a.id.as_str());
    assert_eq!(item["url"], page.as_str());
    assert_eq!(item["external_url"], "https://arxiv.org/abs/2309.05494");
    let names: Vec<&str> = item["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada Lovelace", "Alan Turing"]);
    assert_eq!(
        item["authors"][0]["url"],
        format!("{BASE}authors/ada-lovelace/index.html")
    );
    assert_eq!(
        item["tags"],
        serde_json::json!(["Speech & Audio", "Vision"])
    );
    assert_eq!(
        item["attachments"],
        serde_json::json!([{"url": "https://arxiv.org/pdf/2309.05494", "mime_type": "application/pdf", "title": "PDF"}])
    );
    assert_eq!(item["content_html"].as_str().unwrap(), a.content);
    let b = &items(&j)[1];
    assert_eq!(b["id"], format!("{BASE}papers/b/"));
    assert!(b.get("external_url").is_none() && b.get("attachments").is_none());
    assert!(b.get("authors").is_none(), "{b}");
}

#[test]
fn dates_come_from_the_entries() {
    let dir = fixture();
    let out = built(dir.path());
    let feed = atom(out.path(), "atom.xml");
    // The newest entry's digest day, whatever day the site is built on.
    assert_eq!(feed.updated, "2025-05-09T00:00:00Z");
    let (a, b) = (&feed.entries[0], &feed.entries[1]);
    assert_eq!(a.updated, "2025-05-09T00:00:00Z");
    // `published` where the entry knows the day; a year alone is not a day.
    assert_eq!(a.published.as_deref(), Some("2025-05-07T00:00:00Z"));
    assert_eq!(b.updated, "2025-05-08T00:00:00Z");
    assert_eq!(b.published, None);
    let speech = atom(out.path(), "topics/speech-audio/atom.xml");
    assert_eq!(speech.entries[1].title, "Gamma");
    // A month alone is not a day either.
    assert_eq!(speech.entries[1].published, None);

    let j = json(out.path(), "feed.json");
    let (a, b) = (&items(&j)[0], &items(&j)[1]);
    assert_eq!(a["date_modified"], "2025-05-09T00:00:00Z");
    assert_eq!(a["date_published"], "2025-05-07T00:00:00Z");
    assert_eq!(b["date_modified"], "2025-05-08T00:00:00Z");
    assert!(b.get("date_published").is_none());

    // The oldest topic feed's date is its own newest entry's, not the site's.
    let d = dir.path();
    write(
        d,
        "content/papers/a.md",
        &paper("Rock", "2025-05-09", "topics = [\"Speech & Audio\"]", "x"),
    );
    let out = built(d);
    assert_eq!(
        atom(out.path(), "topics/vision/atom.xml").updated,
        "2025-05-08T00:00:00Z"
    );
}

#[test]
fn topic_feeds_hold_only_their_topic_newest_first() {
    let dir = fixture();
    let out = built(dir.path());
    for (slug, name, expected) in [
        (
            "speech-audio",
            "Speech & Audio",
            ["Rock & Roll <Nets>", "Gamma"],
        ),
        ("vision", "Vision", ["Rock & Roll <Nets>", "Beta"]),
    ] {
        let rel = format!("topics/{slug}/atom.xml");
        let feed = atom(out.path(), &rel);
        assert_eq!(feed.title, format!("Lab & <Digest>: {name}"));
        assert_eq!(feed.id, format!("{BASE}{rel}"));
        assert_eq!(titles(&feed), expected, "{rel}");
        for e in &feed.entries {
            assert!(e.categories.iter().any(|c| c == name), "{rel}: {e:?}");
        }
        // The same papers, in the same order, as the topic's own page lists first.
        let html = read(out.path(), &format!("topics/{slug}/index.html"));
        let listed = texts(&html, ".card-title");
        assert_eq!(listed[..2], expected, "{rel}");
        assert!(
            feed.links.contains(&(
                "alternate".into(),
                "text/html".into(),
                format!("{BASE}topics/{slug}/")
            )),
            "{rel}"
        );

        let rel = format!("topics/{slug}/feed.json");
        let j = json(out.path(), &rel);
        assert_eq!(json_titles(&j), expected, "{rel}");
        assert_eq!(j["feed_url"], format!("{BASE}{rel}"));
        assert_eq!(j["home_page_url"], format!("{BASE}topics/{slug}/"));
    }
}

#[test]
fn links_inside_abstracts_are_absolute_and_math_stays_mathml() {
    let dir = fixture();
    let out = built(dir.path());
    let page_url = format!("{BASE}papers/rock-roll-nets/");
    let content = &atom(out.path(), "atom.xml").entries[0].content;
    let hrefs = attrs(content, "a", "href");
    assert!(hrefs.contains(&format!("{BASE}papers/b/")), "{hrefs:?}");
    assert!(
        hrefs.contains(&"https://arxiv.org/abs/1".to_string()),
        "{hrefs:?}"
    );
    // The footnote reference leads to the footnote on the paper's page.
    assert!(
        hrefs.iter().any(|h| h.starts_with(&format!("{page_url}#"))),
        "{hrefs:?}"
    );
    assert_eq!(attrs(content, "img", "src"), [format!("{page_url}fig.png")]);
    for url in hrefs.iter().chain(&attrs(content, "img", "src")) {
        assert!(url.starts_with("https://"), "{url} is not absolute");
    }
    // The page's own MathML, as it is.
    let page = read(out.path(), "papers/rock-roll-nets/index.html");
    let math = |html: &str| {
        let start = html.find("<math").expect("MathML");
        html[start..html.find("</math>").unwrap() + 7].to_string()
    };
    assert_eq!(math(content), math(&page));
    // And the page itself still links relatively.
    assert!(page.contains("href=\"../b/\""), "{page}");

    let j = json(out.path(), "feed.json");
    let content_html = items(&j)[0]["content_html"].as_str().unwrap();
    assert!(content_html.contains(&format!("<img src=\"{page_url}fig.png\"")));
}

#[test]
fn a_feed_names_an_author_for_entries_that_have_none() {
    let dir = fixture();
    let out = built(dir.path());
    for rel in [
        "atom.xml",
        "topics/vision/atom.xml",
        "topics/speech-audio/atom.xml",
    ] {
        let feed = atom(out.path(), rel);
        assert_eq!(feed.authors, ["The Editors"], "{rel}");
        assert_author_rule(&feed, rel);
    }
    // "Beta" has no authors: it relies on the feed's.
    assert!(atom(out.path(), "atom.xml").entries[1].authors.is_empty());
    assert_eq!(
        json(out.path(), "feed.json")["authors"],
        serde_json::json!([{"name": "The Editors", "url": BASE}])
    );

    // Without `[feeds] author`, the site's title.
    let plain = site(
        "title = \"Plain Digest\"\n",
        &[(
            "content/papers/x.md",
            &paper("No Authors", "2025-05-09", "", "Text."),
        )],
    );
    let out = built(plain.path());
    let feed = atom(out.path(), "atom.xml");
    assert_eq!(feed.authors, ["Plain Digest"]);
    assert!(feed.entries[0].authors.is_empty());
    assert_author_rule(&feed, "atom.xml");
}

#[test]
fn ids_are_stable_and_feeds_are_the_same_on_every_build() {
    let dir = fixture();
    let first = built(dir.path());
    let again = built(dir.path());
    for rel in [
        "atom.xml",
        "feed.json",
        "feeds.opml",
        "topics/vision/atom.xml",
    ] {
        assert_eq!(
            read(first.path(), rel),
            read(again.path(), rel),
            "{rel} differs between two builds"
        );
    }
    let before = atom(first.path(), "topics/vision/atom.xml");
    // A newer paper and an edited abstract change neither paper's id.
    write(
        dir.path(),
        "content/papers/z.md",
        &paper("Zeta", "2025-05-10", "topics = [\"Vision\"]", "Newest."),
    );
    write(
        dir.path(),
        "content/papers/a.md",
        &paper(
            "Rock & Roll <Nets>",
            "2025-05-09",
            "arxiv = \"2309.05494v3\"\ntopics = [\"Vision\"]",
            "Edited.",
        ),
    );
    let after = built(dir.path());
    let after = atom(after.path(), "topics/vision/atom.xml");
    assert_eq!(titles(&after), ["Zeta", "Rock & Roll <Nets>"]);
    assert_eq!(after.entries[1].id, before.entries[0].id);
    assert_eq!(after.entries[1].content, "<p>Edited.</p>\n");
    assert_eq!(after.updated, "2025-05-10T00:00:00Z");
}

#[test]
fn the_opml_lists_every_feed() {
    let dir = fixture();
    let out = built(dir.path());
    let xml = read(out.path(), "feeds.opml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let opml = doc.root_element();
    assert_eq!(opml.tag_name().name(), "opml");
    assert_eq!(opml.attribute("version"), Some("2.0"));
    let head = opml.children().find(|n| n.has_tag_name("head")).unwrap();
    let title = head.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Lab & <Digest>: feeds"));
    let body = opml.children().find(|n| n.has_tag_name("body")).unwrap();
    let feeds: Vec<(&str, &str, &str)> = body
        .descendants()
        .filter(|n| n.has_tag_name("outline") && n.attribute("type").is_some())
        .map(|n| {
            assert_eq!(n.attribute("type"), Some("rss"));
            (
                n.attribute("text").unwrap(),
                n.attribute("xmlUrl").unwrap(),
                n.attribute("htmlUrl").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        feeds,
        [
            ("Lab & <Digest>", &*format!("{BASE}atom.xml"), BASE),
            (
                "Lab & <Digest>: Speech & Audio",
                &*format!("{BASE}topics/speech-audio/atom.xml"),
                &*format!("{BASE}topics/speech-audio/")
            ),
            (
                "Lab & <Digest>: Vision",
                &*format!("{BASE}topics/vision/atom.xml"),
                &*format!("{BASE}topics/vision/")
            ),
        ]
    );
    for (_, url, _) in feeds {
        let file = url.strip_prefix(BASE).unwrap();
        assert!(
            out.path().join(file).is_file(),
            "{url} is not in the output"
        );
    }
}

#[test]
fn every_page_links_its_feeds_and_topic_pages_offer_to_subscribe() {
    let dir = fixture();
    let out = built(dir.path());
    let feeds_of = |html: &str, media: &str| {
        attrs(
            html,
            &format!("link[rel=alternate][type=\"{media}\"]"),
            "href",
        )
    };
    for page in page_files(out.path()) {
        if page == "404.html" {
            continue; // linked from the base path, as all its links are
        }
        let html = read(out.path(), &page);
        let atom: Vec<String> = feeds_of(&html, "application/atom+xml")
            .iter()
            .map(|h| resolve(&page, h, "/digest/").unwrap())
            .collect();
        let json: Vec<String> = feeds_of(&html, "application/feed+json")
            .iter()
            .map(|h| resolve(&page, h, "/digest/").unwrap())
            .collect();
        assert_eq!(atom[0], "atom.xml", "{page}");
        assert_eq!(json[0], "feed.json", "{page}");
        if let Some(topic) = page
            .strip_prefix("topics/")
            .and_then(|p| p.split_once('/'))
            .map(|(slug, _)| slug)
        {
            assert_eq!(atom[1..], [format!("topics/{topic}/atom.xml")], "{page}");
            assert_eq!(json[1..], [format!("topics/{topic}/feed.json")], "{page}");
            let subscribe = attrs(&html, "a.subscribe-link", "href");
            assert_eq!(
                resolve(&page, &subscribe[0], "/digest/").unwrap(),
                format!("topics/{topic}/atom.xml"),
                "{page}"
            );
            let text = texts(&html, "a.subscribe-link");
            assert!(text[0].starts_with("Subscribe"), "{page}: {text:?}");
        } else {
            assert_eq!(atom.len(), 1, "{page}");
            assert_eq!(json.len(), 1, "{page}");
        }
        for file in atom.iter().chain(&json) {
            assert!(out.path().join(file).is_file(), "{page}: {file}");
        }
    }
    let titles = attrs(
        &read(out.path(), "topics/vision/index.html"),
        "link[rel=alternate]",
        "title",
    );
    assert_eq!(
        titles,
        [
            "Lab & <Digest> (Atom)",
            "Lab & <Digest> (JSON Feed)",
            "Lab & <Digest>: Vision (Atom)",
            "Lab & <Digest>: Vision (JSON Feed)"
        ]
    );
    // The topics page offers them all at once.
    let topics = read(out.path(), "topics/index.html");
    let opml = attrs(&topics, "a.subscribe-link", "href");
    assert_eq!(
        resolve("topics/index.html", &opml[0], "/digest/").unwrap(),
        "feeds.opml"
    );
}

#[test]
fn a_site_without_papers_has_no_feeds_and_links_none() {
    let dir = site("title = \"Empty\"\n", &[]);
    let out = built(dir.path());
    for file in ["atom.xml", "feed.json", "feeds.opml"] {
        assert!(!out.path().join(file).exists(), "{file}");
    }
    let html = read(out.path(), "index.html");
    assert!(
        attrs(&html, "link[rel=alternate]", "href").is_empty(),
        "{html}"
    );
}

#[test]
fn feeds_follow_the_base_url_and_the_link_style() {
    let dir = fixture();
    let out = tempfile::tempdir().unwrap();
    build(
        dir.path(),
        out.path(),
        &["--base-url", "https://other.example/x/"],
    );
    let feed = atom(out.path(), "atom.xml");
    assert_eq!(feed.id, "https://other.example/x/atom.xml");
    assert_eq!(feed.entries[1].id, "https://other.example/x/papers/b/");
    assert!(
        attrs(&feed.entries[0].content, "a", "href")
            .contains(&"https://other.example/x/papers/b/".to_string())
    );

    // Links to folders rather than their index.html: the authors' URLs follow.
    let toml = SITE.replace("[feeds]", "explicit_index_links = false\n\n[feeds]");
    write(dir.path(), "site.toml", &toml);
    let out = built(dir.path());
    let j = json(out.path(), "feed.json");
    assert_eq!(
        items(&j)[0]["authors"][0]["url"],
        format!("{BASE}authors/ada-lovelace/")
    );
    let atom_xml = read(out.path(), "atom.xml");
    assert!(atom_xml.contains(&format!("<uri>{BASE}authors/ada-lovelace/</uri>")));
}

#[test]
fn a_site_can_replace_the_feed_templates() {
    let dir = fixture();
    write(
        dir.path(),
        "templates/atom.xml",
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{{ title }} ({{ papers | length }})</title></feed>",
    );
    write(
        dir.path(),
        "templates/feed.json",
        "{\"custom\": {{ papers | length }}}",
    );
    write(
        dir.path(),
        "templates/feeds.opml",
        "<opml version=\"2.0\"><body><outline text=\"{{ feed.title }}\"/></body></opml>",
    );
    let out = built(dir.path());
    assert!(read(out.path(), "atom.xml").contains("<title>Lab &amp; &lt;Digest&gt; (2)</title>"));
    assert_eq!(json(out.path(), "topics/vision/feed.json")["custom"], 2);
    assert!(read(out.path(), "feeds.opml").contains("text=\"Lab &amp; &lt;Digest&gt;\""));
}

#[test]
fn feed_settings_are_checked() {
    for (toml, expected) in [
        (
            "title = \"T\"\n[feeds]\nlimit = 0\n",
            "site.toml:3: feeds.limit: must be at least 1",
        ),
        (
            "title = \"T\"\n[feeds]\nlimit = \"ten\"\n",
            "site.toml:3: feeds.limit: expected a whole number, found the text \"ten\"",
        ),
        (
            "title = \"T\"\n[feeds]\nauthor = \"  \"\n",
            "site.toml:3: feeds.author: must not be empty",
        ),
        (
            "title = \"T\"\n[feeds]\nlimt = 3\n",
            "site.toml:3: unknown key \"limt\" in [feeds]; did you mean \"limit\"?",
        ),
        (
            "title = \"T\"\nlimit = 3\n",
            "site.toml:2: unknown key \"limit\" at the top level; it belongs under [feeds]",
        ),
    ] {
        let dir = site(toml, &[]);
        let out = tempfile::tempdir().unwrap();
        let err = build_fails(dir.path(), out.path(), &[]);
        assert!(err.contains(expected), "{toml}: {err}");
    }
}

#[test]
fn control_characters_from_pasted_text_leave_every_feed_and_page_readable() {
    // Abstracts copied out of PDFs hold form feeds and vertical tabs, and TOML can
    // write any control character as an escape. Neither XML nor HTML allows them: one
    // makes a whole feed unreadable.
    let dir = site(
        SITE,
        &[(
            "content/papers/a.md",
            "+++\ntitle = \"Vertical\\u000Btab\"\ndate = 2025-05-09\nauthors = [\"Ann\\u0001Lee\"]\ntopics = [\"Vision\"]\n+++\n\nPage one.\u{c}Page two, with a bell\u{7} and a tab\tkept.\n\n```python\nx = 1\u{c}\n```\n",
        )],
    );
    let out = built(dir.path());
    for rel in ["atom.xml", "topics/vision/atom.xml"] {
        let feed = atom(out.path(), rel);
        let entry = &feed.entries[0];
        // A title's whitespace is normalized, vertical tabs included.
        assert_eq!(entry.title, "Vertical tab", "{rel}");
        assert_eq!(entry.authors, ["Ann\u{FFFD}Lee"], "{rel}");
        assert!(
            entry.content.contains("Page one.\u{FFFD}Page two"),
            "{rel}: {}",
            entry.content
        );
        assert!(
            entry.content.contains("a tab\tkept"),
            "{rel}: {}",
            entry.content
        );
    }
    let page = read(out.path(), "papers/vertical-tab/index.html");
    assert!(page.contains("Page two, with a bell\u{FFFD} and"), "{page}");
    let sitemap = read(out.path(), "sitemap.xml");
    roxmltree::Document::parse(&sitemap).unwrap();
    roxmltree::Document::parse(&read(out.path(), "feeds.opml")).unwrap();
    for file in page_files(out.path()) {
        let html = read(out.path(), &file);
        let bad = html
            .chars()
            .find(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'));
        assert_eq!(bad, None, "{file} holds a control character");
    }
    // The JSON Feed escapes them, as JSON must.
    let json_feed = json(out.path(), "feed.json");
    assert!(json_feed["items"][0]["title"].as_str().is_some());
}
