//! The reader's side of the default theme, on the showcase site (`examples/showcase`):
//! what a paper page tells and links to, day pages' overview and cards, shortened author
//! lists and math that can scroll.

mod common;

use common::*;

fn showcase() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = build(&repo_root().join("examples/showcase"), &out, &[]);
    assert!(
        stderr(&run).is_empty() || !stderr(&run).contains("warning"),
        "{}",
        stderr(&run)
    );
    (dir, out)
}

#[test]
fn a_paper_page_shows_the_entry_s_facts_folds_long_author_lists_and_links_out() {
    let (_dir, out) = showcase();
    let page = read(
        &out,
        "papers/open-corpus-consortium-forty-labs-one-shared-pretraining-corpus/index.html",
    );
    let facts: Vec<String> = texts(&page, ".facts > div")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        facts[..4],
        [
            "Listed on 4 August 2026 (#1 of 4)",
            "Published 28 July 2026",
            "Journal ref. Transactions on Example Research 3 (2026) 1-34",
            "Comment 34 pages, 12 figures, 9 tables; data card in the appendix",
        ]
    );
    assert!(
        facts.contains(&"Categories cs.CL, cs.LG".to_string()),
        "{facts:?}"
    );
    // 40 authors: 10 shown, 30 folded away (all 40 are links).
    assert_eq!(texts(&page, ".more-authors summary"), ["and 30 more"]);
    assert_eq!(attrs(&page, ".paper-authors a", "href").len(), 40);
    // Links with readable labels, and searches for a paper without an arXiv id.
    assert_eq!(
        texts(&page, ".buttons a"),
        [
            "Project",
            "DOI",
            "Data",
            "Find on arXiv",
            "Find on Hugging Face"
        ]
    );
    let find = attrs(&page, ".buttons a", "href");
    assert_eq!(
        find[3],
        "https://arxiv.org/search/?searchtype=title&query=Open%20Corpus%20Consortium%3A%20Forty%20Labs%2C%20One%20Shared%20Pre%2Dtraining%20Corpus"
    );
    // Bare addresses in the abstract are links.
    assert!(
        attrs(&page, "section.abstract a", "href")
            .contains(&"https://example.org/open-corpus/tokenizer".to_string())
    );
    // The first of its day: no previous paper, a next one, and the way back to its card.
    assert!(texts(&page, ".paper-nav-prev").is_empty());
    assert_eq!(
        attrs(&page, ".paper-nav-next a", "href"),
        ["../../papers/bounds-on-the-generalization-gap-of-softmax-attention/index.html"]
    );
    assert_eq!(
        attrs(&page, ".paper-nav-day a", "href"),
        [
            "../../days/2026-08-04/index.html#p-open-corpus-consortium-forty-labs-one-shared-pretraining-corpus"
        ]
    );

    let imported = read(
        &out,
        "papers/beyond-feeling-better-capability-sustaining-emotional-dialogue-as-a-longitudinal/index.html",
    );
    assert_eq!(
        texts(&imported, ".buttons a"),
        ["arXiv", "PDF"],
        "an arXiv id needs no search"
    );
    let tool = read(
        &out,
        "papers/a-reading-group-s-toolkit-for-replicating-small-language-models/index.html",
    );
    assert!(
        texts(&tool, ".buttons a").contains(&"Web page".to_string()),
        "`url` reads as Web page"
    );
    assert!(
        texts(&tool, ".facts")
            .join(" ")
            .contains("Journal of Open Example Software")
    );
}

