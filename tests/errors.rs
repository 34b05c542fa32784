//! Bad input: clear errors naming file and line, all of them at once, no panics, and a
//! failed build never touches the previous output.

mod common;

use common::*;

#[test]
fn a_malformed_entry_names_file_line_and_problem() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/x.md",
            "+++\ntitle = \"A paper\"\ndate = \"May 9\"\n+++\nAbstract.\n",
        )],
    );
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    assert!(
        err.contains("error: content/papers/x.md:3: date: expected YYYY-MM-DD, found \"May 9\""),
        "{err}"
    );
}

#[test]
fn every_error_of_a_build_is_reported() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                "+++\ntitle = \"A\"\ndate = 2025-13-01\n+++\n",
            ),
            (
                "content/papers/b.md",
                "---\ntitle: B\ndate: 2025-05-09\nupvotes: many\n---\n",
            ),
            (
                "content/papers/c.md",
                "+++\ntitle = \"C\"\ndate = 2025-05-09\n[links]\npdf = \"javascript:alert(1)\"\n+++\n",
            ),
            ("content/papers/d.md", "no front matter here\n"),
            ("content/papers/e.md", "+++\ntitle = \"E\n+++\n"),
            (
                "content/papers/ok.md",
                &paper("Fine", "2025-05-09", "", "ok"),
            ),
            ("templates/day.html", "{% if %}"),
        ],
    );
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    for expected in [
        "content/papers/a.md:3: front matter is not valid TOML: invalid date",
        "content/papers/b.md:4: upvotes: expected a whole number",
        "content/papers/c.md:4: links.pdf: expected an http(s) URL",
        "content/papers/d.md:1: expected front matter",
        "content/papers/e.md:2: front matter is not valid TOML",
        "templates/day.html:1:",
        "Build failed with 6 errors",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn a_misspelt_block_in_a_sites_template_fails_the_build_and_says_what_was_meant() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Fine", "2025-05-09", "", "ok"),
            ),
            (
                "templates/paper.html",
                "{% extends \"base.html\" %}\n\n{% block contnet %}<p>Mine</p>{% endblock contnet %}\n",
            ),
        ],
    );
    let out = dir.path().join("out");
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains(
            "templates/paper.html:3: block `contnet` is in no template this one extends \
             (base.html → layout.html), so nothing of it would be shown; did you mean `content`?"
        ),
        "{err}"
    );
    assert!(!out.exists());
    // Spelt right, the page shows it.
    write(
        dir.path(),
        "templates/paper.html",
        "{% extends \"base.html\" %}\n\n{% block content %}<p>Mine</p>{% endblock content %}\n",
    );
    build(dir.path(), &out, &[]);
    assert!(read(&out, "papers/fine/index.html").contains("<p>Mine</p>"));
}

/// No staging or old-output folder (`.paperpress-build-*`, `.paperpress-old-*`) is left
/// beside the output folder, in `dir`.
fn assert_no_temporary_folders(dir: &std::path::Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".paperpress-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/a.md",
            &paper("Good", "2025-05-09", "", "Fine."),
        )],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let before = snapshot(&out);
    write(
        dir.path(),
        "content/papers/b.md",
        "+++\ntitle = \"Bad\"\n+++\n",
    );
    write(
        dir.path(),
        "content/papers/a.md",
        &paper("Good but edited", "2025-05-09", "", "Changed."),
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(
        err.contains("content/papers/b.md:1: date: missing"),
        "{err}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "the output changed after a failed build"
    );
    assert_no_temporary_folders(dir.path());
}

#[test]
fn a_build_that_fails_while_writing_its_pages_leaves_the_previous_output_untouched() {
    // A whole build writes its pages into a staging folder as they are rendered: a
    // template that fails on one page, after others were written, must still leave the
    // previous output as it was and no staging folder behind.
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("Good", "2025-05-09", "", "Fine."),
            ),
            (
                "content/papers/b.md",
                &paper("Other", "2025-05-08", "", "Also fine."),
            ),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    let before = snapshot(&out);
    write(
        dir.path(),
        "content/papers/a.md",
        &paper("Good but edited", "2025-05-09", "", "Changed."),
    );
    write(
        dir.path(),
        "templates/email.txt",
        "{% if day.date == \"2025-05-08\" %}{{ throw(message=\"broken on purpose\") }}{% endif %}mail\n",
    );
    let err = build_fails(dir.path(), &out, &[]);
    assert!(err.contains("broken on purpose"), "{err}");
    assert!(err.contains("days/2025-05-08/email.txt"), "{err}");
    assert_eq!(
        snapshot(&out),
        before,
        "the output changed after a failed build"
    );
    assert_no_temporary_folders(dir.path());
}

