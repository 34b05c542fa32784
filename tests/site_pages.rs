//! Small fixture sites: what each kind of page shows.

mod common;

use common::*;

const SITE: &str = "title = \"Lab Digest\"\nbase_url = \"https://lab.example/digest/\"\npaginate_by = 2\n\n\
[[topics]]\nname = \"Speech\"\ndescription = \"Spoken language.\"\nkeywords = [\"speech\", \"spoken language\"]\n\n\
[[topics]]\nname = \"Vision\"\nkeywords = [\"image\", \"images\"]\nexclude = [\"vision-language\"]\n";

fn fixture() -> tempfile::TempDir {
    site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Whisper Turns Stronger",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\", \"Alan Turing\"]\narxiv = \"2309.05494v2\"\nupvotes = 42\ntopics = [\"Speech\", \"Low Resource\"]\nvenue = \"ICML\"\n[links]\ncode = \"https://github.com/x/y\"\nproject = \"https://x.example/\"",
                    "We improve ASR.\n\nA second paragraph.",
                ),
            ),
            (
                "content/papers/b.md",
                "---\ntitle: Seeing Images Better\ndate: 2025-05-08\nauthors: [Ada Lovelace]\n---\nA model for images.\n",
            ),
            (
                "content/papers/c.md",
                &paper(
                    "A Vision-Language Model",
                    "2025-05-08",
                    "",
                    "It reads images and text; a vision-language model.",
                ),
            ),
            (
                "content/papers/d.md",
                &paper(
                    "Spoken Language Tricks",
                    "2025-05-07",
                    "",
                    "Better spoken language understanding.",
                ),
            ),
            (
                "content/papers/e.md",
                &paper("Unfinished", "2025-05-07", "draft = true", "Not yet."),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About this digest\"\n+++\nWe read papers.\n",
            ),
        ],
    )
}

#[test]
fn paper_page_shows_everything_known_about_the_paper() {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let html = read(&out, "papers/whisper-turns-stronger/index.html");
    assert_eq!(texts(&html, "h1"), ["Whisper Turns Stronger"]);
    assert_eq!(
        texts(&html, "title"),
        ["Whisper Turns Stronger · Lab Digest"]
    );
    let author_links = attrs(&html, "main a[href*='authors/']", "href");
    assert_eq!(
        author_links,
        [
            "../../authors/ada-lovelace/index.html",
            "../../authors/alan-turing/index.html"
        ]
    );
    assert!(
        attrs(&html, "main a", "href").contains(&"../../days/2025-05-09/index.html".to_string())
    );
    let topic_links = attrs(&html, "main a[href*='topics/']", "href");
    assert_eq!(
        topic_links,
        [
            "../../topics/speech/index.html",
            "../../topics/low-resource/index.html"
        ]
    );
    let external = attrs(&html, "main a[href^='https://']", "href");
    for url in [
        "https://arxiv.org/abs/2309.05494",
        "https://arxiv.org/pdf/2309.05494",
        "https://github.com/x/y",
        "https://x.example/",
    ] {
        assert!(
            external.contains(&url.to_string()),
            "{url} missing from {external:?}"
        );
    }
    let text = texts(&html, "main").join(" ");
    assert!(text.contains("42"), "upvotes shown");
    assert!(text.contains("2309.05494"), "arXiv id shown");
    assert!(text.contains("We improve ASR.") && text.contains("A second paragraph."));
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        ["https://lab.example/digest/papers/whisper-turns-stronger/"]
    );
}

#[test]
fn topics_come_from_entries_or_from_keyword_rules() {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let titles = |page: &str| texts(&read(&out, page), ".card-title");
    // Speech: set by hand on a, matched by keyword on d.
    assert_eq!(
        titles("topics/speech/index.html"),
        ["Whisper Turns Stronger", "Spoken Language Tricks"]
    );
    // Vision: b matches "images"; c also says "images" but its exclude phrase wins.
    assert_eq!(titles("topics/vision/index.html"), ["Seeing Images Better"]);
    assert_eq!(
        titles("topics/low-resource/index.html"),
        ["Whisper Turns Stronger"]
    );
    let index = read(&out, "topics/index.html");
    let listed = texts(&index, "main li");
    assert!(
        listed
            .iter()
            .any(|t| t.contains("Speech") && t.contains('2')),
        "{listed:?}"
    );
    assert!(
        texts(&read(&out, "topics/speech/index.html"), "main")
            .join(" ")
            .contains("Spoken language.")
    );
    // A paper that matches no rule and sets no topics simply has none.
    assert!(
        attrs(
            &read(&out, "papers/a-vision-language-model/index.html"),
            "main a[href*='topics/']",
            "href"
        )
        .is_empty()
    );
}

