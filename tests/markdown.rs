//! Markdown in entries: GFM features, math, code, summaries, links and raw HTML, judged on
//! the built pages.

mod common;

use common::*;

/// Builds a one-paper site and returns (output dir guard, paper page HTML, stderr).
fn build_paper(site_toml: &str, title: &str, body: &str) -> (tempfile::TempDir, String, String) {
    let entry = format!("+++\ntitle = '{title}'\ndate = 2025-05-09\n+++\n\n{body}\n");
    let dir = site(site_toml, &[("content/papers/p.md", &entry)]);
    let out = dir.path().join("out");
    let run = build(dir.path(), &out, &[]);
    let page = html_files(&out)
        .into_iter()
        .find(|f| f.starts_with("papers/"))
        .unwrap();
    let html = read(&out, &page);
    (dir, html, stderr(&run))
}

fn abstract_html(page: &str) -> String {
    let doc = parse(page);
    let sel = scraper::Selector::parse("section.abstract").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.inner_html())
        .unwrap_or_default()
}

#[test]
fn gfm_tables_footnotes_strikethrough_tasks_and_smart_punctuation() {
    let body = "\"Quoted\" -- text... ~~gone~~ and a note[^n].\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n[^n]: The note.";
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", body);
    assert_eq!(texts(&page, "section.abstract del"), ["gone"]);
    assert_eq!(
        attrs(&page, "section.abstract th", "style"),
        ["text-align: center", "text-align: right"]
    );
    assert_eq!(
        attrs(
            &page,
            "section.abstract input[type=checkbox][disabled]",
            "type"
        )
        .len(),
        2
    );
    assert_eq!(
        attrs(&page, "section.abstract input[checked]", "type").len(),
        1
    );
    let note_link = attrs(&page, "sup.footnote-reference a", "href");
    assert_eq!(note_link.len(), 1);
    let target = note_link[0].trim_start_matches('#');
    assert_eq!(texts(&page, &format!("[id='{target}']")), ["1 The note."]);
    assert!(
        texts(&page, "section.abstract p")
            .join(" ")
            .contains("“Quoted” – text…")
    );

    let (_d, page, _) = build_paper(
        "title = \"T\"\n[markdown]\nsmart_punctuation = false\n",
        "T",
        "\"Quoted\" -- text...",
    );
    assert!(
        texts(&page, "section.abstract p")
            .join(" ")
            .contains("\"Quoted\" -- text...")
    );
}

#[test]
fn headings_get_unique_stable_ids_and_anchor_links() {
    let body = "## Method\n\nA.\n\n## Method\n\nB.\n\n## Abstract\n\n### Custom {#my-id}\n";
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", body);
    let ids = attrs(&page, "section.abstract :is(h2, h3)[id]", "id");
    assert_eq!(
        ids,
        ["abstract", "method", "method-1", "abstract-1", "my-id"],
        "the theme's own `abstract` id stays unique"
    );
    let anchors = attrs(&page, "a.heading-anchor", "href");
    assert_eq!(anchors, ["#method", "#method-1", "#abstract-1", "#my-id"]);
    // Every id on the page is unique.
    let all_ids = attrs(&page, "[id]", "id");
    let unique: std::collections::BTreeSet<_> = all_ids.iter().collect();
    assert_eq!(unique.len(), all_ids.len(), "{all_ids:?}");
}

#[test]
fn math_in_abstracts_renders_as_mathml_and_money_stays_text() {
    let body = r"We prove $(\xi_1, \xi_2, \dots)$ and \(a+b\) at $\mathcal{O}(n \log n)$.

$$\sum_{i=1}^n i = \frac{n(n+1)}{2}$$

\[ E = mc^2 \]

It costs $800 and $5 per hour, and \$3 more.";
    let (_d, page, warnings) = build_paper("title = \"T\"\n", "T", body);
    assert!(warnings.is_empty(), "{warnings}");
    let annotations = texts(&page, "section.abstract math annotation");
    assert_eq!(
        annotations,
        [
            r"(\xi_1, \xi_2, \dots)",
            "a+b",
            r"\mathcal{O}(n \log n)",
            r"\sum_{i=1}^n i = \frac{n(n+1)}{2}",
            "E = mc^2"
        ]
    );
    assert_eq!(
        attrs(&page, "section.abstract math[display=block]", "display").len(),
        2
    );
    let text = texts(&page, "section.abstract p").join(" ");
    assert!(
        text.contains("It costs $800 and $5 per hour, and $3 more."),
        "{text}"
    );
}

