//! `paperpress check` on real sites in temp folders: what it reports (human and JSON),
//! its exit status, and that it writes nothing.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

const SITE: &str = "title = \"T\"\nbase_url = \"https://u.github.io/digest/\"\n\n\
                    [[topics]]\nname = \"Models\"\nkeywords = [\"model\", \"models\"]\n";

fn check(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = paperpress(&args);
    assert!(!stderr(&run).contains("panicked"), "{}", stderr(&run));
    run
}

fn status(run: &Output) -> i32 {
    run.status.code().expect("check exits with a status")
}

/// The report's lines that start with `prefix` (`error: ` or `warning: `).
fn lines(run: &Output, prefix: &str) -> Vec<String> {
    stdout(run)
        .lines()
        .filter_map(|l| l.strip_prefix(prefix).map(str::to_string))
        .collect()
}

fn json(root: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(root, &args);
    let report: Value = serde_json::from_str(&stdout(&run))
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(&run)));
    (status(&run), report)
}

fn today() -> chrono::NaiveDate {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
}

/// A paper about models (so the keyword rule gives it a topic), with a real abstract.
fn model_paper(title: &str, date: &str, fields: &str, body: &str) -> String {
    paper(title, date, fields, &format!("We train models.\n\n{body}"))
}

#[test]
fn a_clean_site_passes_with_every_kind_of_good_link() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper(
                    "Alpha",
                    "2025-05-09",
                    "slug = \"alpha\"\narxiv = \"2401.00001\"",
                    "## Method\n\nSee [the method](#method), [Beta](../beta/), \
                     [Beta again](../beta/index.html#results), [Beta as a folder](../beta), \
                     [the day](../../days/2025-05-09/), [home](/digest/), \
                     [topics](https://u.github.io/digest/topics/#main), \
                     [elsewhere](https://example.org/missing/) and [top](#top).",
                ),
            ),
            (
                "content/papers/b.md",
                &model_paper(
                    "Beta",
                    "2025-05-08",
                    "slug = \"beta\"\narxiv = \"2401.00002\"",
                    "## Results\n\nFine.",
                ),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About\"\n+++\n\nRead [Alpha](../papers/alpha/index.html#method) \
                 or [the style](../style.css).\n",
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    assert_eq!(
        stdout(&run).trim(),
        "Checked 2 papers and 14 pages: 0 errors, 0 warnings."
    );
}

#[test]
fn a_broken_link_in_an_entry_names_the_entry_and_line() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper(
                    "Alpha",
                    "2025-05-09",
                    "",
                    "## Notes\n\nCompare with [Gamma](../gamma/).",
                ),
            ),
            (
                "content/papers/b.md",
                &model_paper("Beta", "2025-05-09", "", "See [the proof](#proof)."),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/papers/a.md:11: broken link \"../gamma/\" on papers/alpha/index.html: \
             the site has no page or file /papers/gamma/",
            "content/papers/b.md:9: broken link \"#proof\" on papers/beta/index.html: \
             /papers/beta/index.html has no id \"proof\"",
        ]
    );
    assert!(
        stdout(&run).ends_with("Checked 2 papers and 12 pages: 2 errors, 0 warnings.\n"),
        "{}",
        stdout(&run)
    );
}

#[test]
fn a_broken_link_or_anchor_in_a_plain_page_names_the_page() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", "## Method\n\nText."),
            ),
            (
                "content/notes/reading.md",
                "+++\ntitle = \"Reading\"\n+++\n\nStart with [Alpha](../../papers/alpha/#method),\n\
                 then [its results](../../papers/alpha/#results), the [logo](../../logo.svg) and \
                 [all topics](/digest/topics/index.html), not [the old list](/digest/list/).\n",
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/notes/reading.md:6: broken link \"../../logo.svg\" on notes/reading/index.html: \
             the site has no page or file /logo.svg",
            "content/notes/reading.md:6: broken link \"../../papers/alpha/#results\" on \
             notes/reading/index.html: /papers/alpha/index.html has no id \"results\"",
            "content/notes/reading.md:6: broken link \"/digest/list/\" on notes/reading/index.html: \
             the site has no page or file /list/",
        ]
    );
}