#[test]
fn keyword_rules_give_a_paper_at_most_max_topics_and_written_topics_all_stay() {
    let rules = "[[topics]]\nname = \"Alpha\"\nkeywords = [\"alpha\"]\n\n\
                 [[topics]]\nname = \"Beta\"\nkeywords = [\"beta\"]\n\n\
                 [[topics]]\nname = \"Gamma\"\nkeywords = [\"gamma\"]\n\n\
                 [[topics]]\nname = \"Delta\"\nkeywords = [\"delta\"]\n";
    let entries = [
        (
            "content/papers/many.md",
            paper(
                "Many Matches",
                "2025-05-09",
                "",
                "Alpha, beta, gamma and delta. Delta again, and gamma again.",
            ),
        ),
        (
            "content/papers/own.md",
            paper(
                "Own Topics",
                "2025-05-09",
                "topics = [\"Alpha\", \"Beta\", \"Gamma\", \"Delta\"]",
                "Nothing to match.",
            ),
        ),
    ];
    let entries: Vec<(&str, &str)> = entries.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let topics_of = |site_toml: &str| {
        let dir = site(site_toml, &entries);
        let out = dir.path().join("out");
        build(dir.path(), &out, &[]);
        let chips = |page: &str| texts(&read(&out, page), "main .chips a");
        (
            chips("papers/many-matches/index.html"),
            chips("papers/own-topics/index.html"),
        )
    };
    // By default three: Delta and Gamma have two hits each; Alpha and Beta one, and
    // Alpha was declared first.
    let (many, own) = topics_of(&format!("title = \"T\"\n{rules}"));
    assert_eq!(many, ["Alpha", "Gamma", "Delta"]);
    assert_eq!(own, ["Alpha", "Beta", "Gamma", "Delta"]);
    let (many, own) = topics_of(&format!("title = \"T\"\nmax_topics = 1\n{rules}"));
    assert_eq!(many, ["Gamma"]);
    assert_eq!(own, ["Alpha", "Beta", "Gamma", "Delta"]);

    let dir = site("title = \"T\"\nmax_topics = 0\n", &entries);
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    assert!(
        err.contains("site.toml:2: max_topics: must be at least 1"),
        "{err}"
    );
}

#[test]
fn authors_days_and_drafts() {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    // An author's papers, one row each: title, date, authors and upvotes; no summary.
    let ada = read(&out, "authors/ada-lovelace/index.html");
    assert_eq!(
        texts(&ada, "main .paper-row-title"),
        ["Whisper Turns Stronger", "Seeing Images Better"]
    );
    assert_eq!(
        attrs(&ada, "main .paper-row-title", "href")[0],
        "../../papers/whisper-turns-stronger/index.html"
    );
    assert_eq!(
        texts(&ada, "main .paper-row-meta"),
        [
            "9 May 2025Ada Lovelace, Alan Turing▲ 42 upvotes",
            "8 May 2025Ada Lovelace"
        ]
    );
    assert!(texts(&ada, "main .card, main .summary").is_empty());
    assert!(
        texts(&read(&out, "authors/index.html"), "main")
            .join(" ")
            .contains("Alan Turing")
    );

    // Days link to the older and newer day.
    let middle = read(&out, "days/2025-05-08/index.html");
    assert_eq!(
        texts(&middle, ".card-title"),
        ["A Vision-Language Model", "Seeing Images Better"]
    );
    let prev = attrs(&middle, "a[rel=prev]", "href");
    let next = attrs(&middle, "a[rel=next]", "href");
    assert_eq!(prev, ["../../days/2025-05-07/index.html"]);
    assert_eq!(next, ["../../days/2025-05-09/index.html"]);
    assert!(
        attrs(
            &read(&out, "days/2025-05-09/index.html"),
            "a[rel=next]",
            "href"
        )
        .is_empty()
    );

    assert!(
        !out.join("papers/unfinished").exists(),
        "drafts are left out"
    );
    let with_drafts = dir.path().join("out-drafts");
    build(dir.path(), &with_drafts, &["--drafts"]);
    assert!(with_drafts.join("papers/unfinished/index.html").exists());
}

