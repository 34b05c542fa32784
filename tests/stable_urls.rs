//! Addresses that stay: a written slug keeps a page where it is when its title changes,
//! `aliases` redirect earlier addresses, and `watch` says when a page moved.

mod common;

use common::running::Running;
use common::*;

#[test]
fn aliases_write_redirect_pages_that_work_without_refresh() {
    let dir = site(
        "title = \"T\"\nbase_url = \"https://example.org/digest/\"\n",
        &[(
            "content/papers/a.md",
            &paper(
                "New Title with $x^2$",
                "2025-05-09",
                "aliases = [\"/papers/old-title/\", \"old.html\", \"/deep/er/page.html\"]",
                "Abstract.",
            ),
        )],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    for (file, target) in [
        (
            "papers/old-title/index.html",
            "../../papers/new-title-with-x2/index.html",
        ),
        ("old.html", "./papers/new-title-with-x2/index.html"),
        (
            "deep/er/page.html",
            "../../papers/new-title-with-x2/index.html",
        ),
    ] {
        let html = read(&out, file);
        let refresh = attrs(&html, "meta[http-equiv=refresh]", "content");
        assert_eq!(refresh, [format!("0; url={target}")], "{file}");
        assert_eq!(
            attrs(&html, "link[rel=canonical]", "href"),
            ["https://example.org/digest/papers/new-title-with-x2/"],
            "{file}"
        );
        // Readers without refresh get a visible link, with the title as it shows.
        let links: Vec<String> = attrs(&html, "main a", "href");
        assert_eq!(links, [target.to_string()], "{file}");
        assert!(
            texts(&html, "main")
                .join(" ")
                .contains("This page has moved"),
            "{file}"
        );
        assert_eq!(
            resolve(file, target, "/digest/").as_deref(),
            Some("papers/new-title-with-x2/index.html")
        );
    }
    // The redirect's target exists.
    read(&out, "papers/new-title-with-x2/index.html");
}

#[test]
fn an_alias_may_not_take_another_page_and_no_new_paper_takes_an_alias() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Renamed",
                    "2025-05-01",
                    "slug = \"renamed\"\naliases = [\"/papers/original/\"]",
                    "Renamed paper.",
                ),
            ),
            // Its title gives the slug of the other paper's old address.
            (
                "content/papers/b.md",
                &paper("Original", "2025-05-09", "", "Another paper."),
            ),
        ],
    );
    let out = dir.path().join("out");
    let run = build(dir.path(), &out, &[]);
    let redirect = read(&out, "papers/original/index.html");
    assert_eq!(
        attrs(&redirect, "meta[http-equiv=refresh]", "content"),
        ["0; url=../../papers/renamed/index.html"]
    );
    assert!(
        texts(&read(&out, "papers/original-2025-05-09/index.html"), "main")
            .join(" ")
            .contains("Another paper.")
    );
    assert!(
        stderr(&run).contains(
            "slug \"original\" is an earlier address (in `aliases`) of content/papers/a.md"
        ),
        "{}",
        stderr(&run)
    );

    // An alias at the address of a page the site has is an error naming the entry.
    write(
        dir.path(),
        "content/papers/c.md",
        &paper(
            "Third",
            "2025-05-09",
            "aliases = [\"/topics/\"]",
            "Third paper.",
        ),
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains(
            "error: content/papers/c.md:4: aliases: /topics/index.html is a page of the site"
        ),
        "{}",
        err
    );
    // The failed build left the previous output as it was.
    read(&out, "papers/original/index.html");
}

#[test]
fn bad_aliases_are_errors_with_their_line() {
    for bad in [
        "\"https://example.org/x/\"",
        "\"/papers/../x/\"",
        "\"/x/?q=1\"",
        "\"/\"",
    ] {
        let dir = site(
            "title = \"T\"\n",
            &[(
                "content/papers/a.md",
                &paper("A", "2025-05-09", &format!("aliases = [{bad}]"), "x"),
            )],
        );
        let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
        assert!(
            err.contains("content/papers/a.md:4: aliases: ")
                && err.contains("is not a path of this site"),
            "{bad}: {}",
            err
        );
    }
}

