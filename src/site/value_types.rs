//! What templates see of the graph's nodes: one typed struct per kind of node value,
//! serialized once per build (`Valued`) and shared by every page, listing and feed that
//! shows the node. README's template reference points here.

use serde::Serialize;
use serde_json::{Map, Value};

/// A link from one node to a topic or an author: `{name, path}`.
#[derive(Serialize)]
pub struct NodeLink<'a> {
    pub name: &'a str,
    /// Link path from the site root: `{{ root }}{{ x.path }}`.
    pub path: String,
}

/// A paper's arXiv identifier: `{id, version, url}`.
#[derive(Serialize)]
pub struct ArxivValue<'a> {
    /// `2505.01234`, or an old-style id such as `hep-th/9901001`.
    pub id: &'a str,
    /// `v2` and the like, when the entry names a version.
    pub version: Option<&'a str>,
    /// The abstract page on arxiv.org.
    pub url: String,
}

/// One of a paper's outward links: `{name, label, url}`, in display order (arXiv, PDF,
/// code, project, DOI, then the rest by name).
#[derive(Serialize)]
pub struct LinkValue {
    /// The key in the entry's `links` (`pdf`, `code`, ...), or `arxiv`.
    pub name: String,
    /// What to show: "PDF", "Code", "arXiv"; an unknown name as written.
    pub label: String,
    pub url: String,
}

/// A paper as listings show it (`paginator.papers`, a day's `papers`, a redirect's
/// `paper`): everything but the full abstract.
#[derive(Serialize)]
pub struct PaperCard<'a> {
    /// The title as plain text (math as its source), for `<title>` and attributes.
    pub title: &'a str,
    /// The title as HTML, math rendered as MathML.
    pub title_html: &'a str,
    pub slug: &'a str,
    /// Link path of the paper's page from the site root.
    pub path: String,
    /// Absolute URL of the paper's page.
    pub permalink: String,
    /// The digest day it is listed on, `YYYY-MM-DD`.
    pub date: String,
    /// The digest day for readers: "9 May 2025".
    pub date_display: String,
    /// Link path of the day's page.
    pub day_path: String,
    /// When the paper itself came out, at its source's precision: `1967`, `2025-03`,
    /// `2025-03-14`; absent when unknown.
    pub published: Option<String>,
    /// The same for readers: "1967", "March 1967", "14 March 2025".
    pub published_display: Option<String>,
    pub authors: Vec<NodeLink<'a>>,
    pub topics: Vec<NodeLink<'a>>,
    pub arxiv: Option<ArxivValue<'a>>,
    pub links: Vec<LinkValue>,
    pub upvotes: Option<u64>,
    pub draft: bool,
    /// The summary as HTML: the front matter's, the part before `<!-- more -->`, or the
    /// first paragraph cut to `summary_length`.
    pub summary: &'a str,
    /// Whether the page has highlighted code (and so needs `syntax.css`).
    pub has_code: bool,
    /// The summary as plain text, for `<meta name="description">` and plain-text outputs.
    pub description: &'a str,
    /// Front-matter fields paperpress does not read itself (`venue`, `comment`, ...).
    pub extra: &'a Map<String, Value>,
    /// The entry's file, relative to the site.
    pub source: String,
}

/// What a paper's own page adds to its card (`paper` on `paper.html`).
#[derive(Serialize)]
pub struct PaperPageExtras<'a> {
    /// The abstract and notes as HTML.
    pub content: &'a str,
}

/// A paper's citation (`citation` on `paper.html`).
#[derive(Serialize)]
pub struct CitationValue<'a> {
    /// Its citation key: `wortsman2022model`.
    pub key: &'a str,
    /// Its BibTeX entry without the abstract, as `papers.bib` has it.
    pub bibtex: &'a str,
    /// Link path of its `cite.bib` (the entry with the abstract) from the site root.
    pub path: String,
}

/// A topic or an author (`topic`, `author`, and the lists `topics`, `authors`).
#[derive(Serialize)]
pub struct GroupCard<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// A topic's description from `site.toml`; empty for authors.
    pub description: &'a str,
    pub path: String,
    /// How many papers it has.
    pub count: usize,
}

/// A day of the digest (`day`, `prev_day`, `next_day`, the list `days`).
#[derive(Serialize)]
pub struct DayValue {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// "9 May 2025".
    pub date_display: String,
    pub path: String,
    pub count: usize,
}

/// A plain Markdown page (`page` on `page.html`).
#[derive(Serialize)]
pub struct PageValue<'a> {
    pub title: &'a str,
    pub path: String,
    pub permalink: String,
    /// The page's Markdown as HTML.
    pub content: &'a str,
    pub has_code: bool,
    /// Front-matter fields paperpress does not read itself.
    pub extra: &'a Map<String, Value>,
    pub source: String,
}

/// A menu entry for a plain page.
#[derive(Serialize)]
pub struct MenuPage<'a> {
    pub title: &'a str,
    pub path: String,
}

/// Links of the main menu.
#[derive(Serialize)]
pub struct Nav {
    pub home: String,
    pub topics: String,
    pub authors: String,
    pub days: String,
}

/// The `site` value every template receives.
#[derive(Serialize)]
pub struct SiteValue<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The absolute URL the site is published at, ending in `/`.
    pub base_url: &'a str,
    pub language: &'a str,
    pub nav: Nav,
    /// The plain pages, for the menu.
    pub pages: Vec<MenuPage<'a>>,
    /// Whether any paper names its authors (the menu shows "Authors" then).
    pub has_authors: bool,
}

/// Serializes a node value into the form templates and fingerprints share.
pub fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("node values serialize to JSON")
}