#[test]
fn a_relative_link_in_a_summary_breaks_on_listings_and_says_why() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Alpha",
                    "2025-05-09",
                    "",
                    "Models that follow [Beta](../beta/).",
                ),
            ),
            (
                "content/papers/b.md",
                &model_paper("Beta", "2025-05-09", "", ""),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    let errors = lines(&run, "error: ");
    assert_eq!(errors.len(), 1, "{errors:?}");
    // The paper's own page is fine, and so is its day's, whose card opens to the abstract
    // with its links made absolute (the home page shows no summary, the week and the month
    // one row per paper); the topic shows the summary from another folder.
    assert!(
        errors[0].starts_with(
            "content/papers/a.md:7: broken link \"../beta/\" in the summary shown on \
             topics/models/index.html: the site has no page or file /topics/beta/; "
        ),
        "{errors:?}"
    );
    assert!(errors[0].ends_with("move the link below it or set `summary`"));
}

#[test]
fn a_broken_link_in_a_template_names_the_template_once() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            ("content/one.md", "+++\ntitle = \"One\"\n+++\nOne.\n"),
            ("content/two.md", "+++\ntitle = \"Two\"\n+++\nTwo.\n"),
            (
                "content/more/three.md",
                "+++\ntitle = \"Three\"\n+++\nThree.\n",
            ),
            (
                "templates/page.html",
                "{% extends \"base.html\" %}{% block content %}\
                 <a href=\"{{ root }}colophon/\">Colophon</a> <a href=\"#notes\">Notes</a>\
                 {{ page.content | safe }}{% endblock content %}",
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    // One error for each mistake, though its href and page differ from page to page.
    assert_eq!(
        lines(&run, "error: "),
        [
            "templates/page.html: broken link \"#notes\" on more/three/index.html and on 2 other \
             pages made with this template: /more/three/index.html has no id \"notes\"",
            "templates/page.html: broken link \"../../colophon/\" on more/three/index.html and on \
             2 other pages made with this template: the site has no page or file /colophon/",
        ]
    );
}

#[test]
fn duplicate_papers_by_arxiv_id_in_any_version_and_by_doi() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "arxiv = \"2401.01234v1\"", ""),
            ),
            (
                "content/papers/b.md",
                &model_paper(
                    "Alpha, revised",
                    "2025-05-10",
                    "arxiv = \"arXiv:2401.01234v3\"",
                    "",
                ),
            ),
            (
                "content/papers/c.md",
                &model_paper(
                    "Gamma",
                    "2025-05-09",
                    "[links]\ndoi = \"10.1145/ABC.1\"",
                    "",
                ),
            ),
            (
                "content/papers/d.md",
                &model_paper(
                    "Gamma in a journal",
                    "2025-05-09",
                    "[links]\ndoi = \"https://doi.org/10.1145/abc.1\"",
                    "",
                ),
            ),
            (
                "content/papers/e.md",
                &model_paper("Epsilon", "2025-05-09", "arxiv = \"2401.99999\"", ""),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/papers/b.md:4: arxiv: \"2401.01234v3\" is the same paper as \
             content/papers/a.md (arxiv = \"2401.01234v1\"); keep one of the two entries",
            "content/papers/d.md:4: links.doi: \"10.1145/abc.1\" is also the DOI of \
             content/papers/c.md; keep one of the two entries",
        ]
    );
}

#[test]
fn a_template_that_fails_to_render_is_an_error() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            (
                "templates/paper.html",
                "{% extends \"base.html\" %}{% block content %}{{ paper.venue.name }}{% endblock content %}",
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    let errors = lines(&run, "error: ");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("templates/paper.html: while rendering papers/alpha/index.html: "),
        "{errors:?}"
    );
    assert!(errors[0].contains("paper.venue.name"), "{errors:?}");
}

#[test]
fn a_card_template_that_fails_is_named_itself() {
    // card.html fails inside the card filter of every listing: each error names card.html,
    // and the listing template it failed through.
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            ("templates/card.html", "<p>{{ paper.venue.name }}</p>"),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    let errors = lines(&run, "error: ");
    assert!(!errors.is_empty(), "{}", stdout(&run));
    for error in &errors {
        assert!(
            error.starts_with("templates/card.html: while rendering "),
            "{errors:?}"
        );
        assert!(error.contains(" (through "), "{errors:?}");
        assert!(error.contains("paper.venue.name"), "{errors:?}");
    }
}