#[test]
fn math_that_cannot_render_shows_its_source_and_warns() {
    let (_d, page, warnings) = build_paper("title = \"T\"\n", "T", r"Broken $\frac{1}$ here.");
    assert_eq!(texts(&page, "code.math-error"), [r"$\frac{1}$"]);
    assert!(
        warnings.contains("warning: content/papers/p.md: cannot render the math `\\frac{1}`"),
        "{warnings}"
    );
    // The meta description reads a formula as text.
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", r"Costs $10^{31}$ *flops*.");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["Costs 10³¹ flops."]
    );
}

#[test]
fn math_in_titles_is_mathml_on_pages_and_plain_text_in_title_tags() {
    let (dir, page, _) = build_paper(
        "title = \"Site\"\n",
        r"Scaling to $10^{31}$ tokens in $\mathcal{O}(n \log n)$",
        "Body.",
    );
    assert_eq!(
        texts(&page, "h1 math annotation"),
        ["10^{31}", r"\mathcal{O}(n \log n)"]
    );
    assert_eq!(
        texts(&page, "title"),
        ["Scaling to 10³¹ tokens in O(n log n) · Site"]
    );
    assert_eq!(attrs(&page, "meta[name=description]", "content"), ["Body."]);
    let home = read(&dir.path().join("out"), "index.html");
    assert_eq!(
        texts(&home, ".card-title math annotation").len(),
        2,
        "listings show the math too"
    );
    // The address comes from the readable title, not from the LaTeX source.
    assert!(
        dir.path()
            .join("out/papers/scaling-to-1031-tokens-in-o-n-log-n/index.html")
            .exists()
    );
}

#[test]
fn summaries_come_from_front_matter_more_marker_or_a_cut_first_paragraph() {
    let long = format!("Intro $x^2$ {} end.", "word ".repeat(100));
    let dir = site(
        "title = \"T\"\nsummary_length = 40\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "A",
                    "2025-05-09",
                    "topics = [\"Notes\"]\nsummary = \"Short *one*.\"",
                    "Body text.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "B",
                    "2025-05-08",
                    "topics = [\"Notes\"]\n",
                    "## Part\n\nBefore the marker.\n\n<!-- more -->\n\nAfter.",
                ),
            ),
            (
                "content/papers/c.md",
                &paper("C", "2025-05-07", "topics = [\"Notes\"]\n", &long),
            ),
            (
                "content/papers/d.md",
                &paper(
                    "D",
                    "2025-05-06",
                    "topics = [\"Notes\"]\n",
                    &format!("{} $\\mathcal{{O}}(n)$ tail", "word ".repeat(6)),
                ),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    // The topic lists every paper with its summary (the home page shows none, the week and
    // the month a row per paper).
    let home = read(&out, "topics/notes/index.html");
    let summaries = texts(&home, ".summary");
    assert_eq!(summaries[0], "Short one.");
    assert_eq!(summaries[1], "Part Before the marker.");
    assert!(
        summaries[2].starts_with("Intro") && summaries[2].ends_with('…') && summaries[2].len() < 80,
        "{}",
        summaries[2]
    );
    assert_eq!(
        texts(&home, ".summary math annotation")[0],
        "x^2",
        "math before the cut is kept whole"
    );
    // The formula would cross the limit: it is left out whole, never cut.
    assert_eq!(summaries[3], "word word word word word word …");
    assert!(
        attrs(&home, ".summary [id]", "id").is_empty(),
        "summaries carry no ids"
    );
    assert!(!summaries[1].contains("After"));
}

#[test]
fn external_links_get_rel_and_site_options() {
    let body = "[ext](https://example.org) [int](../about/) [mail](mailto:a@b.c) [bad](javascript:alert(1))";
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", body);
    assert_eq!(
        attrs(
            &page,
            "section.abstract a[href='https://example.org']",
            "rel"
        ),
        ["noopener"]
    );
    assert!(attrs(&page, "section.abstract a[href='../about/']", "rel").is_empty());
    assert!(
        attrs(&page, "section.abstract a", "href")
            .iter()
            .all(|h| !h.contains("javascript"))
    );
    let (_d, page, _) = build_paper(
        "title = \"T\"\n[markdown]\nexternal_links_nofollow = true\nexternal_links_target_blank = true\n",
        "T",
        body,
    );
    assert_eq!(
        attrs(
            &page,
            "section.abstract a[href='https://example.org']",
            "rel"
        ),
        ["noopener nofollow"]
    );
    assert_eq!(
        attrs(
            &page,
            "section.abstract a[href='https://example.org']",
            "target"
        ),
        ["_blank"]
    );
}