#[test]
fn home_pagination_plain_pages_and_404() {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let home = read(&out, "index.html");
    assert_eq!(
        texts(&home, ".card-title"),
        ["Whisper Turns Stronger", "A Vision-Language Model"]
    );
    assert_eq!(attrs(&home, "a[rel=next]", "href"), ["./page/2/index.html"]);
    let page2 = read(&out, "page/2/index.html");
    assert_eq!(
        texts(&page2, ".card-title"),
        ["Seeing Images Better", "Spoken Language Tricks"]
    );
    assert_eq!(attrs(&page2, "a[rel=prev]", "href"), ["../../index.html"]);
    assert!(attrs(&page2, "a[rel=next]", "href").is_empty());
    assert!(!out.join("page/3").exists());

    let about = read(&out, "about/index.html");
    assert_eq!(texts(&about, "h1"), ["About this digest"]);
    assert!(
        attrs(&home, "nav a", "href").contains(&"./about/index.html".to_string()),
        "plain pages are in the menu"
    );

    // The 404 page is served at any address, so its links start at the base path.
    let not_found = read(&out, "404.html");
    assert!(
        attrs(&not_found, "link[rel=stylesheet]", "href")
            .contains(&"/digest/style.css".to_string())
    );
    assert!(out.join("style.css").exists());
}

#[test]
fn pretty_links_when_asked() {
    let dir = site(
        "title = \"T\"\nexplicit_index_links = false\n",
        &[("content/papers/a.md", &paper("One", "2025-01-02", "", "x"))],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    assert!(
        attrs(&read(&out, "index.html"), ".card-title a", "href")
            .contains(&"./papers/one/".to_string())
    );
}

#[test]
fn content_is_escaped_and_unsafe_urls_never_reach_a_page() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/x.md",
            &paper(
                "<script>alert(1)</script> & <b>bold</b>",
                "2025-05-09",
                "authors = [\"<img src=x onerror=alert(1)>\"]\ntopics = [\"<i>t</i>\"]",
                "Body <script>alert(2)</script> [click](javascript:alert(3)) <a href=\"javascript:x\">y</a>",
            ),
        )],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for (file, bytes) in snapshot(&out) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // Judged as a browser sees the page: the payloads may show as text, never as markup.
        // Scripts: the paper's JSON-LD, which is data and reads back as the title as it was
        // written, and the theme's own deferred copy.js or search.js, an empty element with
        // a src.
        let executable = "script:not([type=\"application/ld+json\"])";
        assert!(
            texts(&html, executable).iter().all(String::is_empty),
            "{file}"
        );
        assert!(
            attrs(&html, executable, "src")
                .iter()
                .all(
                    |src| (src.ends_with("copy.js") || src.ends_with("search.js"))
                        && !src.contains("//")
                ),
            "{file}"
        );
        for json in texts(&html, "script[type=\"application/ld+json\"]") {
            let json: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(json["headline"], "<script>alert(1)</script> & <b>bold</b>");
        }
        assert!(texts(&html, "b").is_empty(), "{file}");
        let hrefs = attrs(&html, "[href]", "href");
        assert!(
            !hrefs
                .iter()
                .any(|h| h.trim().to_lowercase().starts_with("javascript")),
            "{file}: {hrefs:?}"
        );
        assert!(
            attrs(&html, "[onerror]", "onerror").is_empty(),
            "{file}: no element may get an event handler"
        );
        assert!(attrs(&html, "img", "src").is_empty(), "{file}");
    }
    let page = html_files(&out)
        .into_iter()
        .find(|f| f.starts_with("papers/"))
        .unwrap();
    let html = read(&out, &page);
    assert_eq!(
        texts(&html, "h1"),
        ["<script>alert(1)</script> & <b>bold</b>"],
        "shown as text"
    );
}