#[test]
fn entries_that_do_not_load_are_errors_and_the_rest_is_still_checked() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                "+++\ntitle = \"Alpha\"\ndate = \"May 9\"\n+++\nModels.\n",
            ),
            (
                "content/papers/b.md",
                "+++\ndate = 2025-05-09\n+++\nModels.\n",
            ),
            (
                "content/papers/c.md",
                &model_paper("Gamma", "2025-05-09", "", "See [nothing](../nothing/)."),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    let errors = lines(&run, "error: ");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(
        errors[0],
        "content/papers/a.md:3: date: expected YYYY-MM-DD, found \"May 9\""
    );
    assert!(errors[1].starts_with("content/papers/b.md"), "{errors:?}");
    assert!(errors[1].contains("title: missing"), "{errors:?}");
    assert!(errors[2].starts_with("content/papers/c.md:9: broken link \"../nothing/\""));
}

#[test]
fn a_stale_digest_warns_under_max_age_and_a_fresh_one_does_not() {
    let today = today();
    let old = today - chrono::Days::new(30);
    let dir = site(
        SITE,
        &[(
            "content/papers/a.md",
            &model_paper("Alpha", &old.to_string(), "", ""),
        )],
    );
    let run = check(dir.path(), &["--max-age", "3"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    let warnings = lines(&run, "warning: ");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    // At midnight UTC the test may see the day after the check's.
    assert!(
        warnings[0].starts_with(&format!(
            "content/papers: the newest digest day is {old} (content/papers/a.md), 3"
        )),
        "{warnings:?}"
    );
    assert!(
        warnings[0].contains("and --max-age is 3 days; is the import still running?"),
        "{warnings:?}"
    );
    // Without --max-age, age is not checked.
    assert_eq!(status(&check(dir.path(), &["--deny-warnings"])), 0);

    // A paper of yesterday makes the digest fresh (two days of slack around midnight).
    let yesterday = today - chrono::Days::new(1);
    write(
        dir.path(),
        "content/papers/b.md",
        &model_paper("Beta", &yesterday.to_string(), "", ""),
    );
    let run = check(dir.path(), &["--max-age", "3", "--deny-warnings"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    assert!(lines(&run, "warning: ").is_empty(), "{}", stdout(&run));
}

#[test]
fn outside_a_site_the_missing_site_toml_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1);
    // Only that: whatever else is missing follows from it.
    let errors = lines(&run, "error: ");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("site.toml: not found in ")
            && errors[0].contains("not a paperpress site"),
        "{errors:?}"
    );
}

#[test]
fn broken_settings_are_reported_without_the_false_alarms_they_would_cause() {
    let dir = site(
        &format!("paginate_by = \"20\"\n{SITE}"),
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", "[Home](/digest/)"),
            ),
            (
                "content/papers/b.md",
                &model_paper("Beta", "2025-05-09", "arxiv = \"2401.00001\"", ""),
            ),
            (
                "content/papers/c.md",
                &model_paper("Gamma", "2025-05-09", "arxiv = \"2401.00001v2\"", ""),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1);
    let errors = lines(&run, "error: ");
    // The settings, and what does not depend on them; no link under the real base path
    // reported as broken, and no paper without the topics of the keyword rules.
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("site.toml:1: "), "{errors:?}");
    assert!(
        errors[1].starts_with("content/papers/c.md:4: arxiv: "),
        "{errors:?}"
    );
    assert!(lines(&run, "warning: ").is_empty(), "{}", stdout(&run));
}

#[test]
fn an_empty_digest_is_stale() {
    let dir = site(SITE, &[]);
    let run = check(dir.path(), &["--max-age", "1"]);
    assert_eq!(
        lines(&run, "warning: "),
        [
            "content/papers: the digest has no papers (--max-age is 1 day); is the import still running?"
        ]
    );
}