#[test]
fn display_math_scrolls_in_a_focusable_labelled_box_and_preloads_the_math_font() {
    let (_dir, out) = showcase();
    let page = read(
        &out,
        "papers/bounds-on-the-generalization-gap-of-softmax-attention/index.html",
    );
    assert_eq!(attrs(&page, ".math-display", "tabindex"), ["0", "0"]);
    assert_eq!(
        attrs(&page, ".math-display", "aria-label"),
        ["Formula", "Formula"]
    );
    assert_eq!(
        attrs(&page, "link[rel=preload][as=font]", "href"),
        ["../../fonts/paperpress-math.woff2"]
    );
    let font = std::fs::metadata(out.join("fonts/paperpress-math.woff2"))
        .unwrap()
        .len();
    assert!(font <= 100_000, "the math font is {font} bytes");
    assert!(out.join("fonts/GUST-FONT-LICENSE.txt").is_file());
    // A page without math does not fetch the font early.
    let plain = read(
        &out,
        "papers/efficient-retrieval-for-agents-a-survey/index.html",
    );
    assert!(attrs(&plain, "link[rel=preload]", "href").is_empty());
}

#[test]
fn a_day_opens_with_its_papers_by_topic_and_its_cards_open_to_the_abstract() {
    let (_dir, out) = showcase();
    let day = read(&out, "days/2026-08-04/index.html");
    let cards = attrs(&day, "article.card", "id");
    assert_eq!(cards.len(), 4);
    // Every jump link of the overview leads to a card on the page.
    let jumps = attrs(&day, ".overview-papers a", "href");
    assert!(!jumps.is_empty());
    for jump in &jumps {
        assert!(
            cards.contains(&jump.trim_start_matches('#').to_string()),
            "{jump}"
        );
    }
    let topics = texts(&day, ".overview-topic");
    assert!(topics[0].starts_with("Language Models"), "{topics:?}");
    // The whole abstract, closed, with the bare address as a link from the day's folder.
    let abstracts = texts(&day, ".card-abstract .prose");
    assert!(
        abstracts[0].contains("the tokenizer is on"),
        "{abstracts:?}"
    );
    assert!(
        attrs(&day, ".card-abstract .prose a", "href")
            .contains(&"https://example.org/open-corpus/tokenizer".to_string())
    );
    // 40 authors on a card: the first two, an ellipsis and the last.
    let byline = texts(
        &day,
        "#p-open-corpus-consortium-forty-labs-one-shared-pretraining-corpus .byline",
    );
    assert_eq!(
        byline[0].split_whitespace().collect::<Vec<_>>().join(" "),
        "Amara Okafor, Bao Nguyen, … and 37 more, and Nadia Haddad"
    );
    // Topic listings carry the summary only; the home page neither.
    let topic = read(&out, "topics/language-models/index.html");
    assert!(!texts(&topic, ".card .summary").is_empty());
    assert!(texts(&topic, ".card-abstract").is_empty());
    let home = read(&out, "index.html");
    assert!(texts(&home, ".card .summary, .card-abstract").is_empty());
    assert!(!texts(&home, ".overview-topic").is_empty());
}

#[test]
fn a_relative_link_in_an_abstract_leads_to_the_same_place_from_the_day() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Alpha",
                    "2025-05-09",
                    "",
                    "Intro.\n\nSee [Beta](../beta/) and ![a figure](fig.png).",
                ),
            ),
            (
                "content/papers/b.md",
                &paper("Beta", "2025-05-09", "", "Beta."),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let day = read(&out, "days/2025-05-09/index.html");
    assert_eq!(
        attrs(&day, ".card-abstract .prose a", "href"),
        ["../../papers/beta/"]
    );
    assert_eq!(
        attrs(&day, ".card-abstract .prose img", "src"),
        ["../../papers/alpha/fig.png"]
    );
}

#[test]
fn a_day_whose_abstracts_have_code_links_the_code_colours() {
    let (_dir, out) = showcase();
    let day = read(&out, "days/2026-08-04/index.html");
    assert_eq!(
        attrs(&day, "link[rel=stylesheet]", "href"),
        ["../../style.css", "../../syntax.css"]
    );
    assert!(!texts(&day, ".card-abstract pre.code").is_empty());
    let other = read(&out, "days/2026-08-03/index.html");
    assert_eq!(
        attrs(&other, "link[rel=stylesheet]", "href"),
        ["../../style.css"]
    );
}

