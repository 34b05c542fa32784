//! Each day's email digest: `days/<date>/email.html`, self-contained with absolute
//! links, and its plain-text twin `email.txt`.

mod common;

use common::*;
use scraper::Selector;

const BASE: &str = "https://lab.example/digest/";
const SITE: &str = "title = \"Lab Digest\"\ndescription = \"Papers we read.\"\nbase_url = \"https://lab.example/digest/\"\n";

fn fixture() -> tempfile::TempDir {
    site(
        SITE,
        &[
            (
                "content/papers/a.md",
                &paper(
                    "Cats & <Dogs>: A Study",
                    "2025-05-09",
                    "authors = [\"Ada Lovelace\", \"Alan Turing\"]\ntopics = [\"Vision\", \"Pets & Animals\"]\nupvotes = 3",
                    "We compare [cats](https://cats.example/) & dogs with $x < y$.\n\nMore text.",
                ),
            ),
            (
                "content/papers/b.md",
                &paper(
                    "Popular Paper",
                    "2025-05-09",
                    "authors = [\"A\", \"B\", \"C\", \"D\", \"E\", \"F\", \"G\"]\nupvotes = 40",
                    "Everyone reads this one.",
                ),
            ),
            (
                "content/papers/c.md",
                &paper("Another Day", "2025-05-08", "", "Older."),
            ),
        ],
    )
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture();
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    (dir, out)
}

fn count(html: &str, selector: &str) -> usize {
    parse(html)
        .select(&Selector::parse(selector).unwrap())
        .count()
}

/// Every URL an attribute of the mail holds (links, and anything that loads).
fn urls(html: &str) -> Vec<String> {
    ["href", "src", "srcset", "background", "action", "poster"]
        .iter()
        .flat_map(|attr| attrs(html, &format!("[{attr}]"), attr))
        .collect()
}

#[test]
fn every_day_has_an_email_and_its_text_twin() {
    let (_dir, out) = built();
    for day in ["2025-05-09", "2025-05-08"] {
        assert!(out.join(format!("days/{day}/email.html")).is_file());
        assert!(out.join(format!("days/{day}/email.txt")).is_file());
    }
}

#[test]
fn the_html_email_is_self_contained_with_absolute_links() {
    let (_dir, out) = built();
    let html = read(&out, "days/2025-05-09/email.html");
    for element in ["link", "script", "style", "img", "iframe", "object", "form"] {
        assert_eq!(count(&html, element), 0, "a <{element}> in the email");
    }
    // Inline styles are the only styles, and the layout is tables mail clients render.
    assert!(count(&html, "[style]") > 5);
    assert!(count(&html, "table[role=presentation]") >= 2);
    assert_eq!(count(&html, "table:not([role=presentation])"), 0);
    // Every URL is absolute, on the site's base URL (arXiv and other sites aside), and
    // leads to a page the build wrote.
    let urls = urls(&html);
    assert!(!urls.is_empty());
    for url in &urls {
        let inside = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not absolute on {BASE}"));
        let file = if inside.is_empty() || inside.ends_with('/') {
            format!("{inside}index.html")
        } else {
            inside.to_string()
        };
        assert!(out.join(&file).is_file(), "{url} → {file}");
    }
    assert!(urls.contains(&format!("{BASE}days/2025-05-09/")));
    // Each paper's title links to its page.
    let titles = parse(&html);
    let heading_links = Selector::parse("h2 a").unwrap();
    let linked: Vec<(String, String)> = titles
        .select(&heading_links)
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        linked,
        [
            (
                "Popular Paper".to_string(),
                format!("{BASE}papers/popular-paper/")
            ),
            (
                "Cats & <Dogs>: A Study".to_string(),
                format!("{BASE}papers/cats-dogs-a-study/")
            ),
        ]
    );
}

#[test]
fn the_html_email_shows_authors_topics_upvotes_and_a_summary_escaped() {
    let (_dir, out) = built();
    let html = read(&out, "days/2025-05-09/email.html");
    // `&` and `<` of the title are text, never markup.
    assert!(html.contains("Cats &amp; &lt;Dogs&gt;: A Study"), "{html}");
    assert_eq!(count(&html, "dogs"), 0);
    assert_eq!(texts(&html, "h1"), ["Papers of 9 May 2025"]);
    assert_eq!(texts(&html, "title"), ["Lab Digest: papers of 9 May 2025"]);
    let paragraphs = texts(&html, "td p");
    for expected in [
        "2 papers · Read them on the site",
        // At most five authors, then "et al.".
        "A, B, C, D, E et al.",
        "Everyone reads this one.",
        "▲ 40 upvotes",
        "Ada Lovelace, Alan Turing",
        // The summary is plain text: the abstract's link is not one in the mail.
        "We compare cats & dogs with x < y.",
        "▲ 3 upvotes · Vision · Pets & Animals",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == expected),
            "{expected:?} not in {paragraphs:?}"
        );
    }
    assert!(!html.contains("../"), "a relative link in the email");
    assert!(
        !html.contains("cats.example"),
        "a link of the abstract in the email"
    );
    // The other day's paper is in the other day's email only.
    assert!(!html.contains("Another Day"));
    assert!(read(&out, "days/2025-05-08/email.html").contains("Another Day"));
}

#[test]
fn the_text_email_is_the_same_digest_in_plain_text() {
    let (_dir, out) = built();
    let text = read(&out, "days/2025-05-09/email.txt");
    assert!(
        text.starts_with(
            "Lab Digest: papers of 9 May 2025\n2 papers. Read them on the site: \
             https://lab.example/digest/days/2025-05-09/\n\n1. Popular Paper\n"
        ),
        "{text}"
    );
    // Not HTML: nothing is escaped.
    assert!(text.contains("\n2. Cats & <Dogs>: A Study\n"), "{text}");
    assert!(!text.contains("&amp;") && !text.contains("&lt;"), "{text}");
    for line in [
        "   A, B, C, D, E et al.",
        "   Ada Lovelace, Alan Turing",
        "   We compare cats & dogs with x < y.",
        "   3 upvotes · Vision · Pets & Animals",
        "   https://lab.example/digest/papers/cats-dogs-a-study/",
        "   https://lab.example/digest/papers/popular-paper/",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} not in:\n{text}");
    }
    assert!(
        text.ends_with("\n-- \nLab Digest: https://lab.example/digest/\n"),
        "{text}"
    );
}

#[test]
fn emails_follow_the_base_url_given_on_the_command_line() {
    let dir = fixture();
    let out = dir.path().join("out");
    build(
        dir.path(),
        &out,
        &["--base-url", "https://other.example/papers/"],
    );
    let html = read(&out, "days/2025-05-09/email.html");
    for url in urls(&html) {
        assert!(url.starts_with("https://other.example/papers/"), "{url}");
    }
    let text = read(&out, "days/2025-05-09/email.txt");
    assert!(text.contains("https://other.example/papers/papers/popular-paper/"));
}

#[test]
fn an_editor_can_restyle_the_emails_with_site_templates() {
    let dir = fixture();
    write(
        dir.path(),
        "templates/email.txt",
        "{{ day.date }}:{% for p in papers %} {{ p.title }} <{{ p.permalink }}>;{% endfor %}\n",
    );
    let out = dir.path().join("out");
    build(dir.path(), &out, &[]);
    assert_eq!(
        read(&out, "days/2025-05-08/email.txt"),
        "2025-05-08: Another Day <https://lab.example/digest/papers/another-day/>;\n"
    );
}
