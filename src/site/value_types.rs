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

/// A paper as a listing holds it (`paginator.papers`, a day's `papers`): where it is and
/// its day, for grouping by day. The listing prints its card with the `card` filter, which
/// finds the whole card by `path`: copying every card into every listing page's context
/// was most of the cost of listing pages.
#[derive(Serialize)]
pub struct ListedPaper<'a> {
    pub path: &'a str,
    /// For a listing's overview: the title as HTML, and the slug, which its card's id
    /// (`p-{slug}`) is made from.
    pub title_html: &'a str,
    pub slug: &'a str,
    pub date: &'a str,
    pub date_display: &'a str,
    pub day_path: &'a str,
}

/// A paper as its card shows it (`paper` on `card.html`, a redirect's `paper`, a day's
/// email): everything but the full abstract.
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
    /// Most authors the card names (`card_authors` in `site.toml`): past it, the card
    /// shows the first `byline_limit - 1`, an ellipsis and the last.
    pub byline_limit: usize,
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
    /// Whether its title or text has formulas (its page preloads the math font).
    pub has_math: bool,
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
    /// The same without heading ids and footnotes, for listings that open to the whole
    /// abstract (several on one page); `null` when `content` has none.
    pub listing_content: Option<&'a str>,
    /// The values of the Highwire `citation_*` meta tags; `null` when `site.toml` turns
    /// them off (`[metadata] citation_tags = false`).
    pub citation: Option<Citation<'a>>,
    /// What the entry says of where the paper appeared (from its front matter, as the
    /// arXiv and BibTeX importers write it).
    pub facts: Facts<'a>,
    /// For a paper without an arXiv id: searches for its title on arXiv and on Hugging
    /// Face, `{name, label, url}` like `links`; empty otherwise.
    pub find_links: Vec<LinkValue>,
}

/// A paper's publication facts (`paper.facts`), each `null` or empty when unknown.
#[derive(Serialize)]
pub struct Facts<'a> {
    /// `venue`, else `journal`, else `booktitle`: "ICML 2025".
    pub venue: Option<&'a str>,
    /// arXiv's journal reference: "Phys. Rev. D 76, 013009 (2007)".
    pub journal_ref: Option<&'a str>,
    /// arXiv's comment: "8 pages, 3 figures".
    pub comment: Option<&'a str>,
    /// arXiv categories, the primary one first: `["cs.CL", "cs.LG"]`.
    pub categories: Vec<&'a str>,
}

/// A paper's Highwire Press citation tags (`paper.citation`), as Zotero and Google
/// Scholar read them.
#[derive(Serialize)]
pub struct Citation<'a> {
    /// `citation_title`: the title as plain text.
    pub title: &'a str,
    /// `citation_author`, one tag each, in order.
    pub authors: Vec<&'a str>,
    /// `citation_publication_date`: `2025/03/14`, or the year alone when `published`
    /// has no day; `null` when it is unknown.
    pub publication_date: Option<String>,
    /// `citation_pdf_url`: the entry's `links.pdf`, else arXiv's PDF.
    pub pdf_url: Option<&'a str>,
    /// `citation_arxiv_id`, without version.
    pub arxiv_id: Option<&'a str>,
    /// `citation_doi`: from `links.doi` or a `doi` field.
    pub doi: Option<String>,
}

/// A paper's citation (`citation` on `paper.html`).
#[derive(Serialize)]
pub struct CitationValue<'a> {
    /// Its citation key: `wortsman2022model`.
    pub key: &'a str,
    /// Its BibTeX entry, as its `cite.bib` and `papers.bib` have it.
    pub bibtex: &'a str,
    /// Link path of its `cite.bib` from the site root.
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

/// A week or a month of the digest (`period`, `prev`, `next`, the archive's lists).
#[derive(Serialize)]
pub struct PeriodValue {
    /// `week` or `month`.
    pub kind: &'static str,
    /// `2025-W19` or `2025-05`.
    pub key: String,
    /// "Week 19 of 2025" or "May 2025".
    pub title: String,
    /// Its first and last calendar day, `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    /// "5–11 May 2025".
    pub range_display: String,
    pub path: String,
    pub permalink: String,
    /// Its papers.
    pub count: usize,
    /// Its days that have papers.
    pub day_count: usize,
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
    /// The archive of weeks and months.
    pub archive: String,
    /// The search page, which the header's search box sends its query to.
    pub search: String,
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
    /// Whether any paper has an upvote count (search offers a minimum then).
    pub has_upvotes: bool,
}

/// A page in the sitemap (the items of `urls` on `sitemap.xml`).
#[derive(Serialize)]
pub struct SitemapUrl {
    /// The page's absolute URL.
    pub loc: String,
    /// `YYYY-MM-DD`: the digest day of the newest paper the page shows; `null` for
    /// pages without a date (plain pages).
    pub lastmod: Option<String>,
}

/// Serializes a node value into the form templates and fingerprints share.
pub fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("node values serialize to JSON")
}