/// The showcase with `theme = "compact"`, built.
fn compact_showcase() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = repo_root().join("examples/showcase");
    let toml = std::fs::read_to_string(source.join("site.toml")).unwrap();
    write(
        dir.path(),
        "site.toml",
        &format!("theme = \"compact\"\n{toml}"),
    );
    for entry in walkdir::WalkDir::new(source.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&source).unwrap();
            write(
                dir.path(),
                rel.to_str().unwrap(),
                &std::fs::read_to_string(entry.path()).unwrap(),
            );
        }
    }
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    (dir, out)
}

#[test]
fn the_compact_theme_lists_one_line_per_paper_numbered_on_days() {
    let (_dir, out) = compact_showcase();
    let day = read(&out, "days/2026-08-04/index.html");
    assert_eq!(
        attrs(&day, "link[rel=stylesheet]", "href"),
        ["../../style.css", "../../compact.css", "../../syntax.css"]
    );
    assert!(out.join("compact.css").is_file());
    // One row per paper, in an ordered list (the number is the rank), each with its
    // first author, and the abstract a click away.
    assert_eq!(texts(&day, "ol.cards > li > article.row").len(), 4);
    let authors: Vec<String> = texts(&day, ".row-author")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(authors[0], "Amara Okafor et al.");
    assert!(
        authors.contains(&"Dana Whitfield and Emeka Obi".to_string()),
        "two authors are both named: {authors:?}"
    );
    assert_eq!(texts(&day, ".row .card-abstract").len(), 4);
    assert!(texts(&day, ".byline").is_empty());
    // Other listings: one line, no summary; the overview and paper pages are the default's.
    let topic = read(&out, "topics/language-models/index.html");
    assert!(texts(&topic, ".summary, .card-abstract").is_empty());
    assert!(!texts(&topic, "article.row").is_empty());
    // The pages where the default theme prints rows print the compact theme's own, in
    // its list, with nothing of the default's rows.
    for listing in [
        "authors/ellie-pavlick/index.html",
        "months/2026-04/index.html",
    ] {
        let html = read(&out, listing);
        assert!(
            !texts(&html, "ol.cards > li > article.row").is_empty(),
            "{listing}"
        );
        assert!(texts(&html, ".paper-row, .summary").is_empty(), "{listing}");
    }
    assert!(!texts(&day, ".overview-topic").is_empty());
    let paper = read(
        &out,
        "papers/bounds-on-the-generalization-gap-of-softmax-attention/index.html",
    );
    assert_eq!(attrs(&paper, ".math-display", "tabindex"), ["0", "0"]);
}