#[test]
fn same_titles_both_get_pages_and_the_earliest_keeps_the_plain_slug() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Same Title",
                    "2025-05-09",
                    "arxiv = \"2505.01234\"",
                    "Newer.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper("Same Title", "2025-05-08", "", "Older."),
            ),
        ],
    );
    let out = dir.path().join("out");
    let run = build(dir.path(), &out, &[]);
    let main_text = |rel: &str| texts(&read(&out, rel), "main").join(" ");
    assert!(main_text("papers/same-title/index.html").contains("Older."));
    // The other one is told apart by its own arXiv id, not by how many came before.
    assert!(main_text("papers/same-title-2505-01234/index.html").contains("Newer."));
    let warnings = stderr(&run);
    assert!(warnings.contains("warning: content/papers/a.md: slug \"same-title\" is also wanted by content/papers/b.md; this paper is published at papers/same-title-2505-01234/"), "{warnings}");

    // A third paper of that title, from a later day and without an arXiv id, sorting
    // first by path, moves neither page: it gets its date.
    write(
        dir.path(),
        "content/papers/0.md",
        &paper("Same Title", "2025-05-10", "", "Newest."),
    );
    build(dir.path(), &out, &[]);
    assert!(main_text("papers/same-title/index.html").contains("Older."));
    assert!(main_text("papers/same-title-2505-01234/index.html").contains("Newer."));
    assert!(main_text("papers/same-title-2025-05-10/index.html").contains("Newest."));
}

#[test]
fn a_written_slug_wins_and_two_written_slugs_clash_with_an_error() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Wanted", "2025-05-01", "", "By title."),
            ),
            (
                "content/papers/b.md",
                &paper("Other", "2025-05-09", "slug = \"wanted\"", "Written."),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let main_text = |rel: &str| texts(&read(&out, rel), "main").join(" ");
    assert!(main_text("papers/wanted/index.html").contains("Written."));
    assert!(main_text("papers/wanted-2025-05-01/index.html").contains("By title."));

    write(
        dir.path(),
        "content/papers/c.md",
        &paper("Third", "2025-05-09", "slug = \"Wanted\"", "Also written."),
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains(
            "error: content/papers/c.md:4: slug: \"wanted\" is also set in content/papers/b.md"
        ),
        "{}",
        err
    );
}

