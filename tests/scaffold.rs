//! `paperpress init` and `paperpress new`: a new site builds at once, a new entry is
//! what the build accepts, and neither ever replaces a file.

mod common;

use common::*;

#[test]
fn init_makes_a_site_that_builds_at_once_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("digest");
    let run = paperpress(&["init", root.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("paperpress serve --open"),
        "{}",
        stdout(&run)
    );
    assert!(read(&root, ".gitignore").contains("/output/"));
    assert!(read(&root, "site.toml").starts_with("# paperpress site settings"));

    let out = root.join("output");
    build(&root, &out, &[]);
    let page = read(
        &out,
        "papers/an-example-paper-on-scaling-language-models/index.html",
    );
    assert_eq!(
        texts(&page, "h1"),
        ["An Example Paper on Scaling Language Models"]
    );
    assert!(
        out.join("topics/language-models/index.html").is_file(),
        "keyword topics work"
    );

    std::fs::write(root.join("site.toml"), "title = \"Mine\"\n").unwrap();
    let again = paperpress(&["init", root.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read(&root, "site.toml"), "title = \"Mine\"\n");
}

#[test]
fn new_writes_an_entry_from_the_theme_template_that_builds() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    let title = "Quotes \"inside\", a *star* and $x_1$ math";
    let new = |extra: &[&str]| {
        let mut args = vec![
            "new",
            title,
            "--root",
            root.to_str().unwrap(),
            "--date",
            "2025-06-01",
        ];
        args.extend_from_slice(extra);
        paperpress(&args)
    };
    let run = new(&["--arxiv", "2401.00001v2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let path = stdout(&run).trim().to_string();
    assert!(
        path.ends_with("content/papers/2025-06-01/quotes-inside-a-star-and-x1-math.md"),
        "{path}"
    );
    let entry = std::fs::read_to_string(&path).unwrap();
    assert!(entry.contains("arxiv = \"2401.00001v2\""), "{entry}");

    let out = root.join("out");
    build(root, &out, &[]);
    let dirs: Vec<String> = std::fs::read_dir(out.join("papers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let page = read(&out, &format!("papers/{}/index.html", dirs[0]));
    assert!(texts(&page, "h1")[0].starts_with("Quotes “inside”, a *star* and"));

    let twice = new(&[]);
    assert!(!twice.status.success());
    assert!(
        stderr(&twice).contains("is already this paper"),
        "{}",
        stderr(&twice)
    );
    let same_arxiv = paperpress(&[
        "new",
        "Another Title",
        "--arxiv",
        "2401.00001",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert!(
        stderr(&same_arxiv).contains("is already this paper"),
        "{}",
        stderr(&same_arxiv)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), entry);

    let bad = new(&["--arxiv", "nope"]);
    assert!(
        stderr(&bad).contains("--arxiv: expected an arXiv id"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_sites_entry_template_replaces_the_themes_and_is_checked() {
    let dir = site("title = \"T\"\n", &[]);
    let root = dir.path();
    write(
        root,
        "templates/entry.md",
        "+++\ntitle = {{ title | toml }}\ndate = {{ date }}\ntopics = [\"Reading group\"]\n+++\n\nNotes from our meeting.\n",
    );
    let run = paperpress(&[
        "new",
        "Our Paper",
        "--root",
        root.to_str().unwrap(),
        "--date",
        "2025-06-02",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let entry = read(root, "content/papers/2025-06-02/our-paper.md");
    assert!(entry.contains("topics = [\"Reading group\"]"), "{entry}");

    write(
        root,
        "templates/entry.md",
        "+++\ntitle = {{ title }}\n+++\n",
    );
    let run = paperpress(&["new", "Another Paper", "--root", root.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("templates/entry.md"),
        "{}",
        stderr(&run)
    );
    assert!(
        !root
            .join("content/papers")
            .read_dir()
            .unwrap()
            .any(|d| { d.unwrap().path().join("another-paper.md").exists() })
    );
}

#[test]
fn an_entry_template_without_a_slug_is_warned_about() {
    let dir = site(
        "title = \"T\"\n",
        &[(
            "templates/entry.md",
            "+++\ntitle = {{ title | toml }}\ndate = {{ date }}\n+++\n\nText.\n",
        )],
    );
    let run = paperpress(&[
        "new",
        "Older Template",
        "--date",
        "2025-06-01",
        "--root",
        dir.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "warning: templates/entry.md: writes no `slug`, so editing this paper's title will move its page; add `slug = {{ slug | toml }}`"
        ),
        "{}",
        stderr(&run)
    );
}