#[test]
fn a_theme_folder_of_the_site_wins_and_an_unknown_theme_names_the_built_in_ones() {
    let dir = site(
        "theme = \"compact\"\ntitle = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Alpha", "2025-05-09", "", "Text."),
            ),
            // The site's own compact theme: extends nothing, and has one template.
            ("themes/compact/templates/index.html", "own index"),
        ],
    );
    let out = dir.path().join("out");
    let err = build_fails(dir.path(), &out, &[]);
    // Without the default theme under it, the other templates are missing.
    assert!(
        err.contains("paper.html") || err.contains("template"),
        "{err}"
    );
    write(
        dir.path(),
        "themes/compact/theme.toml",
        "extends = \"default\"\n",
    );
    build(dir.path(), &out, &[]);
    assert_eq!(read(&out, "index.html"), "own index");
    assert!(
        !out.join("compact.css").exists(),
        "the site's folder replaces the built-in compact theme"
    );

    write(dir.path(), "site.toml", "theme = \"nope\"\ntitle = \"T\"\n");
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("site.toml:1: theme: \"nope\" not found: expected a folder themes/nope/, or a built-in theme (\"compact\", \"default\")"),
        "{err}"
    );
    write(
        dir.path(),
        "themes/compact/theme.toml",
        "extends = \"compact\"\n",
    );
    write(
        dir.path(),
        "site.toml",
        "theme = \"compact\"\ntitle = \"T\"\n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("themes/compact/theme.toml:1: extends: \"compact\" makes a loop of themes extending each other (compact extends compact); the site's folder themes/compact/ takes the place of the built-in theme \"compact\", so it cannot extend it; rename the folder"),
        "{err}"
    );
    // Two themes of the site that extend each other.
    write(dir.path(), "themes/a/theme.toml", "extends = \"b\"\n");
    write(dir.path(), "themes/b/theme.toml", "\nextends = \"a\"\n");
    write(dir.path(), "site.toml", "theme = \"a\"\ntitle = \"T\"\n");
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("themes/b/theme.toml:2: extends: \"a\" makes a loop of themes extending each other (a extends b extends a); let one of them extend a theme outside the loop, or nothing"),
        "{err}"
    );
    write(dir.path(), "themes/b/theme.toml", "extends = \"\"\n");
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("themes/b/theme.toml:1: extends: \"\" is not a theme name"),
        "{err}"
    );
    write(
        dir.path(),
        "site.toml",
        "theme = \"compact\"\ntitle = \"T\"\n",
    );

    // A misspelt parent is blamed on the theme.toml that names it, at its line.
    write(
        dir.path(),
        "themes/compact/theme.toml",
        "name = \"Mine\"\nextends = \"defualt\"\n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("themes/compact/theme.toml:2: extends: \"defualt\" not found: expected a folder themes/defualt/, or a built-in theme (\"compact\", \"default\"); did you mean \"default\"?"),
        "{err}"
    );
    assert!(!err.contains("site.toml"), "{err}");
    // A misspelt key would leave the theme without its parent: it is an error.
    write(
        dir.path(),
        "themes/compact/theme.toml",
        "extend = \"default\"\n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains(
            "themes/compact/theme.toml:1: unknown key \"extend\"; did you mean \"extends\"?"
        ),
        "{err}"
    );
    write(
        dir.path(),
        "themes/compact/theme.toml",
        "name = \"Mine\"\nextends = \n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("themes/compact/theme.toml:2: not valid TOML"),
        "{err}"
    );
    // A theme name one letter off a theme folder of the site is suggested.
    write(
        dir.path(),
        "site.toml",
        "title = \"T\"\ntheme = \"compcat\"\n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("site.toml:2: theme: \"compcat\" not found")
            && err.contains("did you mean \"compact\"?"),
        "{err}"
    );
}

#[test]
fn a_site_changes_one_block_of_every_page_with_a_base_html_of_its_own() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Alpha", "2025-05-09", "", "Text."),
            ),
            (
                "templates/base.html",
                "{% extends \"layout.html\" %}{% block header_search %}<p class=\"own\">Mine</p>{% endblock header_search %}{% block head %}<meta name=\"own-head\" content=\"x\">{% endblock head %}",
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    // Pages that add to the head keep the site's addition (they call super()).
    for page in ["papers/alpha/index.html", "search/index.html"] {
        let html = read(&out, page);
        assert_eq!(
            html.matches("<meta name=\"own-head\" content=\"x\">")
                .count(),
            1,
            "{page}"
        );
    }
    for page in [
        "index.html",
        "papers/alpha/index.html",
        "days/2025-05-09/index.html",
    ] {
        let html = read(&out, page);
        assert_eq!(
            html.matches("<meta name=\"own-head\" content=\"x\">")
                .count(),
            1,
            "{page}"
        );
        assert_eq!(texts(&html, ".site-header .own"), ["Mine"], "{page}");
        assert!(texts(&html, ".site-search").is_empty(), "{page}");
        assert_eq!(
            texts(&html, ".site-title"),
            ["T"],
            "the rest of the layout stays"
        );
    }
}
