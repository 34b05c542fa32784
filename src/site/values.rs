//! Template values of the graph's nodes, built once per build. Pages and listings share
//! these instead of serializing a paper again for every place it is shown.

use rayon::prelude::*;

use std::sync::Arc;

use super::bibtex;
use super::links::LinkStyle;
use super::memo::{self, Joint, Memo, PaperParts, PaperValues, Valued};
use super::paper_extras::{facts, find_links, listing_content};
use super::scholarly::Scholarly;
use super::structure::{Placement, Structure};
use super::value_types::*;
use super::{DayNode, GroupNode, PaperNode, Site};
use crate::content::Paper;

/// "9 May 2025": unambiguous in every locale, unlike 9/5/2025.
pub fn display_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // Written out rather than through `format`, which reads its pattern again on every
    // call: a build writes dates by the hundred thousand. Years of four digits only;
    // others as chrono writes them.
    match date.year() {
        year @ 0..=9999 => {
            let month = MONTHS[date.month0() as usize];
            format!("{} {month} {year:04}", date.day())
        }
        _ => date.format("%-d %B %Y").to_string(),
    }
}

/// "2025-05-09", as `date.format("%Y-%m-%d")` writes it, faster (see `display_date`).
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match date.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", date.month(), date.day()),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// Labels for link names: well-known ones as readers know them, any other made
/// readable (`model_card` is "Model card"), never a raw key such as `url`.
fn link_label(name: &str) -> String {
    let known = match name {
        "arxiv" => "arXiv",
        "pdf" => "PDF",
        "code" => "Code",
        "github" => "GitHub",
        "project" => "Project",
        "doi" => "DOI",
        "html" => "HTML",
        "video" => "Video",
        "slides" => "Slides",
        "poster" => "Poster",
        "demo" => "Demo",
        "blog" => "Blog",
        "data" | "dataset" => "Data",
        "model" | "models" => "Model",
        "url" | "web" | "website" | "homepage" => "Web page",
        "hf" | "huggingface" | "hugging_face" => "Hugging Face",
        "openreview" => "OpenReview",
        "pwc" | "paperswithcode" => "Papers with Code",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let words = name.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// Display order of links: arXiv, PDF, code, project, DOI, then the rest by name.
fn link_rank(name: &str) -> usize {
    ["arxiv", "pdf", "code", "project", "doi"]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(5)
}

/// What a paper's values show of the rest of the site.
pub struct Surroundings<'a> {
    pub links: LinkStyle,
    pub base_url: &'a str,
    pub topics: &'a [GroupNode],
    pub authors: &'a [GroupNode],
    pub days: &'a [DayNode],
    /// Whether paper pages carry the `citation_*` tags.
    pub citation_tags: bool,
    /// Most authors a card names (`card_authors`).
    pub byline_limit: usize,
}

/// The papers' nodes in site order, with their values: kept ones for entries that are
/// unchanged in an unchanged place, new ones for the rest. Takes the entries' parts (in
/// content order), which a one-off build has no more use for once the values are made.
pub fn paper_nodes(
    around: &Surroundings,
    structure: &Structure,
    parts: Vec<Arc<PaperParts>>,
    memo: &mut Memo,
) -> Vec<PaperNode> {
    let reuse = &memo.values;
    let forgets = memo.forgets;
    let in_site_order = super::structure::permute(parts, &structure.order);
    let nodes: Vec<(PaperNode, Option<Arc<PaperValues>>)> = in_site_order
        .into_par_iter()
        .zip(&structure.placements)
        .map(|(parts, place)| {
            let key = memo::key(&parts.paper);
            let (values, new) = match reuse.take(key, |v| v.place == place.fingerprint) {
                Some(values) => (values.clone(), None),
                None => {
                    let values = Arc::new(paper_values(around, &parts, place));
                    (values.clone(), Some(values))
                }
            };
            let mut node = PaperNode {
                paper: parts.paper.clone(),
                title: parts.title.clone(),
                body: parts.body.clone(),
                place: place.clone(),
                card: values.card.clone(),
                listed: values.listed.clone(),
                page: values.page.clone(),
                citation: values.citation.clone(),
                text_key: parts.text_key,
                words: parts.words.clone(),
                similar: Default::default(),
            };
            // In a one-off build this is the last hold on the entry's parts, and the
            // node keeps only what pages read of its body: the HTML is freed here, as
            // soon as the values are made, and the next paper's values take its memory
            // rather than memory of their own beside every paper's HTML (freed at the
            // end, it stayed with the process as holes: 170 MB at 100,000 papers).
            // Under `watch` the memo keeps the parts.
            drop(parts);
            if forgets {
                super::keep_only_what_pages_read(&mut node.body);
            }
            (node, new)
        })
        .collect();
    let mut new_values = Vec::new();
    let nodes = nodes
        .into_iter()
        .map(|(node, new)| {
            if let Some(values) = new {
                new_values.push((memo::key(&node.paper), values));
            }
            node
        })
        .collect();
    if !memo.forgets {
        memo.values.keep_only_used(new_values);
    }
    nodes
}

/// Builds the values of the plain pages and the `site` value.
pub fn fill(site: &mut Site) {
    let links = site.links;
    let base_url = &site.config.base_url;
    for node in &mut site.pages {
        let p = &node.page;
        node.value = Valued::of(&PageValue {
            title: &p.title,
            path: links.link(&p.dir),
            permalink: format!("{base_url}{}", p.dir),
            content: &node.body.html,
            has_code: node.body.has_code,
            extra: &p.extra,
            source: p.source.to_string_lossy().into_owned(),
        });
    }

    let c = &site.config;
    let pages = site.pages.iter().map(|n| MenuPage {
        title: &n.page.title,
        path: links.link(&n.page.dir),
    });
    site.site_value = Valued::of(&SiteValue {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        language: &c.language,
        nav: Nav {
            home: links.link(""),
            topics: links.link(super::links::TOPICS_DIR),
            authors: links.link(super::links::AUTHORS_DIR),
            days: links.link(super::links::DAYS_DIR),
            archive: links.link(super::links::ARCHIVE_DIR),
            search: links.link(crate::produce::SEARCH_DIR),
        },
        pages: pages.collect(),
        has_authors: !site.authors.is_empty(),
        has_upvotes: site.papers.iter().any(|p| p.paper.upvotes.is_some()),
    });
}

/// What a paper's scholarly metadata is made from: for the `citation_*` tags of its
/// values, and for the JSON-LD, which its page makes (`produce::papers`), so that the
/// graph need not keep it (1.4 KB a paper).
pub fn scholarly<'a>(
    p: &'a Paper,
    title: &'a str,
    description: &'a str,
    place: &Placement,
    base_url: &str,
    authors: &'a [GroupNode],
    topics: &'a [GroupNode],
) -> Scholarly<'a> {
    Scholarly {
        title,
        permalink: format!("{base_url}{}", place.dir),
        authors: place
            .authors
            .iter()
            .map(|&a| {
                let author = &authors[a];
                (author.name.as_str(), format!("{base_url}{}", author.dir))
            })
            .collect(),
        published: p.published,
        description,
        keywords: place
            .topics
            .iter()
            .map(|&t| topics[t].name.as_str())
            .collect(),
        arxiv: p.arxiv.as_ref().map(|a| (a.id.as_str(), a.abs_url())),
        doi: p.doi(),
        // As the card's links have it: the entry's own, else arXiv's.
        pdf_url: match (p.links.get("pdf"), &p.arxiv) {
            (Some(pdf), _) => Some(pdf.clone()),
            (None, Some(id)) => Some(id.pdf_url()),
            (None, None) => None,
        },
    }
}

