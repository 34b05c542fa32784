//! The site graph: papers, topics, authors, days and plain pages, each with its URL
//! resolved once and its template value serialized once.
//!
//! A listing page shares the values of the papers it lists instead of serializing them
//! again, and every page names the nodes it shows (see `render::jobs`), which is what
//! later makes incremental rebuilds exact.

pub mod links;
mod topics;
mod values;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;

use crate::config::Config;
use crate::content::{Content, Page, Paper};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown;
use links::LinkStyle;
pub use topics::TopicMatcher;

pub struct PaperNode {
    pub paper: Paper,
    pub slug: String,
    /// Site-relative folder, e.g. `papers/x/`.
    pub dir: String,
    pub topics: Vec<usize>,
    pub authors: Vec<usize>,
    pub day: usize,
    /// The title with its math rendered, and as plain text.
    pub title: markdown::RenderedTitle,
    /// Abstract, notes and summary as HTML (the HTML is moved into `value` once built).
    pub body: markdown::Rendered,
    /// The template value of the paper's own page: `card` plus `content`.
    pub value: Value,
    /// The template value in listings, shared by every listing the paper appears in. It
    /// leaves out the full abstract, which listings do not show.
    pub card: Value,
}

/// A topic, author or day: a named group of papers with a page of its own.
pub struct GroupNode {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub dir: String,
    /// Indices into `Site::papers`, newest first.
    pub papers: Vec<usize>,
    /// `{name, slug, description, path, count}`, for listings of groups.
    pub value: Value,
}

pub struct DayNode {
    pub date: NaiveDate,
    pub dir: String,
    pub papers: Vec<usize>,
    /// `{date, date_display, path, count}`.
    pub value: Value,
}

pub struct PageNode {
    pub page: Page,
    /// The body as HTML (moved into `value` once that is built).
    pub body: markdown::Rendered,
    pub value: Value,
}

pub struct Site {
    pub config: Config,
    pub links: LinkStyle,
    /// Newest first, then by title.
    pub papers: Vec<PaperNode>,
    /// `0..papers.len()`: the home listing, in the same form as a topic's or author's.
    pub newest_first: Vec<usize>,
    /// By name.
    pub topics: Vec<GroupNode>,
    /// By name.
    pub authors: Vec<GroupNode>,
    /// Newest first.
    pub days: Vec<DayNode>,
    pub pages: Vec<PageNode>,
    /// The small `site` object every template receives (never the whole graph).
    pub site_value: Value,
}

/// Name and slug of a group before it gets its index.
struct GroupKey {
    name: String,
    slug: String,
}

impl Site {
    pub fn build(config: Config, content: Content) -> (Site, Report) {
        let mut report = Report::default();
        let links = LinkStyle {
            explicit_index: config.explicit_index_links,
        };

        let mut papers = content.papers;
        papers.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.source.cmp(&b.source))
        });
        let titles: Vec<markdown::RenderedTitle> = papers
            .par_iter()
            .map(|p| markdown::render_title(&p.title))
            .collect();
        let slugs = assign_slugs(&papers, &titles, &mut report);

        // Topics: declared ones first, so their names and descriptions win over an entry's
        // spelling of the same topic.
        let matcher = TopicMatcher::new(&config.topics);
        let paper_topic_keys: Vec<Vec<GroupKey>> = papers
            .par_iter()
            .map(|p| match &p.topics {
                Some(names) => names.iter().map(|n| key(n)).collect(),
                None => matcher
                    .topics_for(&p.title, &p.body)
                    .into_iter()
                    .map(|t| key(&config.topics[t].name))
                    .collect(),
            })
            .collect();
        let descriptions: HashMap<String, (&str, &str)> = config
            .topics
            .iter()
            .map(|t| {
                (
                    slug::slugify(&t.name),
                    (t.name.as_str(), t.description.as_str()),
                )
            })
            .collect();
        let (mut topics, paper_topics) = group(&paper_topic_keys, links::topic_dir);
        for topic in &mut topics {
            if let Some((name, description)) = descriptions.get(&topic.slug) {
                topic.name = name.to_string();
                topic.description = description.to_string();
            }
        }
        let paper_author_keys: Vec<Vec<GroupKey>> = papers
            .iter()
            .map(|p| p.authors.iter().map(|n| key(n)).collect())
            .collect();
        let (authors, paper_authors) = group(&paper_author_keys, links::author_dir);

        let mut days: Vec<DayNode> = Vec::new();
        let mut paper_day = Vec::with_capacity(papers.len());
        for (i, p) in papers.iter().enumerate() {
            if days.last().is_none_or(|d| d.date != p.date) {
                let date = p.date.format("%Y-%m-%d").to_string();
                days.push(DayNode {
                    date: p.date,
                    dir: links::day_dir(&date),
                    papers: Vec::new(),
                    value: Value::Null,
                });
            }
            let day = days.len() - 1;
            days[day].papers.push(i);
            paper_day.push(day);
        }

        let summary_length = config.summary_length;
        let markdown_config = config.markdown.clone();
        let mut site = Site {
            site_value: Value::Null,
            links,
            papers: Vec::new(),
            newest_first: Vec::new(),
            topics: topics.into_iter().map(GroupNode::from).collect(),
            authors: authors.into_iter().map(GroupNode::from).collect(),
            days,
            pages: Vec::new(),
            config,
        };
        site.papers = papers
            .into_par_iter()
            .zip(slugs)
            .zip(paper_topics)
            .zip(paper_authors)
            .zip(paper_day)
            .zip(titles)
            .map(
                |(((((paper, slug), topics), authors), day), title)| PaperNode {
                    body: markdown::render(
                        &paper.body,
                        paper.summary.as_deref(),
                        summary_length,
                        &markdown_config,
                    ),
                    title,
                    dir: links::paper_dir(&slug),
                    slug,
                    paper,
                    topics,
                    authors,
                    day,
                    value: Value::Null,
                    card: Value::Null,
                },
            )
            .collect();
        for node in &site.papers {
            let warnings = node.title.warnings.iter().chain(&node.body.warnings);
            warnings
                .for_each(|w| report.warn(Diagnostic::new(&node.paper.source, None, w.clone())));
        }
        site.newest_first = (0..site.papers.len()).collect();
        site.pages = place_pages(content.pages, &mut report);
        for node in &mut site.pages {
            node.body = markdown::render(&node.page.body, None, 0, &site.config.markdown);
            for w in &node.body.warnings {
                report.warn(Diagnostic::new(&node.page.source, None, w.clone()));
            }
        }
        values::fill(&mut site);
        report.sort();
        (site, report)
    }
}

