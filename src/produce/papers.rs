//! The papers: the newest-first index, a page per paper, and redirects from a paper's
//! earlier addresses.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::context::{PageContext, Paginator, listing_units, page_slice};
use super::{Context, Producer, Unit};
use crate::content::Paper;
use crate::site::similar::SimilarView;
use crate::site::{PaperNode, Site, Valued, links};

/// The date of the newest paper among `ids` (listings are newest first).
pub fn newest(site: &Site, ids: &[usize]) -> Option<NaiveDate> {
    ids.iter().map(|&i| site.papers[i].paper.date).max()
}

/// The home page and its further pages: every paper, newest first.
pub struct Index;

/// `index.html`'s own variables.
#[derive(Serialize)]
struct IndexPage<'s> {
    paginator: Paginator<'s>,
    /// Papers in the whole digest.
    total_papers: usize,
    /// The page's papers grouped by topic: each `{name, path, papers}`.
    overview: Vec<super::overview::TopicGroup<'s>>,
}

impl Producer for Index {
    fn template(&self) -> Option<&'static str> {
        Some("index.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some("page")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        listing_units(site, 0, site.papers.len()).collect()
    }
    fn file(&self, _site: &Site, unit: Unit) -> String {
        links::output_file(&links::pagination_dir("", unit.page))
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let dir = links::pagination_dir("", unit.page);
        let title = if unit.page > 1 {
            format!("Page {}", unit.page)
        } else {
            String::new()
        };
        let page = IndexPage {
            paginator: Paginator::new(site, "", &site.newest_first, unit.page),
            total_papers: site.papers.len(),
            overview: super::overview::by_topic(site, self.listed(site, unit)),
        };
        Box::new(PageContext::at(site, &dir, title, "papers", page))
    }
    fn sitemap(&self, site: &Site, unit: Unit) -> Option<Option<NaiveDate>> {
        Some(newest(site, self.listed(site, unit)))
    }
    fn listed<'s>(&self, site: &'s Site, unit: Unit) -> &'s [usize] {
        page_slice(&site.newest_first, unit.page, site.config.paginate_by)
    }
}

/// A page per paper.
pub struct PaperPage;

/// `paper.html`'s own variables.
#[derive(Serialize)]
struct OnePaper<'s> {
    /// The paper: its card's fields, `content` (the abstract and notes as HTML), and
    /// `json_ld`.
    paper: WithJsonLd<'s>,
    /// Its BibTeX entry: `{key, bibtex, path}`, the entry and the path of its
    /// `cite.bib`. (`paper.citation` is another thing: the `citation_*` tags.)
    cite: &'s Valued,
    /// The papers most like it, most similar first: each `{title, title_html, path,
    /// date, date_display}`.
    similar: SimilarView<'s>,
    /// The day it is listed on: `{date, date_display, path, count}`.
    day: &'s Valued,
    /// Its place on that day's page, from 1.
    position: usize,
    /// The papers before and after it on that day, if any, as listings hold them
    /// (`{path, title_html, slug, ...}`): a link needs no more.
    prev_in_day: Option<&'s Valued>,
    next_in_day: Option<&'s Valued>,
}

/// A paper's page value with `json_ld`, the paper as schema.org `ScholarlyArticle`
/// JSON-LD: headline, authors, `datePublished` (from `published`, at its precision), the
/// summary as plain text, topics as keywords, and arXiv and DOI as `identifier` and
/// `sameAs`. `<`, `>` and `&` are escaped, so it goes as it is (`| safe`) into
/// `<script type="application/ld+json">`. Made as the page renders, not kept (1.4 KB a
/// paper): the card says all it is made of, so a fingerprint of the context sees the
/// page value's fingerprints alone, and the JSON-LD is not made for it.
struct WithJsonLd<'s> {
    site: &'s Site,
    node: &'s PaperNode,
}

impl Serialize for WithJsonLd<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (site, node) = (self.site, self.node);
        if crate::fingerprint::shallow() {
            return node.value().serialize(serializer);
        }
        let scholarly = crate::site::scholarly(
            &node.paper,
            &node.title.plain,
            &node.body.description,
            &node.place,
            &site.config.base_url,
            &site.authors,
            &site.topics,
        );
        let json_ld =
            serde_json::to_string(&scholarly.json_ld()).map_err(serde::ser::Error::custom)?;
        match node.value().text_with("json_ld", &json_ld) {
            Some(text) => text.serialize(serializer),
            None => node.value().serialize(serializer),
        }
    }
}

impl Producer for PaperPage {
    fn template(&self) -> Option<&'static str> {
        Some("paper.html")
    }
    fn reserved_dir(&self) -> Option<&'static str> {
        Some("papers")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.papers.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        links::output_file(&site.papers[unit.item].place.dir)
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let node = &site.papers[unit.item];
        let day = &site.days[node.place.day];
        // A day's papers are consecutive in site order.
        let first = day.papers[0];
        let listed = |i: usize| site.papers.get(i).map(|p| &p.listed);
        let page = OnePaper {
            paper: WithJsonLd { site, node },
            cite: &node.citation,
            similar: node.similar.view(&site.papers, site.links),
            day: &day.value,
            position: unit.item - first + 1,
            prev_in_day: unit
                .item
                .checked_sub(1)
                .filter(|&i| i >= first)
                .and_then(listed),
            next_in_day: Some(unit.item + 1)
                .filter(|&i| i < first + day.papers.len())
                .and_then(listed),
        };
        let title = node.title.plain.clone();
        Box::new(PageContext::at(
            site,
            &node.place.dir,
            title,
            "papers",
            page,
        ))
    }
    fn sitemap(&self, site: &Site, unit: Unit) -> Option<Option<NaiveDate>> {
        Some(Some(site.papers[unit.item].paper.date))
    }
    fn markdown<'s>(&self, site: &'s Site, unit: Unit) -> Option<(&'s Path, &'s str)> {
        let node = &site.papers[unit.item];
        Some((&node.paper.source, &node.body.html))
    }
}

/// A redirect page at each of a paper's `aliases`.
pub struct Alias;

/// `alias.html`'s own variables.
#[derive(Serialize)]
struct Redirect<'s> {
    /// The card of the paper the redirect leads to.
    paper: &'s Valued,
}

impl Producer for Alias {
    fn template(&self) -> Option<&'static str> {
        Some("alias.html")
    }
    fn units(&self, site: &Site) -> Vec<Unit> {
        (0..site.aliases.len()).map(Unit::item).collect()
    }
    fn file(&self, site: &Site, unit: Unit) -> String {
        site.aliases[unit.item].file.clone()
    }
    fn context<'s>(&self, site: &'s Site, unit: Unit) -> Context<'s> {
        let alias = &site.aliases[unit.item];
        let target = &site.papers[alias.paper];
        let folder = alias.file.rfind('/').map_or("", |k| &alias.file[..=k]);
        let page = Redirect {
            paper: &target.card,
        };
        let mut context = PageContext::at(site, folder, target.title.plain.clone(), "papers", page);
        // A redirect is no page of the menu, even in the root folder, and its canonical
        // address is the page it leads to.
        context.current_path = alias.file.clone();
        context.permalink = format!("{}{}", site.config.base_url, target.place.dir);
        Box::new(context)
    }
    fn asked_by<'s>(&self, site: &'s Site, unit: Unit) -> Option<&'s Paper> {
        Some(&site.papers[site.aliases[unit.item].paper].paper)
    }
}