#[test]
fn placeholder_abstracts_from_paperpress_new_warn() {
    let dir = site(SITE, &[]);
    let root = dir.path().to_str().unwrap();
    let new = paperpress(&[
        "new",
        "Scaling models",
        "--date",
        "2025-05-09",
        "--root",
        root,
    ]);
    assert!(new.status.success(), "{}", stderr(&new));
    let entry = "content/papers/2025-05-09/scaling-models.md";
    let text = read(dir.path(), entry);
    let line = 1 + text
        .lines()
        .position(|l| l.contains("The abstract goes here"))
        .expect("the entry template has the placeholder");
    write(
        dir.path(),
        "content/papers/empty.md",
        &paper("Empty models", "2025-05-09", "", ""),
    );
    write(
        dir.path(),
        "content/papers/heading.md",
        &paper(
            "Heading models",
            "2025-05-09",
            "",
            "## Abstract\n\n## Notes\n\nMine.",
        ),
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "warning: "),
        [
            format!(
                "{entry}:{line}: the abstract is still the placeholder \"The abstract goes here, \
                 in Markdown.\" of `paperpress new`; replace it with the paper's abstract"
            ),
            "content/papers/empty.md: the abstract is empty; write it below the front matter"
                .to_string(),
            "content/papers/heading.md:7: the abstract is a lone \"Abstract\" with nothing under \
             it; write the abstract there"
                .to_string(),
        ]
    );
}

#[test]
fn papers_without_a_topic_and_near_miss_fields_warn() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper("Alpha", "2025-05-09", "", "About graphs."),
            ),
            (
                "content/papers/b.md",
                &paper("Beta", "2025-05-09", "topics = []", "About models."),
            ),
            (
                "content/papers/c.md",
                &model_paper("Gamma", "2025-05-09", "author = [\"Ada Lovelace\"]", ""),
            ),
        ],
    );
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "warning: "),
        [
            "content/papers/a.md: no topic: no keyword rule of site.toml matches the paper; add \
             `topics = [\"...\"]` to it or a keyword to a [[topics]] rule",
            "content/papers/b.md:4: topics: the list is empty, so the paper is in no topic; \
             name at least one",
            "content/papers/c.md:4: unknown field \"author\"; did you mean \"authors\"? (kept as \
             an extra field)",
        ]
    );
    assert_eq!(status(&check(dir.path(), &["--deny-warnings"])), 2);
}

#[test]
fn errors_win_over_denied_warnings() {
    let dir = site(
        SITE,
        &[(
            "content/papers/a.md",
            &paper("Alpha", "2025-05-09", "", "No topic, and [a link](../x/)."),
        )],
    );
    let run = check(dir.path(), &["--deny-warnings"]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    // One link, broken on the paper's page: one error. (Without a topic, no listing shows
    // its summary: the week and the month list it on a row.)
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/papers/a.md:7: broken link \"../x/\" on papers/alpha/index.html: the site \
             has no page or file /papers/x/"
        ]
    );
    assert_eq!(lines(&run, "warning: ").len(), 1);
}

#[test]
fn json_report_field_by_field() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "arxiv = \"2401.01234\"", ""),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Beta",
                    "2025-05-09",
                    "arxiv = \"2401.01234v2\"",
                    "On graphs.",
                ),
            ),
        ],
    );
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    assert_eq!(report["counts"]["errors"], 1);
    assert_eq!(report["counts"]["warnings"], 1);
    assert_eq!(report["counts"]["papers"], 2);
    assert_eq!(report["counts"]["pages"], 12);
    let error = &report["errors"][0];
    assert_eq!(error["file"], "content/papers/b.md");
    assert_eq!(error["line"], 4);
    assert_eq!(error["kind"], "duplicate-paper");
    assert_eq!(
        error["message"],
        "arxiv: \"2401.01234v2\" is the same paper as content/papers/a.md (arxiv = \
         \"2401.01234\"); keep one of the two entries"
    );
    let warning = &report["warnings"][0];
    assert_eq!(warning["file"], "content/papers/b.md");
    assert_eq!(warning["line"], Value::Null);
    assert_eq!(warning["kind"], "no-topic");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("no topic: ")
    );
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    // Exactly these fields (serde_json lists them sorted).
    assert_eq!(keys(&report), ["counts", "errors", "version", "warnings"]);
    assert_eq!(
        keys(&report["counts"]),
        ["errors", "pages", "papers", "warnings"]
    );
    assert_eq!(keys(error), ["file", "kind", "line", "message"]);

    // Clean: empty lists, and warnings alone exit 2 only when denied.
    std::fs::remove_file(dir.path().join("content/papers/a.md")).unwrap();
    let (code, report) = json(dir.path(), &["--deny-warnings"]);
    assert_eq!(code, 2);
    assert_eq!(report["errors"], Value::Array(Vec::new()));
    assert_eq!(report["warnings"][0]["kind"], "no-topic");
}