#[test]
fn site_templates_override_the_theme_and_static_files_are_copied() {
    let dir = site(
        "title = \"T\"\n",
        &[
            ("content/papers/a.md", &paper("One", "2025-01-02", "", "x")),
            (
                "templates/paper.html",
                "<!doctype html><title>{{ paper.title }}</title><p class=custom>{{ paper.date_display }}</p>",
            ),
            (
                "static/img/logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    assert_eq!(
        texts(&read(&out, "papers/one/index.html"), "p.custom"),
        ["2 January 2025"]
    );
    assert!(read(&out, "img/logo.svg").starts_with("<svg"));
    assert!(
        out.join("style.css").exists(),
        "theme static files are still there"
    );
}

#[test]
fn a_site_card_template_shows_on_every_listing_with_links_from_that_listing() {
    // Three papers of one topic, two a page: listings at the root, one folder down and
    // three folders down (`topics/speech/page/2/`) all print the same card.
    let entries: Vec<(String, String)> = ["Ant", "Bee", "Cat"]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            (
                format!("content/papers/{i}.md"),
                paper(
                    title,
                    &format!("2025-01-0{}", i + 1),
                    "topics = [\"Speech\"]",
                    "x",
                ),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = entries
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let card = "<p class=mine><a href=\"{{ root }}{{ paper.path }}\">{{ paper.title }}</a> \
                h{{ heading }}{% if show_date %} {{ paper.date }}{% endif %}</p>";
    files.push(("templates/card.html", card));
    let dir = site("title = \"T\"\npaginate_by = 2\n", &files);
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);

    let slugs = |page: &str| -> Vec<String> {
        let html = read(&out, page);
        attrs(&html, "p.mine a", "href")
            .iter()
            .map(|href| resolve(page, href, "/").unwrap())
            .collect()
    };
    assert_eq!(
        slugs("index.html"),
        ["papers/cat/index.html", "papers/bee/index.html"]
    );
    assert_eq!(slugs("page/2/index.html"), ["papers/ant/index.html"]);
    assert_eq!(
        slugs("topics/speech/index.html"),
        ["papers/cat/index.html", "papers/bee/index.html"]
    );
    assert_eq!(
        slugs("topics/speech/page/2/index.html"),
        ["papers/ant/index.html"]
    );
    assert_eq!(
        slugs("days/2025-01-02/index.html"),
        ["papers/bee/index.html"]
    );
    // Each listing chooses its style: a card under a day heading is a level lower and
    // leaves the date to the heading.
    assert_eq!(
        texts(&read(&out, "index.html"), "p.mine"),
        ["Cat h3", "Bee h3"]
    );
    assert_eq!(
        texts(&read(&out, "topics/speech/index.html"), "p.mine"),
        ["Cat h2 2025-01-03", "Bee h2 2025-01-02"]
    );
    assert_eq!(
        texts(&read(&out, "days/2025-01-02/index.html"), "p.mine"),
        ["Bee h2"]
    );
}

#[test]
fn a_title_holding_the_cards_root_mark_keeps_its_text() {
    // Cards are made once with a marked placeholder for `root`; a paper whose text holds
    // the mark itself gets its card made for each listing instead, its text untouched.
    let title = "Odd \u{10FFFF}root\u{10FFFF} title";
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                // Written out: `paper` escapes the title as Rust does, which TOML is not.
                &format!(
                    "+++\ntitle = \"{title}\"\ndate = 2025-01-02\ntopics = [\"Speech\"]\n+++\n\nx\n"
                ),
            ),
            (
                "content/papers/b.md",
                &paper("Plain", "2025-01-02", "topics = [\"Speech\"]", "x"),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for page in [
        "index.html",
        "topics/speech/index.html",
        "days/2025-01-02/index.html",
    ] {
        let html = read(&out, page);
        assert_eq!(texts(&html, ".card-title a"), [title, "Plain"], "{page}");
        for href in attrs(&html, ".card-title a", "href") {
            let target = resolve(page, &href, "/").unwrap();
            assert!(out.join(&target).is_file(), "{page}: {href} -> {target}");
        }
    }
}

#[test]
fn a_summary_cut_after_a_sentence_ends_there_no_zero_upvotes_pill_and_no_empty_abstract() {
    // The cut at 50 characters falls just after the first sentence (46 characters).
    let dir = site(
        "title = \"Flaws\"\nsummary_length = 50\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Sentences",
                    "2025-05-09",
                    "topics = [\"Notes\"]\nupvotes = 0",
                    "Alpha beta gamma delta epsilon zeta eta theta. Iota kappa lambda mu nu xi omicron pi rho sigma.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Title only",
                    "2025-05-09",
                    "topics = [\"Notes\"]\nupvotes = 3",
                    "",
                ),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let month = read(&out, "topics/notes/index.html");
    let summaries = texts(&month, ".card .summary");
    assert_eq!(
        summaries,
        ["Alpha beta gamma delta epsilon zeta eta theta."]
    );
    let page = read(&out, "papers/sentences/index.html");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["Alpha beta gamma delta epsilon zeta eta theta."],
        "the description is the summary, which ends with the sentence"
    );
    // No upvotes pill for 0, on cards and on the page; one for 3.
    let pills: Vec<String> = texts(&month, ".card .upvotes");
    assert_eq!(pills.len(), 1, "{pills:?}");
    assert!(pills[0].contains('3'));
    assert!(texts(&page, ".upvotes").is_empty());
    // A paper without an abstract has no "Abstract" heading.
    assert_eq!(texts(&page, "#abstract"), ["Abstract"]);
    let bare = read(&out, "papers/title-only/index.html");
    assert!(texts(&bare, "#abstract").is_empty());
}

#[test]
fn a_site_whose_papers_name_no_authors_has_no_authors_page() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/a.md",
            &paper("Alpha", "2025-05-09", "", "Text."),
        )],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    assert!(!out.join("authors").exists());
    assert!(!read(&out, "sitemap.xml").contains("/authors/"));
    assert!(
        attrs(&read(&out, "index.html"), "nav a", "href")
            .iter()
            .all(|h| !h.contains("authors"))
    );
    // The topics page stays: the menu always links to it.
    assert!(out.join("topics/index.html").is_file());

    // Once a paper names its authors, the page is there.
    write(
        dir.path(),
        "content/papers/a.md",
        &paper(
            "Alpha",
            "2025-05-09",
            "authors = [\"Ada Lovelace\"]",
            "Text.",
        ),
    );
    build(dir.path(), &out, &[]);
    assert!(
        texts(&read(&out, "authors/index.html"), "main")
            .join(" ")
            .contains("Ada Lovelace")
    );
}