#[test]
fn code_is_highlighted_with_classes_and_a_generated_stylesheet() {
    let body = "```rust\nfn main() { let x = 1; }\n```\n\n```no-such-lang\n<b>x</b>\n```";
    let (dir, page, _) = build_paper("title = \"T\"\n", "T", body);
    let out = dir.path().join("out");
    assert!(!attrs(&page, "pre.hl-code span[class^='hl-']", "class").is_empty());
    assert!(
        attrs(&page, "pre [style]", "style").is_empty(),
        "classes, not inline styles"
    );
    assert_eq!(
        texts(&page, "pre.code:not(.hl-code) code"),
        ["<b>x</b>"],
        "unknown language: plain, escaped"
    );
    assert!(attrs(&page, "link[rel=stylesheet]", "href").contains(&"../../syntax.css".to_string()));
    let css = read(&out, "syntax.css");
    assert!(css.contains(".hl-") && css.contains("@media (prefers-color-scheme: dark)"));
    // Pages without code neither link it nor does a site without code get the file.
    assert!(
        !attrs(&read(&out, "index.html"), "link[rel=stylesheet]", "href")
            .iter()
            .any(|h| h.contains("syntax"))
    );
    let (dir, _, _) = build_paper("title = \"T\"\n", "T", "No code.");
    assert!(!dir.path().join("out/syntax.css").exists());
}

#[test]
fn an_unknown_highlight_theme_is_an_error_naming_the_setting() {
    let dir = site(
        "title = \"T\"\n[markdown]\nhighlight_theme = \"Nope\"\n",
        &[(
            "content/papers/p.md",
            &paper("P", "2025-05-09", "", "```rust\nfn x() {}\n```"),
        )],
    );
    let run = paperpress(&["build", "--root", dir.path().to_str().unwrap()]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains("site.toml:3: markdown: unknown highlight theme \"Nope\"; choose one of:"),
        "{err}"
    );
}

#[test]
fn raw_html_is_sanitized_escaped_or_allowed() {
    let body = "<div onclick=\"x()\"><b>bold</b><script>alert(1)</script><iframe src=\"https://e.org\"></iframe></div>";
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", body);
    let section = abstract_html(&page);
    assert!(section.contains("<b>bold</b>"), "{section}");
    for gone in ["<script", "onclick", "<iframe"] {
        assert!(!section.contains(gone), "{gone}: {section}");
    }
    let (_d, page, _) = build_paper(
        "title = \"T\"\n[markdown]\nraw_html = \"escape\"\n",
        "T",
        body,
    );
    assert!(texts(&page, "section.abstract b").is_empty());
    assert!(
        texts(&page, "section.abstract")
            .join(" ")
            .contains("<b>bold</b>")
    );
    let (_d, page, _) = build_paper(
        "title = \"T\"\n[markdown]\nraw_html = \"allow\"\n",
        "T",
        "<b class=\"x\">bold</b>",
    );
    assert_eq!(attrs(&page, "section.abstract b", "class"), ["x"]);
}

#[test]
fn xss_payloads_everywhere_come_out_inert() {
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1))",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "\"><script>alert(1)</script>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<object data=\"x\"></object><embed src=\"x\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "$\\href{javascript:alert(1)}{x}$",
        "$a<img src=x onerror=alert(1)>$",
        "![[x](<https://a.example/ onerror=alert(1) >)](nope.png)",
        "![$x$ and [y](https://e.org)](a.png)",
        "<img src=\"https://evil.example/pixel.png\"> <img src=\"//evil.example/p.png\">",
    ];
    let mut files = Vec::new();
    for (i, p) in payloads.iter().enumerate() {
        let title = p.replace('\'', "");
        let entry = format!(
            "+++\ntitle = '{title}'\ndate = 2025-05-09\nauthors = ['{title}']\ntopics = ['{title}']\n+++\n\n{p}\n\n> {p}\n\n- {p}\n"
        );
        files.push((format!("content/papers/p{i}.md"), entry));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = site("title = \"T\"\n", &refs);
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for file in html_files(&out) {
        let html = read(&out, &file);
        let doc = parse(&html);
        for element in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            let name = element.value().name();
            if name == "script" && element.value().attr("type") == Some("application/ld+json") {
                // Data: the paper's JSON-LD, which must read back as the same JSON
                // whatever the entry held.
                assert_eq!(
                    element.value().attrs().collect::<Vec<_>>(),
                    [("type", "application/ld+json")],
                    "{file}"
                );
                let json: serde_json::Value =
                    serde_json::from_str(&element.text().collect::<String>())
                        .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse: {e}"));
                assert_eq!(json["@type"], "ScholarlyArticle", "{file}");
                continue;
            }
            // The theme's own forms: the header's search box, and the search page's.
            if name == "form" {
                let own = element.value().attr("class") == Some("site-search")
                    || element.value().attr("id") == Some("search-form");
                assert!(own, "{file}: <form> from content");
                continue;
            }
            assert!(
                !["iframe", "object", "embed", "style", "svg"].contains(&name),
                "{file}: <{name}>"
            );
            // The only other script is the theme's own file, deferred, with nothing inline.
            if name == "script" {
                assert_eq!(element.text().collect::<String>(), "", "{file}");
                let src = element.value().attr("src").unwrap_or_default();
                assert!(
                    (src.ends_with("/copy.js") || src.ends_with("/search.js"))
                        && !src.contains("//"),
                    "{file}: <script src={src}>"
                );
                assert!(element.value().attr("defer").is_some(), "{file}");
            }
            for (attr, value) in element.value().attrs() {
                assert!(!attr.starts_with("on"), "{file}: <{name} {attr}>");
                let value = value.trim().to_ascii_lowercase();
                assert!(
                    !value.starts_with("javascript:"),
                    "{file}: <{name} {attr}={value}>"
                );
                if name == "img" && attr == "src" {
                    assert!(
                        !value.contains("//"),
                        "{file}: an image from another site: {value}"
                    );
                }
            }
        }
    }
}