fn key(name: &str) -> GroupKey {
    GroupKey {
        name: name.to_string(),
        slug: slug::slugify(name),
    }
}

/// A group (topic or author) while the graph is being built.
struct Group {
    name: String,
    slug: String,
    description: String,
    dir: String,
    papers: Vec<usize>,
}

impl From<Group> for GroupNode {
    fn from(g: Group) -> GroupNode {
        GroupNode {
            name: g.name,
            slug: g.slug,
            description: g.description,
            dir: g.dir,
            papers: g.papers,
            value: Value::Null,
        }
    }
}

/// Turns each paper's list of group names into groups sorted by name, and each paper's
/// list into indices of those groups. Names with the same slug are one group; the first
/// spelling met (in paper order) names it.
fn group(
    keys_per_paper: &[Vec<GroupKey>],
    dir_of: fn(&str) -> String,
) -> (Vec<Group>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<&str, Group> = BTreeMap::new();
    for (paper, keys) in keys_per_paper.iter().enumerate() {
        for k in keys {
            let g = by_slug.entry(&k.slug).or_insert_with(|| Group {
                name: k.name.clone(),
                slug: k.slug.clone(),
                description: String::new(),
                dir: dir_of(&k.slug),
                papers: Vec::new(),
            });
            if g.papers.last() != Some(&paper) {
                g.papers.push(paper);
            }
        }
    }
    let mut groups: Vec<Group> = by_slug.into_values().collect();
    groups.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let index: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.slug.as_str(), i))
        .collect();
    let per_paper = keys_per_paper
        .iter()
        .map(|keys| {
            let mut ids: Vec<usize> = Vec::with_capacity(keys.len());
            for k in keys {
                let id = index[k.slug.as_str()];
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids
        })
        .collect();
    (groups, per_paper)
}

/// Gives every paper a unique slug. When two papers want the same one, the entry whose
/// file path sorts first keeps it and the others get `-2`, `-3`, ... (a warning says so),
/// so the choice does not move when dates or titles are edited.
fn assign_slugs(
    papers: &[Paper],
    titles: &[markdown::RenderedTitle],
    report: &mut Report,
) -> Vec<String> {
    let wanted: Vec<String> = papers
        .iter()
        .zip(titles)
        .map(|(p, t)| {
            p.slug
                .clone()
                .unwrap_or_else(|| links::title_slug(&t.plain))
        })
        .collect();
    let mut order: Vec<usize> = (0..papers.len()).collect();
    order.sort_by(|&a, &b| papers[a].source.cmp(&papers[b].source));

    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut first_claims: HashMap<&str, usize> = HashMap::new();
    for &i in &order {
        first_claims.entry(wanted[i].as_str()).or_insert(i);
    }
    let mut slugs = vec![String::new(); papers.len()];
    // First pass: every first claimant keeps its slug, so a later `x-2` never steals
    // the slug of a paper that really is titled "X 2".
    for (&slug, &i) in &first_claims {
        taken.insert(slug.to_string(), i);
        slugs[i] = slug.to_string();
    }
    for &i in &order {
        if !slugs[i].is_empty() {
            continue;
        }
        let base = &wanted[i];
        let mut n = 2;
        let slug = loop {
            let candidate = format!("{base}-{n}");
            if !taken.contains_key(&candidate) {
                break candidate;
            }
            n += 1;
        };
        let first = &papers[first_claims[base.as_str()]];
        report.warn(Diagnostic::new(
            &papers[i].source,
            None,
            format!(
                "slug {base:?} is also wanted by {}; this paper is published at papers/{slug}/ (set `slug` in its front matter to choose another)",
                first.source.display()
            ),
        ));
        taken.insert(slug.clone(), i);
        slugs[i] = slug;
    }
    slugs
}

/// Checks plain pages' folders: none may take a folder paperpress writes, nor another page's.
fn place_pages(mut pages: Vec<Page>, report: &mut Report) -> Vec<PageNode> {
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let mut seen: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut placed = Vec::new();
    for page in pages {
        let top = page.dir.split('/').next().unwrap_or("");
        if page.dir.is_empty() || links::RESERVED_DIRS.contains(&top) {
            report.error(Diagnostic::new(
                &page.source,
                None,
                format!(
                    "this page would be written to /{}, which paperpress uses for its own pages; move or rename the file, or set `slug`",
                    page.dir
                ),
            ));
            continue;
        }
        if let Some(other) = seen.get(&page.dir) {
            report.error(Diagnostic::new(
                &page.source,
                None,
                format!(
                    "/{} is also the address of {}; rename one of them or set `slug`",
                    page.dir,
                    other.display()
                ),
            ));
            continue;
        }
        seen.insert(page.dir.clone(), page.source.clone());
        placed.push(PageNode {
            page,
            body: markdown::Rendered::default(),
            value: Value::Null,
        });
    }
    placed
}