fn paper_values<'a>(
    around: &'a Surroundings,
    parts: &'a PaperParts,
    place: &'a Placement,
) -> PaperValues {
    let links = around.links;
    let base_url = around.base_url;
    let node_link = |g: &'a GroupNode| NodeLink {
        name: &g.name,
        path: links.link(&g.dir),
    };
    let p = &parts.paper;
    let mut link_list: Vec<(String, String)> = p
        .links
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some(id) = &p.arxiv {
        link_list.push(("arxiv".into(), id.abs_url()));
        if !p.links.contains_key("pdf") {
            link_list.push(("pdf".into(), id.pdf_url()));
        }
    }
    link_list.sort_by(|a, b| {
        link_rank(&a.0)
            .cmp(&link_rank(&b.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    let card = PaperCard {
        title: &parts.title.plain,
        title_html: &parts.title.html,
        slug: &place.slug,
        path: links.link(&place.dir),
        permalink: format!("{base_url}{}", place.dir),
        date: iso_date(p.date),
        date_display: display_date(p.date),
        day_path: links.link(&around.days[place.day].dir),
        // At the source's precision: "1967" stays a year, never 1 January 1967.
        published: p.published.map(|d| d.to_string()),
        published_display: p.published.map(|d| d.display()),
        authors: place
            .authors
            .iter()
            .map(|&a| node_link(&around.authors[a]))
            .collect(),
        byline_limit: around.byline_limit,
        topics: place
            .topics
            .iter()
            .map(|&t| node_link(&around.topics[t]))
            .collect(),
        arxiv: p.arxiv.as_ref().map(|a| ArxivValue {
            id: &a.id,
            version: a.version.as_deref(),
            url: a.abs_url(),
        }),
        links: link_list
            .into_iter()
            .map(|(name, url)| LinkValue {
                label: link_label(&name),
                name,
                url,
            })
            .collect(),
        upvotes: p.upvotes,
        draft: p.draft,
        summary: &parts.body.summary,
        has_code: parts.body.has_code,
        has_math: parts.body.has_math || parts.title.html.contains("<math"),
        description: &parts.body.description,
        extra: &p.extra,
        source: p.source.to_string_lossy().into_owned(),
    };
    let listed = ListedPaper {
        path: &card.path,
        title_html: card.title_html,
        slug: card.slug,
        date: &card.date,
        date_display: &card.date_display,
        day_path: &card.day_path,
    };
    // For the `citation_*` tags; the page makes the JSON-LD from the same.
    let scholarly = around.citation_tags.then(|| {
        scholarly(
            p,
            &parts.title.plain,
            &parts.body.description,
            place,
            base_url,
            around.authors,
            around.topics,
        )
    });
    let page = Valued::of(&PaperPageExtras {
        content: &parts.body.html,
        listing_content: listing_content(&parts.body, &place.dir).as_deref(),
        citation: scholarly.as_ref().map(Scholarly::citation),
        facts: facts(&p.extra),
        find_links: match p.arxiv {
            Some(_) => Vec::new(),
            None => find_links(card.title),
        },
    });
    let entry = bibtex::entry(p, &place.cite_key);
    let citation = Valued::of(&CitationValue {
        key: &place.cite_key,
        bibtex: &entry,
        path: super::links::cite_file(&place.dir),
    });
    let card = Valued::of(&card);
    let joint = Joint {
        first: &card,
        second: &page,
    };
    let listed = Valued::listing(&listed, joint);
    PaperValues {
        paper: parts.paper.clone(),
        place: place.fingerprint,
        listed,
        card,
        page,
        citation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let days = [
            (2025, 5, 9),
            (2024, 12, 31),
            (1999, 1, 1),
            (987, 3, 14),
            (5, 7, 30),
            (0, 2, 29),
            (10000, 1, 1),
            (-44, 3, 15),
        ];
        for (y, m, d) in days {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
            assert_eq!(display_date(date), date.format("%-d %B %Y").to_string());
        }
    }
}