#[test]
fn check_writes_nothing() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper(
                    "Alpha",
                    "2025-05-09",
                    "",
                    "```rust\nfn main() {}\n```\n[x](../y/)",
                ),
            ),
            (
                "static/logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
        ],
    );
    let before = snapshot(dir.path());
    let run = check(dir.path(), &["--max-age", "1", "--format", "json"]);
    assert_eq!(status(&run), 1);
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1);
    assert_eq!(snapshot(dir.path()), before);
    assert!(!dir.path().join("output").exists());
}

#[test]
fn base_url_decides_which_absolute_links_are_the_sites() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            (
                "content/about.md",
                "+++\ntitle = \"About\"\n+++\n\n[Alpha](https://example.org/papers/alpha/) and \
                 [Gone](https://example.org/papers/gone/)\n",
            ),
        ],
    );
    // Under site.toml's base URL these are links to another site.
    assert_eq!(status(&check(dir.path(), &[])), 0);
    let run = check(dir.path(), &["--base-url", "https://example.org/"]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/about.md:5: broken link \"https://example.org/papers/gone/\" on \
          about/index.html: the site has no page or file /papers/gone/"
        ]
    );
}

#[test]
fn the_default_digest_passes_cleanly() {
    let run = check(&repo_root(), &["--deny-warnings"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    let report = stdout(&run);
    assert!(report.starts_with("Checked 118 papers and "), "{report}");
    assert!(
        report.ends_with(" pages: 0 errors, 0 warnings.\n"),
        "{report}"
    );
    // Under a subpath too, where the 404 page links from /digest/.
    let run = check(
        &repo_root(),
        &[
            "--deny-warnings",
            "--base-url",
            "https://u.github.io/digest/",
        ],
    );
    assert_eq!(status(&run), 0, "{}", stdout(&run));
}

#[test]
fn folder_links_pass_too() {
    let dir = site(
        &format!("explicit_index_links = false\n{SITE}"),
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", "See [Beta](../beta/#results)."),
            ),
            (
                "content/papers/b.md",
                &model_paper("Beta", "2025-05-09", "", "## Results\n\nGood."),
            ),
        ],
    );
    let run = check(dir.path(), &["--deny-warnings"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    // The site's own links are folders, and a broken one is still found.
    write(
        dir.path(),
        "content/papers/b.md",
        &model_paper("Beta", "2025-05-09", "", "## Findings\n\nGood."),
    );
    let run = check(dir.path(), &[]);
    assert_eq!(
        lines(&run, "error: "),
        [
            "content/papers/a.md:9: broken link \"../beta/#results\" on papers/alpha/index.html: \
          /papers/beta/index.html has no id \"results\""
        ]
    );
}

#[test]
fn github_format_makes_each_problem_an_annotation() {
    let dir = site(
        SITE,
        &[(
            "content/papers/a.md",
            &model_paper("Alpha", "2020-01-01", "author = [\"Ada\"]", ""),
        )],
    );
    let run = check(dir.path(), &["--max-age", "3", "--format", "github"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    let printed = stdout(&run);
    assert!(
        printed.lines().any(|l| l.starts_with(
            "::warning file=content/papers,title=stale-digest::the newest digest day is"
        )),
        "{printed}"
    );
    assert!(
        printed.contains(
            "::warning file=content/papers/a.md,line=4,title=near-miss-field::unknown field \"author\"; did you mean \"authors\"?"
        ),
        "{printed}"
    );
    assert!(printed.contains("Checked 1 paper and "), "{printed}");
}

#[test]
fn a_front_matter_link_on_the_sites_own_host_is_another_site() {
    // A digest at a user's root address links a project page of the same user.
    let dir = site(
        "title = \"T\"\nbase_url = \"https://me.github.io/\"\n[[topics]]\nname = \"Models\"\nkeywords = [\"models\"]\n",
        &[(
            "content/papers/a.md",
            &model_paper(
                "Alpha",
                "2025-05-09",
                "[links]\nproject = \"https://me.github.io/alpha-project/\"",
                "",
            ),
        )],
    );
    let run = check(dir.path(), &["--deny-warnings"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
}

#[test]
fn deny_fails_on_warnings_of_the_kinds_named_only() {
    // No topic rules: the paper has no topic, a warning of another kind.
    let dir = site(
        "title = \"T\"\n",
        &[(
            "content/papers/a.md",
            &model_paper("Alpha", "2020-01-01", "", ""),
        )],
    );
    let run = check(dir.path(), &["--deny", "stale-digest"]);
    assert_eq!(status(&run), 0, "{}", stdout(&run));
    assert_eq!(lines(&run, "warning: ").len(), 1, "{}", stdout(&run));
    let run = check(dir.path(), &["--max-age", "3", "--deny", "stale-digest"]);
    assert_eq!(status(&run), 2, "{}", stdout(&run));
    let run = check(dir.path(), &["--deny", "stale"]);
    assert_eq!(status(&run), 2);
    assert!(
        stderr(&run).contains("unknown kind \"stale\"; the kinds are general,"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_report_cut_short_by_its_reader_ends_quietly() {
    // `paperpress check | head -1`: the reader goes away before the report is written.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_paperpress"))
        .args(["check", "--root", repo_root().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_excluded_paper_still_in_the_site_is_a_warning() {
    let dir = site(
        &format!("{SITE}\n[fetch]\nexclude = [\"2505.01234\"]\n"),
        &[(
            "content/papers/a.md",
            &model_paper("Alpha", "2025-05-09", "arxiv = \"2505.01234v2\"", ""),
        )],
    );
    let (status, report) = json(dir.path(), &[]);
    assert_eq!(status, 0);
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{report}");
    assert_eq!(warnings[0]["kind"], "excluded-paper");
    assert_eq!(warnings[0]["file"], "content/papers/a.md");
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("arXiv 2505.01234 is in site.toml's [fetch] exclude, yet this entry is still in the site"),
        "{report}"
    );
}

#[test]
fn a_template_no_page_uses_yet_is_rendered_too() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            (
                "templates/alias.html",
                "<!doctype html><title>x</title>{{ paper.nothing.deeper }}",
            ),
        ],
    );
    // No paper has an alias, so no page uses alias.html; the first alias would fail.
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert!(
        lines(&run, "error: ")
            .iter()
            .any(|e| e.starts_with("templates/alias.html")),
        "{}",
        stdout(&run)
    );
}

#[test]
fn the_sitemap_index_template_is_rendered_before_the_site_needs_it() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2025-05-09", "", ""),
            ),
            (
                "templates/sitemap_index.xml",
                "<sitemapindex>{% for s in sitemaps %}{{ s.nothing.deeper }}{% endfor %}</sitemapindex>",
            ),
        ],
    );
    // The sitemap fits in one file, so nothing uses the index yet.
    let run = check(dir.path(), &[]);
    assert_eq!(status(&run), 1, "{}", stdout(&run));
    assert!(
        lines(&run, "error: ")
            .iter()
            .any(|e| e.starts_with("templates/sitemap_index.xml")),
        "{}",
        stdout(&run)
    );
}

#[test]
fn a_date_in_the_future_does_not_hide_a_stale_digest() {
    let dir = site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &model_paper("Alpha", "2020-01-01", "", ""),
            ),
            (
                "content/papers/b.md",
                &model_paper("Beta", "2620-01-01", "", ""),
            ),
        ],
    );
    let run = check(dir.path(), &["--max-age", "3"]);
    let warnings = lines(&run, "warning: ");
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/papers/b.md: date: 2620-01-01 is in the future")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/papers: the newest digest day is 2020-01-01")),
        "{warnings:?}"
    );
}