#[test]
fn a_successful_build_replaces_the_output_but_keeps_its_dotfiles() {
    let dir = site(
        "title = \"T\"\n",
        &[("content/papers/a.md", &paper("Old", "2025-05-09", "", "x"))],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    write(&out, ".gitignore", "*\n");
    write(&out, ".git/HEAD", "ref: refs/heads/gh-pages\n");
    std::fs::remove_file(dir.path().join("content/papers/a.md")).unwrap();
    write(
        dir.path(),
        "content/papers/b.md",
        &paper("New", "2025-05-09", "", "x"),
    );
    build(dir.path(), &out, &[]);
    write(
        dir.path(),
        "content/papers/b.md",
        &paper("New", "2025-05-09", "", "Edited abstract."),
    );
    build(dir.path(), &out, &[]);
    assert!(
        read(&out, "papers/new/index.html").contains("Edited abstract."),
        "an edited entry's page is rewritten"
    );
    assert!(
        !out.join("papers/old").exists(),
        "a deleted entry's page is gone"
    );
    assert!(out.join("papers/new/index.html").exists());
    assert_eq!(read(&out, ".gitignore"), "*\n");
    assert_eq!(read(&out, ".git/HEAD"), "ref: refs/heads/gh-pages\n");
}

#[test]
fn a_folder_of_someone_elses_files_is_never_replaced() {
    let dir = site(
        "title = \"T\"\n",
        &[("content/papers/a.md", &paper("A", "2025-05-09", "", "x"))],
    );
    let precious = dir.path().join("Documents");
    write(&precious, "thesis.tex", "years of work");
    let err = build_fails(dir.path(), &precious, &[]);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(read(&precious, "thesis.tex"), "years of work");
}

#[test]
fn an_output_folder_inside_the_sites_inputs_is_refused() {
    let dir = site(
        "title = \"T\"\n",
        &[("content/papers/a.md", &paper("A", "2025-05-09", "", "x"))],
    );
    for inside in ["static/site", "content/site", "templates/out"] {
        let err = build_fails(dir.path(), &dir.path().join(inside), &[]);
        let folder = inside.split('/').next().unwrap();
        assert!(err.contains(&format!("inside {folder}/")), "{err}");
        assert!(!dir.path().join(inside).exists(), "{inside} was written");
    }
    // `..` is resolved by name before comparing.
    let err = build_fails(
        dir.path(),
        &dir.path().join("elsewhere/../static/site"),
        &[],
    );
    assert!(err.contains("inside static/"), "{err}");
    build(dir.path(), &dir.path().join("content/../site"), &[]);
    assert!(dir.path().join("site/index.html").is_file());
}

#[test]
fn a_static_file_may_not_take_the_place_of_the_code_stylesheet() {
    let dir = site(
        "title = \"T\"\n",
        &[
            (
                "content/papers/a.md",
                &paper("A", "2025-05-09", "", "```rust\nfn main() {}\n```"),
            ),
            ("static/syntax.css", "body {}"),
        ],
    );
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    assert!(err.contains("static/syntax.css"), "{err}");
    assert!(
        err.contains("would overwrite the generated page syntax.css"),
        "{err}"
    );
}

#[test]
fn a_missing_site_toml_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    assert!(err.contains("site.toml") && err.contains("--root"), "{err}");
}