#[test]
fn more_marker_inside_markup_and_escaped_brackets_and_email_links() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "A",
                    "2025-05-09",
                    "topics = [\"Notes\"]\n",
                    "Intro *emph <!-- more --> rest* end.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "B",
                    "2025-05-08",
                    "topics = [\"Notes\"]\n",
                    "Table \\[2\\] and array\\[i\\]; write to <ada@example.org>.",
                ),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let home = read(&out, "topics/notes/index.html");
    // The summary's emphasis is closed inside the summary: the next card is not italic.
    let doc = parse(&home);
    let sel = scraper::Selector::parse(".summary").unwrap();
    let first = doc.select(&sel).next().unwrap().inner_html();
    assert!(
        first.contains("<em>emph") && first.contains("</em>"),
        "{first}"
    );
    assert_eq!(texts(&home, "em").len(), 1, "{home}");
    let b = read(&out, "papers/b/index.html");
    assert!(
        texts(&b, "section.abstract p")
            .join(" ")
            .contains("Table [2] and array[i]")
    );
    assert!(texts(&b, "section.abstract math").is_empty());
    assert_eq!(
        attrs(&b, "section.abstract a", "href"),
        ["mailto:ada@example.org"]
    );
}

#[test]
fn comparison_operators_in_math_are_text_not_markup() {
    let (_d, page, _) = build_paper("title = \"T\"\n", "T", "If $x_1 < y$ and $$a > b$$ then.");
    // Escaped in the file, so a parser reads them as the operators they are.
    assert!(
        page.contains("<mo>&lt;</mo>") && page.contains("<mo>&gt;</mo>"),
        "{page}"
    );
    assert!(!page.contains("<mo><"), "{page}");
    let ops = texts(&page, "section.abstract math mo");
    assert!(
        ops.contains(&"<".to_string()) && ops.contains(&">".to_string()),
        "{ops:?}"
    );
    // Nothing after the formula was swallowed into a tag.
    assert!(texts(&page, "section.abstract").join(" ").contains("then."));
}

#[test]
fn titles_get_the_abstracts_curly_quotes_and_bare_urls_in_abstracts_become_links() {
    let paper = |site_toml: &str, title: &str, body: &str| {
        let entry = format!("+++\ntitle = {title:?}\ndate = 2025-05-09\n+++\n\n{body}\n");
        let dir = site(site_toml, &[("content/papers/p.md", &entry)]);
        build(dir.path(), &dir.path().join("out"), &[]);
        let page = html_files(&dir.path().join("out"))
            .into_iter()
            .find(|f| f.starts_with("papers/"))
            .unwrap();
        (read(&dir.path().join("out"), &page), page)
    };
    let body =
        "Code is at https://github.com/a_b/c_d. See [the site](https://a.org) or `https://b.org`.";
    let (page, file) = paper(
        "title = \"T\"\n",
        r#"A Pretrainer's "Guide" -- 1. * $x$ ... & <b>"#,
        body,
    );
    assert_eq!(
        texts(&page, "h1")
            .join("")
            .replace(char::is_whitespace, " "),
        "A Pretrainer’s “Guide” – 1. * xx … & <b>",
        "the heading's text (the formula's x twice: drawn and its source): curly quotes, dashes and an ellipsis, the rest as written"
    );
    assert!(
        texts(&page, "title")[0].starts_with(r#"A Pretrainer's "Guide" -- 1."#),
        "the plain title keeps the entry's characters"
    );
    assert_eq!(file, "papers/a-pretrainer-s-guide-1-x-b/index.html");
    assert_eq!(
        attrs(&page, "section.abstract a", "href"),
        ["https://github.com/a_b/c_d", "https://a.org"],
        "the bare address is a link without the sentence's full stop; code stays code"
    );

    let (page, _) = paper(
        "title = \"T\"\n[markdown]\nsmart_punctuation = false\n",
        "A Pretrainer's Guide",
        "Body.",
    );
    assert_eq!(texts(&page, "h1").join(""), "A Pretrainer's Guide");
}
