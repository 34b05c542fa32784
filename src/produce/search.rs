//! Search: the `/search/` page and the files its script reads, all below `search/`.
//!
//! - `index.json`: which file holds which words and arXiv ids (see `site::search_index`);
//! - `terms/*.json`, `ids/*.json`: those files;
//! - `docs/N.json`: what a result shows of ten papers each (title, authors, date, arXiv
//!   id, upvotes, the text for the snippet), by the papers' numbers in the index;
//! - `facets.json`: every paper's topics, day and upvotes, and the topics' names, which
//!   narrowing results and counting them per topic need for every match at once.
//!
//! The page is a plain form that works as a list of links to browse by without
//! JavaScript; `search.js` runs the queries.

use serde::Serialize;
use serde_json::{Value, json};

use super::context::PageContext;
use super::{Context, Producer, Unit};
use crate::site::search_index::{DOCS_PER_FILE, doc_number};
use crate::site::{Joint, Site, Valued, links};

pub const SEARCH_DIR: &str = "search/";

/// The search page.
pub struct SearchPage;

/// `search.html`'s own variables.
#[derive(Serialize)]
struct SearchVars<'s> {
    /// Every topic, `{name, slug, description, path, count}`, by name.
    topics: Vec<&'s Valued>,
    /// The first and last day of the digest, `{date, date_display, path, count}`, for
    /// the date range's bounds (none on a site without papers).
    first_day: Option<&'s Valued>,
    last_day: Option<&'s Valued>,
}

impl Producer for SearchPage {
    fn template(&self) -> Option<&'static str> {
        Some("search.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some("search")
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        links::output_file(SEARCH_DIR)
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        let vars = SearchVars {
            topics: site.topics.iter().map(|t| &t.value).collect(),
            first_day: site.days.last().map(|d| &d.value),
            last_day: site.days.first().map(|d| &d.value),
        };
        Box::new(PageContext::at(
            site,
            SEARCH_DIR,
            "Search".into(),
            "search",
            vars,
        ))
    }
}

/// A file made of one node value holding its bytes as a string.
#[derive(Serialize)]
struct Bytes<'s> {
    bytes: &'s Valued,
}

fn string_of(value: &Valued) -> Result<String, String> {
    match value.json() {
        Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// `search/index.json`.
pub struct Manifest;

impl Producer for Manifest {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        format!("{SEARCH_DIR}index.json")
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        Box::new(Bytes {
            bytes: &site.search.manifest,
        })
    }
    fn make(&self, site: &Site, _unit: Unit) -> Result<String, String> {
        string_of(&site.search.manifest)
    }
}

/// The files of words (`terms`) or of arXiv ids (`ids`).
pub struct IndexFiles {
    ids: bool,
}

pub static TERM_FILES: IndexFiles = IndexFiles { ids: false };
pub static ID_FILES: IndexFiles = IndexFiles { ids: true };

impl IndexFiles {
    fn files<'s>(&self, site: &'s Site) -> &'s [crate::site::search_index::IndexFile] {
        if self.ids {
            &site.search.ids
        } else {
            &site.search.terms
        }
    }
}

impl Producer for IndexFiles {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..self.files(site).len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        format!("{SEARCH_DIR}{}", self.files(site)[unit.item].file)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        Box::new(Bytes {
            bytes: &self.files(site)[unit.item].bytes,
        })
    }
    fn make(&self, site: &Site, unit: Unit) -> Result<String, String> {
        string_of(&self.files(site)[unit.item].bytes)
    }
}

/// `search/docs/N.json`: papers `10N` to `10N + 9` of the index, as results show them.
pub struct Docs;

/// What a file of papers is made of: their pages' values (title, authors, date, arXiv
/// id, upvotes, and the text, which follows from the page's content).
#[derive(Serialize)]
struct DocsOf<'s> {
    papers: Vec<Joint<'s>>,
}

/// The site indices of the papers of file `k`, in the index's order.
fn docs_of(site: &Site, k: usize) -> impl Iterator<Item = usize> {
    let n = site.papers.len();
    let docs = k * DOCS_PER_FILE..((k + 1) * DOCS_PER_FILE).min(n);
    docs.map(move |doc| doc_number(doc, n))
}

impl Producer for Docs {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.papers.len().div_ceil(DOCS_PER_FILE))
            .map(Unit::item)
            .collect()
    }
    fn file(&self, _site: &Site, unit: Unit) -> String {
        format!("{SEARCH_DIR}docs/{}.json", unit.item)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        Box::new(DocsOf {
            papers: docs_of(site, unit.item)
                .map(|i| site.papers[i].value())
                .collect(),
        })
    }
    fn reads_search_texts(&self) -> bool {
        true
    }
    fn make(&self, site: &Site, unit: Unit) -> Result<String, String> {
        let docs: Vec<Value> = docs_of(site, unit.item)
            .map(|i| {
                let node = &site.papers[i];
                let p = &node.paper;
                let authors: Vec<&str> = node
                    .place
                    .authors
                    .iter()
                    .map(|&a| site.authors[a].name.as_str())
                    .collect();
                json!({
                    "title": node.title.plain,
                    "path": site.links.link(&node.place.dir),
                    "authors": authors,
                    "date": crate::site::iso_date(p.date),
                    "date_display": crate::site::display_date(p.date),
                    "arxiv": p.arxiv.as_ref().map(|a| a.id.as_str()),
                    "upvotes": p.upvotes,
                    "text": node.body.text,
                })
            })
            .collect();
        Ok(Value::Array(docs).to_string())
    }
}

/// `search/facets.json`: `topics` (each `{name, path}`), and for every paper in the
/// index's order its topics (`doc_topics`, indices into `topics`), its day (`days`: the
/// first as a day number, then gaps) and its upvotes (`upvotes`, `null` where unknown).
pub struct Facets;

#[derive(Serialize)]
struct FacetsOf<'s> {
    cards: Vec<&'s Valued>,
    topics: Vec<&'s Valued>,
}

impl Producer for Facets {
    fn template(&self) -> Option<&'static str> {
        None
    }
    fn units(&self, _site: &Site) -> Vec<Unit> {
        vec![Unit::default()]
    }
    fn file(&self, _site: &Site, _unit: Unit) -> String {
        format!("{SEARCH_DIR}facets.json")
    }
    fn context<'s>(&self, site: &'s Site, _unit: Unit) -> Context<'s> {
        Box::new(FacetsOf {
            cards: site.papers.iter().map(|p| &p.card).collect(),
            topics: site.topics.iter().map(|t| &t.value).collect(),
        })
    }
    fn make(&self, site: &Site, _unit: Unit) -> Result<String, String> {
        use chrono::Datelike;
        let n = site.papers.len();
        let in_order = (0..n).map(|doc| &site.papers[doc_number(doc, n)]);
        let topics: Vec<Value> = site
            .topics
            .iter()
            .map(|t| json!({"name": t.name, "path": site.links.link(&t.dir)}))
            .collect();
        let doc_topics: Vec<&[usize]> = in_order.clone().map(|p| &p.place.topics[..]).collect();
        let mut last = None;
        let days: Vec<i64> = in_order
            .clone()
            .map(|p| {
                let day = i64::from(p.paper.date.num_days_from_ce());
                let gap = last.map_or(day, |l| day - l);
                last = Some(day);
                gap
            })
            .collect();
        let upvotes: Vec<Option<u64>> = in_order.map(|p| p.paper.upvotes).collect();
        let facets = json!({
            "topics": topics,
            "doc_topics": doc_topics,
            "days": days,
            "upvotes": upvotes,
        });
        Ok(facets.to_string())
    }
}