#[test]
fn no_input_makes_it_panic() {
    let nasty: &[&[u8]] = &[
        b"",
        b"+++",
        b"+++\n+++",
        b"---\n---\n",
        b"\xff\xfe\x00binary",
        "+++\ntitle = \"x\"\ndate = 2025-01-01\narxiv = \"aaaaa\u{e9}\"\n+++\n".as_bytes(),
        b"+++\ntitle = 1\ndate = 1979-05-27T07:32:00Z\nauthors = [1, [2], {a = 3}]\ntopics = \"\"\nupvotes = 1e400\n+++\n",
        b"---\ntitle: [a, b]\ndate: !tag 2025-01-01\nauthors: {x: y}\nlinks: [1]\n---\n",
        b"---\n: :\n  - ][\n---\n",
        b"+++\ntitle = \"\xc3\xa9\xe2\x80\xae\"\ndate = 2025-02-30\nslug = \"///\"\narxiv = \"\xf0\x9f\x92\xa5\"\n+++\n",
        b"+++\ntitle = \"ok\"\ndate = 2025-01-01\n+++\n[x]: javascript:alert(1)\n\n[y][x] <!-- <script> --> \x00",
    ];
    for (i, bytes) in nasty.iter().enumerate() {
        let dir = site("title = \"T\"\n", &[]);
        std::fs::write(dir.path().join("content/papers/x.md"), bytes).unwrap();
        let run = paperpress(&["build", "--root", dir.path().to_str().unwrap()]);
        let err = stderr(&run);
        assert!(!err.contains("panicked"), "input {i} panicked:\n{err}");
        if !run.status.success() {
            assert!(
                err.contains("content/papers/x.md"),
                "input {i}: the error must name the file:\n{err}"
            );
        }
    }
}