#[test]
fn watch_says_when_a_page_moves_and_a_written_slug_keeps_it() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/kept.md",
                &paper("Kept Title", "2025-05-09", "slug = \"kept-title\"", "x"),
            ),
            (
                "content/papers/moving.md",
                &paper("Moving Title", "2025-05-09", "", "y"),
            ),
        ],
    );
    let root = dir.path();
    let (mut watch, out) = Running::watch(root);
    // A title edit of an entry with a written slug moves nothing.
    write(
        root,
        "content/papers/kept.md",
        &paper("Kept, Retitled", "2025-05-09", "slug = \"kept-title\"", "x"),
    );
    watch.wait_for("kept.md changed");
    assert!(read(&out, "papers/kept-title/index.html").contains("Kept, Retitled"));
    // One without moves, and the log says from where to where, with the alias to add.
    write(
        root,
        "content/papers/moving.md",
        &paper("Moved Title", "2025-05-09", "", "y"),
    );
    let line = watch.wait_for("its page moved");
    assert!(
        line.contains("content/papers/moving.md: its page moved from /papers/moving-title/ to /papers/moved-title/")
            && line.contains("aliases = [\"/papers/moving-title/\"]"),
        "{line}"
    );
    assert!(
        !watch
            .log
            .iter()
            .any(|l| l.contains("kept.md: its page moved")),
        "{:?}",
        watch.log
    );
    // An address another page now holds is not offered as an alias.
    write(
        root,
        "content/papers/kept.md",
        &paper(
            "Kept, Retitled",
            "2025-05-09",
            "slug = \"moved-title\"",
            "x",
        ),
    );
    let line = watch.wait_for("moving.md: its page moved");
    assert!(
        line.contains("from /papers/moved-title/ to /papers/moved-title-2025-05-09/; /papers/moved-title/ is now the page of content/papers/kept.md"),
        "{line}"
    );
}

#[test]
fn update_with_a_new_title_keeps_the_page_where_it_was() {
    // An entry written by hand, before entries carried their slug.
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/mine.md",
            &paper(
                "Sparse Experts (draft title)",
                "2024-01-03",
                "arxiv = \"2401.01234v2\"",
                "My abstract.",
            ),
        )],
    );
    let root = dir.path();
    let out = root.join("out");
    build(root, &out, &[]);
    read(&out, "papers/sparse-experts-draft-title/index.html");

    let source = repo_root().join("tests/fixtures/import/arxiv-new-style.xml");
    let run = paperpress(&[
        "import",
        "arxiv-atom",
        source.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
        "--update",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let entry = read(root, "content/papers/mine.md");
    assert!(
        entry.contains("slug = \"sparse-experts-draft-title\""),
        "{entry}"
    );
    assert!(
        entry.contains("title = 'Sparse Mixtures of Experts"),
        "{entry}"
    );
    build(root, &out, &[]);
    let page = read(&out, "papers/sparse-experts-draft-title/index.html");
    assert!(
        texts(&page, "h1")
            .join(" ")
            .contains("Sparse Mixtures of Experts")
    );
    // The new paper of that import got its slug written too.
    let new_entries: Vec<String> = snapshot(&root.join("content/papers"))
        .into_iter()
        .filter(|(p, _)| p != "mine.md")
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    assert_eq!(new_entries.len(), 1);
    assert!(
        new_entries[0].contains("slug = \"prefixes-are-not-names\""),
        "{}",
        new_entries[0]
    );
}

#[test]
fn aliases_never_take_a_static_file_a_hidden_name_or_a_new_papers_address() {
    for (alias, expected) in [
        (
            "/style.css",
            "aliases: /style.css is a static file of the site",
        ),
        ("/.git/", "is not a path of this site"),
        ("/.paperpress-output/", "is not a path of this site"),
        ("/index.html", "is the site's home page"),
    ] {
        let dir = site(
            "title = \"T\"\n",
            &[(
                "content/papers/a.md",
                &paper("A", "2025-05-09", &format!("aliases = [{alias:?}]"), "x"),
            )],
        );
        let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
        assert!(err.contains(expected), "{alias}: {err}");
        let run = paperpress(&["check", "--root", dir.path().to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(1), "{alias}: {}", stdout(&run));
    }

    // An old address in any form is kept from new papers: from the build's own slugs,
    // from `new` and from importers.
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/a.md",
            &paper(
                "Renamed Paper",
                "2025-05-01",
                "slug = \"renamed-paper\"\naliases = [\"/papers/old-title/index.html\"]",
                "x",
            ),
        )],
    );
    let root = dir.path();
    let run = paperpress(&[
        "new",
        "Old Title",
        "--date",
        "2025-05-10",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let entry = read(root, "content/papers/2025-05-10/old-title-2025-05-10.md");
    assert!(entry.contains("slug = \"old-title-2025-05-10\""), "{entry}");
    write(
        root,
        "content/papers/b.md",
        &paper("Old Title", "2025-05-11", "", "By title."),
    );
    let out = root.join("out");
    build(root, &out, &[]);
    assert!(read(&out, "papers/old-title/index.html").contains("http-equiv=\"refresh\""));
    assert!(
        texts(
            &read(&out, "papers/old-title-2025-05-11/index.html"),
            "main"
        )
        .join(" ")
        .contains("By title.")
    );
}
