//! Rebuilds are exact: after each of many kinds of edit, the pages a `Session` rewrites
//! (and removes), applied to the previous output, give exactly what a fresh build of the
//! same files gives. This is what catches a page input missing from its fingerprint.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{paper, site, write};
use paperpress::pipeline::{Changes, Session, Target};

type Files = BTreeMap<String, String>;

/// What an edit is, the file it changes, and the edit.
type Edit<'a> = (&'static str, &'static str, Box<dyn Fn() + 'a>);

/// An edit that writes `text` as the whole of `file`.
fn rewrite<'a>(root: &'a Path, what: &'static str, file: &'static str, text: String) -> Edit<'a> {
    (what, file, Box::new(move || write(root, file, &text)))
}

/// The generated pages of a fresh build (static files are checked by the watch tests).
fn fresh(root: &Path) -> Files {
    let update = Session::open(common::session_options(root))
        .build(Target::Memory)
        .expect("the site builds");
    update.write.into_iter().map(|p| (p.file, p.html)).collect()
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_fresh_build_gives() {
    let keywords = "\n[[topics]]\nname = \"Vision\"\nkeywords = [\"image\"]\n\n[[topics]]\nname = \"Speech\"\nkeywords = [\"audio\"]\n";
    // A sitemap in several files, so that edits move pages between them.
    let split_sitemap = "\n[sitemap]\nurls_per_file = 8\n";
    let dir = site(
        &format!(
            "title = \"Exact\"\npaginate_by = 2\n{keywords}\n[feeds]\nlimit = 2\n{split_sitemap}"
        ),
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Alpha",
                    "2025-05-09",
                    "authors = [\"Ada\"]",
                    "About image models.\n\nMore.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Beta",
                    "2025-05-09",
                    "authors = [\"Ada\", \"Bob\"]",
                    "About audio.",
                ),
            ),
            (
                "content/papers/c.md",
                &paper("Gamma", "2025-05-08", "upvotes = 3", "Image and audio."),
            ),
            (
                "content/papers/d.md",
                &paper("Delta", "2025-05-07", "topics = [\"Own topic\"]", "Text."),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About\"\n+++\n\nAbout us.\n",
            ),
        ],
    );
    let root = dir.path();
    let mut session = Session::open(common::session_options(root));
    let first = session.build(Target::Memory).unwrap();
    let mut output: Files = first
        .write
        .iter()
        .map(|p| (p.file.clone(), p.html.clone()))
        .collect();
    assert!(output.contains_key("sitemap-2.xml"), "the sitemap is split");
    session.commit(first);

    // (what, the file it changes, the edit)
    let edits: Vec<Edit> = vec![
        rewrite(
            root,
            "abstract past the summary",
            "content/papers/a.md",
            paper(
                "Alpha",
                "2025-05-09",
                "authors = [\"Ada\"]",
                "About image models.\n\nMore, edited.",
            ),
        ),
        rewrite(
            root,
            "abstract that gains a keyword",
            "content/papers/a.md",
            paper(
                "Alpha",
                "2025-05-09",
                "authors = [\"Ada\"]",
                "About image and audio models.",
            ),
        ),
        rewrite(
            root,
            "title",
            "content/papers/b.md",
            paper(
                "Beta Prime",
                "2025-05-09",
                "authors = [\"Ada\", \"Bob\"]",
                "About audio.",
            ),
        ),
        rewrite(
            root,
            "a new paper whose citation key clashes with an older one's",
            "content/papers/g.md",
            paper("Beta Again", "2025-05-10", "authors = [\"Ada\"]", "Later."),
        ),
        rewrite(
            root,
            "an older paper that takes a citation key first",
            "content/papers/h.md",
            paper(
                "Beta Older",
                "2025-05-01",
                "authors = [\"Ada\"]",
                "Earlier.",
            ),
        ),
        rewrite(
            root,
            "a written bibtex_key",
            "content/papers/h.md",
            paper(
                "Beta Older",
                "2025-05-01",
                "authors = [\"Ada\"]\nbibtex_key = \"older\"",
                "Earlier.",
            ),
        ),
        rewrite(
            root,
            "a publication date (the year of a citation key)",
            "content/papers/g.md",
            paper(
                "Beta Again",
                "2025-05-10",
                "authors = [\"Ada\"]\npublished = \"2024-02\"\nvenue = \"ICML\"",
                "Later.",
            ),
        ),
        (
            "a deleted paper that held a citation key",
            "content/papers/g.md",
            Box::new(|| std::fs::remove_file(root.join("content/papers/g.md")).unwrap()),
        ),
        (
            "another deleted paper",
            "content/papers/h.md",
            Box::new(|| std::fs::remove_file(root.join("content/papers/h.md")).unwrap()),
        ),
        rewrite(
            root,
            "date moves a paper to a new day",
            "content/papers/c.md",
            paper("Gamma", "2025-05-10", "upvotes = 3", "Image and audio."),
        ),
        rewrite(
            root,
            "upvotes",
            "content/papers/c.md",
            paper("Gamma", "2025-05-10", "upvotes = 9", "Image and audio."),
        ),
        rewrite(
            root,
            "upvotes that reorder a day",
            "content/papers/b.md",
            paper(
                "Beta Prime",
                "2025-05-09",
                "authors = [\"Ada\", \"Bob\"]\nupvotes = 50",
                "About audio.",
            ),
        ),
        rewrite(
            root,
            "a rank",
            "content/papers/a.md",
            paper(
                "Alpha",
                "2025-05-09",
                "authors = [\"Ada\"]\nrank = 1\nupvotes = 50",
                "About image and audio models.",
            ),
        ),
        rewrite(
            root,
            "a written slug and an alias",
            "content/papers/a.md",
            paper(
                "Alpha",
                "2025-05-09",
                "authors = [\"Ada\"]\nrank = 1\nupvotes = 50\nslug = \"first\"\naliases = [\"/papers/alpha/\"]",
                "About image and audio models.",
            ),
        ),
        rewrite(
            root,
            "the title of an aliased paper",
            "content/papers/a.md",
            paper(
                "Alpha, Renamed",
                "2025-05-09",
                "authors = [\"Ada\"]\nrank = 1\nupvotes = 50\nslug = \"first\"\naliases = [\"/papers/alpha/\"]",
                "About image and audio models.",
            ),
        ),
        rewrite(
            root,
            "an alias removed",
            "content/papers/a.md",
            paper(
                "Alpha, Renamed",
                "2025-05-09",
                "authors = [\"Ada\"]\nrank = 1\nupvotes = 50\nslug = \"first\"",
                "About image and audio models.",
            ),
        ),
        rewrite(
            root,
            "a publication date and a DOI",
            "content/papers/b.md",
            paper(
                "Beta Prime",
                "2025-05-09",
                "authors = [\"Ada\", \"Bob\"]\npublished = \"2024-11\"\n[links]\ndoi = \"10.1/b\"",
                "About audio.",
            ),
        ),
        rewrite(
            root,
            "a publication date made more precise",
            "content/papers/b.md",
            paper(
                "Beta Prime",
                "2025-05-09",
                "authors = [\"Ada\", \"Bob\"]\npublished = \"2024-11-02\"\n[links]\ndoi = \"10.1/b\"",
                "About audio.",
            ),
        ),
        rewrite(
            root,
            "an author's name",
            "content/papers/b.md",
            paper(
                "Beta Prime",
                "2025-05-09",
                "authors = [\"Ada\", \"Bobby\"]",
                "About audio.",
            ),
        ),
        rewrite(
            root,
            "an abstract with a relative link and math (in every feed that holds it)",
            "content/papers/a.md",
            paper(
                "Alpha, Renamed",
                "2025-05-09",
                "authors = [\"Ada\"]\nrank = 1\nupvotes = 50\nslug = \"first\"",
                "About image and audio models, as in [Beta](../beta/), where $x < 1$.",
            ),
        ),
        rewrite(
            root,
            "a publication date (in the feeds)",
            "content/papers/c.md",
            paper(
                "Gamma",
                "2025-05-10",
                "upvotes = 9\npublished = \"2025-05-01\"",
                "Image and audio.",
            ),
        ),
        rewrite(
            root,
            "a topic added to a paper (it enters that topic's feed)",
            "content/papers/d.md",
            paper(
                "Delta",
                "2025-05-07",
                "topics = [\"Own topic\", \"Speech\"]",
                "Text.",
            ),
        ),
        rewrite(
            root,
            "a topic taken from a paper (it leaves that topic's feed)",
            "content/papers/d.md",
            paper("Delta", "2025-05-07", "topics = [\"Own topic\"]", "Text."),
        ),
        rewrite(
            root,
            "a newest paper (it pushes another out of the feeds)",
            "content/papers/f.md",
            paper("Phi", "2025-05-12", "topics = [\"Vision\"]", "Newest."),
        ),
        (
            "the newest paper deleted (the one it pushed out comes back)",
            "content/papers/f.md",
            Box::new(|| std::fs::remove_file(root.join("content/papers/f.md")).unwrap()),
        ),
        rewrite(
            root,
            "the first code block",
            "content/papers/d.md",
            paper(
                "Delta",
                "2025-05-07",
                "topics = [\"Own topic\"]",
                "```rust\nfn main() {}\n```",
            ),
        ),
        (
            "a plain page's title (in every page's nav)",
            "content/about.md",
            Box::new(|| {
                write(
                    root,
                    "content/about.md",
                    "+++\ntitle = \"About this digest\"\n+++\n\nAbout us.\n",
                )
            }),
        ),
        (
            "a plain page's text",
            "content/about.md",
            Box::new(|| {
                write(
                    root,
                    "content/about.md",
                    "+++\ntitle = \"About this digest\"\n+++\n\nAbout us, edited.\n",
                )
            }),
        ),
        rewrite(
            root,
            "a draft",
            "content/papers/a.md",
            paper(
                "Alpha",
                "2025-05-09",
                "authors = [\"Ada\"]\ndraft = true",
                "About image models.",
            ),
        ),
        rewrite(
            root,
            "a new paper",
            "content/papers/e.md",
            paper("Epsilon", "2025-05-07", "authors = [\"Eve\"]", "New."),
        ),
        (
            "a deleted paper (last of its author)",
            "content/papers/e.md",
            Box::new(|| std::fs::remove_file(root.join("content/papers/e.md")).unwrap()),
        ),
        rewrite(
            root,
            "no more code",
            "content/papers/d.md",
            paper("Delta", "2025-05-07", "topics = [\"Own topic\"]", "Text."),
        ),
        rewrite(
            root,
            "a date that moves a paper to another day, week and month",
            "content/papers/d.md",
            paper("Delta", "2025-04-30", "topics = [\"Own topic\"]", "Text."),
        ),
        rewrite(
            root,
            "a date that moves it into a week it shares with another paper",
            "content/papers/d.md",
            paper("Delta", "2025-05-05", "topics = [\"Own topic\"]", "Text."),
        ),
        rewrite(
            root,
            "a date that moves it back out, to the first week of a year",
            "content/papers/d.md",
            paper("Delta", "2024-12-30", "topics = [\"Own topic\"]", "Text."),
        ),
        (
            "a deleted paper, the last of its day, week and month",
            "content/papers/d.md",
            Box::new(|| std::fs::remove_file(root.join("content/papers/d.md")).unwrap()),
        ),
        (
            "citation tags turned off",
            "site.toml",
            Box::new(|| {
                write(
                    root,
                    "site.toml",
                    &format!(
                        "title = \"Exact\"\npaginate_by = 2\n{keywords}{split_sitemap}\n[metadata]\ncitation_tags = false\n"
                    ),
                )
            }),
        ),
        (
            "a site's own robots.txt",
            "static/robots.txt",
            Box::new(|| write(root, "static/robots.txt", "User-agent: *\nDisallow: /\n")),
        ),
        (
            "settings (the sitemap in one file again)",
            "site.toml",
            Box::new(|| {
                write(
                    root,
                    "site.toml",
                    &format!("title = \"Exact, renamed\"\npaginate_by = 3\n{keywords}"),
                )
            }),
        ),
        (
            "the feeds' size and author",
            "site.toml",
            Box::new(|| {
                write(
                    root,
                    "site.toml",
                    &format!(
                        "title = \"Exact, renamed\"\npaginate_by = 3\n{keywords}\n[feeds]\nlimit = 1\nauthor = \"Desk\"\n"
                    ),
                )
            }),
        ),
        (
            "a feed template",
            "templates/atom.xml",
            Box::new(|| {
                write(
                    root,
                    "templates/atom.xml",
                    "<feed><title>{{ title }}</title>{% for p in papers %}<id>{{ p.permalink }}</id>{% endfor %}</feed>",
                )
            }),
        ),
        (
            "the email template",
            "templates/email.txt",
            Box::new(|| {
                write(
                    root,
                    "templates/email.txt",
                    "{{ day.date }}:{% for p in papers %} {{ p.title }};{% endfor %}\n",
                )
            }),
        ),
        (
            "the card template, which the card filter renders for every listing",
            "templates/card.html",
            Box::new(|| {
                write(
                    root,
                    "templates/card.html",
                    "<p><a href=\"{{ root }}{{ paper.path }}\">{{ paper.title }}</a> h{{ heading }}</p>",
                )
            }),
        ),
        (
            "a template",
            "templates/page.html",
            Box::new(|| {
                write(
                    root,
                    "templates/page.html",
                    "{% extends \"base.html\" %}{% block content %}<p>{{ page.title }}</p>{% endblock %}",
                )
            }),
        ),
        (
            "the site's own robots.txt removed",
            "static/robots.txt",
            Box::new(|| std::fs::remove_file(root.join("static/robots.txt")).unwrap()),
        ),
    ];
    for (what, file, edit) in edits {
        edit();
        // Only what changed, as the watcher would report it.
        let changes = Changes {
            config: file == "site.toml",
            theme: file.starts_with("templates/") || file.starts_with("static/"),
            content: vec![root.join(file)]
                .into_iter()
                .filter(|_| file.starts_with("content/"))
                .collect(),
        };
        session.apply(&changes);
        let update = session
            .build(Target::Memory)
            .unwrap_or_else(|r| panic!("{what}: {:?}", r.errors));
        for file in &update.remove {
            output.remove(file);
        }
        for page in &update.write {
            output.insert(page.file.clone(), page.html.clone());
        }
        session.commit(update);
        let expected = fresh(root);
        let stale: Vec<&String> = expected
            .keys()
            .filter(|f| output.get(*f) != expected.get(*f))
            .collect();
        let extra: Vec<&String> = output
            .keys()
            .filter(|f| !expected.contains_key(*f))
            .collect();
        assert!(
            stale.is_empty() && extra.is_empty(),
            "after editing {what}: stale {stale:?}, left over {extra:?}"
        );
    }
}