#[test]
fn a_file_or_a_link_given_as_output_is_refused_and_kept() {
    let dir = site(
        "title = \"T\"\n",
        &[("content/papers/a.md", &paper("A", "2025-05-09", "", "x"))],
    );
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my precious notes").unwrap();
    let err = build_fails(dir.path(), &notes, &[]);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "my precious notes"
    );

    let real = dir.path().join("real");
    build(dir.path(), &real, &[]);
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let err = build_fails(dir.path(), &link, &[]);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn hidden_static_files_are_published() {
    let dir = site(
        "title = \"T\"\n",
        &[
            ("content/papers/a.md", &paper("A", "2025-05-09", "", "x")),
            ("static/.nojekyll", ""),
            ("static/.well-known/security.txt", "Contact: mailto:a@b.c\n"),
            ("static/notes.txt~", "editor backup"),
        ],
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    assert!(out.join(".nojekyll").exists());
    assert!(out.join(".well-known/security.txt").exists());
    assert!(!out.join("notes.txt~").exists());
}

#[test]
fn many_warnings_print_a_short_summary() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..120 {
        // Same title: slug clashes. A misspelt field every third. Broken math every fifth.
        let extra = if i % 3 == 0 { "author = [\"A\"]" } else { "" };
        let body = if i % 5 == 0 {
            "Bad $\\frac{1}$ math."
        } else {
            "Fine."
        };
        files.push((
            format!("content/papers/p{i:03}.md"),
            paper("Same Title", "2025-05-09", extra, body),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = site("title = \"T\"\n", &refs);
    let run = build(dir.path(), &dir.path().join("out"), &[]);
    let printed = format!("{}{}", stdout(&run), stderr(&run));
    assert!(printed.lines().count() <= 25, "{printed}");
    for summary in [
        "more slug clashes; `paperpress check` lists them all",
        "misspelt field names; `paperpress check` lists them all",
        "formulas that cannot be rendered; `paperpress check` lists them all",
    ] {
        assert!(printed.contains(summary), "{summary} missing:\n{printed}");
    }
    // The first ones are shown in full, with file and line.
    assert!(
        printed.contains(
            "warning: content/papers/p000.md:4: unknown field \"author\"; did you mean \"authors\"? (kept as an extra field)"
        ),
        "{printed}"
    );
}

#[test]
fn misspelt_fields_warn_and_strict_makes_unknown_fields_errors() {
    let entry = "+++\ntitle = \"A\"\ndate = 2025-05-09\nauthor = [\"Ada\"]\ntopic = [\"X\"]\nupvote = 3\nrating = 5\n+++\n\nText.\n";
    let dir = site("title = \"T\"\n", &[("content/papers/a.md", entry)]);
    let out = dir.path().join("out");
    let run = build(dir.path(), &out, &[]);
    let warnings = stderr(&run);
    for (line, field, meant) in [
        (4, "author", "authors"),
        (5, "topic", "topics"),
        (6, "upvote", "upvotes"),
    ] {
        let expected = format!(
            "warning: content/papers/a.md:{line}: unknown field \"{field}\"; did you mean \"{meant}\"? (kept as an extra field)"
        );
        assert!(
            warnings.contains(&expected),
            "{expected} missing:\n{warnings}"
        );
    }
    // A field that is no near miss is an extra field, silently.
    assert!(!warnings.contains("rating"), "{warnings}");

    write(dir.path(), "site.toml", "title = \"T\"\nstrict = true\n");
    let errors = build_fails(dir.path(), &out, &[]);
    assert!(
        errors.contains("error: content/papers/a.md:7: unknown field \"rating\"")
            && errors.contains("strict = true in site.toml allows only known fields"),
        "{errors}"
    );
    assert!(errors.contains("Build failed with 4 errors"), "{errors}");
}

#[test]
fn unusable_base_urls_and_settings_are_explained() {
    let dir = site(
        "title = \"T\"\n",
        &[("content/papers/a.md", &paper("A", "2025-05-09", "", "x"))],
    );
    let out = dir.path().join("out");
    for (url, why) in [
        (
            "https://owner.github.io//",
            "its path has an empty segment (//)",
        ),
        ("https:///", "the URL has no host"),
        (
            "owner.github.io/digest",
            "expected an absolute URL starting with https:// or http://",
        ),
    ] {
        let printed = build_fails(dir.path(), &out, &["--base-url", url]);
        assert!(
            printed.contains(&format!("error: --base-url: {why}, found {url:?}")),
            "{url}: {printed}"
        );
        assert!(!out.exists(), "nothing is written");
    }
    write(
        dir.path(),
        "site.toml",
        "title = \"T\"\n\n\n\n\n\n\n\n\n\npaginate_by = \"20\"\nbase_url = \"https://owner.github.io//\"\n",
    );
    let run = paperpress(&["build", "--root", dir.path().to_str().unwrap()]);
    let printed = stderr(&run);
    assert!(
        printed.contains(
            "error: site.toml:11: paginate_by: expected a whole number, found the text \"20\""
        ),
        "{printed}"
    );
    // Every mistake at once: the base URL's too, though another key's type is wrong.
    assert!(
        printed.contains("error: site.toml:12: base_url: its path has an empty segment (//)"),
        "{printed}"
    );
}

#[test]
fn outside_a_site_the_missing_site_toml_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["build", "watch", "serve"] {
        let run = paperpress(&[command, "--root", dir.path().to_str().unwrap()]);
        assert!(!run.status.success());
        let printed = stderr(&run);
        let first = printed.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: site.toml: not found in ")
                && first.contains("not a paperpress site")
                && first.contains("paperpress init"),
            "{command}: {printed}"
        );
        assert!(!printed.contains("content"), "{command}: {printed}");
    }
}

#[test]
fn a_theme_of_its_own_hears_of_every_template_it_lacks_by_name() {
    // A theme started from scratch: three templates extending a base.html it does not
    // have. Each one that extends it is named, and every template the build needs and
    // the theme lacks is listed once (period.html serves weeks and months alike).
    let dir = site(
        "title = \"T\"\ntheme = \"mine\"\n",
        &[("content/papers/a.md", &paper("A", "2025-05-09", "", "x"))],
    );
    for name in ["index.html", "paper.html", "topic.html"] {
        write(
            dir.path(),
            &format!("themes/mine/templates/{name}"),
            "{% extends \"base.html\" %}{% block content %}x{% endblock content %}",
        );
    }
    let err = build_fails(dir.path(), &dir.path().join("out"), &[]);
    for name in ["index.html", "paper.html", "topic.html"] {
        assert!(
            err.contains(&format!(
                "themes/mine/templates/{name}: extends \"base.html\", which the theme does not have; add templates/base.html"
            )),
            "{err}"
        );
    }
    assert!(!err.contains("inheriting"), "Tera's own words: {err}");
    for name in ["day.html", "card.html", "atom.xml", "email.txt"] {
        assert!(
            err.contains(&format!("templates/{name}: missing")),
            "{name}: {err}"
        );
    }
    assert_eq!(
        err.matches("templates/period.html: missing").count(),
        1,
        "{err}"
    );
}
